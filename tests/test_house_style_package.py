"""A note on a house-style template is the note's own package: its look is the template's, what the file
says about itself is not (issue 28, item 3)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
from word_templates import HEADER_TEXT, _rewrite, dutch_template

from builder.db import connect, house_styles
from builder.formats.house_style import HouseStyle, template_base
from builder.formats.word import render_note, to_bytes

MAC_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>1</Pages><Words>0</Words>"
    b"<Application>Microsoft Macintosh Word</Application><Company>Provincie Oost-Vlaanderen</Company>"
    b"<Manager>Griet Geheim</Manager></Properties>"
)
OLD_SETTINGS = (
    b'<w:proofState w:spelling="clean" w:grammar="clean"/><w:defaultTabStop w:val="720"/>'
    b'<w:evenAndOddHeaders/><w:compat><w:compatSetting w:name="compatibilityMode" '
    b'w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat>'
    b'<w:themeFontLang w:val="en-US"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
)


def an_old_mac_template() -> bytes:
    """A template as an older Word on a Mac saved it: compatibility mode 14, proofed, US English, its company."""

    def change(name: str, content: bytes) -> bytes:
        if name == "docProps/app.xml":
            return MAC_APP
        if name == "word/settings.xml":
            start, end = content.index(b"<w:settings"), content.index(b"</w:settings>")
            head = content[: content.index(b">", start) + 1]
            return head + b'<w:zoom w:percent="120"/>' + OLD_SETTINGS + content[end:]
        return content

    return _rewrite(dutch_template(), change)


def note_on(template: bytes, choices, catalogue) -> zipfile.ZipFile:
    style = HouseStyle(template=template_base(template).base, template_name="huisstijl.dotx")
    return zipfile.ZipFile(io.BytesIO(to_bytes(render_note(choices, catalogue, style=style))))


def test_the_notes_settings_are_its_own_with_the_templates_page_layout(full_choices, catalogue):
    settings = note_on(an_old_mac_template(), full_choices, catalogue).read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert "proofState" not in settings and 'w:val="14"' not in settings
    assert '<w:themeFontLang w:val="nl-BE"/>' in settings
    assert '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>' in settings
    assert "<w:evenAndOddHeaders/>" in settings, "how the template's pages are laid out stays"
    assert '<w:zoom w:percent="100"/>' in settings


def test_the_templates_application_properties_do_not_pass_through(full_choices, catalogue):
    package = note_on(an_old_mac_template(), full_choices, catalogue)
    app = package.read("docProps/app.xml").decode()
    assert "<Application>Bouwpakket communicatieafspraken</Application>" in app
    for said in ("Macintosh", "Normal.dotm", "<Pages>", "<Words>", "Provincie Oost-Vlaanderen", "Griet Geheim"):
        assert said not in app
    core = package.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "<dc:title>Communicatieafspraken Gemeente Zottegem</dc:title>" in core


def test_the_title_page_has_no_header_or_footer_of_the_template(full_choices, catalogue):
    package = note_on(dutch_template(page_number=True), full_choices, catalogue)
    document = docx.Document(io.BytesIO(_bytes(package)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert HEADER_TEXT not in "".join(p.text for p in section.first_page_header.paragraphs)
    assert HEADER_TEXT in section.header.paragraphs[0].text, "from the second page on"


def _bytes(package: zipfile.ZipFile) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as copy:
        for name in package.namelist():
            copy.writestr(name, package.read(name))
    return buffer.getvalue()


def test_the_command_line_import_keeps_a_notes_template_as_the_web_upload_does(runner, app, tmp_path, full_choices):
    choices_file, template = tmp_path / "choices.json", tmp_path / "huisstijl.dotx"
    choices_file.write_text(json.dumps(full_choices.to_data()), encoding="utf-8")
    template.write_bytes(dutch_template(dotx=True))
    note = tmp_path / "nota.docx"
    rendered = runner.invoke(args=["note", "render", str(choices_file), "-o", str(note), "--template", str(template)])
    assert rendered.exit_code == 0, rendered.output
    result = runner.invoke(args=["note", "import", str(note)])
    assert result.exit_code == 0 and "house-style template 'huisstijl.dotx'" in result.output, result.output
    db = connect(app.config["DATABASE"])
    try:
        (draft_id,) = [row[0] for row in db.execute("SELECT id FROM drafts").fetchall()]
        kept = house_styles.find(db, draft_id)
    finally:
        db.close()
    assert kept is not None and kept.has_template and kept.template_name == "huisstijl.dotx"


def test_the_title_page_is_in_the_titles_typeface_not_also_the_subtitles(full_choices, catalogue):
    def fonts(name: str, content: bytes) -> bytes:
        if name != "word/styles.xml":
            return content
        for style_id, font in ((b"Titel", b"Georgia"), (b"Ondertitel", b"Courier New")):
            pattern = rb'(w:styleId="' + style_id + rb'".*?<w:rPr>)'
            fonts = rb'\1<w:rFonts w:ascii="' + font + rb'" w:hAnsi="' + font + rb'"/>'
            content = re.sub(pattern, fonts, content, count=1, flags=re.S)
        return content

    template = _rewrite(dutch_template(), fonts)
    style = HouseStyle(template=template_base(template).base, template_name="huisstijl.dotx")
    document = render_note(full_choices, catalogue, style=style)
    kicker, title, status = document.paragraphs[:3]
    assert title.style.font.name == "Georgia" and kicker.style.font.name == "Courier New"
    for line in (kicker, status):
        assert {run.font.name for run in line.runs} == {"Georgia"}, line.text
