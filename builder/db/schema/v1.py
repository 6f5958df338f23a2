"""Migrations 0001–0008: the catalogue, drafts, curation, retention, usage counts, rate limits, kept versions."""

from __future__ import annotations

from sqlite_utils import Database

from .steps import Steps, run_script

STEPS = Steps()


@STEPS(name="0001_catalogue")
def catalogue(db: Database) -> None:
    """The catalogue's tables: editions, chapters, sections, agreements, variants and references."""
    run_script(
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


@STEPS(name="0002_drafts")
def drafts(db: Database) -> None:
    """Users' drafts, kept under the hash of their private token, and the exports made of them."""
    run_script(
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


@STEPS(name="0003_curation")
def curation(db: Database) -> None:
    """Curators, their sessions and failed logins; the edit history, usage counts, suggestions and sharing."""
    run_script(
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


@STEPS(name="0004_draft_retention")
def draft_retention(db: Database) -> None:
    """When a draft was last opened or changed: untouched drafts are removed after a while."""
    run_script(
        db,
        """
        ALTER TABLE drafts ADD COLUMN touched_at TEXT NOT NULL DEFAULT '';
        UPDATE drafts SET touched_at = updated_at;
        CREATE INDEX drafts_by_touched ON drafts(touched_at);
        """,
    )


@STEPS(name="0005_draft_counts")
def draft_counts(db: Database) -> None:
    """Drafts per edition, kept up to date on create and delete, so the usage view never counts rows."""
    run_script(
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


@STEPS(name="0006_consent_and_rate_limits")
def consent_and_rate_limits(db: Database) -> None:
    """Sharing covers what was downloaded with the box ticked; writes anyone may make are counted per sender.

    Shares recorded before this migration did not keep what was downloaded: they are withdrawn
    rather than shown with content added later.
    """
    run_script(
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


@STEPS(name="0007_migration_map")
def migration_map(db: Database) -> None:
    """What became of the previous edition's agreements (renamed, split, merged, retired), per edition."""
    run_script(db, "ALTER TABLE editions ADD COLUMN migrations TEXT NOT NULL DEFAULT '[]'")


@STEPS(name="0008_draft_versions")
def draft_versions(db: Database) -> None:
    """Earlier versions of a draft kept on purpose (before a move to a new edition), to go back to."""
    run_script(
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
