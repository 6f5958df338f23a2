"""Pull the plug: SIGKILL the server at random moments during saves, 50 times.

Afterwards SQLite's integrity check passes and every save the server
acknowledged (answered with a redirect) is in the database. The access log
of the real server (gunicorn with our logger) never shows the private token.
"""

from __future__ import annotations

import html
import http.client
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from builder import PROJECT_ROOT

pytestmark = pytest.mark.slow  # real gunicorn servers, killed mid-save: `make test` runs it, `make check` does not

ROUNDS = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A browser reduced to what the test needs: one session cookie, forms by regex."""

    def __init__(self, port: int):
        self.port, self.cookie = port, ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:  # closed also when the server dies mid-request (an unclosed socket fails the run)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", text


def hidden(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return html.unescape(re.search(r'value="([^"]*)"', tag).group(1))


def start_server(port: int, env: dict, log) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--logger-class",
            "builder.web.serving.RedactingLogger",
            "--access-logfile",
            "-",
            "wsgi:app",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/static/style.css")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.05)
        finally:
            conn.close()
    raise RuntimeError("server did not start")


def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path, loaded_db_template):
    database = tmp_path / "crash.sqlite3"
    shutil.copy(loaded_db_template, database)
    env = {**os.environ, "BOUWPAKKET_DATABASE": str(database), "BOUWPAKKET_SECRET_KEY": "c" * 64}
    port = free_port()
    log_path = tmp_path / "server.log"
    acknowledged: list[str] = []
    sent: list[str] = []
    rng = random.Random(2026)
    with log_path.open("w") as log:
        server = start_server(port, env, log)
        client = Client(port)
        _status, _loc, page = client.request("GET", "/")
        client.request(
            "POST", "/nota/nieuw", {"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")}
        )
        link = re.search(r'id="bewaarlink" type="text" value="([^"]+)"', client.request("GET", "/nota/bewaarlink")[2])
        token = link.group(1).rsplit("/", 1)[-1]
        assert client.request("GET", f"/hervat/{token}")[0] == 302
        for round_number in range(ROUNDS):
            if round_number:
                server = start_server(port, env, log)
            killer = threading.Timer(rng.uniform(0.02, 0.3), os.killpg, (server.pid, signal.SIGKILL))
            killer.start()
            try:
                while True:
                    _status, _loc, page = client.request("GET", "/nota/inleiding")
                    line = f"ronde {round_number} bewaring {len(sent)}"
                    sent.append(line)
                    status, _loc, _page = client.request(
                        "POST",
                        "/nota/inleiding",
                        {
                            "csrf_token": hidden(page, "csrf_token"),
                            "version": hidden(page, "version"),
                            "vision": "\n".join(sent),
                        },
                    )
                    if status == 302:
                        acknowledged.append(line)
            except (OSError, http.client.HTTPException, AttributeError):
                pass  # the server died under us
            killer.join()
            server.wait(5)
    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    choices = conn.execute("SELECT choices FROM drafts").fetchone()[0]
    import json

    vision = json.loads(choices)["vision"]
    missing = [line for line in acknowledged if line not in vision.split("\n")]
    assert len(acknowledged) >= ROUNDS, "the test made saves in (nearly) every round"
    assert missing == []
    assert token not in log_path.read_text(), "the private token never appears in the log"
    assert "/hervat/[verborgen]" in log_path.read_text()
