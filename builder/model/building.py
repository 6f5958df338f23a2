"""What the wizard does to a user's `Choices`, free of Flask and SQLite.

A section page answers for every agreement of one catalogue section at once;
`apply_section` turns those answers into the note's agreements in note order.
Own agreements and own sections are anchored to a catalogue agreement or
section they follow, so they keep their place whatever else is chosen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .. import caches
from .catalogue import Agreement, Catalogue, Section, fill_placeholders
from .choices import AgreementChoice, Choices, Options, Organisation, Part, next_key
from .terminology import Tailor, tailor_for
from .text import clean, same_text, to_editable

NOT_STARTED, IN_PROGRESS, DONE = "niet-begonnen", "bezig", "klaar"
TAKEN = "overgenomen"  # taken over in one go with the whole catalogue, not looked at yet


def new_choices(catalogue: Catalogue, today: dt.date) -> Choices:
    """An empty note on the given edition, dated today."""
    return Choices(edition=catalogue.edition.id, date=today.isoformat(), version="1.0")


def whole_catalogue(catalogue: Catalogue, today: dt.date) -> Choices:
    """A note holding everything of an edition in its original wording: for colleagues to review it in Word."""
    edition = catalogue.edition
    return Choices(
        edition=edition.id,
        organisation=Organisation(name=edition.publisher),
        title=f"{edition.title} – editie {edition.id}",
        date=today.isoformat(),
        version=edition.id,
        chapters=tuple(c.id for c in catalogue.chapters),
        options=Options(references=True, provenance=False, approval=False),
        sections=tuple(
            Part(number=s.number, intro=bool(s.intro), agreements=tuple(AgreementChoice(id=a.id) for a in s.agreements))
            for s in catalogue.sections
        ),
    )


# ---------------------------------------------------------------- sections


@dataclass
class AgreementAnswer:
    """What the user said about one catalogue agreement on a section page."""

    include: bool = False
    variant: str = ""
    text: str = ""
    fill: str = ""
    reset: bool = False
    untailored: bool = False  # "the catalogue's own words": no tailoring to the kind of organisation


@dataclass
class OwnAnswer:
    """An own agreement inside a catalogue section, after catalogue agreement `after` ("" = at the top)."""

    text: str
    after: str = ""


@dataclass
class SectionAnswers:
    agreements: dict[str, AgreementAnswer] = field(default_factory=dict)
    own: list[OwnAnswer] = field(default_factory=list)
    intro: bool = False


def wording_text(agreement: Agreement, variant: str = "") -> str:
    """The editable text of one wording, items included, as a text box holds it (kept per agreement and wording)."""
    return caches.wordings.get(
        (agreement, variant), lambda: clean(to_editable(agreement.wording(variant), agreement.items))
    )


def shown_wording(agreement: Agreement, variant: str = "", tailor: Tailor | None = None) -> str:
    """A wording as the text box holds it for this kind of organisation: tailored when there is a table."""
    return tailored_wording(tailor, agreement, variant, wording_text(agreement, variant))


def tailored_wording(tailor: Tailor | None, agreement: Agreement, variant: str, text: str, marked: bool = False) -> str:
    """A catalogue wording (`text`, as a text box holds it) as the note's kind says it: the curators' wording for
    this kind where there is one and `text` is the edition's, else the table's words."""
    if tailor is None:
        return text
    if text == wording_text(agreement, variant):
        written = tailor.written(agreement, variant, text, marked)
        if written is not None:
            return written
    return tailor.text(text, marked)


def note_tailor(choices: Choices, catalogue: Catalogue) -> Tailor | None:
    """The terminology table a note is tailored by: its edition's for its kind of organisation, or None."""
    return tailor_for(catalogue, choices.organisation.type)


def is_catalogue_wording(agreement: Agreement, text: str, tailor: Tailor | None = None) -> bool:
    """True when `text` is one of the agreement's own wordings, tailored or not, so it is not a rewording."""
    labels = ["", *(v.label for v in agreement.variants)]
    wordings = {wording_text(agreement, label) for label in labels}
    wordings.update(shown_wording(agreement, label, tailor) for label in labels)
    return text in wordings or any(same_text(text, wording) for wording in wordings)  # as shown: most posts


def _choice(
    agreement: Agreement, answer: AgreementAnswer, tailor: Tailor | None, chosen: AgreementChoice | None
) -> AgreementChoice:
    """The note's agreement as a section page's answer makes it: what the page does not show is kept as it was."""
    variant = answer.variant if agreement.variant(answer.variant) else ""
    reworded = answer.text and not answer.reset and not is_catalogue_wording(agreement, answer.text, tailor)
    return dataclasses.replace(
        chosen or AgreementChoice(id=agreement.id),
        variant=variant,
        text=answer.text if reworded else "",
        fills=(answer.fill,) if answer.fill and agreement.has_placeholder else (),
        catalogue_text=wording_text(agreement, variant),
        untailored=answer.untailored and tailor is not None,
    )


def edited(agreement: Agreement, answer: AgreementAnswer, tailor: Tailor | None = None) -> bool:
    """True when the user chose a variant, reworded the text or filled in "(specifieer)": that means "take it"."""
    if answer.variant and agreement.variant(answer.variant) is not None:
        return True
    if answer.fill and agreement.has_placeholder:
        return True
    return bool(answer.text and not answer.reset and not is_catalogue_wording(agreement, answer.text, tailor))


def taken_by_editing(section: Section, answers: SectionAnswers, tailor: Tailor | None = None) -> list[Agreement]:
    """Agreements left unticked although the user edited them: `apply_section` takes them in all the same."""
    found = [(a, answers.agreements.get(a.id)) for a in section.agreements]
    return [a for a, answer in found if answer is not None and not answer.include and edited(a, answer, tailor)]


def apply_section(choices: Choices, catalogue: Catalogue, section: Section, answers: SectionAnswers) -> Choices:
    """The note with what it holds for `section` replaced by the user's answers; an edited agreement is taken in."""
    part = choices.part(section.number)
    before = {c.id: c for c in part.agreements if c.id} if part else {}
    own_before = [c for c in part.agreements if c.is_own] if part else []
    own: dict[str, list[AgreementChoice]] = {}
    known = {a.id for a in section.agreements}
    for k, answer in enumerate(answers.own):
        if answer.text:
            after = answer.after if answer.after in known else ""
            kept = own_before[k] if k < len(own_before) else AgreementChoice()
            own.setdefault(after, []).append(dataclasses.replace(kept, text=answer.text, after=after))
    agreements = list(own.get("", []))
    tailor = note_tailor(choices, catalogue)
    for agreement in section.agreements:
        answer = answers.agreements.get(agreement.id, AgreementAnswer())
        if answer.include or edited(agreement, answer, tailor):
            agreements.append(_choice(agreement, answer, tailor, before.get(agreement.id)))
        agreements.extend(own.get(agreement.id, []))
    if not agreements:
        return choices.without_part(section.number) if part else choices
    changed = dataclasses.replace(
        part or Part(number=section.number),
        agreements=tuple(agreements),
        intro=answers.intro and bool(section.intro),
    )
    return normalise_order(choices.with_part(changed), catalogue)


def untouched_sections(choices: Choices, catalogue: Catalogue, progress: dict) -> list[Section]:
    """The sections the user has not opened or chosen in yet: what taking the whole catalogue fills."""
    return [s for s in catalogue.sections if section_status(progress, choices, s.number) == NOT_STARTED]


def take_whole_catalogue(choices: Choices, catalogue: Catalogue, progress: dict) -> Choices:
    """Every agreement of the sections not yet worked on into the note, each marked taken (not checked).

    A section the user already worked on stays as it is: what was left out there was left out on purpose."""
    for section in untouched_sections(choices, catalogue, progress):
        answers = SectionAnswers(agreements={a.id: AgreementAnswer(include=True) for a in section.agreements})
        choices = apply_section(choices, catalogue, section, answers)
        set_section_status(progress, section.number, TAKEN)
    return choices


def own_after_options(section: Section) -> list[tuple[str, int]]:
    """Where an own agreement can go: ("", 0) for the top, else (id, catalogue number)."""
    return [("", 0), *((a.id, a.number) for a in section.agreements)]


def note_numbers(choices: Choices) -> dict[str, int]:
    """The number each catalogue agreement gets in the note (1..N in note order), by id, for cross-references."""
    numbers: dict[str, int] = {}
    for number, choice in enumerate((c for p in choices.sections for c in p.agreements), start=1):
        if choice.id:
            numbers[choice.id] = number
    return numbers


# ---------------------------------------------------------------- own sections


def normalise_order(choices: Choices, catalogue: Catalogue) -> Choices:
    """The note with its parts in note order: catalogue order, own sections after their anchor."""
    index = {s.number: i for i, s in enumerate(catalogue.sections)}
    end = len(index)

    def key(part: Part) -> tuple[int, int]:
        if part.number:
            return (index.get(part.number, end), 0)
        if part.after == "":
            return (-1, 1)
        return (index.get(part.after, end), 1)

    return dataclasses.replace(choices, sections=tuple(sorted(choices.sections, key=key)))


def add_own_section(
    choices: Choices, catalogue: Catalogue, title: str, after: str | None = None
) -> tuple[Choices, str]:
    """The note with a new own section, at the end unless `after` says otherwise; and the new section's key."""
    if after is None:
        after = catalogue.sections[-1].number if catalogue.sections else ""
    part = Part(key=next_key({p.key for p in choices.sections if p.is_own}), title=title, after=after)
    return normalise_order(dataclasses.replace(choices, sections=(*choices.sections, part)), catalogue), part.key


def move_own_section(choices: Choices, catalogue: Catalogue, key: str, step: int) -> Choices:
    """The note with an own section one place up (-1) or down (+1) among the visible parts."""
    part = choices.own_part(key)
    if part is None:
        return choices
    parts = list(choices.sections)
    i = parts.index(part)
    j = i + step
    if not 0 <= j < len(parts):
        return choices
    other = parts[j]
    numbers = [s.number for s in catalogue.sections]
    if other.is_own:
        part, other = dataclasses.replace(part, after=other.after), dataclasses.replace(other, after=part.after)
    elif step < 0:
        position = numbers.index(other.number)
        part = dataclasses.replace(part, after=numbers[position - 1] if position > 0 else "")
    else:
        part = dataclasses.replace(part, after=other.number)
    parts[i], parts[j] = other, part
    return normalise_order(dataclasses.replace(choices, sections=tuple(parts)), catalogue)


def delete_own_section(choices: Choices, key: str) -> Choices:
    """The note without the own section with this key; an unknown key changes nothing."""
    return choices.without_part(key) if choices.own_part(key) else choices


def section_after_options(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Where an own section can go: ("", "") first, else (number, title) to follow."""
    return [("", ""), *((s.number, s.title) for s in catalogue.sections)]


# ---------------------------------------------------------------- progress


def section_status(progress: dict, choices: Choices, number: str) -> str:
    """niet-begonnen, bezig, overgenomen or klaar, as shown on the task list."""
    status = progress.get("sections", {}).get(number)
    if status in (IN_PROGRESS, DONE, TAKEN):
        return status
    return IN_PROGRESS if choices.part(number) else NOT_STARTED


def set_section_status(progress: dict, number: str, status: str) -> None:
    """Record a section's task-list status in the draft's progress (read back by `section_status`)."""
    progress.setdefault("sections", {})[number] = status


# ---------------------------------------------------------------- review


def final_text(
    choice: AgreementChoice, agreement: Agreement | None, tailor: Tailor | None = None, marked: bool = False
) -> str:
    """The text in the note: the user's own words as they are, else the wording tailored; placeholders filled.

    This is the one place that decides an agreement's words: the section page, the review page and
    the Word document all come here (`marked` marks what tailoring changed, for the wizard's pages).
    """
    if choice.text or agreement is None:
        text = choice.text
    else:
        text = choice.catalogue_text or wording_text(agreement, choice.variant)
        if not choice.untailored:
            text = tailored_wording(tailor, agreement, choice.variant, text, marked)
    return fill_placeholders(text, choice.fills[0] if choice.fills else "")
