"""The Word document: structure, language, real lists, fields and embedded choices."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from builder.formats.word import (
    content_disposition,
    display_file_name,
    dutch_date,
    file_name,
    read_choices,
    render_note,
    to_bytes,
)
from builder.model.building import AgreementAnswer, SectionAnswers, add_own_section, apply_section, new_choices
from builder.model.choices import AgreementChoice, Options


@pytest.fixture
def full_choices(catalogue):
    """Every chapter, every agreement (first variant where there is one), an own section."""
    choices = new_choices(catalogue, dt.date(2026, 11, 23))
    choices.organisation_name = "Gemeente Zottegem"
    choices.organisation_type = "gemeente"
    choices.author_name = "An Peeters"
    choices.chapters = [c.id for c in catalogue.chapters]
    choices.vision = "Wij communiceren helder en tijdig."
    for section in catalogue.sections:
        answers = {
            a.id: AgreementAnswer(include=True, variant=a.variants[0].label if a.variants else "", fill="Burgerzaken")
            for a in section.agreements
        }
        apply_section(choices, catalogue, section, SectionAnswers(agreements=answers, intro=True))
    add_own_section(choices, catalogue, "Nieuwsbrief").agreements.append(AgreementChoice(text="Maandelijks."))
    choices.options = Options(references=True, provenance=True, approval=True, approved_by="het college")
    return choices


@pytest.fixture
def document(full_choices, catalogue):
    return docx.Document(io.BytesIO(to_bytes(render_note(full_choices, catalogue))))


def test_document_language_is_set_in_the_styles(document):
    lang = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    )
    assert lang.get(qn("w:val")) == "nl-BE"
    assert document.core_properties.language == "nl-BE"


def test_core_properties(document):
    props = document.core_properties
    assert props.title == "Communicatieafspraken Gemeente Zottegem"
    assert props.author == "An Peeters"
    assert props.subject == "Communicatieafspraken Gemeente Zottegem"


def test_headings_never_skip_a_level(document):
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_all_88_agreements_are_one_real_numbered_list(document):
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 88
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(num_ids) == 1, "one list, so Word numbers them 1..88 straight through"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert bullets and all(p._p.pPr.numPr is not None for p in bullets)


def test_table_of_contents_is_prefilled(document):
    xml = document.element.xml
    assert 'TOC \\o "1-2"' in xml
    toc = [p.text for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert toc == headings


def test_page_numbers_in_the_footer(document):
    footer = document.sections[0].footer
    assert "PAGE" in footer._element.xml


def test_title_page_has_a_dutch_date(document):
    texts = [p.text for p in document.paragraphs[:10]]
    assert "Datum: 23 november 2026" in texts
    assert dutch_date(dt.date(2027, 3, 1)) == "1 maart 2027"


def test_appendices(document):
    texts = [p.text for p in document.paragraphs]
    assert "Bijlage: Meer lezen" in texts
    assert any(t.startswith("Wat is openbaarheid van bestuur? – bij afspraak 12") for t in texts)
    table = document.tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Afspraak", "Herkomst (catalogus 2024)"]
    assert rows[5] == ["5", "afspraak 5, variant"]
    assert rows[-1] == ["88", "Eigen afspraak"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert "Goedgekeurd door het college op ……………………………." in texts


def test_choices_are_embedded_and_the_package_is_valid(full_choices, catalogue):
    data = to_bytes(render_note(full_choices, catalogue))
    assert read_choices(data) == full_choices.to_data()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == len(set(names)), "no duplicate zip entries"
    assert "customXml/item2.xml" in names and "customXml/itemProps2.xml" in names


def test_without_options_there_are_no_appendices(full_choices, catalogue):
    full_choices.options = Options(references=False, provenance=False, approval=False)
    texts = [p.text for p in docx.Document(io.BytesIO(to_bytes(render_note(full_choices, catalogue)))).paragraphs]
    assert "Bijlage: Meer lezen" not in texts and "Goedkeuring" not in texts
    assert "Bijlage: Herkomst van de afspraken" not in texts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gemeente Zottegem", "gemeente-zottegem-afsprakennota-2026-11-23.docx"),
        ('OCMW Sint-Niklaas / "Waas" <test>', "ocmw-sint-niklaas-waas-test-afsprakennota-2026-11-23.docx"),
        ("Ça va: Æther", "ca-va-aether-afsprakennota-2026-11-23.docx"),
        ("???", "organisatie-afsprakennota-2026-11-23.docx"),
    ],
)
def test_file_names_are_safe_everywhere(catalogue, name, expected):
    choices = new_choices(catalogue, dt.date(2026, 11, 23))
    choices.organisation_name = name
    assert file_name(choices) == expected
    shown = display_file_name(choices)
    assert not set(shown) & set('<>:"/\\|?*') and shown.endswith(" - afsprakennota 2026-11-23.docx")
    header = content_disposition(choices)
    assert header.startswith(f"attachment; filename=\"{expected}\"; filename*=UTF-8''")
    assert header.isascii()


def test_docx_accessibility_in_the_xml(full_choices, catalogue):
    """Language nl-BE in the styles, a title property, heading styles, and lists as real w:numPr lists."""
    package = zipfile.ZipFile(io.BytesIO(to_bytes(render_note(full_choices, catalogue))))
    styles = package.read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="nl-BE"' in defaults
    core = package.read("docProps/core.xml").decode()
    assert "<dc:title>Communicatieafspraken Gemeente Zottegem</dc:title>" in core
    assert "<dc:language>nl-BE</dc:language>" in core
    body = package.read("word/document.xml").decode()
    assert body.count('<w:pStyle w:val="Heading1"/>') >= 15
    numbered = body.count('<w:pStyle w:val="ListNumber"/>')
    assert numbered == 88
    assert body.count("<w:numPr>") >= numbered + 1
