"""Saving a wizard page: the version it was based on, conflicts, background saves, and leaving the page.

Every page that changes the note saves through `save()`. A save names the draft version the
page was based on; a save from an older version shows the conflict page (or, for a background
save, tells the page's script). A page's header links and language switch are buttons of the
page's own form (`goto`, `switch_lang`), so leaving the page saves it first, without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, g, jsonify, redirect, render_template, request, session
from flask_babel import format_time
from flask_babel import gettext as _

from ..db import drafts, get_db, moment
from ..model.choices import Choices, refusal
from ..web.security import safe_next
from . import bp


def based_on(form) -> int:
    """The draft version the form was filled in on (DraftForm refuses a missing or garbled one)."""
    return int(form.version.data)


def refused_as_too_big(choices: Choices, field) -> bool:
    """True, with the message next to `field`, when the changed note would hold more than the limits allow."""
    problem = refusal(choices)
    if problem is not None:
        field.errors = [*field.errors, _(problem.text, **problem.params)]
    return problem is not None


def repair_version(form) -> None:
    """After a garbled version was refused, the page shown again carries the draft's own, so it can be sent."""
    if form.version.errors:
        form.version.data = str(g.draft.version)


def is_background_save() -> bool:
    """True for a save the page's script sent while the user works (it wants JSON, not a page)."""
    return request.headers.get("X-Autosave") == "1" or request.form.get("background") == "1"


@bp.before_request
def switch_language_first() -> None:
    """The language button of a page's form: the answer, saved or with its errors, comes in the new language."""
    language = request.form.get("switch_lang") if request.method == "POST" else None
    if language in current_app.config["LANGUAGES"]:
        session["lang"] = language


def leaving_to(next_url: str) -> str:
    """Where to go after a save: the page's own next step, or where a header link or language button pointed."""
    if request.form.get("switch_lang") in current_app.config["LANGUAGES"]:
        next_url = request.path
    return safe_next(request.form.get("goto"), next_url)


def save(
    form,
    choices: Choices,
    progress: dict,
    next_url: str,
    describe: Callable[[Choices, dict], list[tuple[str, str]]],
    message: str | None = None,
):
    """Save, then go on; on a conflict show both versions so nothing typed is lost.

    `describe(choices, progress)` gives the page's (label, text) rows: everything the page posts
    must be in them, or a stale save that changes only that would look like a double click.
    """
    try:
        draft = drafts.save(get_db(), g.draft.id, based_on(form), choices, progress, loaded=g.draft)
    except drafts.Conflict as conflict:
        current = conflict.current
        mine, theirs = dict(describe(choices, progress)), dict(describe(current.choices, current.progress))
        rows = [(label, mine.get(label, ""), theirs.get(label, "")) for label in dict.fromkeys([*mine, *theirs])]
        rows = [row for row in rows if row[1] != row[2]]
        if not rows:  # the same change arrived twice (a double click): it is already saved
            return _saved(current, next_url, message)
        if is_background_save():
            return jsonify(saved=False, conflict=True, status=CONFLICT_STATUS()), 409
        return _conflict_page(rows, current.version)
    g.draft = draft
    return _saved(draft, next_url, message)


def CONFLICT_STATUS() -> str:  # noqa: N802 (a message, translated when asked)
    """The live status line when a background save met a colleague's save."""
    return _("Niet bewaard: je nota werd intussen ergens anders aangepast. Bewaar om beide versies te zien.")


def _saved(draft: drafts.Draft, next_url: str, message: str | None):
    if is_background_save():
        at = format_time(moment(draft.updated_at), "HH:mm")
        return jsonify(saved=True, version=draft.version, status=_("Bewaard om %(time)s", time=at))
    flash(message or _("Bewaard."), "status")
    return redirect(leaving_to(next_url))


def _conflict_page(rows: list[tuple[str, str, str]], current_version: int):
    return render_template(
        "wizard/conflict.html",
        rows=rows,
        fields=[(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "version")],
        current_version=current_version,
        action=request.path,
        back=request.path,
    ), 409


def refused_in_background(form):
    """For a background save the form refused: its messages as JSON, for the page's script to show; else None."""
    if not is_background_save():
        return None
    links = form.error_links()
    first = links[0][1] if links else ""
    return jsonify(saved=False, errors=links, status=_("Niet bewaard: %(problem)s", problem=first)), 400


def form_page(template: str, form, **context):
    """A page with a form; 400 when the form came back with errors (what was typed stays in the form)."""
    if (refusal := refused_in_background(form)) is not None:
        return refusal
    if getattr(form, "version", None) is not None:
        repair_version(form)
    return render_template(template, form=form, **context), 400 if form.errors else 200
