"""Shared fixtures: an app on a temporary database holding the real catalogue.

Markers (pyproject.toml): `browser` for tests/browser/ (Chromium), `slow` for tests that need
LibreOffice, Java, a new venv or real servers. `make check` runs everything else, in under two
minutes; `make test` runs it all. No test touches the developer's own instance/ folder.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from support import CURATOR_PASSWORD, Browser, add_curator, logged_in

from benchmarks.notes import full_note
from builder import PROJECT_ROOT, create_app
from builder import db as database
from builder.db import editions
from builder.formats.catalogue_files import read_tree
from builder.model.catalogue import Catalogue

CATALOGUE_DIR = PROJECT_ROOT / "agreements"
INSTANCE = PROJECT_ROOT / "instance"


def _instance_state() -> list[tuple[str, int, int]]:
    if not INSTANCE.is_dir():
        return []
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in INSTANCE.rglob("*") if p.is_file())


def pytest_sessionstart(session):
    """Remember the developer's instance/ folder (their database and key), to check no test touched it."""
    session.config.instance_state = _instance_state()


def pytest_collection_modifyitems(config, items):
    """Everything in tests/browser/ drives Chromium: mark it, so `make check` can leave it out."""
    for item in items:
        if "browser" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.browser)


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
        editions.insert_catalogue(db, catalogue)
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
            "PDF": False,  # tests/test_pdf.py gives an app its converter
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


@pytest.fixture
def full_choices(catalogue):
    """Every chapter, every agreement (first variant where there is one), an own section, all appendices."""
    return full_note(catalogue)


def pytest_sessionfinish(session, exitstatus):
    """A run that collected no tests is a failure, never a silent green; so is one that touched instance/."""
    if session.testscollected == 0:
        session.exitstatus = 1
    if _instance_state() != getattr(session.config, "instance_state", []):
        session.config.get_terminal_writer().line("A test changed the developer's instance/ folder.", red=True)
        session.exitstatus = 1


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def curator(app, client):
    """A logged-in curator (named marthe), browsing /beheer."""
    add_curator(app, "marthe")
    user = Browser(client)
    user.get("/beheer/login")
    user.post("/beheer/login", {"name": "marthe", "password": CURATOR_PASSWORD})
    return user


@pytest.fixture
def draft(curator):
    """The logged-in curator, with edition 2026 in preparation (a copy of 2024 titled as it)."""
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota communicatieafspraken"})
    return curator


@pytest.fixture
def pieter(app, draft):
    """A second curator (pieter), logged in in another browser while marthe works on the draft edition."""
    add_curator(app, "pieter")
    return logged_in(app, "pieter")
