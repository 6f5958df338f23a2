"""The catalogue of example agreements: Kortom's inspiratienota as data.

An `Edition` holds intro `Chapter`s and numbered `Section`s; a section holds
`Agreement`s, each with optional `Variant` wordings, and `Reference`s to
further reading. Everything here is plain data, free of Flask and SQLite, so
the YAML files, the database and the Word export all share one model.

`Catalogue.to_plain()` and `Catalogue.from_plain()` are the one mapping to plain
data (model/plain.py) that the YAML files, the JSON export, the database rows and
the curators' history are built on. Fields are declared in the order the files
list them (`kw_only` lets a defaulted field come before a required one); the
rules a field needs beyond its type are in its `metadata`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, ClassVar

from . import plain
from .organisations import KEYS as ORGANISATION_KEYS

# A placeholder the user must fill in. "[een andere dienst (specifieer)]" names the span that the
# user's answer replaces, so the filled text reads as a sentence; a bare "(specifieer)" (the 2024
# edition) is followed by the answer in brackets.
PLACEHOLDER = re.compile(r"\[([^\[\]]*\(specifieer\))\]|\(specifieer\)")
SPECIFY = "(specifieer)"  # in every placeholder


def holds_placeholder(text: str) -> bool:
    """True when `text` has a placeholder: what `PLACEHOLDER.search` says, as a plain substring test (~30× faster)."""
    return SPECIFY in text


def fill_placeholders(text: str, fill: str = "") -> str:
    """The text as a note says it: a span placeholder becomes `fill`, a bare "(specifieer)" gets "(fill)" after it.

    Unfilled, a span shows its own words ("een andere dienst (specifieer)"), so the note still reads
    and the review can warn about it.
    """
    if not holds_placeholder(text):
        return text

    def one(match: re.Match) -> str:
        if match.group(1) is not None:
            return fill or match.group(1)
        return f"({fill})" if fill else match.group(0)

    return PLACEHOLDER.sub(one, text)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECTION_NUMBER = re.compile(r"^\d+\.\d+$")
# A link users may follow: http(s) only, never javascript:, data: or a path of ours.
WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$", re.IGNORECASE)

# Rules beyond a field's type, checked when plain data is read (model/plain.py).
ID = {plain.PATTERN: (SLUG, "a valid id (lowercase letters, digits and dashes)")}
MIGRATION_KINDS = ("renamed", "split", "merged", "retired")
REQUIRED = {plain.REQUIRED: True}


def _hash_once(self) -> int:
    """Hash by value, worked out once: catalogue objects are keys of the caches in builder/caches.py.

    A frozen dataclass's own `__hash__` hashes every field on every call; for a `Catalogue`
    that is all 87 agreements, on every page that looks a cache up.
    """
    found = self.__dict__.get("_hash")
    if found is None:
        found = hash(tuple(getattr(self, f.name) for f in fields(self)))
        object.__setattr__(self, "_hash", found)
    return found


@dataclass(frozen=True, kw_only=True)
class Block:
    """One piece of running text in a chapter or an edition introduction.

    Exactly one of `text` (a paragraph), `heading`, `items` (a bullet list) or `tip`
    is set. A bullet whose first line stands alone ("Strateeg\\n...") is a term
    followed by its explanation. A `tip` is advice to the writer of a note: the wizard
    shows it, the note leaves it out. As plain data a block is a mapping with that one key.
    """

    __hash__ = _hash_once

    plain_one_of: ClassVar[bool] = True

    text: str = ""
    heading: str = ""
    items: tuple[str, ...] = ()
    tip: str = ""

    @property
    def kind(self) -> str:
        """Which one is set: "text", "heading", "items" or "tip"."""
        if self.heading:
            return "heading"
        if self.items:
            return "items"
        if self.tip:
            return "tip"
        return "text"


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A "Meer lezen?" pointer to Kortompedia, optionally tied to agreements."""

    __hash__ = _hash_once

    title: str
    agreements: tuple[str, ...] = field(default=(), metadata=ID)
    url: str = field(default="", metadata={plain.PATTERN: (WEB_ADDRESS, "a web address that starts with https://")})


@dataclass(frozen=True, kw_only=True)
class Variant:
    """An alternative wording of an agreement's main text."""

    __hash__ = _hash_once

    label: str
    text: tuple[str, ...]

    @property
    def has_placeholder(self) -> bool:
        """True when the wording holds a "(specifieer)" the user must fill in."""
        return any(holds_placeholder(p) for p in self.text)


@dataclass(frozen=True, kw_only=True)
class Agreement:
    """A numbered example agreement; `id` is stable across editions."""

    __hash__ = _hash_once

    id: str = field(metadata=ID)
    number: int = field(metadata={plain.POSITIVE: True})
    subheading: str = ""
    text: tuple[str, ...]
    items: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()

    def variant(self, label: str) -> Variant | None:
        """The variant with this label, or None."""
        return next((v for v in self.variants if v.label == label), None)

    @cached_property
    def has_placeholder(self) -> bool:
        """True when the agreement or one of its variants holds a "(specifieer)" the user must fill in."""
        return any(v.has_placeholder for v in self.variants) or any(holds_placeholder(p) for p in self.text)

    @cached_property
    def names_agreements(self) -> bool:
        """True when a text of it names another agreement ("[[id]]"), which a note says by its own number."""
        texts = (*self.text, *self.items, *self.notes, *(p for v in self.variants for p in v.text))
        return any("[[" in t for t in texts)

    def wording(self, variant: str = "") -> tuple[str, ...]:
        """The main text in the chosen wording (the original when `variant` is empty)."""
        if not variant:
            return self.text
        found = self.variant(variant)
        if found is None:
            raise KeyError(variant)
        return found.text


@dataclass(frozen=True, kw_only=True)
class Section:
    """A theme of the catalogue, numbered "5.1" to "5.14" in the 2024 edition."""

    __hash__ = _hash_once

    number: str = field(metadata={plain.PATTERN: (SECTION_NUMBER, "a section number such as '5.1'")})
    id: str = field(metadata=ID)
    title: str
    intro: tuple[str, ...] = ()
    agreements: tuple[Agreement, ...] = field(default=(), metadata=REQUIRED)
    references: tuple[Reference, ...] = ()

    def groups(self) -> list[tuple[str, list[Agreement]]]:
        """Agreements grouped under their sub-headings ("" for those before any)."""
        groups: list[tuple[str, list[Agreement]]] = []
        for agreement in self.agreements:
            if agreement.subheading or not groups:
                groups.append((agreement.subheading, []))
            groups[-1][1].append(agreement)
        return groups

    def references_for(self, agreement_id: str) -> tuple[Reference, ...]:
        """The section's references that belong to one agreement."""
        return self._references.get(agreement_id, ())

    @cached_property
    def _references(self) -> dict[str, tuple[Reference, ...]]:
        return {a.id: tuple(r for r in self.references if a.id in r.agreements) for a in self.agreements}


@dataclass(frozen=True, kw_only=True)
class Chapter:
    """An intro chapter a user may include in the opening of their own note."""

    __hash__ = _hash_once

    id: str = field(metadata=ID)
    title: str
    body: tuple[Block, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Migration:
    """What became of an agreement of the edition this one is based on (`based_on`), for notes moving over.

    renamed: it goes on under a new id (`into`, one); split: its parts are `into` (two or more);
    merged: it is now part of `into` (one, which other merged agreements name too); retired: gone.
    `reason` is shown to users on the upgrade page.
    """

    __hash__ = _hash_once

    agreement: str = field(metadata=ID)
    kind: str = field(metadata={plain.ONE_OF: MIGRATION_KINDS})
    into: tuple[str, ...] = field(default=(), metadata=ID)
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Replacement:
    """One line of a terminology table: the catalogue's words and what an organisation of the type says instead.

    Each inflected form is a line of its own ("gemeentelijk", "gemeentelijke"); `find` matches whole
    words only, also with a capital first letter (model/terminology.py).
    """

    __hash__ = _hash_once

    find: str
    replace: str


@dataclass(frozen=True, kw_only=True)
class TailoredText:
    """One wording of an agreement as one kind of organisation says it, where the table's word swaps cannot.

    Curators write it whole (who approves a province's press releases is the deputation, not the
    governor the table makes of the mayor); it stands in the note instead of the table's version of
    that wording, marked like a table's words. `variant` is the wording's label ("" for the agreement's
    own), `items` the sub-items (empty: the agreement's, tailored by the table), `reason` why the table
    is not enough (docs/terminology.md).
    """

    __hash__ = _hash_once

    agreement: str = field(metadata=ID)
    variant: str = ""
    text: tuple[str, ...] = ()  # `catalogue check` says when it or the reason is empty (model/tailored.py)
    items: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Terminology:
    """The words of the catalogue (written for a municipality) as one kind of organisation says them.

    `keep` lists what stays as it is on purpose, although a line would change it or it is a
    municipal word ("gemeentelijke noodfase" is the federal name of a phase, also in a city);
    `texts` are whole wordings of single agreements where word swaps cannot say it right.
    docs/terminology.md gives the reasons of the first tables.
    """

    __hash__ = _hash_once

    organisation: str = field(metadata={plain.ONE_OF: ORGANISATION_KEYS})
    replacements: tuple[Replacement, ...] = field(default=(), metadata=REQUIRED)
    keep: tuple[str, ...] = ()
    texts: tuple[TailoredText, ...] = ()  # whole wordings where the table's words are not enough

    def text_for(self, agreement_id: str, variant: str = "") -> TailoredText | None:
        """The curators' wording of this agreement (and variant) for this kind, or None."""
        return next((t for t in self.texts if t.agreement == agreement_id and t.variant == variant), None)


@dataclass(frozen=True, kw_only=True)
class Edition:
    """Metadata of one edition of the catalogue, e.g. the 2024 update."""

    __hash__ = _hash_once

    id: str
    title: str
    subtitle: str = ""
    publisher: str
    updates: str = ""
    status: str = field(default="published", metadata={plain.ONE_OF: ("published", "draft")})
    based_on: str = ""
    published_at: str = ""
    change_summary: str = ""
    introduction: tuple[Block, ...] = ()
    migrations: tuple[Migration, ...] = ()
    terminology: tuple[Terminology, ...] = ()  # in the files: terminology.yaml beside edition.yaml

    def migration(self, agreement_id: str) -> Migration | None:
        """What the migration map says became of an agreement of the previous edition, or None."""
        return next((m for m in self.migrations if m.agreement == agreement_id), None)

    @property
    def is_published(self) -> bool:
        """Published editions never change; a draft is being curated."""
        return self.status == "published"


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """One edition with all its chapters and sections, with fast lookups."""

    __hash__ = _hash_once

    edition: Edition
    chapters: tuple[Chapter, ...] = ()
    sections: tuple[Section, ...] = ()

    def to_plain(self, compact: bool = False) -> dict[str, Any]:
        """The whole edition as plain data; `compact` leaves out optional fields that are empty."""
        return plain.to_plain(self, compact)

    @classmethod
    def from_plain(cls, data: Any, problems: list[plain.Problem] | None = None) -> Catalogue:
        """The inverse of `to_plain`; with `problems`, every value is checked and what is wrong appended."""
        return plain.from_plain(cls, data, problems)

    @cached_property
    def _agreements(self) -> dict[str, tuple[Section, Agreement]]:
        return {a.id: (s, a) for s in self.sections for a in s.agreements}

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Each agreement's catalogue number by id: what a cross-reference says outside a note."""
        return {a.id: a.number for a in self.agreements}

    @property
    def agreements(self) -> list[Agreement]:
        """Every agreement of the edition, in catalogue order."""
        return [a for s in self.sections for a in s.agreements]

    def agreement(self, agreement_id: str) -> Agreement:
        """Look an agreement up by its stable id; KeyError when unknown."""
        return self._agreements[agreement_id][1]

    def section_of(self, agreement_id: str) -> Section:
        """The section holding an agreement; KeyError when unknown."""
        return self._agreements[agreement_id][0]

    def section(self, number: str) -> Section:
        """Look a section up by its number ("5.8"); KeyError when unknown."""
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)

    def terminology_for(self, organisation: str) -> Terminology | None:
        """The edition's terminology table for a kind of organisation, or None when it has none."""
        return next((t for t in self.edition.terminology if t.organisation == organisation), None)

    def chapter(self, chapter_id: str) -> Chapter:
        """Look a chapter up by its id; KeyError when unknown."""
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    @property
    def variant_count(self) -> int:
        """How many variant wordings the edition offers."""
        return sum(len(a.variants) for a in self.agreements)
