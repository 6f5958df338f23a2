"""Bouwpakket: build your own afsprakennota from Kortom's catalogue.

`create_app()` is the application factory (as in Flask's flaskr tutorial):
defaults, then the instance config, then `BOUWPAKKET_*` environment
variables, then `test_config`.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import PROJECT_ROOT, bundled  # PROJECT_ROOT also for scripts and tests: `from builder import PROJECT_ROOT`

if TYPE_CHECKING:  # Flask is imported by create_app: importing the model alone must not start it
    from flask import Flask

MIN_SECRET_KEY_LENGTH = 32


def default_settings(app: Flask) -> dict:
    """Every setting with its default; `BOUWPAKKET_*` variables and `test_config` override them (README)."""
    return {
        "DATABASE": str(Path(app.instance_path) / "bouwpakket.sqlite3"),
        "CATALOGUE_DIR": str(bundled("agreements")),
        "EXPORTS_DIR": str(PROJECT_ROOT / "exports"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": ["nl", "en"],
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        "SESSION_REFRESH_EACH_REQUEST": False,  # 30 days from the last change (a save), not re-signed on every page
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "DRAFT_RETENTION_DAYS": 180,
        "DRAFT_WARNING_DAYS": 30,
        "DATABASE_MAX_PAGES": 1_048_576,  # 4 GiB in pages of 4 kB; a full database gets a Dutch page (0: no cap)
        "RATE_LIMITS": {  # (per address, per browser session, within minutes) for writes anyone may make
            "new-note": [60, 10, 60],
            "suggestion": [20, 10, 60],
            "comment": [120, 60, 60],
            "house-style": [120, 30, 60],
            "upload": [60, 20, 60],  # notes brought back from a file, counted before the file is read
        },
        "MAX_FORM_FIELDS": 1000,  # the largest page posts ~300 (a section with 50 own agreements)
        "CURATOR_IDLE_MINUTES": 60,
        "LOGIN_LIMIT_PER_ACCOUNT": 5,  # failed logins for one account from one address, per 15 minutes
        "LOGIN_LIMIT_PER_ADDRESS": 20,
        "LOGIN_LIMIT_PER_ACCOUNT_ANYWHERE": 50,  # for one account from all addresses together
        "PROXY_FIX": False,
        "PUBLIC_URL": "",  # e.g. https://bouwpakket.kortom.be: private links are built on it
        "TRUSTED_HOSTS": ["localhost", "127.0.0.1", "::1"],  # Host headers answered; others get a 400
        "PDF": True,  # offer "Download als PDF" where LibreOffice is installed (see README)
        "PDF_PYTHON": "/usr/bin/python3",  # the Python that has LibreOffice's uno module (Debian's python3-uno)
        "PDF_TIMEOUT": 20,  # seconds a PDF may take, waiting included
        "PDF_SANDBOX": True,  # no PDF where the converter cannot run without network (docs/operations.md)
    }


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app; refuses to start without a strong secret key outside development."""
    from flask import Flask

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(bundled("templates")),
    )
    defaults = default_settings(app)
    app.config.from_mapping(defaults)
    app.config.from_prefixed_env("BOUWPAKKET")
    if test_config is not None:
        app.config.from_mapping(test_config)
    # A limit left out of BOUWPAKKET_RATE_LIMITS keeps its default (a new kind of write is never unlimited or a 500).
    app.config["RATE_LIMITS"] = {**defaults["RATE_LIMITS"], **app.config["RATE_LIMITS"]}
    app.config["SECRET_KEY"] = _secret_key(app)

    from . import db
    from .web import errors, i18n, security, templating

    db.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)

    from .formats.pdf import converter_for

    pdf = app.config["PDF"]
    settings = (app.config["PDF_PYTHON"], app.config["PDF_TIMEOUT"], app.config["PDF_SANDBOX"])
    app.extensions["pdf"] = converter_for(*settings) if pdf else None

    from . import cli
    from .curation import bp as curation_bp
    from .published import bp as published_bp
    from .review import bp as review_bp
    from .wizard import bp as wizard_bp

    app.register_blueprint(wizard_bp)
    app.register_blueprint(curation_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(published_bp)
    cli.init_app(app)
    return app


def _secret_key(app: Flask) -> str:
    """The configured key, else the one `make run` wrote to the instance folder."""
    key = app.config.get("SECRET_KEY") or ""
    key_file = Path(app.instance_path) / "secret_key"
    if not key and key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
    if len(key) >= MIN_SECRET_KEY_LENGTH:
        return key
    if app.debug or app.testing:
        return secrets.token_hex(32)
    raise RuntimeError(
        f"No strong SECRET_KEY (at least {MIN_SECRET_KEY_LENGTH} characters). "
        f"Run `make run` once, which writes {key_file}, or set BOUWPAKKET_SECRET_KEY."
    )
