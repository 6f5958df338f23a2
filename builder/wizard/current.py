"""The draft a browser is working on, and saving it without losing anything.

The private token lives only in the (signed, HttpOnly) session cookie and in
the link the user keeps; the database holds its hash. Saves name the version
they were based on; a stale save shows the conflict page instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import sqlite3

from flask import abort, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for

from ..db import drafts, editions, get_db, publications
from ..model.catalogue import Section
from ..model.choices import Choices
from ..web.i18n import gettext as _
from ..web.security import public_url
from . import bp

SESSION_KEY = "draft_token"


def open_draft(token: str) -> drafts.Draft | None:
    """Find the draft for a token and remember it in this browser's session."""
    draft = drafts.find(get_db(), token)
    if draft is not None:
        session[SESSION_KEY] = token
        session.permanent = True
    return draft


def current_token() -> str | None:
    """The private token this browser's session holds, or None."""
    return session.get(SESSION_KEY)


def forget_draft() -> None:
    """Drop the draft's token from this browser's session; the draft itself is not deleted."""
    session.pop(SESSION_KEY, None)


LINK_FIELD = "bewaarlink"  # on the page that reopens a note to save what was typed


def token_from_link(link: str) -> str:
    """The token at the end of a private link as pasted ("https://…/hervat/<token>", or the token alone)."""
    return link.strip().rstrip("/").rsplit("/", 1)[-1]


def draft_required(view):
    """Load the session's draft into `g.draft` and its catalogue into `g.catalogue`.

    When the browser no longer has the note open (cookies cleared, another browser, a session that
    ended) a post is not lost: the page that reopens the note carries everything posted, and saves
    it when the private link is pasted there (or opened in another tab) (`reopen_page`).
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        draft = drafts.find(get_db(), current_token())
        if draft is None and request.method == "POST" and request.form.get(LINK_FIELD):
            draft = open_draft(token_from_link(request.form[LINK_FIELD]))
        if draft is None:
            forget_draft()
            if request.method == "POST":
                return reopen_page()
            flash(_("Open je nota via je bewaarlink, of begin een nieuwe."), "info")
            return redirect(url_for("wizard.index"))
        g.draft = draft
        g.catalogue = draft.catalogue or editions.load(get_db(), draft.edition_id)  # read with the draft
        return view(*args, **kwargs)

    return wrapped


def reopen_page():
    """What was posted for a note this browser no longer has open: kept, to save once the note is open again."""
    if request.headers.get("X-Autosave") == "1" or request.form.get("background") == "1":
        status = _("Niet bewaard: je nota is niet meer open in deze browser. Klik op de knop om ze te bewaren.")
        return jsonify(saved=False, reopen=True, status=status), 401
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", LINK_FIELD, "background")]
    texts = [v for k, v in fields if k not in ("version", "shown", "action", "goto") and len(v) > 1]
    wrong = bool(request.form.get(LINK_FIELD))
    return render_template("wizard/reopen.html", fields=fields, texts=texts, action=request.path, wrong=wrong), 401


def remember_where(step: str) -> None:
    """Record the page so the private link resumes here; a storage hiccup must not block reading."""
    if request.method == "GET" and g.draft.last_step != step:
        try:
            drafts.remember_step(get_db(), g.draft.id, step)
        except sqlite3.Error as error:
            current_app.logger.warning("Could not remember the step: %s", error)


def working_copy() -> tuple[Choices, dict]:
    """The draft's choices (frozen: a change is a new `Choices`) and a copy of its progress, to change and save."""
    return g.draft.choices, copy.deepcopy(g.draft.progress)


def section_or_404(number: str) -> Section:
    """The draft's catalogue section with this number ("5.8"); 404 when its edition has none."""
    try:
        return g.catalogue.section(number)
    except KeyError:
        abort(404)


def removal_date(draft: drafts.Draft) -> dt.date:
    """The day an untouched draft will be removed (retention counts from its last change)."""
    touched = dt.date.fromisoformat((draft.touched_at or draft.updated_at)[:10])
    return touched + dt.timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


@bp.app_context_processor
def draft_context():
    """Whether a note is open (the header's links), and a warning when it will soon be removed, for every page."""
    if not current_token() or "draft" not in g:
        return {"note_open": False, "removal": None}
    removal = removal_date(g.draft)
    warn_from = removal - dt.timedelta(days=current_app.config["DRAFT_WARNING_DAYS"])
    warn = dt.date.today() >= warn_from and not publications.is_published(get_db(), g.draft.id)  # kept while published
    return {"note_open": True, "removal": removal if warn else None}


@bp.app_template_global()
def resume_link() -> str:
    """The open note's private link, for templates/wizard/_link_box.html: made where it is shown, not for every page."""
    return public_url("wizard.resume", token=current_token())
