"""Editing what an edition holds: chapters, sections, agreements, variants, references."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, history
from ..model import editing
from ..model.catalogue import Reference
from ..model.text import blocks_from_text, blocks_to_text, parse_editable, to_editable
from . import bp
from .common import (
    agreement_or_404,
    chapter_or_404,
    editable,
    load_edition,
    section_or_404,
    store,
    translated,
    with_diffs,
)
from .forms import (
    AgreementForm,
    ButtonForm,
    ChapterForm,
    NewAgreementForm,
    NewTitleForm,
    SectionForm,
    VariantForm,
    csrf_ok,
    move_form,
    reference_form,
)


def _back(edition_id: str, anchor: str = ""):
    return redirect(url_for("curation.edition", edition_id=edition_id) + (f"#{anchor}" if anchor else ""))


def _paragraphs_and_items(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Agreement text from a textarea: paragraphs first, "- " lines become sub-items."""
    paragraphs, items = [], []
    for block in parse_editable(text):
        if block.kind == "items":
            items.extend(block.items)
        else:
            paragraphs.append(block.text)
    return tuple(paragraphs), tuple(items)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p for p in (b.text for b in parse_editable(text)) if p)


def _edit_error(form, field_name: str, error: editing.EditError):
    form[field_name].errors.append(translated(error.message))


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
        return _back(edition_id, f"hoofdstuk-{chapter_id}")
    return render_template(
        "beheer/chapter.html", form=form, catalogue=catalogue, chapter=before
    ), 400 if form.errors else 200


@bp.post("/edities/<edition_id>/hoofdstukken/nieuw")
def new_chapter(edition_id: str):
    catalogue = editable(edition_id)
    form = NewTitleForm()
    if form.validate_on_submit():
        changed, chapter_id = editing.add_chapter(catalogue, form.title.data, ())
        store(changed, "chapter", chapter_id, "add", None, changed.chapter(chapter_id))
        return redirect(url_for("curation.chapter", edition_id=edition_id, chapter_id=chapter_id))
    return _back(edition_id)


@bp.post("/edities/<edition_id>/hoofdstukken/<chapter_id>/<action>")
def chapter_action(edition_id: str, chapter_id: str, action: str):
    catalogue = editable(edition_id)
    before = chapter_or_404(catalogue, chapter_id)
    if not ButtonForm().validate_on_submit():
        return _back(edition_id)
    if action == "verwijderen":
        store(editing.remove_chapter(catalogue, chapter_id), "chapter", chapter_id, "remove", before, None)
    elif action in ("hoger", "lager"):
        changed = editing.move_chapter(catalogue, chapter_id, -1 if action == "hoger" else 1)
        store(changed, "chapter", chapter_id, "move", before, changed.chapter(chapter_id), action)
    else:
        return _back(edition_id)
    return _back(edition_id, "hoofdstukken")


# ---------------------------------------------------------------- sections


@bp.route("/edities/<edition_id>/onderdelen/<section_id>", methods=["GET", "POST"])
def section(edition_id: str, section_id: str):
    catalogue = editable(edition_id)
    before = section_or_404(catalogue, section_id)
    form = SectionForm(
        prefix="onderdeel",
        data=None if request.method == "POST" else {"title": before.title, "intro": "\n\n".join(before.intro)},
    )
    if form.validate_on_submit():
        changed = editing.update_section(catalogue, section_id, form.title.data, _paragraphs(form.intro.data))
        store(changed, "section", section_id, "edit", before, section_or_404(changed, section_id))
        return _back(edition_id, f"onderdeel-{section_id}")
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
    catalogue = editable(edition_id)
    form = NewTitleForm()
    if form.validate_on_submit():
        changed, section_id = editing.add_section(catalogue, form.title.data)
        store(changed, "section", section_id, "add", None, section_or_404(changed, section_id))
        return redirect(url_for("curation.section", edition_id=edition_id, section_id=section_id))
    return _back(edition_id)


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/<action>")
def section_action(edition_id: str, section_id: str, action: str):
    catalogue = editable(edition_id)
    before = section_or_404(catalogue, section_id)
    if not ButtonForm().validate_on_submit():
        return _back(edition_id)
    if action == "verwijderen":
        try:
            changed = editing.remove_section(catalogue, section_id)
        except editing.EditError as error:
            flash(translated(error.message), "error")
            return _back(edition_id, f"onderdeel-{section_id}")
        store(changed, "section", section_id, "remove", before, None)
    elif action in ("hoger", "lager"):
        changed = editing.move_section(catalogue, section_id, -1 if action == "hoger" else 1)
        store(changed, "section", section_id, "move", before, section_or_404(changed, section_id), action)
    return _back(edition_id, f"onderdeel-{section_id}")


# ---------------------------------------------------------------- agreements


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/afspraken/nieuw")
def new_agreement(edition_id: str, section_id: str):
    catalogue = editable(edition_id)
    section = section_or_404(catalogue, section_id)
    form = NewAgreementForm()
    if form.validate_on_submit():
        text, items = _paragraphs_and_items(form.text.data)
        changed, agreement_id = editing.add_agreement(catalogue, section_id, text, items)
        store(changed, "agreement", agreement_id, "add", None, changed.agreement(agreement_id))
        return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))
    return render_template(
        "beheer/section.html",
        form=SectionForm(prefix="onderdeel", formdata=None, data={"title": section.title}),
        catalogue=catalogue,
        section=section,
        new_agreement=form,
        new_reference=reference_form(section, prefix="nieuw", formdata=None),
        reference_forms=[],
    ), 400


def _agreement_page(catalogue, agreement, form=None, move=None, variant_forms=None, new_variant=None, status=200):
    section = catalogue.section_of(agreement.id)
    position = [a.id for a in section.agreements].index(agreement.id)
    form = form or AgreementForm(
        formdata=None,
        data={
            "text": to_editable(agreement.text, agreement.items),
            "notes": "\n\n".join(agreement.notes),
            "subheading": agreement.subheading,
        },
    )
    move = move or move_form(catalogue.sections, section.id, position, prefix="verplaats", formdata=None)
    variant_forms = variant_forms or [
        VariantForm(
            prefix=f"v{i}", formdata=None, data={"old_label": v.label, "label": v.label, "text": "\n\n".join(v.text)}
        )
        for i, v in enumerate(agreement.variants)
    ]
    new_variant = new_variant or VariantForm(
        prefix="nieuw", formdata=None, data={"label": f"Variant {len(agreement.variants) + 1}"}
    )
    return render_template(
        "beheer/agreement.html",
        catalogue=catalogue,
        agreement=agreement,
        section=section,
        form=form,
        move=move,
        variant_forms=variant_forms,
        new_variant=new_variant,
    ), status


@bp.route("/edities/<edition_id>/afspraken/<agreement_id>", methods=["GET", "POST"])
def agreement(edition_id: str, agreement_id: str):
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    if request.method == "GET":
        return _agreement_page(catalogue, before)
    form = AgreementForm()
    if form.validate_on_submit():
        text, items = _paragraphs_and_items(form.text.data)
        try:
            changed = editing.update_agreement(
                catalogue,
                agreement_id,
                text=text,
                items=items,
                notes=_paragraphs(form.notes.data),
                subheading=form.subheading.data,
            )
        except editing.EditError as error:
            _edit_error(form, "text", error)
        else:
            store(changed, "agreement", agreement_id, "edit", before, changed.agreement(agreement_id))
            return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))
    return _agreement_page(catalogue, before, form=form, status=400)


@bp.post("/edities/<edition_id>/afspraken/<agreement_id>/verplaatsen")
def move_agreement(edition_id: str, agreement_id: str):
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    section = catalogue.section_of(agreement_id)
    form = move_form(catalogue.sections, section.id, 0, prefix="verplaats")
    if not form.validate_on_submit():
        return _agreement_page(catalogue, before, move=form, status=400)
    changed = editing.move_agreement(catalogue, agreement_id, form.section.data, int(form.position.data))
    store(
        changed,
        "agreement",
        agreement_id,
        "move",
        before,
        changed.agreement(agreement_id),
        f"{section.number} → {changed.section_of(agreement_id).number}",
    )
    return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))


@bp.post("/edities/<edition_id>/afspraken/<agreement_id>/verwijderen")
def remove_agreement(edition_id: str, agreement_id: str):
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    section = catalogue.section_of(agreement_id)
    if ButtonForm().validate_on_submit():
        store(editing.remove_agreement(catalogue, agreement_id), "agreement", agreement_id, "remove", before, None)
    return _back(edition_id, f"onderdeel-{section.id}")


@bp.post("/edities/<edition_id>/afspraken/<agreement_id>/varianten")
def variants(edition_id: str, agreement_id: str):
    """Add, edit (and relabel) or remove one variant; the button says which."""
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    action = request.form.get("action", "")
    verb, _sep, index = action.partition(":")
    prefix = "nieuw" if verb == "toevoegen" else f"v{index}"
    form = VariantForm(prefix=prefix)
    try:
        if verb == "verwijderen" and csrf_ok(f"{prefix}-csrf_token"):
            changed = editing.remove_variant(catalogue, agreement_id, form.old_label.data)
        elif verb in ("toevoegen", "bewaren") and form.validate_on_submit():
            text = _paragraphs(form.text.data)
            if verb == "toevoegen":
                changed = editing.add_variant(catalogue, agreement_id, form.label.data, text)
            else:
                changed = editing.update_variant(catalogue, agreement_id, form.old_label.data, form.label.data, text)
        else:
            return _variant_error(catalogue, before, form, verb, index)
    except editing.EditError as error:
        _edit_error(form, "label", error)
        return _variant_error(catalogue, before, form, verb, index)
    except KeyError:
        return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))
    store(changed, "agreement", agreement_id, f"variant-{verb}", before, changed.agreement(agreement_id))
    return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id) + "#varianten")


def _variant_error(catalogue, agreement, form, verb, index):
    if verb == "toevoegen":
        return _agreement_page(catalogue, agreement, new_variant=form, status=400)
    forms = [
        form
        if str(i) == index
        else VariantForm(
            prefix=f"v{i}", formdata=None, data={"old_label": v.label, "label": v.label, "text": "\n\n".join(v.text)}
        )
        for i, v in enumerate(agreement.variants)
    ]
    return _agreement_page(catalogue, agreement, variant_forms=forms, status=400)


@bp.get("/edities/<edition_id>/afspraken/<agreement_id>/geschiedenis")
def agreement_history(edition_id: str, agreement_id: str):
    catalogue = load_edition(edition_id)
    changes = with_diffs(history.history(get_db(), kind="agreement", entity_id=agreement_id))
    return render_template(
        "beheer/history.html",
        catalogue=catalogue,
        changes=changes,
        title=_("Geschiedenis van afspraak “%(id)s”", id=agreement_id),
    )
