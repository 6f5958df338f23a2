"""The editing steps: organisation, introduction, each section, own sections."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, suggestions, write
from ..model.building import (
    DONE,
    IN_PROGRESS,
    OwnAnswer,
    SectionAnswers,
    add_own_section,
    apply_section,
    delete_own_section,
    move_own_section,
    normalise_order,
    set_section_status,
)
from ..model.choices import AgreementChoice
from . import bp
from .current import draft_required, remember_where, save, working_copy
from .forms import (
    OrganisationForm,
    agreement_answer,
    intro_form,
    own_section_form,
    own_sections_form,
    parse_date,
    section_form,
    suggestion_form,
)


def _render(template: str, form, **context):
    """A step page; 400 when the form came back with errors (what was typed stays in the form)."""
    return render_template(template, form=form, **context), 400 if form.errors else 200


# ---------------------------------------------------------------- organisation


@bp.route("/nota/organisatie", methods=["GET", "POST"])
@draft_required
def organisation():
    remember_where(url_for("wizard.organisation"))
    c = g.draft.choices
    form = OrganisationForm(
        data=None
        if request.method == "POST"
        else {
            "version": g.draft.version,
            "name": c.organisation_name,
            "type": c.organisation_type or None,
            "title": c.title,
            "date": _display_date(c.date),
            "note_version": c.version,
            "author_name": c.author_name,
            "author_function": c.author_function,
        }
    )
    if form.validate_on_submit():
        choices, progress = working_copy()
        old_default = f"Communicatieafspraken {choices.organisation_name}".strip()
        choices.organisation_name = form.name.data
        choices.organisation_type = form.type.data or ""
        title = form.title.data
        choices.title = "" if not title or title == old_default else title
        date = parse_date(form.date.data)
        choices.date = date.isoformat() if date else ""
        choices.version = form.note_version.data
        choices.author_name = form.author_name.data
        choices.author_function = form.author_function.data
        return save(form, choices, progress, url_for("wizard.introduction"), "organisatie")
    return _render("wizard/organisation.html", form)


def _display_date(iso: str) -> str:
    date = parse_date(iso)
    return date.strftime("%d/%m/%Y") if date else ""


# ---------------------------------------------------------------- introduction


@bp.route("/nota/inleiding", methods=["GET", "POST"])
@draft_required
def introduction():
    remember_where(url_for("wizard.introduction"))
    c = g.draft.choices
    data = (
        None if request.method == "POST" else {"version": g.draft.version, "chapters": c.chapters, "vision": c.vision}
    )
    form = intro_form(g.catalogue, data=data)
    if form.validate_on_submit():
        choices, progress = working_copy()
        choices.chapters = [ch.id for ch in g.catalogue.chapters if ch.id in (form.chapters.data or [])]
        choices.vision = form.vision.data
        return save(form, choices, progress, url_for("wizard.overview"), "inleiding")
    return _render("wizard/introduction.html", form, catalogue=g.catalogue)


# ---------------------------------------------------------------- catalogue sections


def _section(number: str):
    try:
        return g.catalogue.section(number)
    except KeyError:
        abort(404)


def _section_data(section) -> dict:
    """The form's starting values: what the draft holds for this section."""
    part = g.draft.choices.part(section.number)
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    data = {"version": g.draft.version, "intro": bool(part and part.intro)}
    for i, agreement in enumerate(section.agreements):
        data[f"agreement_{i}"] = agreement_answer(agreement, chosen.get(agreement.id))
    for k, own in enumerate(c for c in (part.agreements if part else []) if c.is_own):
        data[f"own_text_{k}"] = own.text
        data[f"own_after_{k}"] = own.after or ""
    return data


def _own_in_part(number: str) -> int:
    part = g.draft.choices.part(number)
    return sum(1 for c in part.agreements if c.is_own) if part else 0


def _section_answers(section, form, own_count: int) -> SectionAnswers:
    """The posted form as plain answers; an own agreement whose text was cleared is dropped."""
    answers = SectionAnswers(intro=bool(getattr(form, "intro", None) and form.intro.data))
    for i, agreement in enumerate(section.agreements):
        answers.agreements[agreement.id] = form[f"agreement_{i}"].data
    for k in range(own_count):
        answers.own.append(OwnAnswer(text=form[f"own_text_{k}"].data or "", after=form[f"own_after_{k}"].data or ""))
    if form.own_text_new.data:
        answers.own.append(OwnAnswer(text=form.own_text_new.data, after=form.own_after_new.data or ""))
    return answers


@bp.route("/nota/onderdeel/<number>", methods=["GET", "POST"])
@draft_required
def section(number: str):
    section = _section(number)
    here = url_for("wizard.section", number=number)
    remember_where(here)
    own_count = _own_in_part(number) if request.method == "GET" else _posted_count("own_text_")
    form = section_form(section, own_count, data=_section_data(section) if request.method == "GET" else None)
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        choices, progress = working_copy()
        apply_section(choices, g.catalogue, section, _section_answers(section, form, own_count))
        status = DONE if action == "done" else IN_PROGRESS
        set_section_status(progress, number, status)
        if action == "done":
            target, message = url_for("wizard.overview"), _("Onderdeel %(number)s is klaar.", number=number)
        elif action == "add-own":
            target, message = here + "#eigen-afspraken", _("Je eigen afspraak is toegevoegd.")
        else:
            target, message = here, None
        return save(form, choices, progress, target, f"onderdeel:{number}", message)
    part = g.draft.choices.part(number)
    return _render(
        "wizard/section.html",
        form,
        section=section,
        own_count=own_count,
        chosen=len(part.agreements) if part else 0,
        reworded={c.id for c in part.agreements if c.reworded} if part else set(),
        catalogue=g.catalogue,
    )


@bp.route("/nota/onderdeel/<number>/suggestie", methods=["GET", "POST"])
@draft_required
def suggest(number: str):
    """Send Kortom a new agreement or a better wording, from any section page."""
    section = _section(number)
    form = suggestion_form(section)
    if form.validate_on_submit():
        db = get_db()
        with write(db):
            suggestions.add_suggestion(
                db,
                edition_id=g.catalogue.edition.id,
                section_number=number,
                agreement_id=form.agreement.data or "" if form.kind.data == "verbetering" else "",
                kind=form.kind.data,
                text=form.text.data,
                name=form.name.data or "",
                email=form.email.data or "",
            )
        flash(_("Bedankt! Kortom bekijkt je voorstel."), "status")
        return redirect(url_for("wizard.section", number=number))
    return _render("wizard/suggest.html", form, section=section)


# ---------------------------------------------------------------- own sections


@bp.route("/nota/eigen-onderdelen", methods=["GET", "POST"])
@draft_required
def own_sections():
    remember_where(url_for("wizard.own_sections"))
    last = g.catalogue.sections[-1].number if g.catalogue.sections else ""
    form = own_sections_form(
        g.catalogue, data=None if request.method == "POST" else {"version": g.draft.version, "new_after": last}
    )
    if form.validate_on_submit():
        choices, progress = working_copy()
        action = request.form.get("action", "add")
        verb, _sep, key = action.partition(":")
        target = url_for("wizard.own_sections")
        if verb in ("up", "down"):
            move_own_section(choices, g.catalogue, key, -1 if verb == "up" else 1)
            message = _("De volgorde is aangepast.")
        else:  # "add", the default button
            if not form.new_title.data:
                form.new_title.errors.append(_("Geef je nieuwe onderdeel een titel."))
                return _render("wizard/own_sections.html", form, parts=g.draft.choices.sections, catalogue=g.catalogue)
            part = add_own_section(choices, g.catalogue, form.new_title.data, form.new_after.data or "")
            target, message = url_for("wizard.own_section", key=part.key), _("Je onderdeel is toegevoegd.")
        return save(form, choices, progress, target, "eigen-onderdelen", message)
    return _render("wizard/own_sections.html", form, parts=g.draft.choices.sections, catalogue=g.catalogue)


@bp.route("/nota/eigen-onderdelen/<key>", methods=["GET", "POST"])
@draft_required
def own_section(key: str):
    part = g.draft.choices.own_part(key)
    if part is None:
        abort(404)
    here = url_for("wizard.own_section", key=key)
    remember_where(here)
    count = len(part.agreements) if request.method == "GET" else _posted_count("text_")
    data = None
    if request.method == "GET":
        data = {"version": g.draft.version, "title": part.title, "after": part.after}
        data.update({f"text_{k}": a.text for k, a in enumerate(part.agreements)})
    form = own_section_form(g.catalogue, count, data=data)
    action = request.form.get("action", "save")
    if action == "delete-section" and form.validate_on_submit():
        choices, progress = working_copy()
        delete_own_section(choices, key)
        return save(
            form, choices, progress, url_for("wizard.own_sections"), f"eigen:{key}", _("Het onderdeel is verwijderd.")
        )
    if form.validate_on_submit():
        choices, progress = working_copy()
        target = choices.own_part(key)
        if target is None:
            abort(404)
        texts = [form[f"text_{k}"].data for k in range(count) if action != f"delete:{k}"]
        texts = _moved(texts, action)
        if form.new_text.data:
            texts.append(form.new_text.data)
        target.title = form.title.data
        target.after = form.after.data or ""
        target.agreements = [AgreementChoice(text=t) for t in texts if t]
        normalise_order(choices, g.catalogue)
        done = action == "done"
        return save(
            form,
            choices,
            progress,
            url_for("wizard.own_sections") if done else here,
            f"eigen:{key}",
            _("Je onderdeel is bewaard.") if done else None,
        )
    return _render("wizard/own_section.html", form, part=part, count=count)


def _moved(texts: list[str], action: str) -> list[str]:
    """Apply an 'up:k' or 'down:k' button to the list of agreement texts."""
    verb, _sep, index = action.partition(":")
    if verb not in ("up", "down") or not index.isdigit():
        return texts
    i = int(index)
    j = i - 1 if verb == "up" else i + 1
    if 0 <= i < len(texts) and 0 <= j < len(texts):
        texts[i], texts[j] = texts[j], texts[i]
    return texts


def _posted_count(prefix: str) -> int:
    """How many numbered fields the posted form holds (it may predate a colleague's change)."""
    count = 0
    while f"{prefix}{count}" in request.form:
        count += 1
    return count
