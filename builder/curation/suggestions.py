"""Users' suggestions: read them beside the agreement they are about, apply, add, reject with a reason, reopen."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from ..db import editions, get_db, suggestions, write
from ..model import versions
from ..model.catalogue import Catalogue
from ..web.i18n import gettext as _
from . import bp
from .forms import ConfirmForm, RejectForm

PAGE_SIZE = 25


def status_version(suggestion: dict) -> str:
    """The version of a suggestion's status, which its buttons act on."""
    return versions.fingerprint([suggestion["handled_at"], suggestion["outcome"]])


def _page_of(db, handled: bool, arg: str) -> dict:
    """One page of suggestions: its items, its number, and whether there are pages before and after it."""
    total = suggestions.count(db, handled)
    last = max(1, -(-total // PAGE_SIZE))
    number = min(max(request.args.get(arg, 1, type=int), 1), last)
    items = suggestions.suggestions(db, handled, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    return {"entries": items, "number": number, "last": last, "arg": arg, "total": total}


def _editions(db) -> dict[str, Catalogue]:
    return {e.id: editions.load(db, e.id) for e in editions.all_editions(db)}


def _about(suggestion: dict, loaded: dict[str, Catalogue], draft: str | None) -> dict:
    """The agreement a suggestion is about: in the edition in preparation when it is there, else where it was sent."""
    found = {"agreement": None, "edition": None, "in_draft": False}
    for edition_id in (draft, suggestion["edition_id"]):
        catalogue = loaded.get(edition_id or "")
        if catalogue is None or not suggestion["agreement_id"]:
            continue
        try:
            found["agreement"] = catalogue.agreement(suggestion["agreement_id"])
        except KeyError:
            continue
        found["edition"], found["in_draft"] = edition_id, edition_id == draft
        break
    return found


@bp.app_template_global()
def organisation_label(key: str) -> str:
    """The kind of organisation a suggestion came from, in the curator's language."""
    from ..model.organisations import organisation_type

    found = organisation_type(key)
    return _(found.label) if found else key


@bp.get("/suggesties", endpoint="suggestions")
def suggestions_page():
    """Users' suggestions, open and handled, a page of 25 each, each beside the text of its agreement."""
    db = get_db()
    draft = editions.draft_edition(db)
    loaded = _editions(db)
    pages = {
        "open": _page_of(db, handled=False, arg="pagina"),
        "handled": _page_of(db, handled=True, arg="afgehandeld"),
    }
    about = {s["id"]: _about(s, loaded, draft) for page in pages.values() for s in page["entries"]}
    versions_by_id = {s["id"]: status_version(s) for page in pages.values() for s in page["entries"]}
    return render_template(
        "beheer/suggestions.html",
        **pages,
        about=about,
        status=versions_by_id,
        draft_edition=draft,
        form=ConfirmForm(),
    )


def _suggestion_or_404(suggestion_id: int) -> dict:
    found = suggestions.suggestion(get_db(), suggestion_id)
    if found is None:
        abort(404)
    return found


def _change_status(suggestion_id: int, form, change) -> bool:
    """Apply `change(db, suggestion)` when the suggestion is as the page showed it; False (with a message) if not."""
    db = get_db()
    with write(db):
        current = suggestions.suggestion(db, suggestion_id)
        if status_version(current) != form.version.data:
            flash(_("Iemand anders behandelde deze suggestie intussen; er is niets veranderd."), "error")
            return False
        change(db, current)
    return True


@bp.post("/suggesties/<int:suggestion_id>/afgehandeld")
def suggestion_handled(suggestion_id: int):
    """Mark a suggestion handled by this curator, then go back to the list."""
    _suggestion_or_404(suggestion_id)
    form = ConfirmForm()
    if form.validate_on_submit() and _change_status(
        suggestion_id, form, lambda db, s: suggestions.mark_handled(db, s["id"], g.curator["name"])
    ):
        flash(_("De suggestie is afgehandeld."), "status")
    return redirect(url_for("curation.suggestions"))


@bp.post("/suggesties/<int:suggestion_id>/heropenen")
def suggestion_reopen(suggestion_id: int):
    """Put a handled or rejected suggestion back among the open ones."""
    _suggestion_or_404(suggestion_id)
    form = ConfirmForm()
    if form.validate_on_submit() and _change_status(suggestion_id, form, lambda db, s: suggestions.reopen(db, s["id"])):
        flash(_("De suggestie staat weer bij de open suggesties."), "status")
    return redirect(url_for("curation.suggestions"))


@bp.route("/suggesties/<int:suggestion_id>/afwijzen", methods=["GET", "POST"])
def suggestion_reject(suggestion_id: int):
    """Reject an open suggestion with a reason, for colleagues; it can be reopened later."""
    suggestion = _suggestion_or_404(suggestion_id)
    if suggestion["handled_at"]:
        return redirect(url_for("curation.suggestions"))
    form = RejectForm(data={"version": status_version(suggestion)} if request.method == "GET" else None)
    if form.validate_on_submit():

        def reject(db, s):
            suggestions.mark_handled(db, s["id"], g.curator["name"], outcome="rejected", reason=form.reason.data)

        if _change_status(suggestion_id, form, reject):
            flash(_("De suggestie is afgewezen."), "status")
        return redirect(url_for("curation.suggestions"))
    db = get_db()
    about = _about(suggestion, _editions(db), editions.draft_edition(db))
    return render_template(
        "beheer/reject.html", form=form, suggestion=suggestion, about=about
    ), 400 if form.errors else 200
