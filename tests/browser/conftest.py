"""Browser tests: the app on a real local server, driven by Playwright in Debian's Chromium.

Chromium comes from Debian's `chromium` package (`make test` installs it);
never from `playwright install`. CHROMIUM_PATH overrides where it is.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from helpers import CURATOR, axe_violations, horizontal_overflow, screenshot
from playwright.sync_api import sync_playwright
from support import add_curator
from werkzeug.serving import make_server

from builder import PROJECT_ROOT, create_app

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip(f"Chromium not found at {path}: `make test` installs Debian's chromium (or set CHROMIUM_PATH)")
    return path


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LiveServer:
    """The real app on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, loaded_db_template):
    """A fresh database with the catalogue and one curator, served for one test module."""
    folder = tmp_path_factory.mktemp("live")
    database = folder / "bouwpakket.sqlite3"
    shutil.copy(loaded_db_template, database)
    app = create_app({"SECRET_KEY": "live-" + "s" * 40, "DATABASE": str(database)})
    add_curator(app, CURATOR[0])
    server = LiveServer(app)
    yield server
    server.stop()


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="nl-BE")
    yield context
    context.close()


@pytest.fixture
def page(context, live_server):
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    return page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ for screenshots a person can look at (not in git)."""
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def checked(artifacts):
    """check(page, name, widths): axe at each width, no horizontal scrolling at 320 px, screenshots at 1280 and 375.

    Every problem is reported at the end of the test, all at once."""
    problems: list[str] = []

    def check(page, name: str, widths=(1280,)) -> None:
        page.wait_for_load_state()
        old = page.viewport_size
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            problems.extend(f"{name} at {width}px: {v}" for v in axe_violations(page))
        page.set_viewport_size(old)
        if (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{name}: {overflow}px horizontal scrolling at 320px")
        screenshot(page, artifacts, name)

    yield check
    assert problems == [], "\n".join(problems)
