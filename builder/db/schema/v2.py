"""Migrations 0009–0014: the curators' history and suggestions, search, terminology, review links, house styles."""

from __future__ import annotations

from sqlite_utils import Database

from .steps import Steps, run_script

STEPS = Steps()


@STEPS(name="0009_curation_history_and_suggestions")
def curation_history_and_suggestions(db: Database) -> None:
    """History lines know the parent of what changed (an agreement's section), so a removal can be undone in place;
    suggestions keep how they were handled (applied, added, rejected with a reason) and can be reopened.

    A database that ran this migration before it was renumbered (as 0007) already has it: nothing to do."""
    if "parent_id" in db["changes"].columns_dict:
        return
    run_script(
        db,
        """
        ALTER TABLE changes ADD COLUMN parent_id TEXT NOT NULL DEFAULT '';
        CREATE INDEX changes_by_entity_across_editions ON changes(entity_id, id);
        ALTER TABLE suggestions ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
        ALTER TABLE suggestions ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        UPDATE suggestions SET outcome = CASE WHEN agreement_created != '' THEN 'added' ELSE 'handled' END
            WHERE handled_at != ''
        """,
    )


@STEPS(name="0010_curation_search")
def curation_search(db: Database) -> None:
    """Full-text search for curators: one row per text of an edition, with an FTS5 index kept in step by triggers."""
    from .. import editions, search

    if db["search_entries"].exists():  # ran before it was renumbered (as 0008)
        return
    db["search_entries"].create(
        {"id": int, "edition_id": str, "kind": str, "entity_id": str, "detail": str, "text": str},
        pk="id",
        not_null={"edition_id", "kind", "entity_id", "detail", "text"},
    )
    db["search_entries"].create_index(["edition_id"])
    db["search_entries"].enable_fts(["text"], tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    for (edition_id,) in db.execute("SELECT id FROM editions").fetchall():
        search.index_edition(db, editions.load(db, edition_id))


@STEPS(name="0011_edition_terminology")
def edition_terminology(db: Database) -> None:
    """Per edition, the terminology tables: its municipal words as each other kind of organisation says them."""
    run_script(db, "ALTER TABLE editions ADD COLUMN terminology TEXT NOT NULL DEFAULT '[]'")


@STEPS(name="0012_review_links")
def review_links(db: Database) -> None:
    """Colleagues reviewing a draft: read-only review links, their comments, and the approvals recorded."""
    run_script(
        db,
        """
        CREATE TABLE review_links (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            expires_on TEXT NOT NULL,
            revoked_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX review_links_by_draft ON review_links(draft_id, id);
        CREATE TABLE review_comments (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            link_id INTEGER REFERENCES review_links(id) ON DELETE CASCADE,
            part TEXT NOT NULL DEFAULT '',
            agreement TEXT NOT NULL DEFAULT '',
            number INTEGER NOT NULL DEFAULT 0,
            wording TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL,
            verdict TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'akkoord', 'niet-akkoord')),
            text TEXT NOT NULL,
            parent_id INTEGER REFERENCES review_comments(id) ON DELETE CASCADE,
            resolved_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX review_comments_by_draft ON review_comments(draft_id, id);
        CREATE TABLE approvals (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            draft_version INTEGER NOT NULL,
            body TEXT NOT NULL,
            decided_on TEXT NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX approvals_by_draft ON approvals(draft_id, id)
        """,
    )


@STEPS(name="0013_house_styles")
def house_styles(db: Database) -> None:
    """A note's house style: the Word template it is built on (as uploaded and as prepared), or its logo."""
    run_script(
        db,
        """
        CREATE TABLE house_styles (
            draft_id INTEGER PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
            template_name TEXT NOT NULL DEFAULT '',
            template BLOB,
            prepared BLOB,
            prepared_with INTEGER NOT NULL DEFAULT 0,
            prepared_styles TEXT NOT NULL DEFAULT '{}',
            logo_name TEXT NOT NULL DEFAULT '',
            logo BLOB,
            logo_alt TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """,
    )


@STEPS(name="0014_house_styles_kept")
def house_styles_kept(db: Database) -> None:
    """A template or logo no longer used is kept (switched off), so that it can be used again."""
    run_script(
        db,
        """
        ALTER TABLE house_styles ADD COLUMN template_off INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE house_styles ADD COLUMN logo_off INTEGER NOT NULL DEFAULT 0
        """,
    )
