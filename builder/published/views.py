"""The published page and its logo.

The page draws the note's outline (model/outline.py) from the copy the publication holds, on its
own edition, through `templates/_note.html` read-only: numbered headings, an anchor per agreement
("#afspraak-12"), cross-references as links, the approval status and the appendices. It needs no
JavaScript, says when it was published and which version of the note it shows, and asks search
engines to skip it (`noindex`, in the page and as `X-Robots-Tag`) unless the author said otherwise.
An unknown or revoked address gets a Dutch 404 page, the same for both.
"""

from __future__ import annotations

from flask import Response, abort, g, render_template
from flask_babel import to_user_timezone

from ..db import editions, get_db, moment, publications
from ..formats.logo import PNG
from ..model.dates import in_document
from ..model.note import compose
from ..model.outline import outline
from ..web.note_view import agreement_lists, note_items
from . import bp

NOINDEX = "noindex"


def published_on(stamp: str) -> str:
    """A stored UTC time as the day it was in Belgium, as the document writes dates: "7 december 2026"."""
    return in_document(to_user_timezone(moment(stamp)).date())


@bp.after_request
def headers(response: Response) -> Response:
    """Revalidated on every visit (a revoked or replaced page must not linger), and `noindex` unless findable."""
    response.headers["Cache-Control"] = "no-cache"
    found = g.get("publication")
    if found is None or not found.findable:
        response.headers["X-Robots-Tag"] = NOINDEX
    return response


def _gone():
    """The page for an address that shows no note (never did, or no longer): the same for both."""
    return render_template("published/gone.html"), 404


@bp.get("/gepubliceerd/<token>")
def note(token: str):
    """The note as its author last published it."""
    found = publications.find(get_db(), token)
    if found is None:
        return _gone()
    g.publication = found
    drawn = outline(compose(found.choices, editions.load(get_db(), found.edition_id)))
    return render_template(
        "published/note.html",
        publication=found,
        token=token,
        outline=drawn,
        lists=agreement_lists(drawn, note_items(drawn, origin=False)),
        published=published_on(found.published_at),
        first_published=published_on(found.first_published_at),
    )


@bp.get("/gepubliceerd/<token>/logo")
def logo(token: str):
    """The organisation's logo as it was when the note was published (PNG or JPEG, as formats/logo.py wrote it)."""
    found = publications.find(get_db(), token)
    data = publications.logo(get_db(), found) if found is not None else None
    if data is None:
        abort(404)
    g.publication = found
    return Response(data, mimetype="image/png" if data.startswith(PNG) else "image/jpeg")
