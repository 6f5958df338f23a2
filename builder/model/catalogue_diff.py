"""What changed between two editions: every kind of change a curator can make, each under a Dutch label.

The publish page and the edition page list these changes, grouped as the edition reads: its
details, the intro chapters, the terminology tables (a changed line changes notes as surely as a
reworded agreement), the migration map (what users read when their note moves over), then each
section with its agreements. Publishing an edition that holds no change is refused
(`publishing.publishable`). Texts are compared per field and per
paragraph (model/text_diff.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from . import plain
from .catalogue import Agreement, Catalogue, Migration, Section
from .messages import N_, Message
from .organisations import organisation_type
from .text import first_words
from .text_diff import FieldDiff, block_diffs, field_diffs, paragraph_units, reference_units, word_diff

__all__ = ["Change", "ChangeGroup", "compare", "word_diff"]


@dataclass(frozen=True)
class Change:
    """One change: what happened (`label`), what it is about (`subject`, `excerpt`), and how its fields differ."""

    label: Message
    subject: Message
    excerpt: str = ""
    fields: tuple[FieldDiff, ...] = ()


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one part of the edition: its details, its chapters, or one section."""

    title: Message
    changes: tuple[Change, ...]


def compare(old: Catalogue, new: Catalogue) -> list[ChangeGroup]:
    """Every change from `old` to `new`, grouped in the order of the new edition; empty when nothing changed."""
    groups = [
        ChangeGroup(Message(N_("Gegevens van de editie")), tuple(_edition_changes(old, new))),
        ChangeGroup(Message(N_("Inleidende hoofdstukken")), tuple(_chapter_changes(old, new))),
        ChangeGroup(Message(N_("Terminologie per soort organisatie")), tuple(_terminology_changes(old, new))),
        ChangeGroup(
            Message(N_("Wat werd er van de afspraken van editie %(old)s?"), {"old": old.edition.id}),
            tuple(_migration_changes(old, new)),
        ),
    ]
    old_sections = {s.id: s for s in old.sections}
    moved = _moved([s.id for s in old.sections], [s.id for s in new.sections])
    for section in new.sections:
        title = Message(N_("Onderdeel %(number)s %(title)s"), {"number": section.number, "title": section.title})
        changes = _section_changes(old, new, old_sections.get(section.id), section, section.id in moved)
        changes += _agreement_changes(old, new, section)
        groups.append(ChangeGroup(title, tuple(changes)))
    removed = []
    for section in old.sections:
        if section.id not in {n.id for n in new.sections}:
            removed += [_removed_section(section), *_removed_agreements(old, new, section)]
    groups.append(ChangeGroup(Message(N_("Geschrapte onderdelen")), tuple(removed)))
    return [g for g in groups if g.changes]


def _subject(agreement: Agreement, old: Agreement | None = None) -> Message:
    if old is not None and old.number != agreement.number:
        return Message(N_("Afspraak %(number)d (was %(old)d)"), {"number": agreement.number, "old": old.number})
    return Message(N_("Afspraak %(number)d"), {"number": agreement.number})


def _excerpt(agreement: Agreement) -> str:
    return first_words(agreement.text[0] if agreement.text else "")


def _moved(old: list[str], new: list[str]) -> set[str]:
    """Ids present in both orders that changed place relative to the others (outside their longest common run)."""
    common = set(old) & set(new)
    a, b = [i for i in old if i in common], [i for i in new if i in common]
    kept = set()
    for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        kept.update(a[block.a : block.a + block.size])
    return common - kept


def _edition_changes(old: Catalogue, new: Catalogue) -> list[Change]:
    before, after = plain.to_plain(old.edition), plain.to_plain(new.edition)
    before["change_summary"] = after["change_summary"] = ""  # the summary is written on the publish page itself
    subject = Message(N_("De editie"))
    return [
        Change(Message(N_("%(field)s gewijzigd"), {"field": f.label}), subject, "", (f,))
        for f in field_diffs("edition", before, after)
    ]


def _terminology_changes(old: Catalogue, new: Catalogue) -> list[Change]:
    """A change per kind of organisation whose table changed: its lines added, removed or rewritten."""
    kinds = dict.fromkeys([t.organisation for t in old.edition.terminology + new.edition.terminology])
    changes = []
    for kind in kinds:
        before, after = old.terminology_for(kind), new.terminology_for(kind)
        if before == after:
            continue
        found = organisation_type(kind)
        subject = Message(N_("De woorden voor “%(kind)s”"), {"kind": Message(found.label if found else kind)})
        fields = field_diffs(
            "terminology", plain.to_plain(before) if before else None, plain.to_plain(after) if after else None
        )
        label = N_("Terminologie gewijzigd")
        if before is None or after is None:
            label = N_("Nieuwe terminologietabel") if before is None else N_("Terminologietabel geschrapt")
        changes.append(Change(Message(label), subject, "", tuple(fields)))
    return changes


MIGRATION_LABELS = {
    "renamed": N_("Gaat verder als afspraak %(into)s"),
    "split": N_("Opgesplitst in afspraken %(into)s"),
    "merged": N_("Samengevoegd in afspraak %(into)s"),
    "retired": N_("Geschrapt, met uitleg voor gebruikers"),
}


def _migration_changes(old: Catalogue, new: Catalogue) -> list[Change]:
    """The entries of the new edition's migration map that are new or changed: what users read on moving over."""
    earlier = {m.agreement: m for m in old.edition.migrations}
    changes = []
    for entry in new.edition.migrations:
        was = earlier.get(entry.agreement)
        if was == entry:
            continue
        number = old.numbers.get(entry.agreement)
        params = {"number": number, "edition": old.edition.id} if number else {"id": entry.agreement}
        subject = Message(N_("Afspraak %(number)d (in editie %(edition)s)") if number else "%(id)s", params)
        blocks, _same = block_diffs(_reason(was), _reason(entry))
        fields = (FieldDiff(Message(N_("Uitleg voor gebruikers")), tuple(blocks)),) if blocks else ()
        into = ", ".join(str(new.numbers.get(i, i)) for i in entry.into)
        label = Message(MIGRATION_LABELS.get(entry.kind, N_("Gewijzigd")), {"into": into})
        changes.append(Change(label, subject, "", fields))
    return changes


def _reason(entry: Migration | None) -> list:
    return paragraph_units([entry.reason] if entry and entry.reason else [])


def _chapter_changes(old: Catalogue, new: Catalogue) -> list[Change]:
    before = {c.id: c for c in old.chapters}
    changes = []
    for chapter in new.chapters:
        subject = Message(N_("Hoofdstuk “%(title)s”"), {"title": chapter.title})
        previous = before.get(chapter.id)
        fields = tuple(field_diffs("chapter", plain.to_plain(previous) if previous else None, plain.to_plain(chapter)))
        if previous is None:
            changes.append(Change(Message(N_("Nieuw hoofdstuk")), subject, "", fields))
        elif fields:
            changes.append(Change(Message(N_("Hoofdstuk gewijzigd")), subject, "", fields))
    for chapter in old.chapters:
        if chapter.id not in {c.id for c in new.chapters}:
            subject = Message(N_("Hoofdstuk “%(title)s”"), {"title": chapter.title})
            changes.append(
                Change(
                    Message(N_("Geschrapt hoofdstuk")),
                    subject,
                    "",
                    tuple(field_diffs("chapter", plain.to_plain(chapter), None)),
                )
            )
    if _moved([c.id for c in old.chapters], [c.id for c in new.chapters]):
        order = [("item", c.title) for c in old.chapters], [("item", c.title) for c in new.chapters]
        blocks, unchanged = block_diffs(*order)
        diff = FieldDiff(Message(N_("Volgorde")), tuple(blocks), unchanged)
        changes.append(
            Change(Message(N_("Volgorde van de hoofdstukken gewijzigd")), Message(N_("De hoofdstukken")), "", (diff,))
        )
    return changes


def _section_changes(
    old: Catalogue, new: Catalogue, before: Section | None, section: Section, moved: bool
) -> list[Change]:
    subject = Message(N_("Onderdeel %(number)s"), {"number": section.number})
    after_plain = plain.to_plain(section)
    if before is None:
        fields = tuple(field_diffs("section", None, after_plain, _numbers(new)))
        return [Change(Message(N_("Nieuw onderdeel")), subject, "", fields)]
    changes = []
    for field in field_diffs("section", plain.to_plain(before), after_plain):
        if field.label.text != N_("Meer lezen?"):
            changes.append(Change(Message(N_("%(field)s gewijzigd"), {"field": field.label}), subject, "", (field,)))
    if moved:
        label = Message(
            N_("Onderdeel verplaatst van %(old)s naar %(new)s"), {"old": before.number, "new": section.number}
        )
        changes.append(Change(label, subject))
    return changes + _reference_changes(old, new, before, section, subject)


def _reference_changes(
    old: Catalogue, new: Catalogue, before: Section, section: Section, subject: Message
) -> list[Change]:
    def key(ref):
        return (ref.title, ref.url, ref.agreements)

    def unit(catalogue, ref):
        return reference_units([plain.to_plain(ref)], _numbers(catalogue))

    gone, came = list(before.references), list(section.references)
    changes = []
    matcher = difflib.SequenceMatcher(a=[key(r) for r in gone], b=[key(r) for r in came], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            was = gone[i1 + k] if i1 + k < i2 else None
            now = came[j1 + k] if j1 + k < j2 else None
            blocks, _same = block_diffs(unit(old, was) if was else [], unit(new, now) if now else [])
            diff = (FieldDiff(Message(N_("Meer lezen?")), tuple(blocks)),)
            if was and now:
                label = Message(N_("Verwijzing “%(title)s” gewijzigd"), {"title": now.title})
            elif now:
                label = Message(N_("Nieuwe verwijzing “%(title)s”"), {"title": now.title})
            else:
                label = Message(N_("Verwijzing “%(title)s” geschrapt"), {"title": was.title})
            changes.append(Change(label, subject, "", diff))
    return changes


def _numbers(catalogue: Catalogue):
    """A lookup of agreement numbers by id, for references."""
    numbers = {a.id: a.number for a in catalogue.agreements}
    return numbers.get


def _removed_section(section: Section) -> Change:
    subject = Message(N_("Onderdeel %(number)s"), {"number": section.number})
    return Change(Message(N_("Geschrapt onderdeel")), subject, section.title)


def _agreement_changes(old: Catalogue, new: Catalogue, section: Section) -> list[Change]:
    """The changes of the agreements now in `section`, and of those removed from the section of the same id."""
    before = {a.id: a for a in old.agreements}
    old_section = next((s for s in old.sections if s.id == section.id), None)
    within = (
        _moved([a.id for a in old_section.agreements], [a.id for a in section.agreements]) if old_section else set()
    )
    changes: list[Change] = []
    for agreement in section.agreements:
        changes += _one_agreement(old, before.get(agreement.id), agreement, section, agreement.id in within)
    return changes + (_removed_agreements(old, new, old_section) if old_section else [])


def _removed_agreements(old: Catalogue, new: Catalogue, old_section: Section) -> list[Change]:
    """The agreements of a section of the old edition that the new edition no longer holds."""
    now = {a.id for a in new.agreements}
    changes = []
    for agreement in old_section.agreements:
        if agreement.id not in now:
            params = {"number": agreement.number, "edition": old.edition.id}
            subject = Message(N_("Afspraak %(number)d (in editie %(edition)s)"), params)
            fields = tuple(field_diffs("agreement", plain.to_plain(agreement), None))
            changes.append(Change(Message(N_("Geschrapte afspraak")), subject, _excerpt(agreement), fields))
    return changes


AGREEMENT_FIELD_LABELS = {
    N_("Tekst"): N_("Herschreven"),
    N_("Noten voor de lezer"): N_("Noten gewijzigd"),
    N_("Tussentitel"): N_("Tussentitel gewijzigd"),
}


def _one_agreement(
    old: Catalogue, before: Agreement | None, agreement: Agreement, section: Section, moved_within: bool
) -> list[Change]:
    subject, excerpt = _subject(agreement, before), _excerpt(agreement)
    after_plain = plain.to_plain(agreement)
    if before is None:
        fields = tuple(field_diffs("agreement", None, after_plain))
        return [Change(Message(N_("Nieuwe afspraak")), subject, excerpt, fields)]
    changes = []
    was_in = old.section_of(before.id)
    if was_in.id != section.id:
        label = Message(
            N_("Verplaatst van onderdeel %(old)s naar %(new)s"), {"old": was_in.number, "new": section.number}
        )
        changes.append(Change(label, subject, excerpt))
    elif moved_within:
        changes.append(
            Change(Message(N_("Verplaatst binnen onderdeel %(number)s"), {"number": section.number}), subject, excerpt)
        )
    before_plain = plain.to_plain(before)
    for field in field_diffs("agreement", {**before_plain, "variants": ()}, {**after_plain, "variants": ()}):
        changes.append(Change(Message(AGREEMENT_FIELD_LABELS[field.label.text]), subject, excerpt, (field,)))
    return changes + _variant_changes(before, agreement, subject, excerpt)


def _variant_changes(before: Agreement, agreement: Agreement, subject: Message, excerpt: str) -> list[Change]:
    old = {v.label: v for v in before.variants}
    new = {v.label: v for v in agreement.variants}
    changes = []
    for label in [*new, *(k for k in old if k not in new)]:
        was, now = old.get(label), new.get(label)
        if was == now:
            continue
        blocks, unchanged = block_diffs(
            paragraph_units(was.text if was else ()), paragraph_units(now.text if now else ())
        )
        diff = (FieldDiff(Message(N_("Variant “%(label)s”"), {"label": label}), tuple(blocks), unchanged),)
        if was is None:
            text = N_("Nieuwe variant “%(label)s”")
        elif now is None:
            text = N_("Variant “%(label)s” geschrapt")
        else:
            text = N_("Variant “%(label)s” herschreven")
        changes.append(Change(Message(text, {"label": label}), subject, excerpt, diff))
    return changes
