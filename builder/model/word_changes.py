"""What was changed in Word in a note downloaded earlier, and taking those changes into the note.

The document's agreements (read by `formats.word_import`) are compared with the note its
embedded choices make: an agreement whose text differs was edited in Word, one that is gone was
deleted, a paragraph without a bookmark was added. Each change is offered to the user; only the
ones accepted are applied.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .catalogue import Catalogue
from .choices import AgreementChoice, Choices
from .crossref import resolve
from .note import NoteAgreement, compose
from .text import same_text

EDITED, DELETED, ADDED = "edited", "deleted", "added"


@dataclass
class WordAgreement:
    """An agreement as the document holds it now: its note number (None when added in Word) and its text."""

    number: int | None
    text: str
    follows: int = 0  # for an added one: the number of the agreement before it in its part (0: none)
    part: str = ""  # the heading of the part it stands under


@dataclass
class ReadNote:
    """What an uploaded note holds: the choices it carries and its agreements as they read now."""

    choices: dict | None
    agreements: list[WordAgreement] = field(default_factory=list)
    tracked: bool = False  # the document had tracked changes, read as accepted


@dataclass
class WordChange:
    """One change made in Word, to accept or reject; `number` is the agreement's number in the note."""

    kind: str
    number: int  # for an added agreement: the number of the one it follows (0: the start of its part)
    part: str  # the part's section number or own key
    before: str = ""
    after: str = ""
    agreement_id: str = ""

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
    """Every difference between the note the choices make and the agreements the document holds."""
    note = compose(choices, catalogue)
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


def _anchor(agreements: list[AgreementChoice]) -> str:
    """The catalogue agreement an own agreement added here follows ("" at the top of its section)."""
    return next((c.id for c in reversed(agreements) if c.id), "")
