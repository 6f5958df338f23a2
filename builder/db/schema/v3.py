"""Migrations from 0015 on (the third wave). A new migration goes at the end of this file."""

from __future__ import annotations

from sqlite_utils import Database

from .steps import Steps, run_script

STEPS = Steps()


@STEPS(name="0015_suggestion_organisation")
def suggestion_organisation(db: Database) -> None:
    """The kind of organisation a suggestion came from ("" for those sent before), for curators to weigh it."""
    run_script(db, "ALTER TABLE suggestions ADD COLUMN organisation TEXT NOT NULL DEFAULT ''")
