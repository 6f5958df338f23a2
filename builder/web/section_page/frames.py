"""An agreement's controls drawn once per agreement, language and place, with slots for the user's answer.

A section page shows up to 13 agreements, and drawing each one's controls through the template cost
more than the rest of the page together. Everything but the user's answer depends on catalogue data
and the interface language only, so `_pick.html`'s macro is rendered once with slot markers in place
of the answer (`Slots`), split at the markers and kept (`caches.agreement_frames`); per request the
slots are filled with the answer as `State` says it. An agreement with an error on it, or one whose
texts name other agreements by the note's numbers, is drawn by the macro itself.
"""

from __future__ import annotations

from flask import get_template_attribute
from markupsafe import Markup

from ..fixed import MARKER

CHECKED, OPEN = " checked", " open"


class State(dict):
    """What an agreement's controls show of the user's answer: each slot's value, escaped as the template escapes it.

    The slots are `numbered` ("Afspraak 13 uit de catalogus · wordt 3 in je nota", or nothing), `peers`
    ("Gekozen in 23 van de 31 nota’s van gemeenten", or nothing), `include`, `untailored`, `open` and
    `reset` (" checked", " open" or ""), `fill` and `text` (what the boxes hold) and `chosen0`, `chosen1`, …
    (" checked" for the wording chosen, the original first). The macro reads them as attributes;
    a frame is filled with them by name.
    """

    def __getattr__(self, name: str) -> str:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def chosen(self, k: int) -> str:
        """ " checked" for the k-th wording when it is the one chosen."""
        return self[f"chosen{k}"]


class Slots:
    """In place of a `State` while the frame is drawn: every value is a marker that names its slot."""

    def __getattr__(self, name: str) -> Markup:
        return Markup(f"{MARKER}{name}{MARKER}")

    def chosen(self, k: int) -> Markup:
        """The marker of the k-th wording's "checked"."""
        return Markup(f"{MARKER}chosen{k}{MARKER}")


def frame(control) -> tuple[str, ...]:
    """The control's markup split at its slots: static text at even places, slot names at odd ones."""
    pick = get_template_attribute("wizard/_pick.html", "pick")
    return tuple(str(pick(control)).split(MARKER))


def filled(parts: tuple[str, ...], state: State) -> Markup:
    """A frame with the user's answer in its slots (the answer's values are escaped already)."""
    drawn = list(parts)
    drawn[1::2] = [state[name] for name in parts[1::2]]
    return Markup("".join(drawn))
