"""How a note reads on a page, for the author's pages (wizard) and the reviewer's (review) alike.

Both blueprints show the note's agreements and the comments beside them the same way; what they
share lives here, in the web glue, so neither blueprint imports the other.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import caches
from ..formats.html import blocks_html, with_marks
from ..model.note import NoteAgreement
from ..model.outline import Outline
from ..model.reviews import COMMENT_MAX, VERDICT_LABELS, VERDICTS, agreement_key, changed_since
from .fields import SESSION_EXPIRED
from .i18n import language
from .templating import tailoring_note


def note_items(drawn: Outline) -> dict[int, Markup]:
    """Per agreement number of the note: its text and where it comes from, in the document's words.

    A catalogue wording taken unchanged looks the same in every note, so it is drawn once per
    agreement, wording, section and language (of the screen reader's note on tailored words);
    a rewording or an own agreement is drawn every time.
    """
    lang = language()
    items = {}
    for part in drawn.parts:
        for a in part.agreements:
            if a.plain:
                key = (a.agreement, a.choice.variant, part.section, lang, a.terms)
                items[a.number] = caches.review_items.get(key, lambda a=a, s=part.section: _note_item(a, s))
            else:
                items[a.number] = _note_item(a, part.section)
    return items


def _note_item(a: NoteAgreement, section: str) -> Markup:
    text = with_marks(blocks_html(a.blocks), tailoring_note())
    return text + Markup('<p class="origin">Herkomst: %s</p>') % a.origin(section)


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
