"""A note downloaded, edited in Word (or LibreOffice) and uploaded again: every change comes back, to accept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest
from support import agreement_paragraph, edited_in_word

from builder import PROJECT_ROOT
from builder.formats.catalogue_files import read_tree
from builder.formats.upload import checked_docx
from builder.formats.word import render_note, to_bytes
from builder.formats.word_import import read_note
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Organisation, from_data
from builder.model.word_changes import ADDED, DELETED, EDITED, apply_word_changes, word_changes

EDITION = "2024.1"


@pytest.fixture(scope="module")
def latest():
    return {c.edition.id: c for c in read_tree(PROJECT_ROOT / "agreements")}[EDITION]


@pytest.fixture(scope="module")
def note(latest):
    """Zottegem's note: all of 5.1 and 5.2, and an own agreement after 5.2's first."""
    choices = new_choices(latest, dt.date(2026, 12, 1))
    choices = dataclasses.replace(choices, organisation=Organisation(name="Gemeente Zottegem"))
    for section in latest.sections[:2]:
        answers = SectionAnswers(agreements={a.id: AgreementAnswer(include=True) for a in section.agreements})
        choices = apply_section(choices, latest, section, answers)
    return choices


def expected_kinds(changes):
    return [(c.kind, c.number) for c in changes]


def test_three_changes_made_in_word_are_found(note, latest):
    data = edited_in_word(to_bytes(render_note(note, latest)))
    read = read_note(checked_docx(data))
    assert from_data(read.choices).to_data() == note.to_data(), "the choices travel with the document"
    changes = word_changes(from_data(read.choices), latest, read)
    assert expected_kinds(changes) == [(EDITED, 2), (DELETED, 3), (ADDED, 5)]
    assert changes[0].after == "De communicatiedienst van Zottegem schrijft elk jaar een plan."


def test_accepted_changes_make_exactly_the_expected_note(note, latest):
    read = read_note(checked_docx(edited_in_word(to_bytes(render_note(note, latest)))))
    changes = word_changes(note, latest, read)
    result = apply_word_changes(note, changes, accepted={0, 1, 2})
    first = result.sections[0].agreements
    assert first[1].text == "De communicatiedienst van Zottegem schrijft elk jaar een plan." and first[1].reworded
    assert note.sections[0].agreements[2].id not in [c.id for c in first]
    own = [c for c in first if c.is_own]
    assert own and own[0].text == "Elke dienst heeft een communicatiepeter."
    assert first.index(own[0]) == 4, "it stands where it was added, after agreement 5 (4 after one was deleted)"
    assert result.agreement_count == note.agreement_count


def test_rejected_changes_leave_the_note_as_it_was(note, latest):
    read = read_note(checked_docx(edited_in_word(to_bytes(render_note(note, latest)))))
    changes = word_changes(note, latest, read)
    assert apply_word_changes(note, changes, accepted=set()).to_data() == note.to_data()


def test_an_untouched_download_has_no_changes(note, latest):
    read = read_note(checked_docx(to_bytes(render_note(note, latest))))
    assert word_changes(note, latest, read) == []


def test_a_download_of_the_whole_catalogue_has_no_changes(full_choices, catalogue):
    """Items with a term and an explanation ("Beslist beleid", then what it means) read back as written."""
    read = read_note(checked_docx(to_bytes(render_note(full_choices, catalogue))))
    assert word_changes(full_choices, catalogue, read) == []


def test_tracked_changes_are_read_as_if_accepted(note, latest):
    document = docx.Document(io.BytesIO(to_bytes(render_note(note, latest))))
    paragraph = agreement_paragraph(document, 1)
    run = paragraph.runs[0]._r
    deleted = docx.oxml.parse_xml(
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="91" w:author="An">'
        "<w:r><w:delText>Weg ermee. </w:delText></w:r></w:del>"
    )
    inserted = docx.oxml.parse_xml(
        '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="92" w:author="An">'
        '<w:r><w:t xml:space="preserve">Voortaan </w:t></w:r></w:ins>'
    )
    run.addprevious(deleted)
    run.addprevious(inserted)
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_note(checked_docx(buffer.getvalue()))
    assert read.tracked
    (change,) = word_changes(note, latest, read)
    assert change.kind == EDITED and change.after.startswith("Voortaan De communicatiedienst")
    assert "Weg ermee" not in change.after


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make test installs it)")
def test_a_note_saved_again_by_libreoffice_reads_the_same(note, latest, tmp_path):
    source = tmp_path / "nota.docx"
    source.write_bytes(edited_in_word(to_bytes(render_note(note, latest))))
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    read = read_note(checked_docx((out / "nota.docx").read_bytes()))
    changes = word_changes(from_data(read.choices), latest, read)
    assert expected_kinds(changes) == [(EDITED, 2), (DELETED, 3), (ADDED, 5)]


def test_a_tailored_note_comes_back_without_changes(note, latest):
    province = dataclasses.replace(note, organisation=Organisation(name="Gemeente Zottegem", type="provincie"))
    read = read_note(checked_docx(to_bytes(render_note(province, latest))))
    assert word_changes(province, latest, read) == []
