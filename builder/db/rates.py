"""Writes anyone may make (a new note, a suggestion) counted per sender, so one sender cannot flood the database."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from . import now, write

KEEP = dt.timedelta(days=1)  # events older than this are never needed again


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def allow(db: Database, kind: str, limits: dict[str, int], window: dt.timedelta) -> bool:
    """Count one `kind` event for every sender in `limits` ({sender: how many per window}), if none is over.

    Check and count happen in one write transaction, so parallel requests cannot slip past a limit.
    """
    moment = dt.datetime.now(dt.UTC)
    since = _stamp(moment - window)
    with write(db):
        for sender, limit in limits.items():
            found = db.execute(
                "SELECT count(*) FROM rate_events WHERE kind = ? AND sender = ? AND at >= ?", [kind, sender, since]
            ).fetchone()[0]
            if found >= limit:
                return False
        stamp = now()
        for sender in limits:
            db.execute("INSERT INTO rate_events (kind, sender, at) VALUES (?, ?, ?)", [kind, sender, stamp])
        db.execute("DELETE FROM rate_events WHERE kind = ? AND at < ?", [kind, _stamp(moment - KEEP)])
    return True
