"""Migrations from 0015 on (the third wave). A new migration goes at the end of this file."""

from __future__ import annotations

import json

from sqlite_utils import Database

from ...model.choices import from_stored
from .steps import Steps, run_script

STEPS = Steps()


@STEPS(name="0017_peer_usage")
def peer_usage(db: Database) -> None:
    """What downloaded notes of each kind of organisation chose, per edition, kept as counts (model/usage.py).

    A draft counts once it was downloaded (`peer_counted`); the notes downloaded before this migration
    are counted here, as they stand now."""
    from ..usage import update_peers

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
            notes INTEGER NOT NULL, PRIMARY KEY (edition_id, kind, agreement_id, variant)
        );
        UPDATE drafts SET peer_counted = 1 WHERE id IN (SELECT draft_id FROM exports)
        """,
    )
    for (stored,) in db.execute("SELECT choices FROM drafts WHERE peer_counted = 1").fetchall():
        update_peers(db, None, from_stored(json.loads(stored)))
