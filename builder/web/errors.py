"""Error pages in one place: friendly Dutch pages, never a traceback."""

from __future__ import annotations

import sqlite3

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound, SecurityError

from ..model.choices import NoteRefused
from .i18n import gettext as _
from .i18n import lazy_gettext as _l
from .security import TooManyFields, UploadTooLarge

MESSAGES = {
    400: (_l("Er ging iets mis met je aanvraag"), _l("Probeer het opnieuw vanaf de vorige pagina.")),
    404: (
        _l("Pagina niet gevonden"),
        _l("Deze pagina bestaat niet (meer). Controleer het adres of de bewaarlink die je gebruikte."),
    ),
    405: (_l("Dat kan hier niet"), _l("Deze pagina kan je niet op deze manier gebruiken.")),
    409: (
        _l("Dit kan niet meer veranderen"),
        _l("Een gepubliceerde editie verandert niet meer. Bereid een nieuwe editie voor om iets aan te passen."),
    ),
    413: (
        _l("Je tekst is te lang"),
        _l("Wat je verstuurde is te groot om te bewaren. Maak je tekst korter en probeer opnieuw."),
    ),
    414: (
        _l("Dit adres is te lang"),
        _l("Geen enkele pagina van Bouwpakket heeft zo’n lang adres. Ga terug naar de startpagina of je overzicht."),
    ),
    429: (
        _l("Even geduld"),
        _l("Dit gebeurde de voorbije minuten al heel vaak vanaf jouw computer. Probeer het over een kwartier opnieuw."),
    ),
    431: (
        _l("Je browser stuurde te veel mee"),
        _l("Wis de cookies van deze site in je browser en probeer opnieuw. Je nota open je daarna met je bewaarlink."),
    ),
    "link": (
        _l("Pagina niet gevonden"),
        _l(
            "Deze link opent geen nota (meer). Kijk na of je de volledige link gebruikte. Werkt hij niet meer, "
            "maar heb je het Word-document van je nota? Upload het dan op de startpagina bij “Verder werken met "
            "een gedownloade nota”: je nota staat er meteen weer in."
        ),
    ),
    "upload": (
        _l("Dit bestand is te groot"),
        _l("Een bestand mag hoogstens 5 MB zijn. Een nota uit Bouwpakket is veel kleiner: kies het juiste bestand."),
    ),
    "fields": (
        _l("Te veel velden"),
        _l("Wat je verstuurde bevat meer velden dan een pagina van Bouwpakket heeft. Er werd niets bewaard."),
    ),
    503: (
        _l("Tijdelijk niet beschikbaar"),
        _l("Bouwpakket is zo dadelijk weer beschikbaar. Probeer het over enkele ogenblikken opnieuw."),
    ),
    500: (
        _l("Er ging iets mis aan onze kant"),
        _l("Probeer het over enkele ogenblikken opnieuw. Wat je eerder bewaarde, blijft bewaard."),
    ),
}


class UnknownLink(NotFound):
    """A private link that opens no note: unknown, malformed and deleted alike (the page says what else helps)."""


FALLBACK = (
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Er ging iets mis</title>'
    "<h1>Er ging iets mis aan onze kant</h1><p>Probeer het over enkele ogenblikken opnieuw.</p></html>"
)


def _page(status: int, key: int | str | None = None):
    title, message = MESSAGES.get(key or status, MESSAGES[500])
    try:
        return render_template("errors/error.html", title=title, message=message, status=status), status
    except Exception:  # the error page itself failed: still no traceback for the user
        current_app.logger.exception("Rendering the error page failed")
        return FALLBACK, status


UNKNOWN_HOST = (
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Onbekend adres</title>'
    "<h1>Onbekend adres</h1><p>Bouwpakket is niet bereikbaar op dit adres. Gebruik het adres dat je kreeg.</p></html>"
)


def handle_http(exc: HTTPException):
    """An HTTP error as the friendly page for its status; codes without a text of their own get the 500 text."""
    if isinstance(exc, SecurityError):  # a Host header not in TRUSTED_HOSTS: no link may be built on it
        return UNKNOWN_HOST, 400
    kinds = {TooManyFields: "fields", UploadTooLarge: "upload", UnknownLink: "link"}
    key = next((k for cls, k in kinds.items() if isinstance(exc, cls)), None)
    return _page(exc.code or 500, key)


def handle_unexpected(exc: Exception):
    """Log an unexpected error with its traceback and show the friendly 500 page instead."""
    current_app.logger.error("Unexpected error", exc_info=exc)
    return _page(500)


HIDDEN_FIELDS = {"csrf_token"}


def _unsaved(status: int, refused: str = "", full: bool = False):
    """What the user sent, given back to copy or send again: nothing they typed is lost."""
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in HIDDEN_FIELDS]
    texts = [v for k, v in fields if k not in ("version", "action", "next") and len(v) > 1]
    try:
        page = render_template(
            "errors/unsaved.html", fields=fields, texts=texts, action=request.path, refused=refused, full=full
        )
    except Exception:
        current_app.logger.exception("Rendering the unsaved page failed")
        return FALLBACK, status
    return page, status


def handle_storage(exc: sqlite3.Error):
    """The database refused a write (full: DATABASE_MAX_PAGES or the disk; read-only file): show what the
    user sent, say when the storage is full, offer a retry."""
    current_app.logger.error("Storage failure", exc_info=exc)
    if request.method != "POST":
        return _page(503)
    return _unsaved(503, full=getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)


def handle_refused(exc: NoteRefused):
    """A note beyond the model's limits reached storage (a page should have said so at its field): say it here."""
    current_app.logger.warning("A note was refused: %s", exc)
    return _unsaved(400, _(exc.message.text, **exc.message.params))


def init_app(app: Flask) -> None:
    """Send storage failures, HTTP errors and every unexpected exception to a friendly page."""
    app.register_error_handler(sqlite3.Error, handle_storage)
    app.register_error_handler(NoteRefused, handle_refused)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
