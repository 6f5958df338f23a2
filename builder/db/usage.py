"""What users do with the catalogue, as maintained counts: agreements chosen, notes per edition, shared notes.

The counts are kept up to date by db/drafts.py in the same transaction as the draft's change,
so the curators' usage view never scans the drafts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

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
    for (edition_id, kind), agreement_ids in count_peers(db, before, after).items():
        refresh_sections(db, edition_id, kind, agreement_ids)


def count_peers(db: Database, before: Choices | None, after: Choices | None) -> dict[tuple[str, str], set[str]]:
    """The counts per kind and wording (`peer_usage`) in step with a note's change; the agreements whose count moved.

    Returned per (edition id, kind), for `refresh_sections`.
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
    moved: dict[tuple[str, str], set[str]] = {}
    for (edition_id, kind, agreement_id, variant, reworded), change in chosen.items():
        if change:
            db.execute(
                "INSERT INTO peer_usage (edition_id, kind, agreement_id, variant, reworded, notes) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (edition_id, kind, agreement_id, variant, reworded) "
                "DO UPDATE SET notes = notes + excluded.notes",
                [edition_id, kind, agreement_id, variant, int(reworded), change],
            )
            moved.setdefault((edition_id, kind), set()).add(agreement_id)
    return moved


def refresh_sections(db: Database, edition_id: str, kind: str, agreement_ids: Iterable[str] | None = None) -> None:
    """Write again the counts per section (`peer_sections`) of the sections holding `agreement_ids` (None: all).

    A section page reads its counts as one short row instead of gathering them from `peer_usage`,
    one row per agreement and wording (~3 % of the page). The rows are always worked out from
    `peer_usage`, in the transaction that changed it. Caller holds the transaction.
    """
    sections = "SELECT section_id FROM agreements WHERE edition_id = ?"
    params: list = [edition_id]
    if agreement_ids is not None:
        ids = sorted(agreement_ids)
        sections += f" AND id IN ({', '.join('?' * len(ids))})"
        params += ids
    db.execute(
        f"DELETE FROM peer_sections WHERE edition_id = ? AND kind = ? AND section_id IN ({sections})",
        [edition_id, kind, *params],
    )
    db.execute(
        "INSERT INTO peer_sections (edition_id, kind, section_id, counts) "
        "SELECT ?, ?, section_id, json_group_object(agreement_id, json_array(chosen, varied)) FROM ("
        "SELECT a.section_id, u.agreement_id, SUM(u.notes) AS chosen, "
        "SUM(CASE WHEN u.variant != '' THEN u.notes ELSE 0 END) AS varied "
        "FROM peer_usage u JOIN agreements a ON a.edition_id = u.edition_id AND a.id = u.agreement_id "
        f"WHERE u.edition_id = ? AND u.kind = ? AND u.notes > 0 AND a.section_id IN ({sections}) "
        "GROUP BY u.agreement_id) GROUP BY section_id",
        [edition_id, kind, edition_id, kind, *params],
    )


def peer_counts(db: Database, edition_id: str, kind: str, section_id: str) -> PeerCounts | None:
    """What downloaded notes of `kind` on the edition chose in one section; None below MIN_PEERS notes (or no kind)."""
    if not kind:
        return None
    found = db.execute(
        "SELECT n.notes, s.counts FROM peer_notes n LEFT JOIN peer_sections s "
        "ON s.edition_id = n.edition_id AND s.kind = n.kind AND s.section_id = ? "
        "WHERE n.edition_id = ? AND n.kind = ? AND n.notes >= ?",
        [section_id, edition_id, kind, MIN_PEERS],
    ).fetchone()
    if found is None:
        return None
    counts = json.loads(found[1]) if found[1] else {}  # {agreement id: [notes that chose it, with a variant]}
    with_variant = {agreement_id: varied for agreement_id, (_chosen, varied) in counts.items() if varied}
    return PeerCounts(
        kind, found[0], {agreement_id: chosen for agreement_id, (chosen, _v) in counts.items()}, with_variant
    )


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
