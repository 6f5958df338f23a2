"""Texts that name agreements by number ("zie afspraak 37"), so a move or removal can warn about them.

Numbers follow the order of an edition, so moving or removing an agreement changes the number of
others, and a text that says "afspraak 37" then points at another one. Until such references are
structured, they are found in the texts themselves: "afspraak 37", "afspraken 12 en 13",
"afspraken 12, 13 of 14", "afspraken 12 tot 14", "afspraken 12-14".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .catalogue import Catalogue
from .messages import N_, Message
from .text import first_words

_NUMBERS = r"\d+(?:\s*(?:,|\ben\b|\bof\b|\btot en met\b|\btot\b|t\.e\.m\.|-|–)\s*\d+)*"
MENTION = re.compile(rf"\bafspra(?:ak|ken)\s+({_NUMBERS})", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)\s*(?:\btot en met\b|\btot\b|t\.e\.m\.|-|–)\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One place where a text names an agreement by number: the number, where, and the words as written."""

    number: int
    where: Message
    quote: str


def numbers_in(text: str) -> list[tuple[int, str]]:
    """Every agreement number a text names, with the words that name it ("afspraken 12 en 13" names 12 and 13)."""
    found = []
    for match in MENTION.finditer(text):
        listed = match.group(1)
        numbers = set()
        for start, end in _RANGE.findall(listed):
            if int(end) - int(start) <= 100:
                numbers.update(range(int(start), int(end) + 1))
        numbers.update(int(n) for n in re.findall(r"\d+", listed))
        found += [(n, match.group(0)) for n in sorted(numbers)]
    return found


def _texts(catalogue: Catalogue) -> Iterator[tuple[Message, str]]:
    """Every text of an edition that a curator writes, with where it is."""
    for block in catalogue.edition.introduction:
        yield Message(N_("de inleiding van de editie")), " ".join((block.text, block.heading, *block.items))
    for chapter in catalogue.chapters:
        where = Message(N_("hoofdstuk “%(title)s”"), {"title": chapter.title})
        for block in chapter.body:
            yield where, " ".join((block.text, block.heading, *block.items))
    for section in catalogue.sections:
        for paragraph in section.intro:
            yield Message(N_("de inleiding van onderdeel %(number)s"), {"number": section.number}), paragraph
        for agreement in section.agreements:
            number = {"number": agreement.number}
            yield Message(N_("de tekst van afspraak %(number)d"), number), " ".join((*agreement.text, *agreement.items))
            for note in agreement.notes:
                yield Message(N_("een noot bij afspraak %(number)d"), number), note
            for variant in agreement.variants:
                where = Message(N_("variant “%(label)s” van afspraak %(number)d"), {**number, "label": variant.label})
                yield where, " ".join(variant.text)


def mentions(catalogue: Catalogue) -> list[Mention]:
    """Every mention of an agreement by number in the texts of an edition."""
    return [Mention(n, where, quote) for where, text in _texts(catalogue) for n, quote in numbers_in(text)]


def touched(before: Catalogue, after: Catalogue) -> list[Message]:
    """Warnings for mentions whose agreement a change gives another number or removes."""
    was = {a.number: a for a in before.agreements}
    now = {a.id: a.number for a in after.agreements}
    warnings = []
    for mention in mentions(after):
        agreement = was.get(mention.number)
        if agreement is None or now.get(agreement.id) == mention.number:
            continue
        params = {"quote": mention.quote, "where": mention.where, "words": first_words(agreement.text[0], 6)}
        if agreement.id not in now:
            text = N_("Let op: %(where)s noemt “%(quote)s”; die afspraak (“%(words)s”) verdwijnt. Pas die tekst aan.")
        else:
            params["new"] = now[agreement.id]
            text = N_(
                "Let op: %(where)s noemt “%(quote)s”; die afspraak (“%(words)s”) krijgt nummer %(new)d. "
                "Pas die tekst aan."
            )
        warnings.append(Message(text, params))
    return warnings
