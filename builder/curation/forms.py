"""Forms of the curation area (/beheer). Dutch messages, input kept on errors."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField, ValidationError
from wtforms.validators import DataRequired, Optional

from ..model.catalogue import WEB_ADDRESS, Section
from ..model.text import clean_line
from ..web.fields import Form, MultiCheckboxField, line_field, options, text_field

EDITION_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$")


class LoginForm(Form):
    name = StringField(_l("Naam"), filters=[clean_line], validators=[DataRequired(message=_l("Vul je naam in."))])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(message=_l("Vul je wachtwoord in."))])


class ButtonForm(Form):
    """Only a button (log out, publish confirmations, move, remove)."""


def csrf_ok(field_name: str = "csrf_token") -> bool:
    """Check the CSRF token of a form posted under a prefixed field name."""
    from flask import request
    from flask_wtf.csrf import CSRFError, validate_csrf
    from wtforms import ValidationError as WTFValidationError

    try:
        validate_csrf(request.form.get(field_name))
    except (CSRFError, WTFValidationError):
        return False
    return True


def valid_edition_id(form, field) -> None:
    """Field validator: an edition id is 1 to 20 letters, digits, ".", "_" or "-", the first a letter or digit."""
    if field.data and not EDITION_ID.match(field.data):
        raise ValidationError(_l("Gebruik enkel letters, cijfers, punt of streepje, bijvoorbeeld 2026."))


class NewEditionForm(Form):
    edition_id = line_field(
        _l("Naam van de nieuwe editie"),
        required_message=_l("Geef de editie een naam, bijvoorbeeld 2026."),
        validators=[valid_edition_id],
        description=_l("Bijvoorbeeld 2026. Die naam zien gebruikers bij de herkomst van hun afspraken."),
    )
    title = line_field(_l("Titel"), required_message=_l("Geef de editie een titel."))


class EditionForm(Form):
    title = line_field(_l("Titel"), required_message=_l("Geef de editie een titel."))
    subtitle = line_field(_l("Ondertitel"))
    publisher = line_field(_l("Uitgever"), required_message=_l("Vul de uitgever in."))
    introduction = text_field(
        _l("Inleiding bij de catalogus"),
        description=_l("Witregel tussen alinea’s, “- ” voor een opsomming, “## ” voor een tussentitel."),
    )


def valid_url(form, field) -> None:
    """Field validator: a web address starts with http:// or https:// and holds no spaces."""
    if field.data and not WEB_ADDRESS.match(field.data):
        raise ValidationError(_l("Een webadres begint met https:// en bevat geen spaties."))


def valid_reference_lines(form, field) -> None:
    """Field validator for "title | address" lines: every address given is a web address."""
    for line in (field.data or "").splitlines():
        _title, separator, url = line.partition(" | ")
        if separator and url.strip() and not WEB_ADDRESS.match(url.strip()):
            raise ValidationError(
                _("“%(url)s” is geen webadres: het begint met https:// en bevat geen spaties.", url=url.strip())
            )


class ChapterForm(Form):
    title = line_field(_l("Titel van het hoofdstuk"), required_message=_l("Geef het hoofdstuk een titel."))
    body = text_field(
        _l("Tekst"),
        required_message=_l("Een hoofdstuk heeft tekst nodig."),
        description=_l(
            "Witregel tussen alinea’s, “- ” voor een opsomming, “## ” voor een tussentitel, “> ” voor een tip "
            "aan wie de nota schrijft (die komt niet in de nota)."
        ),
    )
    references = text_field(
        _l("Meer lezen?"),
        description=_l("Eén verwijzing per regel; voeg een webadres toe na “ | ”."),
        validators=[valid_reference_lines],
    )


class SectionForm(Form):
    title = line_field(_l("Titel van het onderdeel"), required_message=_l("Geef het onderdeel een titel."))
    intro = text_field(
        _l("Inleiding (optioneel)"),
        description=_l(
            "Witregel tussen alinea’s. Verwijs naar een afspraak met [[id-van-de-afspraak|bij afspraak #]]: "
            "# wordt het nummer in de nota, en zonder die afspraak valt de verwijzing weg "
            "(of zegt ze wat na een tweede | staat)."
        ),
    )


class NewTitleForm(Form):
    title = line_field(_l("Titel"), required_message=_l("Geef een titel."))


class AgreementForm(Form):
    text = text_field(
        _l("Tekst van de afspraak"),
        required_message=_l("Een afspraak heeft tekst nodig."),
        description=_l(
            "Witregel tussen alinea’s; begin een regel met “- ” voor een sub-item. [[id-van-de-afspraak]] verwijst "
            "naar een andere afspraak met haar nummer in de nota; [een andere dienst (specifieer)] laat de "
            "gebruiker die woorden invullen."
        ),
    )
    notes = text_field(
        _l("Noten voor de lezer (optioneel)"),
        description=_l("Tips bij de afspraak; ze komen niet in de nota van de gebruiker. Witregel tussen noten."),
    )
    subheading = line_field(
        _l("Tussentitel vóór deze afspraak (optioneel)"), description=_l("Bijvoorbeeld “Pers zoekt overheid”.")
    )


class NewAgreementForm(Form):
    text = text_field(_l("Tekst van de nieuwe afspraak"), required_message=_l("Een afspraak heeft tekst nodig."))


class MoveForm(Form):
    section = SelectField(_l("Onderdeel"))
    position = SelectField(_l("Plaats"))


def move_form(sections: tuple[Section, ...], current_section: str, current_position: int, **kwargs) -> MoveForm:
    """A `MoveForm` listing every section and position, preset to the agreement's current place unless posted."""
    form = MoveForm(**kwargs)
    form.section.choices = options((s.id, f"{s.number} {s.title}") for s in sections)
    longest = max((len(s.agreements) for s in sections), default=1)
    form.position.choices = options((str(i), str(i + 1)) for i in range(longest + 1))
    if not form.is_submitted():
        form.section.data = current_section
        form.position.data = str(current_position)
    return form


class VariantForm(Form):
    old_label = HiddenField(label="")
    label = line_field(_l("Naam van de variant"), required_message=_l("Geef de variant een naam."))
    text = text_field(
        _l("Tekst van de variant"),
        required_message=_l("Een variant heeft tekst nodig."),
        description=_l("De volledige afspraak zoals ze in de nota komt als de gebruiker deze variant kiest."),
    )


class ReferenceForm(Form):
    """One row of the references list; the page's own CSRF token protects the whole list."""

    class Meta:
        csrf = False

    title = line_field(_l("Titel van de verwijzing"), required_message=_l("Geef de verwijzing een titel."))
    url = StringField(_l("Webadres (optioneel)"), filters=[clean_line], validators=[Optional(), valid_url])
    agreements = MultiCheckboxField(_l("Hoort bij afspraak"), validators=[Optional()])
    index = HiddenField(label="")
    remove = BooleanField(_l("Verwijder deze verwijzing"))


def reference_form(section: Section, **kwargs) -> ReferenceForm:
    """A `ReferenceForm` whose checkboxes are the agreements of the section, by number."""
    form = ReferenceForm(**kwargs)
    form.agreements.choices = options((a.id, str(a.number)) for a in section.agreements)
    return form


class PublishForm(Form):
    summary = text_field(
        _l("Wat veranderde er in deze editie?"),
        required_message=_l("Beschrijf kort wat er veranderde; gebruikers en collega’s lezen dit."),
    )
