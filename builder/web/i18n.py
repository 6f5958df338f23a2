"""Languages: Dutch by default, English when the user asks for it."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, has_app_context, session
from flask_babel import Babel, LazyString, get_locale, get_translations


def select_locale() -> str:
    """The user's chosen language, else the default (nl)."""
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def language() -> str:
    """The request's interface language ("nl" or "en"): one of the configured LANGUAGES, never free text.

    Kept on `g` like the translations: a page asks for it once per fixed part (~5 µs through Flask-Babel).
    Read with `getattr`: `g.get` goes through the proxy twice (~1.8 µs; a page asks ~20 times).
    """
    found = getattr(g, "language", None)
    if found is None:
        found = g.language = str(get_locale())
    return found


def request_translations():
    """The request's translations, looked up once per request and kept on `g`.

    Flask-Babel looks the locale and domain up again for every string (~7 µs); a section page
    translates over a hundred strings. Outside an app context (a command): Flask-Babel's, untranslated.
    """
    if not has_app_context():
        return get_translations()
    found = getattr(g, "translations", None)
    if found is None:
        found = g.translations = get_translations()
    return found


def gettext(string: str, **variables: Any) -> str:
    """`string` in the request's language, `%`-formatted with `variables` (what Flask-Babel's `gettext` does)."""
    found = request_translations().ugettext(string)
    return found % variables if variables else found


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """The singular or a plural form for `num` in the request's language; `num` is one of the `variables`."""
    variables.setdefault("num", num)
    return request_translations().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """`gettext` at the moment the text is used: for labels declared before any request (form classes)."""
    return LazyString(gettext, string, **variables)


def _ngettext(singular: str, plural: str, n: int) -> str:
    """For templates: Jinja fills in the number and the other values itself."""
    return request_translations().ungettext(singular, plural, n)


def init_app(app: Flask) -> None:
    """Flask-Babel with our locale selector; templates get `_()`, `ngettext` and `language()`.

    Templates translate through Jinja's documented `install_gettext_callables` (newstyle, so
    values are escaped and formatted by Jinja), with callables that look the request's
    translations up once, as Flask-Babel's own installation would on every string.
    tests/test_languages.py checks that a language switch and escaping still work.
    """
    Babel(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(gettext, _ngettext, newstyle=True)
    app.jinja_env.globals["language"] = language
