"""Moving a note to a newer edition: what changed for each of its agreements, and the note the user chooses.

`plan()` gives one `Step` per catalogue agreement of the note (and one per agreement new in the
edition), with its status, the texts involved and the choices the user has; nothing is decided
for the user where their own words are at stake. `upgraded()` builds the note on the new edition
from those choices. The new edition's migration map (renamed, split, merged, retired) is used
when it is based on the note's edition.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .building import final_text, normalise_order, wording_text
from .catalogue import Agreement, Catalogue
from .choices import AgreementChoice, Choices, Part, from_stored

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

    def to_data(self) -> dict:
        """The step as `note upgrade --plan` prints it."""
        data = {"id": self.key, "status": self.status, "into": list(self.targets)}
        data.update(old_number=self.old_number, new_number=self.new_number, section=self.section)
        data.update(old_text=self.old_text, new_text=self.new_text, own_text=self.own_text, reason=self.reason)
        return data


def _standard(agreement: Agreement, variant: str) -> str:
    return wording_text(agreement, variant if agreement.variant(variant) else "")


def _step_for(choice: AgreementChoice, old: Catalogue, new: Catalogue) -> Step:
    before = old.agreement(choice.id)
    migration = new.edition.migration(choice.id) if new.edition.based_on == old.edition.id else None
    target = choice.id if choice.id in new.numbers else None
    if target is None and migration and migration.kind == "renamed":
        target = migration.into[0]
    old_text = final_text(dataclasses.replace(choice, text=""), before)
    base = Step("", choice.id, old_number=before.number, old_text=old_text, own_text=choice.text)
    if target is None:
        return _gone(base, migration, old, new)
    after = new.agreement(target)
    base.targets, base.new_number, base.section = (target,), after.number, new.section_of(target).number
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
                    )
                )
    return steps


def upgraded(
    choices: Choices, old: Catalogue, new: Catalogue, picked: dict[str, str], edits: dict[str, str]
) -> Choices:
    """The note on `new`: each step as the user chose (`picked` by step key, else its default)."""
    result = from_stored(choices.to_data())
    result.edition = new.edition.id
    result.chapters = [c for c in choices.chapters if any(ch.id == c for ch in new.chapters)]
    numbers = section_numbers(old, new)
    by_number: dict[str, Part] = {}
    own_parts = []
    for part in result.sections:
        if part.is_own:
            part.after = numbers.get(part.after, new.sections[-1].number if part.after else "")
            own_parts.append(part)
    for part in choices.sections:
        if not part.is_own and part.number in numbers:
            by_number[numbers[part.number]] = Part(number=numbers[part.number], intro=part.intro)
    steps = {s.key: s for s in plan(choices, old, new)}
    for part in choices.sections:
        if not part.is_own:
            _carry(part, steps, picked, edits, new, by_number, numbers.get(part.number, new.sections[-1].number))
    for step in steps.values():
        if step.status == NEW and picked.get(step.key) == ADD:
            _add(by_number, step.section, AgreementChoice(id=step.key, catalogue_text=step.new_text))
    result.sections = [_ordered(p, new) for p in by_number.values() if p.agreements] + own_parts
    normalise_order(result, new)
    return result


def _carry(part: Part, steps, picked, edits, new: Catalogue, by_number: dict[str, Part], home: str) -> None:
    """A catalogue part's agreements, each as its step was chosen, into the new edition's parts."""
    anchors: dict[str, str] = {}
    for choice in part.agreements:
        if choice.is_own:
            anchor = anchors.get(choice.after or "", "")
            _add(by_number, home, AgreementChoice(text=choice.text, after=anchor))
            continue
        step = steps[choice.id]
        made = _made(choice, step, picked.get(step.key, step.default), edits.get(step.key, ""), new)
        for made_choice in made:
            _add(by_number, new.section_of(made_choice.id).number if made_choice.id else home, made_choice)
        anchors[choice.id] = next((m.id for m in made if m.id), anchors.get(choice.id, ""))


def _made(choice: AgreementChoice, step: Step, pick: str, edit: str, new: Catalogue) -> list[AgreementChoice]:
    """The new edition's agreement(s) for one old one, as the user picked."""
    if pick == DROP:
        return []
    if step.status == REMOVED or (pick == KEEP_OLD and step.status in (SPLIT, MERGED)):
        return [AgreementChoice(text=choice.text or step.old_text)]  # kept as the user's own agreement
    variant = choice.variant
    made = []
    for target in step.targets:
        agreement = new.agreement(target)
        kept_variant = variant if agreement.variant(variant) else ""
        text = {KEEP_OWN: choice.text or step.old_text, EDIT: edit, KEEP_OLD: step.old_text}.get(pick, "")
        if step.status in (UNCHANGED, RENUMBERED):
            text = choice.text  # the standard did not change: an own wording stays as it is
        fills = list(choice.fills) if pick == TAKE_NEW and choice.fills else []
        made.append(
            AgreementChoice(
                id=target,
                variant=kept_variant,
                text=text if len(step.targets) == 1 else "",
                fills=fills,
                catalogue_text=wording_text(agreement, kept_variant),
            )
        )
    return made


def _add(by_number: dict[str, Part], number: str, choice: AgreementChoice) -> None:
    part = by_number.setdefault(number, Part(number=number))
    if not choice.id or all(c.id != choice.id for c in part.agreements):
        part.agreements.append(choice)


def _ordered(part: Part, new: Catalogue) -> Part:
    """A part's agreements in the new edition's order, own ones after the agreement they follow."""
    section = new.section(part.number)
    chosen = {c.id: c for c in part.agreements if c.id}
    own: dict[str, list[AgreementChoice]] = {}
    for choice in part.agreements:
        if choice.is_own:
            anchor = choice.after if choice.after in chosen else ""
            own.setdefault(anchor, []).append(dataclasses.replace(choice, after=anchor))
    ordered = list(own.get("", []))
    for agreement in section.agreements:
        if agreement.id in chosen:
            ordered.append(chosen[agreement.id])
            ordered += own.get(agreement.id, [])
    part.agreements = ordered
    part.intro = part.intro and bool(section.intro)
    return part


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
