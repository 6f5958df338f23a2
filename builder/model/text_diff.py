"""What changed in a text, word by word, and per paragraph, heading and list item of each field.

The curators' history, the publish page and the conflict page all show differences the same way:
per field of an object ("Tekst", "Noten", a variant), per paragraph or sub-item inside it, and
inside a paragraph per word. Fields are read from plain data (model/plain.py), so a history
snapshot and a live catalogue object are compared by the same code.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .messages import N_, Message
from .text import parse_editable

Piece = tuple[str, str]  # (op, text) with op "equal", "delete" or "insert"
Unit = tuple[str, str]  # (style, text) with style "paragraph", "heading" or "item"


MAX_COMPARED = 400 * 400  # word pairs compared one by one; a larger changed middle is shown as replaced whole


def word_diff(old: str, new: str) -> list[Piece]:
    """(op, text) pieces with op in equal/delete/insert, compared word by word.

    The words both texts start and end with are matched in one pass; only the middle that differs
    is compared word by word, and only while it is small (MAX_COMPARED pairs): a long text rewritten
    throughout is shown as the old middle deleted and the new one inserted. The work is linear in the
    texts' length whatever they hold (a 20,000-character agreement took 33 s before the bound)."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    pieces: list[Piece] = [("equal", " ".join(a[:start]))] if start else []
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if len(middle_a) * len(middle_b) > MAX_COMPARED:
        pieces += [("delete", " ".join(middle_a)), ("insert", " ".join(middle_b))]
    else:
        pieces += _compared(middle_a, middle_b)
    if end:
        pieces.append(("equal", " ".join(a[len(a) - end :])))
    return pieces


def _compared(a: list[str], b: list[str]) -> list[Piece]:
    """Word lists compared with difflib, as pieces."""
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", " ".join(b[j1:j2])))
    return pieces


@dataclass(frozen=True)
class BlockDiff:
    """One paragraph, heading or list item that changed, as word pieces."""

    style: str
    words: tuple[Piece, ...]


@dataclass(frozen=True)
class FieldDiff:
    """One field that changed: its label, the blocks that changed, and how many blocks stayed the same."""

    label: Message
    blocks: tuple[BlockDiff, ...]
    unchanged: int = 0


def block_diffs(old: list[Unit], new: list[Unit], every: bool = False) -> tuple[list[BlockDiff], int]:
    """The changed blocks between two lists of units, paired where they were replaced; and the unchanged count.

    With `every`, the unchanged blocks are among them too (all "equal"), for a text shown whole."""
    found: list[BlockDiff] = []
    unchanged = 0
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            unchanged += i2 - i1
            if every:
                found += [BlockDiff(style, (("equal", text),)) for style, text in old[i1:i2]]
            continue
        gone, came = old[i1:i2], new[j1:j2]
        for k in range(max(len(gone), len(came))):
            before = gone[k] if k < len(gone) else None
            after = came[k] if k < len(came) else None
            if before and after and before[0] == after[0]:
                found.append(BlockDiff(after[0], tuple(word_diff(before[1], after[1]))))
                continue
            if before:
                found.append(BlockDiff(before[0], (("delete", before[1]),)))
            if after:
                found.append(BlockDiff(after[0], (("insert", after[1]),)))
    return found, unchanged


def paragraph_units(paragraphs, items=()) -> list[Unit]:
    """Paragraphs, then sub-items, as units."""
    return [("paragraph", p) for p in paragraphs or ()] + [("item", i) for i in items or ()]


def block_units(blocks) -> list[Unit]:
    """Chapter-style blocks (plain mappings with one key: text, heading or items) as units."""
    units: list[Unit] = []
    for block in blocks or ():
        for key, value in block.items():  # one key per block; any other kind than these reads as a paragraph
            if key == "items":
                units.extend(("item", item) for item in value)
            elif value:
                units.append(("heading" if key == "heading" else "paragraph", value))
    return units


NumberOf = Callable[[str], int | None]


def reference_units(references, number_of: NumberOf | None = None) -> list[Unit]:
    """ "Meer lezen?" references as list items: title, address, and the numbers of the agreements they belong to."""
    units: list[Unit] = []
    for ref in references or ():
        line = ref["title"] + (f" – {ref['url']}" if ref.get("url") else "")
        numbers = [n for n in (number_of(a) for a in ref.get("agreements", ())) if n] if number_of else []
        if numbers:
            line += " (" + ("afspraak " if len(numbers) == 1 else "afspraken ")
            line += ", ".join(str(n) for n in sorted(numbers)) + ")"
        units.append(("item", line))
    return units


def _line(value) -> list[Unit]:
    return [("paragraph", value)] if value else []


def _field(key: str, as_units: Callable[[Any], list[Unit]]) -> Callable[[dict], list[Unit]]:
    """Units from one key of an object's plain data."""
    return lambda data: as_units(data.get(key))


def _agreement_text(data: dict) -> list[Unit]:
    return paragraph_units(data.get("text"), data.get("items"))


# Per kind of curated object: (label, how its plain data becomes units), in the order shown.
def _replacements(data: dict) -> list[Unit]:
    return [("item", f"{r['find']} → {r['replace']}") for r in data.get("replacements", ())]


def _tailored_texts(data: dict) -> list[Unit]:
    """A table's own wordings (model/tailored.py): one paragraph each, naming the agreement and its reason."""
    units: list[Unit] = []
    for t in data.get("texts", ()):
        which = f"{t['agreement']} ({t['variant']})" if t.get("variant") else t["agreement"]
        units.append(("heading", which))
        units += paragraph_units(t.get("text"), t.get("items"))
        units.append(("paragraph", t.get("reason", "")))
    return units


FIELDS: dict[str, tuple[tuple[str, Callable[[dict], list[Unit]]], ...]] = {
    "terminology": (
        (N_("Woorden die vervangen worden"), _replacements),
        (N_("Blijft zoals het is"), _field("keep", paragraph_units)),
        (N_("Eigen formuleringen per afspraak"), _tailored_texts),
    ),
    "agreement": (
        (N_("Tussentitel"), _field("subheading", _line)),
        (N_("Tekst"), _agreement_text),
        (N_("Noten voor de lezer"), _field("notes", paragraph_units)),
    ),
    "variant": (
        (N_("Naam van de variant"), _field("label", _line)),
        (N_("Tekst van de variant"), _field("text", paragraph_units)),
    ),
    "section": ((N_("Titel"), _field("title", _line)), (N_("Inleiding"), _field("intro", paragraph_units))),
    "chapter": ((N_("Titel"), _field("title", _line)), (N_("Tekst"), _field("body", block_units))),
    "edition": (
        (N_("Titel"), _field("title", _line)),
        (N_("Ondertitel"), _field("subtitle", _line)),
        (N_("Uitgever"), _field("publisher", _line)),
        (N_("Inleiding bij de catalogus"), _field("introduction", block_units)),
        (N_("Wat veranderde er in deze editie?"), _field("change_summary", _line)),
    ),
}


def field_diffs(kind: str, before: dict | None, after: dict | None, number_of: NumberOf | None = None):
    """Every field of a curated object (plain data, None when absent) that differs, in the order shown."""
    before, after = before or {}, after or {}
    found: list[FieldDiff] = []
    for label, units in FIELDS.get(kind, ()):
        _add(found, Message(label), units(before), units(after))
    if kind in ("section", "chapter"):
        old_refs = reference_units(before.get("references"), number_of)
        new_refs = reference_units(after.get("references"), number_of)
        _add(found, Message(N_("Meer lezen?")), old_refs, new_refs)
    if kind == "agreement":
        found += variant_diffs(before.get("variants", ()), after.get("variants", ()))
    return found


def variant_diffs(before, after) -> list[FieldDiff]:
    """Per variant label: the variant's text as it changed (added, removed or reworded)."""
    old = {v["label"]: v["text"] for v in before or ()}
    new = {v["label"]: v["text"] for v in after or ()}
    found: list[FieldDiff] = []
    for label in [*new, *(k for k in old if k not in new)]:
        name = Message(N_("Variant “%(label)s”"), {"label": label})
        _add(found, name, paragraph_units(old.get(label)), paragraph_units(new.get(label)))
    return found


def _add(found: list[FieldDiff], label: Message, old: list[Unit], new: list[Unit]) -> None:
    if old == new:
        return
    blocks, unchanged = block_diffs(old, new)
    found.append(FieldDiff(label, tuple(blocks), unchanged))


def text_diff(label: Message, old: str, new: str) -> FieldDiff:
    """Two versions of one text field as a field diff, paragraph by paragraph (blank lines part them)."""
    blocks, unchanged = block_diffs(_split(old), _split(new))
    return FieldDiff(label, tuple(blocks), unchanged)


def _split(text: str) -> list[Unit]:
    """A textarea's text as units: its paragraphs, and each "- " line as a list item."""
    units: list[Unit] = []
    for block in parse_editable(text or ""):
        units += [("item", i) for i in block.items] if block.kind == "items" else [("paragraph", block.text)]
    return units
