"""What changed in a note since a version of it was approved (or kept): the amendment note's changes.

`amendments(before, after)` compares two composed notes (`note.compose`, each on its own edition and in
its own words, as its reader met it) agreement by agreement and says, in the new note's order, which were
added, removed (where they stood), reworded (old and new text, word by word) or renumbered, with both
numbers and the part each stands in. What a college approved is the text, so that is what is compared.

How agreements are matched, in three passes, each over what the passes before left:

1. A catalogue agreement by its id. When the notes stand on different editions, the old id goes through
   the newer edition's migration map as a note's upgrade does (`upgrade.successors`): a renamed
   agreement is the same agreement; a split one goes on as the first of its parts in the new note (the
   other parts are added); agreements merged into one go on as it, the first of them in note order
   (the others are removed).
2. Any two agreements with the same text (as the note reads it): an own agreement that stayed as it
   was, wherever it moved, and a retired catalogue agreement the user kept as their own.
3. Own agreements left on both sides within the same part (a catalogue section by its stable id, an
   own section by its key), in order: the first one left before is the first one left after, reworded.

Whatever is left is removed (before) or added (after). Cross-references count as text only when their
words differ: "zie afspraak 12" that became "zie afspraak 13" because numbers moved is no rewording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import crossref
from .catalogue import Block
from .dates import in_document
from .note import Note, NoteAgreement
from .outline import Part, outline
from .text_diff import BlockDiff, Piece, Unit, block_diffs
from .upgrade import successors

ADDED, REMOVED, REWORDED, RENUMBERED = "added", "removed", "reworded", "renumbered"
WORDS = {ADDED: "toegevoegd", REMOVED: "weggelaten", REWORDED: "herschreven", RENUMBERED: "hernummerd"}
HOW = {"renamed": "", "split": "gesplitst in de nieuwe editie", "merged": "samengevoegd in de nieuwe editie"}


@dataclass(frozen=True)
class Amendment:
    """One agreement that changed: how, its number before and after (0: not in that note), where it stands.

    `lines` is its text per paragraph and sub-item, word by word: all "insert" for an added agreement, all
    "delete" for a removed one, all "equal" for one that was only renumbered.
    """

    kind: str
    old_number: int
    new_number: int
    part: str  # the heading of the part it stands in ("9. Perscommunicatie"); for a removed one, in the old note
    lines: tuple[BlockDiff, ...]
    own: bool = False
    how: str = ""  # "split" or "merged" when the newer edition's migration map says so

    @property
    def renumbered(self) -> bool:
        """True when it stands in both notes under different numbers."""
        return bool(self.old_number and self.new_number and self.old_number != self.new_number)

    @property
    def heading(self) -> str:
        """'Afspraak 12 (was 11) – herschreven en hernummerd', 'Was afspraak 11 – weggelaten'."""
        if self.kind == REMOVED:
            return f"Was afspraak {self.old_number} – {WORDS[REMOVED]}"
        name = f"Afspraak {self.new_number}" + (f" (was {self.old_number})" if self.renumbered else "")
        what = WORDS[self.kind]
        if self.kind == REWORDED and self.renumbered:
            what += f" en {WORDS[RENUMBERED]}"
        if HOW.get(self.how):
            what += f" ({HOW[self.how]})"
        return f"{name} – {what}"

    @property
    def old_lines(self) -> list[tuple[str, tuple[Piece, ...]]]:
        """The text as it was: (style, pieces), what went marked "delete"."""
        return _side(self.lines, "insert")

    @property
    def new_lines(self) -> list[tuple[str, tuple[Piece, ...]]]:
        """The text as it is now: (style, pieces), what came marked "insert"."""
        return _side(self.lines, "delete")


def _side(lines: tuple[BlockDiff, ...], left_out: str) -> list[tuple[str, tuple[Piece, ...]]]:
    """One side of the text: its lines with the other side's words left out, neighbours of one kind joined."""
    found = []
    for line in lines:
        pieces: list[Piece] = []
        for op, text in line.words:
            if op == left_out or not text:
                continue
            if pieces and pieces[-1][0] == op:
                pieces[-1] = (op, f"{pieces[-1][1]} {text}")
            else:
                pieces.append((op, text))
        if pieces:
            found.append((line.style, tuple(pieces)))
    return found


@dataclass(frozen=True)
class _Placed:
    """An agreement of one of the two notes, with the part it stands in."""

    agreement: NoteAgreement
    part: str  # the part's identity: "section:<stable id>" or "own:<key>"
    heading: str

    @property
    def number(self) -> int:
        return self.agreement.number


def _parts(note: Note) -> list[tuple[str, Part]]:
    """The note's parts with their identity across versions: "section:<stable id>" or "own:<key>"."""
    found = []
    for part in outline(note).parts:
        p = part.note_part.part
        found.append((f"own:{p.key}" if p.is_own else f"section:{note.catalogue.section(p.number).id}", part))
    return found


def _placed(note: Note) -> list[_Placed]:
    return [_Placed(a, identity, part.heading) for identity, part in _parts(note) for a in part.agreements]


def units(blocks: tuple[Block, ...], numbers: dict[str, int] | None = None) -> list[Unit]:
    """An agreement's text as paragraphs and sub-items; with `numbers`, its cross-references as the note says them."""
    found: list[Unit] = []
    for block in blocks:
        texts = [("item", i) for i in block.items] if block.items else [("paragraph", block.text or block.heading)]
        found += [(s, crossref.resolve(t, numbers) if numbers is not None else t) for s, t in texts if t]
    return found


def _text_key(placed: _Placed) -> tuple[Unit, ...]:
    return tuple(units(placed.agreement.blocks))


def _match(before: Note, after: Note, old: list[_Placed], new: list[_Placed]) -> tuple[dict[int, int], dict[int, str]]:
    """Old index → new index by the three passes of the module docstring, and how (split, merged) where it says."""
    pairs: dict[int, int] = {}
    how: dict[int, str] = {}
    new_by_id = {p.agreement.choice.id: j for j, p in enumerate(new) if not p.agreement.choice.is_own}
    taken: set[int] = set()
    for i, p in enumerate(old):
        if p.agreement.choice.is_own:
            continue
        targets, kind = successors(p.agreement.choice.id, before.catalogue, after.catalogue)
        found = next((new_by_id[t] for t in targets if t in new_by_id and new_by_id[t] not in taken), None)
        if found is not None:
            pairs[i], how[i] = found, kind
            taken.add(found)
    by_text: dict[tuple[Unit, ...], list[int]] = {}
    for j, p in enumerate(new):
        if j not in taken:
            by_text.setdefault(_text_key(p), []).append(j)
    for i, p in enumerate(old):
        if i not in pairs and by_text.get(_text_key(p)):
            pairs[i] = by_text[_text_key(p)].pop(0)
            taken.add(pairs[i])
    left_new: dict[str, list[int]] = {}
    for j, p in enumerate(new):
        if j not in taken and p.agreement.choice.is_own:
            left_new.setdefault(p.part, []).append(j)
    for i, p in enumerate(old):
        if i not in pairs and p.agreement.choice.is_own and left_new.get(p.part):
            pairs[i] = left_new[p.part].pop(0)
    return pairs, how


def _compared(before: Note, after: Note, old: _Placed, new: _Placed, how: str) -> Amendment | None:
    """The change between an agreement and what it became, or None when it reads and stands the same."""
    own = new.agreement.choice.is_own
    old_text, new_text = units(old.agreement.blocks, before.numbers), units(new.agreement.blocks, after.numbers)
    reworded = old_text != new_text and _text_key(old) != _text_key(new)
    if reworded:
        lines, _same = block_diffs(old_text, new_text, every=True)
        return Amendment(REWORDED, old.number, new.number, new.heading, tuple(lines), own, how)
    if old.number != new.number:
        lines = tuple(BlockDiff(style, (("equal", text),)) for style, text in new_text)
        return Amendment(RENUMBERED, old.number, new.number, new.heading, lines, own, how)
    return None


def _whole(placed: _Placed, numbers: dict[str, int], op: str) -> tuple[BlockDiff, ...]:
    return tuple(BlockDiff(style, ((op, text),)) for style, text in units(placed.agreement.blocks, numbers))


def amendments(before: Note, after: Note) -> list[Amendment]:
    """Every agreement that changed from `before` to `after`, in `after`'s order; removed ones where they stood."""
    old, new = _placed(before), _placed(after)
    pairs, how = _match(before, after, old, new)
    back = {j: i for i, j in pairs.items()}
    found: list[tuple[tuple[int, int, int], Amendment]] = []
    for j, p in enumerate(new):
        if j in back:
            change = _compared(before, after, old[back[j]], p, how.get(back[j], ""))
        else:
            change = Amendment(
                ADDED, 0, p.number, p.heading, _whole(p, after.numbers, "insert"), p.agreement.choice.is_own
            )
        if change is not None:
            found.append(((p.number, 0, 0), change))
    anchor = 0  # the new number of the last agreement before it that is still in the note
    for i, p in enumerate(old):
        if i in pairs:
            anchor = new[pairs[i]].number
            continue
        lines = _whole(p, before.numbers, "delete")
        found.append(
            ((anchor, 1, p.number), Amendment(REMOVED, p.number, 0, p.heading, lines, p.agreement.choice.is_own))
        )
    return [change for _key, change in sorted(found, key=lambda pair: pair[0])]


def _counted(count: int, word: str, first: bool) -> str:
    noun = ("afspraak" if count == 1 else "afspraken") + " " if first else ""
    return f"{count} {noun}{word}"


def counts(found: list[Amendment]) -> dict[str, int]:
    """How many agreements were reworded, added, removed and renumbered (a reworded one that moved counts twice)."""
    return {
        REWORDED: sum(a.kind == REWORDED for a in found),
        ADDED: sum(a.kind == ADDED for a in found),
        REMOVED: sum(a.kind == REMOVED for a in found),
        RENUMBERED: sum(a.renumbered for a in found),
    }


def summary(found: list[Amendment]) -> str:
    """'3 afspraken herschreven, 2 toegevoegd, 1 weggelaten en 4 hernummerd.'"""
    said = [(n, WORDS[kind]) for kind, n in counts(found).items() if n]
    if not said:
        return "Geen afspraken gewijzigd."
    parts = [_counted(n, word, i == 0) for i, (n, word) in enumerate(said)]
    return (", ".join(parts[:-1]) + " en " + parts[-1] if len(parts) > 1 else parts[0]) + "."


def outside(before: Note, after: Note) -> list[str]:
    """What changed around the agreements: the catalogue edition, parts added or left out."""
    found = []
    old_edition, new_edition = before.catalogue.edition.id, after.catalogue.edition.id
    if old_edition != new_edition:
        found.append(f"De nota steunt nu op editie {new_edition} van de catalogus (was editie {old_edition}).")
    old_parts = {identity: part.heading for identity, part in _parts(before)}
    new_parts = {identity: part.heading for identity, part in _parts(after)}
    found += [f"Nieuw onderdeel: {heading}." for key, heading in new_parts.items() if key not in old_parts]
    found += [f"Onderdeel weggelaten: {heading}." for key, heading in old_parts.items() if key not in new_parts]
    return found


@dataclass(frozen=True)
class Run:
    """Agreements only renumbered, one after the other in one part: said in one line."""

    first: Amendment
    last: Amendment

    @property
    def part(self) -> str:
        """The heading of the part they stand in."""
        return self.first.part

    @property
    def heading(self) -> str:
        """'Afspraken 13–40 (was 12–39) – hernummerd'."""
        new, old = f"{self.first.new_number}–{self.last.new_number}", f"{self.first.old_number}–{self.last.old_number}"
        return f"Afspraken {new} (was {old}) – {WORDS[RENUMBERED]}"


def grouped(found: list[Amendment]) -> list[Amendment | Run]:
    """The changes as a reader goes through them: agreements only renumbered, one after the other, as one `Run`."""
    out: list[Amendment | Run] = []
    for change in found:
        last = out[-1] if out else None
        tail = last.last if isinstance(last, Run) else last
        if (
            change.kind == RENUMBERED
            and isinstance(tail, Amendment)
            and tail.kind == RENUMBERED
            and tail.part == change.part
            and (change.new_number, change.old_number) == (tail.new_number + 1, tail.old_number + 1)
        ):
            out[-1] = Run(tail if isinstance(last, Amendment) else last.first, change)
        else:
            out.append(change)
    return out


@dataclass(frozen=True)
class Basis:
    """What the note is compared with: a recorded approval (body, date, reference) or a kept version (date, edition)."""

    body: str = ""
    decided_on: dt.date | None = None
    reference: str = ""
    kept_on: dt.date | None = None
    edition: str = ""

    @property
    def sentence(self) -> str:
        """'Goedgekeurd door het college … op 20 december 2026 (CBS 2026/123)', or the kept version's line."""
        if self.decided_on is not None:
            said = f"Goedgekeurd door {self.body} op {in_document(self.decided_on)}"
            return said + (f" ({self.reference})" if self.reference else "")
        when = in_document(self.kept_on) if self.kept_on else "eerder"
        return f"Vergeleken met de versie van {when} op editie {self.edition}"


def proposal(approver: str) -> str:
    """The decision the college is asked to take, with the approving body as its subject."""
    subject = approver[:1].upper() + approver[1:]
    return f"{subject} keurt de wijzigingen in de afsprakennota goed, zoals hierboven beschreven."
