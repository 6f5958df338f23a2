"""Read, check and write the catalogue as YAML files under `agreements/`.

One folder per edition: `edition.yaml` (metadata and introduction),
`chapters.yaml` (intro chapters) and `sections/NN-<id>.yaml`, one per section.
The writer is the exact inverse of the reader, so files written by
`catalogue dump` load back unchanged and a curator's edit is a small diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.catalogue import (
    Agreement,
    Block,
    Catalogue,
    Chapter,
    Edition,
    Reference,
    Section,
    Variant,
    blocks_data,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECTION_NUMBER = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the catalogue files, named by file and field."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """Raised when files cannot be turned into a valid catalogue."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------- reading


class _Reader:
    """Turns parsed YAML of one file into model objects, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            self.problem(where, "expected a mapping of fields")
            return {}
        for key in sorted(set(value) - required - optional, key=str):
            self.problem(f"{where}.{key}".lstrip("."), "unknown field")
        for key in sorted(required - set(value)):
            self.problem(f"{where}.{key}".lstrip("."), "required field is missing")
        return value

    def text(self, value: Any, where: str, required: bool = True) -> str:
        if value is None or value == "":
            if required:
                self.problem(where, "required text is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(where, "expected text")
            return ""
        return str(value)

    def texts(self, value: Any, where: str, required: bool = False) -> tuple[str, ...]:
        if value is None:
            value = []
        if not isinstance(value, list):
            self.problem(where, "expected a list of texts")
            return ()
        if required and not value:
            self.problem(where, "required text is missing")
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(value))

    def slug(self, value: Any, where: str) -> str:
        slug = self.text(value, where)
        if slug and not SLUG.match(slug):
            self.problem(where, f"'{slug}' is not a valid id (lowercase letters, digits and dashes)")
        return slug

    def blocks(self, value: Any, where: str) -> tuple[Block, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(where, "expected a list of blocks")
            return ()
        blocks = []
        for i, raw in enumerate(value):
            here = f"{where}[{i}]"
            raw = self.mapping(raw, here, set(), {"text", "heading", "items"})
            if len(raw) != 1:
                self.problem(here, "a block has exactly one of text, heading or items")
                continue
            ((kind, content),) = raw.items()
            if kind == "items":
                blocks.append(Block(items=self.texts(content, f"{here}.items", required=True)))
            elif kind in ("text", "heading"):
                blocks.append(Block(**{kind: self.text(content, f"{here}.{kind}")}))
        return tuple(blocks)

    def references(self, value: Any, where: str) -> tuple[Reference, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(where, "expected a list of references")
            return ()
        refs = []
        for i, raw in enumerate(value):
            here = f"{where}[{i}]"
            raw = self.mapping(raw, here, {"title"}, {"agreements", "url"})
            refs.append(
                Reference(
                    title=self.text(raw.get("title"), f"{here}.title"),
                    agreements=tuple(
                        self.slug(a, f"{here}.agreements[{j}]") for j, a in enumerate(_as_list(raw.get("agreements")))
                    ),
                    url=self.text(raw.get("url"), f"{here}.url", required=False),
                )
            )
        return tuple(refs)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _load_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    name = _display(path, root)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problems.append(Problem(name, where, f"malformed YAML: {getattr(exc, 'problem', exc)}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, "", f"cannot be read: {exc}"))
    return None


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _read_edition_meta(data: Any, r: _Reader) -> Edition:
    data = r.mapping(
        data,
        "",
        {"id", "title", "publisher"},
        {"subtitle", "updates", "status", "introduction", "change_summary", "published_at", "based_on"},
    )
    status = r.text(data.get("status", "published"), "status")
    if status not in ("published", "draft"):
        r.problem("status", "must be 'published' or 'draft'")
    return Edition(
        id=r.text(data.get("id"), "id"),
        title=r.text(data.get("title"), "title"),
        publisher=r.text(data.get("publisher"), "publisher"),
        subtitle=r.text(data.get("subtitle"), "subtitle", required=False),
        updates=r.text(data.get("updates"), "updates", required=False),
        status=status,
        introduction=r.blocks(data.get("introduction"), "introduction"),
        change_summary=r.text(data.get("change_summary"), "change_summary", required=False),
        published_at=r.text(data.get("published_at"), "published_at", required=False),
        based_on=r.text(data.get("based_on"), "based_on", required=False),
    )


def _read_chapters(data: Any, r: _Reader) -> tuple[Chapter, ...]:
    data = r.mapping(data, "", {"chapters"}, set())
    raw_chapters = data.get("chapters") or []
    if not isinstance(raw_chapters, list):
        r.problem("chapters", "expected a list of chapters")
        return ()
    chapters = []
    for i, raw in enumerate(raw_chapters):
        here = f"chapters[{i}]"
        raw = r.mapping(raw, here, {"id", "title"}, {"body", "references"})
        chapters.append(
            Chapter(
                id=r.slug(raw.get("id"), f"{here}.id"),
                title=r.text(raw.get("title"), f"{here}.title"),
                body=r.blocks(raw.get("body"), f"{here}.body"),
                references=r.references(raw.get("references"), f"{here}.references"),
            )
        )
    return tuple(chapters)


def _read_agreement(raw: Any, here: str, r: _Reader, variants: dict) -> Agreement:
    raw = r.mapping(raw, here, {"id", "number", "text"}, {"items", "notes", "subheading"})
    number = raw.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        if "number" in raw:
            r.problem(f"{here}.number", "expected a positive whole number")
        number = 0
    agreement_id = r.slug(raw.get("id"), f"{here}.id")
    return Agreement(
        id=agreement_id,
        number=number,
        text=r.texts(raw.get("text"), f"{here}.text", required=True),
        items=r.texts(raw.get("items"), f"{here}.items"),
        notes=r.texts(raw.get("notes"), f"{here}.notes"),
        subheading=r.text(raw.get("subheading"), f"{here}.subheading", required=False),
        variants=tuple(variants.get(agreement_id, ())),
    )


def _read_variants(data: Any, r: _Reader) -> list[tuple[str, str, Variant]]:
    """Variants as (field path, agreement id, variant), in file order."""
    found: list[tuple[str, str, Variant]] = []
    for i, raw in enumerate(_as_list(data)):
        here = f"variants[{i}]"
        raw = r.mapping(raw, here, {"agreement", "label", "text"}, set())
        agreement_id = r.slug(raw.get("agreement"), f"{here}.agreement")
        label = r.text(raw.get("label"), f"{here}.label")
        if any(a == agreement_id and v.label == label for _, a, v in found):
            r.problem(f"{here}.label", f"duplicate variant label '{label}' for agreement '{agreement_id}'")
        text = r.texts(raw.get("text"), f"{here}.text", required=True)
        found.append((here, agreement_id, Variant(label=label, text=text)))
    return found


def _read_section(data: Any, r: _Reader) -> Section:
    data = r.mapping(data, "", {"number", "id", "title", "agreements"}, {"intro", "variants", "references"})
    number = r.text(data.get("number"), "number")
    if number and not SECTION_NUMBER.match(number):
        r.problem("number", f"'{number}' is not a section number such as '5.1'")
    raw_agreements = data.get("agreements")
    if not isinstance(raw_agreements, list):
        if raw_agreements is not None:
            r.problem("agreements", "expected a list of agreements")
        raw_agreements = []
    found = _read_variants(data.get("variants"), r)
    variants: dict[str, list[Variant]] = {}
    for _, agreement_id, variant in found:
        variants.setdefault(agreement_id, []).append(variant)
    agreements = tuple(_read_agreement(raw, f"agreements[{i}]", r, variants) for i, raw in enumerate(raw_agreements))
    known = {a.id for a in agreements}
    for here, agreement_id, _ in found:
        if agreement_id and agreement_id not in known:
            r.problem(f"{here}.agreement", f"variant attached to unknown agreement '{agreement_id}'")
    return Section(
        id=r.slug(data.get("id"), "id"),
        number=number,
        title=r.text(data.get("title"), "title"),
        intro=r.texts(data.get("intro"), "intro"),
        agreements=agreements,
        references=r.references(data.get("references"), "references"),
    )


def read_edition(folder: Path, problems: list[Problem]) -> Catalogue | None:
    """Read one edition folder; problems are appended, None if unusable."""
    root = folder.parent
    before = len(problems)
    meta_path, chapters_path = folder / "edition.yaml", folder / "chapters.yaml"
    if not meta_path.exists():
        problems.append(Problem(_display(meta_path, root), "", "file is missing"))
        return None
    meta_name = _display(meta_path, root)
    edition = _read_edition_meta(_load_yaml(meta_path, root, problems), _Reader(meta_name, problems))
    if edition.id and edition.id != folder.name:
        problems.append(Problem(meta_name, "id", f"'{edition.id}' does not match folder '{folder.name}'"))
    chapters: tuple[Chapter, ...] = ()
    chapters_name = _display(chapters_path, root)
    if chapters_path.exists():
        data = _load_yaml(chapters_path, root, problems)
        chapters = _read_chapters(data, _Reader(chapters_name, problems))
    found: list[tuple[Section, str]] = []
    paths = sorted((folder / "sections").glob("*.yaml"))
    if not paths:
        problems.append(Problem(_display(folder / "sections", root), "", "no section files found"))
    for path in paths:
        data = _load_yaml(path, root, problems)
        if data is not None:
            name = _display(path, root)
            found.append((_read_section(data, _Reader(name, problems)), name))
    found.sort(key=lambda pair: _section_order(pair[0]))
    catalogue = Catalogue(edition=edition, chapters=chapters, sections=tuple(s for s, _ in found))
    problems.extend(_cross_checks(catalogue, [name for _, name in found], chapters_name))
    return catalogue if len(problems) == before else None


def _section_order(section: Section) -> tuple[int, ...]:
    if not SECTION_NUMBER.match(section.number):
        return (999_999,)
    return tuple(int(part) for part in section.number.split("."))


def _cross_checks(catalogue: Catalogue, files: list[str], chapters_file: str) -> list[Problem]:
    """Checks that span files: unique ids and numbers, no gaps, valid references."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    numbers: dict[int, str] = {}
    sections: dict[str, str] = {}
    for section, file in zip(catalogue.sections, files, strict=True):
        if section.number in sections:
            problems.append(
                Problem(
                    file, "number", f"duplicate section number {section.number} (also in {sections[section.number]})"
                )
            )
        sections.setdefault(section.number, file)
        for i, agreement in enumerate(section.agreements):
            if agreement.id in ids:
                problems.append(
                    Problem(file, f"agreements[{i}].id", f"duplicate id '{agreement.id}' (also in {ids[agreement.id]})")
                )
            if agreement.number in numbers:
                problems.append(
                    Problem(
                        file,
                        f"agreements[{i}].number",
                        f"duplicate number {agreement.number} (also in {numbers[agreement.number]})",
                    )
                )
            ids.setdefault(agreement.id, file)
            if agreement.number:
                numbers.setdefault(agreement.number, file)
    expected = 1
    for number in sorted(numbers):
        if number != expected:
            missing = ", ".join(str(n) for n in range(expected, number))
            problems.append(
                Problem(numbers[number], "number", f"numbers skip from {expected - 1} to {number}: {missing} missing")
            )
            break
        expected = number + 1
    chapter_ids: set[str] = set()
    for i, chapter in enumerate(catalogue.chapters):
        if chapter.id in chapter_ids:
            problems.append(Problem(chapters_file, f"chapters[{i}].id", f"duplicate id '{chapter.id}'"))
        chapter_ids.add(chapter.id)
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


def edition_folders(root: Path) -> list[Path]:
    """Edition folders under `root`, oldest first (folder names sort by year)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def check_tree(root: Path) -> list[Problem]:
    """Every problem in every edition under `root` (empty list when all is well)."""
    problems: list[Problem] = []
    folders = edition_folders(root)
    if not folders:
        problems.append(Problem(str(root), "", "no edition folders found"))
    for folder in folders:
        read_edition(folder, problems)
    return problems


def read_tree(root: Path) -> list[Catalogue]:
    """All editions under `root`; raises CatalogueError listing every problem."""
    problems: list[Problem] = []
    catalogues = [read_edition(folder, problems) for folder in edition_folders(root)]
    if problems or not catalogues:
        raise CatalogueError(problems or [Problem(str(root), "", "no edition folders found")])
    return [c for c in catalogues if c is not None]


# ---------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    """Block style, one paragraph per line, literal style for multi-line text."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=2**31 - 1)


def _compact(mapping: dict) -> dict:
    """Drop optional fields that are empty, so files stay short."""
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in mapping.items() if v not in ("", (), [], None)}


def _references_data(refs: tuple[Reference, ...]) -> list[dict]:
    return [_compact({"title": r.title, "agreements": r.agreements, "url": r.url}) for r in refs]


def edition_files(catalogue: Catalogue) -> dict[str, str]:
    """The files of one edition as {relative path: YAML text}."""
    e = catalogue.edition
    files = {
        "edition.yaml": _dump(
            _compact(
                {
                    "id": e.id,
                    "title": e.title,
                    "subtitle": e.subtitle,
                    "publisher": e.publisher,
                    "updates": e.updates,
                    "status": e.status,
                    "based_on": e.based_on,
                    "published_at": e.published_at,
                    "change_summary": e.change_summary,
                    "introduction": blocks_data(e.introduction),
                }
            )
        ),
        "chapters.yaml": _dump(
            {
                "chapters": [
                    _compact(
                        {
                            "id": c.id,
                            "title": c.title,
                            "body": blocks_data(c.body),
                            "references": _references_data(c.references),
                        }
                    )
                    for c in catalogue.chapters
                ]
            }
        ),
    }
    for position, s in enumerate(catalogue.sections, start=1):
        files[f"sections/{position:02d}-{s.id}.yaml"] = _dump(
            _compact(
                {
                    "number": s.number,
                    "id": s.id,
                    "title": s.title,
                    "intro": s.intro,
                    "agreements": [
                        _compact(
                            {
                                "id": a.id,
                                "number": a.number,
                                "subheading": a.subheading,
                                "text": a.text,
                                "items": a.items,
                                "notes": a.notes,
                            }
                        )
                        for a in s.agreements
                    ],
                    "variants": [
                        {"agreement": a.id, "label": v.label, "text": list(v.text)}
                        for a in s.agreements
                        for v in a.variants
                    ],
                    "references": _references_data(s.references),
                }
            )
        )
    return files


def write_edition(catalogue: Catalogue, root: Path) -> Path:
    """Write one edition to `root/<edition id>/`, replacing its previous files."""
    folder = root / catalogue.edition.id
    files = edition_files(catalogue)
    sections = folder / "sections"
    if sections.is_dir():
        for stale in sections.glob("*.yaml"):
            if f"sections/{stale.name}" not in files:
                stale.unlink()
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder
