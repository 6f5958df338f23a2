"""The note's outline: everything a reader meets, in order, composed once for every format.

`outline(note)` says what the title page holds, the status line, the table of contents with its
agreement ranges, the numbered introduction and parts, the approval block and the appendices
(references and provenance). The Word document (formats/word.py), the review page, the reviewer's
page and the published page draw this one outline; none of them composes the note again. Its texts
are the document's, in Dutch whatever the interface language; cross-references stay `[[id]]` in
the texts, for each format to write as it can (a REF field, a link), with `Outline.numbers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import crossref
from .catalogue import Block
from .dates import in_document
from .note import Note, NoteAgreement, NotePart, ReferenceGroups
from .organisations import approval_of, on_behalf, organisation_type

KICKER = "Afsprakennota communicatie"  # Word writes it in capitals
CONTENTS = "Inhoud"
# Where a .docx is made without LibreOffice, its contents have no page numbers yet: the line says how to get them
# (it stands in the contents field's result, so Word's update replaces it).
PAGES_HINT = (
    "Paginanummers invullen: klik in Word met de rechtermuisknop op deze inhoudsopgave, kies ‘Veld bijwerken’ "
    "en dan ‘Alleen paginanummers bijwerken’."
)
NBSP, NO_BREAK = "\u00a0", "\u200d"  # a space that never breaks; a zero-width character a line never breaks after


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: its level (1 or 2), its text, and the anchor of its heading."""

    level: int
    text: str
    anchor: str


@dataclass
class Cover:
    """The title page: a kicker, the title, the organisation when the title does not name it, status and details."""

    title: str
    organisation: str
    status: str
    details: list[tuple[str, str]]  # ("Datum", "23 november 2026"), ("Versie", "1.0"), …
    kicker: str = KICKER


@dataclass
class Chapter:
    """A numbered chapter of the introduction ("1.1 Visie en communicatiedoelen") and its text."""

    number: str
    title: str
    blocks: tuple[Block, ...]
    anchor: str
    own: bool = False  # the organisation's own vision (its words are never tailored)

    @property
    def heading(self) -> str:
        """'1.2 Waarom afspraken?'"""
        return f"{self.number} {self.title}"


@dataclass
class Part:
    """A numbered part of the note: a catalogue section or an own section, with its agreements."""

    number: int
    note_part: NotePart
    intro: list[str]  # paragraphs that say something in this note (cross-references resolved by the format)
    anchor: str

    @property
    def title(self) -> str:
        """The part's title, without its number."""
        return self.note_part.title

    @property
    def heading(self) -> str:
        """'9. Perscommunicatie'"""
        return f"{self.number}. {self.title}"

    @property
    def agreements(self) -> list[NoteAgreement]:
        """The part's numbered agreements."""
        return self.note_part.agreements

    @property
    def section(self) -> str:
        """The catalogue section's number ("" for an own section)."""
        return self.note_part.part.number


@dataclass
class Approval:
    """The approval block: who approves, the decision, and who signs on the approving body's behalf."""

    sentence: str
    rows: list[tuple[str, str]]
    on_behalf: str
    functions: tuple[str, str]
    names: tuple[str, str]
    heading: str = "Goedkeuring"
    anchor: str = "goedkeuring"


@dataclass
class ReferenceLine:
    """One "Meer lezen" article: its title, its address when curators gave one, and the agreements it goes with."""

    title: str
    url: str
    numbers: str  # " – bij afspraak 12", or ""
    agreements: tuple[int, ...] = ()  # the same numbers, for a format that links each to its agreement


@dataclass
class References:
    """The appendix "Meer lezen": Kortompedia's articles, grouped as the note is."""

    heading: str
    lead: str
    groups: list[tuple[str, list[ReferenceLine]]]
    anchor: str


@dataclass
class Provenance:
    """The appendix "Herkomst van de afspraken": a line per part, then the agreements that deviate."""

    heading: str
    lead: list[str]
    lines: list[tuple[str, str]]  # ("2. Beleid", " (catalogus 5.1): ongewijzigd: afspraken 1–4.")
    deviations: list[tuple[str, str]]  # ("5", "catalogus 5.1, afspraak 5, variant")
    anchor: str
    caption: str = "Afspraken die afwijken van de catalogus"
    none_deviate: str = "Geen enkele afspraak is een variant, herschreven of een eigen afspraak."


@dataclass
class Outline:
    """The note as a reader meets it, in order."""

    note: Note
    cover: Cover
    chapters: list[Chapter]
    parts: list[Part]
    approval: Approval | None
    references: References | None
    provenance: Provenance | None
    contents: list[Entry] = field(default_factory=list)

    @property
    def numbers(self) -> dict[str, int]:
        """The note's number of each catalogue agreement in it: what a cross-reference says."""
        return self.note.numbers

    @property
    def introduction(self) -> str:
        """The introduction's heading ("1. Inleiding"), or "" when the note has none."""
        return "1. Inleiding" if self.chapters else ""


# ---------------------------------------------------------------- composing it


def status_line(note: Note) -> str:
    """'Ontwerp, versie 1.0' until the note has an approval date, then 'Goedgekeurd door … op …'; a date or a
    version never breaks over two lines."""
    if note.approved_on:
        return f"Goedgekeurd door {approver(note)} op {unbroken(in_document(note.approved_on))}"
    version = note.choices.version
    return f"Ontwerp, {unbroken(f'versie {version}')}" if version else "Ontwerp"


def approver(note: Note) -> str:
    """Who approves the note: as filled in, else the approving body of the organisation's kind."""
    return note.choices.options.approved_by or approval_of(note.choices.organisation.type).approver


def _cover(note: Note) -> Cover:
    c = note.choices
    organisation = c.organisation.name
    found = organisation_type(c.organisation.type)
    kind = found.label if found and found.on_title_page else ""
    if kind and not organisation.lower().startswith(kind.lower()):
        organisation = f"{organisation} ({kind.lower()})"
    if not organisation or c.organisation.name.lower() in c.display_title.lower():
        organisation = ""
    details = []
    if note.date:
        details.append(("Datum", unbroken(in_document(note.date))))
    if c.version and note.approved_on:  # a draft's status line says its version already
        details.append(("Versie", c.version))
    author = ", ".join(x for x in (c.author.name, c.author.function) if x)
    if author:
        details.append(("Opgesteld door", author))
    edition = note.catalogue.edition
    details.append(("Gebaseerd op", f"{edition.title}, {edition.publisher} (editie {edition.id})"))
    return Cover(_title(c.display_title, c.organisation.name), organisation, status_line(note), details)


NAME_KEPT_WHOLE = 32  # characters: an organisation's name up to this long never breaks over two lines of the title


def _title(title: str, name: str) -> str:
    """The title with the organisation's name kept on one line where it is short enough to fit."""
    if name and len(name) <= NAME_KEPT_WHOLE and name in title:
        return title.replace(name, unbroken(name), 1)
    return title


def _chapters(note: Note) -> list[Chapter]:
    found = [("Visie en communicatiedoelen", note.vision, True)] if note.vision else []
    found += [(chapter.title, chapter.body, False) for chapter in note.chapters]
    return [
        Chapter(f"1.{n}", title, blocks, f"inleiding-{n}", own) for n, (title, blocks, own) in enumerate(found, start=1)
    ]


def _parts(note: Note, first: int) -> list[Part]:
    parts = []
    for i, part in enumerate(note.parts):
        intro = [p for p in part.intro if crossref.resolve(p, note.numbers).strip()]
        parts.append(Part(first + i, part, intro, f"deel-{part.part.anchor}"))
    return parts


def _approval(note: Note) -> Approval:
    options, kind = note.choices.options, approval_of(note.choices.organisation.type)
    by = approver(note)
    on = in_document(note.approved_on) if note.approved_on else ""
    if on:
        sentence = f"Deze afsprakennota werd goedgekeurd door {by} op {on}."
    else:
        sentence = f"Deze afsprakennota wordt ter goedkeuring voorgelegd aan {by}."
    first = ("Goedgekeurd door", by) if on else ("Voorgelegd aan", by)
    rows = [first, ("Datum van de beslissing", on), ("Referentie", options.decision)]
    names = (*options.signatories, "", "")[:2]
    return Approval(sentence, rows, f"{on_behalf(by)},", kind.signatories, (names[0], names[1]))


def _numbers_text(numbers: list[int]) -> str:
    """' – bij afspraak 12' or ' – bij afspraken 12, 14'."""
    if not numbers:
        return ""
    label = "afspraak" if len(numbers) == 1 else "afspraken"
    return f" – bij {label} {', '.join(str(n) for n in numbers)}"


def _references(found: ReferenceGroups, number: int) -> References:
    """The appendix of the references `note.references()` found."""
    groups = [
        (group, [ReferenceLine(ref.title, ref.url, _numbers_text(numbers), tuple(numbers)) for ref, numbers in refs])
        for group, refs in found
    ]
    lead = (
        "Achtergrond bij de afspraken in deze nota vind je in Kortompedia, het online kenniscentrum van "
        "Kortom vzw. De artikels zijn enkel toegankelijk voor leden van Kortom; zoek ze op hun titel."
    )
    return References(f"Bijlage {number}. Meer lezen", lead, groups, f"bijlage-{number}")


def ranges(numbers: list[int]) -> str:
    """'1–4, 6, 9–12': consecutive numbers joined."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _unchanged(a: NoteAgreement) -> bool:
    return not a.choice.is_own and not a.choice.variant and not a.choice.reworded


def tailoring_line(note: Note) -> str:
    """What tailoring did to the catalogue's words, with two examples from the table; "" when nothing was tailored."""
    terms = next((a.terms for a in note.agreements if a.terms is not None), None)
    if terms is None:
        return ""
    found = organisation_type(terms.organisation)
    examples, used = [], set()
    for r in terms.replacements:
        if r.find and r.replace and not r.find.startswith(("het ", "de ")) and r.replace.lower() not in used:
            used.add(r.replace.lower())
            examples.append(f"“{r.replace}” voor “{r.find}”")
    label = found.label if found else terms.organisation
    kind = label if label[:2].isupper() else label[:1].lower() + label[1:]  # "OCMW" stays, "Provincie" does not
    text = (
        "De catalogus is geschreven voor een gemeente; voor deze nota zijn de woorden aangepast aan een "
        f"{kind}, volgens de woordenlijst van de catalogus"
    )
    text += f", bijvoorbeeld {' en '.join(examples[:2])}." if examples else "."
    kept = [a.number for a in note.agreements if a.choice.untailored]
    if kept:
        text += f" {'Afspraak' if len(kept) == 1 else 'Afspraken'} {ranges(kept)} "
        text += f"{'behoudt' if len(kept) == 1 else 'behouden'} de woorden van de catalogus."
    return text


def _numbered(label: str, numbers: list[int]) -> str:
    """'ongewijzigd: afspraken 1–4, 6' ('afspraak' for one), or '' for none."""
    return f"{label}: {'afspraak' if len(numbers) == 1 else 'afspraken'} {ranges(numbers)}" if numbers else ""


def _origin_line(part: Part, kept: list[NoteAgreement]) -> str:
    """How a part's agreements come from the catalogue: of those `kept` unchanged, which in the organisation's words
    and which without Kortom's tip; the other ones (variant, reworded, own) are in the table of deviations."""
    if not part.section:
        return "eigen afspraak." if len(part.agreements) == 1 else "eigen afspraken."
    said = [
        _numbered("ongewijzigd", [a.number for a in kept if not a.tailored and not a.without_tips]),
        _numbered("in de woorden van de organisatie", [a.number for a in kept if a.tailored]),
        _numbered("zonder de tip van Kortom", [a.number for a in kept if a.without_tips]),
    ]
    said = [s for s in said if s]
    return "; ".join(said) + "." if said else "geen afspraken ongewijzigd uit de catalogus."


def _provenance(note: Note, parts: list[Part], number: int) -> Provenance:
    edition = note.catalogue.edition
    lead = [
        f"Deze nota is samengesteld met het Bouwpakket communicatieafspraken, op basis van de "
        f"{edition.title} van {edition.publisher} (editie {edition.id}). Per onderdeel staat hieronder "
        "welke afspraken ongewijzigd uit de catalogus komen, welke in de woorden van de organisatie en welke zonder "
        "de tip die Kortom erbij geeft; de tabel toont de afspraken die afwijken: een variant, een herschreven of "
        "een eigen afspraak."
    ]
    if tailored := tailoring_line(note):
        lead.append(tailored)
    lines, deviations = [], []
    for part in parts:
        section, kept = part.section, []
        for a in part.agreements:
            if _unchanged(a):
                kept.append(a)
            else:
                deviations.append((str(a.number), a.origin(section)))
        where = f" (catalogus {section})" if section else " (eigen onderdeel)"
        lines.append((part.heading, f"{where}: {_origin_line(part, kept)}"))
    return Provenance(f"Bijlage {number}. Herkomst van de afspraken", lead, lines, deviations, f"bijlage-{number}")


def unbroken(text: str) -> str:
    """A short phrase that never breaks across lines ("afspraken 8–17"): no-break spaces, no break after a dash."""
    return text.replace(" ", NBSP).replace("–", "–" + NO_BREAK)


def entry_text(heading: str, span: str) -> str:
    """A part's line in the contents: '9. Perscommunicatie – afspraken 43–55', the range never split."""
    if not span:
        return heading
    return f"{heading}{NBSP}– {unbroken(span)}"


def _contents(outline: Outline) -> list[Entry]:
    entries = []
    if outline.chapters:
        entries.append(Entry(1, outline.introduction, "inleiding"))
        entries += [Entry(2, c.heading, c.anchor) for c in outline.chapters]
    for part in outline.parts:
        entries.append(Entry(1, entry_text(part.heading, part.note_part.span), part.anchor))
    if outline.approval is not None:
        entries.append(Entry(1, outline.approval.heading, outline.approval.anchor))
    for appendix in (outline.references, outline.provenance):
        if appendix is not None:
            entries.append(Entry(1, appendix.heading, appendix.anchor))
    return entries


def outline(note: Note) -> Outline:
    """The note's outline, as every format draws it."""
    options = note.choices.options
    chapters = _chapters(note)
    parts = _parts(note, 2 if chapters else 1)
    number = 0
    references = provenance = None
    found = note.references() if options.references else []
    if found:
        number += 1
        references = _references(found, number)
    if options.provenance and note.agreements:
        number += 1
        provenance = _provenance(note, parts, number)
    approval = _approval(note) if options.with_approval else None
    found = Outline(note, _cover(note), chapters, parts, approval, references, provenance)
    found.contents = _contents(found)
    return found
