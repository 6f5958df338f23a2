"""Form fields shared by the wizard and the curation area: cleaned text, Dutch limits."""

from __future__ import annotations

from functools import cache

from babel import support
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectMultipleField, StringField, TextAreaField, ValidationError, widgets
from wtforms.i18n import messages_path
from wtforms.validators import DataRequired, Optional

from ..model.text import clean, clean_line
from .i18n import language

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
        return _l(
            "Deze tekst is %(count)d tekens lang; het maximum is %(limit)d. Maak hem korter.",
            count=len(text),
            limit=limit,
        )
    return None


def _presence(required_message) -> list:
    return [DataRequired(message=required_message)] if required_message else [Optional()]


def text_field(label, required_message=None, validators=(), **kwargs) -> TextAreaField:
    """A multi-line text: cleaned for XML, at most MAX_TEXT_LENGTH characters."""
    checks = [*_presence(required_message), MaxLength(), *validators]
    return TextAreaField(label, filters=[clean], validators=checks, **kwargs)


def line_field(label, required_message=None, validators=(), **kwargs) -> StringField:
    """A one-line text: cleaned, line breaks folded, at most LINE_MAX characters."""
    checks = [*_presence(required_message), MaxLength(LINE_MAX), *validators]
    return StringField(label, filters=[clean_line], validators=checks, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


@cache
def _wtforms_catalogue(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' own messages ("Ongeldige keuze.") in the user's language.

    Flask-WTF reads the catalogue from disk on every request; it never changes, so it is loaded once.
    """

    def gettext(self, string: str) -> str:
        return _wtforms_catalogue(language()).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalogue(language()).ungettext(singular, plural, n)


_MESSAGES = _WTFormsMessages()


class Form(FlaskForm):
    """Base of every form: CSRF from Flask-WTF, WTForms messages from a cached catalogue."""

    class Meta:
        def get_translations(self, form):
            return _MESSAGES

        def bind_field(self, form, unbound_field, options):
            """A shallow copy of a field built once per form class, bound to this form.

            WTForms builds every field of every form from scratch (label, flags, validator checks:
            ~8 µs each), always with the same result. The first build is
            kept as a prototype that never holds data; each form gets a copy of it. The CSRF field is
            new for every form and is built as usual.
            """
            if "csrf_impl" in unbound_field.kwargs:
                return super().bind_field(form, unbound_field, options)
            prototypes = unbound_field.__dict__.setdefault("prototypes", {})
            key = (options["name"], options.get("prefix", ""))
            prototype = prototypes.get(key)
            if prototype is None:
                prototype = prototypes[key] = unbound_field.bind(form=form, **options)
            field = object.__new__(type(prototype))
            field.__dict__.update(prototype.__dict__)
            field._form, field.meta = form, form.meta
            return field
