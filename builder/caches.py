"""Every process-wide cache of the app, in one place: each one bounded, each keyed only by catalogue data.

A published edition never changes, so what is derived from it alone can be kept for the
life of a worker. Nothing a request sends is ever part of a key or a value here: a key is
built from catalogue objects (frozen dataclasses, compared by value, so a curator's edit in a
draft edition is a new key and never shows stale text), database rows of published editions,
and at most the interface language, which is one of the configured LANGUAGES. A user's own
text, a choice, a status or a count is never cached; tests/test_caches.py checks that a journey
full of unusual input leaves no trace in any cache.

To add a cache: declare it below with its bound and what its key is made of, and use
`the_cache.get(key, make)`. docs/performance.md lists them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any


class Cache:
    """A bounded map from a key to a value made on first use; when full, the oldest entry goes first.

    A hit is a plain dict lookup (atomic in CPython); only making and storing a value takes the lock.
    """

    def __init__(self, name: str, maxsize: int, key: str):
        self.name, self.maxsize, self.key = name, maxsize, key
        self._items: dict[Hashable, Any] = {}
        self._lock = threading.Lock()
        ALL.append(self)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value for `key`, made by `make()` when it is not cached."""
        try:
            return self._items[key]
        except KeyError:
            pass
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.maxsize:
                del self._items[next(iter(self._items))]
        return value

    def get_kept(self, key: Hashable) -> Any | None:
        """The value for `key` when it is cached, else None (for a value that is made elsewhere, then `get`)."""
        return self._items.get(key)

    def keys(self) -> list[Hashable]:
        """The keys held now, oldest first (for tests and diagnostics)."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget everything (after a restore replaced the database's content)."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


ALL: list[Cache] = []

published_editions = Cache(
    "published editions", 16, key="(database file, edition id, published_at) of a published edition"
)
start_page_catalogue = Cache(
    "the catalogue as on the start page", 8, key="(Catalogue, interface language): ~55 kB of HTML each"
)
agreement_heads = Cache(
    "an agreement's fixed part on a section page",
    2048,
    key="(Agreement, its references, interface language, Terminology or None): title, text, tips and wordings",
)
agreement_frames = Cache(
    "an agreement's controls on a section page, with slots for the user's answer",
    2048,
    key="(Agreement, its references, interface language, Terminology or None, catalogue words, place in section)",
)
wordings = Cache(
    "an agreement's wordings as a text box holds them", 2048, key="(Agreement, variant label or '' for the original)"
)
stored_wordings = Cache(
    "every wording of an edition as a stored note's copy holds it (db/packing.py)",
    16,
    key="(edition id, published_at) of a published edition: its wordings by (agreement id, variant), their fingerprint",
)
wording_blocks = Cache(
    "an agreement's wordings as paragraphs and lists",
    4096,
    key="(Agreement, variant label, Terminology or None, marked): the note's blocks",
)
review_items = Cache(
    "an agreement as the review page (and the published page) shows it",
    2048,
    key="(Agreement, variant label, section number, interface language, Terminology or None, with its origin)",
)
fixed_parts = Cache(
    "the parts of pages that read the same for everyone in a language ({% fixed %}, web/fixed.py)",
    512,
    key="(template and line, interface language, the catalogue objects the part names): its HTML",
)
overview_rows = Cache(
    "the overview's fixed part of each section's row",
    32,
    key="(the edition's Sections, Terminology or None): number, tailored title and size of each section",
)
tailors = Cache("terminology tables, compiled", 32, key="Terminology: one organisation type's table of an edition")
own_places = Cache(
    "where an own agreement can go", 64, key="(Section, interface language): the labels of the place list"
)
section_forms = Cache("section page form classes", 64, key="Section: the WTForms class of that section's page")
dummy_password_hash = Cache("a password hash to check unknown accounts against", 1, key="None: made once per process")
word_base = Cache("the styled empty Word document", 1, key="None: built once per process")
plain_shapes = Cache(
    "dataclass shapes for plain data (model/plain.py)",
    64,
    key="a dataclass type of the model: its fields, resolved type hints and rules (code, never data)",
)


def clear_all() -> None:
    """Empty every cache (a restore, or a test that wants a cold start)."""
    for cache in ALL:
        cache.clear()
