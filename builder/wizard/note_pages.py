"""The pages about the note as a whole: organisation, introduction, overview, review and download."""

from __future__ import annotations

import dataclasses
from io import BytesIO

from flask import current_app, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..db import drafts, get_db, house_styles, reviews
from ..model import dates
from ..model.building import DONE, IN_PROGRESS, NOT_STARTED, note_tailor, section_status, take_whole_catalogue
from ..model.choices import Choices
from ..model.note import compose, tailored_chapter, warnings
from ..model.organisations import approval_of, organisation_type
from ..model.outline import outline
from ..model.terminology import tailored_text
from ..web.note_view import note_items
from . import bp
from .current import draft_required, remember_where, working_copy
from .forms import ConfirmDraftForm, DownloadForm, OrganisationForm, ReviewForm, intro_form
from .house_style import note_style
from .house_style import summary as house_style_summary
from .new_edition import kept_versions_shown, newer_edition_offer
from .reviewing import draft_comments, word_comments
from .saving import form_page, save

# ---------------------------------------------------------------- organisation


def describe_organisation(choices: Choices, _progress: dict | None = None) -> list[tuple[str, str]]:
    """The organisation step as (label, text) rows, for the conflict page."""
    found = organisation_type(choices.organisation.type)
    return [
        (_("Naam van je organisatie"), choices.organisation.name),
        (_("Soort organisatie"), _(found.label) if found else ""),
        (_("Titel van de nota"), choices.title),
        (_("Datum van de nota"), dates.in_form(choices.date)),
        (_("Versie"), choices.version),
        (_("Jouw naam"), choices.author.name),
        (_("Jouw functie"), choices.author.function),
    ]


def _organisation_data() -> dict:
    c = g.draft.choices
    return {
        "version": g.draft.version,
        "name": c.organisation.name,
        "type": c.organisation.type or None,
        "title": c.title,
        "date": dates.in_form(c.date),
        "note_version": c.version,
        "author_name": c.author.name,
        "author_function": c.author.function,
    }


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
        return save(form, choices, progress, url_for("wizard.introduction"), describe_organisation)
    return form_page("wizard/organisation.html", form)


# ---------------------------------------------------------------- introduction


def describe_introduction(choices: Choices, _progress: dict | None = None) -> list[tuple[str, str]]:
    """The introduction step as rows, for the conflict page."""
    titles = [c.title for c in g.catalogue.chapters if c.id in choices.chapters]
    return [(_("Hoofdstukken"), ", ".join(titles)), (_("Visie en communicatiedoelen"), choices.vision)]


@bp.route("/nota/inleiding", methods=["GET", "POST"])
@draft_required
def introduction():
    """The intro chapters from the catalogue and the organisation's own vision."""
    remember_where(url_for("wizard.introduction"))
    c = g.draft.choices
    data = (
        None if request.method == "POST" else {"version": g.draft.version, "chapters": c.chapters, "vision": c.vision}
    )
    form = intro_form(g.catalogue, data=data)
    if form.validate_on_submit():
        choices, progress = working_copy()
        chapters = tuple(ch.id for ch in g.catalogue.chapters if ch.id in (form.chapters.data or []))
        choices = dataclasses.replace(choices, chapters=chapters, vision=form.vision.data)
        return save(form, choices, progress, url_for("wizard.overview"), describe_introduction)
    tailor = note_tailor(g.draft.choices, g.catalogue)
    chapters = {c.id: tailored_chapter(c, tailor, marked=True) for c in g.catalogue.chapters}
    return form_page("wizard/introduction.html", form, catalogue=g.catalogue, chapters=chapters)


# ---------------------------------------------------------------- overview


def status_tags() -> dict[str, Markup]:
    """Klaar, Bezig and Niet begonnen as tags, translated once per page (the overview shows ~16)."""
    return {
        DONE: Markup('<strong class="tag tag--done">%s</strong>') % _("Klaar"),
        IN_PROGRESS: Markup('<strong class="tag tag--busy">%s</strong>') % _("Bezig"),
        NOT_STARTED: Markup('<strong class="tag tag--todo">%s</strong>') % _("Niet begonnen"),
    }


@bp.get("/nota/overzicht")
@draft_required
def overview():
    """The task list: every step and every section with where it stands."""
    remember_where(url_for("wizard.overview"))
    choices = g.draft.choices
    sections = []
    for section in g.catalogue.sections:
        part = choices.part(section.number)
        status = section_status(g.draft.progress, choices, section.number)
        chosen = [c for c in part.agreements] if part else []
        sections.append((section, status, sum(1 for c in chosen if c.id), sum(1 for c in chosen if c.is_own)))
    own = [p for p in choices.sections if p.is_own]
    done = sum(1 for _s, status, _n, _o in sections if status == DONE)
    tailor = note_tailor(choices, g.catalogue)
    return render_template(
        "wizard/overview.html",
        sections=sections,
        titles={s.number: tailored_text(tailor, s.title) for s in g.catalogue.sections},
        own=own,
        done=done,
        tags=status_tags(),
        whole=ConfirmDraftForm(data={"version": g.draft.version}),
        offer=newer_edition_offer(),
        kept=kept_versions_shown(),
        open_per_part=draft_comments().get("open_per_part", {}),
    )


def describe_counts(choices: Choices, _progress: dict | None = None) -> list[tuple[str, str]]:
    """How many agreements each section holds, for the conflict page of "Neem de hele catalogus over"."""
    return [
        (f"{s.number} {s.title}", str(len(choices.part(s.number).agreements) if choices.part(s.number) else 0))
        for s in g.catalogue.sections
    ]


@bp.post("/nota/overzicht/alles")
@draft_required
def take_everything():
    """The fastest path: every agreement of the catalogue into the note, as it is (the user prunes afterwards)."""
    form = ConfirmDraftForm()
    if not form.validate_on_submit():
        flash(_("Je nota is niet veranderd. Probeer het nog eens."), "error")
        return redirect(url_for("wizard.overview"))
    choices, progress = working_copy()
    choices = take_whole_catalogue(choices, g.catalogue, progress)
    message = _("Alle %(n)d afspraken staan in je nota. Schrap nu wat niet bij jullie past.", n=choices.agreement_count)
    return save(form, choices, progress, url_for("wizard.overview"), describe_counts, message)


# ---------------------------------------------------------------- review


def describe_review(choices: Choices, _progress: dict | None = None) -> list[tuple[str, str]]:
    """The review step's options as rows, for the conflict page."""
    o = choices.options
    yes, no = _("ja"), _("nee")
    return [
        (_("Bijlage Meer lezen"), yes if o.references else no),
        (_("Bijlage Herkomst"), yes if o.provenance else no),
        (_("Goedkeuringsblok"), yes if o.approval else no),
        (_("Goedgekeurd door"), o.approved_by),
        (_("Goedgekeurd op"), dates.in_form(o.approved_on)),
        (_("Referentie van de beslissing"), o.decision),
        (_("Ondertekenaars"), ", ".join(o.signatories)),
    ]


def _review_data() -> dict:
    options = g.draft.choices.options
    return {
        "version": g.draft.version,
        "references": options.references,
        "provenance": options.provenance,
        "approval": options.approval,
        "approved_by": options.approved_by,
        "approved_on": dates.in_form(options.approved_on),
        "decision": options.decision,
        "signatory_1": ([*options.signatories, ""])[0],
        "signatory_2": ([*options.signatories, "", ""])[1],
    }


@bp.route("/nota/nalezen", methods=["GET", "POST"])
@draft_required
def review():
    """The whole note as it will read, with warnings, colleagues' open comments and the document's options."""
    remember_where(url_for("wizard.review"))
    form = ReviewForm(data=None if request.method == "POST" else _review_data())
    signers = approval_of(g.draft.choices.organisation.type).signatories
    form.signatory_1.description, form.signatory_2.description = (
        _("Tekent als %(function)s.", function=signer.lower()) for signer in signers
    )
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
        response = save(form, choices, progress, url_for("wizard.download"), describe_review, message)
        if g.draft.version > before and options.approved_on:
            body = options.approved_by or approval_of(choices.organisation.type).approver
            reviews.record_approval(get_db(), g.draft.id, g.draft.version, body, options.approved_on, options.decision)
        return response
    note = compose(g.draft.choices, g.catalogue, marked=True)
    drawn = outline(note)
    return form_page(
        "wizard/review.html",
        form,
        outline=drawn,
        items=note_items(drawn),
        warnings=warnings(note, g.draft.progress),
        **draft_comments(note),
    )


# ---------------------------------------------------------------- download

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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
    )
