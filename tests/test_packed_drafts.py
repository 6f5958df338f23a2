"""A draft's row keeps the copies of its published edition's own wordings apart, and reads back the very note stored."""

from __future__ import annotations

import dataclasses
import json

import pytest
from support import REWORDED, UNTOUCHED, newer_edition

from builder import caches
from builder.db import connect, drafts, editions, write
from builder.model.choices import AgreementChoice, Choices
from builder.model.upgrade import upgraded


@pytest.fixture
def db(db_path):
    database = connect(db_path)
    yield database
    database.close()


def with_copy(choices: Choices, agreement_id: str, copy: str) -> Choices:
    """The note with one agreement's copy of its wording replaced (as a note brought in from a file may have it)."""
    for part in choices.sections:
        for k, choice in enumerate(part.agreements):
            if choice.id == agreement_id:
                changed = dataclasses.replace(choice, catalogue_text=copy)
                agreements = (*part.agreements[:k], changed, *part.agreements[k + 1 :])
                return choices.with_part(dataclasses.replace(part, agreements=agreements))
    raise KeyError(agreement_id)


def stored_text(db, draft_id: int, column: str = "choices") -> str:
    return db.execute(f"SELECT {column} FROM drafts WHERE id = ?", [draft_id]).fetchone()[0]


def test_a_page_reads_a_full_note_without_the_wordings_its_edition_holds(db, full_choices):
    draft = drafts.create(db, drafts.new_token(), full_choices)
    text = stored_text(db, draft.id)
    whole = json.dumps(full_choices.to_data(), ensure_ascii=False, separators=(",", ":"))
    assert len(text) < len(whole) / 4
    assert "catalogue_text" not in text
    assert len(json.loads(stored_text(db, draft.id, "copies"))) == 87
    assert drafts.get(db, draft.id).choices == full_choices


def test_when_the_editions_wordings_changed_behind_its_back_the_note_reads_its_own_copies(db, full_choices):
    draft = drafts.create(db, drafts.new_token(), full_choices)
    with write(db):
        db.execute("UPDATE agreements SET text = '[\"Gewijzigd.\"]' WHERE id = ?", [UNTOUCHED])
        db.execute("UPDATE variants SET text = '[\"Gewijzigd.\"]'")
    caches.published_editions.clear()
    assert "Gewijzigd." in str(editions.load(db, full_choices.edition).agreement(UNTOUCHED).text)
    assert drafts.get(db, draft.id).choices == full_choices  # this worker still knows the wordings it compared with
    caches.clear_all()  # another worker reads the altered wordings, with another fingerprint
    assert drafts.get(db, draft.id).choices == full_choices


@pytest.mark.parametrize(
    "copy, why",
    [
        ("Een formulering van een oudere editie.", "a wording the edition does not hold"),
        ("", "a note brought in without copies"),
    ],
)
def test_a_copy_that_is_not_the_editions_wording_is_kept_as_it_is(db, full_choices, copy, why):
    choices = with_copy(full_choices, UNTOUCHED, copy)
    draft = drafts.create(db, drafts.new_token(), choices)
    assert drafts.get(db, draft.id).choices == choices, why
    saved = drafts.save(db, draft.id, draft.version, with_copy(choices, REWORDED, copy), {})
    assert drafts.get(db, draft.id).choices == saved.choices


def test_every_kind_of_write_reads_back_the_note_it_stored(db, catalogue, full_choices):
    newer = newer_edition(catalogue)
    published = dataclasses.replace(newer.edition, status="published", published_at="2026-11-01T00:00:00Z")
    newer = dataclasses.replace(newer, edition=published)
    with write(db):
        editions.insert_catalogue(db, newer)
    draft = drafts.create(db, drafts.new_token(), with_copy(full_choices, UNTOUCHED, ""))
    saved = drafts.save(db, draft.id, draft.version, draft.choices, {"sections": {"5.1": "done"}})
    moved = drafts.replace_note(db, draft.id, saved.version, upgraded(saved.choices, catalogue, newer, {}, {}), {}, "")
    assert drafts.get(db, draft.id).choices == moved.choices and moved.edition_id == "2025"
    assert stored_text(db, draft.id).count("catalogue_text") < 5  # the upgrade took the new edition's wordings
    (kept,) = drafts.kept_versions(db, draft.id)
    assert drafts.kept_version(db, draft.id, kept.id)[1] == saved.choices
    restored = drafts.restore(db, draft.id, kept.id, moved.version, "Terug")
    assert drafts.get(db, draft.id).choices == restored.choices == saved.choices
    # each carries the edition it was read or written with, which the pages then show it in
    assert [d.catalogue.edition.id for d in (saved, moved, restored)] == ["2024", "2025", "2024"]


def test_a_change_to_one_note_never_shows_in_another_on_the_same_edition(db, full_choices):
    first = drafts.create(db, drafts.new_token(), full_choices)
    second = drafts.create(db, drafts.new_token(), full_choices)
    reworded = with_copy(drafts.get(db, first.id).choices, REWORDED, "Een eigen kopie.")
    part = next(p for p in reworded.sections if any(c.id == REWORDED for c in p.agreements))
    agreements = tuple(
        dataclasses.replace(c, text="Onze eigen tekst.") if c.id == REWORDED else c for c in part.agreements
    )
    drafts.save(db, first.id, first.version, reworded.with_part(dataclasses.replace(part, agreements=agreements)), {})
    changed = {c.id: c for p in drafts.get(db, first.id).choices.sections for c in p.agreements}[REWORDED]
    assert (changed.text, changed.catalogue_text) == ("Onze eigen tekst.", "Een eigen kopie.")
    assert drafts.get(db, second.id).choices == full_choices


def test_a_note_on_an_edition_still_being_curated_is_stored_whole(db, catalogue, full_choices):
    curated = newer_edition(catalogue, "2026")
    draft_edition = dataclasses.replace(curated, edition=dataclasses.replace(curated.edition, status="draft"))
    with write(db):
        editions.insert_catalogue(db, draft_edition)
    choices = dataclasses.replace(full_choices, edition="2026")
    draft = drafts.create(db, drafts.new_token(), choices)
    assert json.loads(stored_text(db, draft.id)) == choices.to_data()
    assert stored_text(db, draft.id, "copies") == stored_text(db, draft.id, "wordings_print") == ""
    assert drafts.get(db, draft.id).choices == choices


def test_a_note_stored_before_is_read_as_it_was_stored(db, catalogue, full_choices):
    draft = drafts.create(db, drafts.new_token(), full_choices)
    data = full_choices.to_data()
    for part in data["sections"]:
        for agreement in part.get("agreements", ()):
            if agreement.get("id") == UNTOUCHED:
                del agreement["catalogue_text"]  # as a note brought in without copies was stored before
    with write(db):  # as every row was before its copies were kept apart (migration 0020)
        db.execute(
            "UPDATE drafts SET choices = ?, copies = '', wordings_print = '' WHERE id = ?", [json.dumps(data), draft.id]
        )
    read = drafts.get(db, draft.id).choices
    assert read.to_data() == data
    (untouched,) = [c for part in read.sections for c in part.agreements if c.id == UNTOUCHED]
    assert untouched.catalogue_text == ""


def test_own_agreements_have_no_copy_to_leave_out(db, full_choices):
    draft = drafts.create(db, drafts.new_token(), full_choices)
    own = [c for part in drafts.get(db, draft.id).choices.sections for c in part.agreements if c.is_own]
    assert own == [AgreementChoice(text="Maandelijks.")]
