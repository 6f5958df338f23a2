"""`Choices`: everything a user decided for their note, in one JSON format.

The same document is stored in a draft, embedded in the exported .docx and
read by `flask note render`. See docs/choices-format.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .text import clean, clean_line

FORMAT = "bouwpakket-choices/1"


class ChoicesError(ValueError):
    """A choices document that cannot be used, with a message saying why."""


@dataclass
class AgreementChoice:
    """One agreement in the note: from the catalogue (`id`) or the user's own."""

    id: str = ""
    variant: str = ""
    text: str = ""
    fills: list[str] = field(default_factory=list)
    after: str | None = None
    catalogue_text: str = ""

    @property
    def is_own(self) -> bool:
        """True for the user's own agreement (it has no catalogue id)."""
        return not self.id

    @property
    def reworded(self) -> bool:
        """True when the user rewrote a catalogue agreement in their own words."""
        return bool(self.id and self.text)

    def to_data(self) -> dict:
        """The documented JSON shape; empty fields are left out, but an `after` of "" is kept."""
        data: dict[str, Any] = {}
        if self.id:
            data["id"] = self.id
        if self.variant:
            data["variant"] = self.variant
        if self.text:
            data["text"] = self.text
        if self.fills:
            data["fills"] = list(self.fills)
        if self.after is not None:
            data["after"] = self.after
        if self.catalogue_text:
            data["catalogue_text"] = self.catalogue_text
        return data


@dataclass
class Part:
    """A part of the note: a catalogue section (`number`) or an own section (`key`)."""

    number: str = ""
    key: str = ""
    title: str = ""
    after: str = ""
    intro: bool = False
    agreements: list[AgreementChoice] = field(default_factory=list)

    @property
    def is_own(self) -> bool:
        """True for an own section (it has no catalogue section number)."""
        return not self.number

    def to_data(self) -> dict:
        """The documented JSON shape: `number` for a catalogue section, else `key`, `title` and `after`."""
        data: dict[str, Any] = {"number": self.number} if self.number else {"key": self.key, "title": self.title}
        if self.is_own:
            data["after"] = self.after
        if self.intro:
            data["intro"] = True
        data["agreements"] = [a.to_data() for a in self.agreements]
        return data


@dataclass
class Options:
    """Optional parts of the document."""

    references: bool = True
    provenance: bool = True
    approval: bool = False
    approved_by: str = ""
    approved_on: str = ""
    decision: str = ""  # the decision's reference, e.g. "CBS 2026/123"
    signatories: list[str] = field(default_factory=list)  # names of who signs, in the order of the type's functions

    def to_data(self) -> dict:
        """The documented JSON shape, every option written out."""
        return {
            "references": self.references,
            "provenance": self.provenance,
            "approval": self.approval,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on,
            "decision": self.decision,
            "signatories": list(self.signatories),
        }


@dataclass
class Choices:
    """The whole note as decided by the user, tied to one catalogue edition."""

    edition: str
    organisation_name: str = ""
    organisation_type: str = ""
    title: str = ""
    date: str = ""
    version: str = ""
    author_name: str = ""
    author_function: str = ""
    chapters: list[str] = field(default_factory=list)
    vision: str = ""
    options: Options = field(default_factory=Options)
    sections: list[Part] = field(default_factory=list)

    def to_data(self) -> dict:
        """The documented JSON shape (see docs/choices-format.md)."""
        return {
            "format": FORMAT,
            "edition": self.edition,
            "organisation": {"name": self.organisation_name, "type": self.organisation_type},
            "title": self.title,
            "date": self.date,
            "version": self.version,
            "author": {"name": self.author_name, "function": self.author_function},
            "chapters": list(self.chapters),
            "vision": self.vision,
            "options": self.options.to_data(),
            "sections": [p.to_data() for p in self.sections],
        }

    @property
    def display_title(self) -> str:
        """The note's title: the user's own, else "Communicatieafspraken" + the organisation, else ""."""
        if self.title:
            return self.title
        return f"Communicatieafspraken {self.organisation_name}" if self.organisation_name else ""

    def part(self, number: str) -> Part | None:
        """The note's part for a catalogue section number, or None when that section is not in the note."""
        return next((p for p in self.sections if p.number == number), None)

    def own_part(self, key: str) -> Part | None:
        """The own section with this key, or None."""
        return next((p for p in self.sections if p.is_own and p.key == key), None)

    @property
    def agreement_count(self) -> int:
        """How many agreements the note holds, own ones included."""
        return sum(len(p.agreements) for p in self.sections)


# ---------------------------------------------------------------- reading


def _bool(value: Any, where: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ChoicesError(f"{where}: expected true or false")
    return value


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ChoicesError(f"{where}: expected a list")
    return value


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ChoicesError(f"{where}: expected an object")
    return value


class _Reader:
    """Reads a choices document; `tidy` cleans every text (off for what this app stored itself)."""

    def __init__(self, tidy: bool):
        self.tidy = tidy

    def text(self, value: Any, where: str, line: bool = False) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ChoicesError(f"{where}: expected text")
        if not self.tidy:
            return value
        return clean_line(value) if line else clean(value)

    def agreement(self, raw: Any, where: str) -> AgreementChoice:
        if not self.tidy:  # what this app stored: no paths to build for messages that cannot come
            return _stored_agreement(raw)
        raw = _mapping(raw, where)
        after = raw.get("after")
        return AgreementChoice(
            id=self.text(raw.get("id"), f"{where}.id", line=True),
            variant=self.text(raw.get("variant"), f"{where}.variant", line=True),
            text=self.text(raw.get("text"), f"{where}.text"),
            fills=[
                self.text(f, f"{where}.fills[{i}]", line=True) for i, f in enumerate(_list(raw.get("fills"), where))
            ],
            after=None if after is None else self.text(after, f"{where}.after", line=True),
            catalogue_text=self.text(raw.get("catalogue_text"), f"{where}.catalogue_text"),
        )

    def part(self, raw: Any, where: str) -> Part:
        raw = _mapping(raw, where)
        number = self.text(raw.get("number"), f"{where}.number", line=True)
        title = self.text(raw.get("title"), f"{where}.title", line=True)
        if not number and not title:
            raise ChoicesError(f"{where}: a section needs a catalogue 'number' or an own 'title'")
        agreements = _list(raw.get("agreements"), where)
        return Part(
            number=number,
            key=self.text(raw.get("key"), f"{where}.key", line=True),
            title="" if number else title,
            after=self.text(raw.get("after"), f"{where}.after", line=True),
            intro=_bool(raw.get("intro"), f"{where}.intro", False),
            agreements=[self.agreement(a, f"{where}.agreements[{i}]") for i, a in enumerate(agreements)],
        )

    def choices(self, data: Any) -> Choices:
        text = self.text
        data = _mapping(data, "choices")
        if data.get("format") != FORMAT:
            raise ChoicesError(f"format: expected '{FORMAT}', found {data.get('format')!r}")
        edition = text(data.get("edition"), "edition", line=True)
        if not edition:
            raise ChoicesError("edition: the catalogue edition is missing")
        organisation = _mapping(data.get("organisation"), "organisation")
        author = _mapping(data.get("author"), "author")
        options = _mapping(data.get("options"), "options")
        chapters = _list(data.get("chapters"), "chapters")
        choices = Choices(
            edition=edition,
            organisation_name=text(organisation.get("name"), "organisation.name", line=True),
            organisation_type=text(organisation.get("type"), "organisation.type", line=True),
            title=text(data.get("title"), "title", line=True),
            date=text(data.get("date"), "date", line=True),
            version=text(data.get("version"), "version", line=True),
            author_name=text(author.get("name"), "author.name", line=True),
            author_function=text(author.get("function"), "author.function", line=True),
            chapters=[text(c, f"chapters[{i}]", line=True) for i, c in enumerate(chapters)],
            vision=text(data.get("vision"), "vision"),
            options=Options(
                references=_bool(options.get("references"), "options.references", True),
                provenance=_bool(options.get("provenance"), "options.provenance", True),
                approval=_bool(options.get("approval"), "options.approval", False),
                approved_by=text(options.get("approved_by"), "options.approved_by", line=True),
                approved_on=text(options.get("approved_on"), "options.approved_on", line=True),
                decision=text(options.get("decision"), "options.decision", line=True),
                signatories=[
                    text(n, f"options.signatories[{i}]", line=True)
                    for i, n in enumerate(_list(options.get("signatories"), "options.signatories")[:2])
                ],
            ),
            sections=[self.part(p, f"sections[{i}]") for i, p in enumerate(_list(data.get("sections"), "sections"))],
        )
        for where, value in (("date", choices.date), ("options.approved_on", choices.options.approved_on)):
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ChoicesError(f"{where}: '{value}' is not a date as YYYY-MM-DD") from None
        _number_own_parts(choices)
        return choices


def _stored_agreement(raw: dict) -> AgreementChoice:
    return AgreementChoice(
        id=raw.get("id", ""),
        variant=raw.get("variant", ""),
        text=raw.get("text", ""),
        fills=list(raw.get("fills", ())),
        after=raw.get("after"),
        catalogue_text=raw.get("catalogue_text", ""),
    )


def from_data(data: Any) -> Choices:
    """Read a choices document from outside (a file, a .docx); raises ChoicesError naming what is wrong."""
    return _Reader(tidy=True).choices(data)


def from_stored(data: Any) -> Choices:
    """Read choices this app stored itself: already cleaned, so texts are taken as they are."""
    return _Reader(tidy=False).choices(data)


def _number_own_parts(choices: Choices) -> None:
    """Give own sections without a key one, so they can be edited in the wizard."""
    used = {p.key for p in choices.sections if p.is_own and p.key}
    n = 1
    for part in choices.sections:
        if part.is_own and not part.key:
            while f"eigen-{n}" in used:
                n += 1
            part.key = f"eigen-{n}"
            used.add(part.key)


def check_against(choices: Choices, catalogue: Catalogue) -> None:
    """Raise ChoicesError when the choices name anything the edition does not have."""
    if choices.edition != catalogue.edition.id:
        raise ChoicesError(f"edition: choices are for edition '{choices.edition}', not '{catalogue.edition.id}'")
    known_chapters = {c.id for c in catalogue.chapters}
    for i, chapter_id in enumerate(choices.chapters):
        if chapter_id not in known_chapters:
            raise ChoicesError(f"chapters[{i}]: unknown chapter id '{chapter_id}'")
    for i, part in enumerate(choices.sections):
        where = f"sections[{i}]"
        if part.number:
            try:
                section = catalogue.section(part.number)
            except KeyError:
                raise ChoicesError(f"{where}.number: unknown section '{part.number}'") from None
            ids = {a.id for a in section.agreements}
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
            agreement = catalogue.agreement(choice.id)
            if choice.variant and agreement.variant(choice.variant) is None:
                labels = ", ".join(v.label for v in agreement.variants) or "none"
                raise ChoicesError(
                    f"{here}.variant: agreement '{choice.id}' has no variant '{choice.variant}' ({labels})"
                )
