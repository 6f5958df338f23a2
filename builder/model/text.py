"""User text: made safe for XML, and turned into paragraphs and bullet lists.

Users type agreements in a plain textarea. Paragraphs are separated by blank
lines; a line that starts with "- " (or "•", "*", "·") is a bullet, and
indented lines that follow continue that bullet. `to_editable` writes
catalogue text in that same form, so the two round-trip.
"""

from __future__ import annotations

import re
import unicodedata

from .catalogue import Block

# Characters XML 1.0 cannot hold: C0 controls except tab/newline/CR, surrogates,
# U+FFFE and U+FFFF. python-docx (lxml) refuses them outright.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a user never means to type: private-use characters (the wizard marks tailored words with two of
# them, model/terminology.py) and the bidirectional embeddings, overrides and isolates that can make a
# text or a file name read backwards ("nota\u202excod.exe"). Marks (U+200E, U+200F) stay.
_UNSEEN = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\u202a-\u202e\u2066-\u2069]")
_BULLET = re.compile(r"^\s*[-•*·]\s+")


def clean(text: str | None) -> str:
    """Text as we store it: valid for XML, NFC, unix newlines, no trailing blanks, nothing unseen that misleads."""
    return _tidy(_UNSEEN.sub("", text)) if text else ""


def _tidy(text: str | None) -> str:
    """Valid for XML, NFC, unix newlines, no trailing blanks (a marked text keeps its marks)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _XML_INVALID.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()


def clean_line(text: str | None) -> str:
    """A one-line field: like `clean`, with line breaks turned into spaces."""
    return " ".join(clean(text).split())


def to_editable(paragraphs: tuple[str, ...] | list[str], items: tuple[str, ...] | list[str] = ()) -> str:
    """Catalogue text as the user sees it in a textarea."""
    parts = list(paragraphs)
    if items:
        parts.append("\n".join("- " + item.replace("\n", "\n  ") for item in items))
    return "\n\n".join(parts)


def parse_editable(text: str) -> tuple[Block, ...]:
    """Paragraphs and bullet lists from what the user typed."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Block(text="\n".join(paragraph)))
            paragraph.clear()

    def flush_items() -> None:
        if items:
            blocks.append(Block(items=tuple(items)))
            items.clear()

    for line in _tidy(text).split("\n"):
        if not line.strip():
            flush_paragraph()
            flush_items()
        elif _BULLET.match(line):
            flush_paragraph()
            items.append(_BULLET.sub("", line).strip())
        elif items and line.startswith((" ", "\t")):
            items[-1] += "\n" + line.strip()
        else:
            flush_items()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_items()
    return tuple(blocks)


def same_text(a: str, b: str) -> bool:
    """True when two texts differ only in spacing and line layout."""
    return _normal(a) == _normal(b)


def _normal(text: str) -> list[Block]:
    return [
        Block(text=" ".join(b.text.split()), items=tuple(" ".join(i.split()) for i in b.items))
        for b in parse_editable(text)
    ]


_LETTERS = str.maketrans(
    {"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ß": "ss", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L"}
)


def slugify(text: str, fallback: str = "nota") -> str:
    """An ASCII file-name part: 'Stad Sint-Niklaas' -> 'stad-sint-niklaas'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or fallback


def blocks_to_text(blocks) -> str:
    """Chapter-style blocks as editable text: "## " marks a heading, "> " a tip for the writer."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("## " + block.heading)
        elif block.kind == "tip":
            parts.append("> " + block.tip)
        elif block.kind == "items":
            parts.append(to_editable((), block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """The inverse of `blocks_to_text`."""
    blocks: list[Block] = []
    for block in parse_editable(text):
        if block.kind == "text" and block.text.startswith("## "):
            first, _sep, rest = block.text.partition("\n")
            blocks.append(Block(heading=first[3:].strip()))
            if rest.strip():
                blocks.append(Block(text=rest))
        elif block.kind == "text" and block.text.startswith("> "):
            blocks.append(Block(tip=block.text[2:].strip()))
        else:
            blocks.append(block)
    return tuple(blocks)


def first_words(text: str, count: int = 8) -> str:
    """The start of a text, to recognise it by: its first `count` words, with "…" when there is more."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
