"""A note's house style in SQLite: its Word template (as uploaded and as prepared) and its logo.

One row per draft, removed with the draft. The template is kept as uploaded so that it can be
prepared again when preparing changes (`prepared_with` says by which version it was prepared).
"Niet meer gebruiken" switches a template or logo off; it stays kept until another replaces it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from . import now, rows, write


@dataclass(frozen=True)
class StoredHouseStyle:
    """What a draft's house style row holds."""

    template_name: str
    prepared: bytes | None
    prepared_with: int
    prepared_styles: dict
    logo_name: str
    logo: bytes | None
    logo_alt: str
    updated_at: str
    template_off: bool = False  # kept, but the note is not built on it
    logo_off: bool = False

    @property
    def has_template(self) -> bool:
        """True when the note is built on the organisation's template."""
        return bool(self.template_name) and not self.template_off

    @property
    def has_logo(self) -> bool:
        """True when the note has a logo (used on the title page when there is no template)."""
        return bool(self.logo_name) and not self.logo_off

    @property
    def kept_template(self) -> bool:
        """True when a template is kept but switched off, to be used again with one click."""
        return bool(self.template_name) and self.template_off

    @property
    def kept_logo(self) -> bool:
        """True when a logo is kept but switched off."""
        return bool(self.logo_name) and self.logo_off


NAMES = "template_name, prepared_with, prepared_styles, logo_name, logo_alt, updated_at, template_off, logo_off"


def find(db: Database, draft_id: int, files: bool = True) -> StoredHouseStyle | None:
    """The draft's house style, or None when it has none.

    With `files`, the prepared template and the logo come along; the template as uploaded is only
    read to prepare it again (`uploaded_template`). Without, only the names (no file bytes)."""
    columns = f"{NAMES}, prepared, logo" if files else NAMES
    found = rows(db, f"SELECT {columns} FROM house_styles WHERE draft_id = ?", [draft_id])
    if not found:
        return None
    row = found[0]
    return StoredHouseStyle(
        template_name=row["template_name"],
        prepared=row.get("prepared"),
        prepared_with=row["prepared_with"],
        prepared_styles=json.loads(row["prepared_styles"]),
        logo_name=row["logo_name"],
        logo=row.get("logo"),
        logo_alt=row["logo_alt"],
        updated_at=row["updated_at"],
        template_off=bool(row["template_off"]),
        logo_off=bool(row["logo_off"]),
    )


def uploaded_template(db: Database, draft_id: int) -> bytes | None:
    """The draft's template as it was uploaded (to prepare it again), or None."""
    found = db.execute("SELECT template FROM house_styles WHERE draft_id = ?", [draft_id]).fetchone()
    return found[0] if found else None


def _upsert(db: Database, draft_id: int, values: dict) -> None:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f"{column} = excluded.{column}" for column in values)
    db.execute(
        f"INSERT INTO house_styles (draft_id, updated_at, {columns}) VALUES (?, ?, {marks}) "
        f"ON CONFLICT(draft_id) DO UPDATE SET updated_at = excluded.updated_at, {updates}",
        [draft_id, now(), *values.values()],
    )


def save_template(db: Database, draft_id: int, name: str, template: bytes, prepared: bytes, version: int, styles: dict):
    """Keep an uploaded template for the draft, with what it was prepared into (replaces an earlier one)."""
    with write(db):
        _upsert(
            db,
            draft_id,
            {
                "template_name": name,
                "template": template,
                "prepared": prepared,
                "prepared_with": version,
                "prepared_styles": json.dumps(styles),
                "template_off": 0,
            },
        )


def save_logo(db: Database, draft_id: int, alt: str, name: str = "", logo: bytes | None = None) -> None:
    """Keep the draft's logo and its alternative text; without `logo`, only the text changes."""
    values: dict = {"logo_alt": alt}
    if logo is not None:
        values.update(logo_name=name, logo=logo, logo_off=0)
    with write(db):
        _upsert(db, draft_id, values)


TEMPLATE, LOGO = "template", "logo"


def switch(db: Database, draft_id: int, what: str, on: bool) -> None:
    """Use the draft's kept template or logo again (`on`), or stop using it; it stays kept either way."""
    column = {TEMPLATE: "template_off", LOGO: "logo_off"}[what]
    with write(db):
        db.execute(
            f"UPDATE house_styles SET {column} = ?, updated_at = ? WHERE draft_id = ?", [int(not on), now(), draft_id]
        )
