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
from flask_babel import ngettext

from ...model.building import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    apply_section,
    final_text,
    section_status,
    set_section_status,
    taken_by_editing,
)
from ...model.catalogue import Section
from ...model.choices import Choices
from .. import bp
from ..current import draft_required, remember_where, section_or_404, working_copy
from ..saving import refused_as_too_big, refused_in_background, save
from .drawing import page
from .inputs import AgreementInputs, OwnInputs, answers, draft_data, for_action, places, section_form

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


def next_page(section: Section) -> str:
    """Where "Bewaar en ga naar het volgende onderdeel" leads: the next section; after the last, own sections."""
    numbers = [s.number for s in g.catalogue.sections]
    later = numbers[numbers.index(section.number) + 1 :]
    return url_for("wizard.section", number=later[0]) if later else url_for("wizard.own_sections")


def _status(progress: dict, choices: Choices, number: str, action: str) -> str:
    """A section is done when the user says so or moves on; a background save never undoes "klaar"."""
    if action in ("done", "next"):
        return DONE
    if action == "autosave" and section_status(progress, choices, number) == DONE:
        return DONE
    return IN_PROGRESS


def _target(section: Section, action: str, taken: list) -> tuple[str, str | None]:
    here = url_for("wizard.section", number=section.number)
    messages = {
        "done": (url_for("wizard.overview"), _("Onderdeel %(number)s is klaar.", number=section.number)),
        "next": (next_page(section), _("Onderdeel %(number)s is klaar.", number=section.number)),
        "add-own": (here + "#eigen-afspraken", _("Je eigen afspraak is toegevoegd.")),
        "all": (here, _("Alle afspraken van dit onderdeel staan nu in je nota.")),
        "none": (here, _("Geen enkele afspraak van dit onderdeel staat nog in je nota.")),
    }
    target, message = messages.get(action, (here, None))
    if taken:
        numbers = ", ".join(str(a.number) for a in taken)
        message = " ".join(
            m
            for m in (
                message,
                ngettext(
                    "Afspraak %(numbers)s staat in je nota: je koos er een variant of eigen tekst voor.",
                    "Afspraken %(numbers)s staan in je nota: je koos er een variant of eigen tekst voor.",
                    len(taken),
                    numbers=numbers,
                ),
            )
            if m
        )
    return target, message


@bp.route("/nota/onderdeel/<number>", methods=["GET", "POST"])
@draft_required
def section(number: str):
    """Choose, word and add agreements for one catalogue section (also saved in the background while typing)."""
    section = section_or_404(number)
    remember_where(url_for("wizard.section", number=number))
    part = g.draft.choices.part(number)
    form = section_form(section, data=None if request.method == "POST" else draft_data(section, part, g.draft.version))
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        found = for_action(section, answers(form), action)
        choices, progress = working_copy()
        taken = taken_by_editing(section, found)
        apply_section(choices, g.catalogue, section, found)
        if refused_as_too_big(choices, form.own_text_new):
            return refused_in_background(form) or (page(section, g.catalogue, form, part, g.draft.choices), 400)
        set_section_status(progress, number, _status(progress, choices, number, action))
        target, message = _target(section, action, taken)
        return save(form, choices, progress, target, lambda c, p: describe(section, c, p), message)
    return refused_in_background(form) or (
        page(section, g.catalogue, form, part, g.draft.choices),
        400 if form.errors else 200,
    )
