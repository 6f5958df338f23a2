"""The Word document: structure, language, real lists, fields and embedded choices."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from builder.formats.word import (
    content_disposition,
    display_file_name,
    file_name,
    read_choices,
    render_note,
    to_bytes,
    with_page_numbers,
)
from builder.model.building import new_choices
from builder.model.choices import Options, Organisation
from builder.model.dates import in_document
from builder.model.outline import PAGES_HINT


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


HEADING_LEVELS = {"Heading 1": 1, "Chapter Heading": 2, "Heading 2": 2, "Heading 3": 3}


def test_headings_never_skip_a_level(document):
    levels = [HEADING_LEVELS[p.style.name] for p in document.paragraphs if p.style.name in HEADING_LEVELS]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_all_88_agreements_and_their_sub_items_are_one_real_multilevel_list(document):
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 88
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(num_ids) == 1, "one list, so Word numbers them 1..88 straight through"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert bullets and {(p._p.pPr.numPr.numId.val, p._p.pPr.numPr.ilvl.val) for p in bullets} == {(*num_ids, 1)}


def toc_entries(document) -> list:
    return [p for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]


def test_the_table_of_contents_lists_numbered_parts_with_their_agreements_and_links_to_them(document):
    """Readable on paper before any update: numbers, ranges; each entry a link to its heading's bookmark."""
    texts = [p.text.rstrip("\t") for p in toc_entries(document)]
    assert texts[0] == "1. Inleiding" and texts[1] == "1.1 Visie en communicatiedoelen"
    assert "9. Perscommunicatie\u00a0– afspraken\u00a043–\u200d55" in texts, "the range never splits over two lines"
    assert "16. Nieuwsbrief\u00a0– afspraak\u00a088" in texts
    assert texts[-3:] == ["Goedkeuring", "Bijlage 1. Meer lezen", "Bijlage 2. Herkomst van de afspraken"]
    assert "Pers zoekt overheid" not in texts, "sub-headings and appendix groups stay out"
    bookmarks = {b.get(qn("w:name")): b for b in document.element.body.iter(qn("w:bookmarkStart"))}
    for entry in toc_entries(document):
        (link,) = entry._p.findall(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert anchor.startswith("_Toc") and anchor in bookmarks
        assert f"PAGEREF {anchor} \\h" in "".join(t.text for t in link.iter(qn("w:instrText")))
    assert 'TOC \\o "1-1" \\t "Chapter Heading,2" \\h \\z \\u' in document.element.xml


def test_without_libreoffice_the_contents_say_how_to_fill_in_the_pages(document):
    """The PAGEREF results are empty until Word updates them; the last line of the field's result says how."""
    paragraphs = document.paragraphs
    entries = toc_entries(document)
    hint = paragraphs[paragraphs.index(next(p for p in paragraphs if p.text == entries[-1].text)) + 1]
    assert hint.text == PAGES_HINT and "‘Veld bijwerken’" in hint.text
    field_end = hint._p.findall(f"{qn('w:r')}/{qn('w:fldChar')}")
    assert [f.get(qn("w:fldCharType")) for f in field_end] == ["end"], "inside the field: Word's update replaces it"
    assert all(p.text.endswith("\t") for p in entries), "no page number yet"


def test_laid_out_pages_are_written_into_the_contents(full_choices, catalogue):
    tokens = to_bytes(render_note(full_choices, catalogue, page_tokens=True))
    pages = {f"_Toc{n}": n + 2 for n in range(1, 40)}
    document = docx.Document(io.BytesIO(with_page_numbers(tokens, pages)))
    entries = toc_entries(document)
    assert [p.text.rpartition("\t")[2] for p in entries] == [str(n + 2) for n in range(1, len(entries) + 1)]
    assert PAGES_HINT not in [p.text for p in document.paragraphs] and "{p:" not in document.element.xml
    fields = [t.text for p in entries for t in p._p.iter(qn("w:instrText"))]
    assert fields[0].strip().startswith("TOC") and fields[1].strip() == "PAGEREF _Toc1 \\h", "Word can still update"


def test_the_base_is_a_word_2016_document_in_dutch(full_choices, catalogue):
    """No compatibility mode, truthful app properties, nl-BE settings, Word's TOC styles with dot leaders."""
    package = zipfile.ZipFile(io.BytesIO(to_bytes(render_note(full_choices, catalogue))))
    settings = package.read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert '<w:themeFontLang w:val="nl-BE"/>' in settings
    assert "proofState" not in settings
    app = package.read("docProps/app.xml").decode()
    assert "<Application>Bouwpakket communicatieafspraken</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    styles = package.read("word/styles.xml").decode()
    for level in (1, 2):
        start = styles.index(f'w:styleId="TOC{level}"')
        style = styles[start : styles.index("</w:style>", start)]
        assert f'<w:name w:val="toc {level}"/>' in style and 'w:leader="dot"' in style
    numbering = package.read("word/numbering.xml").decode()
    assert numbering.count("<w:abstractNum ") == 2


def test_no_empty_paragraphs_and_the_closing_parts_start_on_a_new_page(document):
    body = document.element.body
    empty = [p for p in body.findall(qn("w:p")) if not "".join(t.text or "" for t in p.iter(qn("w:t")))]
    assert empty == [], "spacing comes from styles, page breaks from pageBreakBefore"
    assert not list(body.iter(qn("w:br"))) or all(br.get(qn("w:type")) != "page" for br in body.iter(qn("w:br")))
    starts = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.pageBreakBefore is not None]
    assert starts == [
        "Inhoud",
        "1. Inleiding",
        "Goedkeuring",
        "Bijlage 1. Meer lezen",
        "Bijlage 2. Herkomst van de afspraken",
    ]


def test_the_footer_says_page_n_of_m(document):
    footer = document.sections[0].footer._element
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))) == "Communicatieafspraken Gemeente Zottegem – pagina 2 van 2"


def test_title_page_has_a_dutch_date(document):
    texts = [p.text for p in document.paragraphs[:10]]
    assert "Datum: 23\u00a0november\u00a02026" in texts, "a date never breaks over two lines"
    assert in_document(dt.date(2027, 3, 1)) == "1 maart 2027"


def test_meer_lezen_says_kortompedia_is_for_members_and_links_a_url(document):
    texts = [p.text for p in document.paragraphs]
    assert any("enkel toegankelijk voor leden van Kortom" in t for t in texts)
    assert "Wat is openbaarheid van bestuur? – bij afspraak 12" in texts
    assert not document.part.rels or all("hyperlink" not in r.reltype for r in document.part.rels.values())


def test_a_reference_with_a_url_is_a_real_hyperlink(full_choices, catalogue):
    section = catalogue.sections[1]
    ref = dataclasses.replace(section.references[0], url="https://www.kortom.be/kortompedia/openbaarheid")
    changed = dataclasses.replace(
        catalogue,
        sections=(catalogue.sections[0], dataclasses.replace(section, references=(ref,)), *catalogue.sections[2:]),
    )
    document = render_note(full_choices, changed)
    links = [r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert [r.target_ref for r in links] == ["https://www.kortom.be/kortompedia/openbaarheid"]
    (element,) = [h for h in document.element.body.iter(qn("w:hyperlink")) if h.get(qn("r:id"))]
    assert "".join(t.text for t in element.iter(qn("w:t"))) == "Wat is openbaarheid van bestuur?"


def test_provenance_names_unchanged_agreements_per_part_and_tables_only_the_deviations(document):
    texts = [p.text for p in document.paragraphs]
    assert (
        "2. Afspraken die helpen om beleid te vertalen naar communicatiebeleid (catalogus 5.1): "
        "ongewijzigd: afspraken 1–4, 6–7." in texts
    )
    assert "16. Nieuwsbrief (eigen onderdeel): eigen afspraak." in texts
    assert "Tabel 1. Afspraken die afwijken van de catalogus" in texts
    table = document.tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Afspraak", "Herkomst"]
    assert rows[1] == ["5", "catalogus 5.1, afspraak 5, variant"]
    assert rows[-1] == ["88", "eigen afspraak"]
    assert len(rows) == 1 + 5 + 1, "only the five agreements in a variant and the own one"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_choices_are_embedded_and_the_package_is_valid(full_choices, catalogue):
    data = to_bytes(render_note(full_choices, catalogue))
    assert read_choices(data) == full_choices.to_data()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == len(set(names)), "no duplicate zip entries"
    assert "customXml/item2.xml" in names and "customXml/itemProps2.xml" in names


def test_without_options_there_are_no_appendices(full_choices, catalogue):
    choices = dataclasses.replace(full_choices, options=Options(references=False, provenance=False, approval=False))
    texts = [p.text for p in docx.Document(io.BytesIO(to_bytes(render_note(choices, catalogue)))).paragraphs]
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
    choices = dataclasses.replace(new_choices(catalogue, dt.date(2026, 11, 23)), organisation=Organisation(name=name))
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


def test_the_approval_block_is_a_signature_table_for_the_organisations_officers(document):
    texts = [p.text for p in document.paragraphs]
    assert "Namens het college," in texts
    decision, signatures = document.tables[0], document.tables[1]
    assert [[c.text for c in r.cells] for r in decision.rows] == [
        ["Voorgelegd aan", "het college"],  # a draft: nobody approved it yet
        ["Datum van de beslissing", ""],
        ["Referentie", ""],
    ]
    assert [c.text for c in signatures.rows[0].cells] == ["De algemeen directeur", "De burgemeester"]
    assert "………" not in document.element.xml, "no dotted lines for a screen reader to read out"


@pytest.mark.parametrize(
    ("kind", "approver", "signatories"),
    [
        ("gemeente", "het college van burgemeester en schepenen", ["De algemeen directeur", "De burgemeester"]),
        ("ocmw", "het vast bureau", ["De algemeen directeur", "De voorzitter"]),
        ("provincie", "de deputatie", ["De provinciegriffier", "De gouverneur"]),
        ("socialprofitorganisatie", "de raad van bestuur", ["De directeur", "De voorzitter"]),
    ],
)
def test_who_approves_and_signs_follows_the_organisation_type(full_choices, catalogue, kind, approver, signatories):
    choices = dataclasses.replace(
        full_choices,
        organisation=Organisation(name="Gemeente Zottegem", type=kind),
        options=Options(approval=True, references=False, provenance=False, signatories=("Jan Peeters",)),
    )
    document = render_note(choices, catalogue)
    texts = [p.text for p in document.paragraphs]
    assert f"Namens {approver}," in texts
    assert [c.text for c in document.tables[1].rows[0].cells] == signatories
    assert [c.text for c in document.tables[1].rows[1].cells] == ["Naam: Jan Peeters", "Naam:"]


@pytest.mark.parametrize(
    ("approved_on", "version", "status"),
    [
        ("", "1.0", "Ontwerp, versie 1.0"),
        ("", "", "Ontwerp"),
        ("2026-12-15", "1.0", "Goedgekeurd door het college van burgemeester en schepenen op 15 december 2026"),
    ],
)
def test_the_title_page_says_draft_until_approved(full_choices, catalogue, approved_on, version, status):
    choices = dataclasses.replace(full_choices, options=Options(approved_on=approved_on), version=version)
    texts = [p.text.replace("\u00a0", " ") for p in render_note(choices, catalogue).paragraphs[:8]]
    assert status in texts
    assert texts.count("Gemeente Zottegem") == 0, "the organisation is in the title already"
    assert ("Versie: 1.0" in texts) == bool(approved_on and version), "a draft's status line says its version"


def test_names_and_dates_on_the_title_page_never_break_over_two_lines(full_choices, catalogue):
    choices = dataclasses.replace(full_choices, options=Options(approved_on="2026-12-15"))
    texts = [p.text for p in render_note(choices, catalogue).paragraphs[:8]]
    assert "Communicatieafspraken Gemeente\u00a0Zottegem" in texts
    assert any(t.endswith(" op 15\u00a0december\u00a02026") for t in texts)


def test_provenance_says_which_agreements_are_in_the_organisations_words_or_without_kortoms_tip(catalogue):
    from test_tailored_texts import EDITION, whole_note

    document = render_note(whole_note("provincie", "Provincie Vlaams-Brabant"), EDITION)
    texts = [p.text for p in document.paragraphs]
    assert (
        "9. Perscommunicatie (catalogus 5.8): ongewijzigd: afspraken 44–45, 48–49, 54–55; in de woorden van de "
        "organisatie: afspraken 43, 46–47, 50–53." in texts
    )
    assert any("zonder de tip van Kortom: afspraak 62" in t for t in texts), "62 has Kortom's note for the reader"
    assert not any("ongewijzigd: afspraken 62" in t for t in texts)


def test_a_long_table_of_deviations_never_leaves_a_few_rows_alone_on_a_page(full_choices, catalogue):
    def reworded(part):
        own = tuple(dataclasses.replace(a, text="Eigen.") for a in part.agreements)
        return dataclasses.replace(part, agreements=own)

    choices = dataclasses.replace(full_choices, sections=tuple(reworded(p) for p in full_choices.sections))
    table = render_note(choices, catalogue).tables[-1]
    rows = table.rows
    assert len(rows) > 60 and all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    kept = [r._tr.find(qn("w:tc")).find(qn("w:p")).find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for r in rows]
    assert kept[:4] == [True] * 4 and kept[-7:] == [False] + [True] * 5 + [False], "its start and its end go together"
