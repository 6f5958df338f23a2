"""A draft's note as its row holds it: the copies of its edition's own wordings kept apart from the rest.

Each catalogue agreement in a note keeps a copy of the wording it was chosen in (`catalogue_text`,
docs/choices-format.md), so that a later catalogue never silently alters the note. In a full note
those copies are 21 of its 25 kB, and nearly all of them are word for word the wording of the
note's published edition. So a draft's row holds the note without those copies (`drafts.choices`),
the copies themselves apart (`drafts.copies`), and the fingerprint of the edition's wordings they
were compared with (`drafts.wordings_print`). A page reads the first and puts the copies back
from the edition, which it has at hand anyway; only when the edition's wordings are no longer
what they were (a published edition never changes, but a database can be altered behind the
app's back) does it read the copies themselves. Either way, what is read back is exactly what
was stored: the wordings put back are always those whose fingerprint the row holds. (So the
wordings are kept per edition id and publication time, not per catalogue object: two equal
catalogues read from two databases would be compared field by field on every lookup, ~0.1 ms.)

- a copy that differs from the edition's wording (a wording of an older edition, a variant the
  edition no longer has, a note brought in from a file) stays in the note;
- an empty copy stays in the note as an explicit `""`, so that it is not put back as the wording;
- a note on a draft edition (being curated, so it may still change) is stored whole, with no
  fingerprint, and so is every row written before this module.

Every other copy of a note (kept versions, downloads shared with Kortom, approvals, published
pages) is whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from .. import caches
from ..model.building import wording_text
from ..model.catalogue import Catalogue
from ..model.choices import AgreementChoice, Choices, from_stored
from . import as_json

COPY = "catalogue_text"
AS_CHOSEN = frozenset({"id", "variant"})  # the keys of an agreement taken as its edition has it, copy left out


@dataclass(frozen=True)
class Packed:
    """A note as its row's three columns hold it."""

    choices: str  # the note as JSON, without the copies that are the edition's own wording
    copies: str  # those copies as a JSON list, in the order of the agreements they were left out of
    wordings_print: str  # the fingerprint of the edition's wordings they were compared with ("": none left out)


@dataclass(frozen=True)
class _Wordings:
    by_key: dict[tuple[str, str], str]  # (agreement id, variant label or '') -> the wording as a copy holds it
    fingerprint: str
    chosen: dict[tuple[str, str], AgreementChoice]  # the same key -> the agreement as a note holds it, unchanged


def packed(choices: Choices, catalogue: Catalogue | None) -> Packed:
    """The note as a row stores it; `catalogue` is the edition the row names, the one `unpacked` is given."""
    data = choices.to_data()
    wordings = _wordings(catalogue)
    if wordings is None:
        return Packed(as_json(data), "", "")
    copies = []
    for agreement in _agreements(data):
        copy = agreement.get(COPY, "")
        if copy and copy == wordings.by_key.get((agreement["id"], agreement.get("variant", ""))):
            copies.append(agreement.pop(COPY))
        elif not copy:
            agreement[COPY] = ""  # said, so that it is not read back as the edition's wording
    return Packed(as_json(data), as_json(copies), wordings.fingerprint)


def unpacked(stored: str, wordings_print: str, catalogue: Catalogue | None, copies: Callable[[], str]) -> Choices:
    """The note a row holds: each copy left out put back from the edition, or from `copies()` when it changed.

    An agreement taken as the edition has it (an id, perhaps a variant, nothing else: most of a note)
    becomes the edition's own object for it, made once and shared by every note read (it is frozen).
    """
    data = json.loads(stored)
    if not wordings_print:
        return from_stored(data)  # stored whole
    wordings = _wordings(catalogue)
    if wordings is None or wordings.fingerprint != wordings_print:
        left_out = [agreement for agreement in _agreements(data) if COPY not in agreement]
        for agreement, copy in zip(left_out, json.loads(copies()), strict=True):
            agreement[COPY] = copy
        return from_stored(data)
    for part in data.get("sections", ()):
        listed = part.get("agreements", ())
        for k, agreement in enumerate(listed):
            if "id" in agreement and COPY not in agreement:
                key = (agreement["id"], agreement.get("variant", ""))
                if agreement.keys() <= AS_CHOSEN:
                    listed[k] = wordings.chosen[key]
                else:
                    agreement[COPY] = wordings.by_key[key]
    return from_stored(data)


def _agreements(data: dict) -> list[dict]:
    """The catalogue agreements of a note's plain data (own agreements have no copy)."""
    return [a for part in data.get("sections", ()) for a in part.get("agreements", ()) if "id" in a]


def _wordings(catalogue: Catalogue | None) -> _Wordings | None:
    """A published edition's wordings as a copy holds them, with their fingerprint; None for a draft edition."""
    if catalogue is None or not catalogue.edition.is_published:
        return None
    edition = catalogue.edition  # its id and publication time: cheaper to compare than the whole catalogue
    return caches.stored_wordings.get((edition.id, edition.published_at), lambda: _every_wording(catalogue))


def _every_wording(catalogue: Catalogue) -> _Wordings:
    by_key = {
        (a.id, label): wording_text(a, label)
        for a in catalogue.agreements
        for label in ("", *(v.label for v in a.variants))
    }
    listed = json.dumps(sorted([*key, text] for key, text in by_key.items()), ensure_ascii=False)
    chosen = {
        (agreement_id, label): AgreementChoice(id=agreement_id, variant=label, catalogue_text=text)
        for (agreement_id, label), text in by_key.items()
    }
    return _Wordings(by_key, hashlib.sha256(listed.encode()).hexdigest()[:16], chosen)
