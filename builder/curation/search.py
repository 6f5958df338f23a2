"""Search across an edition: agreements, variants, notes, chapters, sections and references, linked to their page."""

from __future__ import annotations

from flask import render_template, request, url_for
from markupsafe import Markup, escape

from ..db import get_db, search
from ..model.catalogue import Catalogue
from . import bp
from .common import load_edition
from .forms import SearchForm


def marked(text: str) -> Markup:
    """A hit's text as HTML: escaped, with each matched word in <mark>."""
    return Markup(str(escape(text)).replace(search.MARK_START, "<mark>").replace(search.MARK_END, "</mark>"))


def _where(catalogue: Catalogue, hit: search.Hit) -> tuple[str, str, str]:
    """(what, title, link) for a hit: its kind in words, what it belongs to, and the page to edit (or see) it on."""
    edition_id, draft = catalogue.edition.id, not catalogue.edition.is_published
    if hit.kind in ("agreement", "notes", "variant"):
        agreement = catalogue.agreement(hit.entity_id)
        section = catalogue.section_of(hit.entity_id)
        link = (
            url_for("curation.agreement", edition_id=edition_id, agreement_id=hit.entity_id)
            if draft
            else url_for("curation.preview_section", edition_id=edition_id, number=section.number)
        )
        return hit.kind, str(agreement.number), link + ("#varianten" if hit.kind == "variant" and draft else "")
    if hit.kind == "chapter" or hit.detail == "chapter":
        chapter = catalogue.chapter(hit.entity_id)
        link = (
            url_for("curation.chapter", edition_id=edition_id, chapter_id=chapter.id)
            if draft
            else url_for("curation.preview", edition_id=edition_id)
        )
        return hit.kind, chapter.title, link
    if hit.kind in ("section", "reference"):
        section = next(s for s in catalogue.sections if s.id == hit.entity_id)
        link = (
            url_for("curation.section", edition_id=edition_id, section_id=section.id)
            if draft
            else url_for("curation.preview_section", edition_id=edition_id, number=section.number)
        )
        return hit.kind, f"{section.number} {section.title}", link
    return (
        hit.kind,
        "",
        url_for("curation.edition_meta", edition_id=edition_id)
        if draft
        else url_for("curation.preview", edition_id=edition_id),
    )


@bp.get("/edities/<edition_id>/zoeken")
def search_edition(edition_id: str):
    """The texts of an edition that hold every word typed, best match first, each linked to its edit page."""
    catalogue = load_edition(edition_id)
    form = SearchForm(formdata=request.args)
    words = form.q.data or ""
    hits = search.search(get_db(), edition_id, words) if form.validate() and words else []
    results = [(*_where(catalogue, hit), hit.detail, marked(hit.text)) for hit in hits]
    return render_template(
        "beheer/search.html", catalogue=catalogue, form=form, results=results, words=words, limit=search.LIMIT
    )
