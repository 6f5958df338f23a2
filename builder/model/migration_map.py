"""The migration map as curators keep it: which entries an edition still needs, proposals, and problems in Dutch.

An edition based on another one says, for every agreement of that edition it no longer holds, what
became of it (model/catalogue.py `Migration`; checked by model/migrations.py for `catalogue check`).
Curators fill it in on /beheer; this module gives that page and the publish page what they need:

- `missing()`: the previous edition's agreements whose id the edition no longer has;
- `unrecorded()`: those of them the map says nothing about (publishing waits for them);
- `proposal()`: the new agreement an unrecorded one most likely went on as (a rename), to suggest;
- `problems()`: every problem of the map as a Dutch message, at the entry and field it is about.
"""

from __future__ import annotations

import dataclasses
import difflib

from .catalogue import Agreement, Catalogue, Migration
from .messages import N_, Message
from .migrations import migration_problems

KINDS = ("renamed", "split", "merged", "retired")
PROPOSAL_LIKENESS = 0.6  # how alike two texts must be before one is proposed as the other's new id


def missing(previous: Catalogue, current: Catalogue) -> list[Agreement]:
    """The agreements of `previous` whose id `current` no longer holds, in the previous edition's order."""
    here = {a.id for a in current.agreements}
    return [a for a in previous.agreements if a.id not in here]


def unrecorded(previous: Catalogue, current: Catalogue) -> list[Agreement]:
    """The missing agreements the migration map of `current` says nothing about."""
    recorded = {m.agreement for m in current.edition.migrations}
    return [a for a in missing(previous, current) if a.id not in recorded]


def _words(agreement: Agreement) -> list[str]:
    return " ".join((*agreement.text, *agreement.items)).lower().split()


def proposal(agreement: Agreement, previous: Catalogue, current: Catalogue) -> Migration | None:
    """A rename to the new agreement whose text is most like `agreement`'s, when one is alike enough; else None."""
    old_ids = {a.id for a in previous.agreements}
    words = _words(agreement)
    best, likeness = None, PROPOSAL_LIKENESS
    for candidate in current.agreements:
        if candidate.id in old_ids:
            continue
        ratio = difflib.SequenceMatcher(a=words, b=_words(candidate), autojunk=False).ratio()
        if ratio >= likeness:
            best, likeness = candidate, ratio
    return Migration(agreement=agreement.id, kind="renamed", into=(best.id,)) if best else None


def with_entries(catalogue: Catalogue, entries: dict[str, Migration | None], order: list[str]) -> Catalogue:
    """`catalogue` with these map entries set (None: removed), the map ordered as `order` (then the rest)."""
    kept = {m.agreement: m for m in catalogue.edition.migrations}
    for agreement_id, entry in entries.items():
        if entry is None:
            kept.pop(agreement_id, None)
        else:
            kept[agreement_id] = entry
    rank = {agreement_id: i for i, agreement_id in enumerate(order)}
    ordered = sorted(kept.values(), key=lambda m: (rank.get(m.agreement, len(rank)), m.agreement))
    edition = dataclasses.replace(catalogue.edition, migrations=tuple(ordered))
    return dataclasses.replace(catalogue, edition=edition)


INTO_MESSAGES = {
    "renamed": N_("Kies precies één afspraak: die ze nu is."),
    "merged": N_("Kies precies één afspraak: die waarin ze samen met andere opging."),
    "split": N_("Kies minstens twee afspraken waarin ze opgesplitst werd."),
    "retired": N_(
        "Een geschrapte afspraak gaat niet verder in een andere: laat de afspraken leeg of kies iets anders."
    ),
}


def problems(previous: Catalogue, current: Catalogue) -> list[tuple[str, str, Message]]:
    """(agreement id of the previous edition, field, Dutch message) for every problem of `current`'s map."""
    found: list[tuple[str, str, Message]] = []
    entries = current.edition.migrations
    params = {"edition": previous.edition.id}
    for path, _problem in migration_problems(previous, current):
        index = int(path[len("migrations[") : path.index("]")])
        entry = entries[index]
        field = path.split(".", 1)[1]
        if field == "agreement":
            if entry.agreement in {a.id for a in current.agreements}:
                text = N_("Deze afspraak staat nog in deze editie; kies “Nog niet ingevuld” om de regel te wissen.")
            else:
                text = N_(
                    "Deze afspraak stond niet in editie %(edition)s; kies “Nog niet ingevuld” om de regel te wissen."
                )
            found.append((entry.agreement, "kind", Message(text, params)))
        elif field == "into":
            found.append((entry.agreement, "into", Message(INTO_MESSAGES.get(entry.kind, INTO_MESSAGES["renamed"]))))
        elif field.startswith("into["):
            text = N_("Een gekozen afspraak staat niet meer in deze editie; kies er een uit de lijst.")
            found.append((entry.agreement, "into", Message(text)))
        else:
            text = N_("Schrijf kort waarom: gebruikers van wie de nota deze afspraak bevat, lezen het.")
            found.append((entry.agreement, "reason", Message(text)))
    return _once(found)


def _once(found: list[tuple[str, str, Message]]) -> list[tuple[str, str, Message]]:
    """The problems without repeats (a split into two removed agreements is one message at the field)."""
    seen, unique = set(), []
    for problem in found:
        key = (problem[0], problem[1], problem[2].text)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def publish_problems(previous: Catalogue, current: Catalogue) -> list[Message]:
    """What the map still lacks before `current` can be published: unrecorded agreements and wrong entries."""
    found = []
    for agreement in unrecorded(previous, current):
        found.append(
            Message(
                N_(
                    "Afspraak %(number)d van editie %(edition)s staat niet meer in deze editie. Zeg op de pagina "
                    "“Wat werd er van de afspraken van editie %(edition)s?” wat ervan werd."
                ),
                {"number": agreement.number, "edition": previous.edition.id},
            )
        )
    numbers = {a.id: a.number for a in previous.agreements}
    for agreement_id, _field, message in problems(previous, current):
        text = N_("Wat werd er van afspraak %(number)s van editie %(edition)s: %(problem)s")
        params = {"number": numbers.get(agreement_id, "?"), "edition": previous.edition.id, "problem": message}
        found.append(Message(text, params))
    return found
