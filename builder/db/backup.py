"""Backups with SQLite's online backup API, a checked restore, and the counts that compare them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from .. import caches
from . import migrate

TABLES = ("editions", "agreements", "drafts", "exports", "curators", "changes", "suggestions")


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per main table, to compare a backup with its source."""
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def integrity(conn: sqlite3.Connection) -> str:
    """'ok' when SQLite finds the file sound."""
    return conn.execute("PRAGMA integrity_check").fetchone()[0]


def backup(db: sqlite_utils.Database, target: str | Path) -> dict[str, int]:
    """Copy the live database with SQLite's online backup API (safe while the app runs)."""
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
        if integrity(destination) != "ok":
            raise RuntimeError(f"backup {target} failed its integrity check")
        return counts(sqlite_utils.Database(destination, execute_plugins=False))
    finally:
        destination.close()


def restore(source: str | Path, db: sqlite_utils.Database) -> dict[str, int]:
    """Replace the live database's content by a backup, after checking the backup is sound.

    The published editions this process has cached are forgotten: the backup may hold
    other content under the same edition ids.
    """
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if integrity(origin) != "ok":
            raise RuntimeError(f"{source} failed its integrity check; nothing restored")
        tables = {row[0] for row in origin.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"editions", "drafts"} <= tables:
            raise RuntimeError(f"{source} is not a Bouwpakket database; nothing restored")
        origin.backup(db.conn)
    finally:
        origin.close()
    caches.published_editions.clear()
    migrate(db)
    return counts(db)
