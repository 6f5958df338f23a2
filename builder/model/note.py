"""The note as it will read: choices resolved against the catalogue.

`compose()` numbers the agreements 1..N through the whole note, applies
variants, rewordings and placeholder fills, and records where each agreement
comes from. The review page and the Word export both render this one model,
so what the user checks is what they download.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .. import caches
from .building import IN_PROGRESS, NOT_STARTED, TAKEN, final_text, note_tailor, section_status, wording_text
from .catalogue import Agreement, Block, Catalogue, Chapter, Reference, Terminology, holds_placeholder
from .choices import AgreementChoice, Choices, Part
from .dates import from_stored
from .terminology import Tailor, tailored_blocks, tailored_text
from .text import parse_editable


@dataclass
class NoteAgreement:
    """One numbered agreement of the note."""

    number: int
    blocks: tuple[Block, ...]
    choice: AgreementChoice
    catalogue_number: int = 0
    subheading: str = ""
    agreement: Agreement | None = None  # the catalogue agreement, None for an own one
    plain: bool = False  # one of the catalogue's wordings, unchanged (see `is_plain_wording`)
    terms: Terminology | None = None  # the table its wording was tailored by (None: the catalogue's words)
    tailored: bool = False  # tailoring changed its words

    @property
    def without_tips(self) -> bool:
        """True when the catalogue gives it a tip (an editorial note) that the note leaves out."""
        return self.agreement is not None and bool(self.agreement.notes)

    def origin(self, section: str) -> str:
        """Where it comes from, in the words of the provenance appendix: "catalogus 5.1, afspraak 3, variant 2"."""
        if self.choice.is_own:
            return "eigen afspraak"
        parts = [f"catalogus {section}, afspraak {self.catalogue_number}"]
        if self.choice.variant:
            parts.append(self.choice.variant.lower())
        if self.choice.reworded:
            parts.append("herschreven")
        return ", ".join(parts)

    @property
    def unfilled(self) -> bool:
        """True while a "(specifieer)" is left in the text: the review warns about it."""
        return any(holds_placeholder(b.text) or any(holds_placeholder(i) for i in b.items) for b in self.blocks)


@dataclass
class NotePart:
    """A heading of the note with its agreements."""

    title: str
    part: Part
    intro: list[str] = field(default_factory=list)
    agreements: list[NoteAgreement] = field(default_factory=list)

    @property
    def span(self) -> str:
        """Which agreements the part holds, as a table of contents says it: "afspraken 26–36", "afspraak 5" or ""."""
        if not self.agreements:
            return ""
        first, last = self.agreements[0].number, self.agreements[-1].number
        return f"afspraak {first}" if first == last else f"afspraken {first}–{last}"


ReferenceGroups = list[tuple[str, list[tuple[Reference, list[int]]]]]  # a group's title, its references and numbers


@dataclass
class Note:
    choices: Choices
    catalogue: Catalogue
    chapters: list[Chapter]
    vision: tuple[Block, ...]
    parts: list[NotePart]

    @property
    def agreements(self) -> list[NoteAgreement]:
        """Every numbered agreement of the note, in note order."""
        return [a for p in self.parts for a in p.agreements]

    @cached_property
    def numbers(self) -> dict[str, int]:
        """The note's number of each catalogue agreement in it, by id: what a cross-reference says."""
        return {a.choice.id: a.number for a in self.agreements if not a.choice.is_own}

    @property
    def date(self) -> dt.date | None:
        """The note's date, or None when empty or not an ISO date."""
        return from_stored(self.choices.date)

    @property
    def approved_on(self) -> dt.date | None:
        """The approval date, or None when empty (the note is then a draft)."""
        return from_stored(self.choices.options.approved_on)

    def references(self) -> ReferenceGroups:
        """ "Meer lezen": per part, the references that belong to what was chosen."""
        groups: ReferenceGroups = []
        for chapter in self.chapters:
            if chapter.references:
                groups.append((chapter.title, [(r, []) for r in chapter.references]))
        for part in self.parts:
            if part.part.is_own:
                continue
            section = self.catalogue.section(part.part.number)
            numbers = {a.choice.id: a.number for a in part.agreements if not a.choice.is_own}
            found = []
            for ref in section.references:
                if not ref.agreements:
                    found.append((ref, []))
                elif any(a in numbers for a in ref.agreements):
                    found.append((ref, [numbers[a] for a in ref.agreements if a in numbers]))
            if found:
                groups.append((part.title, found))
        return groups


def _subheadings(catalogue: Catalogue, number: str) -> dict[str, str]:
    """For each agreement of a section, the sub-heading it falls under."""
    current, found = "", {}
    for agreement in catalogue.section(number).agreements:
        current = agreement.subheading or current
        found[agreement.id] = current
    return found


def _note_agreement(
    number: int, choice: AgreementChoice, agreement: Agreement | None, heading: str, tailor: Tailor | None, marked: bool
) -> NoteAgreement:
    """One agreement as the note has it; a catalogue wording is parsed once per process, the rest every time."""
    plain = agreement is not None and is_plain_wording(choice, agreement)
    if choice.untailored or choice.reworded or agreement is None:
        tailor = None
    if plain:
        blocks = caches.wording_blocks.get(
            (agreement, choice.variant, tailor.terms if tailor else None, marked),
            lambda: parse_editable(final_text(choice, agreement, tailor, marked)),
        )
    else:
        blocks = parse_editable(final_text(choice, agreement, tailor, marked))
    tailored = tailor is not None and final_text(choice, agreement, tailor) != final_text(choice, agreement)
    return NoteAgreement(
        number=number,
        blocks=blocks,
        choice=choice,
        catalogue_number=agreement.number if agreement else 0,
        subheading=heading,
        agreement=agreement,
        plain=plain,
        terms=tailor.terms if tailor else None,
        tailored=tailored,
    )


def tailored_chapter(chapter: Chapter, tailor: Tailor | None, marked: bool = False) -> Chapter:
    """An intro chapter as the note says it (its "Meer lezen" titles name Kortom's articles and stay)."""
    if tailor is None:
        return chapter
    title, body = tailor.text(chapter.title, marked), tailored_blocks(tailor, chapter.body, marked)
    return dataclasses.replace(chapter, title=title, body=body)


def is_plain_wording(choice: AgreementChoice, agreement: Agreement) -> bool:
    """True when the note shows one of the catalogue's own wordings, unchanged (no rewording, nothing filled)."""
    if choice.text or choice.fills or agreement.variant(choice.variant) is None and choice.variant:
        return False
    return not choice.catalogue_text or choice.catalogue_text == wording_text(agreement, choice.variant)


def compose(choices: Choices, catalogue: Catalogue, marked: bool = False) -> Note:
    """Resolve the choices into the note, numbering agreements 1..N.

    The catalogue's words are tailored to the note's kind of organisation (model/terminology.py);
    `marked` wraps what tailoring changed in marks for the wizard's pages, the document asks without.
    """
    tailor = note_tailor(choices, catalogue)
    chapters = [tailored_chapter(c, tailor, marked) for c in catalogue.chapters if c.id in choices.chapters]
    parts: list[NotePart] = []
    number = 0
    for part in choices.sections:
        if part.is_own:
            note_part = NotePart(title=part.title, part=part)
            groups: dict[str, str] = {}
        else:
            section = catalogue.section(part.number)
            intro = [tailored_text(tailor, p, marked) for p in section.intro] if part.intro else []
            note_part = NotePart(title=tailored_text(tailor, section.title, marked), part=part, intro=intro)
            groups = _subheadings(catalogue, part.number)
        group = ""
        for choice in part.agreements:
            number += 1
            agreement = None if choice.is_own else catalogue.agreement(choice.id)
            heading = ""
            if agreement is not None and groups.get(agreement.id, "") != group:
                group = groups[agreement.id]
                heading = tailored_text(tailor, group, marked)
            note_part.agreements.append(_note_agreement(number, choice, agreement, heading, tailor, marked))
        parts.append(note_part)
    return Note(
        choices=choices,
        catalogue=catalogue,
        chapters=chapters,
        vision=parse_editable(choices.vision),
        parts=parts,
    )


@dataclass(frozen=True)
class ReviewWarning:
    """Something worth a second look before downloading; it never blocks.

    `kind` picks the message shown to the user (see templates/wizard/_warnings.html).
    """

    kind: str
    part: str = ""
    number: int = 0
    title: str = ""
    agreement_id: str = ""  # the catalogue agreement it is about, for the link to it
    catalogue_number: int = 0  # its number in the catalogue, shown when the note's number differs


def warnings(note: Note, progress: dict) -> list[ReviewWarning]:
    """Unfilled placeholders, empty sections, sections not looked at yet, and an empty note."""
    found: list[ReviewWarning] = []
    for part in note.parts:
        anchor = part.part.number or part.part.key
        if not part.agreements:
            found.append(ReviewWarning("empty-own-section", anchor, title=part.title))
        for agreement in part.agreements:
            if not agreement.unfilled:
                continue
            choice = agreement.choice
            variant = None
            if not choice.is_own:
                variant = note.catalogue.agreement(choice.id).variant(choice.variant) if choice.variant else None
            kind = (
                "variant-names-service"
                if variant and variant.has_placeholder and not choice.reworded
                else "placeholder"
            )
            found.append(ReviewWarning(kind, anchor, agreement.number, "", choice.id, agreement.catalogue_number))
    in_note = {p.part.number for p in note.parts if not p.part.is_own}
    tailor = note_tailor(note.choices, note.catalogue)  # section titles in the note's words
    for number, status in sorted(progress.get("sections", {}).items()):
        if status == IN_PROGRESS and number not in in_note:
            try:
                title = tailored_text(tailor, note.catalogue.section(number).title)
            except KeyError:
                continue
            found.append(ReviewWarning("empty-started-section", number, title=title))
    for section in note.catalogue.sections:
        status = section_status(progress, note.choices, section.number)
        if status in (NOT_STARTED, TAKEN):
            kind = "not-looked-at" if status == NOT_STARTED else "taken-not-looked-at"
            found.append(ReviewWarning(kind, section.number, title=tailored_text(tailor, section.title)))
    if not note.agreements:
        found.append(ReviewWarning("no-agreements"))
    return found
