"""Editions: overview, a new draft edition, its details, preview, publishing, and the whole edition as Word."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for

from ..db import editions, get_db, history, now, suggestions, usage, write
from ..formats import DOCX
from ..model import versions
from ..model.building import whole_catalogue
from ..model.catalogue import Catalogue
from ..model.catalogue_diff import compare
from ..model.editing import EditError, new_edition, set_edition
from ..model.publishing import publish, publishable, second_looks, unused_terminology
from ..model.text import blocks_from_text, blocks_to_text, slugify
from ..web.i18n import gettext as _
from ..web.section_page import page, section_form
from . import bp
from .common import editable, load_edition, previous_edition, refused, translated
from .content import order_version
from .forms import EditionForm, NewEditionForm, PublishForm
from .migrations import map_rows
from .saving import FormPage, Stale, commit, line, page_form, saved_or_page, snapshot


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
            form.edition_id.errors.append(
                _("Er is al een editie in voorbereiding. Publiceer die eerst, of verwijder ze op haar pagina.")
            )
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
    previous = previous_edition(catalogue)
    return render_template(
        "beheer/edition.html",
        catalogue=catalogue,
        previous=previous,
        changes=compare(previous, catalogue) if previous else [],
        problems=publishable(catalogue, previous),
        looks=second_looks(catalogue, previous) if previous and not catalogue.edition.is_published else [],
        order=order_version(catalogue),
    )


class EditionPage(FormPage):
    """The edition's details: title, subtitle, publisher and introduction."""

    kind = "edition"
    mergeable = frozenset({"title", "subtitle", "publisher", "introduction"})

    def __init__(self, edition_id: str):
        self.entity_id = edition_id

    def names(self, form) -> list[str]:
        """The four fields."""
        return ["title", "subtitle", "publisher", "introduction"]

    def data(self, catalogue: Catalogue) -> dict:
        """The details as the form shows them."""
        e = catalogue.edition
        return {
            "title": e.title,
            "subtitle": e.subtitle,
            "publisher": e.publisher,
            "introduction": blocks_to_text(e.introduction),
        }

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The details as the form shows them."""
        return self.data(catalogue)

    def apply(self, catalogue: Catalogue, values):
        """The edition with these details, and its history line."""
        changed = set_edition(
            catalogue,
            title=values["title"] or "",
            subtitle=values["subtitle"] or "",
            publisher=values["publisher"] or "",
            introduction=blocks_from_text(values["introduction"] or ""),
        )
        return changed, line("edition", catalogue.edition.id, "edit", catalogue.edition, changed.edition)


@bp.route("/edities/<edition_id>/gegevens", methods=["GET", "POST"])
def edition_meta(edition_id: str):
    """Edit a draft edition's title, subtitle, publisher and the introduction of the catalogue."""
    catalogue = editable(edition_id)
    edition_page = EditionPage(edition_id)
    form = page_form(EditionForm, edition_page, catalogue)
    return saved_or_page(
        edition_id,
        edition_page,
        form,
        lambda before, after: redirect(url_for("curation.edition", edition_id=edition_id)),
        lambda form: render_template("beheer/edition_meta.html", form=form, catalogue=catalogue),
    )


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


def edition_version(catalogue: Catalogue) -> str:
    """The version of a whole edition: what the publish page showed."""
    return versions.fingerprint(catalogue)


@bp.route("/edities/<edition_id>/publiceren", methods=["GET", "POST"])
def publish_view(edition_id: str):
    """Show every change, then publish the draft edition with a summary; refused while problems remain."""
    catalogue = editable(edition_id)
    previous = previous_edition(catalogue)
    form = PublishForm(data={"version": edition_version(catalogue)} if request.method == "GET" else None)
    if form.validate_on_submit():

        def edit(current: Catalogue):
            if edition_version(current) != form.version.data:
                raise Stale(
                    _("De editie veranderde intussen. Bekijk de veranderingen hieronder opnieuw en publiceer dan.")
                )
            published = publish(current, form.summary.data, now(), previous)
            return published, line(
                "edition", edition_id, "publish", current.edition, published.edition, form.summary.data
            )

        try:
            commit(edition_id, edit)
        except Stale as error:
            form.summary.errors.append(str(error))
            form.version.data = edition_version(catalogue)
        except EditError as error:
            refused(form, error)
        else:
            flash(
                _("Editie %(id)s is gepubliceerd. Nieuwe nota’s starten vanaf nu op deze editie.", id=edition_id),
                "status",
            )
            return redirect(url_for("curation.edition", edition_id=edition_id))
    return render_template(
        "beheer/publish.html",
        form=form,
        catalogue=catalogue,
        previous=previous,
        changes=compare(previous, catalogue) if previous else [],
        problems=[translated(p) for p in publishable(catalogue, previous)],
        details=[translated(w) for w in second_looks(catalogue, previous) + unused_terminology(catalogue, previous)]
        if previous
        else [],
        map_rows=map_rows(catalogue, previous),
    ), 400 if form.errors else 200


@bp.get("/edities/<edition_id>/word")
def word(edition_id: str):
    """The whole edition as a Word document, made by the note's own export: for colleagues to review offline."""
    from ..formats.word import render_note, to_bytes

    catalogue = load_edition(edition_id)
    document = to_bytes(render_note(whole_catalogue(catalogue, dt.date.today()), catalogue))
    return send_file(
        BytesIO(document),
        mimetype=DOCX,
        as_attachment=True,
        download_name=f"catalogus-{slugify(edition_id, 'editie')}.docx",
        max_age=0,
    )
