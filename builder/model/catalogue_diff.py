"""What changed between two editions: agreements added, removed and reworded.

Rewordings come with a word-level diff, so a curator (and later a user) sees
at a glance which words Kortom changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .catalogue import Agreement, Catalogue
from .text import to_editable


@dataclass(frozen=True)
class AgreementChange:
    kind: str  # "added", "removed" or "reworded"
    agreement_id: str
    old_number: int = 0
    new_number: int = 0
    words: list[tuple[str, str]] = field(default_factory=list)


def full_text(agreement: Agreement) -> str:
    """Everything a user could take over: text, sub-items, notes and variants."""
    parts = [to_editable(agreement.text, agreement.items)]
    parts += [f"Tip van Kortom: {n}" for n in agreement.notes]
    parts += [f"{v.label}: {' '.join(v.text)}" for v in agreement.variants]
    if agreement.subheading:
        parts.insert(0, f"[{agreement.subheading}]")
    return "\n\n".join(parts)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces with op in equal/delete/insert, compared word by word."""
    a, b = old.split(), new.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", " ".join(b[j1:j2])))
    return pieces


def compare(old: Catalogue, new: Catalogue) -> list[AgreementChange]:
    """Changes from `old` to `new`, in the order of the new edition (removals last)."""
    before = {a.id: a for a in old.agreements}
    after = {a.id: a for a in new.agreements}
    changes = []
    for agreement in new.agreements:
        previous = before.get(agreement.id)
        if previous is None:
            changes.append(
                AgreementChange(
                    "added", agreement.id, new_number=agreement.number, words=[("insert", full_text(agreement))]
                )
            )
        elif full_text(previous) != full_text(agreement):
            changes.append(
                AgreementChange(
                    "reworded",
                    agreement.id,
                    previous.number,
                    agreement.number,
                    word_diff(full_text(previous), full_text(agreement)),
                )
            )
    for agreement in old.agreements:
        if agreement.id not in after:
            changes.append(
                AgreementChange(
                    "removed", agreement.id, old_number=agreement.number, words=[("delete", full_text(agreement))]
                )
            )
    return changes
