"""Edition 2024.1: the 2024 catalogue with its corrections, and the formats that make them possible.

Cross-references name an agreement by id and say the note's own number; variants read as whole
agreements; a placeholder replaces the words it stands for; advice to the writer is a tip; the two
"Meer lezen" references that were one agreement off belong to 63 and 66. Edition 2024 itself is
published and stays as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import check_tree, read_tree
from builder.formats.html import blocks_html, linked_text
from builder.formats.word import render_note, to_bytes
from builder.formats.word_writer import agreement_bookmark
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, final_text, new_choices
from builder.model.catalogue import Block
from builder.model.choices import Organisation
from builder.model.crossref import Number, segments
from builder.model.note import compose, warnings

CATALOGUE_DIR = PROJECT_ROOT / "agreements"


@pytest.fixture(scope="module")
def fixed():
    (edition,) = [c for c in read_tree(CATALOGUE_DIR) if c.edition.id == "2024.1"]
    return edition


def note_with(catalogue, picks: dict[str, list[int]], intro=True, **answer):
    """A note with, per section number, the agreements at these places (0 = first), intros included."""
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)), organisation=Organisation(name="Gemeente Zottegem")
    )
    for number, places in picks.items():
        section = catalogue.section(number)
        answers = {section.agreements[i].id: AgreementAnswer(include=True, **answer) for i in places}
        choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=answers, intro=intro))
    return choices


@pytest.mark.parametrize(
    ("text", "numbers", "expected"),
    [
        ("Zie [[a]].", {"a": 12}, ["Zie ", "afspraak ", Number("a", 12), "."]),
        ("Zie ook 5.5[[a|, bij afspraak #]].", {"a": 3}, ["Zie ook 5.5", ", bij afspraak ", Number("a", 3), "."]),
        ("Zie ook 5.5[[a|, bij afspraak #]].", {}, ["Zie ook 5.5", "."]),
        ("[[a|Zie afspraak #.|Zie de afspraken over neutraliteit.]]", {}, ["Zie de afspraken over neutraliteit."]),
        ("Geen verwijzing.", {"a": 1}, ["Geen verwijzing."]),
    ],
)
def test_a_cross_reference_says_the_notes_number_or_its_alternative(text, numbers, expected):
    assert segments(text, numbers) == expected


def test_on_a_page_a_cross_reference_links_to_the_agreement_it_names():
    numbers = {"a": 12}
    assert linked_text("Zie [[a]] & meer.", numbers) == 'Zie <a href="#afspraak-12">afspraak 12</a> &amp; meer.'
    linked = 'Zie 5.5, bij <a href="#afspraak-12">afspraak 12</a>.'
    assert linked_text("Zie 5.5[[a|, bij afspraak #]].", numbers) == linked
    assert linked_text("Zie [[b|afspraak #|de afspraken over neutraliteit]].", numbers) == (
        "Zie de afspraken over neutraliteit."
    )
    blocks = (Block(text="<b>Zie</b> [[a|regel #]]."), Block(items=("Punt [[a]]",)))
    assert blocks_html(blocks, numbers=numbers) == (
        '<p>&lt;b&gt;Zie&lt;/b&gt; regel <a href="#afspraak-12">12</a>.</p>'
        '<ul><li>Punt <a href="#afspraak-12">afspraak 12</a></li></ul>'
    )
    assert "[[a]]" in blocks_html(blocks), "without the note's numbers, as before"


def test_the_social_media_intro_refers_to_agreement_37_by_the_number_it_has_in_the_note(fixed):
    choices = note_with(fixed, {"5.5": [7], "5.9": [0]})  # 37 is the 8th of 5.5; it becomes the note's first
    document = render_note(choices, fixed)
    (intro,) = [p for p in document.paragraphs if p.text.startswith("Zie met betrekking tot dit onderdeel")]
    assert intro.text.endswith("eerder in dit document bij afspraak 1.")
    fields = [t.text.strip() for t in intro._p.iter(qn("w:instrText"))]
    assert fields == [f"REF {agreement_bookmark(1)} \\n \\h"]
    names = [b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))]
    assert agreement_bookmark(1) in names


def test_without_that_agreement_the_intro_says_nothing_of_it(fixed):
    choices = note_with(fixed, {"5.9": [0]})
    texts = [p.text for p in render_note(choices, fixed).paragraphs]
    assert not [t for t in texts if "Politieke neutraliteit" in t]


def test_the_2024_edition_keeps_its_published_text(catalogue):
    assert catalogue.section("5.9").intro == (
        "Zie met betrekking tot dit onderdeel ook het luik ‘Politieke neutraliteit’, eerder in dit document bij "
        "afspraak 37.",
    )


def test_catalogue_check_names_a_cross_reference_to_an_unknown_agreement(catalogue_copy):
    path = catalogue_copy / "2024.1" / "sections" / "09-sociale-media.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[[politieke-terughoudendheid", "[[nergens"), "utf-8")
    assert [str(p) for p in check_tree(catalogue_copy)] == [
        "agreements/2024.1/sections/09-sociale-media.yaml: intro[0]: cross-reference to unknown agreement 'nergens'"
    ]


@pytest.mark.parametrize(
    ("agreement_id", "label", "starts"),
    [
        (
            "communicatieverantwoordelijke-in-managementteam",
            "Variant",
            "De communicatieverantwoordelijke is waarnemend",
        ),
        ("goedkeuring-persberichten", "Variant 2", "Persberichten worden enkel ter goedkeuring voorgelegd"),
    ],
)
def test_a_variant_reads_as_a_whole_agreement(fixed, agreement_id, label, starts):
    text = fixed.agreement(agreement_id).variant(label).text[0]
    assert text.startswith(starts)
    assert all(v.text[0][0].isupper() for a in fixed.agreements for v in a.variants), "no fragments left"


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        ("de dienst Burgerzaken", "deze taak wordt opgenomen door de dienst Burgerzaken."),
        ("", "deze taak wordt opgenomen door een andere dienst (specifieer)."),
    ],
)
def test_a_placeholder_replaces_the_words_it_stands_for(fixed, fill, expected):
    choices = note_with(fixed, {"5.2": [5]}, variant="Variant", fill=fill)
    (agreement,) = compose(choices, fixed).agreements
    assert final_text(agreement.choice, agreement.agreement).endswith(expected)
    assert agreement.blocks[0].text.endswith(expected)
    kinds = [w.kind for w in warnings(compose(choices, fixed), {})]
    assert ("variant-names-service" in kinds) == (not fill)


def test_advice_to_the_writer_is_a_tip_left_out_of_the_note(fixed):
    chapter = fixed.chapter("communicatiebeleidsplan")
    assert [b.kind for b in chapter.body] == ["text", "tip"]
    choices = dataclasses.replace(
        new_choices(fixed, dt.date(2026, 11, 23)),
        organisation=Organisation(name="Gemeente Zottegem"),
        chapters=("communicatiebeleidsplan",),
    )
    body = "\n".join(p.text for p in render_note(choices, fixed).paragraphs)
    assert "Vooraleer je in de communicatie-afspraken duikt" in body
    assert "Door je afsprakennota in te leiden" not in body


def test_the_meer_lezen_references_of_the_infoblad_belong_to_63_and_66(fixed, catalogue):
    def attached(edition):
        return {
            r.title: [edition.agreement(a).number for a in r.agreements] for r in edition.section("5.10").references
        }

    assert attached(fixed) == {
        "Wat staat er in een redactiestatuut?": [63],
        "Hoe voer je eindredactie op je magazine uit?": [66],
    }
    assert attached(catalogue) == {
        "Wat staat er in een redactiestatuut?": [64],
        "Hoe voer je eindredactie op je magazine uit?": [67],
    }


def test_the_fix_edition_says_what_changed_and_what_it_is_based_on(fixed):
    assert fixed.edition.based_on == "2024" and fixed.edition.is_published
    assert "63 en 66" in fixed.edition.change_summary
    assert len(fixed.agreements) == 87


def test_the_word_document_of_the_fix_edition_opens(fixed):
    choices = note_with(fixed, {"5.5": [7], "5.9": [0, 1]})
    assert docx.Document(io.BytesIO(to_bytes(render_note(choices, fixed)))).paragraphs
