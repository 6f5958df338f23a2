"""A catalogue section's page: every agreement's controls, the own agreements and the intro.

This module is the whole agreement-on-a-section-page component. An agreement's inputs are
named here once (`AgreementInputs`) and handed to the template; reading a post into answers,
checking them, what the draft holds as the page shows it, and the rows of the conflict page
live here too. templates/wizard/section.html and _pick.html only draw what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import BooleanField, Field, SelectField
from wtforms.utils import unset_value

from .. import caches
from ..formats.html import agreement_html
from ..model.building import (
    DONE,
    IN_PROGRESS,
    AgreementAnswer,
    OwnAnswer,
    SectionAnswers,
    apply_section,
    final_text,
    has_placeholder,
    note_numbers,
    own_after_options,
    set_section_status,
    wording_text,
)
from ..model.catalogue import Agreement, Catalogue, Section
from ..model.choices import AgreementChoice, Choices, Part
from ..model.crossref import resolve
from ..model.text import clean, clean_line
from ..web.fields import LINE_MAX, text_field, too_long
from ..web.i18n import language
from . import bp
from .current import draft_required, remember_where, save, section_or_404, working_copy
from .forms import DraftForm

OWN_MAX = 100  # own agreements one section page reads; the rest of a post is ignored


@dataclass(frozen=True)
class AgreementInputs:
    """The names (and ids) of one agreement's inputs, numbered by its place in the section."""

    index: int
    include: str
    variant: str
    text: str
    reset: str
    fill: str

    @classmethod
    def numbered(cls, i: int) -> AgreementInputs:
        """The inputs of the i-th agreement of a section: include_3, variant_3, text_3, reset_3, fill_3."""
        return cls(i, f"include_{i}", f"variant_{i}", f"text_{i}", f"reset_{i}", f"fill_{i}")

    def option(self, k: int) -> str:
        """The id of the radio button of the k-th wording (0 is the original text)."""
        return f"{self.variant}-{k}"


@dataclass(frozen=True)
class OwnInputs:
    """The names of an own agreement's text and place; `index` None is the empty one for a new agreement."""

    index: int | None

    @property
    def text(self) -> str:
        """The name of the own agreement's text box: own_text_3, or own_text_new."""
        return "own_text_new" if self.index is None else f"own_text_{self.index}"

    @property
    def after(self) -> str:
        """The name of the own agreement's place list: own_after_3, or own_after_new."""
        return "own_after_new" if self.index is None else f"own_after_{self.index}"


def _posted(formdata, name: str) -> str:
    return formdata[name] if name in formdata else ""


def read_answer(agreement: Agreement, inputs: AgreementInputs, formdata) -> AgreementAnswer:
    """What the post says about one agreement, cleaned."""
    return AgreementAnswer(
        include=_posted(formdata, inputs.include) not in ("", "false"),
        variant=_posted(formdata, inputs.variant) if agreement.variants else "",
        text=clean(_posted(formdata, inputs.text)),
        fill=clean_line(_posted(formdata, inputs.fill)) if has_placeholder(agreement) else "",
        reset=bool(_posted(formdata, inputs.reset)),  # an action, never stored
    )


def check_answer(agreement: Agreement, inputs: AgreementInputs, answer: AgreementAnswer) -> dict[str, list]:
    """Messages by the id of the input they belong to; empty when the answer can be saved."""
    errors: dict[str, list] = {}
    if answer.variant and agreement.variant(answer.variant) is None:
        errors[inputs.option(0)] = [_l("Kies een van de formuleringen van afspraak %(n)d.", n=agreement.number)]
    if answer.text and (message := too_long(answer.text)):
        errors[inputs.text] = [message]
    if answer.fill and (message := too_long(answer.fill, LINE_MAX)):
        errors[inputs.fill] = [message]
    return errors


def shown_answer(agreement: Agreement, choice: AgreementChoice | None) -> AgreementAnswer:
    """What the draft holds for one agreement, as its controls show it (stored texts are clean)."""
    if choice is None:
        return AgreementAnswer(text=wording_text(agreement))
    return AgreementAnswer(
        include=True,
        variant=choice.variant,
        text=choice.text or wording_text(agreement, choice.variant),
        fill=choice.fills[0] if choice.fills else "",
    )


class SectionAgreements(Field):
    """Every catalogue agreement of one section, read and checked as one field of `AgreementAnswer`s by id.

    Its errors are keyed by the id of the input they belong to, so each message sits next to its
    box and the error summary links to it.
    """

    def __init__(self, section: Section, **kwargs):
        super().__init__(label="", **kwargs)  # a label of our own: WTForms would translate a made-up one
        self.section = section
        self.inputs = [AgreementInputs.numbered(i) for i in range(len(section.agreements))]

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        """Answers from the post, else from `data` (the draft), else as a new user sees the section."""
        self.process_errors, self.errors, self.by_agreement = [], {}, {}
        pairs = zip(self.section.agreements, self.inputs, strict=True)
        if formdata is not None:
            self.data = {a.id: read_answer(a, inputs, formdata) for a, inputs in pairs}
        elif isinstance(data, dict):
            self.data = data
        else:
            self.data = {a.id: shown_answer(a, None) for a in self.section.agreements}

    def validate(self, form, extra_validators=()) -> bool:
        """Check every answer; errors keyed by input id, and kept per agreement in `by_agreement`."""
        pairs = zip(self.section.agreements, self.inputs, strict=True)
        self.by_agreement = {a.id: check_answer(a, inputs, self.data[a.id]) for a, inputs in pairs}
        self.errors = {k: v for found in self.by_agreement.values() for k, v in found.items()}
        return not self.errors

    def error_links(self) -> list[tuple[str, str]]:
        """(input id, message) for the error summary."""
        return [(input_id, str(message)) for input_id, messages in self.errors.items() for message in messages]


class OwnAgreements(Field):
    """The own agreements already in the section (own_text_0, own_after_0, ...), as a list of `OwnAnswer`."""

    def __init__(self, **kwargs):
        super().__init__(label="", **kwargs)

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        """The posted own agreements (own_text_0, own_text_1, ... up to OWN_MAX), else the draft's in `data`."""
        self.process_errors, self.errors = [], {}
        if formdata is None:
            self.data = list(data) if isinstance(data, list) else []
            return
        self.data = []
        for k in range(OWN_MAX):
            inputs = OwnInputs(k)
            if inputs.text not in formdata:
                break
            self.data.append(OwnAnswer(text=clean(formdata[inputs.text]), after=_posted(formdata, inputs.after)))

    def validate(self, form, extra_validators=()) -> bool:
        """Check each own agreement's length; errors keyed by the id of its text box."""
        self.errors = {}
        for k, own in enumerate(self.data):
            if message := too_long(own.text):
                self.errors[OwnInputs(k).text] = [message]
        return not self.errors

    def error_links(self) -> list[tuple[str, str]]:
        """(input id, message) for the error summary."""
        return [(input_id, str(message)) for input_id, messages in self.errors.items() for message in messages]


def section_form(section: Section, **kwargs) -> DraftForm:
    """The form of one section's page (its class is made once per section: it holds the section)."""
    return caches.section_forms.get(section, lambda: _form_class(section))(**kwargs)


def _form_class(section: Section) -> type[DraftForm]:
    values = [anchor for anchor, _number in own_after_options(section)]

    class SectionForm(DraftForm):
        agreements = SectionAgreements(section)
        own = OwnAgreements()
        own_text_new = text_field(_l("Nieuwe eigen afspraak"))
        own_after_new = SelectField(_l("Plaats van de nieuwe afspraak"), choices=values, default="")
        intro = BooleanField(_l("Neem de inleiding van dit onderdeel op in mijn nota"))

    return SectionForm


def places(section: Section) -> list[tuple[str, str]]:
    """Where an own agreement can go, as (value, label) in the user's language (kept per section and language)."""

    def make() -> list[tuple[str, str]]:
        return [
            (anchor, _("Bovenaan dit onderdeel") if not number else _("Na afspraak %(n)d", n=number))
            for anchor, number in own_after_options(section)
        ]

    return caches.own_places.get((section, language()), make)


def draft_data(section: Section, part: Part | None, version: int) -> dict:
    """The form's values as the draft holds them."""
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    own = [c for c in part.agreements if c.is_own] if part else []
    return {
        "version": version,
        "intro": bool(part and part.intro),
        "agreements": {a.id: shown_answer(a, chosen.get(a.id)) for a in section.agreements},
        "own": [OwnAnswer(text=c.text, after=c.after or "") for c in own],
    }


def answers(form) -> SectionAnswers:
    """The posted form as plain answers; a new own agreement is added when it has text."""
    found = SectionAnswers(agreements=dict(form.agreements.data), own=list(form.own.data), intro=form.intro.data)
    if form.own_text_new.data:
        found.own.append(OwnAnswer(text=form.own_text_new.data, after=form.own_after_new.data or ""))
    return found


def describe(section: Section, choices: Choices) -> list[tuple[str, str]]:
    """The section as a note holds it, one (label, text) row per agreement, for the conflict page."""
    part = choices.part(section.number)
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    rows = []
    for agreement in section.agreements:
        choice = chosen.get(agreement.id)
        label = _("Afspraak %(n)d", n=agreement.number)
        if choice is None:
            rows.append((label, _("niet opgenomen")))
        else:
            prefix = f"[{choice.variant}] " if choice.variant else ""
            rows.append((label, prefix + final_text(choice, agreement)))
    own = [c for c in part.agreements if c.is_own] if part else []
    rows += [(_("Eigen afspraak %(k)d", k=k), choice.text) for k, choice in enumerate(own, start=1)]
    return rows


# ---------------------------------------------------------------- drawing the page


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


def page(section: Section, catalogue: Catalogue, form, part: Part | None, numbers=None, **extra) -> str:
    """The section page, for the wizard and for the curators' preview.

    `numbers` are the note's agreement numbers, which the section's intro uses for its cross-references
    (the catalogue's own numbers when not given, as in the preview).
    """
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
        intro=[
            said
            for said in (resolve(p, catalogue.numbers if numbers is None else numbers) for p in section.intro)
            if said
        ],
        **extra,
    )


# ---------------------------------------------------------------- the view


@bp.route("/nota/onderdeel/<number>", methods=["GET", "POST"])
@draft_required
def section(number: str):
    """Choose, word and add agreements for one catalogue section."""
    section = section_or_404(number)
    here = url_for("wizard.section", number=number)
    remember_where(here)
    part = g.draft.choices.part(number)
    form = section_form(section, data=None if request.method == "POST" else draft_data(section, part, g.draft.version))
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        choices, progress = working_copy()
        apply_section(choices, g.catalogue, section, answers(form))
        set_section_status(progress, number, DONE if action == "done" else IN_PROGRESS)
        if action == "done":
            target, message = url_for("wizard.overview"), _("Onderdeel %(number)s is klaar.", number=number)
        elif action == "add-own":
            target, message = here + "#eigen-afspraken", _("Je eigen afspraak is toegevoegd.")
        else:
            target, message = here, None
        return save(form, choices, progress, target, lambda c: describe(section, c), message)
    numbers = note_numbers(g.draft.choices)
    return page(section, g.catalogue, form, part, numbers), 400 if form.errors else 200
