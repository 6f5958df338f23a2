"""The database schema as named migrations (sqlite-utils `Migrations`), applied in order at start-up.

Never edit a migration that has shipped: add a new one at the end of the newest part (`PARTS`'s
last module); when that file nears the 400-line cap, start the next part and add it to `PARTS`.
Texts that hold several paragraphs or items are stored as JSON arrays.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

from . import v1, v2, v3

PARTS = (v1, v2, v3)  # in the order their migrations were written

migrations = Migrations("bouwpakket")
for part in PARTS:
    for name, migration in part.STEPS:
        migrations(name=name)(migration)
