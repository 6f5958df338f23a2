"""Two people on one note: the note as units each can change, and a three-way merge of a save.

A unit is what one person decides at once: a field of the note as a whole (its title, the vision,
an option), a part's own fields (a section's intro, an own section's title and place), one catalogue
agreement (in or out, wording, rewording, fill), and the own agreements of a part. A page carries
the fingerprint of each unit as it showed them (`shown`); a save that meets a colleague's is
merged unit by unit (`merge`): what only one of them changed is kept, the same change twice is one,
and only a unit both changed differently is a conflict, for the person to decide.

Units come from the note's declaration (model/choices.py): a new field of the note, of a part or of
an agreement is part of a unit without a line here.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import versions
from .building import normalise_order
from .catalogue import Catalogue
from .choices import AgreementChoice, Choices, Part

WHOLE = ("format", "edition", "sections")  # never a unit: fixed, or moved as a whole (a new edition), or below
GONE = None
ABSENT = versions.fingerprint(GONE)  # the fingerprint of a unit the note does not have


def units(choices: Choices) -> dict[str, object]:
    """Every unit of the note by its key: "title", "options.approval", "part:5.9", "agreement:<id>", "own:5.2"."""
    found = _note_units(choices)
    for part in choices.sections:
        found[f"part:{part.anchor}"] = dataclasses.replace(part, agreements=())
        if own := tuple(a for a in part.agreements if a.is_own):
            found[f"own:{part.anchor}"] = own
        found.update({f"agreement:{a.id}": a for a in part.agreements if not a.is_own})
    return found


def _note_units(choices: Choices) -> dict[str, object]:
    """The units of the note as a whole: its fields, the fields of its nested fields, and the own sections' order."""
    found: dict[str, object] = {}
    for name, nested in NOTE_FIELDS:
        value = getattr(choices, name)
        if nested:
            found.update({f"{name}.{sub}": getattr(value, sub) for sub in nested})
        else:
            found[name] = value
    found["order"] = tuple(p.key for p in choices.sections if p.is_own)  # own sections placed alike, in this order
    return found


def _note_fields() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The note's own fields that are units, each with the names of its fields when it is a nested dataclass."""
    hints = typing.get_type_hints(Choices)
    nested = {name: tuple(g.name for g in dataclasses.fields(hint)) for name, hint in hints.items() if _is_class(hint)}
    return tuple((f.name, nested.get(f.name, ())) for f in dataclasses.fields(Choices) if f.name not in WHOLE)


def _is_class(hint: object) -> bool:
    """True for a type hint that is a dataclass (a nested part of the note, such as its options)."""
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


NOTE_FIELDS = _note_fields()


def part_keys(anchor: str, agreement_ids: Iterable[str] = ()) -> list[str]:
    """The units of one part: its own fields, its own agreements and these catalogue agreements."""
    return [f"part:{anchor}", f"own:{anchor}", *(f"agreement:{i}" for i in agreement_ids)]


def note_keys(choices: Choices, catalogue: Catalogue) -> list[str]:
    """Every unit the note has or could have: for a page that changes the note as a whole."""
    found = dict.fromkeys(units(choices))
    for section in catalogue.sections:
        found.update(dict.fromkeys(part_keys(section.number, (a.id for a in section.agreements))))
    return list(found)


def fingerprints(choices: Choices, known: tuple[Choices, Mapping[str, str]] | None = None) -> dict[str, str]:
    """The fingerprint of every unit the note has, worked out when it is stored (a page then only looks them up).

    `known` is an earlier version of the note with its fingerprints: a unit as it was there keeps its fingerprint.
    """
    before, prints = (units(known[0]), known[1]) if known else ({}, {})
    return {
        key: prints[key] if key in prints and before.get(key, GONE) == value else versions.fingerprint(value)
        for key, value in units(choices).items()
    }


def shown(prints: Mapping[str, str], keys: Iterable[str]) -> str:
    """What a page carries: the fingerprint of each of its units as the note's stored `fingerprints` say (ABSENT
    for a unit the note does not hold)."""
    return versions.encode({key: prints.get(key, ABSENT) for key in keys})


@dataclass(frozen=True)
class Merged:
    """A save merged with what was stored meanwhile: the note to store, and the units in conflict."""

    choices: Choices
    conflicts: tuple[str, ...]


def merge(
    shown: Mapping[str, str | None],
    mine: Choices,
    theirs: Choices,
    catalogue: Catalogue,
    decided: Mapping[str, bool] | None = None,
) -> Merged:
    """`mine` (a page's answers applied) merged into `theirs` (stored now), unit by unit of the page (`shown`).

    A unit I left as shown stays as stored; one only I changed, or we both changed alike, is mine; one
    we changed differently is a conflict, unless it was `decided` on the conflict page (True: mine).
    """
    my_units, their_units = units(mine), units(theirs)
    decided = decided or {}
    taken: dict[str, object] = {}
    conflicts = []
    for key, seen in shown.items():
        my_value, their_value = my_units.get(key), their_units.get(key)
        mine_now, theirs_now = versions.fingerprint(my_value), versions.fingerprint(their_value)
        if mine_now == seen or decided.get(key) is False:
            continue
        if theirs_now in (seen, mine_now) or decided.get(key):
            taken[key] = my_value
        else:
            conflicts.append(key)
    return Merged(with_units(theirs, taken, catalogue), tuple(conflicts))


def with_units(choices: Choices, changes: Mapping[str, object], catalogue: Catalogue) -> Choices:
    """The note with these units set (GONE: taken out), its parts and agreements back in note order."""
    if not changes:
        return choices
    fields: dict[str, object] = {}
    for key, value in changes.items():
        if ":" in key or key == "order":
            continue
        name, _dot, sub = key.partition(".")
        if sub:
            fields[name] = dataclasses.replace(fields.get(name, getattr(choices, name)), **{sub: value})
        else:
            fields[name] = value
    parts = _parts(choices, {k: v for k, v in changes.items() if ":" in k}, catalogue)
    if "order" in changes:  # normalise_order keeps the order of own sections placed after the same section
        order = {key: i for i, key in enumerate(changes["order"] or ())}
        own = iter(sorted((p for p in parts if p.is_own), key=lambda p: order.get(p.key, len(order))))
        parts = tuple(next(own) if p.is_own else p for p in parts)
    return normalise_order(dataclasses.replace(choices, **fields, sections=parts), catalogue)


def _parts(choices: Choices, changes: Mapping[str, object], catalogue: Catalogue) -> tuple[Part, ...]:
    """The note's parts with the part, own and agreement units of `changes` applied."""
    parts = {p.anchor: p for p in choices.sections}
    agreements = {a.id: (p.anchor, a) for p in choices.sections for a in p.agreements if not a.is_own}
    own = {p.anchor: tuple(a for a in p.agreements if a.is_own) for p in choices.sections}
    for key, value in changes.items():
        kind, _colon, name = key.partition(":")
        if kind == "part":
            if value is GONE:
                parts.pop(name, None)
            else:
                parts[name] = dataclasses.replace(value, agreements=parts[name].agreements if name in parts else ())
        elif kind == "own":
            own[name] = value or ()
        elif kind == "agreement":
            agreements.pop(name, None)
            if value is not GONE:
                agreements[name] = (catalogue.section_of(name).number, value)
    for number, _agreement in agreements.values():
        parts.setdefault(number, Part(number=number))
    found = []
    for anchor, part in parts.items():
        chosen = [a for where, a in agreements.values() if where == anchor]
        arranged = _arranged(part, chosen, own.get(anchor, ()), catalogue)
        if arranged.agreements or arranged.is_own:
            found.append(arranged)
    return tuple(found)


def _arranged(part: Part, chosen: list[AgreementChoice], own: tuple[AgreementChoice, ...], catalogue) -> Part:
    """A part's agreements in note order: catalogue ones in catalogue order, own ones after their anchor."""
    if part.is_own:
        return dataclasses.replace(part, agreements=own)
    section = catalogue.section(part.number).agreements
    known = {a.id for a in section}
    by_id = {a.id: a for a in chosen}
    after: dict[str, list[AgreementChoice]] = {}
    for a in own:
        after.setdefault(a.after if a.after in known else "", []).append(a)
    ordered = list(after.get("", []))
    for agreement in section:
        ordered += [by_id[agreement.id]] if agreement.id in by_id else []
        ordered += after.get(agreement.id, [])
    return dataclasses.replace(part, agreements=tuple(ordered))
