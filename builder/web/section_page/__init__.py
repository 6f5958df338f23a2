"""A catalogue section's page as a component: every agreement's controls, the own agreements and the intro.

This package is the whole agreement-on-a-section-page component, shared by the wizard (which saves
it, builder/wizard/section.py) and the curators' preview. `inputs.py` names an agreement's inputs
once (`AgreementInputs`, handed to the template), reads a post into answers, checks them and gives
the draft's values as the page shows them; `drawing.py` prepares what templates/wizard/section.html
and _pick.html draw; here are the rows the conflict page compares.
"""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _

from ...model.building import DONE, IN_PROGRESS, NOT_STARTED, final_text, note_tailor, section_status
from ...model.catalogue import Section
from ...model.choices import Choices
from .drawing import page
from .inputs import AgreementInputs, OwnInputs, answers, draft_data, for_action, places, section_form

__all__ = [
    "AgreementInputs",
    "OwnInputs",
    "answers",
    "describe",
    "draft_data",
    "for_action",
    "page",
    "section_form",
]


def describe(section: Section, choices: Choices, progress: dict) -> list[tuple[str, str]]:
    """Everything this page posts, as the note holds it: one (label, text) row each, for the conflict page."""
    part = choices.part(section.number)
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    tailor = note_tailor(choices, g.catalogue)
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
            if choice.untailored:
                prefix += "[" + _("woorden van de catalogus") + "] "
            rows.append((label, prefix + final_text(choice, agreement, tailor)))
    where = dict(places(section))
    own = [c for c in part.agreements if c.is_own] if part else []
    for k, choice in enumerate(own, start=1):
        rows.append((_("Eigen afspraak %(k)d", k=k), f"{choice.text} ({where.get(choice.after or '', '')})"))
    return rows


STATUS_LABELS = {DONE: lambda: _("Klaar"), IN_PROGRESS: lambda: _("Bezig"), NOT_STARTED: lambda: _("Niet begonnen")}
