"""Colleagues reviewing a note: review links, comments per agreement, and what counts as open.

A review link is a 256-bit token minted by the server, with a label ("managementteam") and a
last day; the author can revoke it. A comment belongs to one agreement of the note (or, with
an empty key, to the note as a whole), keeps the wording it was made on, and may carry a
verdict. Replies hang under a comment; resolving a comment keeps it as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .choices import AgreementChoice, Part
from .messages import N_
from .note import Note, NoteAgreement
from .text import blocks_to_text

COMMENT_MAX = 2000  # characters: a remark, not a document
NAME_MAX = 100
LABEL_MAX = 100
DEFAULT_DAYS = 30  # a new review link works this many days unless the author says otherwise
MAX_DAYS = 366
LINKS_PER_DRAFT = 20

AGREE, DISAGREE = "akkoord", "niet-akkoord"
VERDICTS = (
    (AGREE, N_("Akkoord")),
    (DISAGREE, N_("Niet akkoord")),
    ("", N_("Geen oordeel, enkel een opmerking")),
)
VERDICT_LABELS = dict(VERDICTS)

OPEN, EXPIRED, REVOKED = "open", "verlopen", "ingetrokken"


@dataclass(frozen=True)
class ReviewLink:
    """One review link of a draft, as the author sees it (the token itself is never stored)."""

    id: int
    draft_id: int
    label: str
    expires_on: str  # ISO date: the last day the link works
    revoked_at: str | None
    created_at: str

    def state(self, today: dt.date) -> str:
        """OPEN, EXPIRED (after its last day) or REVOKED (the author withdrew it)."""
        if self.revoked_at:
            return REVOKED
        return EXPIRED if today > dt.date.fromisoformat(self.expires_on) else OPEN


@dataclass
class Comment:
    """A reviewer's remark on an agreement (or the whole note), or the author's reply to one."""

    id: int
    draft_id: int
    link_id: int | None  # None for the author's own replies
    part: str  # the section number or own section key the agreement stood in; '' for the note
    agreement: str  # agreement_key(); '' for the note as a whole
    number: int  # the agreement's number in the note when the comment was made
    wording: str  # the agreement's text when the comment was made
    author: str
    verdict: str
    text: str
    parent_id: int | None
    resolved_at: str | None
    created_at: str
    replies: list[Comment] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """True until the author resolves it."""
        return not self.resolved_at


def agreement_key(part: Part, choice: AgreementChoice) -> str:
    """What a comment names its agreement by: the catalogue id, or 'eigen:<part>:<n>' for the n-th own one."""
    if choice.id:
        return choice.id
    own = [c for c in part.agreements if c.is_own]
    index = next((i for i, c in enumerate(own) if c is choice), len(own))
    return f"eigen:{part.number or part.key}:{index + 1}"


def wording(agreement: NoteAgreement) -> str:
    """An agreement's text as plain text, to compare with the wording a comment was made on."""
    return blocks_to_text(agreement.blocks).strip()


@dataclass(frozen=True)
class Place:
    """Where an agreement stands in the note now: its part, number and wording."""

    part: str
    number: int
    wording: str


def places(note: Note) -> dict[str, Place]:
    """Every agreement of the note by its key: where it stands and how it reads now."""
    found = {}
    for part in note.parts:
        for a in part.agreements:
            found[agreement_key(part.part, a.choice)] = Place(part.part.number or part.part.key, a.number, wording(a))
    return found


def threads(comments: Iterable[Comment]) -> list[Comment]:
    """Top-level comments in the order they were made, each with its replies (oldest first)."""
    ordered = sorted(comments, key=lambda c: c.id)
    by_id = {c.id: c for c in ordered}
    for c in ordered:
        c.replies = []
    top = []
    for c in ordered:
        parent = by_id.get(c.parent_id) if c.parent_id else None
        if parent is not None:
            parent.replies.append(c)
        elif c.parent_id is None:
            top.append(c)
    return top


def by_agreement(top: Iterable[Comment]) -> dict[str, list[Comment]]:
    """Top-level comments grouped by agreement key ('' for the note as a whole)."""
    grouped: dict[str, list[Comment]] = {}
    for c in top:
        grouped.setdefault(c.agreement, []).append(c)
    return grouped


def open_counts(top: Iterable[Comment], note: Note) -> dict[str, int]:
    """Open comments per part of the note (section number or own key), by where the agreement stands now."""
    now = places(note)
    counts: dict[str, int] = {}
    for c in top:
        if c.is_open and c.agreement:
            part = now[c.agreement].part if c.agreement in now else c.part
            counts[part] = counts.get(part, 0) + 1
    return counts


def open_by_number(top: Iterable[Comment], note: Note) -> dict[int, list[Comment]]:
    """Open comments by the number their agreement has in the note now (0: the note as a whole), for Word.

    Comments on agreements that left the note are not included: there is nothing to anchor them on.
    """
    now = places(note)
    found: dict[int, list[Comment]] = {}
    for c in top:
        if not c.is_open or (c.agreement and c.agreement not in now):
            continue
        found.setdefault(now[c.agreement].number if c.agreement else 0, []).append(c)
    return found


def changed_since(comment: Comment, now: dict[str, Place]) -> bool:
    """True when the agreement reads differently now than when the comment was made (or left the note)."""
    if not comment.agreement:
        return False
    place = now.get(comment.agreement)
    return place is None or place.wording != comment.wording


def default_expiry(today: dt.date) -> dt.date:
    """The last day a new review link works unless the author picks another."""
    return today + dt.timedelta(days=DEFAULT_DAYS)


def expiry_problem(expires_on: dt.date, today: dt.date) -> str | None:
    """A Dutch msgid when a link's last day is in the past or too far ahead, else None."""
    if expires_on < today:
        return N_("Kies een dag vanaf vandaag.")
    if expires_on > today + dt.timedelta(days=MAX_DAYS):
        return N_("Een beoordelingslink werkt hoogstens een jaar. Kies een vroegere dag.")
    return None
