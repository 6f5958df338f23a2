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
    parent_id: str = "",
) -> None:
    """One line of history: who changed what (and in which parent: an agreement's section), when, before and after."""
    db.execute(
        "INSERT INTO changes (edition_id, curator, at, kind, entity_id, action, summary, before, after, parent_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            parent_id,
        ],
    )


def history(
    db: Database,
    edition_id: str | None = None,
    kinds: tuple[str, ...] = (),
    entity_id: str | None = None,
    limit: int = -1,
) -> list[dict]:
    """Changes, newest first, optionally for one edition, some kinds, or one entity (across editions)."""
    where, params = [], []
    for column, value in (("edition_id", edition_id), ("entity_id", entity_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _kind in kinds)})")
        params.extend(kinds)
    sql = "SELECT * FROM changes" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?"
    return [_decoded(change) for change in rows(db, sql, [*params, limit])]


def _decoded(change: dict) -> dict:
    change["before"] = json.loads(change["before"]) if change["before"] else None
    change["after"] = json.loads(change["after"]) if change["after"] else None
    return change


def change(db: Database, change_id: int) -> dict | None:
    """One line of history, or None."""
    found = rows(db, "SELECT * FROM changes WHERE id = ?", [change_id])
    return _decoded(found[0]) if found else None


def renamed_to(db: Database, old_id: str) -> str | None:
    """The name an edition that was renamed has now (its history follows it), or None."""
    found = db.execute(
        "SELECT edition_id FROM changes WHERE kind = 'edition' AND action = 'rename' "
        "AND json_extract(before, '$.id') = ? ORDER BY id DESC LIMIT 1",
        [old_id],
    ).fetchone()
    return found[0] if found else None


def removed_edition(db: Database, edition_id: str) -> dict | None:
    """The history line that says a draft edition of this name was deleted, or None."""
    found = rows(
        db,
        "SELECT * FROM changes WHERE edition_id = ? AND kind = 'edition' AND action = 'remove' "
        "ORDER BY id DESC LIMIT 1",
        [edition_id],
    )
    return _decoded(found[0]) if found else None
