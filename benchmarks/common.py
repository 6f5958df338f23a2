"""What the benchmarks share: a database with the catalogue, gunicorn on loopback, an HTTP client."""

from __future__ import annotations

import atexit
import html
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(folder: Path | None = None) -> Path:
    """A new database file with the schema and every edition in agreements/."""
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="bouwpakket-bench-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "bench.sqlite3"
    env = {**os.environ, "BOUWPAKKET_DATABASE": str(path), "BOUWPAKKET_SECRET_KEY": "b" * 64}
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "catalogue", "load"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return path


def server_env(database: Path, real_limits: bool = False) -> dict[str, str]:
    """The environment a benchmark's server runs in: its database, a key, and (by default) no write limits."""
    env = {
        **os.environ,
        "BOUWPAKKET_DATABASE": str(database),
        "BOUWPAKKET_SECRET_KEY": "b" * 64,
        "PYTHONPATH": str(ROOT),
    }
    if not real_limits:  # a benchmark's users all come from 127.0.0.1: the abuse run keeps the real limits
        unlimited = [10**9, 10**9, 60]
        env["BOUWPAKKET_RATE_LIMITS"] = json.dumps({"new-note": unlimited, "suggestion": unlimited})
    return env


class Server:
    """gunicorn alone (no proxy) serving `app_spec` on a free loopback port; stop() ends it."""

    def __init__(
        self,
        database: Path,
        workers: int = 2,
        app_spec: str = "wsgi:app",
        log: Path | None = None,
        extra: list[str] | None = None,
        real_limits: bool = False,
    ):
        self.port = free_port()
        self.log_path = log or database.with_suffix(".log")
        env = server_env(database, real_limits)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                *(extra or []),
                app_spec,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        for _ in range(400):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/static/style.css")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not start; see {self.log_path}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


class ProxiedServer:
    """The shipped setup (`flask --app wsgi serve`): nginx on a free loopback port, gunicorn's sync workers behind."""

    def __init__(
        self,
        database: Path,
        workers: int = 2,
        app_spec: str = "wsgi:app",
        log: Path | None = None,
        real_limits: bool = False,
    ):
        from builder.web.proxy import BODY_MARGIN, UPLOAD_MAX_BYTES, Plan, Stack

        self.port = free_port()
        name = "floor" if "floor" in app_spec else "app"
        self.log_path = log or database.with_name(f"proxied-{name}-{self.port}.log")
        run_dir = Path(tempfile.mkdtemp(prefix="bouwpakket-serve-"))
        atexit.register(shutil.rmtree, run_dir, ignore_errors=True)
        plan = Plan(
            host="127.0.0.1",
            port=self.port,
            run_dir=run_dir,
            static_dir=ROOT / "builder" / "static",
            max_body_bytes=UPLOAD_MAX_BYTES + BODY_MARGIN,
            workers=workers,
            app_spec=app_spec,
            env=server_env(database, real_limits),
        )
        self.log = self.log_path.open("w")
        self.stack = Stack(plan, log=self.log)
        self.stack.start()
        self.process = self.stack.gunicorn  # the gunicorn master, whose children are the workers

    def stop(self) -> None:
        self.stack.stop()
        self.log.close()


def slow_clients(port: int, count: int, seconds: float) -> dict:
    """`count` clients that send their headers a byte at a time for `seconds`, while one normal user asks for `/`.

    A slow client that is cut off (nginx gives headers 10 s) connects again at once, so that `count`
    of them press on the server all the time. Returns the normal requests' count, worst and p50 wait
    (a request that failed counts with the time it took to fail).
    """
    deadline = time.monotonic() + seconds
    opened = [0]

    def dribble() -> None:
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=seconds + 5) as sock:
                    opened[0] += 1
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                    while time.monotonic() < deadline:
                        time.sleep(0.1)
                        sock.send(b"a")
            except OSError:
                time.sleep(0.05)

    threads = [threading.Thread(target=dribble, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # every slow client is connected and dribbling
    waits, statuses = [], []
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            status = Client(port).request("GET", "/")[0]
        except OSError:
            status = 0
        waits.append(time.perf_counter() - started)
        statuses.append(status)
        time.sleep(0.05)
    for thread in threads:
        thread.join(seconds + 5)
    return {
        "slow_clients": count,
        "seconds": seconds,
        "connections_opened": opened[0],
        "requests": len(waits),
        "answered_200": statuses.count(200),
        "worst_wait_s": round(max(waits), 3),
        "p50_wait_s": round(statistics.median(waits), 4),
    }


class Client:
    """One user: a session cookie, forms read from the page like a browser would."""

    def __init__(self, port: int):
        self.port, self.cookie = port, ""
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, bytes, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        conn.close()
        return response.status, response.getheader("Location") or "", data, elapsed


def worker_pids(master: int) -> list[int]:
    """The process ids of a gunicorn master's workers."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                children.append(int(entry.name))
    return children


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def hidden(page: bytes | str, name: str) -> str:
    text = page.decode() if isinstance(page, bytes) else page
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', text)
    if not tag:
        return ""
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


class _FormReader(HTMLParser):
    """The fields a browser sends for the first form with `css_class`: inputs, ticked boxes, text areas, selects."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.fields = css_class, {}
        self.state = "before"  # before, inside, after the form
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.state == "before" and self.css_class in (a.get("class") or "").split():
            self.state = "inside"
        if self.state != "inside":
            return
        if tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value") or ""
        if "name" not in a:
            return
        name, kind = a["name"], a.get("type")
        if tag == "input" and (kind not in ("checkbox", "radio", "submit") or "checked" in a):
            self.fields.setdefault(name, a.get("value") or "")
        elif tag == "textarea":
            self.textarea, self.fields[name] = name, ""
        elif tag == "select":
            self.select = name

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")  # as browsers do
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.state == "inside":
            self.state = "after"


def browser_form(page: bytes | str, css_class: str) -> dict[str, str]:
    """What a browser posts for the page's form with `css_class`, before the user changes anything."""
    reader = _FormReader(css_class)
    reader.feed(page.decode() if isinstance(page, bytes) else page)
    return reader.fields


def refreshed(form: dict[str, str], page: bytes | str) -> dict[str, str]:
    """A form read earlier with `browser_form`, with this page's CSRF token and draft version.

    Benchmarks that save repeatedly read the whole form once: parsing 30 kB of HTML per save
    would put the load generator's work into what is measured.
    """
    return {**form, "csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")}


def timed(call, runs: int, warmup: int = 10) -> dict:
    """Median and 95th percentile of `runs` calls, in milliseconds, after `warmup` calls."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return p50_p95(samples)


def p50_p95(samples: list[float]) -> dict:
    """Median and 95th percentile of samples in seconds, in milliseconds (as `timed` reports them)."""
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(samples) * 1000, 3),
        "p95": round(ordered[int(0.95 * len(ordered))] * 1000, 3),
    }


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds."""
    if not samples:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 99
    return {"p50": round(cuts[49] * 1000, 2), "p95": round(cuts[94] * 1000, 2), "p99": round(cuts[98] * 1000, 2)}


def emit(record: dict) -> None:
    """One JSON line per measure, for machines; the table is for people."""
    print(json.dumps(record, ensure_ascii=False), flush=True)


def call(app, environ: dict, clock=time.perf_counter) -> float:
    """One request straight through an app's WSGI function, answered 200; seconds of `clock`.

    With `time.thread_time` the figure is the CPU the request took, whatever else the machine runs.
    """
    statuses: list[str] = []
    started = clock()
    body = app(dict(environ), lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    elapsed = clock() - started
    assert statuses[0].startswith("200"), statuses
    return elapsed


def with_peers(database: str, count: int) -> None:
    """`count` more downloaded notes like the first draft, of its kind: what similar organisations chose is shown."""
    from builder.db import connect, drafts

    db = connect(database)
    note = drafts.get(db, 1)
    for _ in range(count):
        drafts.record_export(db, drafts.create(db, drafts.new_token(), note.choices))
    db.close()


def full_note_page(path: str, organisation: str = "", peers: int = 0):
    """The app, and the WSGI environ of `path` for a browser whose note holds every agreement (all 14 sections done).

    With `organisation` the note is of that kind; with `peers`, that many downloaded notes like it exist."""
    from werkzeug.test import EnvironBuilder

    from builder import create_app

    app = create_app({"SECRET_KEY": "p" * 40, "DATABASE": str(fresh_database()), "PDF": False})
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    client.post("/nota/nieuw", data={"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")})
    if organisation:
        page = client.get("/nota/organisatie").get_data(as_text=True)
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")}
        client.post("/nota/organisatie", data={**form, "name": "Organisatie", "type": organisation})
    for n in range(1, 15):
        page = client.get(f"/nota/onderdeel/5.{n}").get_data(as_text=True)
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "action": "done"}
        form.update({f"include_{i}": "y" for i in range(13)})
        client.post(f"/nota/onderdeel/5.{n}", data=form)
    if peers:
        with_peers(app.config["DATABASE"], peers)
    client.get("/nota/overzicht")  # shows the last "klaar" message, so the cookie below carries none
    cookie = client.get_cookie("session").value
    return app, EnvironBuilder(path=path, headers={"Cookie": f"session={cookie}"}).get_environ()
