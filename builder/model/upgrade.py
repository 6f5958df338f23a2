"""Moving a note to a newer edition: what changed for each of its agreements, and the note the user chooses.

`plan()` gives one `Step` per catalogue agreement of the note (and one per agreement new in the
edition, with its variants), with its status, the texts involved, the section it sat in and lands
in (`moved` when that is another one), and the choices the user has; nothing is decided for the
user where their own words are at stake. `news()` says what else changed around the note's
agreements: a section's introduction, new "Meer lezen?" references, new sections. `upgraded()`
builds the note on the new edition from those choices. The new edition's migration map (renamed,
split, merged, retired) is used when it is based on the note's edition.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .building import final_text, normalise_order, wording_text
from .catalogue import Agreement, Catalogue, Migration
from .choices import AgreementChoice, Choices, Part

UNCHANGED, REWORDED, RENUMBERED, REMOVED = "unchanged", "reworded_by_kortom", "renumbered", "removed"
SPLIT, MERGED, CONFLICT, NEW = "split", "merged", "own_wording_conflict", "new_in_edition"
TAKE_NEW, KEEP_OWN, EDIT, KEEP_OLD, DROP, ADD = "new", "own", "edit", "old", "drop", "add"


@dataclass
class Step:
    """What the new edition means for one agreement, and what the user may choose."""

    status: str
    key: str  # the agreement's id in the note's edition; for a new agreement its id in the new one
    targets: tuple[str, ...] = ()  # what it becomes in the new edition
    old_number: int = 0
    new_number: int = 0
    section: str = ""  # the new section it lands in
    old_text: str = ""  # the old standard wording, as the user chose it (variant, "(specifieer)" filled)
    new_text: str = ""  # the new standard wording
    own_text: str = ""  # the user's own wording, where there is one
    reason: str = ""
    options: tuple[str, ...] = ()
    default: str = ""
    merged_from: tuple[tuple[int, str], ...] = ()  # for a merge: (old number, old text) of every agreement merged
    old_section: str = ""  # the section it sat in, in the note's edition
    moved: bool = False  # it lands in another section than the one it sat in (a part of the note of its own)
    variants: tuple[tuple[str, str], ...] = ()  # a new agreement's other wordings: (label, text)

    def to_data(self) -> dict:
        """The step as `note upgrade --plan` prints it."""
        data = {"id": self.key, "status": self.status, "into": list(self.targets)}
        data.update(old_number=self.old_number, new_number=self.new_number, section=self.section)
        data.update(old_text=self.old_text, new_text=self.new_text, own_text=self.own_text, reason=self.reason)
        return data


def _standard(agreement: Agreement, variant: str) -> str:
    return wording_text(agreement, variant if agreement.variant(variant) else "")


def migration_of(agreement_id: str, old: Catalogue, new: Catalogue) -> Migration | None:
    """What `new`'s migration map says became of an agreement of `old`; None when `new` is not based on `old`."""
    return new.edition.migration(agreement_id) if new.edition.based_on == old.edition.id else None


def successors(agreement_id: str, old: Catalogue, new: Catalogue) -> tuple[tuple[str, ...], str]:
    """The agreement(s) of `new` an agreement of `old` goes on as, and how ("" when under its own id).

    Its own id when `new` still holds it; else through `new`'s migration map: the new id (renamed), its parts
    (split) or the agreement it was merged into. ((), "") when it was retired or `new` cannot say.
    """
    if agreement_id in new.numbers:
        return (agreement_id,), ""
    migration = migration_of(agreement_id, old, new)
    if migration and migration.kind in ("renamed", "split", "merged") and migration.into:
        return tuple(migration.into), migration.kind
    return (), ""


def _step_for(choice: AgreementChoice, old: Catalogue, new: Catalogue) -> Step:
    before = old.agreement(choice.id)
    migration = migration_of(choice.id, old, new)
    targets, how = successors(choice.id, old, new)
    target = targets[0] if targets and how in ("", "renamed") else None
    old_text = final_text(dataclasses.replace(choice, text=""), before)
    was_in = old.section_of(choice.id)
    base = Step("", choice.id, old_number=before.number, old_text=old_text, own_text=choice.text)
    base.old_section = was_in.number
    if target is None:
        return _gone(base, migration, old, new)
    after = new.agreement(target)
    base.targets, base.new_number, base.section = (target,), after.number, new.section_of(target).number
    base.moved = new.section_of(target).id != was_in.id
    base.new_text = _standard(after, choice.variant)
    changed = _standard(before, choice.variant) != base.new_text or bool(
        choice.variant and not after.variant(choice.variant)
    )
    if changed and (choice.text or choice.fills):
        return dataclasses.replace(base, status=CONFLICT, options=(KEEP_OWN, TAKE_NEW, EDIT), default=KEEP_OWN)
    if changed:
        return dataclasses.replace(base, status=REWORDED, options=(TAKE_NEW, KEEP_OLD), default=TAKE_NEW)
    status = RENUMBERED if base.new_number != base.old_number else UNCHANGED
    return dataclasses.replace(base, status=status, options=(TAKE_NEW,), default=TAKE_NEW)


def _gone(base: Step, migration, old: Catalogue, new: Catalogue) -> Step:
    """An agreement that is not in the new edition under its id: split, merged into another, or removed."""
    if migration and migration.kind in ("split", "merged"):
        targets = tuple(migration.into)
        merged = [m.agreement for m in new.edition.migrations if m.kind == "merged" and tuple(m.into) == targets]
        merged_from = tuple(
            (old.agreement(a).number, wording_text(old.agreement(a))) for a in merged if a in old.numbers
        )
        texts = "\n\n".join(wording_text(new.agreement(t)) for t in targets)
        status = SPLIT if migration.kind == "split" else MERGED
        first = new.agreement(targets[0])
        return dataclasses.replace(
            base,
            status=status,
            targets=targets,
            new_number=first.number,
            section=new.section_of(targets[0]).number,
            new_text=texts,
            reason=migration.reason,
            merged_from=merged_from if status == MERGED else (),
            options=(TAKE_NEW, KEEP_OLD, DROP),
            default=TAKE_NEW,
        )
    reason = migration.reason if migration else ""
    return dataclasses.replace(base, status=REMOVED, reason=reason, options=(DROP, KEEP_OLD), default=DROP)


def plan(choices: Choices, old: Catalogue, new: Catalogue) -> list[Step]:
    """A step per catalogue agreement of the note, in note order, then one per agreement new in `new`."""
    steps = [_step_for(c, old, new) for p in choices.sections if not p.is_own for c in p.agreements if c.id]
    known = set(old.numbers) | {t for m in new.edition.migrations for t in m.into}
    for section in new.sections:
        for agreement in section.agreements:
            if agreement.id not in known:
                steps.append(
                    Step(
                        NEW,
                        agreement.id,
                        (agreement.id,),
                        new_number=agreement.number,
                        section=section.number,
                        new_text=wording_text(agreement),
                        options=(ADD,),
                        default="",
                        variants=tuple((v.label, wording_text(agreement, v.label)) for v in agreement.variants),
                    )
                )
    return steps


def upgraded(
    choices: Choices,
    old: Catalogue,
    new: Catalogue,
    picked: dict[str, str],
    edits: dict[str, str],
    wordings: dict[str, str] | None = None,
) -> Choices:
    """The note on `new`: each step as the user chose (`picked` by step key, else its default).

    `wordings` gives the variant chosen for a new agreement that is added (none: its original wording).

    Parts and agreements are the note's own, changed with `dataclasses.replace`: whatever the upgrade
    does not decide (the intro of a section, "the catalogue's own words", anything added later) stays.
    """
    numbers = section_numbers(old, new)
    last = new.sections[-1].number
    parts: dict[str, Part] = {}  # the new edition's parts, by section number, as the note had them
    placed: dict[str, list[AgreementChoice]] = {}
    for part in choices.sections:
        if not part.is_own and part.number in numbers:
            parts[numbers[part.number]] = dataclasses.replace(part, number=numbers[part.number], agreements=())
    steps = {s.key: s for s in plan(choices, old, new)}
    for part in choices.sections:
        if not part.is_own:
            _carry(part, steps, picked, edits, new, placed, numbers.get(part.number, last))
    for step in steps.values():
        if step.status == NEW and picked.get(step.key) == ADD:
            agreement = new.agreement(step.key)
            variant = (wordings or {}).get(step.key, "")
            variant = variant if agreement.variant(variant) else ""
            text = wording_text(agreement, variant)
            _add(placed, step.section, AgreementChoice(id=step.key, variant=variant, catalogue_text=text))
    catalogue_parts = [
        _ordered(parts.get(number) or Part(number=number), found, new) for number, found in placed.items() if found
    ]
    own_parts = [
        dataclasses.replace(p, after=numbers.get(p.after, last if p.after else ""))
        for p in choices.sections
        if p.is_own
    ]
    moved = dataclasses.replace(
        choices,
        edition=new.edition.id,
        chapters=tuple(c for c in choices.chapters if any(ch.id == c for ch in new.chapters)),
        sections=(*catalogue_parts, *own_parts),
    )
    return normalise_order(moved, new)


def _carry(part: Part, steps, picked, edits, new: Catalogue, placed: dict[str, list[AgreementChoice]], home: str):
    """A catalogue part's agreements, each as its step was chosen, into the new edition's parts."""
    anchors: dict[str, str] = {}
    for choice in part.agreements:
        if choice.is_own:
            _add(placed, home, dataclasses.replace(choice, after=anchors.get(choice.after, "")))
            continue
        step = steps[choice.id]
        made = _made(choice, step, picked.get(step.key, step.default), edits.get(step.key, ""), new)
        for made_choice in made:
            _add(placed, new.section_of(made_choice.id).number if made_choice.id else home, made_choice)
        anchors[choice.id] = next((m.id for m in made if m.id), anchors.get(choice.id, ""))


def _made(choice: AgreementChoice, step: Step, pick: str, edit: str, new: Catalogue) -> list[AgreementChoice]:
    """The new edition's agreement(s) for one old one, as the user picked."""
    if pick == DROP:
        return []
    if step.status == REMOVED or (pick == KEEP_OLD and step.status in (SPLIT, MERGED)):
        kept = choice.text or step.old_text  # kept as the user's own agreement
        return [AgreementChoice(text=kept)]
    made = []
    for target in step.targets:
        agreement = new.agreement(target)
        kept_variant = choice.variant if agreement.variant(choice.variant) else ""
        text = {KEEP_OWN: choice.text or step.old_text, EDIT: edit, KEEP_OLD: step.old_text}.get(pick, "")
        if step.status in (UNCHANGED, RENUMBERED):
            text = choice.text  # the standard did not change: an own wording stays as it is
        made.append(
            dataclasses.replace(
                choice,
                id=target,
                variant=kept_variant,
                text=text if len(step.targets) == 1 else "",
                fills=choice.fills if pick == TAKE_NEW else (),
                catalogue_text=wording_text(agreement, kept_variant),
            )
        )
    return made


def _add(placed: dict[str, list[AgreementChoice]], number: str, choice: AgreementChoice) -> None:
    found = placed.setdefault(number, [])
    if not choice.id or all(c.id != choice.id for c in found):
        found.append(choice)


def _ordered(part: Part, found: list[AgreementChoice], new: Catalogue) -> Part:
    """A part with these agreements in the new edition's order, own ones after the agreement they follow."""
    section = new.section(part.number)
    chosen = {c.id: c for c in found if c.id}
    own: dict[str, list[AgreementChoice]] = {}
    for choice in found:
        if choice.is_own:
            anchor = choice.after if choice.after in chosen else ""
            own.setdefault(anchor, []).append(dataclasses.replace(choice, after=anchor))
    ordered = list(own.get("", []))
    for agreement in section.agreements:
        if agreement.id in chosen:
            ordered.append(chosen[agreement.id])
            ordered += own.get(agreement.id, [])
    return dataclasses.replace(part, agreements=tuple(ordered), intro=part.intro and bool(section.intro))


@dataclass(frozen=True)
class News:
    """Something else the new edition changes around the note: a section's intro, a reference, a new section."""

    kind: str  # "intro", "reference" or "section"
    section: str  # the section's number in the new edition
    title: str  # the section's title, or the reference's
    text: str = ""  # the new intro, or the reference's address
    in_note: bool = False  # an intro the note holds: it will read the new one


def news(choices: Choices, old: Catalogue, new: Catalogue) -> list[News]:
    """What else changes for the note: intros and new references of the sections it holds, and new sections."""
    held = {p.number: p for p in choices.sections if not p.is_own}
    before = {s.id: s for s in old.sections}
    found: list[News] = []
    for section in new.sections:
        was = before.get(section.id)
        if was is None:
            found.append(News("section", section.number, section.title))
            continue
        part = held.get(was.number)
        if part is None:
            continue
        if section.intro != was.intro and section.intro:
            found.append(News("intro", section.number, section.title, "\n\n".join(section.intro), part.intro))
        known = {(r.title, r.url) for r in was.references}
        for ref in section.references:
            if (ref.title, ref.url) not in known:
                found.append(News("reference", section.number, ref.title, ref.url))
    return found


def section_numbers(old: Catalogue, new: Catalogue) -> dict[str, str]:
    """Old section numbers to the new edition's, through the sections' stable ids."""
    new_by_id = {s.id: s.number for s in new.sections}
    return {s.number: new_by_id[s.id] for s in old.sections if s.id in new_by_id}


def moved_progress(progress: dict, old: Catalogue, new: Catalogue) -> dict:
    """The draft's progress with its section statuses under the new edition's section numbers."""
    numbers = section_numbers(old, new)
    moved = {k: v for k, v in progress.items() if k != "sections"}
    sections = progress.get("sections", {})
    moved["sections"] = {numbers[n]: status for n, status in sections.items() if n in numbers}
    return moved


def newer_edition(edition_id: str, published: list[str]) -> str | None:
    """The newest published edition when it is not `edition_id` (the note could move to it), else None."""
    return published[-1] if published and published[-1] != edition_id else None
