"""Catalogue editions in SQLite: store a `Catalogue`, read it back.

Published editions never change, so a read catalogue is cached per database
file and edition; draft editions (being curated) are always read fresh.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlite_utils import Database

from ..model.catalogue import Agreement, Block, Catalogue, Chapter, Edition, Reference, Section, Variant, blocks_data
from . import rows

_cache: dict[tuple[str, str, str], Catalogue] = {}


def clear_cache() -> None:
    """Forget cached editions (after a restore replaced the database's content)."""
    _cache.clear()


def _json(value) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _blocks_json(blocks: tuple[Block, ...]) -> str:
    return json.dumps(blocks_data(blocks), ensure_ascii=False)


def _blocks(raw: str) -> tuple[Block, ...]:
    out = []
    for item in json.loads(raw):
        ((kind, value),) = item.items()
        out.append(Block(items=tuple(value)) if kind == "items" else Block(**{kind: value}))
    return tuple(out)


def _edition_row(edition: Edition) -> dict:
    row = asdict(edition)
    row["introduction"] = _blocks_json(edition.introduction)
    return row


def insert_catalogue(db: Database, catalogue: Catalogue) -> None:
    """Insert a whole edition; the caller holds the write transaction."""
    edition_id = catalogue.edition.id
    db["editions"].insert(_edition_row(catalogue.edition))
    db["chapters"].insert_all(
        {"edition_id": edition_id, "id": c.id, "position": i, "title": c.title, "body": _blocks_json(c.body)}
        for i, c in enumerate(catalogue.chapters)
    )
    for chapter in catalogue.chapters:
        _insert_references(db, edition_id, "chapter", chapter.id, chapter.references)
    for position, section in enumerate(catalogue.sections):
        insert_section(db, edition_id, section, position)


def insert_section(db: Database, edition_id: str, section: Section, position: int) -> None:
    """Insert one section with its agreements, variants and references."""
    db["sections"].insert(
        {
            "edition_id": edition_id,
            "id": section.id,
            "position": position,
            "number": section.number,
            "title": section.title,
            "intro": _json(section.intro),
        }
    )
    for i, agreement in enumerate(section.agreements):
        insert_agreement(db, edition_id, section.id, agreement, i)
    _insert_references(db, edition_id, "section", section.id, section.references)


def insert_agreement(db: Database, edition_id: str, section_id: str, agreement: Agreement, position: int) -> None:
    db["agreements"].insert(
        {
            "edition_id": edition_id,
            "id": agreement.id,
            "section_id": section_id,
            "position": position,
            "number": agreement.number,
            "subheading": agreement.subheading,
            "text": _json(agreement.text),
            "items": _json(agreement.items),
            "notes": _json(agreement.notes),
        }
    )
    db["variants"].insert_all(
        {
            "edition_id": edition_id,
            "agreement_id": agreement.id,
            "position": i,
            "label": v.label,
            "text": _json(v.text),
        }
        for i, v in enumerate(agreement.variants)
    )


def _insert_references(db: Database, edition_id: str, kind: str, owner: str, refs: tuple[Reference, ...]) -> None:
    db["reference_links"].insert_all(
        {
            "edition_id": edition_id,
            "owner_kind": kind,
            "owner_id": owner,
            "position": i,
            "title": r.title,
            "url": r.url,
            "agreements": _json(r.agreements),
        }
        for i, r in enumerate(refs)
    )


def delete_edition(db: Database, edition_id: str) -> None:
    """Remove an edition and everything in it (cascades through foreign keys)."""
    db.execute("DELETE FROM variants WHERE edition_id = ?", [edition_id])
    db.execute("DELETE FROM agreements WHERE edition_id = ?", [edition_id])
    db.execute("DELETE FROM editions WHERE id = ?", [edition_id])


# ---------------------------------------------------------------- reading


def edition(db: Database, edition_id: str) -> Edition | None:
    found = rows(db, "SELECT * FROM editions WHERE id = ?", [edition_id])
    return _edition_from_dict(found[0]) if found else None


def editions(db: Database) -> list[Edition]:
    """All editions, oldest first."""
    return [_edition_from_dict(r) for r in db.query("SELECT * FROM editions ORDER BY created_at, id")]


def _edition_from_dict(row: dict) -> Edition:
    row = dict(row)
    row.pop("created_at")
    row["introduction"] = _blocks(row["introduction"])
    return Edition(**row)


def latest_published(db: Database) -> str | None:
    """The id of the newest published edition, which new drafts start on."""
    row = db.execute(
        "SELECT id FROM editions WHERE status = 'published' ORDER BY published_at DESC, created_at DESC, id DESC"
    ).fetchone()
    return row[0] if row else None


def load(db: Database, edition_id: str) -> Catalogue:
    """The full catalogue of one edition; KeyError when the edition is unknown."""
    found = db.execute("SELECT status, published_at FROM editions WHERE id = ?", [edition_id]).fetchone()
    if found is None:
        raise KeyError(edition_id)
    path = getattr(db, "path", None) or db.conn.execute("PRAGMA database_list").fetchone()[2]
    key = (str(path), edition_id, found[1])
    if found[0] == "published" and key in _cache:
        return _cache[key]
    meta = edition(db, edition_id)
    catalogue = _read(db, meta)
    if meta.is_published:
        _cache[key] = catalogue
    return catalogue


def _read(db: Database, meta: Edition) -> Catalogue:
    eid = meta.id
    refs: dict[tuple[str, str], list[Reference]] = {}
    for r in db.query("SELECT * FROM reference_links WHERE edition_id = ? ORDER BY position", [eid]):
        refs.setdefault((r["owner_kind"], r["owner_id"]), []).append(
            Reference(title=r["title"], agreements=tuple(json.loads(r["agreements"])), url=r["url"])
        )
    variants: dict[str, list[Variant]] = {}
    for v in db.query("SELECT * FROM variants WHERE edition_id = ? ORDER BY position", [eid]):
        variants.setdefault(v["agreement_id"], []).append(Variant(label=v["label"], text=tuple(json.loads(v["text"]))))
    agreements: dict[str, list[Agreement]] = {}
    for a in db.query("SELECT * FROM agreements WHERE edition_id = ? ORDER BY position", [eid]):
        agreements.setdefault(a["section_id"], []).append(
            Agreement(
                id=a["id"],
                number=a["number"],
                text=tuple(json.loads(a["text"])),
                items=tuple(json.loads(a["items"])),
                notes=tuple(json.loads(a["notes"])),
                subheading=a["subheading"],
                variants=tuple(variants.get(a["id"], ())),
            )
        )
    chapters = tuple(
        Chapter(
            id=c["id"], title=c["title"], body=_blocks(c["body"]), references=tuple(refs.get(("chapter", c["id"]), ()))
        )
        for c in db.query("SELECT * FROM chapters WHERE edition_id = ? ORDER BY position", [eid])
    )
    sections = tuple(
        Section(
            id=s["id"],
            number=s["number"],
            title=s["title"],
            intro=tuple(json.loads(s["intro"])),
            agreements=tuple(agreements.get(s["id"], ())),
            references=tuple(refs.get(("section", s["id"]), ())),
        )
        for s in db.query("SELECT * FROM sections WHERE edition_id = ? ORDER BY position", [eid])
    )
    return Catalogue(edition=meta, chapters=chapters, sections=sections)
