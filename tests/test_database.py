"""SQLite done right: pragmas, numbered migrations, BEGIN IMMEDIATE, no lost updates."""

from __future__ import annotations

import re
import sqlite3
import threading
import time

import pytest

from builder import db as database
from builder.db import drafts
from builder.db.schema import migrations
from builder.model.choices import Choices


def test_every_connection_has_wal_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        conn = database.get_db().conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_one_connection_per_request_given_back_for_the_next(app):
    with app.test_request_context("/"):
        first = database.get_db()
        assert database.get_db() is first
    with app.test_request_context("/"):
        assert database.get_db() is first, "an idle connection is reused: no schema parse per request"
        assert first.execute("SELECT count(*) FROM editions").fetchone()[0] > 0


def test_a_connection_left_mid_transaction_is_closed_not_reused(app):
    with app.test_request_context("/"):
        first = database.get_db()
        first.execute("BEGIN IMMEDIATE")
        first.execute("UPDATE editions SET subtitle = 'half a write'")
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    with app.test_request_context("/"):
        db = database.get_db()
        assert db is not first
        assert db.execute("SELECT count(*) FROM editions WHERE subtitle = 'half a write'").fetchone()[0] == 0


def test_a_request_that_failed_closes_its_connection(app):
    context = app.test_request_context("/")
    context.push()
    first = database.get_db()
    context.pop(RuntimeError("the view crashed"))
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")


def test_connections_follow_the_configured_database(app, db_path):
    """Switching the database (as the storage-failure tests do) never hands out a connection to the old one."""
    with app.test_request_context("/"):
        first = database.get_db()
    app.config["DATABASE"] = f"file:{db_path}?mode=ro"
    with app.test_request_context("/"):
        read_only = database.get_db()
        assert read_only is not first
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            read_only.execute("UPDATE editions SET subtitle = subtitle")


def test_migrations_are_numbered_and_applied_at_start_up(app):
    names = [m.name for m in migrations._migrations]
    assert names == sorted(names)
    assert all(re.match(r"^\d{4}_[a-z_]+$", name) for name in names)
    with app.app_context():
        applied = [m.name for m in migrations.applied(database.get_db())]
    assert applied == names


def test_a_deferred_read_then_write_fails_at_once_whatever_the_timeout(db_path):
    """Why every write starts with BEGIN IMMEDIATE: this is the failure it prevents."""
    reader = sqlite3.connect(db_path, timeout=10, isolation_level=None)
    writer = sqlite3.connect(db_path, timeout=10, isolation_level=None)
    reader.execute("BEGIN")  # deferred
    reader.execute("SELECT count(*) FROM editions").fetchone()
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE editions SET change_summary = 'changed by another writer'")
    writer.execute("COMMIT")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        reader.execute("UPDATE editions SET subtitle = subtitle")
    assert time.monotonic() - started < 2, "it fails immediately: the busy timeout does not help"
    reader.execute("ROLLBACK")


def test_begin_immediate_waits_for_the_other_writer_instead(db_path):
    holder = database.connect(db_path)
    waiter = database.connect(db_path)
    holder.conn.execute("BEGIN IMMEDIATE")
    done = []

    def write():
        with database.write(waiter):
            waiter.execute("UPDATE editions SET subtitle = subtitle")
        done.append(True)

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.3)
    assert not done, "the second writer waits for the lock"
    holder.conn.execute("COMMIT")
    thread.join(5)
    assert done == [True]


def test_a_writer_gives_up_after_the_busy_timeout_and_keeps_its_timeout_for_reads(db_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = database.connect(db_path)
    waiter = database.connect(db_path)
    holder.conn.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        with database.write(waiter):
            pass
    assert 0.2 <= time.monotonic() - started < 2
    assert not waiter.conn.in_transaction
    assert waiter.execute("PRAGMA busy_timeout").fetchone()[0] == 200, "the connection's own timeout is back"
    holder.conn.execute("ROLLBACK")


def test_every_write_of_a_whole_journey_starts_with_begin_immediate(app, browser):
    statements: list[str] = []

    @app.before_request
    def trace():
        database.get_db().conn.set_trace_callback(statements.append)

    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    browser.submit("/nota/nalezen", {"references": "y"})
    browser.get("/nota/downloaden")
    browser.post("/nota/downloaden", {}, status=200)
    in_transaction, violations = False, []
    for statement in statements:
        verb = statement.strip().split()[0].upper()
        if verb == "BEGIN":
            if statement.strip().upper() != "BEGIN IMMEDIATE":
                violations.append(statement)
            in_transaction = True
        elif verb in ("COMMIT", "ROLLBACK"):
            in_transaction = False
        elif verb in ("INSERT", "UPDATE", "DELETE", "REPLACE") and not in_transaction:
            violations.append(statement)
    assert any(s.startswith("UPDATE drafts") for s in statements)
    assert violations == []


def test_fifty_parallel_saves_from_one_base_one_wins(db_path, catalogue):
    db = database.connect(db_path)
    draft = drafts.create(db, drafts.new_token(), Choices(edition="2024"))
    db.close()
    results: list[str] = []
    barrier = threading.Barrier(50)

    def save(n: int) -> None:
        conn = database.connect(db_path)
        try:
            barrier.wait()
            drafts.save(conn, draft.id, draft.version, Choices(edition="2024", vision=f"tab {n}"), {})
            results.append("saved")
        except drafts.Conflict:
            results.append("conflict")
        finally:
            conn.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results.count("saved") == 1
    assert results.count("conflict") == 49
    db = database.connect(db_path)
    assert drafts.get(db, draft.id).version == draft.version + 1
