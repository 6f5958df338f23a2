"""The wizard: what communication officers use to build their note."""

from flask import Blueprint

bp = Blueprint("wizard", __name__)

from . import (  # noqa: E402,F401  (registers the routes)
    amendment,
    current,
    house_style,
    new_edition,
    note_pages,
    overview,
    own_sections,
    publishing,
    reviewing,
    section,
    start,
    steps,
    suggestions,
    upload,
)
