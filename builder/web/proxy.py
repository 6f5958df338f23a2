"""Serving as in production: gunicorn's sync workers behind nginx, started and stopped as one.

A sync worker is the fastest way to serve this app (one request at a time per process, nothing
shared between threads), but it waits for as long as its client takes to send a request or to
read an answer: a few clients sending their headers a byte at a time stall every worker. nginx
does that waiting instead. It reads each request whole (headers, then the body, buffered) before
a worker sees it, takes each answer whole so that the worker is free at once, and serves
builder/static/ from disk.

`flask --app wsgi serve` (`make run`) renders templates/serving/nginx.conf into a run folder
(instance/serving/ by default), starts gunicorn on a unix socket there, then nginx on HOST:PORT,
and stops both on Ctrl+C or SIGTERM. Neither needs root: everything nginx writes is in the run
folder. No private token reaches a log: gunicorn's access log is hidden by its own logger
(`serving.RedactingLogger`), and whatever else either prints goes through `serving.redact()`.
docs/operations.md says what this protects against.
"""

from __future__ import annotations

import fcntl
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import jinja2

from ..paths import PROJECT_ROOT, bundled
from .security import CONTENT_SECURITY_POLICY, UPLOAD_MAX_BYTES
from .serving import redact

GUNICORN_CONFIG = PROJECT_ROOT / "gunicorn.conf.py"
NGINX_PLACES = ("nginx", "/usr/sbin/nginx")  # Debian puts it in /usr/sbin, not on a normal user's PATH
SAFE_PATH = re.compile(r"[A-Za-z0-9_./+@-]+")  # nothing nginx would read as a variable, quote or separator
SOCKET_PATH_MAX = 100  # bytes; a unix socket's path must fit in 108
BODY_MARGIN = 1024 * 1024  # above the app's own limit, so that the app's Dutch 413 page answers first
START_SECONDS = 30
DEFAULT_WORKERS = 2  # as gunicorn.conf.py says, when `serve --workers` does not
PAGES = {  # what nginx says itself, in Dutch (templates/serving/error_page.html)
    "onbereikbaar.html": (
        "Even niet bereikbaar",
        "Bouwpakket start opnieuw op of is even te druk. Probeer het over een minuut opnieuw: "
        "wat je al bewaard had, blijft bewaard.",
    ),
    "druk.html": (
        "Even geduld",
        "Er worden nu veel bestanden tegelijk opgeladen. Je bestand is niet bewaard: probeer het over een "
        "minuut opnieuw.",
    ),
    "te-groot.html": (
        "Te groot om te versturen",
        "Wat je wilde versturen, is groter dan Bouwpakket aanneemt. Een bestand mag hoogstens 5 MB groot zijn.",
    ),
}


class ServeError(RuntimeError):
    """Why serving could not start (nginx missing, port taken, run folder in use), in one sentence."""


@dataclass(frozen=True)
class Plan:
    """What to serve where: nginx on host:port in front of gunicorn's workers on a socket in `run_dir`."""

    host: str
    port: int
    run_dir: Path
    static_dir: Path
    max_body_bytes: int
    workers: int | None = None  # None: as gunicorn.conf.py says
    app_spec: str = "wsgi:app"
    env: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def socket(self) -> Path:
        """gunicorn's unix socket, which only nginx (the same user) can reach."""
        return self.run_dir / "gunicorn.sock"

    @property
    def upload_slots(self) -> int:
        """How many uploads nginx lets through at once: one worker fewer than there are, so pages always get one."""
        return max(1, (self.workers or DEFAULT_WORKERS) - 1)

    @property
    def config(self) -> Path:
        """The rendered nginx configuration."""
        return self.run_dir / "nginx.conf"

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def plan_for(app, host: str, port: int, run_dir: str | Path | None = None, workers: int | None = None) -> Plan:
    """The plan for this app's settings: its static folder, its largest request, its instance folder."""
    largest = max(app.config.get("MAX_CONTENT_LENGTH") or 0, UPLOAD_MAX_BYTES)
    return Plan(
        host=host,
        port=port,
        run_dir=Path(run_dir or Path(app.instance_path) / "serving").resolve(),
        static_dir=Path(app.static_folder).resolve(),
        max_body_bytes=largest + BODY_MARGIN,
        workers=workers,
    )


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled("templates") / "serving"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _checked(path: Path) -> str:
    text = str(path)
    if not SAFE_PATH.fullmatch(text):
        raise ServeError(f"{text}: nginx's configuration takes only letters, digits and _ . / + @ - in a path")
    return text


def render(plan: Plan) -> str:
    """templates/serving/nginx.conf for this plan."""
    if len(str(plan.socket).encode()) > SOCKET_PATH_MAX:
        raise ServeError(f"{plan.socket} is too long for a unix socket: choose a shorter --run-dir")
    user = ""
    if os.geteuid() == 0:  # started by root, nginx's workers would become "nobody": keep them this user's
        user = f"{pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name}"
    listen = f"[{plan.host}]:{plan.port}" if ":" in plan.host else f"{plan.host}:{plan.port}"
    return (
        _templates()
        .get_template("nginx.conf")
        .render(
            user=user,
            nginx_workers=1,
            run_dir=_checked(plan.run_dir),
            static_dir=_checked(plan.static_dir),
            socket=_checked(plan.socket),
            listen=listen,
            max_body_bytes=plan.max_body_bytes,
            upload_slots=plan.upload_slots,
            content_security_policy=CONTENT_SECURITY_POLICY,
        )
    )


def nginx_binary() -> str | None:
    """The nginx program, or None when it is not installed (`make run` installs Debian's)."""
    for place in NGINX_PLACES:
        found = shutil.which(place)
        if found:
            return found
    return None


def _write_run_dir(plan: Plan) -> None:
    plan.run_dir.mkdir(parents=True, exist_ok=True)
    plan.run_dir.chmod(0o700)
    plan.config.write_text(render(plan), encoding="utf-8")
    pages = plan.run_dir / "pages"
    pages.mkdir(exist_ok=True)
    page = jinja2.Environment(autoescape=True, loader=_templates().loader).get_template("error_page.html")
    for name, (title, message) in PAGES.items():
        (pages / name).write_text(page.render(title=title, message=message), encoding="utf-8")


def _port_is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _answers(address, family=socket.AF_INET) -> bool:
    with socket.socket(family) as probe:
        probe.settimeout(1)
        try:
            probe.connect(address)
        except OSError:
            return False
    return True


def _has_file(stream: IO[str]) -> bool:
    """True when another process can write to `stream` (it is a file or a terminal, not a buffer in memory)."""
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return False
    return True


class Stack:
    """nginx and gunicorn for one plan: `start()` both (gunicorn first), `wait()`, `stop()` both.

    Their output goes to `log` (default: this process's stderr) with private tokens hidden: gunicorn's
    access log (one line per request, on its stdout) straight from its own `RedactingLogger`,
    everything else either prints through a thread here that runs `redact()` over each line.
    """

    def __init__(self, plan: Plan, log: IO[str] | None = None):
        self.plan, self.log = plan, log
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self._lock_file: IO | None = None
        self._copiers: list[threading.Thread] = []

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        """Check, render, then start gunicorn and, once its socket answers, nginx; ServeError says what failed."""
        nginx = nginx_binary()
        if not GUNICORN_CONFIG.exists():
            raise ServeError(f"{GUNICORN_CONFIG} not found: `serve` runs from a checkout of the project")
        if not nginx:
            raise ServeError("nginx is not installed: `make run` installs Debian's (apt-get install nginx)")
        try:
            self._take_run_dir()
            if not _port_is_free(self.plan.host, self.plan.port):
                raise ServeError(f"{self.plan.host}:{self.plan.port} is in use: stop what listens there or use --port")
            _write_run_dir(self.plan)
            nginx_command = [nginx, "-p", str(self.plan.run_dir), "-c", str(self.plan.config), "-e", "stderr"]
            checked = subprocess.run([*nginx_command, "-q", "-t"], capture_output=True, text=True)
            if checked.returncode:
                raise ServeError(f"nginx refused {self.plan.config}: {redact(checked.stderr.strip())}")
            self.gunicorn = self._spawn(self._gunicorn_command(), self._gunicorn_env(), access_log=True)
            self._wait_for("gunicorn", self.gunicorn, str(self.plan.socket), socket.AF_UNIX)
            self.nginx = self._spawn(nginx_command, os.environ)
            family = socket.AF_INET6 if ":" in self.plan.host else socket.AF_INET
            self._wait_for("nginx", self.nginx, (self.plan.host, self.plan.port), family)
        except BaseException:
            self.stop()
            raise

    def _take_run_dir(self) -> None:
        self.plan.run_dir.mkdir(parents=True, exist_ok=True)
        self._lock_file = (self.plan.run_dir / "serve.lock").open("w")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            self._lock_file = None
            raise ServeError(f"{self.plan.run_dir} is in use by another `serve`: stop it or use --run-dir") from None

    def _gunicorn_command(self) -> list[str]:
        command = [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)]
        command += ["--bind", f"unix:{self.plan.socket}"]
        if self.plan.workers:
            command += ["--workers", str(self.plan.workers)]
        return [*command, self.plan.app_spec]

    def _gunicorn_env(self) -> dict[str, str]:
        # nginx is one hop that always sets X-Forwarded-For and -Proto: the app may trust exactly that.
        return {**os.environ, **self.plan.env, "BOUWPAKKET_PROXY_FIX": "true"}

    def _spawn(self, command: list[str], env, access_log: bool = False) -> subprocess.Popen:
        """Start `command`; with `access_log`, its stdout (gunicorn's access log, redacted as it is written) goes to
        the log directly, not through Python for every request; what else it prints is copied by a thread."""
        out = self.log or sys.stderr
        out.flush()
        access_log = access_log and _has_file(out)
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out if access_log else subprocess.PIPE,
            stderr=subprocess.PIPE if access_log else subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        stream = process.stderr if access_log else process.stdout
        copier = threading.Thread(target=self._copy, args=(stream,), daemon=True)
        copier.start()
        self._copiers.append(copier)
        return process

    def _copy(self, stream: IO[str]) -> None:
        out = self.log or sys.stderr
        for line in stream:
            out.write(redact(line))
            out.flush()

    def _wait_for(self, name: str, process: subprocess.Popen, address, family) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(address, family):
            if process.poll() is not None:
                raise ServeError(f"{name} stopped at start (exit code {process.returncode}); its output is above")
            if time.monotonic() > deadline:
                raise ServeError(f"{name} did not answer within {START_SECONDS} s")
            time.sleep(0.05)

    def wait(self) -> int:
        """Block until nginx or gunicorn ends; its exit code (both are expected to run until stop())."""
        while True:
            for process in (self.gunicorn, self.nginx):
                if process is not None and process.poll() is not None:
                    return process.returncode
            time.sleep(0.2)

    def stop(self) -> None:
        """nginx first (no new requests), then gunicorn (finishing the ones it has); both gracefully."""
        for process, graceful, seconds in ((self.nginx, signal.SIGQUIT, 10), (self.gunicorn, signal.SIGTERM, 35)):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(graceful)
            try:
                process.wait(seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for copier in self._copiers:
            copier.join(5)
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
