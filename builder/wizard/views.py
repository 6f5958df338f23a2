"""Routes of the wizard. Thin: the work happens in the domain modules."""

from __future__ import annotations

from flask import abort, render_template

from ..db import catalogue as stored
from ..db import get_db
from . import bp


def published_catalogue():
    """The newest published edition, which a new note starts on."""
    db = get_db()
    edition_id = stored.latest_published(db)
    if edition_id is None:
        abort(503)
    return stored.load(db, edition_id)


@bp.get("/")
def index():
    return render_template("wizard/index.html", catalogue=published_catalogue())


@bp.app_template_filter("agreement_number")
def agreement_number(agreement_id: str, catalogue) -> int:
    """The catalogue number of an agreement, for "bij afspraak 12" in references."""
    return catalogue.agreement(agreement_id).number
