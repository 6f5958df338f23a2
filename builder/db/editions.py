"""Catalogue editions in SQLite: store a `Catalogue` as rows, read it back.

A row is one object's plain data (model/plain.py): each field a column of the
same name, lists and blocks as JSON text, plus the keys that place it in its
edition (`edition_id`, `position`, its parent's id). The fields that hold other
objects are rows of their own tables: an edition's chapters and sections, a
section's agreements, an agreement's variants, and the references of chapters
and sections (`reference_links`, by `owner_kind`). A new field on `Agreement` is
therefore the model change plus one migration adding its column.

Storing an edition also rewrites its rows in the curators' search index (db/search.py), in the
same transaction. Published editions never change, so a read catalogue is kept in
`caches.published_editions`; draft editions (being curated) are always read fresh.
"""

from __future__ import annotations

import dataclasses
import json
import weakref
from typing import Any

from sqlite_utils import Database

from .. import caches
from ..model import plain
from ..model.catalogue import Agreement, Catalogue, Chapter, Edition, Reference, Section, Variant
from . import rows, search

# ---------------------------------------------------------------- rows


def _row(data: dict[str, Any], children: tuple[str, ...] = (), **keys: Any) -> dict[str, Any]:
    """A table row from an object's plain data: its keys, then each field but `children` (lists, mappings as JSON)."""
    columns = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in data.items()}
    return {**keys, **{k: v for k, v in columns.items() if k not in children}}


def _plain(row: dict[str, Any], cls: type) -> dict[str, Any]:
    """An object's plain data from its row: the columns named after its fields, JSON text decoded."""
    nested = plain.nested_fields(cls)
    return {k: json.loads(row[k]) if k in nested else row[k] for k in plain.field_names(cls) if k in row}


# ---------------------------------------------------------------- writing


def insert_catalogue(db: Database, catalogue: Catalogue) -> None:
    """Insert a whole edition; the caller holds the write transaction."""
    data = catalogue.to_plain()
    edition_id = catalogue.edition.id
    db["editions"].insert(_row(data["edition"]))
    for position, chapter in enumerate(data["chapters"]):
        db["chapters"].insert(_row(chapter, ("references",), edition_id=edition_id, position=position))
        _insert_references(db, edition_id, "chapter", chapter["id"], chapter["references"])
    for position, section in enumerate(data["sections"]):
        _insert_section(db, edition_id, section, position)
    search.index_edition(db, catalogue)


def _insert_section(db: Database, edition_id: str, section: dict[str, Any], position: int) -> None:
    """One section's row, then its agreements with their variants, then its references."""
    keys = {"edition_id": edition_id}
    db["sections"].insert(_row(section, ("agreements", "references"), **keys, position=position))
    for i, agreement in enumerate(section["agreements"]):
        db["agreements"].insert(_row(agreement, ("variants",), **keys, section_id=section["id"], position=i))
        db["variants"].insert_all(
            _row(variant, **keys, agreement_id=agreement["id"], position=j)
            for j, variant in enumerate(agreement["variants"])
        )
    _insert_references(db, edition_id, "section", section["id"], section["references"])


def _insert_references(db: Database, edition_id: str, kind: str, owner: str, refs: list[dict[str, Any]]) -> None:
    db["reference_links"].insert_all(
        _row(ref, edition_id=edition_id, owner_kind=kind, owner_id=owner, position=i) for i, ref in enumerate(refs)
    )


def add_terminology(db: Database, catalogue: Catalogue) -> bool:
    """Give a stored edition the files' terminology tables when that is all that differs and it has none yet.

    Editions loaded before the tables existed (migration 0011) hold none; the tables change no text
    of the edition itself, only how other kinds of organisation read it. True when they were added.
    """
    stored = load(db, catalogue.edition.id)
    if stored.edition.terminology or not catalogue.edition.terminology:
        return False
    without = dataclasses.replace(catalogue, edition=dataclasses.replace(catalogue.edition, terminology=()))
    if stored != without:
        return False
    tables = json.dumps(catalogue.to_plain()["edition"]["terminology"], ensure_ascii=False)
    db.execute("UPDATE editions SET terminology = ? WHERE id = ?", [tables, catalogue.edition.id])
    caches.published_editions.clear()
    return True


def delete_edition(db: Database, edition_id: str) -> None:
    """Remove an edition and everything in it (cascades through foreign keys)."""
    db.execute("DELETE FROM variants WHERE edition_id = ?", [edition_id])
    db.execute("DELETE FROM agreements WHERE edition_id = ?", [edition_id])
    db.execute("DELETE FROM editions WHERE id = ?", [edition_id])
    search.forget_edition(db, edition_id)


REWRITTEN = ("editions", "chapters", "sections", "agreements", "variants", "reference_links", "search_entries")


def _naming_editions(db: Database) -> list[str]:
    """The tables outside the catalogue's own that name an edition in an `edition_id` column (drafts, history…)."""
    found = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table in REWRITTEN or table.startswith("search_entries"):
            continue
        if any(column[1] == "edition_id" for column in db.execute(f"PRAGMA table_info('{table}')").fetchall()):
            found.append(table)
    return found


def rename_draft(db: Database, old_id: str, new_id: str) -> None:
    """Give a draft edition another name, in every table that names it; the caller holds the write transaction."""
    catalogue = load(db, old_id)
    if catalogue.edition.is_published:
        raise PermissionError(f"edition {old_id} is published")
    (created,) = db.execute("SELECT created_at FROM editions WHERE id = ?", [old_id]).fetchone()
    insert_catalogue(db, dataclasses.replace(catalogue, edition=dataclasses.replace(catalogue.edition, id=new_id)))
    db.execute("UPDATE editions SET created_at = ? WHERE id = ?", [created, new_id])
    for table in _naming_editions(db):
        db.execute(f"UPDATE {table} SET edition_id = ? WHERE edition_id = ?", [new_id, old_id])
    db.execute("UPDATE changes SET entity_id = ? WHERE kind = 'edition' AND entity_id = ?", [new_id, old_id])
    delete_edition(db, old_id)


def delete_draft(db: Database, edition_id: str) -> None:
    """Remove a draft edition with its history; the caller holds the write transaction (and said what is lost)."""
    found = edition(db, edition_id)
    if found is None or found.is_published:
        raise PermissionError(f"edition {edition_id} is not a draft")
    db.execute("DELETE FROM changes WHERE edition_id = ?", [edition_id])
    delete_edition(db, edition_id)


def draft_edition(db: Database) -> str | None:
    """The edition being prepared (there is at most one at a time)."""
    row = db.execute("SELECT id FROM editions WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def replace_edition(db: Database, catalogue: Catalogue) -> None:
    """Store a draft edition as a whole; the caller holds the write transaction."""
    existing = edition(db, catalogue.edition.id)
    if existing is not None and existing.is_published:
        raise PermissionError(f"edition {catalogue.edition.id} is published")
    created = db.execute("SELECT created_at FROM editions WHERE id = ?", [catalogue.edition.id]).fetchone()
    delete_edition(db, catalogue.edition.id)
    insert_catalogue(db, catalogue)
    if created:
        db.execute("UPDATE editions SET created_at = ? WHERE id = ?", [created[0], catalogue.edition.id])


# ---------------------------------------------------------------- reading


def edition(db: Database, edition_id: str) -> Edition | None:
    """The metadata of one edition, or None when there is no such edition."""
    found = rows(db, "SELECT * FROM editions WHERE id = ?", [edition_id])
    return plain.from_plain(Edition, _plain(found[0], Edition)) if found else None


def all_editions(db: Database) -> list[Edition]:
    """All editions, oldest first."""
    found = rows(db, "SELECT * FROM editions ORDER BY created_at, id")
    return [plain.from_plain(Edition, _plain(row, Edition)) for row in found]


def published_ids(db: Database) -> list[str]:
    """The ids of the published editions, oldest publication first (no edition is read)."""
    found = db.execute("SELECT id FROM editions WHERE status = 'published' ORDER BY published_at, created_at, id")
    return [row[0] for row in found.fetchall()]


def latest_published(db: Database) -> str | None:
    """The id of the newest published edition, which new drafts start on."""
    row = db.execute(
        "SELECT id FROM editions WHERE status = 'published' ORDER BY published_at DESC, created_at DESC, id DESC"
    ).fetchone()
    return row[0] if row else None


_FILES: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()  # gone with their connection


def database_file(db: Database) -> str:
    """The file the connection reads ("" for an in-memory database), whatever name or URI opened it.

    Asked of SQLite once per connection (a statement on every page otherwise): it never changes.
    """
    found = _FILES.get(db)
    if found is None:
        found = _FILES[db] = db.conn.execute("PRAGMA database_list").fetchone()[2]
    return found


def load(db: Database, edition_id: str) -> Catalogue:
    """The full catalogue of one edition; KeyError when the edition is unknown."""
    found = db.execute("SELECT status, published_at FROM editions WHERE id = ?", [edition_id]).fetchone()
    if found is None:
        raise KeyError(edition_id)
    return loaded(db, edition_id, *found)


def found(db: Database, edition_id: str) -> Catalogue | None:
    """The full catalogue of one edition, or None when there is no such edition."""
    try:
        return load(db, edition_id)
    except KeyError:
        return None


def loaded(db: Database, edition_id: str, status: str, published_at: str) -> Catalogue:
    """The full catalogue of an edition whose status and publication time were just read (with a row naming it)."""
    file = database_file(db) if status == "published" else ""
    if not file:  # a draft edition changes with every edit; an in-memory database has nothing to key on
        return _read(db, edition_id)
    return caches.published_editions.get((file, edition_id, published_at), lambda: _read(db, edition_id))


def _children(
    db: Database, table: str, parent: tuple[str, ...], edition_id: str, cls: type
) -> dict[tuple, list[dict[str, Any]]]:
    """The plain data of an edition's rows in `table`, grouped by their `parent` columns, in position order."""
    grouped: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows(db, f"SELECT * FROM {table} WHERE edition_id = ? ORDER BY position", [edition_id]):
        grouped.setdefault(tuple(row[column] for column in parent), []).append(_plain(row, cls))
    return grouped


def _read(db: Database, edition_id: str) -> Catalogue:
    """Every row of one edition, nested as the catalogue's plain data, then built (trusted: this app wrote it)."""
    refs = _children(db, "reference_links", ("owner_kind", "owner_id"), edition_id, Reference)
    variants = _children(db, "variants", ("agreement_id",), edition_id, Variant)
    agreements = _children(db, "agreements", ("section_id",), edition_id, Agreement)
    for listed in agreements.values():
        for agreement in listed:
            agreement["variants"] = variants.get((agreement["id"],), [])
    chapters = _children(db, "chapters", ("edition_id",), edition_id, Chapter).get((edition_id,), [])
    for chapter in chapters:
        chapter["references"] = refs.get(("chapter", chapter["id"]), [])
    sections = _children(db, "sections", ("edition_id",), edition_id, Section).get((edition_id,), [])
    for section in sections:
        section["agreements"] = agreements.get((section["id"],), [])
        section["references"] = refs.get(("section", section["id"]), [])
    meta = rows(db, "SELECT * FROM editions WHERE id = ?", [edition_id])[0]
    return Catalogue.from_plain({"edition": _plain(meta, Edition), "chapters": chapters, "sections": sections})
