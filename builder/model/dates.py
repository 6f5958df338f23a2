"""A note's dates in one home per format: stored, typed in a form, and written in the document.

Stored (in the choices, the database and every file): ISO, `2026-11-23`. In a form: `23/11/2026`,
and typing also takes `23-11-2026`, `23.11.2026` and the ISO form. In the document: Dutch, long,
`23 november 2026`, whatever the interface language. Pages show dates in the interface language
with Flask-Babel's `dateformat` filter (builder/web/templating.py).
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

_TYPED = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def from_stored(value: str) -> dt.date | None:
    """A stored ISO date, or None when empty or not a date."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def stored(value: dt.date | None) -> str:
    """A date as stored: ISO, or "" for none."""
    return value.isoformat() if value else ""


def from_form(value: str | None) -> dt.date | None:
    """A date as typed in a form (dd/mm/jjjj, with / . or -; or ISO), or None when it is not one."""
    if not value:
        return None
    match = _TYPED.match(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return from_stored(value.strip())


def in_form(value: str | dt.date | None) -> str:
    """A date, or a stored one, as a form shows it: 23/11/2026 ("" when empty or not a date)."""
    date = from_stored(value) if isinstance(value, str) else value
    return date.strftime("%d/%m/%Y") if date else ""


def in_document(value: dt.date) -> str:
    """A date as a Flemish document writes it: 23 november 2026."""
    return format_date(value, format="long", locale="nl_BE")
