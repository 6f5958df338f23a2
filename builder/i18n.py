"""Languages: Dutch by default, English when the user asks for it."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import Babel, get_locale
from flask_wtf.csrf import generate_csrf


def select_locale() -> str:
    """The user's chosen language, else the default (nl)."""
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["csrf_token"] = generate_csrf
