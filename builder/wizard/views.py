"""Start, resume, overview, review, download and delete: the frame around the steps."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from flask import abort, current_app, flash, g, redirect, render_template, request, send_file, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from ..db import drafts, editions, get_db
from ..formats.html import agreement_html, blocks_html
from ..model.building import DONE, new_choices, section_status, wording_text
from ..model.note import compose, warnings
from . import bp
from .current import (
    draft_required,
    forget_draft,
    open_draft,
    remember_where,
    removal_date,
    save,
    working_copy,
)
from .forms import ConfirmForm, DownloadForm, LanguageForm, ResumeForm, ReviewForm, StartForm, parse_date
from .fragments import catalogue_html, note_item, overview_row, own_places, pick, status_tag


def published_catalogue():
    """The newest published edition, which a new note starts on."""
    db = get_db()
    edition_id = editions.latest_published(db)
    if edition_id is None:
        abort(503)
    return editions.load(db, edition_id)


@bp.get("/")
def index():
    start = StartForm(token=drafts.new_token())
    return render_template("wizard/index.html", catalogue=published_catalogue(), start=start, resume=ResumeForm())


@bp.post("/nota/nieuw")
def new():
    form = StartForm()
    if not form.validate_on_submit() or not drafts.TOKEN_PATTERN.match(form.token.data or ""):
        flash(_("Je sessie was verlopen. Klik nog eens op “Nieuwe afsprakennota”."), "error")
        return redirect(url_for("wizard.index"))
    catalogue = published_catalogue()
    drafts.create(get_db(), form.token.data, new_choices(catalogue, dt.date.today()))
    open_draft(form.token.data)
    return redirect(url_for("wizard.saved_link"))


@bp.post("/hervat")
def resume_pasted():
    form = ResumeForm()
    if form.validate_on_submit():
        token = form.link.data.rstrip("/").rsplit("/", 1)[-1]
        draft = open_draft(token)
        if draft is not None:
            return redirect(draft.last_step or url_for("wizard.overview"))
        form.link.errors.append(
            _("We vinden geen nota bij deze link. Kijk na of je de volledige link plakte, zonder spaties.")
        )
    start = StartForm(token=drafts.new_token())
    return render_template(
        "wizard/index.html", catalogue=published_catalogue(), start=start, resume=form, form=form
    ), 400


@bp.get("/hervat/<token>")
def resume(token: str):
    """The private link: swap the token for a session cookie, then drop it from the address bar."""
    draft = open_draft(token)
    if draft is None:
        abort(404)
    return redirect(draft.last_step or url_for("wizard.overview"))


@bp.get("/nota/bewaarlink")
@draft_required
def saved_link():
    remember_where(url_for("wizard.saved_link"))
    return render_template("wizard/saved_link.html")


@bp.get("/nota/overzicht")
@draft_required
def overview():
    remember_where(url_for("wizard.overview"))
    choices, catalogue = g.draft.choices, g.catalogue
    sections = [
        (
            s,
            section_status(g.draft.progress, choices, s.number),
            len(choices.part(s.number).agreements) if choices.part(s.number) else 0,
        )
        for s in catalogue.sections
    ]
    own = [p for p in choices.sections if p.is_own]
    done = sum(1 for _s, status, _n in sections if status == DONE)
    return render_template("wizard/overview.html", sections=sections, own=own, done=done)


@bp.route("/nota/nalezen", methods=["GET", "POST"])
@draft_required
def review():
    remember_where(url_for("wizard.review"))
    options = g.draft.choices.options
    form = ReviewForm(
        data=None
        if request.method == "POST"
        else {
            "version": g.draft.version,
            "references": options.references,
            "provenance": options.provenance,
            "approval": options.approval,
            "approved_by": options.approved_by,
            "approved_on": options.approved_on,
        }
    )
    if form.validate_on_submit():
        choices, progress = working_copy()
        choices.options.references = form.references.data
        choices.options.provenance = form.provenance.data
        choices.options.approval = form.approval.data
        choices.options.approved_by = form.approved_by.data
        date = parse_date(form.approved_on.data)
        choices.options.approved_on = date.isoformat() if date else ""
        return save(form, choices, progress, url_for("wizard.download"), "nalezen")
    note = compose(g.draft.choices, g.catalogue)
    return render_template(
        "wizard/review.html", note=note, warnings=warnings(note, g.draft.progress), form=form
    ), 400 if form.errors else 200


@bp.route("/nota/downloaden", methods=["GET", "POST"])
@draft_required
def download():
    # python-docx is imported on first use: it slows the start of every worker and most requests never need it.
    from ..formats.word import content_disposition, display_file_name, file_name, render_note, to_bytes

    remember_where(url_for("wizard.download"))
    form = DownloadForm(data=None if request.method == "POST" else {"version": g.draft.version})
    choices = g.draft.choices
    if not choices.organisation_name:
        flash(_("Vul eerst de naam van je organisatie in; die komt op de titelpagina."), "error")
        return redirect(url_for("wizard.organisation"))
    if form.validate_on_submit():
        document = to_bytes(render_note(choices, g.catalogue))
        drafts.record_export(get_db(), g.draft, share=form.share.data)
        response = send_file(
            BytesIO(document),
            mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            as_attachment=True,
            download_name=file_name(choices),
            max_age=0,
        )
        response.headers["Content-Disposition"] = content_disposition(choices)
        return response
    return render_template(
        "wizard/download.html", form=form, file_name=display_file_name(choices)
    ), 400 if form.errors else 200


@bp.post("/nota/bewaren")
@draft_required
def keep():
    """The user wants to keep an old draft: its retention period starts again."""
    if ConfirmForm().validate_on_submit():
        drafts.touch(get_db(), g.draft.id)
        g.draft = drafts.get(get_db(), g.draft.id)
        flash(_("Je nota blijft bewaard tot %(date)s.", date=format_date(removal_date(g.draft), "long")), "status")
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/nota") else url_for("wizard.overview"))


@bp.route("/nota/verwijderen", methods=["GET", "POST"])
@draft_required
def delete():
    form = ConfirmForm()
    if form.validate_on_submit():
        drafts.delete(get_db(), g.draft.id)
        forget_draft()
        flash(_("Je nota is verwijderd. De bewaarlink werkt niet meer."), "status")
        return redirect(url_for("wizard.index"))
    return render_template("wizard/delete.html", form=form), 400 if form.errors else 200


@bp.post("/taal")
def language():
    """Switch the interface language (nl or en); catalogue texts and the Word document stay Dutch."""
    form = LanguageForm()
    target = request.form.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("wizard.index")
    if form.validate_on_submit() and form.lang.data in current_app.config["LANGUAGES"]:
        session["lang"] = form.lang.data
    return redirect(target)


for helper in (
    agreement_html,
    blocks_html,
    wording_text,
    own_places,
    pick,
    note_item,
    overview_row,
    status_tag,
    catalogue_html,
):
    bp.add_app_template_global(helper)


@bp.app_template_filter("agreement_number")
def agreement_number(agreement_id: str, catalogue) -> int:
    """The catalogue number of an agreement, for "bij afspraak 12" in references."""
    return catalogue.agreement(agreement_id).number
