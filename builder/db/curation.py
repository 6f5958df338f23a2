"""Curators, their sessions and failed logins; edition history; usage; suggestions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections import Counter

from sqlite_utils import Database

from ..model.catalogue import Catalogue
from . import catalogue as stored
from . import now

# ---------------------------------------------------------------- editions


def draft_edition(db: Database) -> str | None:
    """The edition being prepared (there is at most one at a time)."""
    row = db.execute("SELECT id FROM editions WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def replace_edition(db: Database, catalogue: Catalogue) -> None:
    """Store a draft edition as a whole; the caller holds the write transaction."""
    existing = stored.edition(db, catalogue.edition.id)
    if existing is not None and existing.is_published:
        raise PermissionError(f"edition {catalogue.edition.id} is published")
    created = db.execute("SELECT created_at FROM editions WHERE id = ?", [catalogue.edition.id]).fetchone()
    stored.delete_edition(db, catalogue.edition.id)
    stored.insert_catalogue(db, catalogue)
    if created:
        db.execute("UPDATE editions SET created_at = ? WHERE id = ?", [created[0], catalogue.edition.id])


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
    rows = []
    for row in db.query(sql, params):
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
        rows.append(row)
    return rows


# ---------------------------------------------------------------- curators


def curator_by_name(db: Database, name: str) -> dict | None:
    rows = list(db.query("SELECT * FROM curators WHERE name = ?", [name]))
    return rows[0] if rows else None


def add_curator(db: Database, name: str, password_hash: str) -> None:
    stamp = now()
    db.execute(
        "INSERT INTO curators (name, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?)",
        [name, password_hash, stamp, stamp],
    )


def set_password(db: Database, curator_id: int, password_hash: str) -> None:
    """New password; every open session of this curator ends."""
    db.execute(
        "UPDATE curators SET password_hash = ?, password_changed_at = ? WHERE id = ?",
        [password_hash, now(), curator_id],
    )
    db.execute("DELETE FROM curator_sessions WHERE curator_id = ?", [curator_id])


def remove_curator(db: Database, curator_id: int) -> None:
    db.execute("DELETE FROM curators WHERE id = ?", [curator_id])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(db: Database, curator_id: int) -> str:
    """A new server-side session; only its hash is stored, the token goes in the cookie."""
    token = secrets.token_urlsafe(32)
    stamp = now()
    db.execute(
        "INSERT INTO curator_sessions (id_hash, curator_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
        [_hash(token), curator_id, stamp, stamp],
    )
    return token


def session_curator(db: Database, token: str | None, idle: dt.timedelta) -> dict | None:
    """The curator of a live session; None when unknown, logged out or idle too long."""
    if not token:
        return None
    rows = list(
        db.query(
            "SELECT s.last_seen, c.id, c.name FROM curator_sessions s JOIN curators c ON c.id = s.curator_id "
            "WHERE s.id_hash = ?",
            [_hash(token)],
        )
    )
    if not rows:
        return None
    last_seen = dt.datetime.strptime(rows[0]["last_seen"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    if dt.datetime.now(dt.UTC) - last_seen > idle:
        return None
    return {"id": rows[0]["id"], "name": rows[0]["name"], "last_seen": rows[0]["last_seen"]}


def touch_session(db: Database, token: str) -> None:
    db.execute("UPDATE curator_sessions SET last_seen = ? WHERE id_hash = ?", [now(), _hash(token)])


def end_session(db: Database, token: str | None) -> None:
    if token:
        db.execute("DELETE FROM curator_sessions WHERE id_hash = ?", [_hash(token)])


def record_failure(db: Database, kind: str, value: str) -> None:
    db.execute("INSERT INTO login_failures (kind, value, at) VALUES (?, ?, ?)", [kind, value.lower(), now()])


def failures_since(db: Database, kind: str, value: str, since: dt.datetime) -> int:
    stamp = since.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return db.execute(
        "SELECT count(*) FROM login_failures WHERE kind = ? AND value = ? AND at >= ?", [kind, value.lower(), stamp]
    ).fetchone()[0]


def clear_failures(db: Database, kind: str, value: str) -> None:
    db.execute("DELETE FROM login_failures WHERE kind = ? AND value = ?", [kind, value.lower()])


# ---------------------------------------------------------------- usage


def update_usage(db: Database, edition_id: str, removed: list[tuple], added: list[tuple]) -> None:
    """Keep the usage counts in step with a draft's change (caller holds the transaction)."""
    delta = Counter(added)
    delta.subtract(Counter(removed))
    for (agreement_id, variant, reworded), change in delta.items():
        if change == 0:
            continue
        db.execute(
            "INSERT INTO usage (edition_id, agreement_id, variant, reworded, drafts) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (edition_id, agreement_id, variant, reworded) DO UPDATE SET drafts = drafts + excluded.drafts",
            [edition_id, agreement_id, variant, int(reworded), change],
        )


def usage(db: Database, edition_id: str) -> list[dict]:
    return list(
        db.query(
            "SELECT agreement_id, variant, reworded, drafts FROM usage WHERE edition_id = ? AND drafts > 0",
            [edition_id],
        )
    )


def draft_counts(db: Database) -> dict[str, int]:
    """Notes per edition, from the maintained count (no scan of the drafts)."""
    return {row["edition_id"]: row["drafts"] for row in db.query("SELECT edition_id, drafts FROM draft_counts")}


def count_draft(db: Database, edition_id: str, change: int) -> None:
    """Keep the drafts-per-edition count in step (caller holds the transaction)."""
    db.execute(
        "INSERT INTO draft_counts (edition_id, drafts) VALUES (?, ?) "
        "ON CONFLICT (edition_id) DO UPDATE SET drafts = drafts + excluded.drafts",
        [edition_id, change],
    )


def shared_drafts(db: Database) -> list[dict]:
    """Drafts whose organisation downloaded the note and agreed to share it."""
    return list(
        db.query(
            "SELECT d.id, d.edition_id, d.choices, max(e.created_at) AS shared_at FROM drafts d "
            "JOIN exports e ON e.draft_id = d.id AND e.share = 1 GROUP BY d.id ORDER BY shared_at DESC"
        )
    )


# ---------------------------------------------------------------- suggestions


def add_suggestion(db: Database, **fields) -> int:
    cursor = db.execute(
        "INSERT INTO suggestions (edition_id, section_number, agreement_id, kind, text, name, email, created_at) "
        "VALUES (:edition_id, :section_number, :agreement_id, :kind, :text, :name, :email, :created_at)",
        {**fields, "created_at": now()},
    )
    return cursor.lastrowid


def suggestions(db: Database, handled: bool) -> list[dict]:
    condition = "handled_at != ''" if handled else "handled_at = ''"
    return list(db.query(f"SELECT * FROM suggestions WHERE {condition} ORDER BY id DESC"))


def suggestion(db: Database, suggestion_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM suggestions WHERE id = ?", [suggestion_id]))
    return rows[0] if rows else None


def mark_handled(db: Database, suggestion_id: int, curator: str, agreement_created: str = "") -> None:
    db.execute(
        "UPDATE suggestions SET handled_at = ?, handled_by = ?, agreement_created = ? WHERE id = ?",
        [now(), curator, agreement_created, suggestion_id],
    )
