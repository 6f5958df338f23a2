"""The checks of `catalogue check` that span fields and files: unique ids and numbers, no gaps, valid references."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import crossref
from ..model.catalogue import Catalogue, Section


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the catalogue files, named by file and field."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


def cross_checks(catalogue: Catalogue, files: list[str], chapters_file: str) -> list[Problem]:
    """Checks that span files: unique ids and numbers, no gaps, valid references."""
    problems: list[Problem] = []
    ids, numbers = _unique_ids_and_numbers(catalogue, files, problems)
    problems.extend(_gaps(numbers))
    chapter_ids: set[str] = set()
    for i, chapter in enumerate(catalogue.chapters):
        if chapter.id in chapter_ids:
            problems.append(Problem(chapters_file, f"chapters[{i}].id", f"duplicate id '{chapter.id}'"))
        chapter_ids.add(chapter.id)
    problems.extend(_cross_reference_checks(catalogue, files, chapters_file, ids))
    for section, file in zip(catalogue.sections, files, strict=True):
        for i, ref in enumerate(section.references):
            for j, agreement_id in enumerate(ref.agreements):
                if agreement_id not in ids:
                    problems.append(
                        Problem(
                            file,
                            f"references[{i}].agreements[{j}]",
                            f"reference attached to unknown agreement '{agreement_id}'",
                        )
                    )
    return problems


def _texts(section: Section):
    """Every (field path, text) of a section, where a cross-reference may stand."""
    yield from ((f"intro[{i}]", t) for i, t in enumerate(section.intro))
    for i, a in enumerate(section.agreements):
        for name in ("text", "items", "notes"):
            yield from ((f"agreements[{i}].{name}[{j}]", t) for j, t in enumerate(getattr(a, name)))
        yield from ((f"agreements[{i}].variants[{j}].text", " ".join(v.text)) for j, v in enumerate(a.variants))


def _cross_reference_checks(catalogue: Catalogue, files: list[str], chapters_file: str, ids: dict) -> list[Problem]:
    """A cross-reference [[id|…]] must name an agreement of the edition."""
    found = [
        (file, where, text) for s, file in zip(catalogue.sections, files, strict=True) for where, text in _texts(s)
    ]
    for i, chapter in enumerate(catalogue.chapters):
        for j, block in enumerate(chapter.body):
            text = block.text or block.tip or " ".join(block.items)
            found.append((chapters_file, f"chapters[{i}].body[{j}]", text))
    return [
        Problem(file, where, f"cross-reference to unknown agreement '{target}'")
        for file, where, text in found
        for target in crossref.targets(text)
        if target not in ids
    ]


def _unique_ids_and_numbers(
    catalogue: Catalogue, files: list[str], problems: list[Problem]
) -> tuple[dict[str, str], dict[int, str]]:
    """The file of each agreement id and number, reporting duplicates (and duplicate section numbers)."""
    ids: dict[str, str] = {}
    numbers: dict[int, str] = {}
    sections: dict[str, str] = {}
    for section, file in zip(catalogue.sections, files, strict=True):
        if section.number in sections:
            message = f"duplicate section number {section.number} (also in {sections[section.number]})"
            problems.append(Problem(file, "number", message))
        sections.setdefault(section.number, file)
        for i, agreement in enumerate(section.agreements):
            if agreement.id in ids:
                message = f"duplicate id '{agreement.id}' (also in {ids[agreement.id]})"
                problems.append(Problem(file, f"agreements[{i}].id", message))
            if agreement.number in numbers:
                message = f"duplicate number {agreement.number} (also in {numbers[agreement.number]})"
                problems.append(Problem(file, f"agreements[{i}].number", message))
            ids.setdefault(agreement.id, file)
            if agreement.number:
                numbers.setdefault(agreement.number, file)
    return ids, numbers


def _gaps(numbers: dict[int, str]) -> list[Problem]:
    """The first gap in the agreement numbers, which run 1..N through the edition."""
    expected = 1
    for number in sorted(numbers):
        if number != expected:
            missing = ", ".join(str(n) for n in range(expected, number))
            message = f"numbers skip from {expected - 1} to {number}: {missing} missing"
            return [Problem(numbers[number], "number", message)]
        expected = number + 1
    return []
