"""Shared fixtures: an app on a temporary database holding the real catalogue."""

from __future__ import annotations

import re
import shutil
import sqlite3
from html import unescape
from pathlib import Path

import pytest

from builder import PROJECT_ROOT, create_app
from builder import db as database
from builder.catalogue import Catalogue
from builder.catalogue_files import read_tree
from builder.db import catalogue as stored

CATALOGUE_DIR = PROJECT_ROOT / "agreements"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The 2024 edition, read straight from the curated files."""
    (edition,) = [c for c in read_tree(CATALOGUE_DIR) if c.edition.id == "2024"]
    return edition


@pytest.fixture(scope="session")
def loaded_db_template(tmp_path_factory, catalogue) -> Path:
    """A database with the schema and the 2024 catalogue, built once per session."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = database.connect(path)
    database.migrate(db)
    with database.write(db):
        stored.insert_catalogue(db, catalogue)
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path, loaded_db_template) -> Path:
    """A fresh copy of the loaded database for one test (copied with SQLite's backup API)."""
    path = tmp_path / "bouwpakket.sqlite3"
    source = sqlite3.connect(loaded_db_template)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return path


@pytest.fixture
def app(db_path, tmp_path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-" + "x" * 40,
            "DATABASE": str(db_path),
            "EXPORTS_DIR": str(tmp_path / "exports"),
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A writable copy of agreements/, for tests that break the files on purpose."""
    target = tmp_path / "agreements"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def pytest_sessionfinish(session, exitstatus):
    """A run that collected no tests is a failure, never a silent green."""
    if session.testscollected == 0:
        session.exitstatus = 1


class Browser:
    """A user clicking through the wizard with the Flask test client.

    Forms are filled from the page itself: the CSRF token and the draft
    version come from the hidden fields, as a browser would send them.
    """

    def __init__(self, client):
        self.client = client
        self.page = ""

    def get(self, url, status=200):
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        self.page = response.get_data(as_text=True)
        return response

    def hidden_fields(self, page=None) -> dict:
        """Every hidden input of the page, as a browser would send it with the form."""
        fields = {}
        for tag in re.findall(r"<input[^>]*>", page or self.page):
            if 'type="hidden"' in tag:
                name = re.search(r'name="([^"]*)"', tag).group(1)
                value = re.search(r'value="([^"]*)"', tag)
                fields.setdefault(name, unescape(value.group(1)) if value else "")
        return fields

    def hidden(self, name, page=None):
        return self.hidden_fields(page).get(name, "")

    def submit(self, url, data, status=302):
        """Open the page at `url`, fill in its form and send it."""
        self.get(url)
        return self.post(url, data, status)

    def post(self, url, data, status=302):
        """Send the form of the page that is open now."""
        fields = {**self.hidden_fields(), **data}
        response = self.client.post(url, data=fields)
        assert response.status_code == status, (url, response.status_code, response.data[:2000])
        if response.mimetype == "text/html" and response.status_code != 302:
            self.page = response.get_data(as_text=True)
        return response

    def start(self):
        """Click "Nieuwe afsprakennota" on the start page; returns the private link."""
        self.get("/")
        token = self.hidden("token")
        response = self.client.post("/nota/nieuw", data={"csrf_token": self.hidden("csrf_token"), "token": token})
        assert response.status_code == 302
        self.get(response.location)
        return re.search(r'id="bewaarlink" type="text" value="([^"]+)"', self.page).group(1)

    def organisation(self, name="Gemeente Zottegem", **extra):
        data = {"name": name, "type": "gemeente", "date": "23/11/2026", "note_version": "1.0"}
        data.update(extra)
        return self.submit("/nota/organisatie", data)

    def text(self):
        """The visible text of the current page."""
        return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.page)))


@pytest.fixture
def browser(client):
    return Browser(client)


CURATOR_PASSWORD = "correct horse battery staple"


@pytest.fixture
def curator(app, client):
    """A logged-in curator (named marthe), browsing /beheer."""
    result = app.test_cli_runner().invoke(
        args=["curator", "add", "marthe"], input=f"{CURATOR_PASSWORD}\n{CURATOR_PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    user = Browser(client)
    user.get("/beheer/login")
    user.post("/beheer/login", {"name": "marthe", "password": CURATOR_PASSWORD})
    return user
