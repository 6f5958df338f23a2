"""Curators' accounts, their server-side sessions and failed logins."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlite_utils import Database

from . import moment, now, rows


def curator_by_name(db: Database, name: str) -> dict | None:
    """The curator with this name (any case), or None."""
    found = rows(db, "SELECT * FROM curators WHERE name = ?", [name])
    return found[0] if found else None


def add_curator(db: Database, name: str, password_hash: str) -> None:
    """A new account with an already hashed password."""
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
    """Delete an account; its sessions go with it (their history lines stay)."""
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
    found = rows(
        db,
        "SELECT s.last_seen, c.id, c.name FROM curator_sessions s JOIN curators c ON c.id = s.curator_id "
        "WHERE s.id_hash = ?",
        [_hash(token)],
    )
    if not found:
        return None
    last_seen = moment(found[0]["last_seen"])
    if dt.datetime.now(dt.UTC) - last_seen > idle:
        return None
    return {"id": found[0]["id"], "name": found[0]["name"], "last_seen": found[0]["last_seen"]}


def session_owner(db: Database, token: str | None) -> str | None:
    """The name of the curator a session was for, live or not (to say whose typing an expired page carries)."""
    if not token:
        return None
    found = db.execute(
        "SELECT c.name FROM curator_sessions s JOIN curators c ON c.id = s.curator_id WHERE s.id_hash = ?",
        [_hash(token)],
    ).fetchone()
    return found[0] if found else None


def touch_session(db: Database, token: str) -> None:
    """The session was used just now: its idle time starts again."""
    db.execute("UPDATE curator_sessions SET last_seen = ? WHERE id_hash = ?", [now(), _hash(token)])


def end_session(db: Database, token: str | None) -> None:
    """Log out: the session's row goes."""
    if token:
        db.execute("DELETE FROM curator_sessions WHERE id_hash = ?", [_hash(token)])


def record_failure(db: Database, kind: str, value: str) -> int:
    """One failed login for an account name or an address ('account' or 'address'); returns its row id.

    An address for one account is an 'address' whose value names both (curation/auth.py)."""
    cursor = db.execute("INSERT INTO login_failures (kind, value, at) VALUES (?, ?, ?)", [kind, value.lower(), now()])
    return cursor.lastrowid


def forget_failures(db: Database, ids: list[int]) -> None:
    """Take back failures counted in advance for an attempt that succeeded."""
    db.execute(f"DELETE FROM login_failures WHERE id IN ({', '.join('?' * len(ids))})", ids)


def failures_since(db: Database, kind: str, value: str, since: dt.datetime) -> int:
    """Failed logins for this account name or address since `since`."""
    stamp = since.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return db.execute(
        "SELECT count(*) FROM login_failures WHERE kind = ? AND value = ? AND at >= ?", [kind, value.lower(), stamp]
    ).fetchone()[0]


def clear_failures(db: Database, kind: str, value: str) -> None:
    """Forget the failed logins of an account name or address (after a successful login)."""
    db.execute("DELETE FROM login_failures WHERE kind = ? AND value = ?", [kind, value.lower()])
