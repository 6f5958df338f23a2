"""What changed since a note was approved: added, removed, reworded and renumbered agreements, with both numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import RENAMED, RENAMED_TO, RETIRED, REWORDED, SPLIT, SPLIT_INTO, UNTOUCHED, newer_edition

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import read_tree
from builder.model import upgrade
from builder.model.amendments import (
    ADDED,
    REMOVED,
    RENUMBERED,
    Basis,
    Run,
    amendments,
    grouped,
    outside,
    proposal,
    summary,
)
from builder.model.amendments import (
    REWORDED as REWORDING,
)
from builder.model.building import AgreementAnswer, OwnAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Organisation
from builder.model.note import compose

EDITIONS = {c.edition.id: c for c in read_tree(PROJECT_ROOT / "agreements")}
PLAN, CHECKS, MEETING, ACTIONS, BOARD = (  # agreements 1–5 of section 5.1
    REWORDED,
    RETIRED,
    RENAMED,
    "communicatieacties-ter-kennisgeving-aan-college",
    "communicatieverantwoordelijke-in-managementteam",
)


def note(catalogue, picked, own=(), kind="gemeente", fills=None):
    """A note on `catalogue` with these agreements of section 5.1 (id → AgreementAnswer or True) and own ones."""
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)), organisation=Organisation(name="Gemeente Zottegem", type=kind)
    )
    answers = {i: a if isinstance(a, AgreementAnswer) else AgreementAnswer(include=True) for i, a in picked.items()}
    section = catalogue.section("5.1")
    return apply_section(choices, catalogue, section, SectionAnswers(agreements=answers, own=list(own)))


def changes(before, after, old=None, new=None):
    old = old or EDITIONS["2024"]
    return amendments(compose(before, old), compose(after, new or old))


def said(found):
    return [(a.kind, a.old_number, a.new_number) for a in found]


def test_nothing_changed_means_no_amendments(catalogue):
    choices = note(catalogue, {PLAN: True, MEETING: True})
    assert changes(choices, choices) == []


def test_a_new_title_or_author_changes_no_agreement(catalogue):
    choices = note(catalogue, {PLAN: True, MEETING: True})
    retitled = dataclasses.replace(choices, title="Onze afspraken", date="2027-01-10")
    assert changes(choices, retitled) == []


def test_added_removed_reworded_and_renumbered_each_say_both_numbers(catalogue):
    before = note(catalogue, {PLAN: True, CHECKS: True, MEETING: True, ACTIONS: True})
    after = note(
        catalogue,
        {
            CHECKS: True,
            MEETING: AgreementAnswer(include=True, text="De schepen en de dienst zien elkaar maandelijks."),
            ACTIONS: True,
            BOARD: True,
        },
    )
    found = changes(before, after)
    assert said(found) == [
        (REMOVED, 1, 0),
        (RENUMBERED, 2, 1),
        (REWORDING, 3, 2),
        (RENUMBERED, 4, 3),
        (ADDED, 0, 4),
    ]
    assert [a.heading for a in found] == [
        "Was afspraak 1 – weggelaten",
        "Afspraak 1 (was 2) – hernummerd",
        "Afspraak 2 (was 3) – herschreven en hernummerd",
        "Afspraak 3 (was 4) – hernummerd",
        "Afspraak 4 – toegevoegd",
    ]
    assert {a.part for a in found} == {"1. Afspraken die helpen om beleid te vertalen naar communicatiebeleid"}
    assert summary(found) == "1 afspraak herschreven, 1 toegevoegd, 1 weggelaten en 3 hernummerd."


def test_a_rewording_keeps_the_old_and_new_text_with_the_changed_words_marked(catalogue):
    before = note(catalogue, {MEETING: True})
    after = note(
        catalogue,
        {
            MEETING: AgreementAnswer(
                include=True, text="De schepen van communicatie en de dienst zitten maandelijks samen."
            )
        },
    )
    (change,) = changes(before, after)
    assert (change.kind, change.renumbered, change.heading) == (REWORDING, False, "Afspraak 1 – herschreven")
    ((old_style, old_words),) = change.old_lines
    ((new_style, new_words),) = change.new_lines
    assert (old_style, new_style) == ("paragraph", "paragraph")
    assert old_words[:3] == (
        ("equal", "De schepen van communicatie en de"),
        ("delete", "communicatieverantwoordelijke"),
        ("equal", "zitten"),
    )
    assert new_words == (
        ("equal", "De schepen van communicatie en de"),
        ("insert", "dienst"),
        ("equal", "zitten"),
        ("insert", "maandelijks samen."),
    )
    assert " ".join(text for _op, text in old_words).endswith("te bespreken en bij te sturen."), "the old text whole"


def test_a_removed_agreement_stands_where_it_stood(catalogue):
    before = note(catalogue, {PLAN: True, CHECKS: True, MEETING: True})
    after = note(catalogue, {PLAN: True, MEETING: True})
    assert said(changes(before, after)) == [(REMOVED, 2, 0), (RENUMBERED, 3, 2)]


def test_own_agreements_are_matched_by_their_text_then_by_their_place(catalogue):
    kept, reworded = (
        OwnAnswer("Wij houden een persmap bij.", after=PLAN),
        OwnAnswer("Wij mailen elke week.", after=MEETING),
    )
    before = note(catalogue, {PLAN: True, MEETING: True}, own=[kept, reworded])
    after = note(
        catalogue,
        {PLAN: True, CHECKS: True, MEETING: True},
        own=[kept, OwnAnswer("Wij mailen elke maand.", after=MEETING)],
    )
    found = changes(before, after)
    assert said(found) == [(ADDED, 0, 3), (RENUMBERED, 3, 4), (REWORDING, 4, 5)], "own agreement 2 stayed as it was"
    assert found[-1].own and ("insert", "maand.") in found[-1].new_lines[0][1]


def test_an_own_agreement_left_out_is_removed(catalogue):
    before = note(catalogue, {PLAN: True}, own=[OwnAnswer("Wij houden een persmap bij.", after=PLAN)])
    after = note(catalogue, {PLAN: True})
    (change,) = changes(before, after)
    assert (change.kind, change.old_number, change.own) == (REMOVED, 2, True)
    assert change.old_lines == [("paragraph", (("delete", "Wij houden een persmap bij."),))]


def test_across_editions_the_migration_map_says_what_became_of_an_agreement(catalogue):
    newer = newer_edition(catalogue)
    before = note(catalogue, {PLAN: True, CHECKS: True, MEETING: True, SPLIT: True, UNTOUCHED: True})
    after = upgrade.upgraded(before, catalogue, newer, {}, {})
    found = changes(before, after, catalogue, newer)
    numbers = compose(after, newer).numbers
    by_new = {a.new_number: a for a in found if a.new_number}
    assert by_new[numbers[REWORDED]].kind == REWORDING, "Kortom's new wording of agreement 1"
    assert [a.old_number for a in found if a.kind == REMOVED] == [2], "the retired one"
    renamed = by_new[numbers[RENAMED_TO]]
    assert (renamed.kind, renamed.old_number) == (RENUMBERED, 3), "renamed: the same agreement, now number 2"
    first, second = by_new[numbers[SPLIT_INTO[0]]], by_new[numbers[SPLIT_INTO[1]]]
    assert (first.kind, first.old_number, first.how) == (REWORDING, 4, "split")
    assert first.heading.endswith("herschreven en hernummerd (gesplitst in de nieuwe editie)")
    assert second.kind == ADDED
    assert outside(compose(before, catalogue), compose(after, newer)) == [
        "De nota steunt nu op editie 2025 van de catalogus (was editie 2024)."
    ]


def test_a_retired_agreement_kept_as_the_users_own_is_no_change_of_text(catalogue):
    newer = newer_edition(catalogue)
    before = note(catalogue, {CHECKS: True, MEETING: True})
    kept_old = {RETIRED: upgrade.KEEP_OLD}
    after = upgrade.upgraded(before, catalogue, newer, kept_old, {})
    assert changes(before, after, catalogue, newer) == []


def test_moving_to_the_fix_edition_shows_kortoms_new_variant_wording(catalogue):
    fix = EDITIONS["2024.1"]
    before = note(catalogue, {MEETING: True, BOARD: AgreementAnswer(include=True, variant="Variant")})
    after = upgrade.upgraded(before, catalogue, fix, {}, {})
    (change,) = changes(before, after, catalogue, fix)
    assert (change.kind, change.old_number, change.new_number) == (REWORDING, 2, 2)


def test_the_texts_read_in_the_words_of_the_organisation(catalogue):
    before = note(catalogue, {ACTIONS: True}, kind="provincie")
    after = note(catalogue, {PLAN: True, ACTIONS: True}, kind="provincie")
    (moved,) = [a for a in changes(before, after) if a.kind == RENUMBERED]
    text = " ".join(t for _s, words in moved.new_lines for _op, t in words)
    assert "deputatie" in text and "college" not in text


def test_agreements_only_renumbered_one_after_the_other_are_said_in_one_line(catalogue):
    before = note(catalogue, {CHECKS: True, MEETING: True, ACTIONS: True, BOARD: True})
    after = note(catalogue, {PLAN: True, CHECKS: True, MEETING: True, ACTIONS: True, BOARD: True})
    found = grouped(changes(before, after))
    assert [type(c).__name__ for c in found] == ["Amendment", "Run"]
    assert isinstance(found[1], Run) and found[1].heading == "Afspraken 2–5 (was 1–4) – hernummerd"


@pytest.mark.parametrize(
    ("basis", "sentence"),
    [
        (
            Basis(
                body="het college van burgemeester en schepenen",
                decided_on=dt.date(2026, 12, 20),
                reference="CBS 2026/123",
            ),
            "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026 (CBS 2026/123)",
        ),
        (Basis(body="de deputatie", decided_on=dt.date(2027, 1, 4)), "Goedgekeurd door de deputatie op 4 januari 2027"),
        (
            Basis(kept_on=dt.date(2026, 12, 1), edition="2024"),
            "Vergeleken met de versie van 1 december 2026 op editie 2024",
        ),
    ],
)
def test_the_amendment_note_says_what_it_compares_with(basis, sentence):
    assert basis.sentence == sentence


def test_the_proposal_names_the_approving_body_first():
    assert proposal("het vast bureau") == (
        "Het vast bureau keurt de wijzigingen in de afsprakennota goed, zoals hierboven beschreven."
    )
