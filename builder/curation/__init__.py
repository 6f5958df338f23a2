"""The curation area at /beheer: Kortom staff keep the catalogue alive.

Every route of this blueprint needs a logged-in curator, except the login
page itself; the check runs before each request, so a new route cannot
forget it. A form posted after the session ended is not lost: the login
page carries it, and after logging in it is saved (curation/auth.py).
"""

from flask import Blueprint, flash, g, redirect, request, url_for

from ..web.i18n import gettext as _

bp = Blueprint("curation", __name__, url_prefix="/beheer")

PUBLIC_ENDPOINTS = {"curation.login"}


@bp.before_request
def require_curator():
    """Set `g.curator` for every request; outside the login page, anyone not logged in is sent there first."""
    from .auth import current_curator, login_keeping_input

    g.curator = current_curator()
    if request.endpoint in PUBLIC_ENDPOINTS or g.curator is not None:
        return None
    if request.method == "POST":
        return login_keeping_input()
    if g.get("session_expired"):
        flash(_("Je sessie is verlopen omdat je een tijd niets deed. Meld je opnieuw aan."), "info")
    return redirect(url_for("curation.login", next=request.path))


from . import (  # noqa: E402, F401  (registers the routes)
    agreements,
    auth,
    content,
    edition_name,
    editions,
    history_pages,
    insight,
    migrations,
    new_agreements,
    removals,
    search,
    suggestions,
    tailoring,
    terminology,
)
from .common import translated, when  # noqa: E402

bp.add_app_template_filter(translated, "translated")
bp.add_app_template_filter(when, "when")


@bp.app_template_global()
def url_for_action(endpoint: str, **values):
    """A function action -> URL, for templates that offer the same actions on many things."""
    from flask import url_for

    return lambda action: url_for(endpoint, action=action, **values)
