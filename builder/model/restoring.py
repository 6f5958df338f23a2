"""Bringing back an earlier version of an agreement, variant, section or chapter from the curators' history.

A history line keeps each object as plain data before and after the change (model/plain.py), so
any earlier version can be put back into the edition in preparation: over the object when it is
still there, or back in its place when it was removed. The version it replaces stays in the
history, so a restore can itself be undone.

Taking one change back is a three-way merge (`taken_back`), as a save is: each part of the object
the change touched (its text, its notes, each variant by its label…) goes back when nobody changed
it since; a part changed again later stays, and is named, so the curator decides before it goes
too. A variant added after the change is never part of it. A move taken back puts the agreement
back where it stood (`put_back`): its history line keeps that place.
"""

from __future__ import annotations

import dataclasses

from . import editing, plain
from .catalogue import Agreement, Catalogue, Chapter, Section, Variant
from .editing import EditError
from .messages import N_

RESTORABLE = ("agreement", "variant", "section", "chapter")
PARTS = {  # what a restore puts back, per kind (plain data keys); the rest (an id, a number) stays as it is now
    "agreement": ("subheading", "text", "items", "notes", "variants"),
    "variant": ("label", "text"),
    "section": ("title", "intro", "references"),
    "chapter": ("title", "body", "references"),
}
GONE = "gone"  # the part name for an object removed since the change


def taken_back(
    kind: str, before: dict | None, after: dict | None, current: dict | None, force: bool = False
) -> tuple[dict | None, list[str]]:
    """The object as it is now with one change (`before` → `after`) taken back, and the parts changed since.

    A part changed since stays as it is now unless `force`; with `before` and `after` swapped and `force`,
    the parts the change touched are set as they were right after it ("this version"), the rest stays.
    """
    if before is None:
        return None, []
    if current is None:  # the object is not there now: it comes back whole
        return before, ([] if after is None else [GONE])
    if after is None:
        return before, []
    result, later = dict(current), []
    for key in PARTS.get(kind, ()):
        if key == "variants":
            result[key], clashed = _variants(before.get(key, []), after.get(key, []), current.get(key, []), force)
            later += [f"variant:{label}" for label in clashed]
            continue
        was, became, now = before.get(key), after.get(key), current.get(key)
        if was == became or now == was:
            continue
        if now == became or force:
            result[key] = was
        else:
            later.append(key)
    return result, later


def _variants(before: list, after: list, current: list, force: bool) -> tuple[list, list[str]]:
    """An agreement's variants with one change taken back, label by label; and the labels changed since."""
    was, became, now = ({v["label"]: v for v in vs} for vs in (before, after, current))
    result: dict[str, dict | None] = dict(now)
    later = []
    for label in dict.fromkeys([*was, *became]):
        if was.get(label) == became.get(label) or now.get(label) == was.get(label):
            continue
        if now.get(label) == became.get(label) or force:
            result[label] = was.get(label)
        else:
            later.append(label)
    return [v for v in result.values() if v is not None], later


def put_back(catalogue: Catalogue, agreement_id: str, section_id: str, after_id: str) -> Catalogue:
    """Undo of a move: the agreement back where it stood, in `section_id` after `after_id` ("": at the top).

    Where the agreement it followed is gone, it goes to the top of that section; where the section is
    gone, or the agreement itself, the edition stays as it is."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    if section is None or not any(a.id == agreement_id for s in catalogue.sections for a in s.agreements):
        return catalogue
    if after_id and not any(a.id == after_id for a in section.agreements):
        after_id = ""
    return editing.move_after(catalogue, agreement_id, section_id, after_id)


def _read(cls: type, snapshot: dict):
    problems: list[plain.Problem] = []
    value = plain.from_plain(cls, snapshot, problems)
    if problems:
        raise EditError(N_("Deze versie kan niet meer hersteld worden."))
    return value


def restore(catalogue: Catalogue, kind: str, entity_id: str, snapshot: dict, parent_id: str = "") -> Catalogue:
    """The edition with this version of the object put back; EditError when that cannot be done."""
    if kind == "agreement":
        return _agreement(catalogue, _read(Agreement, snapshot), parent_id)
    if kind == "variant":
        return _variant(catalogue, entity_id, _read(Variant, snapshot))
    if kind == "section":
        return _section(catalogue, _read(Section, snapshot))
    if kind == "chapter":
        return _chapter(catalogue, _read(Chapter, snapshot))
    raise EditError(N_("Deze versie kan niet meer hersteld worden."))


def _agreement(catalogue: Catalogue, old: Agreement, section_id: str) -> Catalogue:
    try:
        catalogue.agreement(old.id)
    except KeyError:
        known = {s.id for s in catalogue.sections}
        target = section_id if section_id in known else catalogue.sections[-1].id
        return insert_agreement(catalogue, target, old)
    changed = editing.update_agreement(
        catalogue, old.id, text=old.text, items=old.items, notes=old.notes, subheading=old.subheading
    )
    return editing.replace_variants(changed, old.id, old.variants)


def _variant(catalogue: Catalogue, agreement_id: str, old: Variant) -> Catalogue:
    try:
        agreement = catalogue.agreement(agreement_id)
    except KeyError:
        raise EditError(
            N_("De afspraak van deze variant staat niet meer in de editie. Herstel eerst de afspraak.")
        ) from None
    if agreement.variant(old.label) is None:
        return editing.add_variant(catalogue, agreement_id, old.label, old.text)
    return editing.update_variant(catalogue, agreement_id, old.label, old.label, old.text)


def _section(catalogue: Catalogue, old: Section) -> Catalogue:
    current = next((s for s in catalogue.sections if s.id == old.id), None)
    if current is None:
        return insert_section(
            catalogue, dataclasses.replace(old, agreements=(), references=_ties(old.references, set()))
        )
    changed = editing.update_section(catalogue, old.id, old.title, old.intro)
    return editing.set_references(changed, old.id, _ties(old.references, {a.id for a in current.agreements}))


def _ties(references, known: set[str]):
    """References tied only to the agreements that are in the section now."""
    return tuple(dataclasses.replace(r, agreements=tuple(a for a in r.agreements if a in known)) for r in references)


def _chapter(catalogue: Catalogue, old: Chapter) -> Catalogue:
    try:
        catalogue.chapter(old.id)
    except KeyError:
        return insert_chapter(catalogue, old)
    changed = editing.update_chapter(catalogue, old.id, old.title, old.body)
    return editing.set_chapter_references(changed, old.id, old.references)


def insert_agreement(catalogue: Catalogue, section_id: str, agreement: Agreement) -> Catalogue:
    """Put a whole agreement (a removed one brought back) into a section, where its old number falls."""
    editing.check_agreement_text(catalogue, agreement.text, agreement.items)
    sections = []
    for section in catalogue.sections:
        if section.id == section_id:
            found = section.agreements
            at = next((i for i, a in enumerate(found) if a.number >= agreement.number), len(found))
            section = dataclasses.replace(section, agreements=(*found[:at], agreement, *found[at:]))
        sections.append(section)
    return editing.renumber(dataclasses.replace(catalogue, sections=tuple(sections)))


def insert_section(catalogue: Catalogue, section: Section) -> Catalogue:
    """Put a whole section (a removed one brought back) back at its old number."""
    editing.check_section_title(catalogue, section.title)
    position = int(section.number.split(".")[-1]) - 1 if section.number else len(catalogue.sections)
    sections = list(catalogue.sections)
    sections.insert(max(0, min(position, len(sections))), section)
    return editing.renumber(dataclasses.replace(catalogue, sections=tuple(sections)))


def insert_chapter(catalogue: Catalogue, chapter: Chapter) -> Catalogue:
    """Put a whole chapter (a removed one brought back) back at the end of the chapters."""
    editing.check_chapter_title(catalogue, chapter.title)
    return dataclasses.replace(catalogue, chapters=(*catalogue.chapters, chapter))
