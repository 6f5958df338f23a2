"""Migrations from 0015 on (the third wave). A new migration goes at the end of this file."""

from __future__ import annotations

import json

from sqlite_utils import Database

from ...model.choices import from_stored
from .steps import Steps, run_script

STEPS = Steps()


@STEPS(name="0015_publications")
def publications(db: Database) -> None:
    """A note published as a web page: at most one per draft, its address's token, and what it shows.

    `choices` is the note as it was published (later edits show only when the author publishes again),
    `logo` and `logo_alt` the house style's logo at that moment. The token is kept besides its hash:
    the address is meant to be shared, and the author must be able to find it again (db/publications.py).
    """
    run_script(
        db,
        """
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            token TEXT NOT NULL,
            draft_version INTEGER NOT NULL,
            edition_id TEXT NOT NULL REFERENCES editions(id),
            choices TEXT NOT NULL,
            findable INTEGER NOT NULL DEFAULT 0 CHECK (findable IN (0, 1)),
            logo BLOB,
            logo_alt TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL,
            first_published_at TEXT NOT NULL
        )
        """,
    )


@STEPS(name="0016_approved_choices")
def approved_choices(db: Database) -> None:
    """The note as it was approved, with its approval (its choices as JSON; '' for approvals recorded before)."""
    db.execute("ALTER TABLE approvals ADD COLUMN choices TEXT NOT NULL DEFAULT ''")


@STEPS(name="0017_peer_usage")
def peer_usage(db: Database) -> None:
    """What downloaded notes of each kind of organisation chose, per edition, kept as counts (model/usage.py).

    A draft counts once it was downloaded (`peer_counted`); the notes downloaded before this migration
    are counted here, as they stand now."""
    from ..usage import count_peers

    run_script(
        db,
        """
        ALTER TABLE drafts ADD COLUMN peer_counted INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE peer_notes (
            edition_id TEXT NOT NULL, kind TEXT NOT NULL, notes INTEGER NOT NULL,
            PRIMARY KEY (edition_id, kind)
        );
        CREATE TABLE peer_usage (
            edition_id TEXT NOT NULL, kind TEXT NOT NULL, agreement_id TEXT NOT NULL, variant TEXT NOT NULL,
            reworded INTEGER NOT NULL, notes INTEGER NOT NULL,
            PRIMARY KEY (edition_id, kind, agreement_id, variant, reworded)
        );
        UPDATE drafts SET peer_counted = 1 WHERE id IN (SELECT draft_id FROM exports)
        """,
    )
    for (stored,) in db.execute("SELECT choices FROM drafts WHERE peer_counted = 1").fetchall():
        count_peers(db, None, from_stored(json.loads(stored)))


@STEPS(name="0018_suggestion_organisation")
def suggestion_organisation(db: Database) -> None:
    """The kind of organisation a suggestion came from ("" for those sent before), for curators to weigh it."""
    run_script(db, "ALTER TABLE suggestions ADD COLUMN organisation TEXT NOT NULL DEFAULT ''")


@STEPS(name="0019_draft_prints")
def draft_prints(db: Database) -> None:
    """The fingerprint of each unit of a draft's note, stored with it (JSON; '' for drafts stored before).

    A page carries the fingerprints of the units it shows (model/merging.py); they are worked out
    when the note is stored rather than on every page. A draft stored before has them worked out
    when it is read, until its next save.
    """
    db.execute("ALTER TABLE drafts ADD COLUMN prints TEXT NOT NULL DEFAULT ''")


@STEPS(name="0020_draft_copies")
def draft_copies(db: Database) -> None:
    """A draft's copies of its edition's own wordings, kept apart from the rest of its note (db/packing.py).

    `copies` holds them (a JSON list), `wordings_print` the fingerprint of the edition's wordings
    they were compared with. Drafts stored before hold their note whole ('' in both) until their
    next save.
    """
    run_script(
        db,
        """
        ALTER TABLE drafts ADD COLUMN copies TEXT NOT NULL DEFAULT '';
        ALTER TABLE drafts ADD COLUMN wordings_print TEXT NOT NULL DEFAULT ''
        """,
    )


@STEPS(name="0021_peer_sections")
def peer_sections(db: Database) -> None:
    """The counts per kind of organisation gathered per catalogue section, as a section page reads them.

    One row per (edition, kind, section): `counts` is a JSON object of agreement id to [notes that
    chose it, of which with a variant], worked out from `peer_usage` (db/usage.py) here and in every
    transaction that changes it.
    """
    from ..usage import refresh_sections

    run_script(
        db,
        """
        CREATE TABLE peer_sections (
            edition_id TEXT NOT NULL, kind TEXT NOT NULL, section_id TEXT NOT NULL, counts TEXT NOT NULL,
            PRIMARY KEY (edition_id, kind, section_id)
        ) WITHOUT ROWID
        """,
    )
    for edition_id, kind in db.execute("SELECT edition_id, kind FROM peer_notes").fetchall():
        refresh_sections(db, edition_id, kind)
