"""Texts outside agreements edited in Word come back too: the title, the vision, the introduction, own parts' titles."""

from __future__ import annotations

import html
import io

import docx
import pytest
from support import Browser, upload
from test_note_paths import everything_filled

from builder.db import connect, drafts
from builder.formats.upload import checked_docx
from builder.formats.word import render_note, to_bytes
from builder.formats.word_import import read_note
from builder.model.word_changes import (
    CHAPTER_DROPPED,
    CHAPTER_EDITED,
    PART_TITLE,
    TITLE,
    VISION,
    apply_word_changes,
    word_changes,
)

NEW_TITLE = "Zo communiceren wij"
NEW_VISION_LINE = "Wij communiceren helder en warm."
CHAPTER_LINE = "Bij ons beslist het managementteam over elke campagne."
NEW_PART_TITLE = "Nieuwsbrief en magazine"


@pytest.fixture(scope="module")
def filled(catalogue):
    return everything_filled(catalogue)


def _style(paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _replace_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def edited_outside_agreements(data: bytes) -> bytes:
    """In Word: a new title, the vision reworded, chapter 1.2 deleted, 1.3 rewritten, the own part renamed."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    _replace_text(next(p for p in paragraphs if _style(p) == "Title"), NEW_TITLE)
    _replace_text(next(p for p in paragraphs if p.text == "Wij communiceren helder."), NEW_VISION_LINE)
    chapters = [i for i, p in enumerate(paragraphs) if _style(p) == "Chapter Heading"]
    parts = [i for i, p in enumerate(paragraphs) if _style(p) == "Heading 1"]
    second_start, third_start = chapters[1], chapters[2]
    _replace_text(paragraphs[third_start + 1], CHAPTER_LINE)
    for paragraph in paragraphs[second_start:third_start]:
        paragraph._p.getparent().remove(paragraph._p)
    own = next(paragraphs[i] for i in parts if paragraphs[i].text.endswith("Nieuwsbrief"))
    _replace_text(own, own.text.replace("Nieuwsbrief", NEW_PART_TITLE))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def changes(filled, catalogue):
    read = read_note(checked_docx(edited_outside_agreements(to_bytes(render_note(filled, catalogue)))))
    return word_changes(filled, catalogue, read)


def test_each_text_changed_outside_agreements_is_a_change_to_decide(changes, filled):
    assert [c.kind for c in changes] == [TITLE, VISION, CHAPTER_DROPPED, CHAPTER_EDITED, PART_TITLE]
    title, vision, dropped, edited, part = changes
    assert (title.before, title.after) == (filled.title, NEW_TITLE)
    assert vision.after == f"{NEW_VISION_LINE}\n\n- open\n- tijdig"
    assert dropped.chapter == filled.chapters[0] and dropped.heading.startswith("1.2 ")
    assert edited.chapter == filled.chapters[1] and CHAPTER_LINE in edited.after
    assert (part.before, part.after) == ("Nieuwsbrief", NEW_PART_TITLE)


def test_taking_them_all_makes_the_note_say_what_the_document_says(changes, filled):
    result = apply_word_changes(filled, changes, accepted=set(range(len(changes))))
    assert result.title == NEW_TITLE
    assert result.chapters == (), "a deleted chapter is left out; a rewritten one lives on in the vision"
    assert result.vision.startswith(f"{NEW_VISION_LINE}\n\n- open\n- tijdig\n\n")
    assert CHAPTER_LINE in result.vision and "## " not in result.vision
    (own,) = [p for p in result.sections if p.is_own]
    assert own.title == NEW_PART_TITLE
    assert result.sections == tuple(p if not p.is_own else own for p in filled.sections)


def test_refusing_them_all_keeps_the_note(changes, filled):
    assert apply_word_changes(filled, changes, accepted=set()) == filled


def test_a_vision_deleted_in_word_is_offered_as_left_out(filled, catalogue):
    document = docx.Document(io.BytesIO(to_bytes(render_note(filled, catalogue))))
    heading = next(p for p in document.paragraphs if p.text.endswith("Visie en communicatiedoelen"))
    for paragraph in document.paragraphs:
        if paragraph.text in ("Wij communiceren helder.", "open", "tijdig") or paragraph is heading:
            paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    changes = word_changes(filled, catalogue, read_note(checked_docx(buffer.getvalue())))
    assert [(c.kind, c.after) for c in changes] == [(VISION, "")]
    assert apply_word_changes(filled, changes, {0}).vision == ""


def test_the_upload_page_shows_the_vision_and_taking_it_saves_it(app, db_path, filled, catalogue):
    browser = Browser(app.test_client())
    upload(browser, edited_outside_agreements(to_bytes(render_note(filled, catalogue))))
    browser.get("/nota/wijzigingen-uit-word")
    page = html.unescape(browser.page)
    for said in ("Titel", "Visie en communicatiedoelen", NEW_VISION_LINE, NEW_PART_TITLE, CHAPTER_LINE):
        assert said in page
    assert "5 teksten" in page
    answers = {f"wijziging-{i}": "ja" if i == 1 else "nee" for i in range(5)}
    browser.post("/nota/wijzigingen-uit-word", answers)
    db = connect(db_path)
    (row,) = db["drafts"].rows
    draft = drafts.get(db, row["id"])
    assert draft.choices.vision.startswith(NEW_VISION_LINE)
    assert draft.choices.title == filled.title and draft.choices.chapters == filled.chapters
