"""Forms of the wizard: Dutch labels and messages, text cleaned on the way in."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Optional

from ..model.building import AgreementAnswer, has_placeholder, own_after_options, section_after_options, wording_text
from ..model.catalogue import Agreement, Catalogue, Section
from ..model.choices import ORGANISATION_TYPES, AgreementChoice
from ..model.text import clean, clean_line
from ..web.fields import LINE_MAX, Form, MultiCheckboxField, line_field, options, text_field, too_long

ORGANISATION_TYPE_LABELS = {
    "gemeente": _l("Gemeente"),
    "stad": _l("Stad"),
    "ocmw": _l("OCMW"),
    "provincie": _l("Provincie"),
    "intergemeentelijke-vereniging": _l("Intergemeentelijke vereniging"),
    "politiezone": _l("Politiezone"),
    "socialprofitorganisatie": _l("Socialprofitorganisatie"),
    "andere": _l("Andere"),
}


class StartForm(Form):
    """Start a new note; the token is made when the page is shown, so a double click makes one draft."""

    token = HiddenField()


class LanguageForm(Form):
    lang = HiddenField()


class ResumeForm(Form):
    link = StringField(
        _l("Je bewaarlink"),
        description=_l("Plak de volledige link die je kreeg toen je je nota begon."),
        filters=[clean_line],
        validators=[DataRequired(message=_l("Plak de bewaarlink van je nota."))],
    )


class DraftForm(Form):
    """Every form that changes a draft carries the version it was based on."""

    version = HiddenField()


class ConfirmForm(DraftForm):
    """A form that is only a button (delete, keep my version)."""


def parse_date(value: str) -> dt.date | None:
    """Accept 2026-11-23 (date picker) and 23/11/2026 or 23-11-2026 (typed)."""
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def valid_date(form, field) -> None:
    if field.data and parse_date(field.data) is None:
        raise ValidationError(_l("Vul een geldige datum in, bijvoorbeeld 23/11/2026."))


class OrganisationForm(DraftForm):
    name = line_field(_l("Naam van je organisatie"), required_message=_l("Vul de naam van je organisatie in."))
    type = RadioField(
        _l("Soort organisatie"),
        choices=options((key, ORGANISATION_TYPE_LABELS[key]) for key in ORGANISATION_TYPES),
        validators=[Optional()],
        validate_choice=True,
    )
    title = line_field(
        _l("Titel van de nota"),
        description=_l("Laat leeg voor “Communicatieafspraken” gevolgd door de naam van je organisatie."),
    )
    date = StringField(
        _l("Datum van de nota"),
        description=_l("Bijvoorbeeld 23/11/2026."),
        filters=[clean_line],
        validators=[Optional(), valid_date],
    )
    note_version = line_field(_l("Versie"), description=_l("Bijvoorbeeld 1.0 of ontwerp."))
    author_name = line_field(_l("Jouw naam"))
    author_function = line_field(_l("Jouw functie"))


class IntroForm(DraftForm):
    chapters = MultiCheckboxField(_l("Hoofdstukken uit de inspiratienota"), validators=[Optional()])
    vision = text_field(
        _l("Jullie visie en communicatiedoelen"),
        description=_l(
            "Open je nota met waar jullie met communicatie naartoe willen. "
            "Laat een witregel tussen alinea's; begin een regel met een streepje (-) voor een opsomming."
        ),
    )


def intro_form(catalogue: Catalogue, **kwargs) -> IntroForm:
    form = IntroForm(**kwargs)
    form.chapters.choices = options((c.id, c.title) for c in catalogue.chapters)
    return form


class AgreementField(Field):
    """The controls of one catalogue agreement on a section page, read and checked as one answer.

    An agreement has a tick box (include_3), its wordings (variant_3), a box to reword it
    (text_3), a "back to the catalogue text" tick (reset_3) and, when its text asks to
    "(specifieer)", a line for the service (fill_3). With a WTForms field per input, section
    5.8 had 31 fields, and building and checking them took ~0.2 ms of every save; this field
    reads the same inputs into one `AgreementAnswer`. The page's markup and input names do not change
    (see `fragments.pick`). Its errors are keyed by the id of the input they belong to, so the
    message sits next to its box and the error summary links to it.
    """

    def __init__(self, agreement: Agreement, index: int, **kwargs):
        super().__init__(**kwargs)
        self.agreement, self.index = agreement, index
        self.wordings = {"", *(v.label for v in agreement.variants)}
        self.fillable = has_placeholder(agreement)

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        self.process_errors, self.errors = [], {}
        if formdata is not None:
            self.data = self._read(formdata)
        elif isinstance(data, AgreementAnswer):
            self.data = data
        else:  # nothing chosen yet (the curators' preview): as a new user sees it
            self.data = agreement_answer(self.agreement, None)

    def _read(self, formdata) -> AgreementAnswer:
        i = self.index

        def posted(name: str) -> str:  # `in` first: MultiDict.get raises and catches an exception per missing input
            key = f"{name}_{i}"
            return formdata[key] if key in formdata else ""

        return AgreementAnswer(
            include=posted("include") not in ("", "false"),
            variant=posted("variant") if self.agreement.variants else "",
            text=clean(posted("text")),
            fill=clean_line(posted("fill")) if self.fillable else "",
            reset=bool(posted("reset")),  # an action, not stored
        )

    def validate(self, form, extra_validators=()) -> bool:
        i, answer, errors = self.index, self.data, {}
        if answer.variant not in self.wordings:
            number = self.agreement.number
            errors[f"variant_{i}-0"] = [_l("Kies een van de formuleringen van afspraak %(n)d.", n=number)]
        if answer.text and (message := too_long(answer.text)):
            errors[f"text_{i}"] = [message]
        if answer.fill and (message := too_long(answer.fill, LINE_MAX)):
            errors[f"fill_{i}"] = [message]
        self.errors = errors
        return not errors


def agreement_answer(agreement: Agreement, choice: AgreementChoice | None) -> AgreementAnswer:
    """What the draft holds for one agreement, as the section page shows it (stored texts are clean)."""
    if choice is None:
        return AgreementAnswer(text=wording_text(agreement))
    return AgreementAnswer(
        include=True,
        variant=choice.variant,
        text=choice.text or wording_text(agreement, choice.variant),
        fill=choice.fills[0] if choice.fills else "",
    )


def section_form(section: Section, own_count: int, **kwargs) -> DraftForm:
    """A form for one catalogue section: an `AgreementField` per agreement, then own agreements."""
    return _section_form_class(section, own_count)(**kwargs)


@lru_cache(maxsize=256)
def _section_form_class(section: Section, own_count: int) -> type[DraftForm]:
    """Built once per section and number of own agreements: building it costs more than using it."""

    class SectionForm(DraftForm):
        pass

    anchors = own_after_options(section)
    anchor_choices = options(
        (anchor, _l("Bovenaan dit onderdeel") if not number else _l("Na afspraak %(n)d", n=number))
        for anchor, number in anchors
    )
    for i, agreement in enumerate(section.agreements):
        setattr(SectionForm, f"agreement_{i}", AgreementField(agreement, i))
    for k in range(own_count):
        setattr(SectionForm, f"own_text_{k}", text_field(_l("Eigen afspraak %(k)d", k=k + 1)))
        setattr(SectionForm, f"own_after_{k}", SelectField(_l("Plaats"), choices=anchor_choices))
    SectionForm.own_text_new = text_field(_l("Nieuwe eigen afspraak"))
    SectionForm.own_after_new = SelectField(_l("Plaats van de nieuwe afspraak"), choices=anchor_choices, default="")
    if section.intro:
        SectionForm.intro = BooleanField(_l("Neem de inleiding van dit onderdeel op in mijn nota"))
    return SectionForm


class OwnSectionsForm(DraftForm):
    new_title = line_field(_l("Titel van het nieuwe onderdeel"))
    new_after = SelectField(_l("Plaats in de nota"), validators=[Optional()])


def own_sections_form(catalogue: Catalogue, **kwargs) -> OwnSectionsForm:
    form = OwnSectionsForm(**kwargs)
    form.new_after.choices = after_section_choices(catalogue)
    return form


def after_section_choices(catalogue: Catalogue) -> list[SelectChoice]:
    return options(
        (
            number,
            _l("Vooraan, na de inleiding") if not number else _l("Na %(number)s %(title)s", number=number, title=title),
        )
        for number, title in section_after_options(catalogue)
    )


def own_section_form(catalogue: Catalogue, agreement_count: int, **kwargs) -> DraftForm:
    class OwnSectionForm(DraftForm):
        title = line_field(_l("Titel van het onderdeel"), required_message=_l("Geef je onderdeel een titel."))
        after = SelectField(_l("Plaats in de nota"), validators=[Optional()])
        new_text = text_field(_l("Nieuwe afspraak"))

    for k in range(agreement_count):
        setattr(OwnSectionForm, f"text_{k}", text_field(_l("Afspraak %(k)d", k=k + 1)))
    form = OwnSectionForm(**kwargs)
    form.after.choices = after_section_choices(catalogue)
    return form


class ReviewForm(DraftForm):
    references = BooleanField(_l("Bijlage “Meer lezen” met de verwijzingen naar Kortompedia"))
    provenance = BooleanField(_l("Bijlage “Herkomst van de afspraken”"))
    approval = BooleanField(_l("Goedkeuringsblok (“Goedgekeurd door … op …”)"))
    approved_by = line_field(
        _l("Goedgekeurd door"), description=_l("Bijvoorbeeld: het college van burgemeester en schepenen.")
    )
    approved_on = StringField(
        _l("Goedgekeurd op"),
        description=_l("Laat leeg om met de hand in te vullen."),
        filters=[clean_line],
        validators=[Optional(), valid_date],
    )


class DownloadForm(DraftForm):
    share = BooleanField(
        _l("Kortom mag de naam van onze organisatie en onze eigen teksten bekijken, om de catalogus te verbeteren.")
    )


def valid_email(form, field) -> None:
    if field.data and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", field.data):
        raise ValidationError(_l("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.be."))


class SuggestionForm(Form):
    kind = RadioField(
        _l("Wat stel je voor?"),
        choices=options(
            [("nieuw", _l("Een nieuwe afspraak")), ("verbetering", _l("Een betere versie van een afspraak"))]
        ),
        default="nieuw",
        validate_choice=True,
    )
    agreement = SelectField(_l("Over welke afspraak gaat het? (bij een verbetering)"), validators=[Optional()])
    text = text_field(_l("Je voorstel"), required_message=_l("Schrijf je voorstel."))
    name = line_field(_l("Je naam (optioneel)"))
    email = line_field(
        _l("Je e-mailadres (optioneel)"),
        validators=[valid_email],
        description=_l("Enkel als Kortom je mag contacteren over je voorstel."),
    )


def suggestion_form(section: Section, **kwargs) -> SuggestionForm:
    form = SuggestionForm(**kwargs)
    form.agreement.choices = options(
        [("", _l("Geen bepaalde afspraak")), *((a.id, _l("Afspraak %(n)d", n=a.number)) for a in section.agreements)]
    )
    return form
