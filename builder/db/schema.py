"""The database schema as numbered migrations, applied at start-up.

Never edit a migration that has shipped: add a new one. Texts that hold
several paragraphs or items are stored as JSON arrays.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("bouwpakket")


def _run(db: Database, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the migration's transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_catalogue")
def catalogue(db: Database) -> None:
    """The catalogue's tables: editions, chapters, sections, agreements, variants and references."""
    _run(
        db,
        """
        CREATE TABLE editions (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL,
            updates TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
            introduction TEXT NOT NULL DEFAULT '[]',
            change_summary TEXT NOT NULL DEFAULT '',
            based_on TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE chapters (
            edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (edition_id, id)
        );
        CREATE TABLE sections (
            edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            number TEXT NOT NULL,
            title TEXT NOT NULL,
            intro TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (edition_id, id),
            UNIQUE (edition_id, number)
        );
        CREATE TABLE agreements (
            edition_id TEXT NOT NULL,
            id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            number INTEGER NOT NULL,
            subheading TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            items TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (edition_id, id),
            FOREIGN KEY (edition_id, section_id) REFERENCES sections(edition_id, id) ON DELETE CASCADE
        );
        CREATE INDEX agreements_by_section ON agreements(edition_id, section_id, position);
        CREATE TABLE variants (
            id INTEGER PRIMARY KEY,
            edition_id TEXT NOT NULL,
            agreement_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (edition_id, agreement_id, label),
            FOREIGN KEY (edition_id, agreement_id) REFERENCES agreements(edition_id, id) ON DELETE CASCADE
        );
        CREATE TABLE reference_links (
            id INTEGER PRIMARY KEY,
            edition_id TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('chapter', 'section')),
            owner_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            agreements TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX reference_links_by_owner ON reference_links(edition_id, owner_kind, owner_id, position);
        """,
    )


@migrations(name="0002_drafts")
def drafts(db: Database) -> None:
    """Users' drafts, kept under the hash of their private token, and the exports made of them."""
    _run(
        db,
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            edition_id TEXT NOT NULL REFERENCES editions(id),
            choices TEXT NOT NULL,
            progress TEXT NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL DEFAULT 1,
            last_step TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX drafts_by_updated ON drafts(updated_at);
        CREATE TABLE exports (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            draft_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (draft_id, draft_version)
        );
        """,
    )


@migrations(name="0003_curation")
def curation(db: Database) -> None:
    """Curators, their sessions and failed logins; the edit history, usage counts, suggestions and sharing."""
    _run(
        db,
        """
        CREATE TABLE curators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL
        );
        CREATE TABLE curator_sessions (
            id_hash TEXT PRIMARY KEY,
            curator_id INTEGER NOT NULL REFERENCES curators(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
            value TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX login_failures_by_value ON login_failures(kind, value, at);
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            edition_id TEXT NOT NULL,
            curator TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            action TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            before TEXT,
            after TEXT
        );
        CREATE INDEX changes_by_entity ON changes(edition_id, kind, entity_id, id);
        CREATE TABLE usage (
            edition_id TEXT NOT NULL,
            agreement_id TEXT NOT NULL,
            variant TEXT NOT NULL,
            reworded INTEGER NOT NULL,
            drafts INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (edition_id, agreement_id, variant, reworded)
        );
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            edition_id TEXT NOT NULL,
            section_number TEXT NOT NULL,
            agreement_id TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN ('nieuw', 'verbetering')),
            text TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            handled_at TEXT NOT NULL DEFAULT '',
            handled_by TEXT NOT NULL DEFAULT '',
            agreement_created TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX suggestions_open ON suggestions(handled_at, id);
        ALTER TABLE exports ADD COLUMN share INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX exports_shared ON exports(share, draft_id);
        """,
    )


@migrations(name="0004_draft_retention")
def draft_retention(db: Database) -> None:
    """When a draft was last opened or changed: untouched drafts are removed after a while."""
    _run(
        db,
        """
        ALTER TABLE drafts ADD COLUMN touched_at TEXT NOT NULL DEFAULT '';
        UPDATE drafts SET touched_at = updated_at;
        CREATE INDEX drafts_by_touched ON drafts(touched_at);
        """,
    )


@migrations(name="0005_draft_counts")
def draft_counts(db: Database) -> None:
    """Drafts per edition, kept up to date on create and delete, so the usage view never counts rows."""
    _run(
        db,
        """
        CREATE TABLE draft_counts (
            edition_id TEXT PRIMARY KEY,
            drafts INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO draft_counts (edition_id, drafts) SELECT edition_id, count(*) FROM drafts GROUP BY edition_id;
        CREATE INDEX drafts_by_edition ON drafts(edition_id);
        """,
    )


@migrations(name="0006_consent_and_rate_limits")
def consent_and_rate_limits(db: Database) -> None:
    """Sharing covers what was downloaded with the box ticked; writes anyone may make are counted per sender.

    Shares recorded before this migration did not keep what was downloaded: they are withdrawn
    rather than shown with content added later.
    """
    _run(
        db,
        """
        ALTER TABLE exports ADD COLUMN shared_choices TEXT;
        UPDATE exports SET share = 0;
        CREATE TABLE rate_events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            sender TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX rate_events_by_sender ON rate_events(kind, sender, at);
        """,
    )


@migrations(name="0007_migration_map")
def migration_map(db: Database) -> None:
    """What became of the previous edition's agreements (renamed, split, merged, retired), per edition."""
    _run(db, "ALTER TABLE editions ADD COLUMN migrations TEXT NOT NULL DEFAULT '[]'")


@migrations(name="0008_draft_versions")
def draft_versions(db: Database) -> None:
    """Earlier versions of a draft kept on purpose (before a move to a new edition), to go back to."""
    _run(
        db,
        """
        CREATE TABLE draft_versions (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            edition_id TEXT NOT NULL,
            choices TEXT NOT NULL,
            progress TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX draft_versions_by_draft ON draft_versions(draft_id, id)
        """,
    )


@migrations(name="0009_curation_history_and_suggestions")
def curation_history_and_suggestions(db: Database) -> None:
    """History lines know the parent of what changed (an agreement's section), so a removal can be undone in place;
    suggestions keep how they were handled (applied, added, rejected with a reason) and can be reopened.

    A database that ran this migration before it was renumbered (as 0007) already has it: nothing to do."""
    if "parent_id" in db["changes"].columns_dict:
        return
    _run(
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


@migrations(name="0010_curation_search")
def curation_search(db: Database) -> None:
    """Full-text search for curators: one row per text of an edition, with an FTS5 index kept in step by triggers."""
    from . import editions, search

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


@migrations(name="0011_edition_terminology")
def edition_terminology(db: Database) -> None:
    """Per edition, the terminology tables: its municipal words as each other kind of organisation says them."""
    _run(db, "ALTER TABLE editions ADD COLUMN terminology TEXT NOT NULL DEFAULT '[]'")


@migrations(name="0012_review_links")
def review_links(db: Database) -> None:
    """Colleagues reviewing a draft: read-only review links, their comments, and the approvals recorded."""
    _run(
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


@migrations(name="0013_house_styles")
def house_styles(db: Database) -> None:
    """A note's house style: the Word template it is built on (as uploaded and as prepared), or its logo."""
    _run(
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


@migrations(name="0014_house_styles_kept")
def house_styles_kept(db: Database) -> None:
    """A template or logo no longer used is kept (switched off), so that it can be used again."""
    _run(
        db,
        """
        ALTER TABLE house_styles ADD COLUMN template_off INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE house_styles ADD COLUMN logo_off INTEGER NOT NULL DEFAULT 0
        """,
    )
