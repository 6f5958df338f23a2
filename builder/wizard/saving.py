"""Saving a wizard page: the version it was based on, merging with a colleague's save, leaving the page.

Every page that changes the note saves through `save()`, naming the units of the note it shows
(model/merging.py). A save from an older version is merged with what was stored meanwhile: two
tabs or two colleagues who changed different agreements both keep their work, and only a unit
both changed differently shows the conflict page (conflicts.py), or, for a background save, tells
the page's script. A page's header links and language switch are buttons of the page's own form
(`goto`, `switch_lang`), so leaving the page saves it first, without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import current_app, flash, g, jsonify, redirect, render_template, request, session
from flask_babel import format_time

from ..db import drafts, get_db, moment
from ..model import merging, versions
from ..model.choices import Choices, NoteRefused
from ..model.messages import Message
from ..web.i18n import gettext as _
from ..web.security import safe_next
from . import bp
from .conflicts import conflict_page, decisions


def based_on(form) -> int:
    """The draft version the form was filled in on (DraftForm refuses a missing or garbled one)."""
    return int(form.version.data)


def refused_beside(field, problem: Message) -> None:
    """A note that would grow beyond the limits (`save`'s `too_big`): the message next to the text that did it."""
    field.errors = [*field.errors, _(problem.text, **problem.params)]


def repair_version(form) -> None:
    """After a garbled version was refused, the page shown again carries the draft's own, so it can be sent."""
    if form.version.errors:
        form.version.data = str(g.draft.version)


def is_background_save() -> bool:
    """True for a save the page's script sent while the user works (it wants JSON, not a page)."""
    if request.method != "POST":
        return False
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
    keys: Iterable[str],
    message: str | None = None,
    then: Callable[[], object] | None = None,
    too_big: Callable[[Message], object] | None = None,
):
    """Save the page, then go on; what was saved elsewhere since the page was shown is merged, not overwritten.

    `keys` are the units of the note this page shows (model/merging.py); the form carries their
    fingerprints as it showed them (`shown`). A colleague's save meanwhile is merged unit by unit:
    only a unit both changed differently shows the conflict page (for a background save: JSON).
    `then()` answers instead of going on (a page saved in part, shown again with what was refused).
    `too_big(message)` answers for a note that would grow beyond the limits (storage refuses it, for
    every path: the page shows why, next to what it was given).
    """
    shown = versions.read_version(form.shown.data)
    seen = {key: shown.get(key, merging.ABSENT) if shown else None for key in keys}  # ABSENT: not in the note yet
    decided, draft = decisions(), g.draft
    for _attempt in range(3):
        to_store, to_track = choices, progress
        if draft.version != based_on(form) or decided:
            merged = merging.merge(seen, choices, draft.choices, g.catalogue, decided)
            if merged.conflicts:
                return _conflict(merged.conflicts, choices, draft)
            to_store, to_track = merged.choices, merged_progress(g.draft.progress, progress, draft.progress)
            if to_store == draft.choices and to_track == draft.progress:  # the same change twice: saved already
                g.draft = draft
                return then() if then else _saved(draft, next_url, message, keys)
        try:
            draft = drafts.save(get_db(), draft.id, draft.version, to_store, to_track, loaded=draft)
        except drafts.Conflict as conflict:
            draft = conflict.current
            continue
        except NoteRefused as refused:
            if too_big is None:
                raise
            return too_big(refused.message)
        g.draft = draft
        return then() if then else _saved(draft, next_url, message, keys)
    return _conflict((), choices, draft)


def merged_progress(loaded: dict, mine: dict, theirs: dict) -> dict:
    """The stored progress with what this request changed in it (a section's status, the word changes)."""
    merged = {**theirs, **{k: v for k, v in mine.items() if k != "sections" and loaded.get(k) != v}}
    for key in set(loaded) - set(mine):
        merged.pop(key, None)
    before, now = loaded.get("sections", {}), mine.get("sections", {})
    merged["sections"] = {**theirs.get("sections", {}), **{k: v for k, v in now.items() if before.get(k) != v}}
    return merged


def CONFLICT_STATUS() -> str:  # noqa: N802 (a message, translated when asked)
    """The live status line when a background save met a colleague's change to the same thing."""
    return _("Niet bewaard: je nota werd intussen ergens anders aangepast. Bewaar om beide versies te zien.")


def _conflict(keys: tuple[str, ...], mine: Choices, current: drafts.Draft):
    if is_background_save():
        return jsonify(saved=False, conflict=True, status=CONFLICT_STATUS()), 409
    return conflict_page(keys, mine, current.choices, g.catalogue, current.version)


def _saved(draft: drafts.Draft, next_url: str, message: str | None, keys: Iterable[str]):
    if is_background_save():
        at = format_time(moment(draft.updated_at), "HH:mm")
        shown = merging.shown(draft.prints, keys)
        return jsonify(saved=True, version=draft.version, shown=shown, status=_("Bewaard om %(time)s", time=at))
    flash(message or _("Bewaard."), "status")
    return redirect(leaving_to(next_url))


def shown_now(keys: Iterable[str]) -> str:
    """The fingerprints of these units as the draft holds them now: what a page shows, for its form's `shown`."""
    return merging.shown(g.draft.prints, keys)


def page_data(keys: Iterable[str], **values) -> dict:
    """A form's data as a page opens: the draft's version, the units it shows (`shown`), and `values`."""
    return {"version": g.draft.version, "shown": shown_now(keys), **values}


def refused_in_background(form, saved: drafts.Draft | None = None):
    """For a background save the form refused: its messages as JSON, for the page's script to show; else None.

    With `saved`, the rest of the page was saved as that version: the script carries it on.
    """
    if not is_background_save():
        return None
    links = form.error_links()
    first = links[0][1] if links else ""
    if saved is None:
        return jsonify(saved=False, errors=links, status=_("Niet bewaard: %(problem)s", problem=first)), 400
    status = _("De rest is bewaard, dit niet: %(problem)s", problem=first)
    return jsonify(saved=False, errors=links, version=saved.version, shown=form.shown.data, status=status), 400


def form_page(template: str, form, **context):
    """A page with a form; 400 when the form came back with errors (what was typed stays in the form)."""
    if (refusal := refused_in_background(form)) is not None:
        return refusal
    if getattr(form, "version", None) is not None:
        repair_version(form)
    return render_template(template, form=form, **context), 400 if form.errors else 200
