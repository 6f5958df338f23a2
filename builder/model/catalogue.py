"""The catalogue of example agreements: Kortom's inspiratienota as data.

An `Edition` holds intro `Chapter`s and numbered `Section`s; a section holds
`Agreement`s, each with optional `Variant` wordings, and `Reference`s to
further reading. Everything here is plain data, free of Flask and SQLite, so
the YAML files, the database and the Word export all share one model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# A placeholder the user must fill in, such as "(specifieer)" in a variant.
PLACEHOLDER = re.compile(r"\(specifieer\)")


@dataclass(frozen=True)
class Block:
    """One piece of running text in a chapter or an edition introduction.

    Exactly one of `text` (a paragraph), `heading` or `items` (a bullet list)
    is set. A bullet whose first line stands alone ("Strateeg\\n...") is a term
    followed by its explanation.
    """

    text: str = ""
    heading: str = ""
    items: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        if self.heading:
            return "heading"
        if self.items:
            return "items"
        return "text"


@dataclass(frozen=True)
class Reference:
    """A "Meer lezen?" pointer to Kortompedia, optionally tied to agreements."""

    title: str
    agreements: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class Variant:
    """An alternative wording of an agreement's main text."""

    label: str
    text: tuple[str, ...]

    @property
    def has_placeholder(self) -> bool:
        return any(PLACEHOLDER.search(p) for p in self.text)


@dataclass(frozen=True)
class Agreement:
    """A numbered example agreement; `id` is stable across editions."""

    id: str
    number: int
    text: tuple[str, ...]
    items: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    subheading: str = ""
    variants: tuple[Variant, ...] = ()

    def variant(self, label: str) -> Variant | None:
        return next((v for v in self.variants if v.label == label), None)

    def wording(self, variant: str = "") -> tuple[str, ...]:
        """The main text in the chosen wording (the original when `variant` is empty)."""
        if not variant:
            return self.text
        found = self.variant(variant)
        if found is None:
            raise KeyError(variant)
        return found.text


@dataclass(frozen=True)
class Section:
    """A theme of the catalogue, numbered "5.1" to "5.14" in the 2024 edition."""

    id: str
    number: str
    title: str
    intro: tuple[str, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    references: tuple[Reference, ...] = ()

    def groups(self) -> list[tuple[str, list[Agreement]]]:
        """Agreements grouped under their sub-headings ("" for those before any)."""
        groups: list[tuple[str, list[Agreement]]] = []
        for agreement in self.agreements:
            if agreement.subheading or not groups:
                groups.append((agreement.subheading, []))
            groups[-1][1].append(agreement)
        return groups

    def references_for(self, agreement_id: str) -> list[Reference]:
        return [r for r in self.references if agreement_id in r.agreements]


@dataclass(frozen=True)
class Chapter:
    """An intro chapter a user may include in the opening of their own note."""

    id: str
    title: str
    body: tuple[Block, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Edition:
    """Metadata of one edition of the catalogue, e.g. the 2024 update."""

    id: str
    title: str
    publisher: str
    subtitle: str = ""
    updates: str = ""
    status: str = "published"
    introduction: tuple[Block, ...] = ()
    change_summary: str = ""
    published_at: str = ""
    based_on: str = ""

    @property
    def is_published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True)
class Catalogue:
    """One edition with all its chapters and sections, with fast lookups."""

    edition: Edition
    chapters: tuple[Chapter, ...] = ()
    sections: tuple[Section, ...] = ()

    @cached_property
    def _agreements(self) -> dict[str, tuple[Section, Agreement]]:
        return {a.id: (s, a) for s in self.sections for a in s.agreements}

    @property
    def agreements(self) -> list[Agreement]:
        return [a for s in self.sections for a in s.agreements]

    def agreement(self, agreement_id: str) -> Agreement:
        """Look an agreement up by its stable id; KeyError when unknown."""
        return self._agreements[agreement_id][1]

    def section_of(self, agreement_id: str) -> Section:
        return self._agreements[agreement_id][0]

    def section(self, number: str) -> Section:
        """Look a section up by its number ("5.8"); KeyError when unknown."""
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    @property
    def variant_count(self) -> int:
        return sum(len(a.variants) for a in self.agreements)


def joined(paragraphs: tuple[str, ...] | list[str]) -> str:
    """Paragraphs as one text, separated by blank lines (the export's `text`)."""
    return "\n\n".join(paragraphs)


def blocks_data(blocks: tuple[Block, ...]) -> list[dict]:
    """Blocks as plain data: one single-key mapping per block."""
    return [{b.kind: list(b.items) if b.kind == "items" else getattr(b, b.kind)} for b in blocks]


def _reference_data(ref: Reference) -> dict:
    return {"title": ref.title, "url": ref.url, "agreements": list(ref.agreements)}


def export_data(catalogue: Catalogue) -> dict:
    """The catalogue as plain data for JSON, in a fixed key order."""
    e = catalogue.edition
    return {
        "edition": {
            "id": e.id,
            "title": e.title,
            "subtitle": e.subtitle,
            "publisher": e.publisher,
            "updates": e.updates,
            "status": e.status,
            "published_at": e.published_at,
            "introduction": blocks_data(e.introduction),
        },
        "chapters": [
            {
                "id": c.id,
                "title": c.title,
                "body": blocks_data(c.body),
                "references": [_reference_data(r) for r in c.references],
            }
            for c in catalogue.chapters
        ],
        "sections": [
            {
                "number": s.number,
                "id": s.id,
                "title": s.title,
                "intro": list(s.intro),
                "agreements": [
                    {
                        "id": a.id,
                        "number": a.number,
                        "subheading": a.subheading,
                        "text": joined(a.text),
                        "paragraphs": list(a.text),
                        "items": list(a.items),
                        "notes": list(a.notes),
                        "variants": [{"label": v.label, "text": joined(v.text)} for v in a.variants],
                        "references": [_reference_data(r) for r in s.references_for(a.id)],
                    }
                    for a in s.agreements
                ],
                "references": [_reference_data(r) for r in s.references],
            }
            for s in catalogue.sections
        ],
    }
