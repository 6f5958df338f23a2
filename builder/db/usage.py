"""What users do with the catalogue, as maintained counts: agreements chosen, notes per edition, shared notes.

The counts are kept up to date by db/drafts.py in the same transaction as the draft's change,
so the curators' usage view never scans the drafts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlite_utils import Database

from ..model.choices import Choices
from ..model.usage import MIN_PEERS, PeerCounts, peer_keys, peer_kind
from . import rows


def update_usage(db: Database, edition_id: str, removed: list[tuple], added: list[tuple]) -> None:
    """Keep the usage counts in step with a draft's change (caller holds the transaction)."""
    delta = Counter(added)
    delta.subtract(Counter(removed))
    for (agreement_id, variant, reworded), change in delta.items():
        if change == 0:
            continue
        db.execute(
            "INSERT INTO usage (edition_id, agreement_id, variant, reworded, drafts) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (edition_id, agreement_id, variant, reworded) DO UPDATE SET drafts = drafts + excluded.drafts",
            [edition_id, agreement_id, variant, int(reworded), change],
        )


def usage(db: Database, edition_id: str) -> list[dict]:
    """How many notes hold each (agreement, variant, reworded) of an edition."""
    return rows(
        db,
        "SELECT agreement_id, variant, reworded, drafts FROM usage WHERE edition_id = ? AND drafts > 0",
        [edition_id],
    )


def draft_counts(db: Database) -> dict[str, int]:
    """Notes per edition, from the maintained count (no scan of the drafts)."""
    return {row["edition_id"]: row["drafts"] for row in rows(db, "SELECT edition_id, drafts FROM draft_counts")}


def count_draft(db: Database, edition_id: str, change: int) -> None:
    """Keep the drafts-per-edition count in step (caller holds the transaction)."""
    db.execute(
        "INSERT INTO draft_counts (edition_id, drafts) VALUES (?, ?) "
        "ON CONFLICT (edition_id) DO UPDATE SET drafts = drafts + excluded.drafts",
        [edition_id, change],
    )


def shared_drafts(db: Database) -> list[dict]:
    """Notes their organisation shared: per draft, the choices of its latest download with the box ticked."""
    return rows(
        db,
        # Driven by the (indexed) shared exports, never by the drafts: the page stays flat as drafts pile up.
        "SELECT d.id, d.edition_id, e.shared_choices AS choices, e.created_at AS shared_at FROM exports e "
        "JOIN drafts d ON d.id = e.draft_id WHERE e.share = 1 AND e.shared_choices IS NOT NULL "
        "AND e.id = (SELECT x.id FROM exports x WHERE x.draft_id = e.draft_id AND x.share = 1 "
        "AND x.shared_choices IS NOT NULL ORDER BY x.created_at DESC, x.id DESC LIMIT 1) ORDER BY shared_at DESC",
    )


def update_peers(db: Database, before: Choices | None, after: Choices | None) -> None:
    """Keep the counts per kind of organisation in step with a counted (downloaded) note's change.

    `before` None: the note starts counting; `after` None: it stops (deleted). Caller holds the transaction.
    """
    notes: Counter = Counter()
    chosen: Counter = Counter()
    for choices, sign in ((before, -1), (after, 1)):
        kind = peer_kind(choices) if choices is not None else ""
        if kind:
            notes[(choices.edition, kind)] += sign
            chosen.update({(choices.edition, kind, *key): sign for key in peer_keys(choices)})
    for (edition_id, kind), change in notes.items():
        if change:
            db.execute(
                "INSERT INTO peer_notes (edition_id, kind, notes) VALUES (?, ?, ?) "
                "ON CONFLICT (edition_id, kind) DO UPDATE SET notes = notes + excluded.notes",
                [edition_id, kind, change],
            )
    for (edition_id, kind, agreement_id, variant, reworded), change in chosen.items():
        if change:
            db.execute(
                "INSERT INTO peer_usage (edition_id, kind, agreement_id, variant, reworded, notes) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (edition_id, kind, agreement_id, variant, reworded) "
                "DO UPDATE SET notes = notes + excluded.notes",
                [edition_id, kind, agreement_id, variant, int(reworded), change],
            )


def peer_counts(db: Database, edition_id: str, kind: str, agreements: Sequence[str] = ()) -> PeerCounts | None:
    """What downloaded notes of `kind` on the edition chose; None below MIN_PEERS notes (or without a kind).

    With `agreements` (ids), only for those: a section page reads its own section's rows.
    """
    if not kind:
        return None
    only = f" AND u.agreement_id IN ({', '.join('?' * len(agreements))})" if agreements else ""
    found = db.execute(  # one statement: the notes of the kind, and beside them what they chose (NULLs: nothing)
        "SELECT n.notes, u.agreement_id, SUM(u.notes), SUM(CASE WHEN u.variant != '' THEN u.notes ELSE 0 END) "
        "FROM peer_notes n LEFT JOIN peer_usage u ON u.edition_id = n.edition_id AND u.kind = n.kind AND u.notes > 0"
        + only
        + " WHERE n.edition_id = ? AND n.kind = ? AND n.notes >= ? GROUP BY u.agreement_id",
        [*agreements, edition_id, kind, MIN_PEERS],
    ).fetchall()
    if not found:
        return None
    chosen = {agreement_id: notes for _n, agreement_id, notes, _varied in found if agreement_id is not None}
    with_variant = {agreement_id: varied for _n, agreement_id, _notes, varied in found if varied}
    return PeerCounts(kind, found[0][0], chosen, with_variant)


def kind_usage(db: Database, edition_id: str, kind: str) -> list[dict]:
    """Like `usage`, for the downloaded notes of one kind of organisation (for curators: no threshold)."""
    return rows(
        db,
        "SELECT agreement_id, variant, reworded, notes AS drafts FROM peer_usage "
        "WHERE edition_id = ? AND kind = ? AND notes > 0",
        [edition_id, kind],
    )


def kind_counts(db: Database, kind: str) -> dict[str, int]:
    """Downloaded notes of one kind of organisation per edition."""
    found = rows(db, "SELECT edition_id, notes FROM peer_notes WHERE kind = ?", [kind])
    return {row["edition_id"]: row["notes"] for row in found}
