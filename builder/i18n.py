"""Languages: Dutch by default, English when the user asks for it."""

from __future__ import annotations

from contextvars import ContextVar

from flask import Flask, current_app, session
from flask_babel import Babel, get_locale, get_translations
from flask_wtf.csrf import generate_csrf


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


def _forget_translations() -> None:
    """A new request (or a language switch) looks its translations up again."""
    _request_translations.set(None)


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.before_request(_forget_translations)
    app.jinja_env.install_gettext_callables(
        lambda string: _translations().ugettext(string),
        lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True,
    )
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["csrf_token"] = generate_csrf
