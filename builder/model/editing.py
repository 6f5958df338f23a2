"""Curators' edits to a draft edition, as pure functions on a `Catalogue`.

Every function returns a new catalogue; the caller stores it as a whole.
Ids stay stable; agreement and section numbers are derived from order
(`renumber`), so moving things around never needs manual renumbering.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from .catalogue import Agreement, Block, Catalogue, Chapter, Reference, Section, Variant
from .messages import N_, Message
from .text import slugify


class EditError(ValueError):
    """An edit that cannot be made; carries a `Message` for the curator."""

    def __init__(self, text: str, **params):
        self.message = Message(text, params)
        self.field = ""
        super().__init__(str(self.message))

    def at(self, field: str) -> EditError:
        """The same refusal, about the form field `field` (a view marks that field)."""
        self.field = field
        return self


def same_words(a: str, b: str) -> bool:
    """True when two texts differ only in spacing and capitals: curators see them as the same."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_section_title(catalogue: Catalogue, title: str, keep: str = "") -> None:
    """EditError when a section other than `keep` has this title."""
    for section in catalogue.sections:
        if section.id != keep and same_words(section.title, title):
            raise EditError(
                N_("Er is al een onderdeel “%(title)s” (%(number)s)."), title=section.title, number=section.number
            )


def check_chapter_title(catalogue: Catalogue, title: str, keep: str = "") -> None:
    """EditError when a chapter other than `keep` has this title."""
    for chapter in catalogue.chapters:
        if chapter.id != keep and same_words(chapter.title, title):
            raise EditError(N_("Er is al een hoofdstuk “%(title)s”."), title=chapter.title)


def check_agreement_text(catalogue: Catalogue, text: tuple[str, ...], items: tuple[str, ...], keep: str = "") -> None:
    """EditError when an agreement other than `keep` has this very text."""
    wanted = " ".join((*text, *items))
    for agreement in catalogue.agreements:
        if agreement.id != keep and same_words(" ".join((*agreement.text, *agreement.items)), wanted):
            raise EditError(N_("Afspraak %(number)d heeft al precies deze tekst."), number=agreement.number)


def _replace_section(catalogue: Catalogue, section_id: str, change: Callable[[Section], Section | None]) -> Catalogue:
    sections = []
    found = False
    for section in catalogue.sections:
        if section.id == section_id:
            found = True
            new = change(section)
            if new is not None:
                sections.append(new)
        else:
            sections.append(section)
    if not found:
        raise KeyError(section_id)
    return renumber(dataclasses.replace(catalogue, sections=tuple(sections)))


def _replace_agreement(catalogue: Catalogue, agreement_id: str, change: Callable[[Agreement], Agreement]) -> Catalogue:
    section = catalogue.section_of(agreement_id)

    def edit(s: Section) -> Section:
        return dataclasses.replace(s, agreements=tuple(change(a) if a.id == agreement_id else a for a in s.agreements))

    return _replace_section(catalogue, section.id, edit)


def renumber(catalogue: Catalogue) -> Catalogue:
    """Agreements 1..N and sections <prefix>.1..<prefix>.M in their current order."""
    prefix = catalogue.sections[0].number.split(".")[0] if catalogue.sections else "5"
    number = 0
    sections = []
    for position, section in enumerate(catalogue.sections, start=1):
        agreements = []
        for agreement in section.agreements:
            number += 1
            agreements.append(dataclasses.replace(agreement, number=number))
        sections.append(dataclasses.replace(section, number=f"{prefix}.{position}", agreements=tuple(agreements)))
    return dataclasses.replace(catalogue, sections=tuple(sections))


def new_edition(catalogue: Catalogue, edition_id: str, title: str) -> Catalogue:
    """A draft copy of a published edition, to be edited and published later."""
    edition = dataclasses.replace(
        catalogue.edition,
        id=edition_id,
        title=title,
        status="draft",
        based_on=catalogue.edition.id,
        updates=catalogue.edition.id,
        published_at="",
        change_summary="",
        migrations=(),  # the base edition's map is about the edition before it
    )
    return dataclasses.replace(catalogue, edition=edition)


def set_edition(
    catalogue: Catalogue, *, title: str, subtitle: str, publisher: str, introduction: tuple[Block, ...]
) -> Catalogue:
    """Replace the edition's title, subtitle, publisher and introduction."""
    edition = dataclasses.replace(
        catalogue.edition, title=title, subtitle=subtitle, publisher=publisher, introduction=introduction
    )
    return dataclasses.replace(catalogue, edition=edition)


def unique_id(existing: set[str] | frozenset[str], text: str, fallback: str) -> str:
    """A new stable id from the first words of a text, never one already used."""
    words = " ".join(re.findall(r"\w+", text)[:6])
    base = slugify(words, fallback)[:50].strip("-") or fallback
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# ---------------------------------------------------------------- chapters


def update_chapter(catalogue: Catalogue, chapter_id: str, title: str, body: tuple[Block, ...]) -> Catalogue:
    """Replace a chapter's title and body; KeyError when unknown, EditError when another chapter has that title."""
    catalogue.chapter(chapter_id)
    check_chapter_title(catalogue, title, keep=chapter_id)
    chapters = tuple(
        dataclasses.replace(c, title=title, body=body) if c.id == chapter_id else c for c in catalogue.chapters
    )
    return dataclasses.replace(catalogue, chapters=chapters)


def add_chapter(catalogue: Catalogue, title: str, body: tuple[Block, ...]) -> tuple[Catalogue, str]:
    """A new chapter at the end, with a fresh stable id from its title; EditError when the title is taken."""
    check_chapter_title(catalogue, title)
    chapter_id = unique_id({c.id for c in catalogue.chapters}, title, "hoofdstuk")
    chapters = (*catalogue.chapters, Chapter(id=chapter_id, title=title, body=body))
    return dataclasses.replace(catalogue, chapters=chapters), chapter_id


def remove_chapter(catalogue: Catalogue, chapter_id: str) -> Catalogue:
    """Remove a chapter; KeyError when unknown."""
    catalogue.chapter(chapter_id)
    return dataclasses.replace(catalogue, chapters=tuple(c for c in catalogue.chapters if c.id != chapter_id))


def move_chapter(catalogue: Catalogue, chapter_id: str, step: int) -> Catalogue:
    """Swap a chapter with the one `step` places away (-1 up, 1 down); at either end nothing moves."""
    return dataclasses.replace(catalogue, chapters=_moved(catalogue.chapters, chapter_id, step))


def _moved(items: tuple, item_id: str, step: int) -> tuple:
    items = list(items)
    i = next(k for k, item in enumerate(items) if item.id == item_id)
    j = i + step
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
    return tuple(items)


# ---------------------------------------------------------------- sections


def update_section(catalogue: Catalogue, section_id: str, title: str, intro: tuple[str, ...]) -> Catalogue:
    """Replace a section's title and introduction; KeyError when unknown, EditError when the title is taken."""
    check_section_title(catalogue, title, keep=section_id)
    return _replace_section(catalogue, section_id, lambda s: dataclasses.replace(s, title=title, intro=intro))


def add_section(catalogue: Catalogue, title: str) -> tuple[Catalogue, str]:
    """A new empty section at the end, numbered after the others, with a fresh stable id from its title."""
    check_section_title(catalogue, title)
    section_id = unique_id({s.id for s in catalogue.sections}, title, "onderdeel")
    section = Section(id=section_id, number="", title=title)
    return renumber(dataclasses.replace(catalogue, sections=(*catalogue.sections, section))), section_id


def remove_section(catalogue: Catalogue, section_id: str) -> Catalogue:
    """Remove a section; KeyError when unknown, EditError while it still holds agreements."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    if section is None:
        raise KeyError(section_id)
    if section.agreements:
        raise EditError(N_("Verplaats of verwijder eerst de afspraken van dit onderdeel."))
    return _replace_section(catalogue, section_id, lambda s: None)


def move_section(catalogue: Catalogue, section_id: str, step: int) -> Catalogue:
    """Swap a section with the one `step` places away (-1 up, 1 down) and renumber; at the ends nothing moves."""
    return renumber(dataclasses.replace(catalogue, sections=_moved(catalogue.sections, section_id, step)))


# ---------------------------------------------------------------- agreements


def update_agreement(
    catalogue: Catalogue,
    agreement_id: str,
    *,
    text: tuple[str, ...],
    items: tuple[str, ...],
    notes: tuple[str, ...],
    subheading: str,
) -> Catalogue:
    """Replace an agreement's text, sub-items, notes and sub-heading; EditError when empty or another's text."""
    if not text:
        raise EditError(N_("Een afspraak heeft tekst nodig."))
    check_agreement_text(catalogue, text, items, keep=agreement_id)
    return _replace_agreement(
        catalogue,
        agreement_id,
        lambda a: dataclasses.replace(a, text=text, items=items, notes=notes, subheading=subheading),
    )


def add_agreement(
    catalogue: Catalogue,
    section_id: str,
    text: tuple[str, ...],
    items: tuple[str, ...] = (),
    *,
    title: str = "",
    taken: frozenset[str] = frozenset(),
) -> tuple[Catalogue, str]:
    """A new agreement at the end of a section; its stable id comes from `title`, never one in `taken` or in use."""
    if not text:
        raise EditError(N_("Een afspraak heeft tekst nodig."))
    check_agreement_text(catalogue, text, items)
    agreement_id = unique_id(taken | {a.id for a in catalogue.agreements}, title or text[0], "afspraak")
    agreement = Agreement(id=agreement_id, number=0, text=text, items=items)
    return (
        _replace_section(
            catalogue, section_id, lambda s: dataclasses.replace(s, agreements=(*s.agreements, agreement))
        ),
        agreement_id,
    )


def remove_agreement(catalogue: Catalogue, agreement_id: str) -> Catalogue:
    """Remove an agreement and detach it from every reference."""
    section = catalogue.section_of(agreement_id)

    def edit(s: Section) -> Section:
        refs = tuple(
            dataclasses.replace(r, agreements=tuple(a for a in r.agreements if a != agreement_id)) for r in s.references
        )
        return dataclasses.replace(
            s, agreements=tuple(a for a in s.agreements if a.id != agreement_id), references=refs
        )

    return _replace_section(catalogue, section.id, edit)


def move_agreement(catalogue: Catalogue, agreement_id: str, section_id: str, position: int) -> Catalogue:
    """Move an agreement to `position` (0-based) in a section, possibly another one."""
    agreement = catalogue.agreement(agreement_id)
    source = catalogue.section_of(agreement_id)
    if not any(s.id == section_id for s in catalogue.sections):
        raise KeyError(section_id)
    sections = []
    for section in catalogue.sections:
        agreements = [a for a in section.agreements if a.id != agreement_id]
        refs = section.references
        if section.id == source.id and section_id != source.id:
            refs = tuple(
                dataclasses.replace(r, agreements=tuple(a for a in r.agreements if a != agreement_id)) for r in refs
            )
        if section.id == section_id:
            agreements.insert(max(0, min(position, len(agreements))), agreement)
        sections.append(dataclasses.replace(section, agreements=tuple(agreements), references=refs))
    return renumber(dataclasses.replace(catalogue, sections=tuple(sections)))


def place_of(catalogue: Catalogue, agreement_id: str) -> tuple[str, str]:
    """Where an agreement stands: its section's id, and the id of the agreement before it ("" when first)."""
    section = catalogue.section_of(agreement_id)
    ids = [a.id for a in section.agreements]
    index = ids.index(agreement_id)
    return section.id, ids[index - 1] if index else ""


def move_after(catalogue: Catalogue, agreement_id: str, section_id: str, after_id: str) -> Catalogue:
    """Move an agreement to the top of a section (`after_id` "") or right after another agreement of it."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    ids = [a.id for a in section.agreements if a.id != agreement_id] if section else []
    if section is None or (after_id and after_id not in ids):
        raise EditError(N_("Die plaats bestaat niet meer. Kies een andere plaats."))
    return move_agreement(catalogue, agreement_id, section_id, ids.index(after_id) + 1 if after_id else 0)


# ---------------------------------------------------------------- variants


def _check_label(agreement: Agreement, label: str, keep: str = "") -> None:
    if not label:
        raise EditError(N_("Geef de variant een naam, bijvoorbeeld “Variant 2”."))
    if label != keep and agreement.variant(label) is not None:
        raise EditError(
            N_("Afspraak %(number)d heeft al een variant “%(label)s”."), number=agreement.number, label=label
        )


def _check_wording(agreement: Agreement, text: tuple[str, ...], keep: str = "") -> None:
    """EditError when another variant (not `keep`) already has this very text."""
    for variant in agreement.variants:
        if variant.label != keep and same_words(" ".join(variant.text), " ".join(text)):
            raise EditError(N_("Variant “%(label)s” heeft al precies deze tekst."), label=variant.label)


def add_variant(catalogue: Catalogue, agreement_id: str, label: str, text: tuple[str, ...]) -> Catalogue:
    """Add a wording under a new label; EditError for an empty or taken label or an empty text."""
    agreement = catalogue.agreement(agreement_id)
    _check_label(agreement, label)
    if not text:
        raise EditError(N_("Een variant heeft tekst nodig."))
    _check_wording(agreement, text)
    variant = Variant(label=label, text=text)
    return _replace_agreement(
        catalogue, agreement_id, lambda a: dataclasses.replace(a, variants=(*a.variants, variant))
    )


def update_variant(
    catalogue: Catalogue, agreement_id: str, old_label: str, label: str, text: tuple[str, ...]
) -> Catalogue:
    """Relabel and reword a variant; KeyError when `old_label` is unknown, EditError as for `add_variant`."""
    agreement = catalogue.agreement(agreement_id)
    if agreement.variant(old_label) is None:
        raise KeyError(old_label)
    _check_label(agreement, label, keep=old_label)
    if not text:
        raise EditError(N_("Een variant heeft tekst nodig."))
    _check_wording(agreement, text, keep=old_label)
    variants = tuple(Variant(label=label, text=text) if v.label == old_label else v for v in agreement.variants)
    return _replace_agreement(catalogue, agreement_id, lambda a: dataclasses.replace(a, variants=variants))


def replace_variants(catalogue: Catalogue, agreement_id: str, variants: tuple[Variant, ...]) -> Catalogue:
    """Replace all variants of an agreement at once (a restored version brings its own)."""
    return _replace_agreement(catalogue, agreement_id, lambda a: dataclasses.replace(a, variants=variants))


def remove_variant(catalogue: Catalogue, agreement_id: str, label: str) -> Catalogue:
    """Remove the variant with this label; KeyError when unknown."""
    agreement = catalogue.agreement(agreement_id)
    if agreement.variant(label) is None:
        raise KeyError(label)
    variants = tuple(v for v in agreement.variants if v.label != label)
    return _replace_agreement(catalogue, agreement_id, lambda a: dataclasses.replace(a, variants=variants))


# ---------------------------------------------------------------- references


def set_references(catalogue: Catalogue, section_id: str, references: tuple[Reference, ...]) -> Catalogue:
    """Replace the "Meer lezen?" list of a section; attached agreements must be in that section."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    if section is None:
        raise KeyError(section_id)
    known = {a.id for a in section.agreements}
    for ref in references:
        if not ref.title:
            raise EditError(N_("Een verwijzing heeft een titel nodig."))
        if any(a not in known for a in ref.agreements):
            raise EditError(N_("Een verwijzing kan enkel bij afspraken van hetzelfde onderdeel horen."))
    return _replace_section(catalogue, section_id, lambda s: dataclasses.replace(s, references=references))


def set_chapter_references(catalogue: Catalogue, chapter_id: str, references: tuple[Reference, ...]) -> Catalogue:
    """Replace the "Meer lezen?" list of a chapter; every reference needs a title."""
    catalogue.chapter(chapter_id)
    if any(not r.title for r in references):
        raise EditError(N_("Een verwijzing heeft een titel nodig."))
    chapters = tuple(
        dataclasses.replace(c, references=references) if c.id == chapter_id else c for c in catalogue.chapters
    )
    return dataclasses.replace(catalogue, chapters=chapters)
