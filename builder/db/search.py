"""Full-text search across an edition, for curators: SQLite FTS5 over every text a curator writes.

`search_entries` holds one row per searchable text of an edition (an agreement's text with its
sub-items, its notes, each variant, each chapter, a section's title and introduction, each
"Meer lezen?" reference, the edition's introduction); sqlite-utils keeps its FTS5 index
`search_entries_fts` in step through triggers (migration 0008). `index_edition` rewrites an
edition's rows whenever the edition is stored (db/editions.py), in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

from ..model.catalogue import Block, Catalogue
from . import rows

MARK_START, MARK_END = "\x02", "\x03"  # around each matched word in `Hit.text`; never in cleaned user text
LIMIT = 50


def _blocks_text(blocks: tuple[Block, ...]) -> str:
    return "\n".join(part for b in blocks for part in (b.heading, b.text, *b.items) if part)


def _entries(catalogue: Catalogue):
    """(kind, entity id, detail, text) for every searchable text of an edition."""
    yield "edition", catalogue.edition.id, "", _blocks_text(catalogue.edition.introduction)
    for chapter in catalogue.chapters:
        yield "chapter", chapter.id, "", "\n".join((chapter.title, _blocks_text(chapter.body)))
        for ref in chapter.references:
            yield "reference", chapter.id, "chapter", " ".join((ref.title, ref.url))
    for section in catalogue.sections:
        yield "section", section.id, "", "\n".join((section.title, *section.intro))
        for ref in section.references:
            yield "reference", section.id, "section", " ".join((ref.title, ref.url))
        for agreement in section.agreements:
            text = "\n".join((agreement.subheading, *agreement.text, *agreement.items)).strip()
            yield "agreement", agreement.id, "", text
            if agreement.notes:
                yield "notes", agreement.id, "", "\n".join(agreement.notes)
            for variant in agreement.variants:
                yield "variant", agreement.id, variant.label, " ".join((variant.label, *variant.text))


def index_edition(db: Database, catalogue: Catalogue) -> None:
    """Replace an edition's rows in the search index; the caller holds the write transaction."""
    edition_id = catalogue.edition.id
    db.execute("DELETE FROM search_entries WHERE edition_id = ?", [edition_id])
    db["search_entries"].insert_all(
        {"edition_id": edition_id, "kind": kind, "entity_id": entity, "detail": detail, "text": text}
        for kind, entity, detail, text in _entries(catalogue)
        if text.strip()
    )


def forget_edition(db: Database, edition_id: str) -> None:
    """Remove an edition's rows from the search index; the caller holds the write transaction."""
    db.execute("DELETE FROM search_entries WHERE edition_id = ?", [edition_id])


@dataclass(frozen=True)
class Hit:
    """One text that matches: what it is, and the text with each match between MARK_START and MARK_END."""

    kind: str
    entity_id: str
    detail: str
    text: str


def query_of(words: str) -> str:
    """The FTS5 query for what a curator typed: every word must occur, each as the start of a word."""
    return " ".join(f'"{word}"*' for word in re.findall(r"\w+", words)[:20])


def search(db: Database, edition_id: str, words: str, limit: int = LIMIT) -> list[Hit]:
    """The texts of an edition that hold every word typed, best match first."""
    query = query_of(words)
    if not query:
        return []
    found = rows(
        db,
        "SELECT e.kind, e.entity_id, e.detail, highlight(search_entries_fts, 0, ?, ?) AS text "
        "FROM search_entries_fts JOIN search_entries e ON e.rowid = search_entries_fts.rowid "
        "WHERE search_entries_fts MATCH ? AND e.edition_id = ? ORDER BY search_entries_fts.rank LIMIT ?",
        [MARK_START, MARK_END, query, edition_id, limit],
    )
    return [Hit(**row) for row in found]
