"""Drafts in SQLite: a user's note, found by the hash of its private token.

The token itself is never stored. Every save names the version it was based
on; a save from an older version raises `Conflict` instead of silently
overwriting what a colleague (or another tab) saved in between.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field, replace
from functools import cached_property

from sqlite_utils import Database

from ..model import merging
from ..model.catalogue import Catalogue
from ..model.choices import Choices, checked, from_stored
from ..model.usage import usage_keys
from . import as_json, editions, now, rows, write
from .packing import Packed, packed, unpacked
from .usage import count_draft, update_peers, update_usage

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
KEPT_VERSIONS = 10  # earlier versions kept per draft (each a full copy of the choices); older ones go
FIELDS = (  # all but `copies`, which is read only when the note's edition changed (db/packing.py)
    "id, token_hash, edition_id, choices, wordings_print, progress, version, last_step, created_at, updated_at, "
    "touched_at, prints, peer_counted"
)
READ = (  # a draft with its edition's status, in one statement: the catalogue is then found without another
    "SELECT "
    + ", ".join(f"d.{name}" for name in FIELDS.split(", "))
    + ", e.status AS edition_status, e.published_at AS edition_published_at "
    "FROM drafts d LEFT JOIN editions e ON e.id = d.edition_id WHERE d."
)


@dataclass
class Draft:
    """A user's note as stored: the choices, the wizard's progress and the version saves are checked against."""

    id: int
    edition_id: str
    choices: Choices
    progress: dict
    version: int
    last_step: str
    created_at: str
    updated_at: str
    touched_at: str = ""
    stored_prints: str = ""  # the fingerprints of the note's units as stored with it (JSON), see `prints`
    catalogue: Catalogue | None = field(default=None, repr=False, compare=False)  # its edition, as read with it

    @cached_property
    def prints(self) -> dict[str, str]:
        """The fingerprint of every unit of the note (model/merging.py), worked out when it was stored.

        A page carries those it shows, so that a save can be merged; a draft stored before they were
        kept has them worked out here.
        """
        return json.loads(self.stored_prints) if self.stored_prints else merging.fingerprints(self.choices)


class Conflict(Exception):
    """The draft changed since the version the user's page was based on."""

    def __init__(self, current: Draft):
        super().__init__(f"draft {current.id} is at version {current.version}")
        self.current = current


def new_token() -> str:
    """A private link token: 256 bits from `secrets`, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What is stored instead of the token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _draft(db: Database, row: dict) -> Draft:
    copies = functools.partial(_copies, db, row["id"])
    catalogue = None  # the edition is gone: nothing was left out of a note on it that it could put back
    if row["edition_status"] is not None:
        catalogue = editions.loaded(db, row["edition_id"], row["edition_status"], row["edition_published_at"])
    return Draft(
        id=row["id"],
        edition_id=row["edition_id"],
        choices=unpacked(row["choices"], row["wordings_print"], catalogue, copies),
        progress=json.loads(row["progress"]),
        version=row["version"],
        last_step=row["last_step"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        touched_at=row["touched_at"],
        stored_prints=row["prints"],
        catalogue=catalogue,
    )


def _prints(choices: Choices, before: Draft | None = None) -> str:
    """The fingerprints of the note's units as JSON, to store with it; those of units as `before` had them are kept."""
    return as_json(merging.fingerprints(choices, (before.choices, before.prints) if before else None))


def _packed(db: Database, choices: Choices, edition_id: str) -> Packed:
    """The note as a row naming `edition_id` stores it (db/packing.py), once the model's rules allow it."""
    return packed(checked(choices), editions.found(db, edition_id))


def _copies(db: Database, draft_id: int) -> str:
    """A draft's copies of its edition's wordings, kept apart (db/packing.py): read only when that edition changed."""
    return db.execute("SELECT copies FROM drafts WHERE id = ?", [draft_id]).fetchone()[0]


def create(db: Database, token: str, choices: Choices, progress: dict | None = None) -> Draft:
    """Create the draft for `token`; creating it twice (a double click) returns the same draft.

    Like every write of a note here, it refuses a note beyond the model's rules (`choices.NoteRefused`).
    """
    note = _packed(db, choices, choices.edition)
    stamp = now()
    with write(db):
        cursor = db.execute(
            "INSERT OR IGNORE INTO drafts (token_hash, edition_id, choices, copies, wordings_print, prints, progress, "
            "created_at, updated_at, touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                hash_token(token),
                choices.edition,
                note.choices,
                note.copies,
                note.wordings_print,
                _prints(choices),
                as_json(progress or {}),
                stamp,
                stamp,
                stamp,
            ],
        )
        if cursor.rowcount == 1:
            count_draft(db, choices.edition, +1)
            update_usage(db, choices.edition, [], usage_keys(choices))
    draft = find(db, token)
    assert draft is not None
    return draft


def find(db: Database, token: str | None) -> Draft | None:
    """The draft a token opens, or None for unknown, malformed or deleted tokens alike."""
    if not token or not TOKEN_PATTERN.match(token):
        return None
    wanted = hash_token(token)
    found = rows(db, READ + "token_hash = ?", [wanted])
    if not found or not hmac.compare_digest(found[0]["token_hash"], wanted):
        return None
    return _draft(db, found[0])


def get(db: Database, draft_id: int) -> Draft | None:
    """A draft by its id (for curators and tests; users find theirs by token)."""
    found = rows(db, READ + "id = ?", [draft_id])
    return _draft(db, found[0]) if found else None


def save(
    db: Database, draft_id: int, based_on: int, choices: Choices, progress: dict, loaded: Draft | None = None
) -> Draft:
    """Store new choices if the draft is still at version `based_on`; else raise Conflict.

    `loaded` is the draft as the caller read it earlier in the request: when the stored version
    is still that one, its choices are not read and parsed again (a full note takes ~0.3 ms).
    What can be prepared without the write lock is, so other writers wait less.
    """
    edition_id = loaded.edition_id if loaded is not None else choices.edition
    catalogue = loaded.catalogue if loaded is not None else editions.found(db, edition_id)  # as read: None if gone
    note, progress_json, added = packed(checked(choices), catalogue), as_json(progress), usage_keys(choices)
    with write(db):
        found = db.execute("SELECT version, peer_counted, edition_id FROM drafts WHERE id = ?", [draft_id]).fetchone()
        if found is None:
            raise LookupError(draft_id)
        if loaded is not None and loaded.id == draft_id and loaded.version == found[0]:
            current = loaded
        else:
            current = _draft(db, rows(db, READ + "id = ?", [draft_id])[0])
        if found[2] != edition_id:  # packed against the edition the row names: the one it is read with
            note = _packed(db, choices, found[2])
        if current.version != based_on:
            raise Conflict(current)
        update_usage(db, current.edition_id, usage_keys(current.choices), added)
        if found[1]:
            update_peers(db, current.choices, choices)
        stamp, prints = now(), _prints(choices, current)
        db.execute(
            "UPDATE drafts SET choices = ?, copies = ?, wordings_print = ?, prints = ?, progress = ?, "
            "version = version + 1, updated_at = ?, touched_at = ? WHERE id = ?",
            [note.choices, note.copies, note.wordings_print, prints, progress_json, stamp, stamp, draft_id],
        )
    return _written(current, choices, progress, stamp, prints)


def _written(current: Draft, choices: Choices, progress: dict, stamp: str, prints: str, **changed) -> Draft:
    """The draft as a write left it: its next version, with these choices, progress and fingerprints."""
    return replace(
        current,
        choices=choices,
        progress=progress,
        version=current.version + 1,
        updated_at=stamp,
        touched_at=stamp,
        stored_prints=prints,
        **changed,
    )


def replace_note(db: Database, draft_id: int, based_on: int, choices: Choices, progress: dict, reason: str) -> Draft:
    """Keep the draft as it is (see `kept_versions`), then store `choices`, on any edition, as its next version.

    Used when a note moves to a new edition and when the user goes back to a kept version:
    either way the version being replaced can be restored.
    """
    catalogue = editions.found(db, choices.edition)
    note, progress_json = packed(checked(choices), catalogue), as_json(progress)
    with write(db):
        found = rows(db, READ + "id = ?", [draft_id])
        if not found:
            raise LookupError(draft_id)
        current = _draft(db, found[0])
        if current.version != based_on:
            raise Conflict(current)
        stamp = now()
        db.execute(
            "INSERT INTO draft_versions (draft_id, version, edition_id, choices, progress, reason, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [draft_id, current.version, current.edition_id, as_json(current.choices.to_data()), found[0]["progress"]]
            + [reason, stamp],  # a kept version holds its note whole
        )
        db.execute(
            "DELETE FROM draft_versions WHERE draft_id = ? AND id NOT IN "
            "(SELECT id FROM draft_versions WHERE draft_id = ? ORDER BY id DESC LIMIT ?)",
            [draft_id, draft_id, KEPT_VERSIONS],
        )
        update_usage(db, current.edition_id, usage_keys(current.choices), [])
        update_usage(db, choices.edition, [], usage_keys(choices))
        if found[0]["peer_counted"]:
            update_peers(db, current.choices, choices)
        if choices.edition != current.edition_id:
            count_draft(db, current.edition_id, -1)
            count_draft(db, choices.edition, +1)
        prints = _prints(choices, current)
        db.execute(
            "UPDATE drafts SET edition_id = ?, choices = ?, copies = ?, wordings_print = ?, prints = ?, progress = ?, "
            "version = version + 1, updated_at = ?, touched_at = ? WHERE id = ?",
            [choices.edition, note.choices, note.copies, note.wordings_print, prints, progress_json, stamp, stamp]
            + [draft_id],
        )
    return _written(current, choices, progress, stamp, prints, edition_id=choices.edition, catalogue=catalogue)


@dataclass
class KeptVersion:
    """An earlier version of a draft, kept when it was replaced as a whole."""

    id: int
    version: int
    edition_id: str
    reason: str
    created_at: str


def kept_versions(db: Database, draft_id: int) -> list[KeptVersion]:
    """The draft's kept versions, newest first."""
    found = rows(
        db,
        "SELECT id, version, edition_id, reason, created_at FROM draft_versions WHERE draft_id = ? ORDER BY id DESC",
        [draft_id],
    )
    return [KeptVersion(**row) for row in found]


def kept_version(db: Database, draft_id: int, kept_id: int) -> tuple[KeptVersion, Choices] | None:
    """One kept version of the draft with its note (to compare the note with), or None when it has no such version."""
    found = rows(
        db,
        "SELECT id, version, edition_id, reason, created_at, choices FROM draft_versions WHERE id = ? AND draft_id = ?",
        [kept_id, draft_id],
    )
    if not found:
        return None
    choices = from_stored(json.loads(found[0].pop("choices")))
    return KeptVersion(**found[0]), choices


def restore(db: Database, draft_id: int, kept_id: int, based_on: int, reason: str) -> Draft:
    """Make a kept version the draft's current one again; the version it replaces is kept in turn."""
    found = rows(db, "SELECT * FROM draft_versions WHERE id = ? AND draft_id = ?", [kept_id, draft_id])
    if not found:
        raise LookupError(kept_id)
    choices = from_stored(json.loads(found[0]["choices"]))
    return replace_note(db, draft_id, based_on, choices, json.loads(found[0]["progress"]), reason)


def remember_step(db: Database, draft_id: int, step: str) -> None:
    """Where the user was, so the private link resumes there (not a content change)."""
    with write(db):
        db.execute("UPDATE drafts SET last_step = ? WHERE id = ?", [step, draft_id])


def touch(db: Database, draft_id: int) -> None:
    """The user chose to keep the draft: its retention period starts again."""
    with write(db):
        db.execute("UPDATE drafts SET touched_at = ? WHERE id = ?", [now(), draft_id])


def purge_untouched(db: Database, older_than: str) -> int:
    """Remove drafts not opened or changed since `older_than` (ISO time); returns how many.

    A draft published as a web page stays while it is published: its address is meant to keep working.
    """
    found = db.execute(
        "SELECT id FROM drafts WHERE touched_at < ? AND id NOT IN (SELECT draft_id FROM publications)", [older_than]
    )
    ids = [row[0] for row in found.fetchall()]
    for draft_id in ids:
        delete(db, draft_id)
    return len(ids)


def delete(db: Database, draft_id: int) -> None:
    """Remove a draft at once, and its share in the usage counts (also those per kind of organisation)."""
    with write(db):
        row = db.execute("SELECT edition_id, choices, peer_counted FROM drafts WHERE id = ?", [draft_id]).fetchone()
        if row is None:
            return
        choices = from_stored(json.loads(row[1]))  # without its copies (db/packing.py): enough for the counts
        update_usage(db, row[0], usage_keys(choices), [])
        if row[2]:
            update_peers(db, choices, None)
        count_draft(db, row[0], -1)
        db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])


def record_export(db: Database, draft: Draft, share: bool = False) -> bool:
    """Count a download once per draft version (a double click is one export), with the sharing answer given.

    Ticking the box shares this download's choices with Kortom; a download with the box unticked
    withdraws every earlier share of the draft. Only the latest shared copy is kept (it is the one
    curators see), so saving and downloading again and again does not pile up copies of a note.
    True when this version was not downloaded before.
    """
    shared = as_json(draft.choices.to_data()) if share else None
    with write(db):
        if share:
            db.execute(
                "UPDATE exports SET shared_choices = NULL WHERE draft_id = ? AND draft_version != ? "
                "AND shared_choices IS NOT NULL",
                [draft.id, draft.version],
            )
        cursor = db.execute(
            "INSERT OR IGNORE INTO exports (draft_id, draft_version, created_at, share, shared_choices) "
            "VALUES (?, ?, ?, ?, ?)",
            [draft.id, draft.version, now(), int(share), shared],
        )
        first = cursor.rowcount == 1
        if first:
            _start_counting(db, draft.id)
        if share and not first:
            db.execute(
                "UPDATE exports SET share = 1, shared_choices = ?, created_at = ? "
                "WHERE draft_id = ? AND draft_version = ?",
                [shared, now(), draft.id, draft.version],
            )
        if not share:
            db.execute("UPDATE exports SET share = 0, shared_choices = NULL WHERE draft_id = ?", [draft.id])
    return first


def _start_counting(db: Database, draft_id: int) -> None:
    """A draft downloaded for the first time counts for its kind of organisation from now on, as it is stored."""
    row = db.execute("SELECT choices FROM drafts WHERE id = ? AND peer_counted = 0", [draft_id]).fetchone()
    if row is not None:
        db.execute("UPDATE drafts SET peer_counted = 1 WHERE id = ?", [draft_id])
        update_peers(db, None, from_stored(json.loads(row[0])))  # its copies are not counted (db/packing.py)
