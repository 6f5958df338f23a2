"""References from one catalogue text to an agreement, by id, so a note never names a stale number.

Inside any catalogue text, `[[ID]]` stands for "afspraak N", where N is the agreement's number in
the note being built. `[[ID|text]]` gives the words around the number, `#` marking where it goes;
`[[ID|text|alternative]]` adds what the note says instead when the agreement is not in it (without
an alternative it says nothing there). For example:

    Zie ook het luik ‘Politieke neutraliteit’[[enkel-beslist-beleid|, eerder in dit document bij afspraak #]].

`segments()` splits a text into plain text and numbers; the Word document makes each number a REF
field to the agreement's bookmark, the HTML pages print it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

REFERENCE = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:\|([^|\]]*))?(?:\|([^\]]*))?\]\]")
NUMBER = "#"


@dataclass(frozen=True)
class Number:
    """The note's number of a referred agreement, at the place it goes in a text."""

    agreement_id: str
    number: int


def targets(text: str) -> list[str]:
    """The agreement ids a text refers to, in order (for `catalogue check`)."""
    return [m.group(1) for m in REFERENCE.finditer(text)] if "[[" in text else []


def segments(text: str, numbers: Mapping[str, int]) -> list[str | Number]:
    """The text as the note says it: plain parts and `Number`s; a reference to an agreement not in the note
    becomes its alternative, or nothing."""
    if "[[" not in text:
        return [text]
    found: list[str | Number] = []
    position = 0
    for match in REFERENCE.finditer(text):
        found.append(text[position : match.start()])
        agreement_id, words, alternative = match.group(1), match.group(2), match.group(3)
        number = numbers.get(agreement_id)
        if number is None:
            found.append(alternative or "")
        else:
            before, _sign, after = (words if words is not None else "afspraak #").partition(NUMBER)
            found += [before, Number(agreement_id, number), after]
        position = match.end()
    found.append(text[position:])
    return [s for s in found if s != ""]


def resolve(text: str, numbers: Mapping[str, int]) -> str:
    """The text as the note says it, numbers written out (for the HTML pages)."""
    if "[[" not in text:
        return text
    return "".join(s if isinstance(s, str) else str(s.number) for s in segments(text, numbers))


def problems(text: str, known: Container[str]) -> list[tuple[str, str]]:
    """What is wrong with the references in a text a curator typed, before it is stored.

    ("unknown", id) for a reference to an agreement not in `known` (it would say nothing in any note);
    ("broken", start) for "[[" that does not begin a reference as written above (it would show as typed).
    """
    if "[[" not in text:
        return []
    found: list[tuple[str, str]] = []
    starts = set()
    for match in REFERENCE.finditer(text):
        starts.add(match.start())
        if match.group(1) not in known:
            found.append(("unknown", match.group(1)))
    at = text.find("[[")
    while at != -1:
        if at not in starts and (at - 1) not in starts:
            words = text[at:].split("\n")[0].split()
            found.append(("broken", " ".join(words[:4]) + ("…" if len(words) > 4 else "")))
        at = text.find("[[", at + 2)
    return found
