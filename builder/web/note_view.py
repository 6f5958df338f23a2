"""How a note reads on a page, for the author's pages (wizard) and the reviewer's (review) alike.

Both blueprints show the note's agreements and the comments beside them the same way; what they
share lives here, in the web glue, so neither blueprint imports the other.
"""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from .. import caches
from ..formats.html import blocks_html, with_marks
from ..model.note import Note, NoteAgreement
from ..model.reviews import COMMENT_MAX, VERDICT_LABELS, VERDICTS, agreement_key, changed_since
from .fields import SESSION_EXPIRED
from .i18n import language
from .templating import tailoring_note


def note_items(note: Note) -> dict[int, Markup]:
    """Per agreement number of the note: its text and, in the user's language, where it comes from.

    A catalogue wording taken unchanged looks the same in every note, so it is drawn once per
    agreement, wording and language; a rewording or an own agreement is drawn every time.
    """
    lang = language()
    items = {}
    for a in note.agreements:
        if a.plain:
            key = (a.agreement, a.choice.variant, lang, a.terms)
            items[a.number] = caches.review_items.get(key, lambda a=a: _note_item(a))
        else:
            items[a.number] = _note_item(a)
    return items


def _note_item(a: NoteAgreement) -> Markup:
    choice = a.choice
    if choice.is_own:
        origin = _("eigen afspraak")
    else:
        parts = [_("catalogus, afspraak %(n)d", n=a.catalogue_number)]
        parts += [choice.variant.lower()] if choice.variant else []
        parts += [_("herschreven")] if choice.reworded else []
        origin = ", ".join(parts)
    text = with_marks(blocks_html(a.blocks), tailoring_note())
    return text + Markup('<p class="origin">%s: %s</p>') % (_("Herkomst"), origin)


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
