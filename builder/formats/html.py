"""Catalogue and note text as HTML, built in Python.

Paragraphs, line breaks, bullet lists and headings of catalogue texts and users' texts, on the
section pages, the start page and the review page. Everything is escaped with markupsafe: user
text can never become markup. Callers that show the same catalogue text on every request keep
the result in a cache of builder/caches.py, keyed by the catalogue object.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..model.catalogue import Block, fill_placeholders


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


def agreement_html(paragraphs: tuple[str, ...], items: tuple[str, ...] = ()) -> Markup:
    """An agreement's paragraphs followed by its sub-items."""
    html = Markup("").join(Markup("<p>%s</p>") % lines(fill_placeholders(p)) for p in paragraphs)
    return html + _items(items) if items else html


def blocks_html(blocks: tuple[Block, ...], level: int = 3, tip_label: str = "") -> Markup:
    """Chapter-style blocks: paragraphs, headings at `level`, bullet lists; tips only with a `tip_label`.

    A tip is advice to the writer of a note: the wizard shows it, the note (and its preview) leaves it out.
    """
    parts = []
    for block in blocks:
        if block.kind == "tip":
            if tip_label:
                parts.append(
                    Markup('<p class="note"><span class="note__label">%s:</span> %s</p>')
                    % (tip_label, lines(block.tip))
                )
        elif block.kind == "heading":
            parts.append(Markup("<h%d>%s</h%d>") % (level, block.heading, level))
        elif block.kind == "items":
            parts.append(_items(block.items))
        else:
            parts.append(Markup("<p>%s</p>") % lines(block.text))
    return Markup("").join(parts)
