"""The author's side of reviewing: review links for colleagues, their comments, replies, and the approvals.

`/nota/beoordeling` lists the review links (who has which, until when, revoked or not), makes new
ones and revokes them, and shows every comment with reply, resolve and reopen. Resolved comments
stay as history. The approvals recorded on the review page are listed with the version they
approved. A new link's token is shown once, right after it was made: only its hash is stored.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import format_date

from ..db import drafts, get_db, reviews
from ..model import dates
from ..model.note import compose
from ..model.organisations import approval_of
from ..model.reviews import (
    LINKS_PER_DRAFT,
    by_agreement,
    default_expiry,
    open_by_number,
    open_counts,
    places,
    threads,
)
from ..web.i18n import gettext as _
from ..web.note_view import comment_context
from ..web.security import public_url
from . import bp
from .current import draft_required, remember_where
from .forms import ConfirmForm, ReplyForm, ReviewLinkForm

NEW_LINK_KEY = "new_review_link"  # the token of the link just made, shown once on the next page


def note_comments(draft_id: int, note) -> dict:
    """The draft's comments as the author's pages show them: grouped per agreement, and where each stands now."""
    top = threads(reviews.comments(get_db(), draft_id))
    return {"comments": by_agreement(top), "now": places(note), **comment_context()}


def draft_comments(note=None) -> dict:
    """The comments on `g.draft` for the overview, a section or the review page; the note is composed only if any.

    `extra_numbers` are the note's agreements with open comments: only those draw a comment block.
    """
    top = threads(reviews.comments(get_db(), g.draft.id))
    if not top:
        return {"comments": {}, "open_total": 0}
    note = note or compose(g.draft.choices, g.catalogue)
    now = places(note)
    return {
        "comments": by_agreement(top),
        "now": now,
        "open_total": sum(1 for c in top if c.is_open),
        "open_per_part": open_counts(top, note),
        "extra_numbers": {now[c.agreement].number for c in top if c.is_open and c.agreement in now},
        **comment_context(),
    }


def word_comments() -> dict:
    """The draft's open comments by agreement number, for Word comments in the download."""
    return open_by_number(threads(reviews.comments(get_db(), g.draft.id)), compose(g.draft.choices, g.catalogue))


def _page(form: ReviewLinkForm, status: int = 200):
    note = compose(g.draft.choices, g.catalogue)
    kind = approval_of(g.draft.choices.organisation.type)
    form.label.description = _("Bijvoorbeeld: %(example)s.", example=_(kind.link_examples))
    context = note_comments(g.draft.id, note)
    top = [c for group in context["comments"].values() for c in group]
    today = dt.date.today()
    links = reviews.links(get_db(), g.draft.id)
    token = session.pop(NEW_LINK_KEY, None)
    new_link = public_url("review.note", token=token) if token else None
    return render_template(
        "wizard/reviewing.html",
        form=form,
        note=note,
        links=[(link, link.state(today)) for link in links],
        open_comments=sorted((c for c in top if c.is_open), key=lambda c: _order(c, context["now"])),
        resolved=[c for c in top if not c.is_open],
        approvals=reviews.approvals(get_db(), g.draft.id),
        kept=drafts.kept_versions(get_db(), g.draft.id),
        new_link=new_link,
        reviewers=_(kind.reviewers),
        reply=ReplyForm(),
        confirm=ConfirmForm(),
        **context,
    ), status


def _order(comment, now) -> tuple:
    place = now.get(comment.agreement)
    return (0 if not comment.agreement else 1, place.number if place else comment.number, comment.id)


@bp.route("/nota/beoordeling", methods=["GET", "POST"])
@draft_required
def reviewing():
    """Review links and comments: make a link, see who has which, answer and resolve what colleagues said."""
    remember_where(url_for("wizard.reviewing"))
    today = dt.date.today()
    shown = {"expires_on": dates.in_form(default_expiry(today))}
    form = ReviewLinkForm(data=None if request.method == "POST" else shown)
    if form.validate_on_submit():
        expires_on = form.last_day(today)
        if len(reviews.links(get_db(), g.draft.id)) >= LINKS_PER_DRAFT:
            form.label.errors = [_("Je nota heeft al %(n)d beoordelingslinks. Trek er een paar in.", n=LINKS_PER_DRAFT)]
        else:
            token, link = reviews.create_link(get_db(), g.draft.id, form.label.data, expires_on)
            session[NEW_LINK_KEY] = token
            flash(
                _(
                    "De beoordelingslink voor “%(label)s” werkt tot en met %(date)s.",
                    label=link.label,
                    date=format_date(expires_on, "long"),
                ),
                "status",
            )
            return redirect(url_for("wizard.reviewing", _anchor="nieuwe-link"))
    return _page(form, 400 if form.errors else 200)


@bp.post("/nota/beoordeling/link/<int:link_id>/intrekken")
@draft_required
def revoke_link(link_id: int):
    """Withdraw a review link at once: its next request shows that it no longer works."""
    if not ConfirmForm().validate_on_submit():
        flash(_("Je sessie was verlopen. Klik nog eens op de knop."), "error")
        return redirect(url_for("wizard.reviewing"))
    found = {link.id: link for link in reviews.links(get_db(), g.draft.id)}
    if link_id not in found:
        abort(404)
    if reviews.revoke(get_db(), g.draft.id, link_id):
        flash(_("De link voor “%(label)s” werkt niet meer.", label=found[link_id].label), "status")
    return redirect(url_for("wizard.reviewing", _anchor="links"))


@bp.post("/nota/beoordeling/opmerking/<int:comment_id>")
@draft_required
def answer_comment(comment_id: int):
    """Reply to a comment, resolve it or reopen it (`action`); a resolved comment stays as history."""
    form = ReplyForm()
    top = {c.id: c for c in threads(reviews.comments(get_db(), g.draft.id))}
    if comment_id not in top:
        abort(404)
    action = form.action.data or ""
    if not form.validate_on_submit():
        return _refused(form, comment_id)
    if form.text.data:  # an answer typed before clicking resolve is kept too
        author = g.draft.choices.author.name or _("De auteur")
        reviews.add_comment(get_db(), g.draft.id, None, reviews.NewComment(author, form.text.data), comment_id)
        flash(_("Je antwoord is bewaard."), "status")
    if action in ("resolve", "reopen"):
        reviews.set_resolved(get_db(), g.draft.id, comment_id, action == "resolve")
        done = _("De opmerking is afgehandeld.") if action == "resolve" else _("De opmerking staat weer open.")
        flash(done, "status")
    return redirect(url_for("wizard.reviewing", _anchor=f"opmerking-{comment_id}"))


def _refused(form: ReplyForm, comment_id: int):
    """The page again, with the reply that was typed and its message next to it."""
    if form.csrf_token.errors:
        form.text.errors = [*form.text.errors, _("Je sessie was verlopen. Klik nog eens op de knop.")]
    g.failed_reply = (comment_id, form)
    return _page(ReviewLinkForm(data={"expires_on": dates.in_form(default_expiry(dt.date.today()))}), 400)
