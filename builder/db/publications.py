"""A note published as a web page (`/gepubliceerd/<token>`), in SQLite: at most one publication per draft.

A publication holds a copy of the note as it was published (its choices, edition and the house
style's logo), so later edits show only when the author publishes again. Publishing again keeps
the address and replaces the copy; revoking deletes the row, so the address never works again,
and a later publication gets a new token.

Unlike a private link or a review link, the token is stored itself, besides its SHA-256: the
address exists to be shared in public, and the author must find it again on the download page
in any browser. Lookups still go by the hash, compared in constant time, as for the other tokens.
Whoever can read the database can read the notes themselves; the token adds nothing to that.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass

from sqlite_utils import Database

from ..model.choices import Choices, checked, from_stored
from . import as_json, now, rows, write
from .drafts import TOKEN_PATTERN, Draft, hash_token, new_token


@dataclass(frozen=True)
class Publication:
    """A draft's publication: its address's token and the note as it was published."""

    draft_id: int
    token: str
    draft_version: int
    edition_id: str
    choices: Choices
    findable: bool  # search engines may index the page
    published_at: str
    first_published_at: str
    has_logo: bool
    logo_alt: str


COLUMNS = (
    "draft_id, token_hash, token, draft_version, edition_id, choices, findable, published_at, first_published_at, "
    "logo IS NOT NULL AS has_logo, logo_alt"
)


def _publication(row: dict) -> Publication:
    return Publication(
        draft_id=row["draft_id"],
        token=row["token"],
        draft_version=row["draft_version"],
        edition_id=row["edition_id"],
        choices=from_stored(json.loads(row["choices"])),
        findable=bool(row["findable"]),
        published_at=row["published_at"],
        first_published_at=row["first_published_at"],
        has_logo=bool(row["has_logo"]),
        logo_alt=row["logo_alt"],
    )


# The house style's logo as the note uses it now (none when switched off), for the copy a publication keeps.
LOGO_NOW = (
    "SELECT CASE WHEN logo_off = 0 AND logo_name != '' THEN logo END, logo_alt FROM house_styles WHERE draft_id = ?"
)


def publish(db: Database, draft: Draft, findable: bool) -> Publication:
    """Publish the draft as it is now: a new address the first time, the same address with a new copy after that."""
    choices = as_json(checked(draft.choices).to_data())
    token = new_token()
    stamp = now()
    with write(db):
        logo, alt = db.execute(LOGO_NOW, [draft.id]).fetchone() or (None, "")
        db.execute(
            "INSERT INTO publications (draft_id, token_hash, token, draft_version, edition_id, choices, findable, "
            "logo, logo_alt, published_at, first_published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(draft_id) DO UPDATE SET draft_version = excluded.draft_version, "
            "edition_id = excluded.edition_id, choices = excluded.choices, findable = excluded.findable, "
            "logo = excluded.logo, logo_alt = excluded.logo_alt, published_at = excluded.published_at",
            [draft.id, hash_token(token), token, draft.version, draft.edition_id, choices, int(findable)]
            + [logo, alt if logo is not None else "", stamp, stamp],
        )
    found = of_draft(db, draft.id)
    assert found is not None
    return found


def set_findable(db: Database, draft_id: int, findable: bool) -> bool:
    """Let search engines find the published page, or not, without publishing again; False when not published."""
    with write(db):
        cursor = db.execute("UPDATE publications SET findable = ? WHERE draft_id = ?", [int(findable), draft_id])
    return cursor.rowcount == 1


def revoke(db: Database, draft_id: int) -> bool:
    """Take the page offline for good: its address will never work again; False when it was not published.

    The note's retention period starts again: while published it was kept whatever its age (`drafts purge`).
    """
    with write(db):
        cursor = db.execute("DELETE FROM publications WHERE draft_id = ?", [draft_id])
        db.execute("UPDATE drafts SET touched_at = ? WHERE id = ?", [now(), draft_id])
    return cursor.rowcount == 1


def of_draft(db: Database, draft_id: int) -> Publication | None:
    """The draft's publication, or None when it is not published."""
    found = rows(db, f"SELECT {COLUMNS} FROM publications WHERE draft_id = ?", [draft_id])
    return _publication(found[0]) if found else None


def is_published(db: Database, draft_id: int) -> bool:
    """True when the draft is published as a web page (then `drafts purge` keeps it)."""
    return db.execute("SELECT 1 FROM publications WHERE draft_id = ?", [draft_id]).fetchone() is not None


def find(db: Database, token: str | None) -> Publication | None:
    """The publication an address opens; None for unknown, malformed and revoked tokens alike."""
    if not token or not TOKEN_PATTERN.match(token):
        return None
    wanted = hash_token(token)
    found = rows(db, f"SELECT {COLUMNS} FROM publications WHERE token_hash = ?", [wanted])
    if not found or not hmac.compare_digest(found[0]["token_hash"], wanted):
        return None
    return _publication(found[0])


def logo(db: Database, publication: Publication) -> bytes | None:
    """The logo a publication shows (as it was when published), or None."""
    if not publication.has_logo:
        return None
    row = db.execute("SELECT logo FROM publications WHERE draft_id = ?", [publication.draft_id]).fetchone()
    return row[0] if row else None


def changed_since(db: Database, publication: Publication, choices: Choices) -> bool:
    """True when the note (or the logo it shows) is no longer what the page shows: worth publishing again."""
    if publication.choices != choices:
        return True
    same_logo = db.execute(
        "SELECT p.logo IS (CASE WHEN h.logo_off = 0 AND h.logo_name != '' THEN h.logo END) "
        "AND (p.logo IS NULL OR p.logo_alt = h.logo_alt) "
        "FROM publications p LEFT JOIN house_styles h ON h.draft_id = p.draft_id WHERE p.draft_id = ?",
        [publication.draft_id],
    ).fetchone()
    return not (same_logo and same_logo[0])
