"""The amendment note: an approved note changed, and the college gets a short .docx saying what changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_UNDERLINE
from support import Browser, publish_2024_1
from word_templates import HEADER_TEXT, dutch_template, png

from builder import PROJECT_ROOT
from builder.db import connect, write
from builder.formats.amendment import render_amendment
from builder.formats.house_style import HouseStyle, Logo, template_base
from builder.formats.pdf import libreoffice_found
from builder.formats.word import to_bytes
from builder.model.amendments import Basis, amendments
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Author, Organisation
from builder.model.note import compose

COLLEGE = "het college van burgemeester en schepenen"
APPROVED = Basis(body=COLLEGE, decided_on=dt.date(2026, 12, 20), reference="CBS 2026/123")
PLAN, MEETING = (
    "communicatiebeleidsplan-op-basis-van-organisatiedoelen",
    "overleg-schepen-en-communicatieverantwoordelijke",
)
ACTIONS = "communicatieacties-ter-kennisgeving-aan-college"
MEETING_NOW = "De schepen van communicatie en de dienst zitten maandelijks samen."
LEGEND = "in de oude tekst zijn de woorden die wegvallen doorgestreept"
PROPOSAL = (
    "Voorstel van beslissing: Het college van burgemeester en schepenen keurt de wijzigingen in de afsprakennota "
    "goed, zoals hierboven beschreven."
)


def note(catalogue, picked):
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)),
        organisation=Organisation(name="Gemeente Zottegem", type="gemeente"),
        author=Author(name="An Peeters", function="communicatieverantwoordelijke"),
    )
    answers = {i: a if isinstance(a, AgreementAnswer) else AgreementAnswer(include=True) for i, a in picked.items()}
    return apply_section(choices, catalogue, catalogue.section("5.1"), SectionAnswers(agreements=answers))


@pytest.fixture
def changed(catalogue):
    return changed_notes(catalogue)


def changed_notes(catalogue):
    """Zottegem's note as the college approved it (agreements 1, 3, 4) and as it is now (3 reworded, 1 left out)."""
    before = compose(note(catalogue, {PLAN: True, MEETING: True, ACTIONS: True}), catalogue)
    after = compose(
        note(catalogue, {MEETING: AgreementAnswer(include=True, text=MEETING_NOW), ACTIONS: True}), catalogue
    )
    return before, after


def rendered(before, after, style=None):
    document = render_amendment(
        before, after, amendments(before, after), APPROVED, COLLEGE, style, dt.date(2027, 1, 10)
    )
    return docx.Document(io.BytesIO(to_bytes(document)))


def texts(document) -> list[str]:
    return [p.text.replace("\xa0", " ") for p in document.paragraphs]  # names and dates never break in Word


def test_the_docx_says_what_was_approved_each_change_the_legend_and_the_proposal(changed):
    document = rendered(*changed)
    said = texts(document)
    assert said[1:3] == ["Wijzigingsnota", "Bij de afsprakennota “Communicatieafspraken Gemeente Zottegem”"]
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026 (CBS 2026/123)." in said
    assert "Datum: 10 januari 2027" in said
    assert "1 afspraak herschreven, 1 weggelaten en 2 hernummerd." in said
    assert any(LEGEND in t for t in said)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Samenvatting",
        "Wijzigingen per afspraak",
        "1. Afspraken die helpen om beleid te vertalen naar communicatiebeleid",
        "Was afspraak 1 – weggelaten",
        "Afspraak 1 (was 2) – herschreven en hernummerd",
        "Afspraak 2 (was 3) – hernummerd",
    ]
    reworded = said.index("Afspraak 1 (was 2) – herschreven en hernummerd")
    assert said[reworded + 1] == "Oude tekst:"
    assert said[reworded + 2].startswith("De schepen van communicatie en de communicatieverantwoordelijke zitten")
    assert said[reworded + 3 : reworded + 5] == ["Nieuwe tekst:", MEETING_NOW]
    assert said[-1] == PROPOSAL
    assert document.core_properties.title == "Wijzigingsnota: Communicatieafspraken Gemeente Zottegem"
    assert document.core_properties.language == "nl-BE"
    assert document.sections[0].footer.paragraphs[0].text.startswith("Wijzigingsnota – pagina")


def test_words_that_go_are_struck_through_and_words_that_come_are_bold_and_underlined(changed):
    runs = [r for p in rendered(*changed).paragraphs for r in p.runs]
    struck = [r.text for r in runs if r.font.strike]
    marked = [r.text for r in runs if r.font.bold and r.font.underline == WD_UNDERLINE.SINGLE]
    assert struck[0] == "communicatieverantwoordelijke"
    assert marked == ["dienst", "maandelijks samen."]
    assert not any(r.font.strike for r in runs if "Wij" in r.text or r.text == "De schepen van communicatie en de")


def test_it_is_written_in_the_notes_house_style(changed):
    on_template = rendered(*changed, style=HouseStyle(template=template_base(dutch_template()).base))
    styles = {p.style.style_id for p in on_template.paragraphs}
    assert {"Titel", "Kop1", "Kop3"} <= styles and not {"Title", "Heading1"} & styles
    assert HEADER_TEXT in on_template.sections[0].header.paragraphs[0].text
    with_logo = rendered(*changed, style=HouseStyle(logo=Logo(png(), "Logo van Zottegem")))
    (shape,) = with_logo.inline_shapes
    assert shape._inline.docPr.get("descr") == "Logo van Zottegem"


# ---------------------------------------------------------------- in the wizard


@pytest.fixture
def author(browser):
    """An author whose note holds agreements 1 and 3 of section 5.1."""
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_2": "y"})
    return browser


def approve(browser, on="20/12/2026", reference="CBS 2026/123"):
    browser.submit("/nota/nalezen", {"approved_on": on, "decision": reference})


def offered(browser) -> str | None:
    browser.get("/nota/downloaden")
    found = re.search(r'href="(/nota/wijzigingsnota\?goedkeuring=\d+)"', browser.page)
    return found.group(1) if found else None


def fetched(browser, url: str):
    """A download the browser makes by following a link (a .docx, which is no page to read)."""
    response = browser.client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_the_download_page_offers_the_amendment_note_once_an_approved_note_changed(author):
    assert offered(author) is None, "nothing approved yet"
    approve(author)
    assert offered(author) is None, "approved, not changed"
    author.submit("/nota/organisatie", {"name": "Gemeente Zottegem", "author_name": "Nieuw"})
    assert offered(author) is None, "a new author changes no agreement"
    author.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_2": "y", "text_2": MEETING_NOW, "include_4": "y"})
    url = offered(author)
    assert url is not None
    text = author.text()
    assert (
        "Je nota veranderde sinds de goedkeuring door het college van burgemeester en schepenen op 20 december "
        "2026: 1 afspraak herschreven, 1 afspraak toegevoegd." in text
    )
    assert "Download de wijzigingsnota voor het college van burgemeester en schepenen (.docx)" in text
    assert "Afspraak 2: herschreven" in text and "Afspraak 3: toegevoegd" in text and "<del>" in author.page

    response = fetched(author, url)
    assert response.mimetype.endswith("wordprocessingml.document")
    today = dt.date.today().isoformat()
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="wijzigingsnota-gemeente-zottegem-{today}.docx"; '
        f"filename*=UTF-8''Gemeente%20Zottegem%20-%20wijzigingsnota%20{today}.docx"
    )
    said = texts(docx.Document(io.BytesIO(response.data)))
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026 (CBS 2026/123)." in said
    assert "Afspraak 2 – herschreven" in said and "Afspraak 3 – toegevoegd" in said and said[-1] == PROPOSAL


def test_the_latest_approval_is_the_default_and_each_is_linked_on_the_reviewing_page(author):
    approve(author)
    author.submit("/nota/onderdeel/5.1", {"include_0": "y"})
    approve(author, on="10/01/2027", reference="CBS 2027/4")
    author.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_6": "y"})
    said = texts(docx.Document(io.BytesIO(fetched(author, "/nota/wijzigingsnota").data)))
    assert "Goedgekeurd door het college van burgemeester en schepenen op 10 januari 2027 (CBS 2027/4)." in said
    assert "Afspraak 2 – toegevoegd" in said and "Was afspraak 2 – weggelaten" not in said
    author.get("/nota/beoordeling")
    links = re.findall(r'href="/nota/wijzigingsnota\?goedkeuring=(\d+)"', author.page)
    assert len(links) == 2
    first = texts(docx.Document(io.BytesIO(fetched(author, f"/nota/wijzigingsnota?goedkeuring={min(links)}").data)))
    assert "Was afspraak 2 – weggelaten" in first and "Afspraak 2 – toegevoegd" in first


def test_nothing_changed_in_the_agreements_gives_a_page_not_a_document(author):
    approve(author)
    author.submit("/nota/organisatie", {"name": "Gemeente Zottegem", "author_name": "Nieuw"})
    response = author.get("/nota/wijzigingsnota")
    assert response.mimetype == "text/html"
    assert (
        "Sinds de goedkeuring door het college van burgemeester en schepenen op 20 december 2026 veranderde er "
        "niets aan de afspraken in je nota." in author.text()
    )


def test_without_an_approval_the_page_says_where_to_record_it(author):
    author.get("/nota/wijzigingsnota")
    assert "Er is nog geen goedkeuring van je nota vastgelegd." in author.text()
    assert 'href="/nota/nalezen#approved_by"' in author.page


def test_an_approval_recorded_before_the_note_was_kept_is_not_guessed_at(author, app):
    approve(author)
    db = connect(app.config["DATABASE"])
    with write(db):
        db.execute("UPDATE approvals SET choices = ''")
    db.close()
    author.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_4": "y"})
    assert offered(author) is None
    assert "Die goedkeuring werd geregistreerd voor Bouwpakket de goedgekeurde tekst bewaarde" in author.text()
    author.get("/nota/wijzigingsnota")
    assert "Deze goedkeuring werd geregistreerd voor Bouwpakket de goedgekeurde tekst bewaarde." in author.text()


def test_after_a_move_to_a_newer_edition_the_kept_version_gives_the_amendment_note(browser, db_path):
    browser.start()
    browser.organisation()
    browser.submit(
        "/nota/onderdeel/5.1", {"include_0": "y", "include_4": "y", "variant_4": "Variant", "action": "done"}
    )
    publish_2024_1(db_path)
    browser.get("/nota/nieuwe-editie")
    browser.post("/nota/nieuwe-editie", {})
    browser.get("/nota/overzicht")
    assert "met een wijzigingsnota tegenover die versie" in browser.text()
    (kept,) = re.findall(r'href="/nota/wijzigingsnota\?versie=(\d+)"', browser.page)
    assert "Wijzigingsnota tegenover deze versie" in browser.text()
    response = fetched(browser, f"/nota/wijzigingsnota?versie={kept}")
    said = texts(docx.Document(io.BytesIO(response.data)))
    assert f"Vergeleken met de versie van {dt.date.today():%-d} " in said[3]
    assert said[3].endswith("op editie 2024.")
    assert "De nota steunt nu op editie 2024.1 van de catalogus (was editie 2024)." in said
    assert "Afspraak 2 – herschreven" in said, "Kortom rewrote the variant of agreement 5"


def test_a_kept_version_like_the_note_now_needs_no_amendment_note(browser, db_path):
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    publish_2024_1(db_path)
    browser.get("/nota/nieuwe-editie")
    browser.post("/nota/nieuwe-editie", {})
    browser.get("/nota/overzicht")
    (kept,) = re.findall(r'href="/nota/wijzigingsnota\?versie=(\d+)"', browser.page)
    browser.get(f"/nota/wijzigingsnota?versie={kept}")
    assert "Tegenover de versie op editie 2024 van " in browser.text()
    assert "veranderde er niets aan de afspraken in je nota" in browser.text()


@pytest.mark.parametrize(
    "query",
    ["goedkeuring=999", "versie=999", "versie=abc", "goedkeuring=", "goedkeuring=-1", "goedkeuring=1&versie=1"],
)
def test_an_unknown_or_malformed_choice_is_a_dutch_404(author, query):
    approve(author)
    response = author.client.get(f"/nota/wijzigingsnota?{query}")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_another_notes_approval_is_not_found(author, app):
    approve(author)
    other = Browser(app.test_client())
    other.start()
    other.organisation(name="Gemeente Lier")
    assert other.client.get("/nota/wijzigingsnota?goedkeuring=1").status_code == 404
    assert author.client.get("/nota/wijzigingsnota?goedkeuring=1").status_code == 200


def test_without_a_note_the_amendment_note_asks_for_the_private_link(client):
    response = client.get("/nota/wijzigingsnota")
    assert response.status_code == 302 and response.location.endswith("/")


# ---------------------------------------------------------------- looked at on paper

HAVE_LIBREOFFICE = libreoffice_found("/usr/bin/python3") and bool(shutil.which("pdftoppm"))


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice and poppler (make test installs them) are not installed")
def test_the_amendment_note_renders_to_pages_a_person_can_look_at(changed, tmp_path):
    """The .docx through LibreOffice to PDF and page images in test-artifacts/amendment/ (look at them)."""
    from builder.formats.pdf import Converter

    before, after = changed
    document = render_amendment(before, after, amendments(before, after), APPROVED, COLLEGE, today=dt.date(2027, 1, 10))
    converter = Converter()
    try:
        pdf, pages = converter.convert(to_bytes(document))
    finally:
        converter.stop()
    assert pages in (1, 2)
    path = tmp_path / "wijzigingsnota.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "Wijzigingsnota" in text and "Voorstel van beslissing" in text and f"pagina 1 van {pages}" in text
    folder = PROJECT_ROOT / "test-artifacts" / "amendment"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(folder / "wijzigingsnota")], check=True)
    assert list(folder.glob("wijzigingsnota-*.png"))
