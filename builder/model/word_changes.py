"""What was changed in Word in a note downloaded earlier, and taking those changes into the note.

The document's agreements (read by `formats.word_import`) are compared with the note its
embedded choices make: an agreement whose text differs was edited in Word, one that is gone was
deleted, a paragraph without a bookmark was added. The texts outside agreements are compared too:
the title, the vision, the introduction's chapters (one left out, or one rewritten: its words can
only stay as the note's own, in the vision) and the titles of own parts. Each change is offered to
the user; only the ones accepted are applied.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from .catalogue import Block, Catalogue
from .choices import AgreementChoice, Choices
from .crossref import resolve
from .note import Note, NoteAgreement, compose
from .outline import Outline, outline
from .text import same_text

EDITED, DELETED, ADDED = "edited", "deleted", "added"
TITLE, VISION, CHAPTER_DROPPED, CHAPTER_EDITED, PART_TITLE = "title", "vision", "chapter", "chapter-text", "part-title"
OUTSIDE = (TITLE, VISION, CHAPTER_DROPPED, CHAPTER_EDITED, PART_TITLE)  # changes to texts outside agreements


@dataclass
class WordAgreement:
    """An agreement as the document holds it now: its note number (None when added in Word) and its text."""

    number: int | None
    text: str
    follows: int = 0  # for an added one: the number of the agreement before it in its part (0: none)
    part: str = ""  # the heading of the part it stands under


@dataclass
class WordHeading:
    """A heading the contents link to: its line in them (1: first; 0: added in Word), its text, the text under it."""

    entry: int
    text: str
    body: str = ""  # for a chapter of the introduction: its paragraphs, written as a text box holds them


@dataclass
class ReadNote:
    """What an uploaded note holds: the choices it carries and its texts as they read now."""

    choices: dict | None
    agreements: list[WordAgreement] = field(default_factory=list)
    tracked: bool = False  # the document had tracked changes, read as accepted
    title: str | None = None  # the title page's title (None: the document has none)
    headings: list[WordHeading] = field(default_factory=list)


@dataclass
class WordChange:
    """One change made in Word, to accept or reject; `number` is the agreement's number in the note."""

    kind: str
    number: int  # for an added agreement: the number of the one it follows (0: the start of its part)
    part: str  # the part's section number or own key
    before: str = ""
    after: str = ""
    agreement_id: str = ""
    chapter: str = ""  # for a chapter of the introduction: the catalogue chapter's id; its title in `heading`
    heading: str = ""  # what the change is about when it is not an agreement ("1.2 Waarom afspraken?")

    def to_data(self) -> dict:
        """As stored with the draft until the user decides."""
        return dataclasses.asdict(self)


def shown_text(agreement: NoteAgreement, numbers: dict[str, int]) -> str:
    """An agreement's text as the Word document says it, written as a text box holds it."""
    parts = []
    for block in agreement.blocks:
        if block.kind == "items":
            parts.append("\n".join("- " + resolve(item, numbers).replace("\n", "\n  ") for item in block.items))
        else:
            parts.append(resolve(block.text or block.heading, numbers))
    return "\n\n".join(parts)


def word_changes(choices: Choices, catalogue: Catalogue, read: ReadNote) -> list[WordChange]:
    """Every difference between the note the choices make and the texts the document holds, in its order."""
    note = compose(choices, catalogue)
    return outside_changes(outline(note), read) + agreement_changes(note, read)


def chapter_text(blocks: tuple[Block, ...], numbers: dict[str, int]) -> str:
    """A chapter's text as the Word document says it, written as a text box holds it (a heading as a paragraph)."""
    parts = []
    for block in blocks:
        if block.kind == "items":
            parts.append("\n".join("- " + resolve(item, numbers).replace("\n", "\n  ") for item in block.items))
        elif block.kind in ("text", "heading"):
            parts.append(resolve(block.text, numbers) if block.kind == "text" else block.heading)
    return "\n\n".join(parts)


def outside_changes(found: Outline, read: ReadNote) -> list[WordChange]:
    """The title, the vision, the introduction's chapters and the own parts' titles, where Word changed them."""
    changes = []
    if read.title and not same_text(read.title, found.cover.title):
        changes.append(WordChange(TITLE, 0, "", found.cover.title, read.title, heading="Titel"))
    by_anchor = {found.contents[h.entry - 1].anchor: h for h in read.headings if 0 < h.entry <= len(found.contents)}
    ids = iter(found.note.chapters)
    for chapter in found.chapters:
        key = "" if chapter.own else next(ids).id
        before, now = chapter_text(chapter.blocks, found.numbers), by_anchor.get(chapter.anchor)
        after = now.body if now is not None else ""
        if now is not None and same_text(before, after):
            continue
        kind = VISION if chapter.own else (CHAPTER_EDITED if now is not None else CHAPTER_DROPPED)
        changes.append(WordChange(kind, 0, "", before, after, chapter=key, heading=chapter.heading))
    for part in found.parts:
        now = by_anchor.get(part.anchor)
        title = re.sub(r"^\d+\.\s*", "", now.text) if now is not None else ""
        if not part.section and title and title != part.title:
            key = part.note_part.part.key
            changes.append(WordChange(PART_TITLE, 0, key, part.title, title, heading=part.heading))
    return changes


def agreement_changes(note: Note, read: ReadNote) -> list[WordChange]:
    """The agreements Word rewrote, deleted or added, in the order of their numbers."""
    by_number = {a.number: (part, a) for part in note.parts for a in part.agreements}
    keys = {p.title: p.part.number or p.part.key for p in note.parts}
    found: list[WordChange] = []
    seen = set()
    for agreement in read.agreements:
        if agreement.number in by_number:
            part, original = by_number[agreement.number]
            seen.add(agreement.number)
            before = shown_text(original, note.numbers)
            if not same_text(before, agreement.text):
                key = part.part.number or part.part.key
                found.append(WordChange(EDITED, agreement.number, key, before, agreement.text, original.choice.id))
        elif agreement.number is None and agreement.text:
            key = by_number[agreement.follows][0] if agreement.follows in by_number else None
            part_key = (key.part.number or key.part.key) if key else _part_by_heading(keys, agreement.part)
            if part_key:
                found.append(WordChange(ADDED, agreement.follows, part_key, "", agreement.text))
    for number, (part, original) in sorted(by_number.items()):
        if number not in seen:
            key = part.part.number or part.part.key
            found.append(WordChange(DELETED, number, key, shown_text(original, note.numbers), "", original.choice.id))
    return sorted(found, key=lambda c: (c.number, c.kind != DELETED))


def _part_by_heading(keys: dict[str, str], heading: str) -> str:
    """The part whose title the heading carries (headings may be numbered: "9. Perscommunicatie")."""
    return next((key for title, key in keys.items() if title and heading.endswith(title)), "")


def apply_word_changes(choices: Choices, changes: list[WordChange], accepted: set[int]) -> Choices:
    """The choices with the accepted changes (by their index in `changes`) made."""
    chosen = [c for i, c in enumerate(changes) if i in accepted]
    choices = _outside(choices, [c for c in chosen if c.kind in OUTSIDE])
    edits = {c.number: c.after for c in chosen if c.kind == EDITED}
    deleted = {c.number for c in chosen if c.kind == DELETED}
    added: dict[int, list[WordChange]] = {}
    for change in chosen:
        if change.kind == ADDED:
            added.setdefault(change.number, []).append(change)
    number = 0
    parts = []
    for part in choices.sections:
        kept = [AgreementChoice(text=c.after) for c in added.get(0, []) if c.part == part.anchor]
        for choice in part.agreements:
            number += 1
            if number not in deleted:
                kept.append(dataclasses.replace(choice, text=edits[number]) if number in edits else choice)
            kept += [AgreementChoice(text=c.after, after=_anchor(kept)) for c in added.get(number, [])]
        parts.append(dataclasses.replace(part, agreements=tuple(kept)))
    return dataclasses.replace(choices, sections=tuple(parts))


def _outside(choices: Choices, chosen: list[WordChange]) -> Choices:
    """The choices with the accepted changes to texts outside agreements made."""
    vision, chapters, titles = choices.vision, list(choices.chapters), {}
    for change in chosen:
        if change.kind == TITLE:
            choices = dataclasses.replace(choices, title=change.after)
        elif change.kind == VISION:
            vision = change.after
        elif change.kind == PART_TITLE:
            titles[change.part] = change.after
    for change in chosen:  # a rewritten chapter stays as the note's own words, after the vision
        if change.kind == CHAPTER_EDITED:
            vision = "\n\n".join(t for t in (vision, change.heading.split(" ", 1)[-1], change.after) if t)
        if change.kind in (CHAPTER_EDITED, CHAPTER_DROPPED) and change.chapter in chapters:
            chapters.remove(change.chapter)
    parts = tuple(dataclasses.replace(p, title=titles[p.key]) if p.key in titles else p for p in choices.sections)
    return dataclasses.replace(choices, vision=vision, chapters=tuple(chapters), sections=parts)


def _anchor(agreements: list[AgreementChoice]) -> str:
    """The catalogue agreement an own agreement added here follows ("" at the top of its section)."""
    return next((c.id for c in reversed(agreements) if c.id), "")
