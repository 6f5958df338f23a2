"""The connection to SQLite: the only place that opens one.

`builder/db/` is the only code that talks to SQLite, one module per group of tables:
`editions` (the catalogue's editions), `drafts`, `usage` (counts kept with the drafts),
`curators` (accounts, sessions, failed logins), `history`, `suggestions` and `search` (the
curators' full-text index, rewritten whenever an edition is stored); `backup`
copies and restores the file, and `schema` holds the migrations. They import the model,
never the wizard or curation.

One connection per request (kept on `flask.g` and given back at teardown,
as in flaskr), WAL journal, a busy timeout and foreign keys. A connection
given back is kept for the next request instead of being closed: a fresh
connection makes SQLite read and parse the whole schema on its first
statement (~0.2 ms, a tenth of a page), and closing the last connection to
a WAL database checkpoints it (~0.8 ms). Every write goes
through `write()`, which starts with BEGIN IMMEDIATE: a deferred transaction
that reads first and writes later fails with "database is locked" at once
when another writer got in between, whatever the timeout.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

if TYPE_CHECKING:
    from flask import Flask

BUSY_TIMEOUT_MS = 10_000  # sqlite3.connect(timeout=...) sets SQLite's busy timeout
IDLE_CONNECTIONS = 4  # kept per process: a sync worker (gunicorn.conf.py) uses one, the threaded dev server more


STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def now() -> str:
    """The current UTC time as stored everywhere: sortable ISO text with microseconds."""
    return dt.datetime.now(dt.UTC).strftime(STAMP)


def as_json(value: object) -> str:
    """Plain data as a TEXT column stores it: compact JSON with every character as it is (not escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def moment(stamp: str) -> dt.datetime:
    """A stored time (as `now()` writes it) back as an aware UTC datetime."""
    return dt.datetime.strptime(stamp, STAMP).replace(tzinfo=dt.UTC)


def connect(path: str | Path, max_pages: int = 0) -> sqlite_utils.Database:
    """Open the database with the pragmas every connection needs.

    `path` may be a `file:` URI (e.g. `?mode=ro`); `max_pages` > 0 caps the file size.
    """
    name = str(path)
    conn = sqlite3.connect(
        name,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        uri=name.startswith("file:"),
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    if max_pages:
        conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
    return sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)


def rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    """Rows as dicts, without the savepoint sqlite-utils' query() wraps around every read."""
    cursor = db.conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def take_write_lock(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, tried again every ~0.1 ms while another process holds the write lock.

    SQLite's own busy handler sleeps a whole millisecond before its first retry (then 2, 5, 10 ms),
    while a save holds the lock for about 0.1 ms: with two saves at the same moment, that sleep
    was most of the slowest saves' time. The waiting still ends after BUSY_TIMEOUT_MS.
    """
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.0001
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 1.5, 0.005)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction, taking the write lock up front (BEGIN IMMEDIATE)."""
    take_write_lock(db.conn)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def migrate(db: sqlite_utils.Database) -> None:
    """Switch the file to WAL (a persistent setting) and apply pending migrations under the write lock."""
    from .schema import migrations

    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    if not migrations.pending(db):
        return
    with write(db):
        migrations.apply(db)


def get_db() -> sqlite_utils.Database:
    """The request's connection: an idle one of this process, or a new one."""
    from flask import current_app, g

    db = getattr(g, "db", None)  # one lookup through the proxy `g`: a page asks for its connection ~5 times
    if db is None:
        key = (current_app.config["DATABASE"], current_app.config.get("DATABASE_MAX_PAGES", 0))
        try:
            db = current_app.extensions["bouwpakket.idle_connections"][key].pop()
        except (KeyError, IndexError):
            db = connect(*key)
        g.db, g.db_key = db, key
    return db


def close_db(exc: BaseException | None = None) -> None:
    """Give the request's connection back; one that failed or is mid-transaction is closed instead."""
    from flask import current_app, g

    db = g.pop("db", None)
    if db is None:
        return
    idle = current_app.extensions["bouwpakket.idle_connections"].setdefault(g.pop("db_key"), [])
    if exc is None and not db.conn.in_transaction and len(idle) < IDLE_CONNECTIONS:
        idle.append(db)
    else:
        db.close()


def init_app(app: Flask) -> None:
    """Give connections back after each request and bring the schema up to date."""
    app.teardown_appcontext(close_db)
    if not str(app.config["DATABASE"]).startswith("file:"):
        Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
    key = (app.config["DATABASE"], app.config.get("DATABASE_MAX_PAGES", 0))
    db = connect(*key)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    # The first idle connection; as long as one stays open, SQLite keeps the WAL file.
    app.extensions["bouwpakket.idle_connections"] = {key: [db]}
