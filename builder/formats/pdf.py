"""The note as a PDF, through a warm LibreOffice: an optional converter, kept alive across requests.

LibreOffice is optional. Where Debian's `libreoffice-writer-nogui` and `python3-uno` are installed
(`make test` installs them), `Converter.available` is true and the download page offers "Download
als PDF". The converter is one worker process (pdf_worker.py under the Python that has `uno`) with
its own soffice and its own profile folder; it starts on first use and stays warm. One conversion
runs at a time per app process (LibreOffice does one document at a time); a request that waits
longer than the timeout, or a conversion that takes longer, gets a `PdfError` (the view shows a
Dutch message), and a converter that timed out or died is stopped and started afresh on the next
request. Nothing here keeps user data: each conversion uses its own temporary folder.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

WORKER = Path(__file__).with_name("pdf_worker.py")
UNO_PATHS = ("/usr/lib/python3/dist-packages/uno.py", "/usr/lib/libreoffice/program/uno.py")


class PdfError(RuntimeError):
    """A conversion that failed or took too long; `kind` is "busy", "timeout" or "failed"."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


def libreoffice_found(python: str) -> bool:
    """True when soffice is on the PATH and `python` is a Python with LibreOffice's uno module beside it."""
    return bool(shutil.which("soffice")) and Path(python).exists() and any(Path(p).exists() for p in UNO_PATHS)


class Converter:
    """One warm LibreOffice for this process: `convert(docx_bytes)` gives the PDF's bytes and page count."""

    def __init__(self, python: str = "/usr/bin/python3", timeout: float = 20.0, start_timeout: float = 60.0):
        self.python = python
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.available = libreoffice_found(python)
        self._lock = threading.RLock()  # stop() may come from inside a conversion or from outside
        self._process: subprocess.Popen | None = None
        self._profile: str | None = None

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

    def convert(self, docx: bytes) -> tuple[bytes, int]:
        """The PDF of a .docx made with page tokens (`render_note(..., page_tokens=True)`), and its page count."""
        if not self.available:
            raise PdfError("failed", "LibreOffice is not installed")
        if not self._lock.acquire(timeout=self.timeout):
            raise PdfError("busy")
        try:
            return self._convert(docx)
        finally:
            self._lock.release()

    def _convert(self, docx: bytes) -> tuple[bytes, int]:
        self._ensure_started()
        with tempfile.TemporaryDirectory(prefix="bouwpakket-pdf-") as folder:
            source, target = Path(folder, "nota.docx"), Path(folder, "nota.pdf")
            source.write_bytes(docx)
            answer = self._ask({"docx": str(source), "pdf": str(target)}, self.timeout)
            if not answer.get("ok") or not target.exists():
                self.stop()  # a converter that failed once may be broken: start afresh next time
                raise PdfError("failed", str(answer.get("error", "no PDF written")))
            return target.read_bytes(), int(answer.get("pages", 0))

    def _ensure_started(self) -> None:
        if self.pid is not None:
            return
        self._stop()
        self._profile = tempfile.mkdtemp(prefix="bouwpakket-lo-profile-")
        pipe = f"bouwpakket-{os.getpid()}-{time.monotonic_ns()}"
        self._process = subprocess.Popen(
            [self.python, str(WORKER), self._profile, pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group: stopping it stops its soffice too
        )
        self._read(self.start_timeout)

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
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


RUNNING: dict[tuple[str, float], Converter] = {}  # one per process and setting: an app made twice shares it


def converter_for(python: str, timeout: float) -> Converter | None:
    """This process's converter for these settings, or None where LibreOffice is not installed."""
    if (python, timeout) not in RUNNING:
        RUNNING[(python, timeout)] = Converter(python, timeout=timeout)
    found = RUNNING[(python, timeout)]
    return found if found.available else None


@atexit.register
def _stop_all() -> None:
    for converter in RUNNING.values():
        converter.stop()
