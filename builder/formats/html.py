"""Catalogue and note text as HTML, built in Python and cached.

The same agreement texts are shown on every section page, the start page and
the review page; rendering them once (they never change for a published
edition) instead of through nested template macros keeps pages fast.
Everything is escaped with markupsafe: user text can never become markup.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from ..model.catalogue import Block
from ..model.text import cached_up_to_catalogue_size


def lines(text: str) -> Markup:
    """Line breaks inside a paragraph become <br>."""
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def item(text: str) -> Markup:
    """A bullet; "term\\nexplanation" shows the term in bold."""
    term, newline, rest = text.partition("\n")
    if not newline:
        return escape(text)
    return Markup("<strong>%s</strong><br>%s") % (term, lines(rest))


def _items(items: tuple[str, ...]) -> Markup:
    return Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % item(i) for i in items)


@lru_cache(maxsize=2048)
def agreement_html(paragraphs: tuple[str, ...], items: tuple[str, ...] = ()) -> Markup:
    """An agreement's paragraphs followed by its sub-items."""
    html = Markup("").join(Markup("<p>%s</p>") % lines(p) for p in paragraphs)
    return html + _items(items) if items else html


def _size(blocks: tuple[Block, ...], _level: int = 3) -> int:
    return sum(len(b.text) + len(b.heading) + sum(map(len, b.items)) for b in blocks)


@cached_up_to_catalogue_size(_size)
def blocks_html(blocks: tuple[Block, ...], level: int = 3) -> Markup:
    """Chapter-style blocks: paragraphs, headings at `level`, bullet lists (catalogue-sized ones cached)."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append(Markup("<h%d>%s</h%d>") % (level, block.heading, level))
        elif block.kind == "items":
            parts.append(_items(block.items))
        else:
            parts.append(Markup("<p>%s</p>") % lines(block.text))
    return Markup("").join(parts)
