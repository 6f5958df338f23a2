"""What users do: usage counts, notes shared by opt-in, and suggestions."""

from __future__ import annotations

import json

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import editions, get_db, history, suggestions, usage, write
from ..model import editing
from ..model.choices import from_stored
from ..model.usage import shared_content, summarise
from . import bp
from .common import snapshot
from .forms import ButtonForm


@bp.get("/gebruik", endpoint="usage")
def usage_page():
    """How an edition (?editie=, else the latest published) is used: note count, choices per agreement, shared notes."""
    db = get_db()
    published = [e for e in editions.all_editions(db) if e.is_published]
    if not published:
        abort(404)
    edition_id = request.args.get("editie") or editions.latest_published(db)
    if editions.edition(db, edition_id) is None:
        abort(404)
    catalogue = editions.load(db, edition_id)
    drafts = usage.draft_counts(db).get(edition_id, 0)
    shared = []
    for row in usage.shared_drafts(db):
        choices = from_stored(json.loads(row["choices"]))
        shared.append((row["id"], choices, row["shared_at"]))
    return render_template(
        "beheer/usage.html",
        catalogue=catalogue,
        editions=published,
        drafts=drafts,
        sections=summarise(catalogue, usage.usage(db, edition_id)),
        shared=shared,
    )


@bp.get("/gedeeld/<int:draft_id>")
def shared_note(draft_id: int):
    """A note whose organisation agreed to share it: their own texts, for Kortom."""
    db = get_db()
    row = next((r for r in usage.shared_drafts(db) if r["id"] == draft_id), None)
    if row is None:
        abort(404)
    choices = from_stored(json.loads(row["choices"]))
    return render_template(
        "beheer/shared.html", choices=choices, content=shared_content(choices), shared_at=row["shared_at"]
    )


@bp.get("/suggesties", endpoint="suggestions")
def suggestions_page():
    """Users' suggestions, open and handled, a page of 25 each, with buttons to handle one or make it an agreement."""
    db = get_db()
    return render_template(
        "beheer/suggestions.html",
        open=_page_of(db, handled=False, arg="pagina"),
        handled=_page_of(db, handled=True, arg="afgehandeld"),
        draft_edition=editions.draft_edition(db),
        form=ButtonForm(),
    )


PAGE_SIZE = 25


def _page_of(db, handled: bool, arg: str) -> dict:
    """One page of suggestions: its items, its number, and whether there are pages before and after it."""
    total = suggestions.count(db, handled)
    last = max(1, -(-total // PAGE_SIZE))
    number = min(max(request.args.get(arg, 1, type=int), 1), last)
    items = suggestions.suggestions(db, handled, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    return {"entries": items, "number": number, "last": last, "arg": arg, "total": total}


@bp.post("/suggesties/<int:suggestion_id>/afgehandeld")
def suggestion_handled(suggestion_id: int):
    """Mark a suggestion handled by this curator, then go back to the list; 404 for an unknown one."""
    db = get_db()
    if suggestions.suggestion(db, suggestion_id) is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        with write(db):
            suggestions.mark_handled(db, suggestion_id, g.curator["name"])
        flash(_("De suggestie is afgehandeld."), "status")
    return redirect(url_for("curation.suggestions"))


@bp.post("/suggesties/<int:suggestion_id>/afspraak")
def suggestion_to_agreement(suggestion_id: int):
    """Turn a suggestion into a new agreement of the edition in preparation."""
    db = get_db()
    suggestion = suggestions.suggestion(db, suggestion_id)
    if suggestion is None:
        abort(404)
    draft_id = editions.draft_edition(db)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("curation.suggestions"))
    if draft_id is None:
        flash(_("Bereid eerst een nieuwe editie voor; daarin komt de nieuwe afspraak."), "error")
        return redirect(url_for("curation.suggestions"))
    catalogue = editions.load(db, draft_id)
    section = _target_section(db, catalogue, suggestion)
    changed, agreement_id = editing.add_agreement(catalogue, section.id, (suggestion["text"],))
    with write(db):
        editions.replace_edition(db, changed)
        history.record_change(
            db,
            draft_id,
            g.curator["name"],
            "agreement",
            agreement_id,
            "add",
            None,
            snapshot(changed.agreement(agreement_id)),
            _("Uit suggestie %(id)d", id=suggestion_id),
        )
        suggestions.mark_handled(db, suggestion_id, g.curator["name"], agreement_id)
    flash(_("De suggestie staat nu als afspraak in editie %(id)s. Werk de tekst verder af.", id=draft_id), "status")
    return redirect(url_for("curation.agreement", edition_id=draft_id, agreement_id=agreement_id))


def _target_section(db, catalogue, suggestion):
    """The same section (by stable id) in the edition being prepared; else the last one."""
    source = editions.load(db, suggestion["edition_id"]) if editions.edition(db, suggestion["edition_id"]) else None
    if source is not None:
        try:
            wanted = source.section(suggestion["section_number"]).id
        except KeyError:
            wanted = ""
        for section in catalogue.sections:
            if section.id == wanted:
                return section
    return catalogue.sections[-1]
