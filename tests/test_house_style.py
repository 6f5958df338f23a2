"""A note in the organisation's house style: its own Word template (also a Dutch one), or its logo."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from docx.oxml.ns import qn
from hostile_files import CASES
from support import Browser, downloaded, upload
from word_templates import FOOTER_TEXT, HEADER_TEXT, HOUSE_FONT, dutch_template, jpeg, png

from builder.db import connect, house_styles
from builder.formats.house_style import PREPARED
from builder.formats.logo import MAX_LOGO_BYTES


@pytest.fixture
def author(browser):
    """Zottegem's communication officer, with all of 5.1 chosen, on the house-style page."""
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {**{f"include_{i}": "y" for i in range(7)}, "action": "done"})
    browser.get("/nota/huisstijl")
    return browser


def send_template(browser, data: bytes, name: str = "huisstijl.dotx", status: int = 302):
    browser.get("/nota/huisstijl")
    response = browser.post_files("/nota/huisstijl/sjabloon", {"template_file": (io.BytesIO(data), name)}, status)
    if status == 302:
        browser.get("/nota/huisstijl")
    return response


def send_logo(browser, data: bytes | None, alt: str, name: str = "logo.png", status: int = 302):
    browser.get("/nota/huisstijl")
    form = {"alt": alt, **({"logo_file": (io.BytesIO(data), name)} if data is not None else {})}
    response = browser.post_files("/nota/huisstijl/logo", form, status)
    if status == 302:
        browser.get("/nota/huisstijl")
    return response


def switch(browser, what: str, use: str = "nee") -> None:
    """Click "Sjabloon niet meer gebruiken" or "Logo niet meer gebruiken" (or, with use="ja", "… weer gebruiken")."""
    browser.get("/nota/huisstijl")
    response = browser.client.post(
        "/nota/huisstijl/gebruik", data={"csrf_token": browser.hidden("csrf_token"), "what": what, "use": use}
    )
    assert response.status_code == 302
    browser.get("/nota/huisstijl")


def stored(db_path):
    db = connect(db_path)
    (draft_id,) = [row[0] for row in db.execute("SELECT id FROM drafts ORDER BY id LIMIT 1").fetchall()]
    found = house_styles.find(db, draft_id)
    db.close()
    return found


def download(browser) -> docx.Document:
    response = browser.submit("/nota/downloaden", {}, status=200)
    return docx.Document(io.BytesIO(response.data))


def body_styles(document) -> set[str]:
    return {p.style.style_id for p in document.paragraphs}


def test_a_new_note_has_the_standard_look_and_says_so(author):
    text = author.text()
    assert "Stap 5 van 5" in text
    assert "Je nota krijgt de standaardopmaak van Bouwpakket, zonder logo." in text
    author.get("/nota/downloaden")
    assert 'href="/nota/huisstijl"' in author.page


@pytest.mark.parametrize(
    ("kind", "template"),
    [
        ("Dutch Word (ids Kop1, Standaard)", dict()),
        ("Dutch names (Kop 1)", dict(dutch_names=True)),
        ("a .dotx made from a template on a share", dict(dotx=True, attached_template=True)),
    ],
)
def test_the_note_is_built_on_a_dutch_template(author, db_path, kind, template):
    send_template(author, dutch_template(**template))
    assert "Je nota wordt gemaakt op je eigen Word-sjabloon “huisstijl.dotx”." in author.text()
    document = download(author)
    styles = body_styles(document)
    assert {"Kop1", "Titel", "Ondertitel", "Lijstnummering"} <= styles, kind
    assert not {"Heading1", "Title", "Normal"} & styles, "no second set of styles beside the template's"
    (normal,) = [style for style in document.styles if style.style_id == "Standaard"]
    assert normal.font.name == HOUSE_FONT
    section = document.sections[0]
    assert HEADER_TEXT in section.header.paragraphs[0].text
    assert section.header.part.related_parts, "the header keeps its logo"
    assert section.footer.paragraphs[0].text == FOOTER_TEXT, "the template's own footer, not ours"
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "Typ hier de tekst" not in text and "Titel van het document" not in text
    assert "Communicatieafspraken Gemeente Zottegem" in text
    assert document.settings.element.find(qn("w:attachedTemplate")) is None
    links = [r for part in document.part.package.iter_parts() for r in part.rels.values() if r.is_external]
    assert all(r.reltype.endswith("/hyperlink") for r in links), "nothing outside the file but hyperlinks"


def test_the_agreements_are_one_numbered_list_on_a_template(author):
    send_template(author, dutch_template())
    document = download(author)
    numbered = [p for p in document.paragraphs if p.style.style_id == "Lijstnummering"]
    assert len(numbered) == 7
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(num_ids) == 1, "one list, numbered 1 to 7"
    (num_id,) = num_ids
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id)]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    (abstract,) = [a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id]
    assert abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


def test_a_template_without_heading_styles_gets_them_in_its_own_font(author):
    send_template(author, dutch_template(headings=False, footer=False))
    text = author.text()
    assert "Deze stijlen ontbraken in je sjabloon" in text and "Kop 1" in text and "Titel" in text
    document = download(author)
    heading = document.styles["Heading 1"]
    assert heading.font.name is None and heading.font.color.rgb is None, "takes the template's font and colour"
    assert heading.base_style.style_id == "Standaard"
    assert document.sections[0].footer.paragraphs[0].text.startswith("Communicatieafspraken Gemeente Zottegem")


@pytest.mark.parametrize("dutch_names", [False, True], ids=["ids Kop1", "names Kop 1"])
def test_a_note_on_a_dutch_template_reads_back_without_word_changes(author, app, db_path, dutch_names):
    send_template(author, dutch_template(dutch_names=dutch_names))
    response = author.submit("/nota/downloaden", {}, status=200)
    newcomer = Browser(app.test_client())
    upload(newcomer, response.data)
    newcomer.get("/nota/bewaarlink")
    assert "wijzigingen uit Word" not in newcomer.text()
    db = connect(db_path)
    (progress,) = [row[0] for row in db.execute("SELECT progress FROM drafts ORDER BY id DESC LIMIT 1").fetchall()]
    db.close()
    assert "word_changes" not in json.loads(progress)


@pytest.mark.parametrize(("kind", "make", "said"), [c for c in CASES if c[0] != "external template"])
def test_a_hostile_template_is_refused_next_to_the_field_and_nothing_is_stored(author, db_path, kind, make, said):
    send_template(author, make(dutch_template()), status=400)
    error = re.search(r'id="template_file-error">(.*?)</p>', author.page, re.S)
    said = {"geen Word-bestand": "geen Word-document (.docx) of Word-sjabloon (.dotx)"}.get(said, said)
    assert error and said in error.group(1), kind
    assert "Stap 5 van 5" in author.text() and author.page.count("<title>Fout: ") == 1
    assert stored(db_path) is None


def test_a_refused_template_leaves_the_one_in_use(author, db_path):
    send_template(author, dutch_template(), name="eerste.dotx")
    send_template(author, b"geen Word", name="tweede.docx", status=400)
    assert stored(db_path).template_name == "eerste.dotx"
    assert "Je nota wordt gemaakt op je eigen Word-sjabloon “eerste.dotx”." in author.text()


def test_a_logo_goes_on_the_title_page_with_its_description(author, db_path):
    send_logo(author, png(300, 100), "Logo van de gemeente Zottegem")
    assert "met je logo “logo.png” op de titelpagina" in author.text()
    document = download(author)
    (picture,) = document.inline_shapes
    assert picture._inline.docPr.get("descr") == "Logo van de gemeente Zottegem"
    assert round(picture.width / picture.height) == 3, "the logo keeps its proportions"
    first = document.paragraphs[0]
    assert first._p.xpath(".//pic:pic"), "the logo is the first thing on the title page"


def test_a_jpeg_logo_is_taken_too(author, db_path):
    send_logo(author, jpeg(), "Logo", name="logo.jpg")
    assert stored(db_path).logo_name == "logo.jpg"


LOGO_REFUSALS = [
    ("not an image", b"GIF89a" + b"\x00" * 40, "Dit is geen PNG- of JPEG-afbeelding."),
    ("text named .png", b"Dit is tekst, geen logo.", "Dit is geen PNG- of JPEG-afbeelding."),
    ("too large", png() + b"\x00" * MAX_LOGO_BYTES, "het maximum is 1 MB"),
    ("damaged", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "Deze afbeelding is beschadigd"),
    ("huge in pixels", png(9000, 1), "hoogstens 8000 pixels breed en hoog"),
    ("empty", b"", "Het bestand is leeg"),
]


@pytest.mark.parametrize(("kind", "data", "said"), LOGO_REFUSALS, ids=[c[0] for c in LOGO_REFUSALS])
def test_a_wrong_logo_is_refused_next_to_the_field_keeping_the_description(author, db_path, kind, data, said):
    send_logo(author, data, "Logo van Zottegem", status=400)
    error = re.search(r'id="logo_file-error">(.*?)</p>', author.page, re.S)
    assert error and said in error.group(1), kind
    assert 'value="Logo van Zottegem"' in author.page
    assert stored(db_path) is None


def test_a_logo_needs_a_description(author, db_path):
    send_logo(author, png(), "", status=400)
    assert re.search(r'id="alt-error">.*Beschrijf het logo', author.page, re.S)
    assert "Het logo is in orde, maar nog niet bewaard: kies het opnieuw." in author.text()
    assert stored(db_path) is None


def test_the_description_of_a_kept_logo_can_change_without_a_new_file(author, db_path):
    send_logo(author, png(), "Logo")
    send_logo(author, None, "Logo van de gemeente Zottegem")
    assert stored(db_path).logo_alt == "Logo van de gemeente Zottegem"
    assert stored(db_path).logo.startswith(b"\x89PNG"), "the logo as it was kept"


def test_a_template_comes_before_the_logo_and_removing_it_brings_the_logo_back(author, db_path):
    send_logo(author, png(), "Logo van Zottegem")
    send_template(author, dutch_template())
    assert "Je sjabloon heeft voorrang" in author.text()
    assert not download(author).inline_shapes
    switch(author, "template")
    assert "Je nota krijgt weer de standaardopmaak." in author.text()
    document = download(author)
    assert len(document.inline_shapes) == 1
    assert "Heading1" in body_styles(document)


def test_a_logo_no_longer_used_is_kept_and_can_be_used_again(author, db_path):
    send_logo(author, png(), "Logo")
    switch(author, "logo")
    assert not stored(db_path).has_logo and stored(db_path).kept_logo
    assert not download(author).inline_shapes
    author.get("/nota/huisstijl")
    assert "Je logo “logo.png” is bewaard, maar staat niet op de titelpagina." in author.text()
    switch(author, "logo", "ja")
    assert "Je logo staat weer op de titelpagina." in author.text()
    assert len(download(author).inline_shapes) == 1


def test_a_template_no_longer_used_is_kept_and_can_be_used_again(author, db_path):
    send_template(author, dutch_template(), name="huisstijl.dotx")
    switch(author, "template")
    assert "Je sjabloon blijft bewaard" in author.text()
    assert "Je sjabloon “huisstijl.dotx” is bewaard, maar wordt niet gebruikt." in author.text()
    assert "Heading1" in body_styles(download(author))
    switch(author, "template", "ja")
    assert "Kop1" in body_styles(download(author))


def test_the_house_style_goes_with_the_draft(author, db_path):
    send_template(author, dutch_template())
    author.submit("/nota/verwijderen", {})
    db = connect(db_path)
    assert db.execute("SELECT count(*) FROM house_styles").fetchone()[0] == 0
    db.close()


def test_an_upload_without_a_file_or_with_an_expired_form_keeps_the_page(author, db_path):
    response = author.client.post(
        "/nota/huisstijl/sjabloon", data={"csrf_token": "verlopen"}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="template_file-error"' in page
    assert stored(db_path) is None


def test_another_note_never_gets_this_house_style(author, app, db_path):
    send_template(author, dutch_template())
    other = Browser(app.test_client())
    data = downloaded(other)
    assert "Kop1" not in {p.style.style_id for p in docx.Document(io.BytesIO(data)).paragraphs}


def test_a_note_brought_back_from_its_file_keeps_its_template(author, app, db_path):
    send_template(author, dutch_template(), name="huisstijl.dotx")
    response = author.submit("/nota/downloaden", {}, status=200)
    newcomer = Browser(app.test_client())
    upload(newcomer, response.data)
    newcomer.get("/nota/bewaarlink")
    assert "Ze wordt weer gemaakt op je Word-sjabloon “huisstijl.dotx”." in newcomer.text()
    document = download(newcomer)
    assert HEADER_TEXT in document.sections[0].header.paragraphs[0].text
    assert document.sections[0].footer.paragraphs[0].text == FOOTER_TEXT
    assert len([p for p in document.paragraphs if p.style.style_id == "Lijstnummering"]) == 7, "no old agreements"


def test_a_note_brought_back_writes_its_own_footer_anew(author, app):
    send_template(author, dutch_template(footer=False))
    response = author.submit("/nota/downloaden", {}, status=200)
    newcomer = Browser(app.test_client())
    upload(newcomer, response.data)
    newcomer.organisation("Stad Zottegem")
    footer = download(newcomer).sections[0].footer.paragraphs[0].text
    assert footer.startswith("Communicatieafspraken Stad Zottegem – pagina"), footer


def test_a_template_without_lists_or_page_numbers_works_and_numbers_the_pages(author, db_path):
    send_template(author, dutch_template(numbering=False, page_number=False))
    assert "De voettekst van je sjabloon heeft geen paginanummers." in author.text()
    document = download(author)
    footer = document.sections[0].footer
    assert [p.text for p in footer.paragraphs] == [FOOTER_TEXT, "pagina 1 van 1"]
    assert len({p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.style_id == "Lijstnummering"}) == 1


def test_the_page_names_the_template_styles_the_note_uses(author):
    send_template(author, dutch_template())
    assert "Je nota gebruikt deze stijlen uit je sjabloon: Standaard, Titel, Ondertitel, Kop 1" in author.text()


def test_a_logo_saved_while_a_template_is_in_use_says_when_it_will_show(author):
    send_template(author, dutch_template())
    send_logo(author, png(), "Logo")
    assert "Je logo is bewaard. Het komt op de titelpagina zodra je geen sjabloon meer gebruikt." in author.text()


@pytest.mark.parametrize("address", ["/nota/huisstijl/sjabloon", "/nota/huisstijl/logo", "/nota/huisstijl/gebruik"])
def test_an_upload_address_opened_again_shows_the_page(author, address):
    response = author.get(address, status=302)
    assert response.location.endswith("/nota/huisstijl")


def test_the_download_page_names_who_approves_the_note(author):
    author.organisation("Provincie Limburg", type="provincie")
    author.get("/nota/downloaden")
    assert "voorleggen aan de deputatie of het managementteam" in author.text()


def test_the_command_line_renders_a_note_on_a_template(runner, tmp_path, full_choices):
    choices_file, template = tmp_path / "choices.json", tmp_path / "huisstijl.dotx"
    choices_file.write_text(json.dumps(full_choices.to_data()), encoding="utf-8")
    template.write_bytes(dutch_template(dotx=True))
    out = tmp_path / "nota.docx"
    result = runner.invoke(args=["note", "render", str(choices_file), "-o", str(out), "--template", str(template)])
    assert result.exit_code == 0, result.output
    assert HEADER_TEXT in docx.Document(str(out)).sections[0].header.paragraphs[0].text
    template.write_bytes(b"geen Word")
    result = runner.invoke(args=["note", "render", str(choices_file), "-o", str(out), "--template", str(template)])
    assert result.exit_code != 0 and "geen Word-document (.docx) of Word-sjabloon (.dotx)" in result.output


def test_a_template_prepared_by_an_older_version_is_prepared_again_from_its_upload(author, db_path):
    send_template(author, dutch_template(), name="huisstijl.dotx")
    db = connect(db_path)
    db.execute("UPDATE house_styles SET prepared_with = 0, prepared = x'00'")
    db.conn.commit()
    db.close()
    assert HEADER_TEXT in download(author).sections[0].header.paragraphs[0].text
    again = stored(db_path)
    assert again.prepared_with == PREPARED and again.template_name == "huisstijl.dotx" and again.has_template


def test_a_template_with_huge_headers_is_refused_next_to_the_field(author, db_path):
    """Security round 3 (issue 24, item 3): header parts full of paragraphs cost a worker 1.5 GB, kept."""
    from hostile_files import many_elements, rezipped

    send_template(author, rezipped(dutch_template(), many_elements(21_000)), status=400)
    error = re.search(r'id="template_file-error">(.*?)</p>', author.page, re.S)
    assert error and "De kop- en voetteksten van dit sjabloon zijn te groot." in error.group(1)
    assert stored(db_path) is None


def test_headers_the_template_does_not_show_are_left_out_of_the_note(author):
    from hostile_files import rezipped

    def unused_headers(parts):
        rels = "word/_rels/document.xml.rels"
        for n in range(10):
            parts[f"word/header{100 + n}.xml"] = parts["word/header1.xml"]
            parts[f"word/_rels/header{100 + n}.xml.rels"] = parts["word/_rels/header1.xml.rels"]
            extra = f'<Relationship Id="rIdExtra{n}" Type="{OD}/header" Target="header{100 + n}.xml"/>'
            parts[rels] = parts[rels].replace(b"</Relationships>", extra.encode() + b"</Relationships>")

    send_template(author, rezipped(dutch_template(), unused_headers))
    package = download(author).part.package
    headers = [p for p in package.iter_parts() if p.partname.startswith("/word/header")]
    assert len(headers) == 1, [p.partname for p in headers]


OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_a_template_with_an_svg_logo_is_taken(author, db_path):
    from hostile_files import LOGO_SVG, rezipped, svg_logo

    send_template(author, rezipped(dutch_template(), svg_logo(LOGO_SVG)))
    assert stored(db_path).has_template


SVG_REFUSALS = [
    (
        "an SVG that fetches a picture",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x.png"/></svg>',
    ),
    ("an SVG with a script", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
]


@pytest.mark.parametrize(("kind", "svg"), SVG_REFUSALS, ids=[c[0] for c in SVG_REFUSALS])
def test_an_svg_logo_that_reaches_outside_is_refused(author, db_path, kind, svg):
    from hostile_files import rezipped, svg_logo

    send_template(author, rezipped(dutch_template(), svg_logo(svg)), status=400)
    assert re.search(r'id="template_file-error">.*(buiten het bestand|actieve inhoud)', author.page, re.S), kind
    assert stored(db_path) is None
