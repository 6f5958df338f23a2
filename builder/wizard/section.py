"""A catalogue section's page in the wizard: the section-page component (builder/web/section_page/), saved.

The component draws the page, reads and checks its inputs and names the units of the note it changes;
here the answers become the note (`model.building.apply_section`), the section's status moves, and
the buttons go where they say.
"""

from __future__ import annotations

from flask import flash, g, request, url_for

from ..db import get_db, usage
from ..model.building import (
    DONE,
    IN_PROGRESS,
    apply_section,
    note_tailor,
    section_status,
    set_section_status,
    taken_by_editing,
)
from ..model.catalogue import Section
from ..model.choices import Choices
from ..model.messages import Message
from ..model.usage import peer_kind
from ..web.i18n import gettext as _
from ..web.i18n import ngettext
from ..web.section_page import answers, draft_data, for_action, page, section_form, unit_keys, without_refused
from . import bp
from .current import draft_required, remember_where, section_or_404, working_copy
from .reviewing import draft_comments
from .saving import page_data, refused_beside, refused_in_background, repair_version, save, shown_now

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


def _new_own(before: Choices, after: Choices, number: str) -> str:
    """The anchor of the own agreement a save added: the first place where the section's own agreements differ."""

    def own(choices: Choices) -> list[tuple[str, str]]:
        part = choices.part(number)
        return [(c.text, c.after) for c in part.agreements if c.is_own] if part else []

    old, new = own(before), own(after)
    k = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
    return f"#eigen-afspraak-{k + 1}" if len(new) > len(old) else "#eigen-afspraken"


def _target(section: Section, action: str, taken: list, added: str) -> tuple[str, str | None]:
    here = url_for("wizard.section", number=section.number)
    messages = {
        "done": (url_for("wizard.overview"), _("Onderdeel %(number)s is klaar.", number=section.number)),
        "next": (next_page(section), _("Onderdeel %(number)s is klaar.", number=section.number)),
        "add-own": (here + added, _("Je eigen afspraak is toegevoegd.")),
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
    tailor = note_tailor(g.draft.choices, g.catalogue)
    keys = unit_keys(section)
    data = None if request.method == "POST" else page_data(keys, **draft_data(section, part, tailor))
    form = section_form(section, data=data)
    valid = form.validate_on_submit()
    if valid or _only_answers_refused(form):  # what can be saved is saved; a refused answer waits with its message
        action = request.form.get("action", "save") if valid else "save"
        found = for_action(section, answers(form), action, tailor)
        if not valid:
            found = without_refused(section, found, form, part, tailor)
        choices, progress = working_copy()
        taken = taken_by_editing(section, found, tailor)
        before, choices = choices, apply_section(choices, g.catalogue, section, found)
        set_section_status(progress, number, _status(progress, choices, number, action))
        target, message = _target(section, action, taken, _new_own(before, choices, number))
        then = None if valid else lambda: _refused_page(section, form, keys)
        too_big = lambda problem: _too_big(section, form, part, problem)  # noqa: E731
        return save(form, choices, progress, target, keys, message, then=then, too_big=too_big)
    return refused_in_background(form) or (_page(section, form, part), 400 if form.errors else 200)


def _too_big(section: Section, form, part, problem: Message):
    """A note the page would take beyond the limits: nothing saved, the message beside the new agreement's box."""
    refused_beside(form.own_text_new, problem)
    return refused_in_background(form) or (_page(section, form, part), 400)


ANSWERS = frozenset({"agreements", "own", "own_text_new"})  # the fields of the user's answers on a section page


def _only_answers_refused(form) -> bool:
    """True for a post whose page and session check out, with a message only at some of the answers."""
    return request.method == "POST" and bool(form.errors) and set(form.errors) <= ANSWERS


def _refused_page(section: Section, form, keys: list[str]):
    """After saving the rest: the page again, the refused answers as typed with their messages."""
    form.version.data, form.shown.data = str(g.draft.version), shown_now(keys)
    if (refusal := refused_in_background(form, saved=g.draft)) is not None:
        return refusal
    flash(_("De rest van dit onderdeel is bewaard. Pas aan wat hieronder gemeld wordt en bewaar opnieuw."), "info")
    return _page(section, form, g.draft.choices.part(section.number)), 400


def _page(section: Section, form, part):
    """The page as the draft shows it, with its open comments; a garbled version is repaired so it can be sent."""
    repair_version(form)
    peers = usage.peer_counts(get_db(), g.catalogue.edition.id, peer_kind(g.draft.choices), section.id)
    return page(section, g.catalogue, form, part, g.draft.choices, peers, **draft_comments())
