"""A section page's inputs: their names, reading a post into answers, checking them, the form and its data."""

from __future__ import annotations

from dataclasses import dataclass

from wtforms import BooleanField, Field, SelectField
from wtforms.utils import unset_value

from ... import caches
from ...model import merging
from ...model.building import (
    AgreementAnswer,
    OwnAnswer,
    SectionAnswers,
    own_after_options,
    shown_wording,
)
from ...model.catalogue import Agreement, Section
from ...model.choices import AgreementChoice, Part
from ...model.limits import OWN_PER_SECTION
from ...model.terminology import Tailor
from ...model.text import clean, clean_line
from ..fields import LINE_MAX, DraftForm, text_field, too_long
from ..i18n import gettext as _
from ..i18n import language
from ..i18n import lazy_gettext as _l

OWN_MAX = OWN_PER_SECTION + 1  # own agreements a post may carry: one more than fits, to say so


@dataclass(frozen=True)
class AgreementInputs:
    """The names (and ids) of one agreement's inputs, numbered by its place in the section."""

    index: int
    include: str
    variant: str
    text: str
    reset: str
    fill: str
    untailored: str

    @classmethod
    def numbered(cls, i: int) -> AgreementInputs:
        """The inputs of the i-th agreement of a section: include_3, variant_3, …, untailored_3."""
        return cls(i, f"include_{i}", f"variant_{i}", f"text_{i}", f"reset_{i}", f"fill_{i}", f"untailored_{i}")

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
        fill=clean_line(_posted(formdata, inputs.fill)) if agreement.has_placeholder else "",
        reset=bool(_posted(formdata, inputs.reset)),  # an action, never stored
        untailored=bool(_posted(formdata, inputs.untailored)),
    )


def check_answer(agreement: Agreement, inputs: AgreementInputs, answer: AgreementAnswer) -> dict[str, list]:
    """Messages by the id of the input they belong to; empty when the answer can be saved."""
    errors: dict[str, list] = {}
    if answer.variant and agreement.variant(answer.variant) is None:
        errors[inputs.option(0)] = [_("Kies een van de formuleringen van afspraak %(n)d.", n=agreement.number)]
    if answer.text and (message := too_long(answer.text)):
        errors[inputs.text] = [message]
    if answer.fill and (message := too_long(answer.fill, LINE_MAX)):
        errors[inputs.fill] = [message]
    return errors


def shown_answer(agreement: Agreement, choice: AgreementChoice | None, tailor: Tailor | None = None) -> AgreementAnswer:
    """What the draft holds for one agreement, as its controls show it (stored texts are clean).

    The text box holds the wording as the note says it: tailored to the organisation unless the
    user switched that off for this agreement; a rewording as the user wrote it.
    """
    if choice is None:
        return AgreementAnswer(text=shown_wording(agreement, "", tailor))
    return AgreementAnswer(
        include=True,
        variant=choice.variant,
        text=choice.text or shown_wording(agreement, choice.variant, None if choice.untailored else tailor),
        fill=choice.fills[0] if choice.fills else "",
        untailored=choice.untailored,
    )


class SectionAgreements(Field):
    """Every catalogue agreement of one section, read and checked as one field of `AgreementAnswer`s by id.

    Its errors are keyed by the id of the input they belong to, so each message sits next to its
    box and the error summary links to it.
    """

    def __init__(self, section: Section, inputs: tuple[AgreementInputs, ...], **kwargs):
        super().__init__(label="", **kwargs)  # a label of our own: WTForms would translate a made-up one
        self.section, self.inputs = section, inputs  # the inputs are named once per form class

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
        agreements = SectionAgreements(section, tuple(map(AgreementInputs.numbered, range(len(section.agreements)))))
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


def unit_keys(section: Section) -> list[str]:
    """The units of the note a section page shows and changes (model/merging.py): its part and agreements."""
    return merging.part_keys(section.number, (a.id for a in section.agreements))


def draft_data(section: Section, part: Part | None, tailor: Tailor | None = None) -> dict:
    """The form's values as the draft holds them."""
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    own = [c for c in part.agreements if c.is_own] if part else []
    return {
        "intro": bool(part and part.intro),
        "agreements": {a.id: shown_answer(a, chosen.get(a.id), tailor) for a in section.agreements},
        "own": [OwnAnswer(text=c.text, after=c.after or "") for c in own],
    }


def for_action(section: Section, found: SectionAnswers, action: str, tailor: Tailor | None = None) -> SectionAnswers:
    """The answers as the buttons "Neem alle afspraken over" (all) and "Geen enkele" (none) change them."""
    if action == "all":
        for answer in found.agreements.values():
            answer.include = True
    elif action == "none":
        found.agreements = {a.id: shown_answer(a, None, tailor) for a in section.agreements}
    return found


def without_refused(
    section: Section, found: SectionAnswers, form, part: Part | None, tailor: Tailor | None = None
) -> SectionAnswers:
    """The answers with those the form refused put back as the draft holds them: the rest can be saved."""
    stored = draft_data(section, part, tailor)
    refused = {agreement_id for agreement_id, errors in form.agreements.by_agreement.items() if errors}
    agreements = {i: stored["agreements"][i] if i in refused else a for i, a in found.agreements.items()}
    own = stored["own"] if form.own.errors or form.own_text_new.errors else found.own
    return SectionAnswers(agreements=agreements, own=own, intro=found.intro)


def answers(form) -> SectionAnswers:
    """The posted form as plain answers; a new own agreement is added when it has text."""
    found = SectionAnswers(agreements=dict(form.agreements.data), own=list(form.own.data), intro=form.intro.data)
    if form.own_text_new.data:
        found.own.append(OwnAnswer(text=form.own_text_new.data, after=form.own_after_new.data or ""))
    return found
