"""A note replaced as a whole (a move to a new edition, a restore) keeps the version it replaces."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import REWORDED, newer_edition

from builder.db import connect, drafts, editions, usage, write
from builder.model import merging, upgrade, versions
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices


@pytest.fixture
def db(db_path, catalogue):
    """The test database with edition 2025 published on top of 2024."""
    database = connect(db_path)
    newer = newer_edition(catalogue)
    newer = dataclasses.replace(
        newer, edition=dataclasses.replace(newer.edition, status="published", published_at="2026-11-01T00:00:00Z")
    )
    with write(database):
        editions.insert_catalogue(database, newer)
    yield database
    database.close()


def a_note(db, catalogue):
    choices = new_choices(catalogue, dt.date(2026, 1, 5))
    answers = {REWORDED: AgreementAnswer(include=True, text="Wij schrijven een eigen plan.")}
    choices = apply_section(choices, catalogue, catalogue.sections[0], SectionAnswers(agreements=answers))
    draft = drafts.create(db, drafts.new_token(), choices)
    return drafts.save(db, draft.id, draft.version, choices, {"sections": {"5.1": "done"}})


def moved(db, draft):
    old, new = editions.load(db, "2024"), editions.load(db, "2025")
    return drafts.replace_note(
        db, draft.id, draft.version, upgrade.upgraded(draft.choices, old, new, {}, {}), {}, "Naar editie 2025"
    )


def test_moving_to_a_new_edition_keeps_the_old_version(db, catalogue):
    draft = a_note(db, catalogue)
    after = moved(db, draft)
    assert after.edition_id == "2025" and after.version == draft.version + 1
    (kept,) = drafts.kept_versions(db, draft.id)
    assert (kept.edition_id, kept.version, kept.reason) == ("2024", draft.version, "Naar editie 2025")
    assert drafts.get(db, draft.id).choices.sections[0].agreements[0].text == "Wij schrijven een eigen plan."


def test_the_counts_follow_the_note_to_its_new_edition(db, catalogue):
    draft = a_note(db, catalogue)
    before = usage.draft_counts(db)
    moved(db, draft)
    after = usage.draft_counts(db)
    assert after["2024"] == before["2024"] - 1
    assert after["2025"] == before.get("2025", 0) + 1
    assert [row["agreement_id"] for row in usage.usage(db, "2025")] == [REWORDED]
    assert REWORDED not in [row["agreement_id"] for row in usage.usage(db, "2024")]


def test_restoring_brings_back_the_old_edition_and_keeps_the_new_one(db, catalogue):
    draft = a_note(db, catalogue)
    after = moved(db, draft)
    (kept,) = drafts.kept_versions(db, draft.id)
    restored = drafts.restore(db, draft.id, kept.id, after.version, "Terug naar editie 2024")
    assert restored.edition_id == "2024"
    assert restored.choices.to_data() == draft.choices.to_data()
    assert restored.progress == {"sections": {"5.1": "done"}}
    assert [v.edition_id for v in drafts.kept_versions(db, draft.id)] == ["2025", "2024"]
    assert usage.draft_counts(db)["2025"] == 0


def test_a_colleague_who_saved_meanwhile_is_not_overwritten(db, catalogue):
    draft = a_note(db, catalogue)
    drafts.save(db, draft.id, draft.version, draft.choices, {"sections": {"5.1": "done", "5.2": "started"}})
    with pytest.raises(drafts.Conflict):
        moved(db, draft)
    assert drafts.get(db, draft.id).edition_id == "2024"
    assert drafts.kept_versions(db, draft.id) == []


def test_a_kept_version_of_another_draft_cannot_be_restored(db, catalogue):
    first, second = a_note(db, catalogue), a_note(db, catalogue)
    moved(db, first)
    (kept,) = drafts.kept_versions(db, first.id)
    with pytest.raises(LookupError):
        drafts.restore(db, second.id, kept.id, second.version, "")


def test_deleting_the_draft_deletes_its_kept_versions(db, catalogue):
    draft = a_note(db, catalogue)
    moved(db, draft)
    drafts.delete(db, draft.id)
    assert drafts.kept_versions(db, draft.id) == []


def stored_prints(db, draft_id):
    """The fingerprints stored with a draft, as a page reads them."""
    return drafts.get(db, draft_id).prints


def test_the_fingerprints_stored_with_a_note_are_its_own_after_every_kind_of_write(db, catalogue):
    """A page carries the fingerprints of what it shows from those stored with the note (model/merging.py)."""
    created = drafts.create(db, drafts.new_token(), new_choices(catalogue, dt.date(2026, 1, 5)))
    assert stored_prints(db, created.id) == merging.fingerprints(created.choices)
    draft = a_note(db, catalogue)
    assert stored_prints(db, draft.id) == merging.fingerprints(draft.choices) == draft.prints
    after = moved(db, draft)
    assert stored_prints(db, draft.id) == merging.fingerprints(after.choices) != draft.prints
    (kept,) = drafts.kept_versions(db, draft.id)
    restored = drafts.restore(db, draft.id, kept.id, after.version, "Terug")
    assert stored_prints(db, draft.id) == merging.fingerprints(restored.choices) == draft.prints
    keys = merging.part_keys("5.1", [a.id for a in catalogue.sections[0].agreements])
    every = merging.units(restored.choices)
    carried = versions.read_version(merging.shown(restored.prints, [*keys, "title"]))
    assert carried == {key: versions.fingerprint(every.get(key)) for key in [*keys, "title"]}


def test_a_note_stored_before_its_fingerprints_were_kept_works_them_out(db, catalogue):
    draft = a_note(db, catalogue)
    with write(db):
        db.execute("UPDATE drafts SET prints = '' WHERE id = ?", [draft.id])
    assert stored_prints(db, draft.id) == merging.fingerprints(draft.choices)
    saved = drafts.save(db, draft.id, draft.version, draft.choices, {})
    assert db.execute("SELECT prints FROM drafts WHERE id = ?", [draft.id]).fetchone()[0] == saved.stored_prints != ""
