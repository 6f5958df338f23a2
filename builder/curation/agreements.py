"""An agreement's page: text, sub-items, notes, sub-heading, variants and place, in one form.

Every button on the page saves everything typed on it first ("Variant toevoegen" also saves a
changed text); a removal then asks for confirmation (curation/removals.py). An agreement a
colleague removed meanwhile is shown by curation/gone.py; new agreements are in new_agreements.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from ..model import editing
from ..model.catalogue import Agreement, Catalogue
from ..model.mentions import touched
from ..model.text import to_editable
from ..web.i18n import gettext as _
from . import bp, crossrefs, gone
from .common import editable, paragraphs, paragraphs_and_items, translated
from .content_forms import (
    AgreementForm,
    knowing_agreements,
    place_choices,
    place_value,
    read_place,
)
from .new_agreements import SUGGESTION, marks_suggestion, suggestion_of
from .saving import FormPage, Line, formdata, line, saved_or_page


def variant_text(variant) -> str:
    """A variant's text as its textarea shows it."""
    return "\n\n".join(variant.text)


class AgreementPage(FormPage):
    """An agreement: its text fields, each of its variants (known by the label it had when shown), its place."""

    kind = "agreement"
    mergeable = frozenset({"text", "notes", "subheading"})

    def __init__(self, agreement_id: str):
        self.entity_id = agreement_id

    def names(self, form) -> list[str]:
        """The text fields, the label and text of each variant shown, and the place."""
        variant_fields = [f.name for entry in form.variants for f in (entry.form.label, entry.form.text)]
        return ["text", "notes", "subheading", *variant_fields, "place"]

    def data(self, catalogue: Catalogue) -> dict:
        """The agreement as its page opens."""
        a = catalogue.agreement(self.entity_id)
        variants = [{"old_label": v.label, "label": v.label, "text": variant_text(v)} for v in a.variants]
        return {
            "text": to_editable(a.text, a.items),
            "notes": "\n\n".join(a.notes),
            "subheading": a.subheading,
            "variants": variants,
            "new_variant": {"label": _free_label(a)},
            "place": place_value(*editing.place_of(catalogue, a.id)),
        }

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """Each field now; None for an agreement or variant that is gone."""
        try:
            a = catalogue.agreement(self.entity_id)
        except KeyError:
            return dict.fromkeys(self.names(form))
        values: dict[str, str | None] = {"text": to_editable(a.text, a.items), "notes": "\n\n".join(a.notes)}
        values["subheading"] = a.subheading
        for entry in form.variants:
            variant = a.variant(entry.form.old_label.data or "")
            values[entry.form.label.name] = variant.label if variant else None
            values[entry.form.text.name] = variant_text(variant) if variant else None
        values["place"] = place_value(*editing.place_of(catalogue, a.id))
        return values

    def posted(self, form) -> dict[str, str]:
        """As posted; a place that was not posted at all stays as it is."""
        posted = super().posted(form)
        if not form.place.data:
            del posted["place"]
        return posted

    def label(self, form, name: str) -> str:
        """A variant's fields are named after the variant."""
        for entry in form.variants:
            if name in (entry.form.label.name, entry.form.text.name):
                what = _("Naam") if name == entry.form.label.name else _("Tekst")
                return _("%(what)s van variant “%(label)s”", what=what, label=entry.form.old_label.data)
        return super().label(form, name)

    def display(self, catalogue: Catalogue, name: str, value: str | None) -> str:
        """A place is shown as its section and the agreement it comes after."""
        if name != "place" or value is None:
            return super().display(catalogue, name, value)
        return next((c.label for c in place_choices(catalogue) if c.value == value), value)

    def apply(self, catalogue: Catalogue, values):
        """The agreement with these values; history lines for its text, each variant, and its place."""
        try:
            before = catalogue.agreement(self.entity_id)
        except KeyError:
            raise editing.EditError(
                _("Iemand verwijderde deze afspraak intussen. Herstel ze vanuit de geschiedenis.")
            ) from None
        text, items = paragraphs_and_items(values["text"] or "")
        try:
            changed = editing.update_agreement(
                catalogue,
                self.entity_id,
                text=text,
                items=items,
                notes=paragraphs(values["notes"]),
                subheading=values["subheading"] or "",
            )
        except editing.EditError as error:
            raise error.at("text") from None
        lines = line("agreement", self.entity_id, "edit", before, changed.agreement(self.entity_id))
        changed, more = self._variants(changed, values)
        changed, moved = self._place(changed, values["place"])
        return changed, lines + more + moved

    def _variants(self, catalogue: Catalogue, values) -> tuple[Catalogue, list[Line]]:
        lines: list[Line] = []
        index = 0
        while f"variants-{index}-label" in values:
            label, text = values[f"variants-{index}-label"], values[f"variants-{index}-text"]
            old = self.identities[index] if index < len(self.identities) else ""
            was = catalogue.agreement(self.entity_id).variant(old)
            try:
                if label is None:
                    pass
                elif was is None:
                    catalogue = editing.add_variant(catalogue, self.entity_id, label, paragraphs(text))
                elif (label, text) != (was.label, variant_text(was)):
                    catalogue = editing.update_variant(catalogue, self.entity_id, old, label, paragraphs(text))
            except editing.EditError as error:
                raise error.at(f"variants-{index}-label") from None
            now = catalogue.agreement(self.entity_id).variant(label) if label else None
            lines += line("variant", self.entity_id, "edit" if was else "add", was, now)
            index += 1
        return catalogue, lines

    def _place(self, catalogue: Catalogue, place: str | None) -> tuple[Catalogue, list[Line]]:
        """Move the agreement to `place`; the history line keeps where it stood, so an undo puts it back there."""
        where = place_value(*editing.place_of(catalogue, self.entity_id))
        if place is None or place == where:
            return catalogue, []
        before, source = catalogue.agreement(self.entity_id), catalogue.section_of(self.entity_id)
        try:
            changed = editing.move_after(catalogue, self.entity_id, *read_place(place))
        except editing.EditError as error:
            raise error.at("place") from None
        target = changed.section_of(self.entity_id)
        summary = f"{source.number} → {target.number}"
        return changed, [
            Line("agreement", self.entity_id, "move", before, changed.agreement(self.entity_id), summary, where)
        ]


def agreement_form(catalogue: Catalogue, agreement: Agreement | None, page: AgreementPage):
    """The agreement's form, as posted or as the page opens (the agreement as stored)."""
    if request.method == "POST":
        form = AgreementForm(formdata=formdata())
    else:
        form = AgreementForm(formdata=None, data=page.data(catalogue))
        form.version.data = page.version(catalogue, form)
    form.place.choices = place_choices(catalogue, moving=agreement.id if agreement else page.entity_id)
    knowing_agreements(form, catalogue)
    page.identities = [entry.form.old_label.data or "" for entry in form.variants]
    return form


def _new_variant(form, agreement_id: str):
    """The new variant typed on the page, added when it has a text ("Variant toevoegen" requires one)."""
    new = form.new_variant.form

    def edit(catalogue: Catalogue):
        if not new.text.data:
            return catalogue, []
        if not new.label.data:
            raise editing.EditError(_("Geef de variant een naam.")).at(new.label.name)
        there = catalogue.agreement(agreement_id).variant(new.label.data)
        if there is not None and editing.same_words(" ".join(there.text), " ".join(paragraphs(new.text.data))):
            return catalogue, []  # added already: a double click
        if there is not None and new.label.data not in {e.form.old_label.data for e in form.variants}:
            free = _free_label(catalogue.agreement(agreement_id))
            raise editing.EditError(
                _(
                    "Een collega voegde intussen een variant “%(label)s” toe (hieronder). Geef de jouwe een andere "
                    "naam, bijvoorbeeld “%(free)s”.",
                    label=new.label.data,
                    free=free,
                )
            ).at(new.label.name)
        try:
            changed = editing.add_variant(catalogue, agreement_id, new.label.data, paragraphs(new.text.data))
        except editing.EditError as error:
            raise error.at(new.label.name) from None
        variant = changed.agreement(agreement_id).variant(new.label.data)
        return changed, line("variant", agreement_id, "add", None, variant)

    return edit


def _free_label(agreement: Agreement) -> str:
    """The first "Variant N" the agreement does not use yet."""
    n = len(agreement.variants) + 1
    while agreement.variant(_("Variant %(n)d", n=n)) is not None:
        n += 1
    return _("Variant %(n)d", n=n)


@bp.route("/edities/<edition_id>/afspraken/<agreement_id>", methods=["GET", "POST"])
def agreement(edition_id: str, agreement_id: str):
    """Edit an agreement; every button saves the whole page first, then adds, asks to remove or moves."""
    catalogue = editable(edition_id)
    if agreement_id not in catalogue.numbers:
        return _gone(edition_id, catalogue, agreement_id)
    found = catalogue.agreement(agreement_id)
    suggestion = suggestion_of(request.values.get("suggestie", type=int))
    page = AgreementPage(agreement_id)
    page.summary = f"{SUGGESTION}{suggestion['id']}" if suggestion else ""
    form = agreement_form(catalogue, found, page)
    form.reference_errors = []
    if request.method == "POST" and form.action.data == crossrefs.ACTION:  # nothing is saved: the text gets it
        inserted = crossrefs.insert_reference(form, catalogue, request.form.get("reference", ""))
        if inserted:
            flash(_("De verwijzing staat achteraan in de tekst. Zet ze waar ze hoort en bewaar."), "info")
        return _page(catalogue, found, agreement_id, form, suggestion), 200 if inserted else 400
    return saved_or_page(
        edition_id,
        page,
        form,
        lambda before, after: _after_save(
            edition_id, agreement_id, form.action.data or "", before, after, form, suggestion
        ),
        lambda form: _page(catalogue, found, agreement_id, form, suggestion),
        then=_new_variant(form, agreement_id),
        also=marks_suggestion(suggestion, "applied"),
        said=_said(form.action.data or ""),
    )


def _said(action: str):
    """What a save says: on the way to a removal's confirmation, only that what was typed is kept (if anything)."""
    if action.partition(":")[0] not in ("verwijderen", "variant-verwijderen"):
        return None

    def said(before: Catalogue, after: Catalogue) -> str | None:
        return _("Wat je veranderde, is bewaard. Er is nog niets verwijderd.") if before != after else None

    return said


def _gone(edition_id: str, catalogue: Catalogue, agreement_id: str):
    """An agreement no longer in the edition: what happened, what was typed, and putting it back with that text."""
    if request.method == "GET":
        if gone.last_removal(edition_id, "agreement", agreement_id) is None:
            abort(404)
        return gone.gone_page(edition_id, catalogue, agreement_id)
    page = AgreementPage(agreement_id)
    form = agreement_form(catalogue, None, page)
    removal = gone.last_removal(edition_id, "agreement", agreement_id)
    if form.action.data != gone.RESTORE or removal is None:
        return gone.gone_page(edition_id, catalogue, agreement_id, form, 409)

    def done(before: Catalogue, after: Catalogue):
        number = after.agreement(agreement_id).number
        flash(_("Afspraak %(n)d staat weer in de editie, met jouw tekst.", n=number), "status")
        return redirect(url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id))

    return saved_or_page(
        edition_id,
        page,
        form,
        done,
        lambda form: gone.gone_page(edition_id, catalogue, agreement_id, form, 400),
        first=gone.restore_edit(removal),
    )


def _page(catalogue: Catalogue, found: Agreement, agreement_id: str, form, suggestion: dict | None) -> str:
    """The agreement's page with this form."""
    return render_template(
        "beheer/agreement.html",
        catalogue=catalogue,
        agreement=found,
        section=catalogue.section_of(agreement_id),
        form=form,
        suggestion=suggestion,
        meanwhile=[v for v in found.variants if v.label not in {e.form.old_label.data for e in form.variants}],
        reference_groups=crossrefs.reference_groups(catalogue, exclude=agreement_id),
        reference_words=crossrefs.WORDS,
    )


def _after_save(edition_id: str, agreement_id: str, action: str, before: Catalogue, after: Catalogue, form, suggestion):
    """Where a button goes once the page is saved; warnings for texts that named a moved agreement by number."""
    for warning in touched(before, after, described_by=after):
        flash(translated(warning), "warning")
    open_still = suggestion is not None and before == after
    if suggestion is not None:
        flash(
            _("Er veranderde niets: de suggestie blijft open.") if open_still else _("De suggestie is verwerkt."),
            "info",
        )
    here = url_for(
        "curation.agreement",
        edition_id=edition_id,
        agreement_id=agreement_id,
        suggestie=suggestion["id"] if open_still else None,
    )
    if action == "verwijderen":
        return redirect(url_for("curation.remove_agreement", edition_id=edition_id, agreement_id=agreement_id))
    verb, _sep, index = action.partition(":")
    if verb == "variant-verwijderen" and index.isdigit() and int(index) < len(form.variants):
        label = form.variants[int(index)].form.label.data
        return redirect(
            url_for("curation.remove_variant", edition_id=edition_id, agreement_id=agreement_id, variant=label)
        )
    return redirect(here + ("#varianten" if verb == "variant-toevoegen" else ""))
