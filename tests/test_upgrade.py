"""Moving a note to a newer edition: each kind of change is shown, nothing of the user's is lost."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest
from support import NEW, RENAMED, RENAMED_TO, RETIRED, REWORDED, SPLIT, SPLIT_INTO, UNTOUCHED, newer_edition

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import read_tree
from builder.model import upgrade
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, final_text, new_choices
from builder.model.catalogue import Catalogue
from builder.model.choices import AgreementChoice, Organisation, Part
from builder.model.migrations import migration_problems

EDITIONS = {c.edition.id: c for c in read_tree(PROJECT_ROOT / "agreements")}
OLD = EDITIONS["2024.1"]

NEWER = newer_edition(OLD)


def note(answers: dict[str, AgreementAnswer], catalogue: Catalogue = OLD):
    """A note on `catalogue` holding these answers in section 5.1, and agreement 87's section untouched."""
    choices = new_choices(catalogue, dt.date(2026, 1, 5))
    return apply_section(choices, catalogue, catalogue.sections[0], SectionAnswers(agreements=answers))


def steps_by_key(choices, old=OLD, new=NEWER) -> dict[str, upgrade.Step]:
    return {s.key: s for s in upgrade.plan(choices, old, new)}


def test_the_made_up_edition_is_a_valid_successor():
    assert migration_problems(OLD, NEWER) == []


@pytest.mark.parametrize(
    ("agreement", "answer", "status", "default"),
    [
        (REWORDED, AgreementAnswer(include=True), upgrade.REWORDED, upgrade.TAKE_NEW),
        (REWORDED, AgreementAnswer(include=True, text="Wij schrijven een plan."), upgrade.CONFLICT, upgrade.KEEP_OWN),
        (RETIRED, AgreementAnswer(include=True), upgrade.REMOVED, upgrade.DROP),
        (RENAMED, AgreementAnswer(include=True), upgrade.RENUMBERED, upgrade.TAKE_NEW),
        (SPLIT, AgreementAnswer(include=True), upgrade.SPLIT, upgrade.TAKE_NEW),
        (UNTOUCHED, AgreementAnswer(include=True), upgrade.UNCHANGED, upgrade.TAKE_NEW),
    ],
)
def test_each_kind_of_change_gets_its_status_and_a_safe_default(agreement, answer, status, default):
    step = steps_by_key(note({agreement: answer}))[agreement]
    assert (step.status, step.default) == (status, default)
    assert step.default in step.options


def test_an_own_wording_conflict_shows_all_three_texts():
    own = "Wij schrijven samen met het college een plan."
    step = steps_by_key(note({REWORDED: AgreementAnswer(include=True, text=own)}))[REWORDED]
    assert step.own_text == own
    assert step.old_text == final_text(AgreementChoice(id=REWORDED), OLD.agreement(REWORDED))
    assert step.new_text.startswith("De communicatiedienst maakt, plant en evalueert")
    assert set(step.options) == {upgrade.KEEP_OWN, upgrade.TAKE_NEW, upgrade.EDIT}


def test_agreements_new_in_the_edition_are_offered_but_not_added_unasked():
    choices = note({UNTOUCHED: AgreementAnswer(include=True)})
    step = steps_by_key(choices)[NEW]
    assert step.status == upgrade.NEW and step.default == ""
    moved = upgrade.upgraded(choices, OLD, NEWER, {}, {})
    assert [c.id for p in moved.sections for c in p.agreements] == [UNTOUCHED]
    added = upgrade.upgraded(choices, OLD, NEWER, {NEW: upgrade.ADD}, {})
    assert [c.id for p in added.sections for c in p.agreements] == [UNTOUCHED, NEW]


def test_the_defaults_keep_every_word_the_user_wrote():
    own = "Wij schrijven samen met het college een plan."
    choices = note(
        {
            REWORDED: AgreementAnswer(include=True, text=own),
            RETIRED: AgreementAnswer(include=True),
            RENAMED: AgreementAnswer(include=True, text="Elke maand overleg."),
            SPLIT: AgreementAnswer(include=True),
        }
    )
    first = choices.sections[0]
    added = AgreementChoice(text="Een eigen afspraak na afspraak 1.", after=REWORDED)
    choices = choices.with_part(
        dataclasses.replace(first, agreements=(first.agreements[0], added, *first.agreements[1:]))
    )
    moved = upgrade.upgraded(choices, OLD, NEWER, {}, {})
    assert moved.edition == "2025"
    got = [(c.id, c.text) for c in moved.sections[0].agreements]
    assert got == [
        (REWORDED, own),
        ("", "Een eigen afspraak na afspraak 1."),
        (RENAMED_TO, "Elke maand overleg."),
        (SPLIT_INTO[0], ""),
        (SPLIT_INTO[1], ""),
    ]
    assert RETIRED not in {c.id for c in moved.sections[0].agreements}


@pytest.mark.parametrize(
    ("pick", "edit", "expected"),
    [
        (upgrade.KEEP_OWN, "", [(REWORDED, "Ons plan.")]),
        (upgrade.TAKE_NEW, "", [(REWORDED, "")]),
        (upgrade.EDIT, "Ons plan, nu met evaluatie.", [(REWORDED, "Ons plan, nu met evaluatie.")]),
        (upgrade.DROP, "", []),
    ],
)
def test_a_conflict_ends_as_the_user_picked(pick, edit, expected):
    choices = note({REWORDED: AgreementAnswer(include=True, text="Ons plan.")})
    moved = upgrade.upgraded(choices, OLD, NEWER, {REWORDED: pick}, {REWORDED: edit})
    assert [(c.id, c.text) for p in moved.sections for c in p.agreements] == expected


def test_keeping_a_removed_agreement_makes_it_the_users_own():
    choices = note({RETIRED: AgreementAnswer(include=True)})
    moved = upgrade.upgraded(choices, OLD, NEWER, {RETIRED: upgrade.KEEP_OLD}, {})
    (kept,) = moved.sections[0].agreements
    assert kept.is_own and kept.text == final_text(AgreementChoice(id=RETIRED), OLD.agreement(RETIRED))


def test_keeping_the_old_wording_of_a_split_agreement_keeps_it_whole_as_an_own_agreement():
    choices = note({SPLIT: AgreementAnswer(include=True)})
    moved = upgrade.upgraded(choices, OLD, NEWER, {SPLIT: upgrade.KEEP_OLD}, {})
    (kept,) = moved.sections[0].agreements
    assert kept.is_own and kept.text == final_text(AgreementChoice(id=SPLIT), OLD.agreement(SPLIT))


def test_own_sections_and_the_rest_of_the_note_come_along():
    choices = note({UNTOUCHED: AgreementAnswer(include=True)})
    own = Part(key="eigen-1", title="Nieuwsbrief", after="5.3", agreements=(AgreementChoice(text="Maandelijks."),))
    choices = dataclasses.replace(
        choices,
        organisation=Organisation(name="Gemeente Zottegem"),
        vision="Helder en tijdig.",
        sections=(*choices.sections, own),
    )
    moved = upgrade.upgraded(choices, OLD, NEWER, {}, {})
    assert (moved.organisation.name, moved.vision) == ("Gemeente Zottegem", "Helder en tijdig.")
    assert [(p.title, p.after) for p in moved.sections if p.is_own] == [("Nieuwsbrief", "5.3")]


def test_the_real_2024_1_corrections_reach_a_2024_note():
    """Variant wordings Kortom corrected in 2024.1 are shown as reworded, not as the user's conflict."""
    old = EDITIONS["2024"]
    five = "communicatieverantwoordelijke-in-managementteam"
    choices = note({five: AgreementAnswer(include=True, variant="Variant")}, catalogue=old)
    step = steps_by_key(choices, old, OLD)[five]
    assert step.status == upgrade.REWORDED
    moved = upgrade.upgraded(choices, old, OLD, {}, {})
    (taken,) = moved.sections[0].agreements
    assert (taken.variant, taken.catalogue_text) == ("Variant", step.new_text)


def test_a_note_on_the_newest_edition_is_not_offered_a_move():
    assert upgrade.newer_edition("2024.1", ["2024", "2024.1"]) is None
    assert upgrade.newer_edition("2024", ["2024", "2024.1"]) == "2024.1"


def merged_edition(first: str, second: str, into: str) -> Catalogue:
    """Edition 2025 in which two agreements of section 5.1 became one."""
    data = copy.deepcopy(OLD.to_plain())
    data["edition"].update(id="2025", based_on=OLD.edition.id)
    reason = "Twee afspraken over hetzelfde."
    data["edition"]["migrations"] = [
        {"agreement": old, "kind": "merged", "into": [into], "reason": reason} for old in (first, second)
    ]
    agreements = data["sections"][0]["agreements"]
    position = next(i for i, a in enumerate(agreements) if a["id"] == first)
    merged = dict(agreements[position], id=into, text=["Eén afspraak in de plaats van twee."], variants=[])
    agreements[:] = [a for a in agreements if a["id"] not in (first, second)]
    agreements.insert(position, merged)
    number = 1
    for section in data["sections"]:
        for agreement in section["agreements"]:
            agreement["number"] = number
            number += 1
    return Catalogue.from_plain(data)


def test_a_merged_agreement_shows_both_old_texts_and_lands_once():
    first, second = REWORDED, OLD.sections[0].agreements[1].id
    new = merged_edition(first, second, "samengevoegd-plan")
    choices = note({first: AgreementAnswer(include=True), second: AgreementAnswer(include=True)})
    steps = steps_by_key(choices, new=new)
    assert steps[first].status == upgrade.MERGED
    assert [n for n, _text in steps[first].merged_from] == [1, 2]
    assert steps[first].merged_from[1][1] == final_text(AgreementChoice(id=second), OLD.agreement(second))
    moved = upgrade.upgraded(choices, OLD, new, {}, {})
    assert [c.id for c in moved.sections[0].agreements] == ["samengevoegd-plan"]


def test_section_statuses_move_with_the_note():
    progress = {"sections": {"5.1": "klaar", "9.9": "bezig"}, "word_changes": []}
    assert upgrade.moved_progress(progress, OLD, NEWER) == {"sections": {"5.1": "klaar"}, "word_changes": []}
