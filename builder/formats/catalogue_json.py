"""The catalogue as JSON, for `flask catalogue export --format json`.

The export is the catalogue's plain data (model/plain.py) with every field present,
even when empty, in a fixed key order, plus what a reader would otherwise have to
work out: an agreement's and a variant's `text` is its paragraphs joined by a blank
line (the paragraphs themselves follow as the agreement's `paragraphs`), and each
agreement lists the section references that belong to it. The edition leaves out
what only curation uses, and a reference names its `url` before its agreements.
See docs/catalogue-format.md.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.catalogue import Catalogue

EDITION_LEFT_OUT = ("based_on", "change_summary")  # curators' bookkeeping, not part of what is published
REFERENCE_FIRST = ("title", "url")


def joined(paragraphs: list[str]) -> str:
    """Paragraphs as one text, separated by blank lines (the export's `text`)."""
    return "\n\n".join(paragraphs)


def _reference(ref: dict[str, Any]) -> dict[str, Any]:
    return {**{key: ref[key] for key in REFERENCE_FIRST}, **ref}


def _agreement(agreement: dict[str, Any], section_refs: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in agreement.items():
        if key == "text":
            data["text"], data["paragraphs"] = joined(value), value
        elif key == "variants":
            data["variants"] = [{**v, "text": joined(v["text"])} for v in value]
        else:
            data[key] = value
    data["references"] = [_reference(r) for r in section_refs if agreement["id"] in r["agreements"]]
    return data


def _section(section: dict[str, Any]) -> dict[str, Any]:
    data = dict(section)
    data["agreements"] = [_agreement(a, section["references"]) for a in section["agreements"]]
    data["references"] = [_reference(r) for r in section["references"]]
    return data


def export_data(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as the JSON export's data: plain data with its extras, in a fixed key order."""
    data = catalogue.to_plain()
    return {
        "edition": {k: v for k, v in data["edition"].items() if k not in EDITION_LEFT_OUT},
        "chapters": [{**c, "references": [_reference(r) for r in c["references"]]} for c in data["chapters"]],
        "sections": [_section(s) for s in data["sections"]],
    }


def export_json(catalogue: Catalogue) -> str:
    """The export as text: indented, non-ASCII kept, byte for byte the same for the same catalogue."""
    return json.dumps(export_data(catalogue), ensure_ascii=False, indent=2)
