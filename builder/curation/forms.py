"""Forms of the curation area (/beheer) that are not about the content of an edition. Dutch messages, input kept.

The forms that edit an edition's content are in content_forms.py. Every form that changes
something carries a `version`: what it showed, so that a save never silently overwrites another
curator's work (curation/saving.py).
"""

from __future__ import annotations

import re

from wtforms import HiddenField, PasswordField, SelectField, StringField, ValidationError
from wtforms.validators import DataRequired, Optional

from ..model.text import clean_line
from ..web.fields import Form, line_field, options, text_field
from ..web.i18n import lazy_gettext as _l

EDITION_ID = re.compile(r"^[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*$")  # 2026, 2026.1, 2026-bis: never "2027." or "2027..1"
EDITION_ID_MAX = 20


class CuratedForm(Form):
    """A form that changes a curated object: it posts the version of what it showed."""

    version = HiddenField(label="")


class LoginForm(Form):
    name = StringField(_l("Naam"), filters=[clean_line], validators=[DataRequired(message=_l("Vul je naam in."))])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(message=_l("Vul je wachtwoord in."))])


class ButtonForm(Form):
    """Only a button (log out)."""


class ConfirmForm(CuratedForm):
    """A button that acts on one object as it was shown (a removal, a move up or down, a suggestion's status)."""


def valid_edition_id(form, field) -> None:
    """Field validator: an edition's name is letters and digits, with one ".", "_" or "-" between them at most."""
    if field.data and (not EDITION_ID.match(field.data) or len(field.data) > EDITION_ID_MAX):
        raise ValidationError(
            _l(
                "Gebruik letters en cijfers, met hoogstens één punt of streepje tussen twee ervan, en niets "
                "erachter: bijvoorbeeld 2026 of 2026.1 (hoogstens 20 tekens)."
            )
        )


class NewEditionForm(Form):
    edition_id = line_field(
        _l("Naam van de nieuwe editie"),
        required_message=_l("Geef de editie een naam, bijvoorbeeld 2026."),
        validators=[valid_edition_id],
        description=_l("Bijvoorbeeld 2026. Die naam zien gebruikers bij de herkomst van hun afspraken."),
    )
    title = line_field(_l("Titel"), required_message=_l("Geef de editie een titel."))


class RenameEditionForm(CuratedForm):
    edition_id = line_field(
        _l("Nieuwe naam van de editie"),
        required_message=_l("Geef de editie een naam, bijvoorbeeld 2026."),
        validators=[valid_edition_id],
        description=_l("Bijvoorbeeld 2026. Die naam zien gebruikers bij de herkomst van hun afspraken."),
    )


class EditionForm(CuratedForm):
    title = line_field(_l("Titel"), required_message=_l("Geef de editie een titel."))
    subtitle = line_field(_l("Ondertitel"), description=_l("Bijvoorbeeld “Update 2026”."))
    publisher = line_field(_l("Uitgever"), required_message=_l("Vul de uitgever in."))
    introduction = text_field(
        _l("Inleiding bij de catalogus"),
        description=_l("Zie “Zo schrijf je de tekst” hieronder voor alinea’s, opsommingen en tussentitels."),
    )


class PublishForm(CuratedForm):
    summary = text_field(
        _l("Wat veranderde er in deze editie?"),
        required_message=_l("Beschrijf kort wat er veranderde; gebruikers en collega’s lezen dit."),
    )


class RejectForm(CuratedForm):
    reason = text_field(
        _l("Waarom neem je deze suggestie niet over?"),
        required_message=_l("Schrijf kort waarom je de suggestie niet overneemt."),
        limit=2000,
        description=_l("Voor je collega’s; de indiener krijgt dit niet te zien."),
    )


class SearchForm(Form):
    """The search box of an edition (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    q = line_field(_l("Zoek in deze editie"), description=_l("Eén of meer woorden, bijvoorbeeld “pers embargo”."))


SORTS = (
    ("nummer", _l("Nummer")),
    ("gekozen", _l("Meest gekozen eerst")),
    ("minst", _l("Minst gekozen eerst")),
    ("herschreven", _l("Meest herschreven eerst")),
)


class UsageForm(Form):
    """Which usage to show: one edition or all together, and in which order (a GET form)."""

    class Meta:
        csrf = False

    editie = SelectField(_l("Editie"), validators=[Optional()], validate_choice=False)
    soort = SelectField(_l("Soort organisatie"), validators=[Optional()], validate_choice=False)
    sorteer = SelectField(_l("Volgorde"), choices=options(SORTS), validators=[Optional()], validate_choice=False)
