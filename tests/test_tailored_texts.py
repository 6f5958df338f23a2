"""Curators' own wordings per agreement and kind of organisation, where the table's word swaps are not enough
(issue 28, item 4): a province's press releases are approved by a deputy, not the governor; a social-profit
organisation has no legislature, mandataries or "lokale overheid"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import check_tree, read_tree
from builder.formats.note_file import import_note
from builder.formats.word import render_note, to_bytes
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices, shown_wording
from builder.model.catalogue import TailoredText
from builder.model.choices import Options, Organisation
from builder.model.note import compose
from builder.model.terminology import END, MARK, Tailor, changed_sentences, tailor_for, unmarked

EDITION = {c.edition.id: c for c in read_tree(PROJECT_ROOT / "agreements")}["2024.1"]
PRESS = ("goedkeuring-persberichten", "persvragen-via-communicatiedienst", "informatieve-persvragen")


def whole_note(kind: str, name: str):
    """The whole catalogue for this kind of organisation, every variant's own wording."""
    choices = dataclasses.replace(
        new_choices(EDITION, dt.date(2026, 12, 1)),
        organisation=Organisation(name=name, type=kind),
        chapters=tuple(c.id for c in EDITION.chapters),
        options=Options(references=True, provenance=True, approval=True),
    )
    for section in EDITION.sections:
        answers = {a.id: AgreementAnswer(include=True) for a in section.agreements}
        choices = apply_section(choices, EDITION, section, SectionAnswers(agreements=answers, intro=True))
    return choices


def said(choices) -> dict[str, str]:
    """Each agreement's text as the note says it (by id), and the rest (titles, intros, chapters) under ''."""
    note = compose(choices, EDITION)
    found = {a.choice.id: "\n".join(t for b in a.blocks for t in (b.text, *b.items)) for a in note.agreements}
    rest = [p.title for p in note.parts] + [t for p in note.parts for t in p.intro]
    rest += [t for c in note.chapters for b in c.body for t in (b.text, b.heading, *b.items)]
    found[""] = "\n".join(rest)
    return found


def test_a_province_approves_its_press_releases_by_a_deputy_and_keeps_the_governor_in_a_crisis():
    texts = said(whole_note("provincie", "Provincie Vlaams-Brabant"))
    for agreement in PRESS:
        assert "gouverneur" not in texts[agreement] and "gedeputeerde" in texts[agreement], texts[agreement]
    assert texts["goedkeuring-persberichten"].startswith("Persberichten worden enkel ter goedkeuring voorgelegd aan de")
    assert "leden van de deputatie en de provincieraad in kopie" in texts["leden-in-kopie-van-persberichten"]
    assert "vanuit de gouverneur (of zijn vervanger)" in texts["woordvoering-bij-crisis"]
    for municipal in ("CBS", "Bijzonder Comité", "lokale overheid"):
        assert not any(municipal in t for t in texts.values()), municipal
    assert "Politieke neutraliteit in provinciale overheidscommunicatie" in texts[""]


def test_a_social_profit_organisation_has_no_legislature_mandataries_or_local_government():
    texts = said(whole_note("socialprofitorganisatie", "Kiem vzw"))
    everything = "\n".join(texts.values())
    for municipal in ("lokale overheid", "lokale democratie", "legislatuur", "mandataris", "CBS", "Bijzonder Comité"):
        assert not re.search(municipal, everything, re.IGNORECASE), municipal
    assert "Politieke neutraliteit in de communicatie van de organisatie" in texts[""]
    assert texts["mandatarissen-in-gemeentelijke-kanalen"].startswith("Bestuurders komen niet voor in de kanalen")
    assert "Politici gebruiken het logo van de organisatie niet" in everything


def test_every_text_a_kind_says_is_a_table_line_or_a_curators_wording_with_a_reason():
    for kind in ("provincie", "socialprofitorganisatie"):
        terms = EDITION.terminology_for(kind)
        changed = changed_sentences(EDITION, Tailor(terms))
        written = [c for c in changed if c.written]
        assert len(written) == len(terms.texts) and all(t.reason for t in terms.texts)
        for sentence in changed:
            assert unmarked(sentence.said) != sentence.catalogue and MARK in sentence.said


def test_the_section_page_the_review_and_the_document_say_the_curators_wording_marked_alike():
    choices = whole_note("provincie", "Provincie Vlaams-Brabant")
    marked, plain = compose(choices, EDITION, marked=True), compose(choices, EDITION)
    (shown,) = [a for a in marked.agreements if a.choice.id == "goedkeuring-persberichten"]
    (written,) = [a for a in plain.agreements if a.choice.id == "goedkeuring-persberichten"]
    assert unmarked(shown.blocks[0].text) == written.blocks[0].text
    assert f"{MARK}bevoegde gedeputeerde,{END}" in shown.blocks[0].text, shown.blocks[0].text
    agreement = EDITION.agreement("goedkeuring-persberichten")
    box = shown_wording(agreement, "Variant 1", tailor_for(EDITION, "provincie"))
    assert "De gedeputeerde bevoegd voor communicatie (of diens kabinetschef) geeft de finale goedkeuring." in box


def test_the_box_holding_the_curators_wording_is_no_rewording():
    agreement = EDITION.agreement("goedkeuring-persberichten")
    box = shown_wording(agreement, "", tailor_for(EDITION, "provincie"))
    choices = whole_note("provincie", "Provincie Vlaams-Brabant")
    section = EDITION.section_of(agreement.id)
    answers = {a.id: AgreementAnswer(include=True) for a in section.agreements}
    answers[agreement.id] = AgreementAnswer(include=True, text=box)
    choices = apply_section(choices, EDITION, section, SectionAnswers(agreements=answers))
    (choice,) = [c for p in choices.sections for c in p.agreements if c.id == agreement.id]
    assert not choice.reworded


@pytest.mark.parametrize("kind", ["provincie", "socialprofitorganisatie"])
def test_a_tailored_note_comes_back_from_its_docx_without_changes_from_word(kind):
    choices = whole_note(kind, "Een organisatie")
    data = to_bytes(render_note(choices, EDITION))
    imported = import_note(data, "nota.docx", lambda e: EDITION if e == EDITION.edition.id else None)
    assert imported.choices == choices and imported.changes == []


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (dict(agreement="nergens"), "terminology[2].texts[0].agreement: unknown agreement 'nergens'"),
        (dict(variant="Variant 9"), "terminology[2].texts[0].variant: agreement 'maandelijks-beleidsoverleg' has no"),
        (dict(reason=""), "terminology[2].texts[0].reason: needs a reason"),
        (dict(text=("Een tekst met (specifieer).",)), "must keep the wording's (specifieer), and only that"),
        (dict(text=("Zie [[nergens]].",)), "cross-reference to unknown agreement 'nergens'"),
    ],
)
def test_catalogue_check_names_a_wording_that_cannot_stand(catalogue_copy, change, said):
    from builder.formats.catalogue_files import write_edition

    (copy,) = [c for c in read_tree(catalogue_copy) if c.edition.id == "2024.1"]
    tables = list(copy.edition.terminology)
    index = next(i for i, t in enumerate(tables) if t.organisation == "provincie")
    first = tables[index].texts[0]
    broken = TailoredText(**{**{f.name: getattr(first, f.name) for f in dataclasses.fields(first)}, **change})
    tables[index] = dataclasses.replace(tables[index], texts=(broken, *tables[index].texts[1:]))
    write_edition(dataclasses.replace(copy, edition=dataclasses.replace(copy.edition, terminology=tuple(tables))),
                  catalogue_copy)  # fmt: skip
    problems = [str(p) for p in check_tree(catalogue_copy)]
    assert any(said in p and p.startswith("agreements/2024.1/terminology.yaml") for p in problems), problems
