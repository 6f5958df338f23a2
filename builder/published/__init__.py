"""The published note: `/gepubliceerd/<token>`, a note as its author last published it, for anyone with the address.

Like the reviewer's side, nothing here uses a browser's session or a wizard route: the token in
the address names the publication, and the page shows the copy of the note it holds.
"""

from flask import Blueprint

bp = Blueprint("published", __name__)

from . import views  # noqa: E402,F401  (registers the routes)
