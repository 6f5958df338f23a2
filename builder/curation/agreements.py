"""Editing an edition's agreements: text, sub-items, notes, place, variants, history."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, history
from ..model import editing
from ..model.text import to_editable
from . import bp
from .common import (
    agreement_or_404,
    back_to_edition,
    edit_error,
    editable,
    load_edition,
    paragraphs,
    paragraphs_and_items,
    section_or_404,
    store,
    with_diffs,
)
from .forms import (
    AgreementForm,
    ButtonForm,
    NewAgreementForm,
    SectionForm,
    VariantForm,
    csrf_ok,
    move_form,
    reference_form,
)


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/afspraken/nieuw")
def new_agreement(edition_id: str, section_id: str):
    """Add an agreement at the end of a section, then open it; an invalid text shows the section page again."""
    catalogue = editable(edition_id)
    section = section_or_404(catalogue, section_id)
    form = NewAgreementForm()
    if form.validate_on_submit():
        text, items = paragraphs_and_items(form.text.data)
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
    """Edit an agreement's text, sub-items, notes and sub-heading; its page also moves it and edits variants."""
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    if request.method == "GET":
        return _agreement_page(catalogue, before)
    form = AgreementForm()
    if form.validate_on_submit():
        text, items = paragraphs_and_items(form.text.data)
        try:
            changed = editing.update_agreement(
                catalogue,
                agreement_id,
                text=text,
                items=items,
                notes=paragraphs(form.notes.data),
                subheading=form.subheading.data,
            )
        except editing.EditError as error:
            edit_error(form, "text", error)
        else:
            store(changed, "agreement", agreement_id, "edit", before, changed.agreement(agreement_id))
            return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))
    return _agreement_page(catalogue, before, form=form, status=400)


@bp.post("/edities/<edition_id>/afspraken/<agreement_id>/verplaatsen")
def move_agreement(edition_id: str, agreement_id: str):
    """Move an agreement to a place in any section; the history notes the old and new section number."""
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
    """Remove an agreement (and its ties to references), then go back to its section on the edition page."""
    catalogue = editable(edition_id)
    before = agreement_or_404(catalogue, agreement_id)
    section = catalogue.section_of(agreement_id)
    if ButtonForm().validate_on_submit():
        store(editing.remove_agreement(catalogue, agreement_id), "agreement", agreement_id, "remove", before, None)
    return back_to_edition(edition_id, f"onderdeel-{section.id}")


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
            text = paragraphs(form.text.data)
            if verb == "toevoegen":
                changed = editing.add_variant(catalogue, agreement_id, form.label.data, text)
            else:
                changed = editing.update_variant(catalogue, agreement_id, form.old_label.data, form.label.data, text)
        else:
            return _variant_error(catalogue, before, form, verb, index)
    except editing.EditError as error:
        edit_error(form, "label", error)
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
    """Every recorded change of one agreement, across editions and newest first, with word-level diffs."""
    catalogue = load_edition(edition_id)
    changes = with_diffs(history.history(get_db(), kind="agreement", entity_id=agreement_id))
    return render_template(
        "beheer/history.html",
        catalogue=catalogue,
        changes=changes,
        title=_("Geschiedenis van afspraak “%(id)s”", id=agreement_id),
    )
