"""Catalogue and note text as HTML, built in Python.

Paragraphs, line breaks, bullet lists and headings of catalogue texts and users' texts, on the
section pages, the start page and the review page. Everything is escaped with markupsafe: user
text can never become markup. Callers that show the same catalogue text on every request keep
the result in a cache of builder/caches.py, keyed by the catalogue object.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..model import crossref
from ..model.catalogue import Block, fill_placeholders
from ..model.terminology import END, MARK, unmarked


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


def blocks_html(
    blocks: tuple[Block, ...], level: int = 3, tip_label: str = "", numbers: Mapping[str, int] | None = None
) -> Markup:
    """Chapter-style blocks: paragraphs, headings at `level`, bullet lists; tips only with a `tip_label`.

    A tip is advice to the writer of a note: the wizard shows it, the note (and its preview) leaves it out.
    With the note's `numbers`, a cross-reference (`[[id]]`) becomes a link to that agreement on the page.
    """
    if numbers is not None and any("[[" in b.text or any("[[" in i for i in b.items) for b in blocks):
        marked = [dataclasses.replace(b, text=_link_marks(b.text, numbers)) for b in blocks]
        marked = [dataclasses.replace(b, items=tuple(_link_marks(i, numbers) for i in b.items)) for b in marked]
        return with_links(blocks_html(tuple(marked), level, tip_label))
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


# A cross-reference's number between private-use marks (which escaping leaves alone), until `with_links`.
LINK, LABEL, CLOSE = "\ue002", "\ue003", "\ue004"
_LINKED = re.compile(f"{LINK}(\\d+){LABEL}([^{CLOSE}]*){CLOSE}")
_WORD = re.compile(r"afspraak $", re.I)  # "afspraak " right before a number goes into its link


def _link_marks(text: str, numbers: Mapping[str, int]) -> str:
    """The text as the note says it, each number a cross-reference gives between marks for `with_links`."""
    if "[[" not in text:
        return text
    said = ""
    for piece in crossref.segments(text, numbers):
        if isinstance(piece, str):
            said += piece
            continue
        word = _WORD.search(said)
        label = (word.group(0) if word else "") + str(piece.number)
        said = (said[: word.start()] if word else said) + f"{LINK}{piece.number}{LABEL}{label}{CLOSE}"
    return said


def with_links(html: Markup) -> Markup:
    """Escaped HTML whose marked cross-references become links to their agreement ("#afspraak-12") on the page."""
    if LINK not in html:
        return html
    return Markup(_LINKED.sub(r'<a href="#afspraak-\1">\2</a>', str(html)))


def linked_text(text: str, numbers: Mapping[str, int]) -> Markup:
    """A catalogue text as HTML, escaped, with its cross-references as links to the agreements on the page."""
    return with_links(escape(_link_marks(text, numbers)))


def with_marks(html: Markup, note: str) -> Markup:
    """Escaped HTML whose tailoring marks (model/terminology.py) become <mark>, each with `note` for screen readers.

    The marks are private-use characters that escaping leaves alone, so this works on any HTML
    built from a marked text; `note` ("aangepast aan je organisatie") is escaped here.
    """
    if MARK not in html:
        return html
    opening = Markup('<mark class="tailored">')
    closing = Markup('<span class="visually-hidden"> (%s)</span></mark>') % note
    return Markup(str(html).replace(MARK, opening).replace(END, closing))


def marked_text(text: str, note: str) -> Markup:
    """A marked catalogue text as HTML: escaped, each tailored word in <mark>."""
    return with_marks(escape(text), note)


__all__ = [
    "agreement_html",
    "blocks_html",
    "item",
    "lines",
    "linked_text",
    "marked_text",
    "unmarked",
    "with_links",
    "with_marks",
]
