"""The pages about the note as a whole: organisation, introduction, overview, review and download."""

from __future__ import annotations

import dataclasses
from io import BytesIO

from flask import current_app, flash, g, redirect, request, send_file, url_for

from ..db import drafts, get_db, house_styles, reviews
from ..formats import DOCX
from ..model import dates
from ..model.building import note_tailor
from ..model.choices import Options
from ..model.note import compose, tailored_chapter, warnings
from ..model.organisations import approval_of
from ..model.outline import outline
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l
from ..web.note_view import agreement_lists, extra_from, note_items
from . import bp
from .amendment import offer as amendment_offer
from .current import draft_required, remember_where, working_copy
from .forms import DownloadForm, OrganisationForm, ReviewForm, intro_form
from .house_style import note_style
from .house_style import summary as house_style_summary
from .publishing import publication_context
from .reviewing import draft_comments, word_comments
from .saving import form_page, page_data, save

# ---------------------------------------------------------------- organisation


ORGANISATION = ("organisation.name", "organisation.type", "title", "date", "version", "author.name", "author.function")
INTRODUCTION = ("chapters", "vision")
OPTIONS = tuple(f"options.{f.name}" for f in dataclasses.fields(Options))


def _organisation_data() -> dict:
    c = g.draft.choices
    return page_data(
        ORGANISATION,
        name=c.organisation.name,
        type=c.organisation.type or None,
        title=c.title,
        date=dates.in_form(c.date),
        note_version=c.version,
        author_name=c.author.name,
        author_function=c.author.function,
    )


@bp.route("/nota/organisatie", methods=["GET", "POST"])
@draft_required
def organisation():
    """Who the note is for, and its title page."""
    remember_where(url_for("wizard.organisation"))
    form = OrganisationForm(data=None if request.method == "POST" else _organisation_data())
    if form.validate_on_submit():
        choices, progress = working_copy()
        old_default = f"Communicatieafspraken {choices.organisation.name}".strip()
        title = form.title.data
        choices = dataclasses.replace(
            choices,
            organisation=dataclasses.replace(choices.organisation, name=form.name.data, type=form.type.data or ""),
            title="" if not title or title == old_default else title,
            date=dates.stored(dates.from_form(form.date.data)),
            version=form.note_version.data,
            author=dataclasses.replace(choices.author, name=form.author_name.data, function=form.author_function.data),
        )
        return save(form, choices, progress, url_for("wizard.introduction"), ORGANISATION)
    return form_page("wizard/organisation.html", form)


# ---------------------------------------------------------------- introduction


@bp.route("/nota/inleiding", methods=["GET", "POST"])
@draft_required
def introduction():
    """The intro chapters from the catalogue and the organisation's own vision."""
    remember_where(url_for("wizard.introduction"))
    c = g.draft.choices
    data = None if request.method == "POST" else page_data(INTRODUCTION, chapters=c.chapters, vision=c.vision)
    form = intro_form(g.catalogue, data=data)
    if form.validate_on_submit():
        choices, progress = working_copy()
        chapters = tuple(ch.id for ch in g.catalogue.chapters if ch.id in (form.chapters.data or []))
        choices = dataclasses.replace(choices, chapters=chapters, vision=form.vision.data)
        return save(form, choices, progress, url_for("wizard.overview"), INTRODUCTION)
    tailor = note_tailor(g.draft.choices, g.catalogue)
    chapters = {c.id: tailored_chapter(c, tailor, marked=True) for c in g.catalogue.chapters}
    return form_page("wizard/introduction.html", form, catalogue=g.catalogue, chapters=chapters)


# ---------------------------------------------------------------- review


def _review_data() -> dict:
    options = g.draft.choices.options
    return page_data(
        OPTIONS,
        references=options.references,
        provenance=options.provenance,
        approval=options.with_approval,
        approved_by=options.approved_by,
        approved_on=dates.in_form(options.approved_on),
        decision=options.decision,
        signatory_1=([*options.signatories, ""])[0],
        signatory_2=([*options.signatories, "", ""])[1],
    )


def _record_approval(options: Options) -> None:
    """The decision filled in on the review page, kept with the note as saved: an amendment note compares with it."""
    body = options.approved_by or approval_of(g.draft.choices.organisation.type).approver
    stored = g.draft
    reviews.record_approval(
        get_db(), stored.id, stored.version, body, options.approved_on, options.decision, stored.choices
    )


@bp.route("/nota/nalezen", methods=["GET", "POST"])
@draft_required
def review():
    """The whole note as it will read, with warnings, colleagues' open comments and the document's options."""
    remember_where(url_for("wizard.review"))
    form = ReviewForm(data=None if request.method == "POST" else _review_data())
    kind = approval_of(g.draft.choices.organisation.type)
    form.signatory_1.description, form.signatory_2.description = (
        _("Tekent als %(function)s.", function=signer.lower()) for signer in kind.signatories
    )
    form.approved_by.description = _("Bijvoorbeeld: %(example)s.", example=kind.approver)
    form.decision.description = _("Bijvoorbeeld: %(example)s.", example=kind.decision)
    if form.validate_on_submit():
        choices, progress = working_copy()
        names = (form.signatory_1.data, form.signatory_2.data)
        options = dataclasses.replace(
            choices.options,
            references=form.references.data,
            provenance=form.provenance.data,
            approved_by=form.approved_by.data,
            approved_on=dates.stored(dates.from_form(form.approved_on.data)),
            decision=form.decision.data,
            signatories=names if any(names) else (),
        )
        filled = options.approval_filled
        options = dataclasses.replace(options, approval=form.approval.data or filled)  # what was filled in stays
        choices = dataclasses.replace(choices, options=options)
        message = None
        if filled and not form.approval.data:
            message = _("Het goedkeuringsblok staat in je nota, omdat je invulde wie of wanneer de nota goedkeurde.")
        before = g.draft.version
        response = save(form, choices, progress, url_for("wizard.download"), OPTIONS, message)
        if g.draft.version > before and options.approved_on:
            _record_approval(options)
        return response
    note = compose(g.draft.choices, g.catalogue, marked=True)
    drawn = outline(note)
    comments = draft_comments(note)
    extra = None
    if comments["comments"]:
        context = {**comments, "page_form": "pagina"}
        extra = extra_from("wizard/_note_comments.html", context, comments["extra_numbers"])
    return form_page(
        "wizard/review.html",
        form,
        outline=drawn,
        lists=agreement_lists(drawn, note_items(drawn), extra),
        warnings=warnings(note, g.draft.progress),
        **comments,
    )


# ---------------------------------------------------------------- download

PDF_MESSAGES = {
    "busy": _l("Er worden nu veel PDF’s gemaakt. Probeer het over een minuut opnieuw, of download het Word-document."),
    "timeout": _l("Het maken van de PDF duurde te lang. Probeer het opnieuw, of download het Word-document."),
    "failed": _l("De PDF kon niet gemaakt worden. Probeer het opnieuw, of download het Word-document."),
}


def _made_file(choices, pdf_converter, comments, style) -> bytes | None:
    """The PDF when a converter is given, else the .docx with its contents' page numbers laid out by LibreOffice
    where it runs; None (with a message) when the PDF could not be made."""
    from ..formats.pdf import PdfError
    from ..formats.word import note_docx, render_note, to_bytes

    client = request.remote_addr or ""
    if pdf_converter is None:
        return note_docx(choices, g.catalogue, current_app.extensions.get("pdf"), client, comments, style)
    try:
        document = to_bytes(render_note(choices, g.catalogue, page_tokens=True, style=style))
        return pdf_converter.convert(document, client=client)[0]
    except PdfError as error:
        current_app.logger.warning("PDF conversion failed: %s", error)
        flash(PDF_MESSAGES.get(error.kind, PDF_MESSAGES["failed"]), "error")
        return None


@bp.route("/nota/downloaden", methods=["GET", "POST"])
@draft_required
def download():
    """The .docx (its contents' page numbers laid out by LibreOffice where it runs) or the PDF, counted once per
    version of the draft."""
    # python-docx is imported on first use: it slows the start of every worker and most requests never need it.
    from ..formats.word import content_disposition, display_file_name, file_name

    remember_where(url_for("wizard.download"))
    form = DownloadForm(data=None if request.method == "POST" else {"version": g.draft.version})
    choices = g.draft.choices
    if not choices.organisation.name:
        flash(_("Vul eerst de naam van je organisatie in; die komt op de titelpagina."), "error")
        return redirect(url_for("wizard.organisation"))
    converter = current_app.extensions.get("pdf")
    if form.validate_on_submit():
        as_pdf = converter is not None and request.form.get("format") == "pdf"
        comments = word_comments() if form.comments.data and not as_pdf else None
        style = note_style(g.draft.id)
        document = _made_file(choices, converter if as_pdf else None, comments, style)
        if document is None:
            return redirect(url_for("wizard.download"))
        drafts.record_export(get_db(), g.draft, share=form.share.data)
        extension, mimetype = ("pdf", "application/pdf") if as_pdf else ("docx", DOCX)
        response = send_file(
            BytesIO(document),
            mimetype=mimetype,
            as_attachment=True,
            download_name=file_name(choices, extension),
            max_age=0,
        )
        response.headers["Content-Disposition"] = content_disposition(choices, extension)
        return response
    if converter is not None:
        converter.warm()
    return form_page(
        "wizard/download.html",
        form,
        file_name=display_file_name(choices),
        pdf=converter is not None,
        open_total=draft_comments()["open_total"],
        approver=approval_of(choices.organisation.type).approver,
        house_style=house_style_summary(house_styles.find(get_db(), g.draft.id, files=False)),
        amendment=amendment_offer(),
        **publication_context(),
    )
