"""Two tabs or two colleagues on one note: what each changed is kept, only the same unit changed twice is asked.

A note is a set of units (model/merging.py): the note's own fields, each part's fields, each catalogue
agreement and each part's own agreements. A page carries the fingerprint of the units it showed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builder.model import merging, versions
from builder.model.building import AgreementAnswer, OwnAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Organisation


def note(catalogue, **answers):
    section = catalogue.section("5.1")
    choices = new_choices(catalogue, dt.date(2026, 12, 7))
    return apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))


def ids(catalogue, number="5.1"):
    return [a.id for a in catalogue.section(number).agreements]


def shown(choices, keys):
    """The fingerprints a page showing these units carries, from those stored with the note."""
    return versions.read_version(merging.shown(merging.fingerprints(choices), keys))


def test_every_field_of_the_note_is_in_a_unit_and_comes_back_from_it(catalogue):
    from test_note_paths import _leaves, _without, everything_filled

    filled = everything_filled(catalogue)
    found = merging.units(filled)
    missed = [path for path, name, default in _leaves(filled) if name not in ("format", "edition")]
    missed = [path for path in missed if merging.units(_without(filled, path, _default(filled, path))) == found]
    assert missed == [], "a field no unit holds: a colleague's change to it would be lost"
    emptied = dataclasses.replace(filled, sections=(), title="", vision="")
    assert merging.with_units(emptied, found, catalogue) == filled


def test_a_page_carries_the_fingerprints_of_its_units_as_the_whole_note_has_them(catalogue):
    from test_note_paths import everything_filled

    filled = everything_filled(catalogue)
    every = merging.units(filled)
    for keys in (["options.approval", "title"], merging.part_keys("5.1", ids(catalogue)), [*every, "part:9.9"]):
        assert shown(filled, keys) == {key: versions.fingerprint(every.get(key)) for key in keys}


def test_fingerprints_kept_from_an_earlier_version_are_those_the_note_has_now(catalogue):
    from test_note_paths import everything_filled

    before = everything_filled(catalogue)
    part = before.sections[0]
    reworded = dataclasses.replace(part.agreements[0], text="Anders gezegd.")
    for after in (
        before,
        dataclasses.replace(before, title="Een andere titel"),
        before.with_part(dataclasses.replace(part, agreements=(reworded, *part.agreements[1:]))),
        before.without_part(part.anchor),
        dataclasses.replace(before, sections=()),
    ):
        known = (before, merging.fingerprints(before))
        assert merging.fingerprints(after, known) == merging.fingerprints(after)
        assert merging.fingerprints(after, known)["title"] == versions.fingerprint(after.title)


def _default(choices, path):
    from test_note_paths import _leaves

    return next(default for where, _name, default in _leaves(choices) if where == path)


def test_two_tabs_ticking_different_agreements_keep_both(catalogue):
    first, second = ids(catalogue)[:2]
    base = note(catalogue)
    keys = merging.part_keys("5.1", ids(catalogue))
    seen = shown(base, keys)
    theirs = note(catalogue, **{first: AgreementAnswer(include=True)})  # tab A saved first
    mine = note(catalogue, **{second: AgreementAnswer(include=True)})  # tab B, as its page showed the note
    merged = merging.merge(seen, mine, theirs, catalogue)
    assert merged.conflicts == ()
    assert [a.id for a in merged.choices.part("5.1").agreements] == [first, second]


def test_the_same_agreement_changed_two_ways_is_asked_and_only_it(catalogue):
    first, second = ids(catalogue)[:2]
    base = note(catalogue, **{first: AgreementAnswer(include=True)})
    seen = shown(base, merging.part_keys("5.1", ids(catalogue)))
    theirs = note(catalogue, **{first: AgreementAnswer(include=True, text="Hun tekst.")})
    mine = note(
        catalogue,
        **{first: AgreementAnswer(include=True, text="Mijn tekst."), second: AgreementAnswer(include=True)},
    )
    merged = merging.merge(seen, mine, theirs, catalogue)
    assert merged.conflicts == (f"agreement:{first}",)
    kept = {a.id: a for a in merged.choices.part("5.1").agreements}
    assert kept[first].text == "Hun tekst." and second in kept, "what was not in conflict is merged already"


@pytest.mark.parametrize(("decision", "text"), [(True, "Mijn tekst."), (False, "Hun tekst.")])
def test_a_decided_conflict_keeps_the_chosen_version(catalogue, decision, text):
    first = ids(catalogue)[0]
    base = note(catalogue, **{first: AgreementAnswer(include=True)})
    seen = shown(base, merging.part_keys("5.1", ids(catalogue)))
    theirs = note(catalogue, **{first: AgreementAnswer(include=True, text="Hun tekst.")})
    mine = note(catalogue, **{first: AgreementAnswer(include=True, text="Mijn tekst.")})
    merged = merging.merge(seen, mine, theirs, catalogue, {f"agreement:{first}": decision})
    assert merged.conflicts == () and merged.choices.part("5.1").agreements[0].text == text


def test_the_same_change_twice_is_no_conflict(catalogue):
    first = ids(catalogue)[0]
    base = note(catalogue)
    seen = shown(base, merging.part_keys("5.1", ids(catalogue)))
    both = note(catalogue, **{first: AgreementAnswer(include=True)})
    assert merging.merge(seen, both, both, catalogue) == merging.Merged(both, ())


def test_fields_of_the_note_merge_with_a_section(catalogue):
    first = ids(catalogue)[0]
    base = note(catalogue)
    theirs = dataclasses.replace(base, title="Onze afspraken", organisation=Organisation(name="Stad Halle"))
    mine = note(catalogue, **{first: AgreementAnswer(include=True)})
    merged = merging.merge(shown(base, merging.part_keys("5.1", ids(catalogue))), mine, theirs, catalogue)
    assert merged.conflicts == ()
    assert (merged.choices.title, merged.choices.organisation.name) == ("Onze afspraken", "Stad Halle")
    assert [a.id for a in merged.choices.part("5.1").agreements] == [first]


def test_own_agreements_stay_after_their_anchor_when_merged(catalogue):
    first, second = ids(catalogue)[:2]
    base = note(catalogue, **{second: AgreementAnswer(include=True)})
    seen = shown(base, merging.part_keys("5.1", ids(catalogue)))
    theirs = note(catalogue, **{first: AgreementAnswer(include=True), second: AgreementAnswer(include=True)})
    section = catalogue.section("5.1")
    mine = apply_section(
        base,
        catalogue,
        section,
        SectionAnswers(
            agreements={second: AgreementAnswer(include=True)}, own=[OwnAnswer("Eigen na twee.", after=second)]
        ),
    )
    merged = merging.merge(seen, mine, theirs, catalogue).choices
    assert [a.id or a.text for a in merged.part("5.1").agreements] == [first, second, "Eigen na twee."]


def test_a_page_without_fingerprints_asks_about_every_difference(catalogue):
    first = ids(catalogue)[0]
    base = note(catalogue)
    theirs = note(catalogue, **{first: AgreementAnswer(include=True, text="Hun tekst.")})
    mine = note(catalogue, **{first: AgreementAnswer(include=True, text="Mijn tekst.")})
    unknown = dict.fromkeys(merging.part_keys("5.1", ids(catalogue)))
    assert merging.merge(unknown, mine, theirs, catalogue).conflicts == (f"agreement:{first}",)
    assert merging.merge(unknown, base, base, catalogue).conflicts == ()
