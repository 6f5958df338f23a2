"""Read, check and write the catalogue as YAML files under `agreements/`.

One folder per edition: `edition.yaml` (metadata and introduction),
`chapters.yaml` (intro chapters), `terminology.yaml` (the edition's words per kind of
organisation, optional) and `sections/NN-<id>.yaml`, one per section.
Each file is the plain data of part of the `Catalogue` (model/plain.py), with a
little reshaping of its own: `chapters.yaml` wraps the list in a `chapters:` key,
`terminology.yaml` holds the edition's `terminology` under that key,
and a section file lists its agreements' variants after the agreements, each
naming its `agreement:`. Reading is YAML, then that reshaping, then `from_plain`
(which checks field by field), then the checks that span fields and files.
Writing is `to_plain` without empty optional fields, the reshaping, then YAML:
the exact inverse, so files written by `catalogue dump` load back unchanged and a
curator's edit is a small diff.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..model import plain
from ..model.catalogue import ID, REQUIRED, SECTION_NUMBER, Catalogue, Chapter, Edition, Section, Terminology, Variant
from ..model.migrations import migration_problems
from .catalogue_checks import Problem, cross_checks

__all__ = ["CatalogueError", "Problem", "check_tree", "edition_files", "read_edition", "read_tree", "write_edition"]

T = TypeVar("T")


class CatalogueError(Exception):
    """Raised when files cannot be turned into a valid catalogue."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class _ChaptersFile:
    """chapters.yaml: a mapping with the one key `chapters`."""

    chapters: tuple[Chapter, ...] = field(default=(), metadata=REQUIRED)


@dataclass(frozen=True)
class _TerminologyFile:
    """terminology.yaml: a mapping with the one key `terminology`, the edition's tables."""

    terminology: tuple[Terminology, ...] = field(default=(), metadata=REQUIRED)


@dataclass(frozen=True)
class _VariantOf:
    """What a variant in a section file says besides the `Variant` itself: the agreement it belongs to."""

    agreement: str = field(metadata=ID)


# ---------------------------------------------------------------- reading


class _File:
    """One file being read: its problems are named after it."""

    def __init__(self, name: str, problems: list[Problem]):
        self.name = name
        self.problems = problems

    def problem(self, where: str, message: str) -> None:
        """A problem found beyond what the fields' types and rules say."""
        self.problems.append(Problem(self.name, where, message))

    def read(self, cls: type[T], data: Any, where: str = "") -> T:
        """`cls` from plain data, with every problem of its fields reported against this file."""
        found: list[plain.Problem] = []
        value = plain.from_plain(cls, data, found, where)
        self.problems.extend(Problem(self.name, p.path, p.message) for p in found)
        return value


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


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _with_lenient_references(data: dict) -> dict:
    """The files may give a reference's one agreement as a plain id instead of a list of one."""
    refs = data.get("references")
    if not isinstance(refs, list):
        return data
    lenient = [
        {**r, "agreements": _as_list(r["agreements"])} if isinstance(r, dict) and "agreements" in r else r for r in refs
    ]
    return {**data, "references": lenient}


def _read_chapters(data: Any, f: _File) -> tuple[Chapter, ...]:
    if isinstance(data, dict) and isinstance(data.get("chapters"), list):
        chapters = [_with_lenient_references(c) if isinstance(c, dict) else c for c in data["chapters"]]
        data = {**data, "chapters": chapters}
    return f.read(_ChaptersFile, data).chapters


def _read_variants(data: Any, f: _File) -> list[tuple[str, str, Variant]]:
    """The variants listed in a section file as (field path, agreement id, variant), in file order."""
    found: list[tuple[str, str, Variant]] = []
    for i, raw in enumerate(_as_list(data)):
        here = f"variants[{i}]"
        agreement_id = ""
        if isinstance(raw, dict):
            attached = {key: raw[key] for key in ("agreement",) if key in raw}
            agreement_id = f.read(_VariantOf, attached, here).agreement
            raw = {key: value for key, value in raw.items() if key != "agreement"}
        variant = f.read(Variant, raw, here)
        if any(a == agreement_id and v.label == variant.label for _, a, v in found):
            f.problem(f"{here}.label", f"duplicate variant label '{variant.label}' for agreement '{agreement_id}'")
        found.append((here, agreement_id, variant))
    return found


def _agreements_without_variants(raw: Any, f: _File) -> Any:
    """A section file lists variants at section level; one inside an agreement is an unknown field there."""
    if not isinstance(raw, list):
        return raw
    for i, entry in enumerate(raw):
        if isinstance(entry, dict) and "variants" in entry:
            f.problem(f"agreements[{i}].variants", "unknown field")
    return [{k: v for k, v in e.items() if k != "variants"} if isinstance(e, dict) else e for e in raw]


def _read_section(data: Any, f: _File) -> Section:
    if not isinstance(data, dict):
        return f.read(Section, data)
    data = _with_lenient_references(data)
    found = _read_variants(data.get("variants"), f)
    rest = {key: value for key, value in data.items() if key != "variants"}
    if "agreements" in rest:
        rest["agreements"] = _agreements_without_variants(rest["agreements"], f)
    section = f.read(Section, rest)
    known = {a.id for a in section.agreements}
    variants: dict[str, list[Variant]] = {}
    for here, agreement_id, variant in found:
        if agreement_id and agreement_id not in known:
            f.problem(f"{here}.agreement", f"variant attached to unknown agreement '{agreement_id}'")
        variants.setdefault(agreement_id, []).append(variant)
    if not found:
        return section
    agreements = tuple(dataclasses.replace(a, variants=tuple(variants.get(a.id, ()))) for a in section.agreements)
    return dataclasses.replace(section, agreements=agreements)


def read_edition(folder: Path, problems: list[Problem]) -> Catalogue | None:
    """Read one edition folder; problems are appended, None if unusable."""
    root = folder.parent
    before = len(problems)
    meta_path, chapters_path = folder / "edition.yaml", folder / "chapters.yaml"
    if not meta_path.exists():
        problems.append(Problem(_display(meta_path, root), "", "file is missing"))
        return None
    meta_name = _display(meta_path, root)
    meta = _load_yaml(meta_path, root, problems)
    if isinstance(meta, dict) and "terminology" in meta:
        problems.append(Problem(meta_name, "terminology", "belongs in terminology.yaml"))
        meta = {k: v for k, v in meta.items() if k != "terminology"}
    edition = _File(meta_name, problems).read(Edition, meta)
    edition = dataclasses.replace(edition, terminology=_read_terminology(folder / "terminology.yaml", root, problems))
    if edition.id and edition.id != folder.name:
        problems.append(Problem(meta_name, "id", f"'{edition.id}' does not match folder '{folder.name}'"))
    chapters: tuple[Chapter, ...] = ()
    chapters_name = _display(chapters_path, root)
    if chapters_path.exists():
        chapters = _read_chapters(_load_yaml(chapters_path, root, problems), _File(chapters_name, problems))
    found: list[tuple[Section, str]] = []
    paths = sorted((folder / "sections").glob("*.yaml"))
    if not paths:
        problems.append(Problem(_display(folder / "sections", root), "", "no section files found"))
    for path in paths:
        data = _load_yaml(path, root, problems)
        if data is not None:
            name = _display(path, root)
            found.append((_read_section(data, _File(name, problems)), name))
    found.sort(key=lambda pair: _section_order(pair[0]))
    catalogue = Catalogue(edition=edition, chapters=chapters, sections=tuple(s for s, _ in found))
    problems.extend(cross_checks(catalogue, [name for _, name in found], chapters_name))
    problems.extend(_wording_problems(catalogue, _display(folder / "terminology.yaml", root)))
    return catalogue if len(problems) == before else None


def _wording_problems(catalogue: Catalogue, name: str) -> list[Problem]:
    """The curators' wordings per kind (model/tailored.py) must name agreements and wordings of this edition."""
    from ..model.tailored import text_problems

    return [
        Problem(name, f"terminology[{i}].{problem.where}", problem.message)
        for i, table in enumerate(catalogue.edition.terminology)
        for problem in text_problems(catalogue, table)
    ]


def _read_terminology(path: Path, root: Path, problems: list[Problem]) -> tuple[Terminology, ...]:
    """The tables of terminology.yaml (none without the file), each checked as a whole (model/terminology.py)."""
    if not path.exists():
        return ()
    from ..model.terminology import table_problems

    f = _File(_display(path, root), problems)
    tables = f.read(_TerminologyFile, _load_yaml(path, root, problems)).terminology
    seen: set[str] = set()
    for i, table in enumerate(tables):
        if table.organisation in seen:
            f.problem(f"terminology[{i}].organisation", f"a second table for '{table.organisation}'")
        seen.add(table.organisation)
        for problem in table_problems(table):
            f.problem(f"terminology[{i}].{problem.where}", problem.message)
    return tables


def _section_order(section: Section) -> tuple[int, ...]:
    if not SECTION_NUMBER.match(section.number):
        return (999_999,)
    return tuple(int(part) for part in section.number.split("."))


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
    catalogues = {c.edition.id: (c, folder) for folder in folders if (c := read_edition(folder, problems))}
    for catalogue, folder in catalogues.values():
        previous = catalogues.get(catalogue.edition.based_on, (None, None))[0]
        if catalogue.edition.migrations and previous is None:
            problems.append(Problem(_display(folder / "edition.yaml", root), "migrations", "needs based_on"))
        for where, message in migration_problems(previous, catalogue) if previous else ():
            problems.append(Problem(_display(folder / "edition.yaml", root), where, message))
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


def _section_file(section: dict[str, Any]) -> dict[str, Any]:
    """A section's plain data as its file lists it: the variants after the agreements, each naming its agreement."""
    variants = [{"agreement": a["id"], **v} for a in section["agreements"] for v in a.pop("variants", [])]
    data: dict[str, Any] = {}
    for key, value in section.items():
        data[key] = value
        if key == "agreements" and variants:
            data["variants"] = variants
    return data


def edition_files(catalogue: Catalogue) -> dict[str, str]:
    """The files of one edition as {relative path: YAML text}."""
    data = catalogue.to_plain(compact=True)
    terminology = data["edition"].pop("terminology", [])
    files = {
        "edition.yaml": _dump(data["edition"]),
        "chapters.yaml": _dump({"chapters": data.get("chapters", [])}),
    }
    if terminology:
        files["terminology.yaml"] = _dump({"terminology": terminology})
    for position, section in enumerate(data.get("sections", []), start=1):
        files[f"sections/{position:02d}-{section['id']}.yaml"] = _dump(_section_file(section))
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
    if "terminology.yaml" not in files:
        (folder / "terminology.yaml").unlink(missing_ok=True)
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder
