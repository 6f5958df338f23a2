"""`Choices`: everything a user decided for their note, declared once.

Each field of a note is declared here once, with its rules in its metadata (model/plain.py). The
same declaration reads a file (`from_data`), reads what the app stored (`from_stored`) and writes
the JSON that a draft stores, a .docx embeds and `note show` prints (`to_data`); see
docs/choices-format.md. Choices are frozen: every change is `dataclasses.replace`, so a field
that one path does not know about is carried along, never dropped.

How large a note may be is a rule of the model too (`refusal`): every way a note is made or
changed meets it before it is stored (`db.drafts` refuses anything else), with one Dutch message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import limits, plain
from .catalogue import Catalogue
from .messages import Message
from .organisations import KEYS as ORGANISATION_KEYS
from .text import clean, clean_line

FORMAT = "bouwpakket-choices/1"

ONE_LINE = {plain.LINE: True, plain.MAX_LENGTH: limits.LINE_MAX}
TEXT = {plain.MAX_LENGTH: limits.TEXT_MAX}
DATE = {**ONE_LINE, plain.DATE: True}


class ChoicesError(ValueError):
    """A choices document that cannot be used, with a message saying why."""


class NoteRefused(ValueError):
    """A note that breaks a rule of the model (`refusal`): it is never stored. `message` says why, in Dutch."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class AgreementChoice:
    """One agreement in the note: from the catalogue (`id`) or the user's own (`text`, placed `after`)."""

    plain_ignores_unknown: ClassVar[bool] = True

    id: str = field(default="", metadata=ONE_LINE)
    variant: str = field(default="", metadata=ONE_LINE)
    text: str = field(default="", metadata=TEXT)  # a rewording of a catalogue agreement, or an own agreement
    fills: tuple[str, ...] = field(default=(), metadata={**ONE_LINE, plain.MAX_ITEMS: 1})  # for "(specifieer)"
    after: str = field(default="", metadata=ONE_LINE)  # an own agreement's catalogue agreement before it ("": top)
    catalogue_text: str = field(default="", metadata=TEXT)  # the draft's own copy of the chosen wording
    untailored: bool = False  # the catalogue's own words, not tailored to the kind of organisation

    @property
    def is_own(self) -> bool:
        """True for the user's own agreement (it has no catalogue id)."""
        return not self.id

    @property
    def reworded(self) -> bool:
        """True when the user rewrote a catalogue agreement in their own words."""
        return bool(self.id and self.text)


@dataclass(frozen=True)
class Part:
    """A part of the note: a catalogue section (`number`) or an own section (`key`, `title`, `after`)."""

    plain_ignores_unknown: ClassVar[bool] = True

    number: str = field(default="", metadata=ONE_LINE)
    key: str = field(default="", metadata=ONE_LINE)
    title: str = field(default="", metadata=ONE_LINE)
    after: str = field(default="", metadata=ONE_LINE)  # an own section: the catalogue section before it ("": first)
    intro: bool = False  # a catalogue section: its introduction is in the note
    agreements: tuple[AgreementChoice, ...] = field(default=(), metadata={plain.MAX_ITEMS: limits.AGREEMENTS_PER_PART})

    @property
    def is_own(self) -> bool:
        """True for an own section (it has no catalogue section number)."""
        return not self.number

    @property
    def anchor(self) -> str:
        """How pages and links name the part: its section number, or an own section's key."""
        return self.number or self.key


@dataclass(frozen=True)
class Organisation:
    plain_ignores_unknown: ClassVar[bool] = True

    name: str = field(default="", metadata=ONE_LINE)
    type: str = field(default="", metadata={**ONE_LINE, plain.ONE_OF: ("", *ORGANISATION_KEYS)})


@dataclass(frozen=True)
class Author:
    plain_ignores_unknown: ClassVar[bool] = True

    name: str = field(default="", metadata=ONE_LINE)
    function: str = field(default="", metadata=ONE_LINE)


@dataclass(frozen=True)
class Options:
    """Optional parts of the document, and the approval record that fills the approval block."""

    plain_ignores_unknown: ClassVar[bool] = True

    references: bool = True  # the appendix "Meer lezen"
    provenance: bool = True  # the appendix "Herkomst van de afspraken"
    approval: bool = False  # the approval block
    approved_by: str = field(default="", metadata=ONE_LINE)  # empty: the approving body of the organisation type
    approved_on: str = field(default="", metadata=DATE)
    decision: str = field(default="", metadata=ONE_LINE)  # the decision's reference, e.g. "CBS 2026/123"
    signatories: tuple[str, ...] = field(default=(), metadata={**ONE_LINE, plain.MAX_ITEMS: 2})  # who signs

    @property
    def approval_filled(self) -> bool:
        """True when anything of the approval record was filled in (the block is then always included)."""
        return bool(self.approved_by or self.approved_on or self.decision or self.signatories)

    @property
    def with_approval(self) -> bool:
        """True when the note has the approval block: switched on, or anything of it filled in."""
        return self.approval or self.approval_filled


@dataclass(frozen=True)
class Choices:
    """The whole note as decided by the user, tied to one catalogue edition."""

    plain_ignores_unknown: ClassVar[bool] = True

    format: str = field(default=FORMAT, metadata={plain.REQUIRED: True, plain.ONE_OF: (FORMAT,)})
    edition: str = field(default="", metadata={**ONE_LINE, plain.REQUIRED: True})
    organisation: Organisation = Organisation()
    title: str = field(default="", metadata=ONE_LINE)
    date: str = field(default="", metadata=DATE)
    version: str = field(default="", metadata=ONE_LINE)
    author: Author = Author()
    chapters: tuple[str, ...] = field(default=(), metadata={**ONE_LINE, plain.MAX_ITEMS: limits.CHAPTERS})
    vision: str = field(default="", metadata=TEXT)
    options: Options = Options()
    sections: tuple[Part, ...] = field(default=(), metadata={plain.MAX_ITEMS: limits.PARTS})

    def to_data(self) -> dict:
        """The documented JSON shape (docs/choices-format.md); empty optional fields are left out."""
        return plain.to_plain(self, compact=True)

    @property
    def display_title(self) -> str:
        """The note's title: the user's own, else "Communicatieafspraken" + the organisation, else ""."""
        if self.title:
            return self.title
        name = self.organisation.name
        return f"Communicatieafspraken {name}" if name else ""

    def part(self, number: str) -> Part | None:
        """The note's part for a catalogue section number, or None when that section is not in the note."""
        return next((p for p in self.sections if p.number == number), None)

    def own_part(self, key: str) -> Part | None:
        """The own section with this key, or None."""
        return next((p for p in self.sections if p.is_own and p.key == key), None)

    @property
    def agreements(self) -> Iterator[AgreementChoice]:
        """Every agreement of the note, in note order."""
        return (c for p in self.sections for c in p.agreements)

    @property
    def agreement_count(self) -> int:
        """How many agreements the note holds, own ones included."""
        return sum(len(p.agreements) for p in self.sections)

    def with_part(self, part: Part) -> Choices:
        """The note with `part` in place of the part with the same anchor (added at the end when new)."""
        found = False
        parts = []
        for p in self.sections:
            if p.is_own == part.is_own and p.anchor == part.anchor:
                p, found = part, True
            parts.append(p)
        return dataclasses.replace(self, sections=tuple(parts if found else [*parts, part]))

    def without_part(self, anchor: str) -> Choices:
        """The note without the part named `anchor` (a section number or an own section's key)."""
        return dataclasses.replace(self, sections=tuple(p for p in self.sections if p.anchor != anchor))


# ---------------------------------------------------------------- reading and writing


def _tidy(text: str, rules: Mapping[str, Any]) -> str:
    """A text from outside as we store it: clean for XML (model/text.py), one line where the field says so."""
    return clean_line(text) if rules.get(plain.LINE) else clean(text)


def from_data(data: Any) -> Choices:
    """Read a choices document from outside (a file, a .docx); raises ChoicesError naming what is wrong."""
    if not isinstance(data, dict):
        raise ChoicesError("choices: expected an object")
    problems: list[plain.Problem] = []
    choices = plain.from_plain(Choices, data, problems, tidy=_tidy)
    problems += _structure(choices)
    if problems:
        first = problems[0]
        raise ChoicesError(f"{first.path}: {first.message}")
    return numbered_own_parts(choices)


def from_stored(data: Any) -> Choices:
    """Read choices this app stored itself: already checked and cleaned, so taken as they are."""
    return plain.from_plain(Choices, data)


def _structure(choices: Choices) -> Iterator[plain.Problem]:
    """What the fields cannot say on their own: a part is a catalogue section or an own one."""
    for i, part in enumerate(choices.sections):
        if not part.number and not part.title:
            yield plain.Problem(f"sections[{i}]", "a section needs a catalogue 'number' or an own 'title'")


def numbered_own_parts(choices: Choices) -> Choices:
    """Give own sections without a key one ("eigen-3"), so they can be edited in the wizard."""
    used = {p.key for p in choices.sections if p.is_own and p.key}
    if all(p.key or not p.is_own for p in choices.sections):
        return choices
    parts = []
    for part in choices.sections:
        if part.is_own and not part.key:
            part = dataclasses.replace(part, key=next_key(used))
            used.add(part.key)
        parts.append(part)
    return dataclasses.replace(choices, sections=tuple(parts))


def next_key(used: set[str]) -> str:
    """The first own-section key ("eigen-1", "eigen-2", …) not in `used`."""
    n = 1
    while f"eigen-{n}" in used:
        n += 1
    return f"eigen-{n}"


# ---------------------------------------------------------------- rules


def refusal(choices: Choices) -> Message | None:
    """The first rule of the model the note breaks, as the Dutch message every path shows; None when it fits."""
    return limits.too_big(
        own_sections=sum(1 for p in choices.sections if p.is_own),
        own_per_part=max((sum(1 for a in p.agreements if a.is_own) for p in choices.sections), default=0),
        own_in_all=sum(1 for a in choices.agreements if a.is_own),
        excess=next(limits.over_limits(choices), None),
    )


def checked(choices: Choices) -> Choices:
    """The note itself when it keeps the model's rules; else NoteRefused with the message to show."""
    problem = refusal(choices)
    if problem is not None:
        raise NoteRefused(problem)
    return choices


def check_against(choices: Choices, catalogue: Catalogue) -> None:
    """Raise ChoicesError when the choices name anything the edition does not have, or a thing twice."""
    if choices.edition != catalogue.edition.id:
        raise ChoicesError(f"edition: choices are for edition '{choices.edition}', not '{catalogue.edition.id}'")
    known_chapters = {c.id for c in catalogue.chapters}
    for i, chapter_id in enumerate(choices.chapters):
        if chapter_id not in known_chapters:
            raise ChoicesError(f"chapters[{i}]: unknown chapter id '{chapter_id}'")
    if len(set(choices.chapters)) != len(choices.chapters):
        raise ChoicesError("chapters: a chapter is named twice")
    seen_parts: set[str] = set()
    seen_agreements: set[str] = set()
    for i, part in enumerate(choices.sections):
        where = f"sections[{i}]"
        if part.anchor in seen_parts:
            raise ChoicesError(f"{where}: section '{part.anchor}' is in the note twice")
        seen_parts.add(part.anchor)
        _check_part(part, where, catalogue, seen_agreements)


def _check_part(part: Part, where: str, catalogue: Catalogue, seen: set[str]) -> None:
    if part.number:
        try:
            ids = {a.id for a in catalogue.section(part.number).agreements}
        except KeyError:
            raise ChoicesError(f"{where}.number: unknown section '{part.number}'") from None
    else:
        ids = set()
    for j, choice in enumerate(part.agreements):
        here = f"{where}.agreements[{j}]"
        if choice.is_own:
            if not choice.text:
                raise ChoicesError(f"{here}: an own agreement needs a 'text'")
            continue
        if choice.id not in ids:
            if part.is_own:
                raise ChoicesError(f"{here}.id: catalogue agreements belong in their catalogue section")
            raise ChoicesError(f"{here}.id: unknown agreement id '{choice.id}' in section {part.number}")
        if choice.id in seen:
            raise ChoicesError(f"{here}.id: agreement '{choice.id}' is in the note twice")
        seen.add(choice.id)
        agreement = catalogue.agreement(choice.id)
        if choice.variant and agreement.variant(choice.variant) is None:
            labels = ", ".join(v.label for v in agreement.variants) or "none"
            raise ChoicesError(f"{here}.variant: agreement '{choice.id}' has no variant '{choice.variant}' ({labels})")
