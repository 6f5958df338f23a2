"""New agreements, and the users' suggestions a curator works from on an agreement's page or a new one.

A new agreement gets a page of its own, with a short name its permanent id is made from. A
suggestion is shown beside the form, never in it; a save that changes something marks it handled,
and its history lines say so (`SUGGESTION`), so that undoing them reopens it (curation/history_pages.py).
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import editions, get_db, suggestions
from ..model import editing, versions
from ..model.catalogue import Catalogue
from ..web.i18n import gettext as _
from . import bp
from .common import editable, paragraphs_and_items, refused
from .content_forms import NewAgreementForm, knowing_agreements, place_choices, place_value, read_place
from .saving import commit, line


def suggestion_of(suggestion_id: int | None) -> dict | None:
    """The open suggestion a page works from (?suggestie=), or None."""
    if not suggestion_id:
        return None
    found = suggestions.suggestion(get_db(), suggestion_id)
    return found if found and not found["handled_at"] else None


SUGGESTION = "suggestie:"  # the history summary of a save made from a suggestion: an undo reopens it


def marks_suggestion(suggestion: dict | None, outcome: str):
    """What marks the suggestion as dealt with when the save changed something, in its transaction; None without."""
    if suggestion is None:
        return None

    def also(db, lines):
        if lines:
            suggestions.mark_handled(db, suggestion["id"], g.curator["name"], lines[0].entity_id, outcome)

    return also


def all_agreement_ids() -> frozenset[str]:
    """Every agreement id any edition ever held: a new agreement never gets one of them."""
    db = get_db()
    return frozenset(row[0] for row in db.execute("SELECT DISTINCT id FROM agreements").fetchall())


@bp.route("/edities/<edition_id>/afspraken/nieuw", methods=["GET", "POST"])
def new_agreement(edition_id: str):
    """A new agreement: a short name (its permanent id comes from it), its text and its place."""
    catalogue = editable(edition_id)
    suggestion = suggestion_of(request.values.get("suggestie", type=int))
    version = versions.fingerprint([a.id for a in catalogue.agreements])
    copied = request.method == "POST" and request.form.get("overnemen") == "ja"  # a text kept from elsewhere
    if request.method == "GET" or copied:
        data = _new_data(catalogue, suggestion, version)
        form = NewAgreementForm(formdata=None, data={**data, "text": request.form.get("text", data["text"])})
    else:
        form = NewAgreementForm()
    form.place.choices = place_choices(catalogue)
    knowing_agreements(form, catalogue)
    if not copied and form.validate_on_submit():
        try:
            summary = f"{SUGGESTION}{suggestion['id']}" if suggestion else ""
            _before, after, lines = commit(
                edition_id, lambda current: _add(current, form, summary), marks_suggestion(suggestion, "added")
            )
        except editing.EditError as error:
            twin = next((a for a in catalogue.agreements if editing.same_words(" ".join(a.text), form.text.data)), None)
            if form.version.data != version and twin is not None:  # a double click
                return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=twin.id))
            refused(form, error)
        else:
            flash(
                _("De afspraak is toegevoegd als afspraak %(n)d.", n=after.agreement(lines[0].entity_id).number),
                "status",
            )
            return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=lines[0].entity_id))
    return render_template(
        "beheer/new_agreement.html", catalogue=catalogue, form=form, suggestion=suggestion
    ), 400 if form.errors else 200


def _new_data(catalogue: Catalogue, suggestion: dict | None, version: str) -> dict:
    """A new agreement's form as it opens: at the end of the section asked for (or the suggestion's)."""
    section_id = request.args.get("onderdeel") or (suggestion and _suggestion_section(catalogue, suggestion)) or ""
    section = next((s for s in catalogue.sections if s.id == section_id), catalogue.sections[-1])
    last = section.agreements[-1].id if section.agreements else ""
    return {"version": version, "place": place_value(section.id, last), "text": ""}


def _suggestion_section(catalogue: Catalogue, suggestion: dict) -> str:
    """The section a suggestion was sent from, by its stable id in this edition."""
    db = get_db()
    if editions.edition(db, suggestion["edition_id"]) is None:
        return ""
    try:
        return editions.load(db, suggestion["edition_id"]).section(suggestion["section_number"]).id
    except KeyError:
        return ""


def _add(current: Catalogue, form, summary: str = ""):
    section_id, after_id = read_place(form.place.data)
    text, items = paragraphs_and_items(form.text.data)
    try:
        changed, new_id = editing.add_agreement(
            current, section_id, text, items, title=form.title.data, taken=all_agreement_ids()
        )
    except editing.EditError as error:
        raise error.at("text") from None
    except KeyError:  # the section is gone
        raise editing.EditError(_("Die plaats bestaat niet meer. Kies een andere plaats.")).at("place") from None
    try:
        changed = editing.move_after(changed, new_id, section_id, after_id)
    except (KeyError, editing.EditError):
        raise editing.EditError(_("Die plaats bestaat niet meer. Kies een andere plaats.")).at("place") from None
    section = changed.section_of(new_id)
    return changed, line("agreement", new_id, "add", None, changed.agreement(new_id), summary, section.id)
