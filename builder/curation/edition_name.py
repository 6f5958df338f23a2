"""Renaming or deleting the draft edition: a mistyped name ("2027.") is not permanent, nor is a false start.

Only a draft edition (never a published one). A rename changes its name everywhere it is named
(db/editions.py `rename_draft`: its rows, its history, the search index and whatever else names
an edition) and is written in its history, so a page still open under the old name goes on at
the new one: a post to it is sent on (307, so what was typed arrives), a link is redirected
(`common.follow_rename`). Deleting asks first, listing what goes: every change since the previous edition
and the number of history lines. A post to a deleted edition gives back what was typed.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import editions, get_db, history, suggestions, write
from ..model import versions
from ..model.catalogue_diff import compare
from ..web.i18n import gettext as _
from . import bp
from .common import editable, previous_edition
from .forms import ConfirmForm, RenameEditionForm
from .new_agreements import SUGGESTION


@bp.route("/edities/<edition_id>/naam", methods=["GET", "POST"])
def rename_edition(edition_id: str):
    """Give the draft edition another name; refused for a name in use or one that reads wrong ("2027.")."""
    catalogue = editable(edition_id)
    form = RenameEditionForm(data={"edition_id": edition_id} if request.method == "GET" else None)
    if form.validate_on_submit():
        new_id = form.edition_id.data
        db = get_db()
        if new_id == edition_id:
            return redirect(url_for("curation.edition", edition_id=edition_id))
        with write(db):
            if editions.edition(db, new_id) is not None:
                form.edition_id.errors.append(_("Die naam is al in gebruik."))
            else:
                editions.rename_draft(db, edition_id, new_id)
                before, after = {"id": edition_id}, {"id": new_id}
                summary = f"{edition_id} → {new_id}"
                history.record_change(
                    db, new_id, g.curator["name"], "edition", new_id, "rename", before, after, summary
                )
        if not form.edition_id.errors:
            flash(_("De editie heet nu %(id)s.", id=new_id), "status")
            return redirect(url_for("curation.edition", edition_id=new_id))
    return render_template(
        "beheer/edition_name.html", form=form, catalogue=catalogue, lost=_lost(catalogue)
    ), 400 if form.errors else 200


def _lost(catalogue) -> dict:
    """What deleting the draft edition takes away: its changes since the edition it came from, its history."""
    previous = previous_edition(catalogue)
    count = len(history.history(get_db(), catalogue.edition.id))
    return {"previous": previous, "changes": compare(previous, catalogue) if previous else [], "lines": count}


@bp.route("/edities/<edition_id>/verwijderen", methods=["GET", "POST"])
def delete_edition(edition_id: str):
    """Delete the draft edition after a confirmation that lists what is lost; refused when it changed meanwhile."""
    catalogue = editable(edition_id)
    form = ConfirmForm(data={"version": versions.fingerprint(catalogue)} if request.method == "GET" else None)
    notice = ""
    if form.validate_on_submit():
        db = get_db()
        with write(db):
            current = editions.load(db, edition_id)
            if versions.fingerprint(current) != form.version.data:
                notice = _("Iemand veranderde de editie intussen. Kijk hieronder na wat verloren gaat.")
            else:
                _reopen_suggestions(db, edition_id)
                editions.delete_draft(db, edition_id)
                before = {"id": edition_id, "title": current.edition.title}
                history.record_change(db, edition_id, g.curator["name"], "edition", edition_id, "remove", before, None)
        if not notice:
            flash(_("Editie %(id)s is verwijderd.", id=edition_id), "status")
            return redirect(url_for("curation.dashboard"))
        catalogue, form.version.data = current, versions.fingerprint(current)
    return render_template(
        "beheer/edition_delete.html", form=form, catalogue=catalogue, lost=_lost(catalogue), notice=notice
    ), 400 if form.errors else 409 if notice else 200


def _reopen_suggestions(db, edition_id: str) -> None:
    """Suggestions worked into the edition that goes are open again: their work goes with it."""
    for change in history.history(db, edition_id):
        number = change["summary"].removeprefix(SUGGESTION)
        if change["summary"].startswith(SUGGESTION) and number.isdigit():
            found = suggestions.suggestion(db, int(number))
            if found and found["outcome"] in ("applied", "added"):
                suggestions.reopen(db, found["id"])
