"""Forms of the wizard: Dutch labels and messages, text cleaned on the way in."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, Optional

from ..catalogue import Catalogue, Section
from ..choices import ORGANISATION_TYPES
from ..draft import has_placeholder, own_after_options, section_after_options
from ..fields import Form, MultiCheckboxField, line_field, options, text_field
from ..text import clean_line

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


def section_form(section: Section, own_count: int, agreements: bool = True, **kwargs) -> DraftForm:
    """A form with fields for every agreement of one catalogue section.

    Without `agreements` it has only the section's own fields (introduction, own agreements): a
    page shown from the draft takes the agreements' values from the draft itself (see
    `fragments.pick`), which spares binding 30 fields on every view.
    """
    return _section_form_class(section, own_count, agreements)(**kwargs)


@lru_cache(maxsize=256)
def _section_form_class(section: Section, own_count: int, agreements: bool) -> type[DraftForm]:
    """Built once per section and number of own agreements: building it costs more than using it."""

    class SectionForm(DraftForm):
        pass

    anchors = own_after_options(section)
    anchor_choices = options(
        (anchor, _l("Bovenaan dit onderdeel") if not number else _l("Na afspraak %(n)d", n=number))
        for anchor, number in anchors
    )
    for i, agreement in enumerate(section.agreements if agreements else ()):
        n = agreement.number
        setattr(SectionForm, f"include_{i}", BooleanField(_l("Afspraak %(n)d opnemen in mijn nota", n=n)))
        if agreement.variants:
            wordings = options([("", _l("Oorspronkelijke tekst")), *((v.label, v.label) for v in agreement.variants)])
            setattr(
                SectionForm,
                f"variant_{i}",
                RadioField(_l("Formulering van afspraak %(n)d", n=n), choices=wordings, validators=[Optional()]),
            )
        setattr(SectionForm, f"text_{i}", text_field(_l("Jouw formulering van afspraak %(n)d", n=n)))
        if has_placeholder(agreement):
            setattr(
                SectionForm,
                f"fill_{i}",
                line_field(
                    _l("Welke dienst? (vult “(specifieer)” in bij afspraak %(n)d)", n=n),
                    description=_l("Bijvoorbeeld: de dienst Burgerzaken."),
                ),
            )
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
