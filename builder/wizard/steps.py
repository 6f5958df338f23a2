"""The steps of the wizard, in one registry: the progress label, the overview's task names and page titles.

Pages name their step by endpoint; nothing builds or parses step names from strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

from ..model.messages import N_
from ..web.fixed import per_language
from ..web.i18n import gettext as _
from . import bp


@dataclass(frozen=True)
class Step:
    """A numbered step: its key, the page that opens it, its title and its place."""

    key: str
    endpoint: str
    title: str  # a Dutch msgid, translated where it is shown
    number: int


STEPS = (
    Step("organisatie", "wizard.organisation", N_("Je organisatie"), 1),
    Step("inleiding", "wizard.introduction", N_("Inleiding en visie"), 2),
    Step("afspraken", "wizard.overview", N_("Afspraken kiezen"), 3),
    Step("nalezen", "wizard.review", N_("Je nota nalezen"), 4),
    Step("downloaden", "wizard.download", N_("Downloaden"), 5),
)

# Pages that belong to a step without opening it.
PART_OF = {
    "wizard.section": "afspraken",
    "wizard.own_sections": "afspraken",
    "wizard.own_section": "afspraken",
    "wizard.house_style": "downloaden",
    "wizard.upload_template": "downloaden",
    "wizard.upload_logo": "downloaden",
}


def step(key: str) -> Step:
    """The step with this key; KeyError when there is none."""
    return next(s for s in STEPS if s.key == key)


def step_of(endpoint: str | None) -> Step | None:
    """The step a page belongs to, or None for pages outside the steps (start, bewaarlink)."""
    for candidate in STEPS:
        if candidate.endpoint == endpoint:
            return candidate
    key = PART_OF.get(endpoint or "")
    return step(key) if key else None


@bp.app_template_global()
def step_label() -> str:
    """ "Stap 3 van 5: Afspraken per onderdeel" for the page being shown, or "" outside the steps."""
    found = step_of(request.endpoint)
    if found is None:
        return ""
    return per_language(
        f"step label {found.key}",
        lambda: _("Stap %(n)d van %(total)d: %(title)s", n=found.number, total=len(STEPS), title=_(found.title)),
    )


@bp.app_template_global()
def step_title(key: str) -> str:
    """The translated title of a step, for the overview's task list."""
    return per_language(f"step title {key}", lambda: _(step(key).title))
