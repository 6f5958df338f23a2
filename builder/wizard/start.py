"""The frame around a note: the start page, a new note, resuming by private link, keeping, deleting, language."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import format_date
from markupsafe import Markup

from .. import caches
from ..db import drafts, editions, get_db, moment, publications
from ..model.building import new_choices
from ..model.catalogue import Catalogue
from ..web.errors import UnknownLink
from ..web.i18n import gettext as _
from ..web.i18n import language as interface_language
from ..web.security import safe_next, within_rate
from . import bp
from .current import (
    draft_required,
    forget_draft,
    open_draft,
    remember_where,
    removal_date,
    token_from_link,
)
from .forms import ConfirmForm, LanguageForm, ResumeForm, StartForm, UploadForm


def published_catalogue() -> Catalogue:
    """The newest published edition, which a new note starts on."""
    db = get_db()
    edition_id = editions.latest_published(db)
    if edition_id is None:
        abort(503)
    return editions.load(db, edition_id)


@bp.app_template_global()
def catalogue_html(catalogue: Catalogue) -> Markup:
    """The whole catalogue as on the start page (~55 kB), kept per edition and language.

    It is the first page everybody opens when a new edition is announced; the key is the
    catalogue itself, so a curator's preview of an edition being edited is never stale.
    """
    return caches.start_page_catalogue.get(
        (catalogue, interface_language()),
        lambda: Markup(render_template("_catalogue.html", catalogue=catalogue)),
    )


START_VALID = dt.timedelta(minutes=10)  # a start button clicked again later is refused, not reopened


def token_for_start(start: str) -> str:
    """The private link token of a note begun from the start page numbered `start`.

    An HMAC with the secret key: the browser sends the page's one-off number, never a token, so
    no client can choose its link; the same number (a double click) gives the same note.
    """
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, b"bouwpakket-draft-token:" + start.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start_page(resume: ResumeForm | None = None, upload: UploadForm | None = None, status: int = 200):
    """The start page, with the errors of the form that was sent (the others fresh)."""
    start = StartForm(start=drafts.new_token())
    resume, upload = resume or ResumeForm(formdata=None), upload or UploadForm(formdata=None)
    sent = resume if resume.errors else upload
    return render_template(
        "wizard/index.html", catalogue=published_catalogue(), start=start, resume=resume, upload=upload, form=sent
    ), status


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it without being told."""
    return current_app.send_static_file("favicon.ico")


@bp.get("/")
def index():
    """The start page: the catalogue, a new note, or back to one by its link."""
    return start_page()


@bp.post("/nota/nieuw")
def new():
    """Create a draft on the newest edition and show its private link; a double click opens the same draft."""
    form = StartForm()
    if not form.validate_on_submit() or not drafts.TOKEN_PATTERN.match(form.start.data or ""):
        flash(_("Je sessie was verlopen. Klik nog eens op “Nieuwe afsprakennota”."), "error")
        return redirect(url_for("wizard.index"))
    token = token_for_start(form.start.data)
    draft = drafts.find(get_db(), token)
    if draft is None:
        if not within_rate("new-note"):
            abort(429)
        drafts.create(get_db(), token, new_choices(published_catalogue(), dt.date.today()))
        flash(_("Je nota is aangemaakt."), "status")
    elif _older_than(draft.created_at, START_VALID):
        flash(_("Deze startknop werd al gebruikt. Klik nog eens op “Nieuwe afsprakennota”."), "error")
        return redirect(url_for("wizard.index"))
    open_draft(token)
    return redirect(url_for("wizard.saved_link"))


def _older_than(stamp: str, age: dt.timedelta) -> bool:
    created = moment(stamp)
    return dt.datetime.now(dt.UTC) - created > age


@bp.post("/hervat")
def resume_pasted():
    """Open a note from a link pasted on the start page."""
    form = ResumeForm()
    if form.validate_on_submit():
        token = token_from_link(form.link.data)
        draft = open_draft(token)
        if draft is not None:
            return redirect(draft.last_step or url_for("wizard.overview"))
        form.link.errors.append(
            _(
                "We vinden geen nota bij deze link. Kijk na of je de volledige link plakte, zonder spaties. "
                "Werkt hij niet meer? Upload dan het Word-document van je nota bij “Verder werken met een "
                "gedownloade nota”."
            )
        )
    return start_page(resume=form, status=400)


@bp.get("/hervat/<token>")
def resume(token: str):
    """The private link: swap the token for a session cookie, then drop it from the address bar."""
    draft = open_draft(token)
    if draft is None:
        raise UnknownLink()
    return redirect(draft.last_step or url_for("wizard.overview"))


@bp.get("/nota/bewaarlink")
@draft_required
def saved_link():
    """The private link, shown right after starting a note."""
    remember_where(url_for("wizard.saved_link"))
    return render_template("wizard/saved_link.html")


@bp.post("/nota/bewaren")
@draft_required
def keep():
    """The user wants to keep an old draft: its retention period starts again."""
    if ConfirmForm().validate_on_submit():
        drafts.touch(get_db(), g.draft.id)
        g.draft = drafts.get(get_db(), g.draft.id)
        flash(_("Je nota blijft bewaard tot %(date)s.", date=format_date(removal_date(g.draft), "long")), "status")
    return redirect(safe_next(request.form.get("next"), url_for("wizard.overview"), prefix="/nota"))


@bp.route("/nota/verwijderen", methods=["GET", "POST"])
@draft_required
def delete():
    """Delete the note at once; its private link stops working."""
    form = ConfirmForm()
    if form.validate_on_submit():
        drafts.delete(get_db(), g.draft.id)
        forget_draft()
        flash(_("Je nota is verwijderd. De bewaarlink werkt niet meer."), "status")
        return redirect(url_for("wizard.index"))
    published = publications.is_published(get_db(), g.draft.id)
    return render_template("wizard/delete.html", form=form, published=published), 400 if form.errors else 200


@bp.post("/taal")
def language():
    """Switch the interface language (nl or en); catalogue texts and the Word document stay Dutch."""
    form = LanguageForm()
    target = safe_next(request.form.get("next"), url_for("wizard.index"))
    if form.validate_on_submit() and form.lang.data in current_app.config["LANGUAGES"]:
        session["lang"] = form.lang.data
    return redirect(target)
