"""Curators write an agreement as one kind of organisation says it, where the terminology table's words cannot.

Per kind of organisation (/beheer/edities/<id>/maatwerk/<kind>): every sentence the kind's tailoring
changes, to check (the table's lines and the curators' own wordings, marked as a note shows them),
and the wordings written for the kind, each with its reason. A wording of one agreement has a page of
its own (…/<kind>/<agreement>/<n>, n = 0 for the agreement's own wording, 1… for its variants) that
opens with what the table makes of it; emptied, the table's version applies again. A draft edition
only; it saves like every curation page (curation/saving.py).
"""

from __future__ import annotations

import dataclasses

from flask import abort, redirect, render_template, request, url_for

from ..model.building import shown_wording, wording_text
from ..model.catalogue import Agreement, Catalogue, TailoredText, Terminology
from ..model.editing import EditError
from ..model.organisations import organisation_type
from ..model.tailored import text_problems
from ..model.terminology import Tailor, changed_sentences, with_terminology
from ..model.text import to_editable
from ..web.fields import line_field, text_field
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l
from . import bp
from .common import editable, load_edition, paragraphs_and_items
from .forms import CuratedForm
from .saving import FormPage, line, page_form, saved_or_page
from .terminology import TAILORED


class TailoredTextForm(CuratedForm):
    text = text_field(
        _l("Tekst voor deze soort organisatie"),
        description=_l(
            "De hele afspraak zoals deze soort organisatie ze zegt. Laat een witregel tussen alinea’s; begin een "
            "regel met een streepje (-) voor een opsomming. Leeg: de woordenlijst geldt weer."
        ),
    )
    reason = line_field(_l("Waarom de woordenlijst niet volstaat"))


def wording_label(agreement: Agreement, index: int) -> str:
    """The wording's label: "" for the agreement's own (index 0), else its variant's."""
    if index == 0:
        return ""
    if index > len(agreement.variants):
        abort(404)
    return agreement.variants[index - 1].label


def _terms(catalogue: Catalogue, kind: str) -> Terminology:
    return catalogue.terminology_for(kind) or Terminology(organisation=kind)


class TailoredTextPage(FormPage):
    """One wording of one agreement for one kind: its text (as a text box holds it) and the reason."""

    kind = "terminology"
    mergeable = frozenset({"text"})

    def __init__(self, organisation: str, agreement_id: str, index: int):
        self.entity_id = organisation
        self.agreement_id, self.index = agreement_id, index

    def names(self, form) -> list[str]:
        """The text and the reason."""
        return ["text", "reason"]

    def data(self, catalogue: Catalogue) -> dict:
        """The curators' wording as stored, else what the table makes of the catalogue's."""
        return self.shown(catalogue, None)

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The wording for this kind now."""
        agreement = catalogue.agreement(self.agreement_id)
        variant = wording_label(agreement, self.index)
        written = _terms(catalogue, self.entity_id).text_for(agreement.id, variant)
        if written is None:
            return {"text": shown_wording(agreement, variant, Tailor(_terms(catalogue, self.entity_id))), "reason": ""}
        return {"text": to_editable(written.text, written.items), "reason": written.reason}

    def apply(self, catalogue: Catalogue, values):
        """The edition with this wording for the kind (none when it says what the table says)."""
        agreement = catalogue.agreement(self.agreement_id)
        variant = wording_label(agreement, self.index)
        before = catalogue.terminology_for(self.entity_id)
        terms = _terms(catalogue, self.entity_id)
        table_says = Tailor(dataclasses.replace(terms, texts=())).text(wording_text(agreement, variant))
        text, reason = (values["text"] or "").strip(), (values["reason"] or "").strip()
        kept = tuple(t for t in terms.texts if (t.agreement, t.variant) != (agreement.id, variant))
        if text and text != table_says:
            if not reason:
                raise EditError(_("Zeg waarom de woordenlijst hier niet volstaat.")).at("reason")
            paragraphs, items = paragraphs_and_items(text)
            written = TailoredText(agreement=agreement.id, variant=variant, text=paragraphs, items=items, reason=reason)
            kept += (written,)
        changed = dataclasses.replace(terms, texts=kept)
        if problems := text_problems(catalogue, changed):
            said = {
                "placeholder": _("Houd “(specifieer)” zoals de formulering in de catalogus het heeft, en niet meer."),
                "crossref": _("De tekst verwijst naar een afspraak die niet in deze editie staat."),
            }
            raise EditError(said.get(problems[0].kind, _("Deze tekst kan zo niet in de nota."))).at("text")
        after = with_terminology(catalogue, changed)
        return after, line("terminology", self.entity_id, "edit", before, after.terminology_for(self.entity_id))


def _kind(kind: str):
    organisation = organisation_type(kind)
    if organisation is None or kind not in TAILORED:
        abort(404)
    return organisation


@bp.route("/edities/<edition_id>/maatwerk/<kind>")
def tailoring(edition_id: str, kind: str):
    """Every sentence one kind's tailoring changes, to check, and the wordings curators wrote for the kind."""
    catalogue = load_edition(edition_id)
    organisation = _kind(kind)
    terms = _terms(catalogue, kind)
    chosen = request.args.get("afspraak", type=int)
    if chosen is not None:
        found = next((a for a in catalogue.agreements if a.number == chosen), None)
        if found is not None:
            index = request.args.get("formulering", 0, type=int)
            where = {"edition_id": edition_id, "kind": kind, "agreement_id": found.id, "index": index}
            return redirect(url_for(".tailored_text", **where))
    return render_template(
        "beheer/tailoring.html",
        catalogue=catalogue,
        organisation=organisation,
        terms=terms,
        sentences=changed_sentences(catalogue, Tailor(terms)),
    )


@bp.route("/edities/<edition_id>/maatwerk/<kind>/<agreement_id>/<int:index>", methods=["GET", "POST"])
def tailored_text(edition_id: str, kind: str, agreement_id: str, index: int):
    """See, and in a draft edition write, one agreement's wording as one kind of organisation says it."""
    catalogue = editable(edition_id) if request.method == "POST" else load_edition(edition_id)
    organisation = _kind(kind)
    try:
        agreement = catalogue.agreement(agreement_id)
    except KeyError:
        abort(404)
    variant = wording_label(agreement, index)
    page = TailoredTextPage(kind, agreement_id, index)

    def render(form):
        return render_template(
            "beheer/tailored_text.html",
            form=form,
            catalogue=catalogue,
            organisation=organisation,
            agreement=agreement,
            variant=variant,
            original=wording_text(agreement, variant),
        )

    return saved_or_page(
        edition_id,
        page,
        page_form(TailoredTextForm, page, catalogue),
        lambda before, after: redirect(url_for(".tailoring", edition_id=edition_id, kind=kind)),
        render,
    )
