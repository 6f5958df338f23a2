"""Template helpers both blueprints use: catalogue text as HTML, agreement numbers, the CSRF token."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask_babel import format_datetime
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..db import moment
from ..formats.html import agreement_html, blocks_html, linked_text, marked_text, unmarked, with_marks
from ..model.catalogue import WEB_ADDRESS, Catalogue
from ..model.crossref import resolve
from ..model.outline import NBSP, NO_BREAK
from ..model.terminology import MARK
from .fixed import FixedParts
from .i18n import gettext as _


def agreement_number(agreement_id: str, catalogue: Catalogue) -> int:
    """The catalogue number of an agreement, for "bij afspraak 12" in references."""
    return catalogue.agreement(agreement_id).number


def is_web_address(url: str) -> bool:
    """Jinja test: a link worth making (http or https); anything else is shown as plain text, if at all."""
    return bool(url and WEB_ADDRESS.match(url))


def leave(form_id: str, url: str, label: str, classes: str = "") -> Markup:
    """A way off the page: on a page with the user's form (`form_id`) a button of that form, so leaving saves it
    first (builder/wizard/saving.py), with or without JavaScript; elsewhere a plain link. Every value is escaped."""
    if form_id:
        return Markup(
            f'<button class="link-button {escape(classes)}" type="submit" form="{escape(form_id)}" name="goto" '
            f'value="{escape(url)}">{escape(label)}</button>'
        )
    return Markup(f'<a class="{escape(classes)}" href="{escape(url)}">{escape(label)}</a>')


@pass_context
def back_link(context: Context, url: str, label: str) -> Markup:
    """A page's way back: a `leave` in the back link's style, a button of the page's form where it has one."""
    return leave(context.get("page_form", ""), url, label, "back-link")


def change_link(form_id: str, url: str, label: str, what: str) -> Markup:
    """The author's way from the note to the page that changes a part of it ("Wijzig", and what, for screen readers)."""
    said = Markup(f'{escape(label)}<span class="visually-hidden"> {escape(what)}</span>')
    return Markup(f'<p class="change">{leave(form_id, url, said)}</p>')


def breakable(text: str) -> str:
    """Jinja filter: a document text that may wrap anywhere a space is on a screen (Word keeps names whole)."""
    return text.replace(NBSP, " ").replace(NO_BREAK, "")


def when(stamp: str) -> str:
    """A stored UTC time ('2026-12-01T13:05:00.000000Z') as the user reads it: '1 dec. 2026 14:05'."""
    return format_datetime(moment(stamp), "d MMM y HH:mm")


def isodate(value: str) -> dt.date:
    """Jinja filter: a stored ISO date ('2026-12-31') as a date, for `dateformat`."""
    return dt.date.fromisoformat(value)


def tailoring_note() -> str:
    """What a screen reader hears after a word tailored to the organisation."""
    return _("aangepast aan je organisatie")


def marked(value) -> Markup:
    """Jinja filter: a catalogue text (or HTML made from one) with its tailored words in <mark>."""
    if MARK not in value:  # most texts: nothing tailored, nothing to translate
        return value if isinstance(value, Markup) else escape(value)
    if isinstance(value, Markup):
        return with_marks(value, tailoring_note())
    return marked_text(str(value), tailoring_note())


UNUSED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace", "dict", "pgettext", "npgettext", "session")


def init_app(app: Flask) -> None:
    """Register the helpers as Jinja globals and filters, and the `{% fixed %}` tag (web/fixed.py).

    Jinja's, Flask's and the translations' globals that no template uses are taken out: every render
    and every `{% import %}` walks all globals (~0.6 µs each). `session` stays in a page's context.
    """
    for name in UNUSED_GLOBALS:
        app.jinja_env.globals.pop(name, None)
    app.jinja_env.add_extension(FixedParts)
    app.jinja_env.globals.update(
        agreement_html=agreement_html,
        blocks_html=blocks_html,
        change_link=change_link,
        csrf_token=generate_csrf,
        leave=leave,
        back_link=back_link,
        when=when,
    )
    app.jinja_env.globals["cross_referenced"] = resolve  # "[[id|bij afspraak #]]" with the note's numbers
    app.jinja_env.globals["linked_text"] = linked_text  # the same, each number a link to its agreement on the page
    app.jinja_env.globals["all_cross_referenced"] = lambda texts, numbers: tuple(resolve(t, numbers) for t in texts)
    app.jinja_env.filters["agreement_number"] = agreement_number
    app.jinja_env.filters["isodate"] = isodate
    app.jinja_env.filters["marked"] = marked  # tailored words in <mark> (model/terminology.py)
    app.jinja_env.filters["unmarked"] = unmarked
    app.jinja_env.filters["breakable"] = breakable
    app.jinja_env.tests["web_address"] = is_web_address
