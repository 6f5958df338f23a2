"""Form fields shared by the wizard and the curation area: cleaned text, Dutch limits."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectMultipleField, StringField, TextAreaField, ValidationError, widgets
from wtforms.validators import DataRequired, Optional

from ..model.limits import LINE_MAX, TEXT_MAX, text_too_long
from ..model.text import clean, clean_line
from .i18n import gettext
from .i18n import lazy_gettext as _l

__all__ = ["LINE_MAX", "TEXT_MAX"]


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class MaxLength:
    """A length limit with a Dutch message that says how far over the user is."""

    def __init__(self, limit: int = TEXT_MAX):
        self.limit = limit

    def __call__(self, form, field) -> None:
        message = too_long(field.data, self.limit)
        if message:
            raise ValidationError(message)


def too_long(text: str | None, limit: int = TEXT_MAX) -> str | None:
    """The model's message for a text over `limit` characters (model/limits.py), translated; else None."""
    message = text_too_long(text, limit)
    return gettext(message.text, **message.params) if message else None


def _presence(required_message) -> list:
    return [DataRequired(message=required_message)] if required_message else [Optional()]


def text_field(label, required_message=None, validators=(), limit: int = TEXT_MAX, **kwargs) -> TextAreaField:
    """A multi-line text: cleaned for XML, at most `limit` (default TEXT_MAX) characters."""
    checks = [*_presence(required_message), MaxLength(limit), *validators]
    return TextAreaField(label, filters=[clean], validators=checks, **kwargs)


def line_field(label, required_message=None, validators=(), **kwargs) -> StringField:
    """A one-line text: cleaned, line breaks folded, at most LINE_MAX characters."""
    checks = [*_presence(required_message), MaxLength(LINE_MAX), *validators]
    return StringField(label, filters=[clean_line], validators=checks, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def leaf_fields(fields):
    """Every input field of a form, those inside a list of sub-forms (`FieldList`, `FormField`) included."""
    for field in fields:
        if field.type == "FieldList":
            yield from leaf_fields(field.entries)
        elif field.type == "FormField":
            yield from leaf_fields(field.form)
        else:
            yield field


class Form(FlaskForm):
    """Base of every form: CSRF and WTForms' own messages in the user's language, from Flask-WTF."""

    def error_links(self) -> list[tuple[str, str]]:
        """(input id, message) pairs for the error summary, in page order.

        A field that stands for several inputs (the agreements of a section page) names the
        input of each message itself, through its own `error_links()`.
        """
        links: list[tuple[str, str]] = []
        for field in leaf_fields(self):
            if field.type == "CSRFTokenField":
                links += [("opslaan", str(SESSION_EXPIRED)) for _message in field.errors[:1]]
            elif hasattr(field, "error_links"):
                links += field.error_links()
            else:
                links += [(field.id, str(message)) for message in field.errors]
        return links


class DraftForm(Form):
    """Every form that changes a draft carries the version it was based on, and how it showed the note.

    `shown` holds the fingerprint of each unit of the note the page shows (model/merging.py), so a
    save after a colleague's can keep both where they changed different things.
    """

    version = HiddenField(label="")  # every field gets a label: WTForms translates a made-up one otherwise
    shown = HiddenField(label="")

    def validate_version(self, field) -> None:
        """A page sent without the version it was based on cannot be checked against a colleague's save."""
        if not (field.data or "").isdigit():
            raise ValidationError(
                _l(
                    "Deze pagina werd niet volledig verstuurd, dus we konden niet nagaan of iemand anders "
                    "je nota intussen aanpaste. Wat je typte staat er nog: klik nog eens op de knop."
                )
            )


SESSION_EXPIRED = _l(
    "Je sessie was verlopen. Wat je typte staat nog op de pagina: klik nog eens op de knop om het te bewaren."
)
