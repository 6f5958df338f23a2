"""The rules of reviewing, without the web: which agreement a comment is about, what is open, when a link works."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.formats.word_writer import initials
from builder.model.choices import AgreementChoice, Part
from builder.model.note import compose
from builder.model.reviews import (
    EXPIRED,
    OPEN,
    REVOKED,
    Comment,
    ReviewLink,
    agreement_key,
    by_agreement,
    changed_since,
    expiry_problem,
    open_by_number,
    open_counts,
    places,
    threads,
)

TODAY = dt.date(2026, 12, 1)


def make(id, agreement="", parent_id=None, resolved_at=None, part="", wording="", number=0) -> Comment:
    return Comment(id, 1, 1, part, agreement, number, wording, "Jan", "", f"tekst {id}", parent_id, resolved_at, "")


def test_catalogue_agreements_are_named_by_id_and_own_ones_by_place():
    own_a, own_b = AgreementChoice(text="Eerste."), AgreementChoice(text="Eerste.")
    part = Part(number="5.2", agreements=[AgreementChoice(id="beelddatabank"), own_a, own_b])
    assert agreement_key(part, part.agreements[0]) == "beelddatabank"
    assert agreement_key(part, own_a) == "eigen:5.2:1"
    assert agreement_key(part, own_b) == "eigen:5.2:2", "two own agreements with the same text stay apart"
    assert agreement_key(Part(key="eigen-1", agreements=[own_a]), own_a) == "eigen:eigen-1:1"


def test_every_agreement_of_a_full_note_has_its_own_key(full_choices, catalogue):
    note = compose(full_choices, catalogue)
    assert len(places(note)) == len(note.agreements)


def test_replies_hang_under_their_comment_in_order():
    top = threads([make(3, parent_id=1), make(1, "a"), make(2, "b"), make(4, parent_id=1)])
    assert [c.id for c in top] == [1, 2]
    assert [r.id for r in top[0].replies] == [3, 4]
    assert sorted(by_agreement(top)) == ["a", "b"]


def test_open_comments_count_where_their_agreement_stands_now(full_choices, catalogue):
    note = compose(full_choices, catalogue)
    top = threads(
        [
            make(1, "beelddatabank", part="9.9"),
            make(2, "beelddatabank", resolved_at="2026-12-01T10:00:00.000000Z"),
            make(3, ""),
            make(4, "weg", part="5.3"),
        ]
    )
    assert open_counts(top, note) == {"5.2": 1, "5.3": 1}
    number = places(note)["beelddatabank"].number
    assert {n: [c.id for c in cs] for n, cs in open_by_number(top, note).items()} == {number: [1], 0: [3]}


def test_a_comment_shows_its_old_wording_only_when_the_agreement_changed(full_choices, catalogue):
    now = places(compose(full_choices, catalogue))
    same = make(1, "beelddatabank", wording=now["beelddatabank"].wording)
    assert not changed_since(same, now)
    assert changed_since(make(2, "beelddatabank", wording="Vroeger."), now)
    assert changed_since(make(3, "weg", wording="Vroeger."), now)
    assert not changed_since(make(4, ""), now)


@pytest.mark.parametrize(
    ("expires_on", "revoked_at", "state"),
    [("2026-12-01", None, OPEN), ("2026-11-30", None, EXPIRED), ("2026-12-31", "2026-11-01T00:00:00.000000Z", REVOKED)],
)
def test_a_link_works_through_its_last_day_until_revoked(expires_on, revoked_at, state):
    assert ReviewLink(1, 1, "mt", expires_on, revoked_at, "").state(TODAY) == state


@pytest.mark.parametrize(
    ("days", "problem"),
    [(-1, "Kies een dag vanaf vandaag."), (0, None), (366, None), (367, "hoogstens een jaar")],
)
def test_a_last_day_is_today_or_within_a_year(days, problem):
    found = expiry_problem(TODAY + dt.timedelta(days=days), TODAY)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(("name", "expected"), [("Marthe Van Damme", "MVD"), ("jan", "J"), ("<b> x", "X"), ("", "")])
def test_word_comments_carry_the_reviewers_initials(name, expected):
    assert initials(name) == expected
