"""User-facing messages in the model: Dutch msgids, translated where they are shown (the model knows no Flask)."""

from __future__ import annotations

from dataclasses import dataclass, field


def N_(message: str) -> str:
    """Mark a message for translation; the view translates it."""
    return message


@dataclass(frozen=True)
class Message:
    """A user-facing message: a Dutch msgid with its %-parameters, translated where it is shown."""

    text: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text % self.params if self.params else self.text
