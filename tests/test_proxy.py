"""The shipped server: `flask --app wsgi serve` runs the real nginx in front of gunicorn's sync workers.

The slow tests start it on a free loopback port with a temporary database, exactly as `make run`
does, and talk to it over sockets: a page comes through with the app's headers and the client's
own address, static files come from nginx with the same headers, no private token reaches the
log, and 30 clients sending their headers a byte at a time for 12 s do not delay a normal page.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks.common import free_port, hidden, slow_clients
from builder import PROJECT_ROOT, create_app
from builder.web import proxy

FLASK = Path(sys.executable).parent / "flask"
needs_nginx = pytest.mark.skipif(
    proxy.nginx_binary() is None, reason="nginx is not installed (`make test` installs Debian's nginx)"
)


class Served:
    """`flask --app wsgi serve` as a child process, with its output collected in a file."""

    def __init__(self, folder: Path, database: Path):
        self.port, self.folder = free_port(), folder
        self.run_dir, self.log_path = folder / "run", folder / "serve.log"
        self.env = {**os.environ, "BOUWPAKKET_DATABASE": str(database), "BOUWPAKKET_SECRET_KEY": "p" * 64}
        self.env.pop("BOUWPAKKET_PROXY_FIX", None)
        self.log = self.log_path.open("w")
        self.process = self.serve("--port", str(self.port), "--run-dir", str(self.run_dir))
        deadline = time.monotonic() + 60
        while not self.answers():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.1)

    def serve(self, *args: str, log=None) -> subprocess.Popen:
        return subprocess.Popen(
            [str(FLASK), "--app", "wsgi", "serve", *args],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log or self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def answers(self) -> bool:
        try:
            return self.get("/")[0] == 200
        except OSError:
            return False

    def get(self, path: str, headers: dict | None = None, source: str = "127.0.0.1"):
        """Status, headers and body of one request sent from `source` (any 127.x address is this machine)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(source, 0))
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(40)
        finally:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # anything left of the process group
            except ProcessLookupError:
                pass
            self.log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory, loaded_db_template):
    folder = tmp_path_factory.mktemp("served")
    database = folder / "served.sqlite3"
    source, target = sqlite3.connect(loaded_db_template), sqlite3.connect(database)
    source.backup(target)
    source.close()
    target.close()
    server = Served(folder, database)
    yield server
    server.stop()


def test_the_rendered_configuration_passes_nginx_own_check(tmp_path, app):
    plan = proxy.plan_for(app, "127.0.0.1", 5000, tmp_path / "run")
    config = proxy.render(plan)
    assert f"client_max_body_size {plan.max_body_bytes};" in config
    assert plan.max_body_bytes > 5 * 1024 * 1024 + 64 * 1024  # the largest upload gets the app's own answer
    assert "access_log off;" in config and "client_header_timeout 10s;" in config
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config
    if proxy.nginx_binary():
        plan.run_dir.mkdir()
        plan.config.write_text(config)
        checked = subprocess.run(
            [proxy.nginx_binary(), "-p", str(plan.run_dir), "-c", str(plan.config), "-e", "stderr", "-t"],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stderr


def test_a_path_nginx_would_read_as_a_variable_is_refused(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "x.sqlite3")})
    with pytest.raises(proxy.ServeError, match="only letters"):
        proxy.render(proxy.plan_for(app, "127.0.0.1", 5000, tmp_path / "run$uri"))


@pytest.mark.slow
@needs_nginx
def test_a_page_comes_through_nginx_with_the_apps_headers_and_the_clients_address(served):
    lies = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    status, headers, body = served.get("/", lies, source="127.0.0.2")
    assert status == 200 and "Stel je eigen afsprakennota samen" in body.decode()
    assert headers["Server"] == "nginx"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert "Secure" not in headers["Set-Cookie"]  # the client's X-Forwarded-Proto was replaced by nginx's scheme

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10, source_address=("127.0.0.2", 0))
    form = urlencode({"csrf_token": hidden(body, "csrf_token"), "start": hidden(body, "start")})
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    kind = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, **lies}
    conn.request("POST", "/nota/nieuw", body=form, headers=kind)
    assert conn.getresponse().status == 302
    conn.close()
    database = sqlite3.connect(served.env["BOUWPAKKET_DATABASE"])
    senders = {row[0] for row in database.execute("SELECT sender FROM rate_events")}
    database.close()
    assert "address:127.0.0.2" in senders  # the app saw the client's own address, not the one it claimed
    assert not [s for s in senders if "203.0.113.7" in s]


@pytest.mark.slow
@needs_nginx
def test_static_files_come_from_nginx_with_the_apps_headers(served):
    status, headers, body = served.get("/static/style.css")
    assert status == 200 and body == (PROJECT_ROOT / "builder" / "static" / "style.css").read_bytes()
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache" and headers["ETag"]
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert served.get("/static/style.css", {"If-None-Match": headers["ETag"]})[0] == 304
    assert "/static/style.css" not in served.output()  # nginx answered, not a gunicorn worker


@pytest.mark.slow
@needs_nginx
def test_no_private_token_reaches_the_log_and_large_posts_get_a_dutch_413(served):
    token = "x" * 43
    assert served.get(f"/hervat/{token}")[0] == 404
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request(
        "POST", "/", body=b"a=" + b"b" * 3_000_000, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    response = conn.getresponse()
    assert response.status == 413 and "te groot" in response.read().decode().lower()  # the app's Dutch page
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request("POST", "/nota/uit-bestand", body=b"0" * 8_000_000)  # beyond every limit of the app
    response = conn.getresponse()
    assert response.status == 413 and "Te groot om te versturen" in response.read().decode()  # nginx's, in Dutch
    conn.close()
    time.sleep(0.3)
    log = served.output()
    assert "/hervat/[verborgen]" in log and token not in log


@pytest.mark.slow
@needs_nginx
def test_a_second_serve_on_the_same_port_or_folder_is_refused(served):
    for args, message in (
        (["--port", str(served.port), "--run-dir", str(served.folder / "other")], "is in use: stop what listens"),
        (["--port", str(free_port()), "--run-dir", str(served.run_dir)], "is in use by another `serve`"),
    ):
        result = subprocess.run(
            [str(FLASK), "--app", "wsgi", "serve", *args],
            cwd=PROJECT_ROOT,
            env=served.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1 and message in result.stderr, result.stderr
    assert served.answers()  # the running one kept its socket and its port


@pytest.mark.slow
@pytest.mark.solo  # a timing under load: no other test may share the cores
@needs_nginx
def test_thirty_slow_clients_for_12_seconds_do_not_delay_a_normal_page(served):
    found = slow_clients(served.port, 30, 12)
    assert found["connections_opened"] >= 30
    assert found["answered_200"] == found["requests"] > 50
    assert found["worst_wait_s"] < 1.0, found


@pytest.mark.slow
@needs_nginx
def running(pid: str) -> bool:
    """True while a process runs (one that ended but was not yet reaped by its new parent does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("how", ["sigterm to serve", "ctrl+c in its terminal"])
def test_sigterm_or_ctrl_c_stops_nginx_and_gunicorn(tmp_path, db_path, how):
    server = Served(tmp_path, db_path)
    group = subprocess.run(["pgrep", "-g", str(server.process.pid)], capture_output=True, text=True).stdout.split()
    assert len(group) >= 5  # serve, gunicorn and its 2 workers, nginx and its worker
    if how == "sigterm to serve":
        server.process.send_signal(signal.SIGTERM)
    else:  # a terminal sends SIGINT to the whole foreground process group
        os.killpg(server.process.pid, signal.SIGINT)
    assert server.process.wait(40) == 0
    left = [pid for pid in group if running(pid)]
    server.stop()
    assert not left
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0
