"""Curators' whole wordings of an agreement for one kind of organisation (`TailoredText`): how they are marked,
what `catalogue check` and the curators' page say about them, and the sentences a kind's tailoring changes.

A terminology table swaps words; where that cannot say it right (who approves a province's press
releases), curators write the wording whole for that kind, kept in the edition's terminology.yaml
(docs/terminology.md). model/terminology.py's `Tailor` puts it in the note instead of the table's
version; here it is marked word by word against the catalogue's wording, as the table's words are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .catalogue import Catalogue, Terminology, holds_placeholder
from .crossref import targets

MARK, END = "\ue000", "\ue001"  # around a stretch tailoring changed, in a marked text


_TOKEN = re.compile(r"\S+|\s+")


def compared(catalogue: tuple[str, ...], said: tuple[str, ...], marked: bool) -> tuple[str, ...]:
    """The curators' paragraphs, each marked where it differs from the catalogue's paragraph at its place."""
    if not marked:
        return said
    padded = catalogue + ("",) * len(said)
    return tuple(marked_change(padded[i], text) for i, text in enumerate(said))


def marked_change(original: str, said: str) -> str:
    """`said` with the words that differ from `original` wrapped in MARK…END (never across a line, never a list's
    leading "- "), as the table's replacements are marked."""
    old = [t for t in _TOKEN.findall(original) if not t.isspace()]
    tokens = _TOKEN.findall(said)
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=old, b=[tokens[i] for i in words], autojunk=False)
    for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            changed.update(words[j1:j2])
    out, open_ = [], False
    for i, token in enumerate(tokens):
        leading_dash = token == "-" and (i == 0 or "\n" in tokens[i - 1])
        mark = i in changed and not leading_dash
        if token.isspace():
            joins = open_ and "\n" not in token and i + 1 in changed
            if open_ and not joins:
                out.append(END)
                open_ = False
        elif mark and not open_:
            out.append(MARK)
            open_ = True
        elif not mark and open_:
            out.append(END)
            open_ = False
        out.append(token)
    if open_:
        out.append(END)
    return "".join(out)


@dataclass(frozen=True)
class TextProblem:
    """A curators' wording that cannot stand as written: where ("texts[2].variant"), and why, in English."""

    where: str
    message: str
    kind: str = ""  # "placeholder" or "crossref" where a curator's text is the cause


def text_problems(catalogue: Catalogue, terms: Terminology) -> list[TextProblem]:
    """What `catalogue check` and the curators' page say about a table's wordings: each names an agreement and
    wording of the edition, once; has a text and a reason; keeps the wording's "(specifieer)" and refers only to
    agreements that exist."""
    problems: list[TextProblem] = []
    ids = {a.id: a for a in catalogue.agreements}
    seen: set[tuple[str, str]] = set()
    for i, text in enumerate(terms.texts):
        here = f"texts[{i}]"
        agreement = ids.get(text.agreement)
        if agreement is None:
            problems.append(TextProblem(f"{here}.agreement", f"unknown agreement '{text.agreement}'"))
            continue
        if text.variant and agreement.variant(text.variant) is None:
            problems.append(TextProblem(f"{here}.variant", f"agreement '{text.agreement}' has no '{text.variant}'"))
            continue
        if (text.agreement, text.variant) in seen:
            problems.append(TextProblem(here, f"a second wording of '{text.agreement}' {text.variant}".rstrip()))
        seen.add((text.agreement, text.variant))
        if not any(p.strip() for p in text.text):
            problems.append(TextProblem(f"{here}.text", "needs a text"))
        if not text.reason.strip():
            problems.append(TextProblem(f"{here}.reason", "needs a reason (why the table is not enough)"))
        written = " ".join((*text.text, *text.items))
        if any(holds_placeholder(p) for p in agreement.wording(text.variant)) != holds_placeholder(written):
            message = "must keep the wording's (specifieer), and only that"
            problems.append(TextProblem(f"{here}.text", message, "placeholder"))
        problems += [
            TextProblem(f"{here}.text", f"cross-reference to unknown agreement '{target}'", "crossref")
            for target in targets(written)
            if target not in ids
        ]
    return problems


@dataclass(frozen=True)
class ChangedSentence:
    """A sentence of the edition that a kind's tailoring changes: where it stands, as the catalogue and the note say
    it (marked), and whether a table line or a curators' wording changed it."""

    where: str
    catalogue: str
    said: str
    written: bool  # a curators' wording (TailoredText), not the table


_SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-Z‘“(])|\n+")


def sentences(text: str) -> list[str]:
    """A text cut into its sentences and lines."""
    return [s for s in _SENTENCE.split(text) if s.strip()]
