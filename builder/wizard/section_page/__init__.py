"""A catalogue section's page: every agreement's controls, the own agreements and the intro.

This package is the whole agreement-on-a-section-page component. `inputs.py` names an
agreement's inputs once (`AgreementInputs`, handed to the template), reads a post into answers,
checks them and gives the draft's values as the page shows them; `drawing.py` prepares what
templates/wizard/section.html and _pick.html draw; here are the rows of the conflict page and
the view itself.
"""

from __future__ import annotations

from flask import g, request, url_for
from flask_babel import gettext as _

from ...model.building import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    apply_section,
    final_text,
    section_status,
    set_section_status,
)
from ...model.catalogue import Section
from ...model.choices import Choices
from .. import bp
from ..current import draft_required, refused_as_too_big, remember_where, save, section_or_404, working_copy
from .drawing import page
from .inputs import AgreementInputs, OwnInputs, answers, draft_data, places, section_form

__all__ = ["AgreementInputs", "OwnInputs", "describe", "page", "section", "section_form"]


def describe(section: Section, choices: Choices, progress: dict) -> list[tuple[str, str]]:
    """Everything this page posts, as the note holds it: one (label, text) row each, for the conflict page."""
    part = choices.part(section.number)
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    rows = [(_("Status van dit onderdeel"), STATUS_LABELS[section_status(progress, choices, section.number)]())]
    if section.intro:
        rows.append((_("Inleiding van dit onderdeel"), _("opgenomen") if part and part.intro else _("niet opgenomen")))
    for agreement in section.agreements:
        choice = chosen.get(agreement.id)
        label = _("Afspraak %(n)d", n=agreement.number)
        if choice is None:
            rows.append((label, _("niet opgenomen")))
        else:
            prefix = f"[{choice.variant}] " if choice.variant else ""
            rows.append((label, prefix + final_text(choice, agreement)))
    where = dict(places(section))
    own = [c for c in part.agreements if c.is_own] if part else []
    for k, choice in enumerate(own, start=1):
        rows.append((_("Eigen afspraak %(k)d", k=k), f"{choice.text} ({where.get(choice.after or '', '')})"))
    return rows


STATUS_LABELS = {DONE: lambda: _("Klaar"), IN_PROGRESS: lambda: _("Bezig"), NOT_STARTED: lambda: _("Niet begonnen")}


# ---------------------------------------------------------------- the view


@bp.route("/nota/onderdeel/<number>", methods=["GET", "POST"])
@draft_required
def section(number: str):
    """Choose, word and add agreements for one catalogue section."""
    section = section_or_404(number)
    here = url_for("wizard.section", number=number)
    remember_where(here)
    part = g.draft.choices.part(number)
    form = section_form(section, data=None if request.method == "POST" else draft_data(section, part, g.draft.version))
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        choices, progress = working_copy()
        apply_section(choices, g.catalogue, section, answers(form))
        if refused_as_too_big(choices, form.own_text_new):
            return page(section, g.catalogue, form, part), 400
        set_section_status(progress, number, DONE if action == "done" else IN_PROGRESS)
        if action == "done":
            target, message = url_for("wizard.overview"), _("Onderdeel %(number)s is klaar.", number=number)
        elif action == "add-own":
            target, message = here + "#eigen-afspraken", _("Je eigen afspraak is toegevoegd.")
        else:
            target, message = here, None
        return save(form, choices, progress, target, lambda c, p: describe(section, c, p), message)
    return page(section, g.catalogue, form, part), 400 if form.errors else 200
