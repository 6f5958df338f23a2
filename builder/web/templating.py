"""Template globals shared by both blueprints."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask, request, url_for


def template_url_for(endpoint: str, **values) -> str:
    """`url_for` in templates, remembered per script root: every page builds the same links on every request.

    A link without `_external`, `_anchor` and the like depends only on the endpoint, its values and
    where the app is mounted; anything else goes to Flask directly.
    """
    if any(name.startswith("_") for name in values) or endpoint.startswith("."):
        return url_for(endpoint, **values)
    try:
        return _url(request.script_root, endpoint, tuple(sorted(values.items())))
    except TypeError:  # a value that cannot be a cache key (a list): build it every time
        return url_for(endpoint, **values)


@lru_cache(maxsize=4096)
def _url(_script_root: str, endpoint: str, values: tuple) -> str:
    return url_for(endpoint, **dict(values))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["url_for"] = template_url_for
