"""Drawing a section page: each agreement's fixed part (kept per agreement and language) and its controls."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ... import caches
from ...formats.html import agreement_html
from ...model.building import AgreementAnswer, has_placeholder, wording_text
from ...model.catalogue import Agreement, Catalogue, Section
from ...model.choices import Part
from ...web.i18n import language
from ..current import repair_version
from .inputs import AgreementInputs, OwnInputs, places


@dataclass(frozen=True)
class AgreementStatic:
    """What an agreement's controls show whatever the user chose: built once per agreement and language."""

    head: Markup
    wordings: tuple[tuple[str, str, Markup, str], ...]  # (value, label, text as HTML, text as in the box)
    labels: dict[str, str] = field(hash=False, compare=False)


def _static(agreement: Agreement, refs: tuple) -> AgreementStatic:
    n = agreement.number
    head = Markup(render_template("wizard/_agreement_head.html", a=agreement, refs=refs))
    wordings = tuple(
        (value, value or _("Oorspronkelijke tekst"), agreement_html(agreement.wording(value), items), escape(text))
        for value, items, text in (
            (v, agreement.items if not v else (), wording_text(agreement, v))
            for v in ["", *(variant.label for variant in agreement.variants)]
        )
    )
    labels = {
        "include": _("Afspraak %(n)d opnemen in mijn nota", n=n),
        "wording": _("Formulering van afspraak %(n)d", n=n),
        "fill": _("Welke dienst? (vult “(specifieer)” in bij afspraak %(n)d)", n=n),
        "text": _("Jouw formulering van afspraak %(n)d", n=n),
        "fill_hint": _("Bijvoorbeeld: de dienst Burgerzaken."),
        "error": _("Fout"),
        "summary": _("Herschrijf deze afspraak"),
        "hint": _(
            "Pas de tekst aan jullie organisatie aan. Laat een witregel tussen alinea’s; "
            "begin een regel met een streepje (-) voor een opsomming."
        ),
        "reset": _("Terug naar de tekst uit de catalogus"),
    }
    return AgreementStatic(head, wordings if agreement.variants else (), labels)


@dataclass
class AgreementControl:
    """One agreement on the page: its fixed part, its inputs, and the user's answer with its errors."""

    agreement: Agreement
    inputs: AgreementInputs
    answer: AgreementAnswer
    errors: dict
    static: AgreementStatic
    reworded: bool
    fillable: bool

    @property
    def open(self) -> bool:
        """The rewording box starts open when the note holds an own wording or the box has an error."""
        return self.reworded or self.inputs.text in self.errors


def controls(section: Section, form, reworded: set[str]) -> list[tuple[str, list[AgreementControl]]]:
    """Every agreement's controls, grouped under the section's sub-headings."""
    field_ = form.agreements
    lang = language()
    by_id = {}
    for agreement, inputs in zip(section.agreements, field_.inputs, strict=True):
        refs = tuple(section.references_for(agreement.id))
        static = caches.agreement_heads.get((agreement, refs, lang), lambda a=agreement, r=refs: _static(a, r))
        by_id[agreement.id] = AgreementControl(
            agreement=agreement,
            inputs=inputs,
            answer=field_.data[agreement.id],
            errors=field_.by_agreement.get(agreement.id, {}),
            static=static,
            reworded=agreement.id in reworded,
            fillable=has_placeholder(agreement),
        )
    return [(heading, [by_id[a.id] for a in agreements]) for heading, agreements in section.groups()]


def page(section: Section, catalogue: Catalogue, form, part: Part | None, **extra) -> str:
    """The section page, for the wizard and for the curators' preview."""
    if not extra.get("preview"):
        repair_version(form)
    where = places(section)
    own = [
        (inputs, answer, form.own.errors.get(inputs.text, ()), [(v, label, v == answer.after) for v, label in where])
        for inputs, answer in ((OwnInputs(k), answer) for k, answer in enumerate(form.own.data))
    ]
    new_place = form.own_after_new.data or ""
    return render_template(
        "wizard/section.html",
        form=form,
        section=section,
        catalogue=catalogue,
        groups=controls(section, form, {c.id for c in part.agreements if c.reworded} if part else set()),
        own=own,
        new_places=[(v, label, v == new_place) for v, label in where],
        chosen=len(part.agreements) if part else 0,
        **extra,
    )
