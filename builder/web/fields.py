"""Form fields shared by the wizard and the curation area: cleaned text, Dutch limits."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectMultipleField, StringField, TextAreaField, ValidationError, widgets
from wtforms.validators import DataRequired, Optional

from ..model.text import clean, clean_line

LINE_MAX = 300


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class MaxLength:
    """A length limit with a Dutch message that says how far over the user is."""

    def __init__(self, limit: int | None = None):
        self.limit = limit

    def __call__(self, form, field) -> None:
        message = too_long(field.data, self.limit)
        if message:
            raise ValidationError(message)


def too_long(text: str | None, limit: int | None = None):
    """The message for a text over `limit` (default: MAX_TEXT_LENGTH) characters, else None."""
    limit = limit or current_app.config["MAX_TEXT_LENGTH"]
    if text and len(text) > limit:
        return gettext(
            "Deze tekst is %(count)d tekens lang; het maximum is %(limit)d. Maak hem korter.",
            count=len(text),
            limit=limit,
        )
    return None


def _presence(required_message) -> list:
    return [DataRequired(message=required_message)] if required_message else [Optional()]


def text_field(label, required_message=None, validators=(), limit: int | None = None, **kwargs) -> TextAreaField:
    """A multi-line text: cleaned for XML, at most `limit` (default MAX_TEXT_LENGTH) characters."""
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


SESSION_EXPIRED = _l(
    "Je sessie was verlopen. Wat je typte staat nog op de pagina: klik nog eens op de knop om het te bewaren."
)
