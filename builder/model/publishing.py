"""Publishing an edition: what stops it, what deserves a second look, and the edition as published.

A published edition is where new notes start and can never be taken back, so an edition that
changes nothing is refused, and edition details left as they were in the previous edition
(a subtitle "Update 2024" in edition 2026) are pointed out before publishing.
"""

from __future__ import annotations

import dataclasses
import re

from .catalogue import Catalogue
from .catalogue_diff import compare
from .editing import EditError, renumber
from .mentions import dangling, stale
from .messages import N_, Message
from .migration_map import publish_problems
from .organisations import organisation_type
from .terminology import unused_lines
from .text import blocks_to_text


def publishable(catalogue: Catalogue, previous: Catalogue | None = None) -> list[Message]:
    """What stops an edition from being published; with `previous`, also an edition that changes nothing."""
    problems = []
    if not catalogue.sections:
        problems.append(Message(N_("De editie heeft geen onderdelen.")))
    for section in catalogue.sections:
        if not section.agreements:
            problems.append(
                Message(
                    N_("Onderdeel %(number)s “%(title)s” heeft geen afspraken."),
                    {"number": section.number, "title": section.title},
                )
            )
    ids = [a.id for a in catalogue.agreements]
    if len(ids) != len(set(ids)):
        problems.append(Message(N_("Twee afspraken hebben dezelfde id.")))
    problems += dangling(catalogue)
    if previous is not None and not compare(previous, catalogue):
        nothing = N_("Er veranderde nog niets tegenover editie %(id)s. Publiceer enkel een editie die iets verandert.")
        problems.append(Message(nothing, {"id": previous.edition.id}))
    if previous is not None and catalogue.edition.based_on == previous.edition.id:
        problems += publish_problems(previous, catalogue)
    return problems


DETAILS = (("title", N_("De titel")), ("subtitle", N_("De ondertitel")), ("introduction", N_("De inleiding")))


def _detail(catalogue: Catalogue, key: str) -> str:
    value = getattr(catalogue.edition, key)
    return blocks_to_text(value) if key == "introduction" else value


def unchanged_details(catalogue: Catalogue, previous: Catalogue) -> list[Message]:
    """Edition details worth a second look: a subtitle or introduction as in `previous`, or its name in any detail."""
    old_name = previous.edition.id
    mentions = re.compile(rf"(?<![\w.-]){re.escape(old_name)}(?![\w-])")
    warnings = []
    for key, what in DETAILS:
        now, before = _detail(catalogue, key), _detail(previous, key)
        if old_name != catalogue.edition.id and mentions.search(now):
            warnings.append(
                Message(
                    N_("%(what)s vermeldt nog “%(old)s”: kijk na of dat klopt."),
                    {"what": Message(what), "old": old_name},
                )
            )
        elif key != "title" and now and now == before:
            params = {"what": Message(what), "old": old_name}
            warnings.append(Message(N_("%(what)s is nog dezelfde als in editie %(old)s."), params))
    return warnings


def second_looks(catalogue: Catalogue, previous: Catalogue) -> list[Message]:
    """What deserves a look before publishing without stopping it: details as before, numbers that shifted."""
    return unchanged_details(catalogue, previous) + stale(previous, catalogue)


def unused_terminology(catalogue: Catalogue, previous: Catalogue | None) -> list[Message]:
    """Terminology lines that change nothing in the edition: the text they fitted went, or a typo."""
    found = []
    for terms in catalogue.edition.terminology:
        kind = organisation_type(terms.organisation)
        for line, did_before in unused_lines(catalogue, terms, previous):
            params = {"kind": Message(kind.label if kind else terms.organisation), "line": line}
            if did_before:
                params["old"] = previous.edition.id if previous else ""
                text = N_("De woorden voor “%(kind)s”: “%(line)s” verandert niets meer (in editie %(old)s wel).")
            else:
                text = N_("De woorden voor “%(kind)s”: “%(line)s” verandert nergens iets. Een tikfout?")
            found.append(Message(text, params))
    return found


def publish(catalogue: Catalogue, summary: str, at: str, previous: Catalogue | None = None) -> Catalogue:
    """The edition as published: numbered from order, immutable from now on; EditError while a problem remains."""
    if not summary:
        raise EditError(N_("Beschrijf kort wat er veranderde."))
    problems = publishable(catalogue, previous)
    if problems:
        raise EditError(problems[0].text, **problems[0].params)
    edition = dataclasses.replace(catalogue.edition, status="published", change_summary=summary, published_at=at)
    return renumber(dataclasses.replace(catalogue, edition=edition))
