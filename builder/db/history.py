"""The curators' history of edits: who changed what in which edition, with the before and after."""

from __future__ import annotations

import json

from sqlite_utils import Database

from . import now, rows


def record_change(
    db: Database,
    edition_id: str,
    curator: str,
    kind: str,
    entity_id: str,
    action: str,
    before: dict | None,
    after: dict | None,
    summary: str = "",
) -> None:
    """One line of history: who changed what, when, with the before and after."""
    db.execute(
        "INSERT INTO changes (edition_id, curator, at, kind, entity_id, action, summary, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            edition_id,
            curator,
            now(),
            kind,
            entity_id,
            action,
            summary,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def history(
    db: Database, edition_id: str | None = None, kind: str | None = None, entity_id: str | None = None
) -> list[dict]:
    """Changes, newest first, optionally for one edition or one entity (across editions)."""
    where, params = [], []
    for column, value in (("edition_id", edition_id), ("kind", kind), ("entity_id", entity_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM changes" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC"
    changes = rows(db, sql, params)
    for change in changes:
        change["before"] = json.loads(change["before"]) if change["before"] else None
        change["after"] = json.loads(change["after"]) if change["after"] else None
    return changes
