"""The overview: the note's task list (every step and section with where it stands), and taking the whole catalogue.

It is the page officers see most, so it does little per request: what a section row shows whatever
the user chose (its number, tailored title and size) is made once per section and terminology table
(`caches.overview_rows`); per request come only the counts, the statuses and one translation of each
sentence, filled in for every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from flask import flash, g, redirect, render_template, url_for
from markupsafe import Markup, escape

from .. import caches
from ..db import drafts, get_db
from ..model.building import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    TAKEN,
    note_tailor,
    section_status,
    take_whole_catalogue,
    untouched_sections,
)
from ..model.catalogue import Section
from ..model.choices import Choices
from ..model.terminology import Tailor, tailored_text
from ..web.fixed import per_language
from ..web.i18n import gettext as _
from ..web.i18n import ngettext
from . import bp
from .current import draft_required, remember_where, working_copy
from .forms import ConfirmDraftForm
from .new_edition import CHANGED_ELSEWHERE, kept_versions_shown, newer_edition_offer
from .reviewing import draft_comments


@dataclass(frozen=True)
class SectionRow:
    """What the overview shows of a section whatever the user chose."""

    number: str
    label: str  # "5.1 Provinciale diensten …", tailored to the note's kind of organisation
    total: int


class Row(NamedTuple):
    """One line of the task list as this note has it."""

    href: str
    label: str
    hint: str
    status: str
    comments: str = ""  # "2 opmerkingen open", or ""


def section_rows(sections: tuple[Section, ...], tailor: Tailor | None) -> tuple[SectionRow, ...]:
    """The fixed part of every section's row (kept per edition's sections and terminology table)."""

    def make() -> tuple[SectionRow, ...]:
        return tuple(
            SectionRow(s.number, f"{s.number} {tailored_text(tailor, s.title)}", len(s.agreements)) for s in sections
        )

    return caches.overview_rows.get((sections, tailor.terms if tailor else None), make)


def status_tags() -> dict[str, Markup]:
    """Klaar, Bezig and Niet begonnen as tags, drawn once per language (the overview shows ~16)."""
    return per_language(
        "overview status tags",
        lambda: {
            DONE: Markup('<strong class="tag tag--done">%s</strong>') % _("Klaar"),
            IN_PROGRESS: Markup('<strong class="tag tag--busy">%s</strong>') % _("Bezig"),
            NOT_STARTED: Markup('<strong class="tag tag--todo">%s</strong>') % _("Niet begonnen"),
            TAKEN: Markup('<strong class="tag tag--taken">%s</strong>') % _("Overgenomen, niet nagekeken"),
        },
    )


TASK = (
    '<li class="task">\n    <span class="task__main">\n      <a class="task__name" href="{href}">{label}</a>\n'
    '      <span class="task__hint">{hint}{comments}</span>\n    </span>\n    {tag}\n  </li>\n'
)
COMMENTS = ' · <a href="{href}#opmerkingen">{count}</a>'


def task_list(rows: list[Row], tags: dict[str, Markup], comments_href: str) -> Markup:
    """The lines of a task list as HTML, drawn here rather than by a macro per line (the overview shows ~16)."""
    where = escape(comments_href)
    return Markup(
        "".join(
            TASK.format(
                href=escape(row.href),
                label=escape(row.label),
                hint=escape(row.hint),
                comments=COMMENTS.format(href=where, count=escape(row.comments)) if row.comments else "",
                tag=tags[row.status],
            )
            for row in rows
        )
    )


def _comments(count: int) -> str:
    return ngettext("%(num)d opmerking open", "%(num)d opmerkingen open", count) if count else ""


def rows(choices: Choices, progress: dict, open_per_part: dict) -> list[Row]:
    """The catalogue's sections as this note has them: chosen and own agreements counted, status, comments."""
    chosen = _("%(num)d van de %(total)d afspraken gekozen")  # one translation, filled in for every row
    href = url_for("wizard.section", number="NUMMER")
    parts = {p.number: p.agreements for p in choices.sections if p.number}
    found = []
    for row in section_rows(g.catalogue.sections, note_tailor(choices, g.catalogue)):
        agreements = parts.get(row.number, ())
        own = sum(1 for c in agreements if c.is_own)
        hint = chosen % {"num": len(agreements) - own, "total": row.total}
        if own:
            hint += " · " + ngettext("%(num)d eigen afspraak", "%(num)d eigen afspraken", own)
        status = section_status(progress, choices, row.number)
        comments = _comments(open_per_part.get(row.number, 0))
        found.append(Row(href.replace("NUMMER", row.number), row.label, hint, status, comments))
    return found


def counts(choices: Choices, sections: list[Row]) -> str:
    """ "Je nota telt 12 afspraken. 3 van de 14 onderdelen zijn klaar.", and how many were taken unchecked."""
    done, taken = sum(1 for r in sections if r.status == DONE), sum(1 for r in sections if r.status == TAKEN)
    said = [
        ngettext("Je nota telt %(num)d afspraak.", "Je nota telt %(num)d afspraken.", choices.agreement_count),
        ngettext(
            "%(num)d van de %(total)d onderdelen is klaar.",
            "%(num)d van de %(total)d onderdelen zijn klaar.",
            done,
            total=len(sections),
        ),
    ]
    if taken:
        said.append(
            ngettext(
                "%(num)d onderdeel is overgenomen en nog niet nagekeken.",
                "%(num)d onderdelen zijn overgenomen en nog niet nagekeken.",
                taken,
            )
        )
    return " ".join(said)


def own_rows(choices: Choices, open_per_part: dict) -> list[Row]:
    """The note's own sections as task list lines."""
    return [
        Row(
            url_for("wizard.own_section", key=p.key),
            p.title,
            ngettext("%(num)d afspraak", "%(num)d afspraken", len(p.agreements)),
            DONE if p.agreements else IN_PROGRESS,
            _comments(open_per_part.get(p.key, 0)),
        )
        for p in choices.sections
        if p.is_own
    ]


@bp.get("/nota/overzicht")
@draft_required
def overview():
    """The task list: every step and every section with where it stands.

    `whole` is the form of the buttons that replace the note as a whole (take the rest of the
    catalogue, undo that, go back to a kept version): it carries the version only, since what
    they do is never merged, and is made only when one of them is shown.
    """
    remember_where(url_for("wizard.overview"))
    choices = g.draft.choices
    open_per_part = draft_comments().get("open_per_part", {})
    sections = rows(choices, g.draft.progress, open_per_part)
    own = own_rows(choices, open_per_part)
    kept = kept_versions_shown()
    untouched = untouched_sections(choices, g.catalogue, g.draft.progress)
    tags, reviewing = status_tags(), url_for("wizard.reviewing")
    return render_template(
        "wizard/overview.html",
        title=choices.display_title or _("Je afsprakennota"),
        sections=sections,
        own=own,
        lines=task_list(sections, tags, reviewing),
        own_lines=task_list(own, tags, reviewing),
        counts=counts(choices, sections),
        tags=tags,
        reviewing=reviewing,
        whole=ConfirmDraftForm(data={"version": g.draft.version}) if untouched or kept else None,
        untouched=(len(untouched), sum(len(s.agreements) for s in untouched)),
        undo=kept[0][0] if kept and g.draft.progress.get(TAKEOVER) == g.draft.version else None,
        offer=newer_edition_offer(),
        kept=kept,
    )


TAKEOVER = "takeover"  # in progress: the version the takeover made (its undo is offered while it is current)


@bp.post("/nota/overzicht/alles")
@draft_required
def take_everything():
    """The fastest path: every agreement of the sections not worked on yet into the note; can be undone."""
    form = ConfirmDraftForm()
    if not form.validate_on_submit():
        flash(_("Je nota is niet veranderd. Probeer het nog eens."), "error")
        return redirect(url_for("wizard.overview"))
    choices, progress = working_copy()
    before = choices.agreement_count
    choices = take_whole_catalogue(choices, g.catalogue, progress)
    progress[TAKEOVER] = int(form.version.data) + 1
    reason = _("Voor je de rest van de catalogus in één keer overnam")
    try:
        drafts.replace_note(get_db(), g.draft.id, int(form.version.data), choices, progress, reason)
    except drafts.Conflict:
        flash(_(CHANGED_ELSEWHERE), "error")
        return redirect(url_for("wizard.overview"))
    flash(
        _(
            "%(n)d afspraken uit de catalogus staan nu in je nota. Kijk elk onderdeel na en schrap wat niet bij jullie "
            "past.",
            n=choices.agreement_count - before,
        ),
        "status",
    )
    return redirect(url_for("wizard.overview"))
