"""Security on every request: headers, cookies, where redirects may go, which host and proxy to trust.

Private links and redirects are built from the configured public address (`PUBLIC_URL`) or a
host in `TRUSTED_HOSTS`, never from whatever Host header a request sends; forwarded headers
count only when `PROXY_FIX` says a proxy sits in front. docs/operations.md lists every finding
this module answers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from ..db import get_db, rates

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PRIVATE_PREFIXES = ("/nota", "/hervat", "/beoordelen", "/beheer")
MAX_URL_LENGTH = 2048  # longer addresses get the app's own 414 page (gunicorn's limit is 8190)
SQLITE_MAX_INTEGER = 2**63 - 1
LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"]  # the default TRUSTED_HOSTS: `make run` on this machine


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


def add_headers(response: Response) -> Response:
    """CSP without inline script, no sniffing; drafts and downloads never cached or leaked via Referer.

    A header the view set itself stays (looked up once: Werkzeug raises and catches an exception per missing one).
    """
    present = {name.lower() for name in response.headers.keys()}
    for name, value in SECURITY_HEADERS:
        if name.lower() not in present:
            response.headers.add(name, value)
    if request.path.startswith(PRIVATE_PREFIXES) or request.path == "/":
        response.headers["Cache-Control"] = "no-store"
    return response


def safe_next(target: str | None, default: str, prefix: str = "/") -> str:
    """`target` when it is a path of this site under `prefix`, else `default`.

    Refused: anything with a scheme or host, "//" and "/\\" (browsers read both as another
    host), backslashes, and control characters (browsers drop tabs and newlines, so
    "/\\t/evil.example" would become "//evil.example"; CR/LF would break the header).
    """
    if not target or not target.startswith(prefix) or len(target) > MAX_URL_LENGTH:
        return default
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target) or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return default
    return target


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came in over https; its signer is made once per key."""

    _signer: tuple[tuple, URLSafeTimedSerializer | None] = ((), None)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Flask's serializer for the app's secret keys, made again only when they change (not on every request)."""
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._signer[0] != keys:
            self._signer = (keys, super().get_signing_serializer(app))
        return self._signer[1]

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when the settings say so, or when this request came in over https."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


class StoredInteger(IntegerConverter):
    """`<int:...>` in a route, limited to what SQLite can hold: a larger number is a 404, not an OverflowError."""

    def __init__(self, url_map, **kwargs):
        kwargs.setdefault("max", SQLITE_MAX_INTEGER)
        super().__init__(url_map, **kwargs)


class TooManyFields(RequestEntityTooLarge):
    """A post with more fields than any page of ours has: refused before any form class sees it."""


UPLOAD_MAX_BYTES = 5 * 1024 * 1024 + 64 * 1024  # formats.upload.MAX_BYTES and the form around the file


def accepts_upload(view):
    """Mark a view whose form carries a file: its body may be up to UPLOAD_MAX_BYTES, not MAX_CONTENT_LENGTH."""
    view.accepts_upload = True
    return view


class UploadTooLarge(RequestEntityTooLarge):
    """A file over the upload limit: the Dutch 413 page says so in words about files."""


def refuse_long_urls_and_crowded_forms() -> None:
    """The app's own Dutch 414 for over-long addresses, and a 413 for posts with more fields than any page has."""
    if len(request.full_path) > MAX_URL_LENGTH:
        abort(414)
    if getattr(current_app.view_functions.get(request.endpoint or ""), "accepts_upload", False):
        request.max_content_length = UPLOAD_MAX_BYTES
        if (request.content_length or 0) > UPLOAD_MAX_BYTES:
            raise UploadTooLarge()
    if request.method == "POST" and len(request.form) > current_app.config["MAX_FORM_FIELDS"]:
        raise TooManyFields()


def within_rate(kind: str) -> bool:
    """Count one `kind` write (a new note, a suggestion) for this address and browser; False when one is over.

    The limits are `RATE_LIMITS[kind]`: (per address, per browser session, window in minutes).
    """
    per_address, per_session, minutes = current_app.config["RATE_LIMITS"][kind]
    sender = session.setdefault("sender", secrets.token_urlsafe(16))
    limits = {f"address:{request.remote_addr}": per_address, f"session:{sender}": per_session}
    return rates.allow(get_db(), kind, limits, dt.timedelta(minutes=minutes))


def public_url(endpoint: str, **values) -> str:
    """A full link to a page (the private link): on PUBLIC_URL when set, else on the request's trusted host."""
    base = current_app.config.get("PUBLIC_URL") or ""
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def init_app(app: Flask) -> None:
    """Headers, Secure cookies on https, bounded ids in routes, trusted hosts, proxy trust only when configured."""
    app.url_map.converters["int"] = StoredInteger
    app.before_request(refuse_long_urls_and_crowded_forms)
    app.after_request(add_headers)
    app.session_interface = SessionInterface()
    if app.config.get("PUBLIC_URL") and app.config.get("TRUSTED_HOSTS") == LOCAL_HOSTS:
        app.config["TRUSTED_HOSTS"] = [urlsplit(app.config["PUBLIC_URL"]).hostname]
    if app.config.get("PROXY_FIX"):
        # Behind a reverse proxy: trust one hop of X-Forwarded-For/-Proto (client address, https).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
