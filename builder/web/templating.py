"""Template helpers both blueprints use: catalogue text as HTML, agreement numbers, the CSRF token."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from ..formats.html import agreement_html, blocks_html
from ..model.catalogue import WEB_ADDRESS, Catalogue
from ..model.crossref import resolve


def agreement_number(agreement_id: str, catalogue: Catalogue) -> int:
    """The catalogue number of an agreement, for "bij afspraak 12" in references."""
    return catalogue.agreement(agreement_id).number


def is_web_address(url: str) -> bool:
    """Jinja test: a link worth making (http or https); anything else is shown as plain text, if at all."""
    return bool(url and WEB_ADDRESS.match(url))


def leave(form_id: str, url: str, label: str, classes: str = "") -> Markup:
    """A way off the page: on a page with the user's form (`form_id`) a button of that form, so leaving saves it
    first (builder/wizard/saving.py), with or without JavaScript; elsewhere a plain link."""
    if form_id:
        return Markup('<button class="link-button %s" type="submit" form="%s" name="goto" value="%s">%s</button>') % (
            classes,
            form_id,
            url,
            label,
        )
    return Markup('<a class="%s" href="%s">%s</a>') % (classes, url, label)


def init_app(app: Flask) -> None:
    """Register the helpers as Jinja globals and filters."""
    app.jinja_env.globals.update(
        agreement_html=agreement_html, blocks_html=blocks_html, csrf_token=generate_csrf, leave=leave
    )
    app.jinja_env.globals["cross_referenced"] = resolve  # "[[id|bij afspraak #]]" with the note's numbers
    app.jinja_env.filters["agreement_number"] = agreement_number
    app.jinja_env.tests["web_address"] = is_web_address
