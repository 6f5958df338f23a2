"""Uploaded Word files are checked before anything reads them: each hostile kind is refused in Dutch, fast."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hostile_files import CASES
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.formats.upload import UploadRefused, checked_docx
from builder.formats.word import render_note, to_bytes
from builder.model.building import new_choices
from builder.model.choices import Organisation


@pytest.fixture(scope="module")
def note_docx(catalogue) -> bytes:
    import datetime as dt

    choices = new_choices(catalogue, dt.date(2026, 12, 1))
    choices = dataclasses.replace(choices, organisation=Organisation(name="Gemeente Zottegem"))
    return to_bytes(render_note(choices, catalogue))


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
