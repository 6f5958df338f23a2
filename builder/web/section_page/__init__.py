"""A catalogue section's page as a component: every agreement's controls, the own agreements and the intro.

This package is the whole agreement-on-a-section-page component, shared by the wizard (which saves
it, builder/wizard/section.py) and the curators' preview. `inputs.py` names an agreement's inputs
once (`AgreementInputs`, handed to the template), reads a post into answers, checks them and gives
the draft's values as the page shows them, and names the units of the note it changes
(`unit_keys`, model/merging.py); `drawing.py` prepares what templates/wizard/section.html and
_pick.html draw (`frames.py`: each agreement's controls, drawn once with slots for the answer).
"""

from __future__ import annotations

from .drawing import page
from .inputs import (
    AgreementInputs,
    OwnInputs,
    answers,
    draft_data,
    for_action,
    section_form,
    unit_keys,
    without_refused,
)

__all__ = [
    "AgreementInputs",
    "OwnInputs",
    "answers",
    "draft_data",
    "for_action",
    "page",
    "section_form",
    "unit_keys",
    "without_refused",
]
