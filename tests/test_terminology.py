"""Tailoring the catalogue's words to the kind of organisation: the rules of a table, and the shipped tables
over every text of both editions (docs/terminology.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import read_tree
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices
from builder.model.catalogue import Catalogue, Replacement, Terminology
from builder.model.choices import AgreementChoice, Organisation
from builder.model.note import compose
from builder.model.organisations import KEYS
from builder.model.terminology import END, MARK, Tailor, edition_texts, table_problems, tailor_for, unmarked

EDITIONS = {c.edition.id: c for c in read_tree(PROJECT_ROOT / "agreements")}
TAILORED_KINDS = (
    "stad",
    "ocmw",
    "provincie",
    "intergemeentelijke-vereniging",
    "politiezone",
    "socialprofitorganisatie",
)
# Words that only a municipality says: none may be left in a tailored text, except in the table's `keep`.
MUNICIPAL = re.compile(
    r"(?<![\w-])(gemeente\w*|gemeentelijke?|burge?r?meesters?|schepen(?:en|college)?|college|lokaal bestuur)(?![\w-])",
    re.IGNORECASE,
)
WORD = re.compile(r"\w+")


def table(edition: str, kind: str) -> Terminology:
    found = EDITIONS[edition].terminology_for(kind)
    assert found is not None, f"edition {edition} has no table for {kind}"
    return found


def without(text: str, phrases: tuple[str, ...]) -> str:
    """The text with every phrase that stays on purpose blanked out (whole words, either case of the first letter)."""
    for phrase in sorted(phrases, key=len, reverse=True):
        pattern = f"(?<![\\w-])[{re.escape(phrase[0].lower())}{re.escape(phrase[0].upper())}]{re.escape(phrase[1:])}"
        text = re.sub(pattern + r"(?![\w-])", " ", text)
    return text


# ---------------------------------------------------------------- the rules of a table


PROVINCE = Tailor(table("2024.1", "provincie"))


@pytest.mark.parametrize(
    "catalogue_text, said",
    [
        ("Het gemeentelijk informatieblad", "Het provinciaal informatieblad"),  # each inflection a line
        ("de gemeentelijke kanalen", "de provinciale kanalen"),
        ("Gemeentediensten die AI gebruiken", "Provinciale diensten die AI gebruiken"),  # a capital at the start
        ("De gemeente communiceert", "De provincie communiceert"),
        ("via het college van burgemeester en schepenen, niet", "via de deputatie, niet"),  # the longest phrase first
        ("Het college beslist.", "De deputatie beslist."),  # the article comes along
        ("een intergemeentelijke vereniging", "een intergemeentelijke vereniging"),  # never half a word
        ("de GR-/OCMW-voorzitter", "de GR-/OCMW-voorzitter"),  # nor part of a compound
        ("de bevoegde schepen(en) of", "de bevoegde gedeputeerde(n) of"),  # a line of its own
        ("[[mandatarissen-in-gemeentelijke-kanalen]]", "[[mandatarissen-in-gemeentelijke-kanalen]]"),  # ids stay
        ("Bij de afkondiging van de gemeentelijke noodfase", "Bij de afkondiging van de gemeentelijke noodfase"),
        ("de gemeente\u00a0Zottegem", "de provincie\u00a0Zottegem"),
    ],
)
def test_a_table_replaces_whole_words_longest_first_with_their_capital(catalogue_text, said):
    assert PROVINCE.text(catalogue_text) == said


def test_marks_wrap_exactly_what_was_replaced_and_come_off_again():
    marked = PROVINCE.text("Het college en de gemeenteraad.", marked=True)
    assert marked == f"{MARK}De deputatie{END} en de {MARK}provincieraad{END}."
    assert unmarked(marked) == PROVINCE.text("Het college en de gemeenteraad.")


@pytest.mark.parametrize(
    "lines, keep, expected",
    [
        ((("gemeente", "stad"), ("Gemeente", "Stad")), (), "'Gemeente' is also line 1"),
        ((("gemeente", "gemeente"),), (), "is the same as find: list it under keep"),
        ((("gemeente", "stad"),), ("gemeente",), "'gemeente' is also a replacement"),
        ((("gemeente ", "stad"),), (), "has spaces at its ends or two in a row"),
        ((("gemeente", ""),), (), "needs both find and replace"),
    ],
)
def test_catalogue_check_names_a_line_that_cannot_apply_as_written(lines, keep, expected):
    terms = Terminology(
        organisation="stad", replacements=tuple(Replacement(find=f, replace=r) for f, r in lines), keep=keep
    )
    assert expected in [problem.message for problem in table_problems(terms)]


def test_the_shipped_tables_pass_the_check_and_cover_every_kind_but_a_municipality_and_other():
    for catalogue in EDITIONS.values():
        kinds = {t.organisation for t in catalogue.edition.terminology}
        assert kinds == set(TAILORED_KINDS) and set(KEYS) - kinds == {"gemeente", "andere"}
        assert not [p for t in catalogue.edition.terminology for p in table_problems(t)]


# ---------------------------------------------------------------- every text of both editions, for each kind


def every_text(catalogue: Catalogue) -> list[str]:
    """Every agreement with its variants, sub-items and notes, every intro chapter and section intro, every title."""
    texts = [text for _where, text in edition_texts(catalogue)]
    assert len({a.id for a in catalogue.agreements}) == 87 and catalogue.variant_count > 0
    return texts


CASES = [(edition, kind) for edition in EDITIONS for kind in TAILORED_KINDS]


@pytest.mark.parametrize("edition, kind", CASES)
def test_no_word_is_half_replaced(edition, kind):
    terms = table(edition, kind)
    allowed = {w.lower() for r in terms.replacements for w in WORD.findall(r.replace)}
    for text in every_text(EDITIONS[edition]):
        before = {w.lower() for w in WORD.findall(text)}
        made = {w.lower() for w in WORD.findall(Tailor(terms).text(text))} - before - allowed
        assert not made, f"{kind}: {made} in {text!r}"


@pytest.mark.parametrize("edition, kind", CASES)
def test_no_municipal_word_is_left_but_what_the_table_keeps_on_purpose(edition, kind):
    terms = table(edition, kind)
    tailor = Tailor(terms)
    finds = tuple(r.find for r in terms.replacements)
    for text in every_text(EDITIONS[edition]):
        said = without(tailor.text(text), terms.keep)
        assert not MUNICIPAL.search(said), f"{kind}: {MUNICIPAL.search(said).group(0)!r} left in {said!r}"
        left = [f for f in finds if re.search(f"(?<![\\w-]){re.escape(f)}(?![\\w-])", said, re.IGNORECASE)]
        assert not left, f"{kind}: {left} left in {said!r}"


@pytest.mark.parametrize("edition, kind", CASES)
def test_every_line_of_a_shipped_table_applies_somewhere_in_its_edition(edition, kind):
    terms = table(edition, kind)
    texts = every_text(EDITIONS[edition])
    unused = [r.find for r in terms.replacements if not any(Tailor(_only(r)).changes(t) for t in texts)]
    assert not unused, f"{kind}: lines that change nothing (a typo?): {unused}"


def _only(line: Replacement) -> Terminology:
    return Terminology(organisation="stad", replacements=(line,))


# What the shipped tables change in edition 2024.1: docs/terminology.md reports these counts.
EXPECTED_REPLACEMENTS = {
    "stad": 42,
    "ocmw": 59,
    "provincie": 99,
    "intergemeentelijke-vereniging": 86,
    "politiezone": 81,
    "socialprofitorganisatie": 109,
}


def test_how_much_each_table_changes_is_what_the_terminology_doc_reports():
    counted = {
        kind: sum(
            Tailor(table("2024.1", kind)).text(t, marked=True).count(MARK) for t in every_text(EDITIONS["2024.1"])
        )
        for kind in TAILORED_KINDS
    }
    assert counted == EXPECTED_REPLACEMENTS
    doc = (PROJECT_ROOT / "docs" / "terminology.md").read_text(encoding="utf-8")
    for kind, count in counted.items():
        assert re.search(rf"\| `{kind}` \| {count} \|", doc), f"docs/terminology.md does not report {kind}: {count}"


# ---------------------------------------------------------------- a note


def province_note(catalogue: Catalogue, answers: dict[str, AgreementAnswer] | None = None):
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 12, 1)),
        organisation=Organisation(name="Provincie Vlaams-Brabant", type="provincie"),
        chapters=tuple(c.id for c in catalogue.chapters),
    )
    for section in catalogue.sections:
        given = {a.id: AgreementAnswer(include=True) for a in section.agreements}
        given.update({k: v for k, v in (answers or {}).items() if k in given})
        choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=given, intro=True))
    return choices


def of_kind(choices, kind: str):
    """The same note for another kind of organisation."""
    return dataclasses.replace(choices, organisation=dataclasses.replace(choices.organisation, type=kind))


def note_texts(note) -> list[str]:
    texts = [t for c in note.chapters for b in c.body for t in (b.text, b.heading, *b.items)]
    for part in note.parts:
        texts += [part.title, *part.intro]
        texts += [t for a in part.agreements for b in a.blocks for t in (a.subheading, b.text, *b.items)]
    return texts


def test_the_document_says_exactly_what_the_wizard_marks_without_the_marks():
    catalogue = EDITIONS["2024.1"]
    choices = province_note(catalogue)
    shown, written = note_texts(compose(choices, catalogue, marked=True)), note_texts(compose(choices, catalogue))
    assert [unmarked(t) for t in shown] == written
    assert sum(t.count(MARK) for t in shown) > 80 and not any(MARK in t for t in written)


def test_own_words_are_never_tailored():
    catalogue = EDITIONS["2024.1"]
    own = "De burgemeester en het college van burgemeester en schepenen beslissen, met de gemeenteraad."
    first = catalogue.sections[0].agreements[0]
    choices = province_note(catalogue, {first.id: AgreementAnswer(include=True, text=own)})
    first_part = choices.sections[0]
    own_choice = AgreementChoice(text=own, after=first.id)
    choices = choices.with_part(dataclasses.replace(first_part, agreements=(*first_part.agreements, own_choice)))
    note = compose(choices, catalogue)
    texts = [b.text for a in note.agreements for b in a.blocks]
    assert texts.count(own) == 2
    assert note.agreements[0].choice.reworded and note.agreements[0].terms is None


def test_the_box_holding_the_tailored_wording_is_no_rewording():
    catalogue = EDITIONS["2024.1"]
    agreement = catalogue.agreement("beleidsafspraken-via-het-college")
    tailor = tailor_for(catalogue, "provincie")
    box = tailor.text(agreement.text[0])
    choices = province_note(catalogue, {agreement.id: AgreementAnswer(include=True, text=box)})
    (choice,) = [c for p in choices.sections for c in p.agreements if c.id == agreement.id]
    assert not choice.reworded and choice.catalogue_text == agreement.text[0]


def test_switched_off_the_agreement_keeps_the_catalogues_words_and_the_rest_is_tailored():
    catalogue = EDITIONS["2024.1"]
    agreement = catalogue.agreement("beleidsafspraken-via-het-college")
    choices = province_note(catalogue, {agreement.id: AgreementAnswer(include=True, untailored=True)})
    note = compose(choices, catalogue)
    by_id = {a.choice.id: a for a in note.agreements}
    assert by_id[agreement.id].blocks[0].text == agreement.text[0]
    assert "de deputatie" in by_id["terugkoppeling-collegebeslissingen"].blocks[0].text
    assert choices.to_data()["sections"][3]["agreements"][1] == {
        "id": agreement.id,
        "catalogue_text": agreement.text[0],
        "untailored": True,
    }


def test_a_municipality_and_other_organisations_read_the_catalogue_as_it_is():
    catalogue = EDITIONS["2024.1"]
    for kind in ("gemeente", "andere", ""):
        choices = of_kind(province_note(catalogue), kind)
        assert tailor_for(catalogue, kind) is None
        texts = note_texts(compose(choices, catalogue, marked=True))
        assert not any(MARK in t for t in texts) and any("college van burgemeester en schepenen" in t for t in texts)


def test_an_edition_without_tables_tailors_nothing():
    catalogue = EDITIONS["2024.1"]
    bare = dataclasses.replace(catalogue, edition=dataclasses.replace(catalogue.edition, terminology=()))
    assert tailor_for(bare, "provincie") is None


def test_the_provenance_appendix_says_the_words_were_tailored_and_which_agreements_kept_the_catalogues():
    from builder.model.outline import tailoring_line

    catalogue = EDITIONS["2024.1"]
    agreement = catalogue.agreement("beleidsafspraken-via-het-college")
    choices = province_note(catalogue, {agreement.id: AgreementAnswer(include=True, untailored=True)})
    note = compose(choices, catalogue)
    line = tailoring_line(note)
    assert "aangepast aan een provincie" in line
    assert "“deputatie” voor “college van burgemeester en schepenen”" in line
    kept = next(a.number for a in note.agreements if a.choice.id == agreement.id)
    assert line.endswith(f"Afspraak {kept} behoudt de woorden van de catalogus.")
    choices = of_kind(choices, "gemeente")
    assert tailoring_line(compose(choices, catalogue)) == ""
