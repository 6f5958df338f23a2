"""How a note reads on a page, for the author's pages (wizard) and the reviewer's (review) alike.

Both blueprints show the note's agreements and the comments beside them the same way; what they
share lives here, in the web glue, so neither blueprint imports the other.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from markupsafe import Markup, escape

from .. import caches
from ..formats.html import blocks_html, with_marks
from ..model.note import NoteAgreement
from ..model.outline import Outline, Part
from ..model.reviews import COMMENT_MAX, VERDICT_LABELS, VERDICTS, agreement_key, changed_since
from .fields import SESSION_EXPIRED
from .i18n import language
from .templating import tailoring_note


def note_items(drawn: Outline, origin: bool = True) -> dict[int, Markup]:
    """Per agreement number of the note: its text and (with `origin`) where it comes from, in the document's words.

    A catalogue wording taken unchanged looks the same in every note, so it is drawn once per
    agreement, wording, section and language (of the screen reader's note on tailored words);
    a rewording, an own agreement and a wording that names another agreement's number (a link to
    it) are drawn every time.
    """
    lang = language()
    items = {}
    for part in drawn.parts:
        for a in part.agreements:
            if a.plain and not _refers(a):
                key = (a.agreement, a.choice.variant, part.section, lang, a.terms, origin)
                draw = lambda a=a, s=part.section: _note_item(a, s, drawn.numbers, origin)  # noqa: E731
                items[a.number] = caches.review_items.get(key, draw)
            else:
                items[a.number] = _note_item(a, part.section, drawn.numbers, origin)
    return items


def _refers(a: NoteAgreement) -> bool:
    return any("[[" in b.text or any("[[" in i for i in b.items) for b in a.blocks)


def _note_item(a: NoteAgreement, section: str, numbers: dict[str, int], origin: bool) -> Markup:
    text = with_marks(blocks_html(a.blocks, numbers=numbers), tailoring_note())
    if not origin:
        return text
    return text + Markup('<p class="origin">Herkomst: %s</p>') % a.origin(section)


Extra = Callable[[Part, NoteAgreement], Markup | str]


def agreement_lists(drawn: Outline, items: dict[int, Markup], extra: Extra | None = None) -> dict[str, Markup]:
    """Per part of the note (by its anchor): its numbered agreements under their sub-headings, as HTML.

    `extra(part, agreement)` adds what stands inside an agreement on this page (its comments, a form).
    Built here rather than in a template loop: the review page shows every agreement of the note.
    """
    note = tailoring_note()
    lists = {}
    for part in drawn.parts:
        html: list[str] = []  # every piece is escaped HTML or a number
        opened = False
        for a in part.agreements:
            if a.subheading:
                html += [CLOSE] if opened else []
                html.append(f"<h3>{with_marks(escape(a.subheading), note)}</h3>")
                opened = False
            if not opened:
                html.append(OPEN)
                opened = True
            inside = items[a.number] if extra is None else items[a.number] + extra(part, a)
            html.append(ITEM.format(number=int(a.number), inside=inside))
        lists[part.anchor] = Markup("".join([*html, CLOSE] if opened else html))
    return lists


OPEN, CLOSE = '<ol class="agreements">', "</ol>"
ITEM = '<li class="agreement" value="{number}" id="afspraak-{number}">{inside}</li>'


def extra_from(template: str, context: dict, numbers: set[int] | None = None) -> Extra:
    """An `extra` that draws `template` inside an agreement (given `part` and `a`); only in `numbers` when given."""
    found = current_app.jinja_env.get_template(template)

    def draw(part: Part, a: NoteAgreement) -> Markup | str:
        if numbers is not None and a.number not in numbers:
            return ""
        return Markup(found.render(**context, part=part.note_part, a=a))

    return draw


def comment_context() -> dict:
    """What the comment templates need, on the reviewer's pages and the author's alike."""
    return {
        "verdicts": VERDICTS,
        "verdict_labels": VERDICT_LABELS,
        "comment_max": COMMENT_MAX,
        "key_of": agreement_key,
        "changed_since": changed_since,
        "session_expired": SESSION_EXPIRED,
    }
