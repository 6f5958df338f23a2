"""Security headers on every response, and privacy headers where a draft is shown."""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PRIVATE_PREFIXES = ("/nota", "/hervat", "/beheer")


def add_headers(response: Response) -> Response:
    """CSP without inline script, no sniffing; drafts and downloads never cached or leaked via Referer."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith(PRIVATE_PREFIXES) or request.path == "/":
        response.headers["Cache-Control"] = "no-store"
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came in over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when the settings say so, or when this request came in over https."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_app(app: Flask) -> None:
    """Headers on every response, Secure cookies on https, trust in a proxy only when configured."""
    app.after_request(add_headers)
    app.session_interface = SessionInterface()
    if app.config.get("PROXY_FIX"):
        # Behind a reverse proxy: trust one hop of X-Forwarded-For/-Proto (client address, https).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
