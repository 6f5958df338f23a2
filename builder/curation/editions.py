"""Editions: overview, a new draft edition, metadata, preview, publish, history."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import editions, get_db, history, now, suggestions, usage, write
from ..model.catalogue_diff import compare
from ..model.editing import EditError, new_edition, publish, publishable, set_edition
from ..model.text import blocks_from_text, blocks_to_text
from ..wizard.section_page import page, section_form
from . import bp
from .common import editable, load_edition, snapshot, store, translated, with_diffs
from .forms import EditionForm, NewEditionForm, PublishForm


def _dashboard(form: NewEditionForm, status: int = 200):
    """The editions overview, with the form to start a new edition (kept as typed after an error)."""
    db = get_db()
    return render_template(
        "beheer/dashboard.html",
        editions=list(reversed(editions.all_editions(db))),
        drafts=usage.draft_counts(db),
        draft_edition=editions.draft_edition(db),
        open_suggestions=suggestions.count(db, handled=False),
        form=form,
    ), status


@bp.get("/")
def dashboard():
    """The curators' home: every edition, newest first, and a new-edition form titled like the latest published."""
    latest = editions.latest_published(get_db())
    title = editions.load(get_db(), latest).edition.title if latest else ""
    return _dashboard(NewEditionForm(title=title))


@bp.post("/edities/nieuw")
def new_edition_view():
    """Start a draft edition as a copy of the latest published one; only one draft at a time."""
    db = get_db()
    form = NewEditionForm()
    if form.validate_on_submit():
        if editions.draft_edition(db):
            form.edition_id.errors.append(_("Er is al een editie in voorbereiding. Publiceer die eerst."))
        elif editions.edition(db, form.edition_id.data) is not None:
            form.edition_id.errors.append(_("Die naam is al in gebruik."))
        else:
            base = editions.load(db, editions.latest_published(db))
            draft = new_edition(base, form.edition_id.data, form.title.data)
            with write(db):
                editions.insert_catalogue(db, draft)
                history.record_change(
                    db,
                    draft.edition.id,
                    g.curator["name"],
                    "edition",
                    draft.edition.id,
                    "add",
                    None,
                    snapshot(draft.edition),
                    _("Nieuwe editie op basis van %(id)s", id=base.edition.id),
                )
            flash(_("Editie %(id)s staat klaar om te bewerken.", id=draft.edition.id), "status")
            return redirect(url_for("curation.edition", edition_id=draft.edition.id))
    return _dashboard(form, 400)


@bp.get("/edities/<edition_id>")
def edition(edition_id: str):
    """One edition's page: its content, what changed since the edition before it, what blocks publishing."""
    catalogue = load_edition(edition_id)
    changes = _changes_since_previous(catalogue)
    return render_template("beheer/edition.html", catalogue=catalogue, changes=changes, problems=publishable(catalogue))


def _previous(catalogue):
    """The edition this one was based on (or updates), when it is in the database."""
    db = get_db()
    for candidate in (catalogue.edition.based_on, catalogue.edition.updates):
        if candidate and candidate != catalogue.edition.id and editions.edition(db, candidate) is not None:
            return editions.load(db, candidate)
    return None


def _changes_since_previous(catalogue):
    previous = _previous(catalogue)
    return (previous, compare(previous, catalogue)) if previous else (None, [])


@bp.route("/edities/<edition_id>/gegevens", methods=["GET", "POST"])
def edition_meta(edition_id: str):
    """Edit a draft edition's title, subtitle, publisher and the introduction of the catalogue."""
    catalogue = editable(edition_id)
    e = catalogue.edition
    form = EditionForm(
        data=None
        if request.method == "POST"
        else {
            "title": e.title,
            "subtitle": e.subtitle,
            "publisher": e.publisher,
            "introduction": blocks_to_text(e.introduction),
        }
    )
    if form.validate_on_submit():
        changed = set_edition(
            catalogue,
            title=form.title.data,
            subtitle=form.subtitle.data,
            publisher=form.publisher.data,
            introduction=blocks_from_text(form.introduction.data),
        )
        store(changed, "edition", edition_id, "edit", e, changed.edition)
        return redirect(url_for("curation.edition", edition_id=edition_id))
    return render_template("beheer/edition_meta.html", form=form, catalogue=catalogue), 400 if form.errors else 200


@bp.get("/edities/<edition_id>/voorbeeld")
def preview(edition_id: str):
    """The catalogue as users will see it on the start page."""
    return render_template("beheer/preview.html", catalogue=load_edition(edition_id))


@bp.get("/edities/<edition_id>/voorbeeld/<number>")
def preview_section(edition_id: str, number: str):
    """A section page exactly as the wizard shows it, without a draft behind it."""
    catalogue = load_edition(edition_id)
    try:
        section = catalogue.section(number)
    except KeyError:
        abort(404)
    return page(section, catalogue, section_form(section), None, preview=True)


@bp.route("/edities/<edition_id>/publiceren", methods=["GET", "POST"])
def publish_view(edition_id: str):
    """Show what changed, then publish the draft edition with a summary; refused while problems remain."""
    catalogue = editable(edition_id)
    previous, changes = _changes_since_previous(catalogue)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            published = publish(catalogue, form.summary.data, now())
        except EditError as error:
            form.summary.errors.append(translated(error.message))
        else:
            store(
                published,
                "edition",
                edition_id,
                "publish",
                catalogue.edition,
                published.edition,
                form.summary.data,
                _("Editie %(id)s is gepubliceerd. Nieuwe nota’s starten vanaf nu op deze editie.", id=edition_id),
            )
            return redirect(url_for("curation.edition", edition_id=edition_id))
    return render_template(
        "beheer/publish.html",
        form=form,
        catalogue=catalogue,
        previous=previous,
        changes=changes,
        problems=publishable(catalogue),
    ), 400 if form.errors else 200


@bp.get("/edities/<edition_id>/geschiedenis")
def edition_history(edition_id: str):
    """Every recorded change in one edition, newest first, with word-level diffs."""
    catalogue = load_edition(edition_id)
    return render_template(
        "beheer/history.html",
        catalogue=catalogue,
        changes=with_diffs(history.history(get_db(), edition_id=edition_id)),
        title=_("Geschiedenis van editie %(id)s", id=edition_id),
    )
