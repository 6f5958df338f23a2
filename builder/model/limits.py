"""How large a note may grow: generous for any real note, small enough that no one can fill a server.

The catalogue's largest section has 13 agreements and a full note 87; these bounds leave room for
an organisation that writes a lot of its own, and they keep every page a few hundred kB at most.
They are rules of the model: `choices.refusal()` applies them to a note however it was made
(wizard, file, Word, upgrade, restore, command line), and forms use the same numbers and messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .messages import N_, Message
from .plain import MAX_ITEMS, MAX_LENGTH, join_path, limited_fields

TEXT_MAX = 20_000  # characters in one text (an agreement, the vision)
LINE_MAX = 300  # characters in a one-line field (a title, a name)
OWN_PER_SECTION = 50  # own agreements in one catalogue section, or in one own section
OWN_SECTIONS = 30
OWN_PER_NOTE = 300  # own agreements in the whole note, catalogue and own sections together
CHAPTERS = 50  # intro chapters named by a note (the catalogue has 4)
PARTS = 200  # parts of a note: every catalogue section once, and the own sections
AGREEMENTS_PER_PART = 200  # agreements in one part: a section's catalogue agreements once, and the own ones

TOO_LONG = N_("Deze tekst is %(count)d tekens lang; het maximum is %(limit)d. Maak hem korter.")
TOO_MANY_ITEMS = N_("Je nota heeft %(count)d elementen waar er hoogstens %(limit)d passen.")


def text_too_long(text: str | None, limit: int = TEXT_MAX) -> Message | None:
    """The message for a text over `limit` characters, else None."""
    if text and len(text) > limit:
        return Message(TOO_LONG, {"count": len(text), "limit": limit})
    return None


def too_big(own_sections: int, own_per_part: int, own_in_all: int, excess: Excess | None) -> Message | None:
    """The message for a note beyond the bounds above, given its counts; None when it fits."""
    if own_sections > OWN_SECTIONS:
        return Message(N_("Een nota kan hoogstens %(max)d eigen onderdelen hebben."), {"max": OWN_SECTIONS})
    if own_per_part > OWN_PER_SECTION:
        return Message(
            N_(
                "Een onderdeel kan hoogstens %(max)d eigen afspraken hebben. "
                "Voeg afspraken samen of maak een eigen onderdeel."
            ),
            {"max": OWN_PER_SECTION},
        )
    if own_in_all > OWN_PER_NOTE:
        return Message(N_("Een nota kan hoogstens %(max)d eigen afspraken hebben."), {"max": OWN_PER_NOTE})
    if excess is not None:
        message = TOO_MANY_ITEMS if excess.rule == MAX_ITEMS else TOO_LONG
        return Message(message, {"count": excess.size, "limit": excess.limit})
    return None


@dataclass(frozen=True)
class Excess:
    """A value beyond its field's `MAX_LENGTH` (a text) or `MAX_ITEMS` (a list): how large it is, and the limit."""

    path: str
    rule: str
    size: int
    limit: int


def over_limits(obj: Any, path: str = "") -> Iterator[Excess]:
    """Every text longer than its field's MAX_LENGTH and every list longer than its MAX_ITEMS, depth first.

    Only the fields with a limit or objects of their own are looked at (worked out once per class):
    every save checks the whole note, some hundred objects."""
    for name, most_items, most_chars, nested in limited_fields(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, tuple):
            if most_items is not None and len(value) > most_items:
                yield Excess(join_path(path, name), MAX_ITEMS, len(value), most_items)
            for i, item in enumerate(value):
                if nested:
                    yield from over_limits(item, f"{join_path(path, name)}[{i}]")
                elif most_chars is not None and isinstance(item, str) and len(item) > most_chars:
                    yield Excess(f"{join_path(path, name)}[{i}]", MAX_LENGTH, len(item), most_chars)
        elif nested:
            if value is not None:
                yield from over_limits(value, join_path(path, name))
        elif most_chars is not None and isinstance(value, str) and len(value) > most_chars:
            yield Excess(join_path(path, name), MAX_LENGTH, len(value), most_chars)
