"""Suggestions users send for the catalogue, and their handling by curators."""

from __future__ import annotations

from sqlite_utils import Database

from . import now, rows


def add_suggestion(db: Database, **fields: str) -> int:
    """Store a suggestion (edition_id, section_number, agreement_id, kind, text, name, email, organisation); its id."""
    cursor = db.execute(
        "INSERT INTO suggestions (edition_id, section_number, agreement_id, kind, text, name, email, organisation, "
        "created_at) VALUES (:edition_id, :section_number, :agreement_id, :kind, :text, :name, :email, "
        ":organisation, :created_at)",
        {"organisation": "", **fields, "created_at": now()},
    )
    return cursor.lastrowid


def suggestions(db: Database, handled: bool, limit: int = -1, offset: int = 0) -> list[dict]:
    """Handled or open suggestions, newest first; `limit` and `offset` give one page of them."""
    condition = "handled_at != ''" if handled else "handled_at = ''"
    return rows(db, f"SELECT * FROM suggestions WHERE {condition} ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset])


def count(db: Database, handled: bool) -> int:
    """How many suggestions are handled, or open."""
    condition = "handled_at != ''" if handled else "handled_at = ''"
    return db.execute(f"SELECT count(*) FROM suggestions WHERE {condition}").fetchone()[0]


def suggestion(db: Database, suggestion_id: int) -> dict | None:
    """One suggestion, or None."""
    found = rows(db, "SELECT * FROM suggestions WHERE id = ?", [suggestion_id])
    return found[0] if found else None


OUTCOMES = ("handled", "added", "applied", "rejected")


def mark_handled(
    db: Database, suggestion_id: int, curator: str, agreement: str = "", outcome: str = "handled", reason: str = ""
) -> None:
    """A curator dealt with the suggestion: handled, an agreement `added` or `applied` to one, or `rejected`."""
    assert outcome in OUTCOMES, outcome
    db.execute(
        "UPDATE suggestions SET handled_at = ?, handled_by = ?, agreement_created = ?, outcome = ?, reason = ? "
        "WHERE id = ?",
        [now(), curator, agreement, outcome, reason, suggestion_id],
    )


def reopen(db: Database, suggestion_id: int) -> None:
    """Put a handled suggestion back among the open ones (what was done with it is forgotten)."""
    db.execute(
        "UPDATE suggestions SET handled_at = '', handled_by = '', agreement_created = '', outcome = '', reason = '' "
        "WHERE id = ?",
        [suggestion_id],
    )
