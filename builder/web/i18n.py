"""Languages: Dutch by default, English when the user asks for it."""

from __future__ import annotations

from contextvars import ContextVar

from flask import Flask, current_app, session
from flask_babel import Babel, get_locale, get_translations
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup


def select_locale() -> str:
    """The user's chosen language, else the default (nl)."""
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


_request_translations: ContextVar = ContextVar("request_translations", default=None)


def _translations():
    """The request's translations, looked up once per request instead of at every string."""
    translations = _request_translations.get()
    if translations is None:
        translations = get_translations()
        _request_translations.set(translations)
    return translations


_request_language: ContextVar = ContextVar("request_language", default=None)


def language() -> str:
    """The request's language code ("nl", "en"), looked up once per request: caches are keyed on it."""
    code = _request_language.get()
    if code is None:
        code = str(get_locale())
        _request_language.set(code)
    return code


def _forget_translations() -> None:
    """A new request (or a language switch) looks its translations and language up again."""
    _request_translations.set(None)
    _request_language.set(None)


def _template_gettext(string: str, **variables) -> Markup:
    """`_()` in templates: what Jinja's newstyle gettext does, without its three layers of calls.

    Translations are ours, so they are markup; the values put into them are escaped by `%`.
    """
    translated = Markup(_translations().ugettext(string))
    return translated % variables if variables else translated


def _template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    variables.setdefault("num", num)
    return Markup(_translations().ungettext(singular, plural, num)) % variables


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)  # also installs Jinja's i18n extension; our globals replace its gettext
    app.before_request(_forget_translations)
    app.jinja_env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        get_locale=get_locale,
        csrf_token=generate_csrf,
    )
