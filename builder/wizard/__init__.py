"""The wizard: what communication officers use to build their note."""

from flask import Blueprint

bp = Blueprint("wizard", __name__)

from . import current, steps, views  # noqa: E402,F401  (registers the routes)
