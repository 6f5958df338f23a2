"""An agreement's controls drawn once per agreement, language and place, with slots for the user's answer.

A section page shows up to 13 agreements, and drawing each one's controls through the template cost
more than the rest of the page together. Everything but the user's answer depends on catalogue data
and the interface language only, so `_pick.html`'s macro is rendered once with slot markers in place
of the answer (`Slots`), split at the markers and kept (`caches.agreement_frames`); per request the
slots are filled with the answer as `State` says it. An agreement with an error on it, or one whose
texts name other agreements by the note's numbers, is drawn by the macro itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import get_template_attribute
from markupsafe import Markup, escape

from ..fixed import MARKER

CHECKED, OPEN = " checked", " open"


@dataclass
class State:
    """What an agreement's controls show of the user's answer, as the markup writes it."""

    numbered: Markup  # "Afspraak 13 uit de catalogus · wordt 3 in je nota", or nothing
    peers: Markup  # "Gekozen in 23 van de 31 nota’s van gemeenten", or nothing
    include: str
    untailored: str
    fill: str
    open: str
    text: str
    reset: str
    variant: str
    values: tuple[str, ...]  # the wordings' values, in order ("" is the original)

    def chosen(self, k: int) -> str:
        """ " checked" for the k-th wording when it is the one chosen."""
        return CHECKED if self.values[k] == self.variant else ""

    def slots(self) -> dict[str, str]:
        """The value of every slot of the frame, escaped as the template would escape it."""
        found = {"numbered": self.numbered, "peers": self.peers, "include": self.include, "untailored": self.untailored}
        found.update(fill=escape(self.fill), open=self.open, text=escape(self.text), reset=self.reset)
        found.update({f"chosen{k}": self.chosen(k) for k in range(len(self.values))})
        return found


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
    """A frame with the user's answer in its slots."""
    values, drawn = state.slots(), list(parts)
    drawn[1::2] = [values[name] for name in parts[1::2]]
    return Markup("".join(drawn))
