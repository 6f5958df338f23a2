"""Texts that point at an agreement, by number ("zie afspraak 37") or by id ("[[id]]"), for warnings and checks.

Numbers follow the order of an edition, so moving or removing an agreement changes the number of
others, and a text that says "afspraak 37" then points at another one. Such mentions are found in
the texts themselves: "afspraak 37", "afspraken 12 en 13", "afspraken 12, 13 of 14", "afspraken 12
tot 14", "afspraken 12-14". A reference by id (`[[id]]`, model/crossref.py) follows its agreement
wherever it goes, but points at nothing once the agreement is removed.

Every warning names the text by where it is in the edition the curator is looking at (`described_by`),
with an agreement's first words, so "de tekst van afspraak 41" is the agreement the curator sees as 41.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import crossref
from .catalogue import Catalogue
from .messages import N_, Message
from .text import first_words

_NUMBERS = r"\d+(?:\s*(?:,|\ben\b|\bof\b|\btot en met\b|\btot\b|t\.e\.m\.|-|–)\s*\d+)*"
MENTION = re.compile(rf"\bafspra(?:ak|ken)\s+({_NUMBERS})", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)\s*(?:\btot en met\b|\btot\b|t\.e\.m\.|-|–)\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    """One text of an edition a curator writes: which (`key`, stable across editions), whose, and what it says."""

    key: str  # "agreement:<id>:text", "section:<id>:intro", …
    owner: str  # the agreement it belongs to, "" for an introduction or a chapter
    kind: str  # edition, chapter, intro, text, note, variant
    name: str  # a chapter's title, a section's id, a variant's label
    text: str


@dataclass(frozen=True)
class Mention:
    """One place where a text names an agreement by number: the number, the text, and the words as written."""

    number: int
    where: Text
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


def texts(catalogue: Catalogue) -> Iterator[Text]:
    """Every text of an edition that a curator writes."""
    for i, block in enumerate(catalogue.edition.introduction):
        yield Text(f"edition:{i}", "", "edition", "", " ".join((block.text, block.heading, *block.items)))
    for chapter in catalogue.chapters:
        for i, block in enumerate(chapter.body):
            text = " ".join((block.text, block.heading, block.tip, *block.items))
            yield Text(f"chapter:{chapter.id}:{i}", "", "chapter", chapter.title, text)
    for section in catalogue.sections:
        for i, paragraph in enumerate(section.intro):
            yield Text(f"section:{section.id}:{i}", "", "intro", section.id, paragraph)
        for a in section.agreements:
            yield Text(f"agreement:{a.id}:text", a.id, "text", "", " ".join((*a.text, *a.items)))
            for i, note in enumerate(a.notes):
                yield Text(f"agreement:{a.id}:note:{i}", a.id, "note", "", note)
            for v in a.variants:
                yield Text(f"agreement:{a.id}:variant:{v.label}", a.id, "variant", v.label, " ".join(v.text))


def where(text: Text, catalogue: Catalogue) -> Message:
    """Where a text is, as a curator looking at `catalogue` finds it ("de tekst van afspraak 41 (“De …”)")."""
    if text.kind == "edition":
        return Message(N_("de inleiding van de editie"))
    if text.kind == "chapter":
        return Message(N_("hoofdstuk “%(title)s”"), {"title": text.name})
    if text.kind == "intro":
        number = next((s.number for s in catalogue.sections if s.id == text.name), "?")
        return Message(N_("de inleiding van onderdeel %(number)s"), {"number": number})
    try:
        agreement = catalogue.agreement(text.owner)
    except KeyError:
        return Message(N_("een afspraak die niet meer in de editie staat"))
    params = {"number": agreement.number, "words": first_words(agreement.text[0], 6), "label": text.name}
    return Message(
        {
            "text": N_("de tekst van afspraak %(number)d (“%(words)s”)"),
            "note": N_("een noot bij afspraak %(number)d (“%(words)s”)"),
            "variant": N_("variant “%(label)s” van afspraak %(number)d (“%(words)s”)"),
        }[text.kind],
        params,
    )


def mentions(catalogue: Catalogue) -> list[Mention]:
    """Every mention of an agreement by number in the texts of an edition."""
    return [Mention(n, t, quote) for t in texts(catalogue) for n, quote in numbers_in(t.text)]


def touched(before: Catalogue, after: Catalogue, described_by: Catalogue | None = None) -> list[Message]:
    """Warnings for mentions whose agreement a change gives another number or removes.

    Texts are named as in `described_by` (the edition before the change unless said otherwise).
    """
    return _shifted(before, after, mentions(after), described_by or before)


def _shifted(before: Catalogue, after: Catalogue, found: list[Mention], described_by: Catalogue) -> list[Message]:
    was = {a.number: a for a in before.agreements}
    warnings = []
    for mention in found:
        agreement = was.get(mention.number)
        if agreement is None or after.numbers.get(agreement.id) == mention.number:
            continue
        params = {
            "quote": mention.quote,
            "where": where(mention.where, described_by if mention.where.owner in described_by.numbers else after),
            "words": first_words(agreement.text[0], 6),
        }
        if agreement.id not in after.numbers:
            text = N_("Let op: %(where)s noemt “%(quote)s”; die afspraak (“%(words)s”) verdwijnt. Pas die tekst aan.")
        else:
            params["new"] = after.numbers[agreement.id]
            text = N_(
                "Let op: %(where)s noemt “%(quote)s”; die afspraak (“%(words)s”) krijgt nummer %(new)d. "
                "Pas die tekst aan."
            )
        warnings.append(Message(text, params))
    return warnings


def stale(previous: Catalogue, catalogue: Catalogue) -> list[Message]:
    """Mentions left as they were in `previous` whose agreement now has another number or is gone: before publishing.

    A mention a curator wrote or changed in this edition is taken as meant; one carried over unchanged is checked.
    """
    old = {(t.key, quote) for t in texts(previous) for _n, quote in numbers_in(t.text)}
    carried = [m for m in mentions(catalogue) if (m.where.key, m.quote) in old]
    return _shifted(previous, catalogue, carried, catalogue)


def referring(catalogue: Catalogue, agreement_id: str) -> list[Message]:
    """The texts of other agreements, intros and chapters that refer to an agreement by `[[id]]`: before removing it."""
    found = []
    for text in texts(catalogue):
        if text.owner != agreement_id and agreement_id in crossref.targets(text.text):
            params = {"where": where(text, catalogue)}
            found.append(
                Message(
                    N_(
                        "Let op: %(where)s verwijst naar deze afspraak. Zonder de afspraak kan de editie niet "
                        "gepubliceerd worden: pas die tekst aan."
                    ),
                    params,
                )
            )
    return found


def dangling(catalogue: Catalogue) -> list[Message]:
    """References by `[[id]]` to an agreement the edition does not hold: they stop publishing."""
    return [
        Message(
            N_("Er is geen afspraak voor de verwijzing [[%(id)s]] in %(where)s. Haal ze weg of zet de afspraak terug."),
            {"where": where(text, catalogue), "id": target},
        )
        for text in texts(catalogue)
        for target in crossref.targets(text.text)
        if target not in catalogue.numbers
    ]
