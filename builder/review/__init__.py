"""The reviewer's side: a colleague opens a review link, reads the note and leaves comments.

A review link opens one draft, read-only. Nothing here uses the browser's session draft or a
wizard route: the link's token in the address names the link, the link names its draft, and a
reviewer reads and writes only that link's comments. A revoked or expired link gets a Dutch
page (410) on the very next request.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from ..db import drafts, editions, get_db, reviews
from ..model import dates
from ..model.note import compose
from ..model.outline import outline
from ..model.reviews import (
    OPEN,
    REVOKED,
    by_agreement,
    places,
    threads,
)
from ..web.fields import SESSION_EXPIRED
from ..web.i18n import gettext as _
from ..web.note_view import agreement_lists, comment_context, extra_from, note_items
from ..web.security import within_rate
from .forms import CommentForm

bp = Blueprint("review", __name__)

NAME_KEY = "reviewer_name"  # the name a reviewer typed last, offered again on the next comment


def _open_link(token: str):
    """The link and its draft, or the page that says why the link no longer works."""
    link = reviews.find_link(get_db(), token)
    if link is None:
        abort(404)
    state = link.state(dt.date.today())
    if state != OPEN:
        unsaved = request.form.get("text", "") if request.method == "POST" else ""
        return None, (render_template("review/closed.html", revoked=state == REVOKED, unsaved=unsaved), 410)
    draft = drafts.get(get_db(), link.draft_id)
    if draft is None:
        abort(404)
    g.review_link, g.review_draft = link, draft
    g.catalogue = draft.catalogue or editions.load(get_db(), draft.edition_id)  # read with the draft
    return link, None


def _error_links(form: CommentForm, suffix: str) -> list[tuple[str, str]]:
    """The refused form's messages for the error summary, each linking to its input on this busy page."""
    links = [(f"author-{suffix}", str(m)) for m in form.author.errors]
    links += [(f"text-{suffix}", str(m)) for m in form.text.errors]
    links += [(f"opslaan-{suffix}", str(m)) for m in form.agreement.errors]
    if form.csrf_token.errors:
        links.append((f"opslaan-{suffix}", str(SESSION_EXPIRED)))
    return links


def _page(token: str, failed: CommentForm | None = None):
    note = compose(g.review_draft.choices, g.catalogue)
    now = places(note)
    mine = threads(reviews.comments(get_db(), g.review_draft.id, g.review_link.id))
    key = (failed.agreement.data or "") if failed else ""
    key = key if key in now else ""  # a form for an agreement that left the note comes back as the note's own
    suffix = str(now[key].number) if key else "nota"
    drawn = outline(note)
    context = {
        "note": note,
        "outline": drawn,
        "token": token,
        "comments": by_agreement(mine),
        "now": now,
        "failed": failed,
        "failed_key": key,
        "form": failed or CommentForm(),
        "error_links": _error_links(failed, suffix) if failed else [],
        "name": session.get(NAME_KEY, ""),
        "expires": dates.from_stored(g.review_link.expires_on),
        **comment_context(),
    }
    extra = extra_from("review/_agreement.html", context)
    return render_template(
        "review/note.html", lists=agreement_lists(drawn, note_items(drawn), extra), **context
    ), 400 if failed else 200


@bp.get("/beoordelen/<token>")
def note(token: str):
    """The note as the author's review page shows it, with a comment form per agreement and for the whole note."""
    _link, closed = _open_link(token)
    return closed or _page(token)


@bp.post("/beoordelen/<token>")
def comment(token: str):
    """Store a reviewer's comment on one agreement of this link's draft, or on the note as a whole."""
    link, closed = _open_link(token)
    if closed:
        return closed
    form = CommentForm()
    note_now = places(compose(g.review_draft.choices, g.catalogue))
    key = form.agreement.data or ""
    valid = form.validate_on_submit()
    if key and key not in note_now:
        form.agreement.errors = [_("Deze afspraak staat niet meer in de nota. Laad de pagina opnieuw.")]
        valid = False
    if not valid:
        return _page(token, form)
    if not within_rate("comment"):
        abort(429)
    place = note_now.get(key)
    new = reviews.NewComment(
        author=form.author.data,
        text=form.text.data or "",
        verdict=form.verdict.data or "",
        part=place.part if place else "",
        agreement=key,
        number=place.number if place else 0,
        wording=place.wording if place else "",
    )
    comment_id = reviews.add_comment(get_db(), link.draft_id, link.id, new)
    session[NAME_KEY] = form.author.data
    flash(_("Je opmerking is bewaard. De auteur ziet ze meteen."), "status")
    return redirect(url_for("review.note", token=token, _anchor=f"opmerking-{comment_id}"))
