"""Backups with SQLite's backup API, and a restore the app serves from."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from support import Browser

from builder import db as database
from builder.db import backup


def test_backup_and_restore(app, runner, tmp_path, db_path):
    user = Browser(app.test_client())
    link = user.start()
    user.organisation(name="Gemeente Bewaard")
    backup_file = tmp_path / "backups" / "bouwpakket-2026-11-23.sqlite3"
    result = runner.invoke(args=["backup", str(backup_file)])
    assert result.exit_code == 0, result.output
    assert "integrity ok" in result.output
    copy = sqlite3.connect(backup_file)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    live = database.connect(db_path)
    assert backup.counts(Database(copy)) == backup.counts(live)

    user.submit("/nota/verwijderen", {})
    assert app.test_client().get(link.replace("http://localhost", "")).status_code == 404

    result = runner.invoke(args=["restore", str(backup_file), "--yes"])
    assert result.exit_code == 0, result.output
    assert live.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup.counts(live) == backup.counts(Database(copy))
    again = app.test_client()
    response = again.get(link.replace("http://localhost", ""))
    assert response.status_code == 302
    assert "Gemeente Bewaard" in again.get("/nota/organisatie").get_data(as_text=True)


def test_backup_refuses_to_overwrite_and_restore_refuses_junk(runner, tmp_path):
    existing = tmp_path / "er-al.sqlite3"
    existing.write_text("")
    assert "exists" in runner.invoke(args=["backup", str(existing)]).output
    junk = tmp_path / "junk.sqlite3"
    sqlite3.connect(junk).execute("CREATE TABLE x (y)")
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code == 1 and "not a Bouwpakket database" in result.output
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert runner.invoke(args=["restore", str(broken), "--yes"]).exit_code == 1
