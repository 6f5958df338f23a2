"""Review links, their comments and recorded approvals in SQLite (see model/reviews.py for the rules).

A review link's token is stored as its SHA-256 only, like a draft's private link. Every lookup
that starts from a reviewer names the draft the link belongs to, so a link never reaches another
draft; comments of one link are read with that link's id.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from dataclasses import dataclass

from sqlite_utils import Database

from ..model.choices import Choices, from_stored
from ..model.reviews import Comment, ReviewLink
from . import as_json, now, rows, write
from .drafts import TOKEN_PATTERN, hash_token, new_token


def create_link(db: Database, draft_id: int, label: str, expires_on: dt.date) -> tuple[str, ReviewLink]:
    """A new review link for the draft: its token (shown once to the author) and the stored link."""
    token = new_token()
    stamp = now()
    with write(db):
        cursor = db.execute(
            "INSERT INTO review_links (draft_id, token_hash, label, expires_on, created_at) VALUES (?, ?, ?, ?, ?)",
            [draft_id, hash_token(token), label, expires_on.isoformat(), stamp],
        )
        link_id = cursor.lastrowid
    return token, ReviewLink(link_id, draft_id, label, expires_on.isoformat(), None, stamp)


def _link(row: dict) -> ReviewLink:
    return ReviewLink(
        id=row["id"],
        draft_id=row["draft_id"],
        label=row["label"],
        expires_on=row["expires_on"],
        revoked_at=row["revoked_at"],
        created_at=row["created_at"],
    )


LINK_COLUMNS = "id, draft_id, token_hash, label, expires_on, revoked_at, created_at"


def find_link(db: Database, token: str | None) -> ReviewLink | None:
    """The link a token opens, in whatever state (open, expired, revoked); None for unknown or malformed tokens."""
    if not token or not TOKEN_PATTERN.match(token):
        return None
    wanted = hash_token(token)
    found = rows(db, f"SELECT {LINK_COLUMNS} FROM review_links WHERE token_hash = ?", [wanted])
    if not found or not hmac.compare_digest(found[0]["token_hash"], wanted):
        return None
    return _link(found[0])


def links(db: Database, draft_id: int) -> list[ReviewLink]:
    """The draft's review links, oldest first."""
    found = rows(db, f"SELECT {LINK_COLUMNS} FROM review_links WHERE draft_id = ? ORDER BY id", [draft_id])
    return [_link(row) for row in found]


def revoke(db: Database, draft_id: int, link_id: int) -> bool:
    """Withdraw one of the draft's links at once; False when the draft has no such link or it was revoked already."""
    with write(db):
        cursor = db.execute(
            "UPDATE review_links SET revoked_at = ? WHERE id = ? AND draft_id = ? AND revoked_at IS NULL",
            [now(), link_id, draft_id],
        )
    return cursor.rowcount == 1


@dataclass(frozen=True)
class NewComment:
    """What a comment says and where it belongs, before it is stored."""

    author: str
    text: str
    verdict: str = ""
    part: str = ""
    agreement: str = ""
    number: int = 0
    wording: str = ""


def add_comment(
    db: Database, draft_id: int, link_id: int | None, comment: NewComment, parent_id: int | None = None
) -> int:
    """Store a comment (a reviewer's, with their link) or a reply (the author's, `link_id` None); returns its id.

    A reply is only stored under a top-level comment of the same draft; else LookupError.
    """
    with write(db):
        if parent_id is not None:
            parent = db.execute(
                "SELECT part, agreement, number, wording FROM review_comments "
                "WHERE id = ? AND draft_id = ? AND parent_id IS NULL",
                [parent_id, draft_id],
            ).fetchone()
            if parent is None:
                raise LookupError(parent_id)
            comment = NewComment(comment.author, comment.text, "", *parent)
        cursor = db.execute(
            "INSERT INTO review_comments (draft_id, link_id, part, agreement, number, wording, author, verdict, "
            "text, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                draft_id,
                link_id,
                comment.part,
                comment.agreement,
                comment.number,
                comment.wording,
                comment.author,
                comment.verdict,
                comment.text,
                parent_id,
                now(),
            ],
        )
        return cursor.lastrowid


COMMENT_COLUMNS = (
    "id, draft_id, link_id, part, agreement, number, wording, author, verdict, text, parent_id, resolved_at, created_at"
)


def comments(db: Database, draft_id: int, link_id: int | None = None) -> list[Comment]:
    """The draft's comments and replies, oldest first; with `link_id`, only that link's comments and their replies."""
    sql = f"SELECT {COMMENT_COLUMNS} FROM review_comments WHERE draft_id = ?"
    params: list = [draft_id]
    if link_id is not None:
        sql += (
            " AND (link_id = ? OR parent_id IN "
            "(SELECT id FROM review_comments WHERE draft_id = ? AND link_id = ? AND parent_id IS NULL))"
        )
        params += [link_id, draft_id, link_id]
    return [Comment(**row) for row in rows(db, sql + " ORDER BY id", params)]


def set_resolved(db: Database, draft_id: int, comment_id: int, resolved: bool) -> bool:
    """Resolve (or reopen) one of the draft's top-level comments; False when the draft has no such comment."""
    with write(db):
        cursor = db.execute(
            "UPDATE review_comments SET resolved_at = ? WHERE id = ? AND draft_id = ? AND parent_id IS NULL",
            [now() if resolved else None, comment_id, draft_id],
        )
    return cursor.rowcount == 1


@dataclass(frozen=True)
class Approval:
    """A decision recorded for a draft: which version was approved, by whom, when, under what reference.

    `choices` is the note as it was approved, None for a decision recorded before Bouwpakket kept it
    (no amendment note can be made from those)."""

    id: int
    draft_version: int
    body: str
    decided_on: str
    reference: str
    created_at: str
    choices: Choices | None = None


def record_approval(
    db: Database, draft_id: int, version: int, body: str, decided_on: str, reference: str, choices: Choices
) -> bool:
    """Record that `version` of the draft, `choices`, was approved by `body` on `decided_on`; True when written.

    A correction of the latest decision (same date: the body or reference typed further, as the review
    page saves while the user types) updates that record, with the version and note it now stands on; the same
    decision saved again changes nothing; another date is another decision, recorded beside the earlier ones.
    """
    approved = as_json(choices.to_data())
    with write(db):
        last = db.execute(
            "SELECT id, body, decided_on, reference FROM approvals WHERE draft_id = ? ORDER BY id DESC LIMIT 1",
            [draft_id],
        ).fetchone()
        if last is not None and tuple(last[1:]) == (body, decided_on, reference):
            return False
        if last is not None and last[2] == decided_on:
            db.execute(
                "UPDATE approvals SET body = ?, reference = ?, draft_version = ?, choices = ?, created_at = ? "
                "WHERE id = ?",
                [body, reference, version, approved, now(), last[0]],
            )
            return True
        db.execute(
            "INSERT INTO approvals (draft_id, draft_version, body, decided_on, reference, choices, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [draft_id, version, body, decided_on, reference, approved, now()],
        )
    return True


def _approval(row: dict) -> Approval:
    stored = row.pop("choices")
    return Approval(**row, choices=from_stored(json.loads(stored)) if stored else None)


def approvals(db: Database, draft_id: int) -> list[Approval]:
    """The approvals recorded for the draft, newest first, each with the note as approved where it was kept."""
    found = rows(
        db,
        "SELECT id, draft_version, body, decided_on, reference, created_at, choices FROM approvals "
        "WHERE draft_id = ? ORDER BY id DESC",
        [draft_id],
    )
    return [_approval(row) for row in found]
