"""Editing what an edition holds: chapters and sections with their "Meer lezen?" references."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ..model import editing
from ..model.catalogue import Reference
from ..model.text import blocks_from_text, blocks_to_text
from . import bp
from .common import (
    back_to_edition,
    chapter_or_404,
    editable,
    paragraphs,
    section_or_404,
    store,
    translated,
)
from .forms import (
    ButtonForm,
    ChapterForm,
    NewAgreementForm,
    NewTitleForm,
    SectionForm,
    reference_form,
)

# ---------------------------------------------------------------- chapters


def _references_to_text(refs) -> str:
    return "\n".join(f"{r.title} | {r.url}" if r.url else r.title for r in refs)


def _references_from_text(text: str) -> tuple[Reference, ...]:
    refs = []
    for line in text.splitlines():
        title, _sep, url = line.partition(" | ")
        if title.strip():
            refs.append(Reference(title=title.strip(), url=url.strip()))
    return tuple(refs)


@bp.route("/edities/<edition_id>/hoofdstukken/<chapter_id>", methods=["GET", "POST"])
def chapter(edition_id: str, chapter_id: str):
    """Edit a chapter of a draft edition: its title, its text and its "Meer lezen?" references."""
    catalogue = editable(edition_id)
    before = chapter_or_404(catalogue, chapter_id)
    form = ChapterForm(
        data=None
        if request.method == "POST"
        else {
            "title": before.title,
            "body": blocks_to_text(before.body),
            "references": _references_to_text(before.references),
        }
    )
    if form.validate_on_submit():
        changed = editing.update_chapter(catalogue, chapter_id, form.title.data, blocks_from_text(form.body.data))
        changed = editing.set_chapter_references(changed, chapter_id, _references_from_text(form.references.data))
        store(changed, "chapter", chapter_id, "edit", before, changed.chapter(chapter_id))
        return back_to_edition(edition_id, f"hoofdstuk-{chapter_id}")
    return render_template(
        "beheer/chapter.html", form=form, catalogue=catalogue, chapter=before
    ), 400 if form.errors else 200


@bp.post("/edities/<edition_id>/hoofdstukken/nieuw")
def new_chapter(edition_id: str):
    """Add a chapter with only a title to a draft edition, then open it for editing."""
    catalogue = editable(edition_id)
    form = NewTitleForm()
    if form.validate_on_submit():
        changed, chapter_id = editing.add_chapter(catalogue, form.title.data, ())
        store(changed, "chapter", chapter_id, "add", None, changed.chapter(chapter_id))
        return redirect(url_for("curation.chapter", edition_id=edition_id, chapter_id=chapter_id))
    return back_to_edition(edition_id)


@bp.post("/edities/<edition_id>/hoofdstukken/<chapter_id>/<action>")
def chapter_action(edition_id: str, chapter_id: str, action: str):
    """Remove a chapter or move it up ("hoger") or down ("lager"); other actions change nothing."""
    catalogue = editable(edition_id)
    before = chapter_or_404(catalogue, chapter_id)
    if not ButtonForm().validate_on_submit():
        return back_to_edition(edition_id)
    if action == "verwijderen":
        store(editing.remove_chapter(catalogue, chapter_id), "chapter", chapter_id, "remove", before, None)
    elif action in ("hoger", "lager"):
        changed = editing.move_chapter(catalogue, chapter_id, -1 if action == "hoger" else 1)
        store(changed, "chapter", chapter_id, "move", before, changed.chapter(chapter_id), action)
    else:
        return back_to_edition(edition_id)
    return back_to_edition(edition_id, "hoofdstukken")


# ---------------------------------------------------------------- sections


@bp.route("/edities/<edition_id>/onderdelen/<section_id>", methods=["GET", "POST"])
def section(edition_id: str, section_id: str):
    """Edit a section's title and introduction; its page also offers the references and a new agreement."""
    catalogue = editable(edition_id)
    before = section_or_404(catalogue, section_id)
    form = SectionForm(
        prefix="onderdeel",
        data=None if request.method == "POST" else {"title": before.title, "intro": "\n\n".join(before.intro)},
    )
    if form.validate_on_submit():
        changed = editing.update_section(catalogue, section_id, form.title.data, paragraphs(form.intro.data))
        store(changed, "section", section_id, "edit", before, section_or_404(changed, section_id))
        return back_to_edition(edition_id, f"onderdeel-{section_id}")
    return _section_page(catalogue, before, form)


def _section_page(catalogue, section, form, reference_forms=None, new_reference=None, status=None):
    reference_forms = reference_forms or [
        reference_form(
            section,
            prefix=f"ref{i}",
            data={"title": r.title, "url": r.url, "agreements": list(r.agreements), "index": str(i)},
        )
        for i, r in enumerate(section.references)
    ]
    new_reference = new_reference or reference_form(section, prefix="nieuw", formdata=None)
    has_errors = form.errors or any(f.errors for f in reference_forms) or new_reference.errors
    return render_template(
        "beheer/section.html",
        form=form,
        catalogue=catalogue,
        section=section,
        reference_forms=reference_forms,
        new_reference=new_reference,
        new_agreement=NewAgreementForm(formdata=None),
    ), status or (400 if has_errors else 200)


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/verwijzingen")
def references(edition_id: str, section_id: str):
    """Save the whole "Meer lezen?" list of a section: edits, removals and one new reference."""
    catalogue = editable(edition_id)
    before = section_or_404(catalogue, section_id)
    count = len(before.references)
    forms = [reference_form(before, prefix=f"ref{i}") for i in range(count)]
    new = reference_form(before, prefix="nieuw")
    valid = all(f.validate() for f in forms if not f.remove.data)
    new_valid = not new.title.data or new.validate()
    if not (valid and new_valid and ButtonForm().validate_on_submit()):
        return _section_page(
            catalogue,
            before,
            SectionForm(
                prefix="onderdeel", formdata=None, data={"title": before.title, "intro": "\n\n".join(before.intro)}
            ),
            forms,
            new,
            400,
        )
    refs = [
        Reference(title=f.title.data, url=f.url.data or "", agreements=tuple(f.agreements.data or ()))
        for f in forms
        if not f.remove.data
    ]
    if new.title.data:
        refs.append(
            Reference(title=new.title.data, url=new.url.data or "", agreements=tuple(new.agreements.data or ()))
        )
    changed = editing.set_references(catalogue, section_id, tuple(refs))
    store(changed, "section", section_id, "references", before, section_or_404(changed, section_id))
    return redirect(url_for("curation.section", edition_id=edition_id, section_id=section_id) + "#verwijzingen")


@bp.post("/edities/<edition_id>/onderdelen/nieuw")
def new_section(edition_id: str):
    """Add a section with only a title at the end of a draft edition, then open it for editing."""
    catalogue = editable(edition_id)
    form = NewTitleForm()
    if form.validate_on_submit():
        changed, section_id = editing.add_section(catalogue, form.title.data)
        store(changed, "section", section_id, "add", None, section_or_404(changed, section_id))
        return redirect(url_for("curation.section", edition_id=edition_id, section_id=section_id))
    return back_to_edition(edition_id)


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/<action>")
def section_action(edition_id: str, section_id: str, action: str):
    """Remove an empty section or move it up ("hoger") or down ("lager"); one with agreements stays."""
    catalogue = editable(edition_id)
    before = section_or_404(catalogue, section_id)
    if not ButtonForm().validate_on_submit():
        return back_to_edition(edition_id)
    if action == "verwijderen":
        try:
            changed = editing.remove_section(catalogue, section_id)
        except editing.EditError as error:
            flash(translated(error.message), "error")
            return back_to_edition(edition_id, f"onderdeel-{section_id}")
        store(changed, "section", section_id, "remove", before, None)
    elif action in ("hoger", "lager"):
        changed = editing.move_section(catalogue, section_id, -1 if action == "hoger" else 1)
        store(changed, "section", section_id, "move", before, section_or_404(changed, section_id), action)
    return back_to_edition(edition_id, f"onderdeel-{section_id}")
