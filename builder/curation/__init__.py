"""The curation area at /beheer: Kortom staff keep the catalogue alive.

Every route of this blueprint needs a logged-in curator, except the login
page itself; the check runs before each request, so a new route cannot
forget it.
"""

from flask import Blueprint, g, redirect, request, url_for

bp = Blueprint("curation", __name__, url_prefix="/beheer")

PUBLIC_ENDPOINTS = {"curation.login"}


@bp.before_request
def require_curator():
    """Set `g.curator` for every request; outside the login page, anyone not logged in is sent there first."""
    from .auth import current_curator

    g.curator = current_curator()
    if request.endpoint in PUBLIC_ENDPOINTS or g.curator is not None:
        return None
    return redirect(url_for("curation.login", next=request.path))


from . import agreements, auth, content, editions, insight, terminology  # noqa: E402, F401  (registers the routes)
from .common import translated  # noqa: E402

bp.add_app_template_filter(translated, "translated")


@bp.app_template_global()
def url_for_action(endpoint: str, **values):
    """A function action -> URL, for templates that offer the same actions on many things."""
    from flask import url_for

    return lambda action: url_for(endpoint, action=action, **values)
