"""Migrations from 0015 on (the third wave). A new migration goes at the end of this file."""

from __future__ import annotations

from sqlite_utils import Database

from .steps import Steps

STEPS = Steps()


@STEPS(name="0016_approved_choices")
def approved_choices(db: Database) -> None:
    """The note as it was approved, with its approval (its choices as JSON; '' for approvals recorded before)."""
    db.execute("ALTER TABLE approvals ADD COLUMN choices TEXT NOT NULL DEFAULT ''")
