"""Optimistic concurrency for curated objects: the version a form was filled in on, and a three-way merge.

A curation form posts, with its fields, the version of what it showed: a short fingerprint of each
field's value (`version_of`). On saving, each field is one of three cases (`merge`):

- the curator left it as shown: whatever is stored now stays (someone else's change survives);
- the curator changed it, and nobody else did (or made the very same change: a double click): it is saved;
- both changed it, differently: a conflict, shown to the curator to choose or merge.

Fingerprints are of content, so they need no counter in the database, survive an edition being
stored as a whole, and make a change that was undone again count as no change at all.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
from collections.abc import Mapping

from . import plain

Values = Mapping[str, str | None]  # field name -> value as the form shows it; None: the object is gone


def digest(value: str | None) -> str:
    """A short fingerprint of one field's value ("-" for a value that is gone)."""
    if value is None:
        return "-"
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def version_of(values: Values) -> str:
    """The version a form carries: the fingerprint of each of its fields, as one URL-safe text."""
    return encode({name: digest(value) for name, value in values.items()})


def encode(fingerprints: Mapping[str, str]) -> str:
    """Fingerprints by name as one URL-safe text, for a form to carry (`read_version` reads it back)."""
    data = json.dumps(fingerprints, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


def fingerprint(value: object) -> str:
    """The version of a whole object, for forms that act on it as one (a removal, an order, publishing).

    `value` is a model object (a dataclass), plain data, or a tuple or list of them: its plain form
    (model/plain.py) as canonical JSON is what is fingerprinted, so equal content has one version.
    """
    return digest(json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain.to_plain(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def read_version(version: str | None) -> dict[str, str]:
    """The fingerprints a posted version holds; a missing or garbled one holds none (every change then counts)."""
    if not version:
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(version + "=" * (-len(version) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def with_seen(version: str | None, seen: Values) -> str:
    """A version in which the fields of `seen` count as shown with these values (after a conflict was seen)."""
    shown = read_version(version)
    shown.update({name: digest(value) for name, value in seen.items()})
    return encode(shown)


def merge(
    version: str | None, posted: Values, current: Values, keep: frozenset[str] = frozenset()
) -> tuple[dict[str, str | None], list[str]]:
    """The values to store (current ones overlaid with the curator's changes) and the fields in conflict.

    `keep` names fields the curator chose to leave as they are stored now.
    """
    shown = read_version(version)
    merged = dict(current)
    conflicts = []
    for name, mine in posted.items():
        theirs = current.get(name)
        if name in keep or shown.get(name) == digest(mine) or mine == theirs:
            continue
        if shown.get(name) != digest(theirs):  # changed since it was shown (or the version does not say)
            conflicts.append(name)
        else:
            merged[name] = mine
    return merged, conflicts
