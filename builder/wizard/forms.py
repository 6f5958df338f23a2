"""Forms of the wizard: Dutch labels and messages, text cleaned on the way in."""

from __future__ import annotations

import datetime as dt
import re

from flask_wtf.file import FileField, FileRequired
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

from ..model import dates
from ..model.building import section_after_options
from ..model.catalogue import Catalogue, Section
from ..model.organisations import ORGANISATION_TYPES
from ..model.reviews import COMMENT_MAX, LABEL_MAX, default_expiry, expiry_problem
from ..model.terminology import Tailor, tailored_text
from ..model.text import clean_line
from ..web.fields import DraftForm, Form, MaxLength, MultiCheckboxField, line_field, options, text_field
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l


class StartForm(Form):
    """Start a new note; `start` is a one-off number of this page, so a double click makes one draft.

    The private link's token is never sent by the browser: the server makes it from `start` with
    its secret key (builder/wizard/start.py).
    """

    start = HiddenField(label="")


class LanguageForm(Form):
    lang = HiddenField(label="")


class ResumeForm(Form):
    link = StringField(
        _l("Je bewaarlink"),
        description=_l("Plak de volledige link die je kreeg toen je je nota begon."),
        filters=[clean_line],
        validators=[DataRequired(message=_l("Plak de bewaarlink van je nota."))],
    )


class UploadForm(Form):
    """A note downloaded earlier (.docx, also after editing in Word) or its choices file (.json), to continue."""

    note_file = FileField(
        _l("Je gedownloade nota"),
        description=_l(
            "Het Word-document (.docx) dat je eerder uit Bouwpakket downloadde, ook als het intussen in Word "
            "werd aangepast, of het keuzebestand (.json). Hoogstens 5 MB."
        ),
        validators=[FileRequired(message=_l("Kies het bestand van je nota."))],
    )


class TemplateForm(Form):
    """The organisation's own Word template, for the house style of the note."""

    template_file = FileField(
        _l("Je Word-sjabloon"),
        description=_l(
            "Een Word-document (.docx) of Word-sjabloon (.dotx) met de lettertypes, kleuren en kopstijlen van je "
            "organisatie, en de kop- en voettekst met je logo. Wat er als tekst in staat, komt niet in de nota. "
            "Hoogstens 5 MB."
        ),
        validators=[FileRequired(message=_l("Kies het Word-sjabloon van je organisatie."))],
    )


class LogoForm(Form):
    """A logo for the title page and the words a screen reader says for it."""

    logo_file = FileField(
        _l("Je logo"),
        description=_l("Een PNG- of JPEG-afbeelding van hoogstens 1 MB. Het komt bovenaan de titelpagina."),
    )
    alt = line_field(
        _l("Beschrijving van het logo"),
        _l("Beschrijf het logo in een paar woorden: dat leest een schermlezer voor."),
        description=_l(
            "Verplicht: wat een schermlezer voorleest in plaats van het logo, bijvoorbeeld “Logo van de stad Gent”."
        ),
    )


class SwitchStyleForm(Form):
    """Stop using the note's template or logo, or use it again (`what`: template or logo; `use`: ja or nee)."""

    what = HiddenField(label="")
    use = HiddenField(label="")


class ConfirmDraftForm(DraftForm):
    """A button that changes the note (take the whole catalogue): its CSRF token and the version it was shown on."""


class ConfirmForm(Form):
    """A form that is only a button (delete the note, keep it longer): its CSRF token, nothing to compare."""


def valid_date(form, field) -> None:
    """Field validator: a date as `dates.from_form` reads it; an empty field passes."""
    if field.data and dates.from_form(field.data) is None:
        raise ValidationError(_l("Vul een geldige datum in, bijvoorbeeld 23/11/2026."))


class OrganisationForm(DraftForm):
    name = line_field(_l("Naam van je organisatie"), required_message=_l("Vul de naam van je organisatie in."))
    type = RadioField(
        _l("Soort organisatie"),
        choices=options((t.key, _l(t.label)) for t in ORGANISATION_TYPES),
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
    """An `IntroForm` offering the catalogue's intro chapters as checkboxes."""
    form = IntroForm(**kwargs)
    form.chapters.choices = options((c.id, c.title) for c in catalogue.chapters)
    return form


class OwnSectionsForm(DraftForm):
    new_title = line_field(_l("Titel van het nieuwe onderdeel"))
    new_text = text_field(_l("Eerste afspraak van het onderdeel (mag ook later)"))
    new_after = SelectField(_l("Plaats in de nota"), validators=[Optional()])
    action = HiddenField(label="")  # the button: "add" (the default) or "up:<key>" / "down:<key>"

    def validate(self, extra_validators=None) -> bool:
        """Every field; then adding a section needs its title (moving one does not)."""
        valid = super().validate(extra_validators)
        if not self.new_title.data and not (self.action.data or "").startswith(("up:", "down:")):
            self.new_title.errors.append(_l("Geef je nieuwe onderdeel een titel."))
            return False
        return valid


def own_sections_form(catalogue: Catalogue, tailor: Tailor | None, **kwargs) -> OwnSectionsForm:
    """An `OwnSectionsForm` whose place list holds every spot an own section can go."""
    form = OwnSectionsForm(**kwargs)
    form.new_after.choices = after_section_choices(catalogue, tailor)
    return form


def after_section_choices(catalogue: Catalogue, tailor: Tailor | None) -> list[SelectChoice]:
    """Where an own section can go, in the note's words: at the front or after a catalogue section."""
    return options(
        (
            number,
            _("Vooraan, na de inleiding")
            if not number
            else _("Na %(number)s %(title)s", number=number, title=tailored_text(tailor, title)),
        )
        for number, title in section_after_options(catalogue)
    )


def own_section_form(catalogue: Catalogue, tailor: Tailor | None, agreement_count: int, **kwargs) -> DraftForm:
    """The form of one own section: title, place, a box per agreement it holds (text_0, ...) and a new one."""

    class OwnSectionForm(DraftForm):
        title = line_field(_l("Titel van het onderdeel"), required_message=_l("Geef je onderdeel een titel."))
        after = SelectField(_l("Plaats in de nota"), validators=[Optional()])
        new_text = text_field(_l("Nieuwe afspraak"))

    for k in range(agreement_count):
        setattr(OwnSectionForm, f"text_{k}", text_field(_("Afspraak %(k)d", k=k + 1)))
    form = OwnSectionForm(**kwargs)
    form.after.choices = after_section_choices(catalogue, tailor)
    return form


class ReviewForm(DraftForm):
    references = BooleanField(_l("Bijlage “Meer lezen” met de verwijzingen naar Kortompedia"))
    provenance = BooleanField(_l("Bijlage “Herkomst van de afspraken”"))
    approval = BooleanField(
        _l("Goedkeuringsblok (“Goedgekeurd door … op …”)"),
        description=_l("Vul je hieronder iets in, dan staat het goedkeuringsblok altijd in je nota."),
    )
    approved_by = line_field(_l("Goedgekeurd door"))  # its example depends on the kind of organisation
    approved_on = StringField(
        _l("Goedgekeurd op"),
        description=_l("Bijvoorbeeld 20/12/2026. Laat leeg om met de hand in te vullen."),
        filters=[clean_line],
        validators=[Optional(), valid_date],
    )
    decision = line_field(_l("Referentie van de beslissing"))  # its example depends on the kind of organisation
    signatory_1 = line_field(_l("Naam van de eerste ondertekenaar"))
    signatory_2 = line_field(_l("Naam van de tweede ondertekenaar"))


class DownloadForm(DraftForm):
    comments = BooleanField(_l("Zet de open opmerkingen van beoordelaars als opmerkingen in het Word-document"))
    share = BooleanField(
        _l("Kortom mag de naam van onze organisatie en onze eigen teksten bekijken, om de catalogus te verbeteren.")
    )


class PublishForm(DraftForm):
    """Publish the note as a web page (or publish its current version), or only say whether search engines may find
    the page (`action`: publish or findable). The version says which note the author saw when publishing."""

    findable = BooleanField(_l("Zoekmachines mogen de pagina vinden"))
    action = HiddenField(label="")


def valid_email(form, field) -> None:
    """Field validator: an address like name@domain.be, without spaces; an empty field passes."""
    if field.data and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", field.data):
        raise ValidationError(_l("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.be."))


SUGGESTION_MAX = 2000  # characters: a suggestion is an agreement or two, not a document


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
    text = text_field(_l("Je voorstel"), required_message=_l("Schrijf je voorstel."), limit=SUGGESTION_MAX)
    name = line_field(_l("Je naam (optioneel)"))
    email = line_field(
        _l("Je e-mailadres (optioneel)"),
        validators=[valid_email],
        description=_l("Enkel als Kortom je mag contacteren over je voorstel."),
    )


def first_words(text: str, count: int = 8) -> str:
    """The start of a text, to recognise an agreement by ("De communicatiedienst maakt op basis van …")."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def suggestion_form(section: Section, **kwargs) -> SuggestionForm:
    """A `SuggestionForm` whose agreement list names the section's agreements by number and first words."""
    form = SuggestionForm(**kwargs)
    named = [
        (a.id, _("Afspraak %(n)d: %(start)s", n=a.number, start=first_words(a.text[0]))) for a in section.agreements
    ]
    form.agreement.choices = options([("", _l("Geen bepaalde afspraak")), *named])
    return form


class ReviewLinkForm(Form):
    """A new review link: who it is for, and the last day it works."""

    label = line_field(
        _l("Voor wie is de link?"),
        required_message=_l("Zeg voor wie de link is, bijvoorbeeld: managementteam."),
        validators=[MaxLength(LABEL_MAX)],
    )  # its examples depend on the kind of organisation
    expires_on = StringField(
        _l("Werkt tot en met"),
        description=_l("Bijvoorbeeld 31/12/2026. Leeg: 30 dagen vanaf vandaag."),
        filters=[clean_line],
        validators=[Optional(), valid_date],
    )

    def validate_expires_on(self, field) -> None:
        """The last day is from today on, and at most a year ahead."""
        problem = expiry_problem(self.last_day(dt.date.today()), dt.date.today())
        if problem:
            raise ValidationError(_(problem))

    def last_day(self, today: dt.date) -> dt.date:
        """The day typed, or 30 days from today when the field is empty."""
        return dates.from_form(self.expires_on.data) or default_expiry(today)


class ReplyForm(Form):
    """The author answers a comment, resolves it or reopens it."""

    text = text_field(_l("Je antwoord"), limit=COMMENT_MAX)
    action = HiddenField(label="")  # the button: "reply", "resolve" or "reopen"

    def validate(self, extra_validators=None) -> bool:
        """Every field; then a reply needs words (resolving or reopening does not)."""
        valid = super().validate(extra_validators)
        if self.action.data == "reply" and not self.text.data:
            self.text.errors.append(_l("Schrijf je antwoord."))
            return False
        return valid
