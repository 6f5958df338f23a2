"""Optimistic concurrency for curated objects: the version a form was filled in on, and a three-way merge.

A curation form posts, with its fields, the version of what it showed: a short fingerprint of each
field's value (`version_of`). On saving, each field is one of three cases (`merge`):

- the curator left it as shown: whatever is stored now stays (someone else's change survives);
- the curator changed it, and nobody else did (or made the very same change: a double click): it is saved;
- both changed it, differently: a conflict, shown to the curator to choose or merge.

Fingerprints are of content, so they need no counter in the database, survive an edition being
stored as a whole, and make a change that was undone again count as no change at all.

A field whose lines stand on their own (a terminology table: one "old → new" a line) can be merged
line by line: the version then holds a fingerprint per line, known by its key (`LineKey`: the
left-hand side of a replacement), and the three cases above apply to each line. Lines only one
curator added, changed or removed merge silently; only a line both changed differently is a
conflict (`LineClash`), shown with both versions of that line.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import plain

Values = Mapping[str, str | None]  # field name -> value as the form shows it; None: the object is gone
LineKey = Callable[[str], str]  # what one line of a field merged line by line is known by
Lines = Mapping[str, LineKey]  # the fields merged line by line, with their key


def digest(value: str | None) -> str:
    """A short fingerprint of one field's value ("-" for a value that is gone)."""
    if value is None:
        return "-"
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def version_of(values: Values, lines: Lines | None = None) -> str:
    """The version a form carries: the fingerprint of each of its fields (of each line, for `lines`), as one text."""
    return encode(_prints(values, lines or {}))


def _prints(values: Values, lines: Lines) -> dict[str, str | dict[str, str]]:
    return {name: line_prints(value, lines[name]) if name in lines else digest(value) for name, value in values.items()}


def line_prints(text: str | None, key: LineKey) -> str | dict[str, str]:
    """A fingerprint per line of a text, by the fingerprint of its key ("-" for a text that is gone)."""
    if text is None:
        return "-"
    return {digest(k): digest(line) for k, line in keyed(text, key).items()}


def keyed(text: str, key: LineKey) -> dict[str, str]:
    """The text's lines that are not blank, in order, by their key (a key met again is told apart by a count)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            name, n = key(line.strip()), 1
            while (f"{name}\n{n}" if n > 1 else name) in found:
                n += 1
            found[f"{name}\n{n}" if n > 1 else name] = line.strip()
    return found


def encode(fingerprints: Mapping[str, str | dict[str, str]]) -> str:
    """Fingerprints by name as one URL-safe text, for a form to carry (`read_version` reads it back)."""
    data = json.dumps(fingerprints, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # one text per content


def fingerprint(value: object) -> str:
    """The version of a whole object, for forms that act on it as one (a removal, an order, publishing).

    `value` is a model object (a dataclass), plain data, or a tuple or list of them: its plain form
    (model/plain.py) as canonical JSON is what is fingerprinted, so equal content has one version.
    """
    return digest(CANONICAL.encode(_plain(value)))


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain.to_plain(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def read_version(version: str | None) -> dict[str, str | dict[str, str]]:
    """The fingerprints a posted version holds; a missing or garbled one holds none (every change then counts)."""
    if not version:
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(version + "=" * (-len(version) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str) or _is_prints(v)}


def _is_prints(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def with_seen(version: str | None, seen: Values, lines: Lines | None = None) -> str:
    """A version in which the fields of `seen` count as shown with these values (after a conflict was seen)."""
    shown = read_version(version)
    shown.update(_prints(seen, lines or {}))
    return encode(shown)


@dataclass(frozen=True)
class LineClash:
    """A field merged line by line where both curators changed the same lines differently.

    `rows` holds each such line as (mine, theirs), None where one of them removed it; `mine` and
    `theirs` are the whole merged text with the curator's or the stored version of those lines.
    """

    rows: tuple[tuple[str | None, str | None], ...]
    mine: str
    theirs: str


@dataclass
class Merge:
    """The values to store, the fields in conflict, and for those merged line by line, their clashes."""

    values: dict[str, str | None]
    conflicts: list[str] = field(default_factory=list)
    lines: dict[str, LineClash] = field(default_factory=dict)


def merge(
    version: str | None,
    posted: Values,
    current: Values,
    keep: frozenset[str] = frozenset(),
    lines: Lines | None = None,
) -> Merge:
    """The values to store (current ones overlaid with the curator's changes) and what is in conflict.

    `keep` names fields the curator chose to leave as they are stored now; `lines` the fields merged line by line.
    """
    shown = read_version(version)
    result = Merge(dict(current))
    for name, mine in posted.items():
        theirs, seen = current.get(name), shown.get(name)
        if name in keep or mine == theirs:
            continue
        if lines and name in lines and isinstance(seen, dict) and mine is not None and theirs is not None:
            text, clash = merge_lines(seen, mine, theirs, lines[name])
            result.values[name] = text
            if clash is not None:
                result.conflicts.append(name)
                result.lines[name] = clash
        elif seen == digest(mine):
            continue
        elif seen != digest(theirs):  # changed since it was shown (or the version does not say)
            result.conflicts.append(name)
        else:
            result.values[name] = mine
    return result


def merge_lines(shown: dict[str, str], mine: str, theirs: str, key: LineKey) -> tuple[str, LineClash | None]:
    """Three-way merge of a text line by line: the stored text with the curator's changes, and any clash."""
    ours, stored = keyed(mine, key), keyed(theirs, key)
    merged: dict[str, str | None] = dict(stored)
    clashes: list[str] = []
    for k in [*ours, *(k for k in stored if k not in ours)]:
        base, m, t = shown.get(digest(k), "-"), ours.get(k), stored.get(k)
        if digest(m) == base or m == t:
            continue
        if digest(t) != base:
            clashes.append(k)
        elif k in merged:
            merged[k] = m
        else:
            merged = _inserted(merged, ours, k)
    if not clashes:
        return _joined(merged), None
    rows = tuple((ours.get(k), stored.get(k)) for k in clashes)
    theirs_text = _joined(merged)
    for k in clashes:
        merged = {**merged, k: ours.get(k)} if k in merged else _inserted(merged, ours, k)
    return _joined(merged), LineClash(rows, _joined(merged), theirs_text)


def _inserted(merged: dict[str, str | None], ours: dict[str, str], k: str) -> dict[str, str | None]:
    """`merged` with the curator's new line `k` after the line it follows in the curator's text."""
    order = list(ours)
    before = next((p for p in reversed(order[: order.index(k)]) if p in merged), None)
    items = list(merged.items())
    at = 0 if before is None else [name for name, _line in items].index(before) + 1
    items.insert(at, (k, ours[k]))
    return dict(items)


def _joined(merged: dict[str, str | None]) -> str:
    return "\n".join(line for line in merged.values() if line is not None)
