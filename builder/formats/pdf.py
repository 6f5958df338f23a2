"""The note as a PDF, through a warm LibreOffice: an optional converter, kept alive across requests.

LibreOffice is optional. Where Debian's `libreoffice-writer-nogui` and `python3-uno` are installed
(`make test` installs them), `Converter.available` is true and the download page offers "Download
als PDF". The converter is one worker process (pdf_worker.py under the Python that has `uno`) with
its own soffice and its own profile folder; it starts on first use and stays warm. One conversion
runs at a time per app process (LibreOffice does one document at a time); a request that waits
longer than the timeout, or a conversion that takes longer, gets a `PdfError` (the view shows a
Dutch message), and a converter that timed out or died is stopped and started afresh on the next
request. Nothing here keeps user data: each conversion uses its own folder, removed afterwards.

The converter reads files that anyone may have shaped (a template, a note brought back), so it
runs as if they were hostile even after the upload checks (formats/upload.py): in a sandbox
(`sandbox_command`) with no network at all and, with bubblewrap, no file of the machine but the
system's programs and fonts (read-only) and its own work folder; LibreOffice is told not to update
links or load anything from outside (pdf_worker.py). Where no sandbox can be made, the converter
is not offered (the log says why) unless `PDF_SANDBOX` is set to false.
Turns at the converter go round the clients (`FairTurns`): many PDFs asked by one client wait
behind one of each other client's.
"""

from __future__ import annotations

import atexit
import io
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORKER = Path(__file__).with_name("pdf_worker.py")
UNO_PATHS = ("/usr/lib/python3/dist-packages/uno.py", "/usr/lib/libreoffice/program/uno.py")
LOG = logging.getLogger("bouwpakket.pdf")
# What the converter may read inside bubblewrap besides its work folder: programs, libraries, fonts (read-only).
READ_ONLY = ("/usr", "/etc/fonts", "/etc/libreoffice", "/etc/ld.so.cache", "/etc/alternatives", "/var/cache/fontconfig")
MAX_WAITING_PER_CLIENT = 2
LAYOUT_WAIT = 5  # seconds a .docx download waits for the converter; then it comes without page numbers


class PdfError(RuntimeError):
    """A conversion that failed or took too long; `kind` is "busy", "timeout" or "failed"."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


def libreoffice_found(python: str) -> bool:
    """True when soffice is on the PATH and `python` is a Python with LibreOffice's uno module beside it."""
    return bool(shutil.which("soffice")) and Path(python).exists() and any(Path(p).exists() for p in UNO_PATHS)


def bubblewrap(work: str) -> list[str]:
    """The command that runs a program without network, seeing only the system read-only and `work` writable."""
    command = ["bwrap", "--unshare-all", "--die-with-parent"]  # no --new-session: one process group to stop
    for path in READ_ONLY:
        command += ["--ro-bind-try", path, path]
    for name in ("lib", "lib64", "bin", "sbin"):
        if os.path.islink(f"/{name}"):
            command += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
    command += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", work, work]
    return command + ["--setenv", "HOME", work, "--chdir", work]


def unshared() -> list[str]:
    """The command that runs a program in a network namespace of its own (as root, or in a user namespace)."""
    return ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]


def sandbox_command(work: str) -> tuple[str, list[str]] | None:
    """The best sandbox this machine allows for a program working in `work`: ("bubblewrap"|"unshare", prefix).

    Tried once with /bin/true; None when neither bubblewrap nor a network namespace can be made."""
    candidates = []
    if shutil.which("bwrap"):
        candidates.append(("bubblewrap", bubblewrap(work)))
    if shutil.which("unshare"):
        candidates.append(("unshare", unshared()))
    for kind, prefix in candidates:
        try:
            done = subprocess.run([*prefix, "/bin/true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return kind, prefix
        LOG.warning("PDF sandbox %s is not available here: %s", kind, done.stderr.decode(errors="replace")[:200])
    return None


SECONDS_PER_MB = 4  # conversion time allowed beyond the timeout per MB of the document's text


def conversion_seconds(docx: bytes, timeout: float) -> float:
    """How long converting this document may take: the timeout, and more for a very long note.

    The largest note the limits allow (300 own agreements of 20,000 characters: 1,627 pages) takes
    ~24 s here; a fixed 20 s timed it out every time."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            size = package.getinfo("word/document.xml").file_size
    except (KeyError, zipfile.BadZipFile):
        return timeout
    return timeout + SECONDS_PER_MB * size / 1_000_000


class FairTurns:
    """Turns at one converter, given round the clients: each waiting client in turn, oldest request first.

    A client may have MAX_WAITING_PER_CLIENT requests waiting or running; more are refused at once."""

    def __init__(self):
        self._changed = threading.Condition()
        self._waiting: OrderedDict[str, deque] = OrderedDict()
        self._busy = False

    def acquire(self, client: str, timeout: float) -> bool:
        """Wait for this client's turn (True), or give up after `timeout` seconds or when it asks too much (False)."""
        ticket = object()
        deadline = time.monotonic() + timeout
        with self._changed:
            queue = self._waiting.setdefault(client, deque())
            if len(queue) >= MAX_WAITING_PER_CLIENT:
                return False
            queue.append(ticket)
            while self._busy or next(iter(self._waiting.values()))[0] is not ticket:
                left = deadline - time.monotonic()
                if left <= 0 or not self._changed.wait(left):
                    if self._busy or next(iter(self._waiting.values()))[0] is not ticket:
                        self._leave(client, ticket)
                        return False
            self._leave(client, ticket)
            if client in self._waiting:
                self._waiting.move_to_end(client)  # the others' turn before this client's next request
            self._busy = True
            return True

    def _leave(self, client: str, ticket: object) -> None:
        queue = self._waiting[client]
        queue.remove(ticket)
        if not queue:
            del self._waiting[client]
        self._changed.notify_all()

    def release(self) -> None:
        """The conversion is done: the next client's turn."""
        with self._changed:
            self._busy = False
            self._changed.notify_all()


class Converter:
    """One warm LibreOffice for this process: `convert(docx_bytes)` gives the PDF's bytes and page count,
    `page_numbers(docx_bytes)` the page of each heading in the table of contents."""

    def __init__(
        self,
        python: str = "/usr/bin/python3",
        timeout: float = 20.0,
        start_timeout: float = 60.0,
        sandbox: bool = True,
    ):
        self.python = python
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.available = libreoffice_found(python)
        self.sandbox: str | None = None  # "bubblewrap" or "unshare" once started
        self._require_sandbox = sandbox
        if self.available and sandbox:
            found = sandbox_command(tempfile.gettempdir())
            if found is None:
                LOG.error("No sandbox for the PDF converter (bubblewrap or unshare -n): PDF downloads are off")
                self.available = False
        self._lock = threading.RLock()  # stop() may come from inside a conversion or from outside
        self._turns = FairTurns()
        self._process: subprocess.Popen | None = None
        self._work: str | None = None

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (its soffice is in the same process group)."""
        return self._process.pid if self._process and self._process.poll() is None else None

    def warm(self) -> None:
        """Start the converter in the background, so the first PDF does not wait for LibreOffice to start."""
        if self.available and self.pid is None:
            threading.Thread(target=self._warm_now, daemon=True).start()

    def _warm_now(self) -> None:
        if self._lock.acquire(timeout=self.timeout):
            try:
                self._ensure_started()
            except PdfError:
                pass
            finally:
                self._lock.release()

    def convert(self, docx: bytes, client: str = "") -> tuple[bytes, int]:
        """The PDF of a .docx made with page tokens (`render_note(..., page_tokens=True)`), and its page count.

        `client` (an address or a browser) decides whose turn it is when several wait (`FairTurns`)."""
        answer = self._turn(docx, client, pdf=True)
        return answer["pdf"], int(answer.get("pages", 0))

    def page_numbers(self, docx: bytes, client: str = "") -> dict[str, int]:
        """The page of each table of contents entry's heading (by bookmark) as LibreOffice lays the note out.

        The .docx is made with page tokens, as for `convert`; no PDF is written (the download of the
        .docx writes these numbers into its table of contents, `word.with_page_numbers`)."""
        answer = self._turn(docx, client, pdf=False, wait=min(self.timeout, LAYOUT_WAIT))
        return {str(name): int(page) for name, page in answer.get("toc", {}).items()}

    def _turn(self, docx: bytes, client: str, pdf: bool, wait: float | None = None) -> dict:
        if not self.available:
            raise PdfError("failed", "LibreOffice is not installed")
        wait = self.timeout if wait is None else wait
        if not self._turns.acquire(client, wait):
            raise PdfError("busy")
        try:
            if not self._lock.acquire(timeout=wait):
                raise PdfError("busy")
            try:
                return self._ask_worker(docx, pdf)
            finally:
                self._lock.release()
        finally:
            self._turns.release()

    def _ask_worker(self, docx: bytes, pdf: bool) -> dict:
        self._ensure_started()
        with tempfile.TemporaryDirectory(prefix="job-", dir=self._work) as folder:
            source, target = Path(folder, "nota.docx"), Path(folder, "nota.pdf")
            source.write_bytes(docx)
            request = {"docx": str(source), **({"pdf": str(target)} if pdf else {"layout": True})}
            answer = self._ask(request, conversion_seconds(docx, self.timeout))
            if not answer.get("ok") or (pdf and not target.exists()):
                self.stop()  # a converter that failed once may be broken: start afresh next time
                raise PdfError("failed", str(answer.get("error", "no PDF written")))
            if pdf:
                answer["pdf"] = target.read_bytes()
            return answer

    def _ensure_started(self) -> None:
        if self.pid is not None:
            return
        self._stop()
        self._work = tempfile.mkdtemp(prefix="bouwpakket-pdf-")
        worker = Path(self._work, WORKER.name)
        shutil.copyfile(WORKER, worker)  # inside the sandbox, the app's own folder is not there
        prefix: list[str] = []
        found = sandbox_command(self._work) if self._require_sandbox else None
        if found is not None:
            self.sandbox, prefix = found
            if self.sandbox != "bubblewrap":
                LOG.warning("The PDF converter runs without network but sees the machine's files (no bubblewrap)")
        elif self._require_sandbox:
            raise PdfError("failed", "no sandbox for the converter")
        else:
            self.sandbox = None
            LOG.warning("The PDF converter runs WITHOUT a sandbox (PDF_SANDBOX is off)")
        pipe = f"bouwpakket-{os.getpid()}-{time.monotonic_ns()}"
        command = [*prefix, self.python, str(worker), str(Path(self._work, "profile")), pipe]
        self._process = spawner().submit(self._popen, command).result()
        self._read(self.start_timeout)

    @staticmethod
    def _popen(command: list[str]) -> subprocess.Popen:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group: stopping it stops its soffice too
        )

    def _ask(self, request: dict, timeout: float) -> dict:
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            self.stop()
            raise PdfError("failed", f"converter gone: {error}") from None
        return self._read(timeout)

    def _read(self, timeout: float) -> dict:
        """One answer line from the worker; stops it and raises PdfError on a timeout or when it died."""
        if self._process is None:
            raise PdfError("failed", "the converter was stopped")
        ready, _w, _x = select.select([self._process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            raise PdfError("timeout", f"no answer within {timeout:.0f} s")
        line = self._process.stdout.readline()
        if not line:
            self.stop()
            raise PdfError("failed", "the converter stopped")
        return json.loads(line)

    def stop(self) -> None:
        """Stop the worker and its soffice (the whole process group) and remove its profile."""
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream:
                    stream.close()
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None


_SPAWNER: dict[int, ThreadPoolExecutor] = {}  # by process id: a forked worker makes its own thread


def spawner() -> ThreadPoolExecutor:
    """The one thread that starts converters, alive as long as the process.

    bubblewrap's --die-with-parent stops the sandbox when the *thread* that started it ends: a
    converter started by `warm()`'s short-lived thread was killed a moment after it was ready, and a
    request that reached it then failed. Started from this thread, it lives until it is stopped."""
    pid = os.getpid()
    if pid not in _SPAWNER:
        _SPAWNER.clear()
        _SPAWNER[pid] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-start")
    return _SPAWNER[pid]


RUNNING: dict[tuple[str, float, bool], Converter] = {}  # one per process and setting: an app made twice shares it


def converter_for(python: str, timeout: float, sandbox: bool = True) -> Converter | None:
    """This process's converter for these settings, or None where LibreOffice (or a sandbox) is missing."""
    key = (python, timeout, sandbox)
    if key not in RUNNING:
        RUNNING[key] = Converter(python, timeout=timeout, sandbox=sandbox)
    found = RUNNING[key]
    return found if found.available else None


@atexit.register
def _stop_all() -> None:
    for converter in RUNNING.values():
        converter.stop()
