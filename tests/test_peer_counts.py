"""What similar organisations chose: per agreement, how many downloaded notes of the same kind took it (issue 29, 3).

Each note counts once, only once downloaded, and only where at least ten notes of the kind exist on the edition.
"""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest
from support import Browser

from builder.db import connect, drafts
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Organisation
from builder.model.usage import MIN_PEERS

FIRST = "5.1"


def a_note(catalogue, kind: str, variant_for: str = "", name: str = "Gemeente X"):
    """A note of `kind` holding the first five agreements of 5.1 (the one `variant_for` names in its variant)."""
    import datetime as dt

    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 12, 1)), organisation=Organisation(name=name, type=kind)
    )
    section = catalogue.section(FIRST)
    answers = {
        a.id: AgreementAnswer(include=True, variant=a.variants[0].label if a.id == variant_for else "")
        for a in section.agreements[:5]
    }
    return apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))


def stored(db_path, catalogue, count: int, kind: str = "gemeente", downloaded: bool = True, variant_for: str = ""):
    """`count` notes of `kind` stored, each downloaded once (or not)."""
    db = connect(db_path)
    made = []
    for n in range(count):
        draft = drafts.create(db, drafts.new_token(), a_note(catalogue, kind, variant_for, f"Gemeente {n}"))
        if downloaded:
            drafts.record_export(db, draft)
            drafts.record_export(db, draft)  # a double click is one download
        made.append(draft)
    db.close()
    return made


def peer_lines(browser, kind: str = "gemeente") -> list[str]:
    browser.start()
    browser.organisation("Gemeente Zottegem", type=kind)
    browser.get(f"/nota/onderdeel/{FIRST}")
    return [unescape(line) for line in re.findall(r'<p class="pick__peers">(.*?)</p>', browser.page)]


@pytest.fixture
def browser(client):
    return Browser(client)


def with_variant(catalogue) -> str:
    return next(a.id for a in catalogue.section(FIRST).agreements[:5] if a.variants)


def test_ten_downloaded_notes_of_a_kind_show_what_they_chose(browser, db_path, catalogue):
    stored(db_path, catalogue, MIN_PEERS, variant_for=with_variant(catalogue))
    lines = peer_lines(browser)
    assert len(lines) == len(catalogue.section(FIRST).agreements)
    assert lines[0].startswith("Gekozen in 10 van de 10 nota’s van gemeenten")
    assert any("· 10 met de variant" in line or "· 10 met een variant" in line for line in lines)
    assert lines[-1] == "Gekozen in 0 van de 10 nota’s van gemeenten"


@pytest.mark.parametrize(
    "setup, why",
    [
        ({"count": MIN_PEERS - 1}, "nine notes could point at one organisation"),
        ({"count": MIN_PEERS, "downloaded": False}, "notes never downloaded do not count"),
        ({"count": MIN_PEERS, "kind": "stad"}, "cities are not municipalities"),
    ],
)
def test_nothing_is_said_without_ten_downloaded_notes_of_the_kind(browser, db_path, catalogue, setup, why):
    stored(db_path, catalogue, **setup)
    assert peer_lines(browser) == [], why


def test_a_note_counts_once_and_follows_its_changes_and_removal(browser, db_path, catalogue):
    made = stored(db_path, catalogue, MIN_PEERS)
    db = connect(db_path)
    first = drafts.get(db, made[0].id)
    fewer = a_note(catalogue, "gemeente")
    part = fewer.part(FIRST)
    fewer = fewer.with_part(dataclasses.replace(part, agreements=part.agreements[1:]))
    drafts.save(db, first.id, first.version, fewer, first.progress)
    drafts.record_export(db, drafts.get(db, first.id))  # downloaded again: still one note
    db.close()
    assert peer_lines(browser)[0].startswith("Gekozen in 9 van de 10 ")
    db = connect(db_path)
    drafts.delete(db, made[1].id)
    db.close()
    assert peer_lines(Browser(browser.client)) == [], "nine notes left"


def test_a_note_that_changes_kind_moves_to_the_other_kind(browser, db_path, catalogue):
    made = stored(db_path, catalogue, MIN_PEERS + 1)
    db = connect(db_path)
    moved = drafts.get(db, made[0].id)
    as_city = dataclasses.replace(moved.choices, organisation=Organisation(name="Stad Y", type="stad"))
    drafts.save(db, moved.id, moved.version, as_city, moved.progress)
    db.close()
    assert peer_lines(browser)[0].startswith("Gekozen in 10 van de 10 ")


def test_a_note_brought_in_from_a_file_counts_once_it_is_downloaded(browser, db_path, catalogue):
    from support import upload

    from builder.formats.word import render_note, to_bytes

    stored(db_path, catalogue, MIN_PEERS - 1)
    upload(browser, to_bytes(render_note(a_note(catalogue, "gemeente"), catalogue)))
    browser.get("/nota/downloaden")
    browser.post("/nota/downloaden", {}, status=200)
    browser.post("/nota/downloaden", {}, status=200)
    assert peer_lines(Browser(browser.client))[0].startswith("Gekozen in 10 van de 10 ")


def test_notes_downloaded_before_the_counts_existed_are_counted_by_the_migrations(db_path, catalogue):
    from builder.db import usage, write
    from builder.db.schema.v3 import peer_sections, peer_usage

    stored(db_path, catalogue, MIN_PEERS, variant_for=with_variant(catalogue))
    stored(db_path, catalogue, 3, downloaded=False)
    db = connect(db_path)
    section_id = catalogue.section(FIRST).id
    before = usage.peer_counts(db, catalogue.edition.id, "gemeente", section_id)
    with write(db):
        for table in ("peer_notes", "peer_usage", "peer_sections"):
            db.execute(f"DROP TABLE {table}")
        db.execute("ALTER TABLE drafts DROP COLUMN peer_counted")
        peer_usage(db)
        peer_sections(db)
    after = usage.peer_counts(db, catalogue.edition.id, "gemeente", section_id)
    db.close()
    assert before is not None and after == before and after.notes == MIN_PEERS and after.with_variant


def varied_note(catalogue, n: int, kind: str = "gemeente"):
    """Note `n` of a kind: in three sections, every agreement whose position fits `n`, some in their variant."""
    import datetime as dt

    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 12, 1)), organisation=Organisation(name=f"Org {n}", type=kind)
    )
    for section in catalogue.sections[::5]:
        answers = {
            a.id: AgreementAnswer(include=True, variant=a.variants[0].label if a.variants and (n + k) % 3 else "")
            for k, a in enumerate(section.agreements)
            if (n + k) % 2 == 0 or k == 0
        }
        choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))
    return choices


def what_the_notes_hold(db, catalogue, kind: str) -> dict[str, tuple[int, dict, dict]]:
    """Per section, worked out from the downloaded notes themselves: (notes, chosen, with a variant)."""
    notes, chosen, varied = 0, {}, {}
    for (draft_id,) in db.execute("SELECT id FROM drafts WHERE peer_counted = 1").fetchall():
        choices = drafts.get(db, draft_id).choices
        if choices.organisation.type != kind or choices.edition != catalogue.edition.id:
            continue
        notes += 1
        for part in choices.sections:
            for c in part.agreements:
                if c.id:
                    chosen[c.id] = chosen.get(c.id, 0) + 1
                    varied[c.id] = varied.get(c.id, 0) + bool(c.variant)
    found = {}
    for section in catalogue.sections:
        ids = {a.id for a in section.agreements}
        found[section.id] = (
            notes,
            {a: n for a, n in chosen.items() if a in ids and n},
            {a: n for a, n in varied.items() if a in ids and n},
        )
    return found


def test_every_section_page_reads_what_the_downloaded_notes_hold(db_path, catalogue):
    from builder.db import usage

    db = connect(db_path)
    made = [drafts.create(db, drafts.new_token(), varied_note(catalogue, n)) for n in range(MIN_PEERS + 3)]
    for draft in made[:-1]:
        drafts.record_export(db, draft)
    changed = drafts.get(db, made[0].id)  # a downloaded note changes: fewer agreements, other wordings
    drafts.save(db, changed.id, changed.version, varied_note(catalogue, 1), changed.progress)
    moved = drafts.get(db, made[1].id)  # one becomes a city
    drafts.save(db, moved.id, moved.version, varied_note(catalogue, 7, kind="stad"), moved.progress)
    drafts.delete(db, made[2].id)
    expected = what_the_notes_hold(db, catalogue, "gemeente")
    assert expected[catalogue.sections[0].id][0] == MIN_PEERS, "the test needs enough notes to be shown"
    for section in catalogue.sections:
        counts = usage.peer_counts(db, catalogue.edition.id, "gemeente", section.id)
        assert (counts.notes, counts.chosen, counts.with_variant) == expected[section.id], section.number
    db.close()
