"""A note meets a newer edition: the offer on the overview, the upgrade page, and going back to a kept version.

The upgrade page's inputs live here too: one radio group `keuze-<id>` per agreement where the
user has a choice, a text box `tekst-<id>` for writing a new wording by hand, a checkbox `nieuw`
per agreement new in the edition, with a radio group `formulering-<id>` for its wording when it
has variants. Nothing is applied that the user did not see and submit; where their own words meet
a changed standard, nothing is preselected. The page says where each agreement lands (another
part of the note, when Kortom moved it) and which number it will have in the note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime

from ..db import drafts, editions, get_db, moment
from ..model import upgrade
from ..model.catalogue import Catalogue, Edition
from ..model.catalogue_diff import word_diff
from ..model.choices import refusal
from ..model.messages import N_
from ..model.note import compose
from ..model.text import clean
from ..web.fields import too_long
from ..web.i18n import gettext as _
from . import bp
from .current import draft_required
from .forms import ConfirmDraftForm

PICK, OWN_TEXT, ADD_NEW, WORDING = "keuze-", "tekst-", "nieuw", "formulering-"

GROUPS = (  # the page's sections, in the order the user meets them
    (upgrade.CONFLICT,),
    (upgrade.REWORDED,),
    (upgrade.SPLIT, upgrade.MERGED),
    (upgrade.REMOVED,),
    (upgrade.NEW,),
    (upgrade.UNCHANGED, upgrade.RENUMBERED),
)

CHANGED_ELSEWHERE = N_(
    "Je nota werd intussen ergens anders aangepast. Kijk het overzicht na en probeer het dan opnieuw."
)


def option_label(step: upgrade.Step, option: str) -> str:
    """What one choice of a step says on the page."""
    if option == upgrade.TAKE_NEW:
        return {
            upgrade.CONFLICT: _("De nieuwe standaardtekst nemen (je eigen formulering vervalt)"),
            upgrade.SPLIT: _("De nieuwe afspraken nemen"),
            upgrade.MERGED: _("De samengevoegde afspraak nemen"),
        }.get(step.status, _("De nieuwe tekst nemen"))
    if option == upgrade.KEEP_OLD:
        if step.status == upgrade.REWORDED:
            return _("De oude tekst houden")
        return _("De oude tekst houden als eigen afspraak")
    return {
        upgrade.KEEP_OWN: _("Mijn eigen formulering houden"),
        upgrade.EDIT: _("Zelf een nieuwe tekst schrijven"),
        upgrade.DROP: _("Uit mijn nota laten"),
    }[option]


def legend_for(step: upgrade.Step, numbers: dict[str, int]) -> str:
    """How the page names an agreement: its number in the note first, the catalogue's where it differs."""
    note = numbers.get(step.key, 0)
    if note and note != step.old_number:
        name = _(
            "Afspraak %(note)d in je nota (afspraak %(catalogue)d in de catalogus)",
            note=note,
            catalogue=step.old_number,
        )
    else:
        name = _("Afspraak %(note)d", note=note or step.old_number)
    if step.status == upgrade.SPLIT:
        return _("%(name)s: gesplitst in %(count)d afspraken", name=name, count=len(step.targets))
    if step.status == upgrade.MERGED:
        return _("%(name)s: samengevoegd met een andere afspraak", name=name)
    return name


def newer_edition_offer() -> Edition | None:
    """The newest published edition when the draft is on an older one (the overview's banner), else None."""
    newer = upgrade.newer_edition(g.draft.edition_id, editions.published_ids(get_db()))
    return editions.edition(get_db(), newer) if newer else None


@dataclass
class Answers:
    """What the user picked on the upgrade page, and what must be put right before it can be applied."""

    picked: dict[str, str] = field(default_factory=dict)
    edits: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    wordings: dict[str, str] = field(default_factory=dict)  # a new agreement's chosen variant ("": the original)

    def pick(self, step: upgrade.Step) -> str:
        """The option to show as chosen: the posted one, else the step's default (none where own words are at stake)."""
        return self.picked.get(step.key, "" if step.status == upgrade.CONFLICT else step.default)

    def text(self, step: upgrade.Step) -> str:
        """The hand-written wording to show in the step's text box."""
        return self.edits.get(step.key, step.own_text or step.new_text)


def read_answers(form, steps: list[upgrade.Step]) -> Answers:
    """The posted choices, checked against each step's options; a conflict needs an explicit choice."""
    answers = Answers()
    added = set(form.getlist(ADD_NEW))
    for step in steps:
        if step.status == upgrade.NEW:
            answers.picked[step.key] = upgrade.ADD if step.key in added else ""
            answers.wordings[step.key] = form.get(WORDING + step.key, "")
            continue
        value = form.get(PICK + step.key, "")
        typed = clean(form.get(OWN_TEXT + step.key, ""))
        if upgrade.EDIT in step.options and typed and typed != clean(answers.text(step)) and not value:
            value = upgrade.EDIT  # the user wrote a new text: that is the choice
        if value not in step.options:
            if step.status == upgrade.CONFLICT:
                answers.errors[step.key] = _("Kies wat er met je eigen formulering gebeurt.")
            continue
        answers.picked[step.key] = value
        if upgrade.EDIT in step.options:
            answers.edits[step.key] = typed  # kept as typed, whatever was chosen
        if value == upgrade.EDIT:
            problem = too_long(typed) or (
                "" if typed else _("Typ de tekst die je wilt, of kies een andere mogelijkheid.")
            )
            if problem:
                answers.errors[step.key] = problem
    return answers


def _catalogues(target: str) -> tuple[Catalogue, Catalogue]:
    return g.catalogue, editions.load(get_db(), target)


def _page(new: Catalogue, steps: list[upgrade.Step], answers: Answers, form, status: int = 200):
    numbers = compose(g.draft.choices, g.catalogue).numbers
    moved = upgrade.upgraded(g.draft.choices, g.catalogue, new, answers.picked, answers.edits, answers.wordings)
    later = compose(moved, new).numbers  # the note's numbers after the move, as the page's choices stand
    grouped = {group: [s for s in steps if s.status in group] for group in GROUPS}
    new_by_section: dict[str, list[upgrade.Step]] = {}
    for step in grouped[(upgrade.NEW,)]:
        new_by_section.setdefault(step.section, []).append(step)
    diffs = {s.key: word_diff(s.old_text, s.new_text) for s in steps if s.old_text and s.new_text}
    return render_template(
        "wizard/new_edition.html",
        new=new,
        grouped=grouped,
        new_by_section=new_by_section,
        diffs=diffs,
        answers=answers,
        form=form,
        names={"pick": PICK, "text": OWN_TEXT, "add": ADD_NEW, "wording": WORDING},
        option_label=option_label,
        legend_for=lambda step: legend_for(step, numbers),
        note_number=lambda step: later.get(step.targets[0], 0) if step.targets else 0,
        note_before=lambda step: numbers.get(step.key, 0),
        later_numbers=later,
        renumbered=sum(1 for s in steps if s.targets and numbers.get(s.key) not in (None, later.get(s.targets[0]))),
        news=upgrade.news(g.draft.choices, g.catalogue, new),
    ), status


@bp.route("/nota/nieuwe-editie", methods=["GET", "POST"])
@draft_required
def new_edition():
    """What the newest edition changes for this note, and moving the note to it as the user chooses."""
    offer = newer_edition_offer()
    if offer is None:
        flash(_("Je nota staat al op de nieuwste editie van de catalogus."), "status")
        return redirect(url_for("wizard.overview"))
    old, new = _catalogues(offer.id)
    steps = upgrade.plan(g.draft.choices, old, new)
    form = ConfirmDraftForm(data=None if request.method == "POST" else {"version": g.draft.version})
    if request.method == "GET":
        return _page(new, steps, Answers(), form)
    answers = read_answers(request.form, steps)
    if not form.validate_on_submit():
        answers.errors.setdefault("", _("Je keuzes zijn nog niet toegepast. Klik nog eens op de knop."))
        form.version.data = str(g.draft.version)
    if answers.errors:
        return _page(new, steps, answers, form, 400)
    choices = upgrade.upgraded(g.draft.choices, old, new, answers.picked, answers.edits, answers.wordings)
    problem = refusal(choices)
    if problem is not None:
        answers.errors[""] = _(problem.text, **problem.params)
        return _page(new, steps, answers, form, 400)
    progress = upgrade.moved_progress(g.draft.progress, old, new)
    reason = _("Voor de overstap naar editie %(edition)s", edition=new.edition.id)
    try:
        drafts.replace_note(get_db(), g.draft.id, int(form.version.data), choices, progress, reason)
    except drafts.Conflict as conflict:
        answers.errors[""] = _(
            "Je nota werd intussen ergens anders aangepast. Bekijk je keuzes hieronder opnieuw: ze staan er nog."
        )
        g.draft = conflict.current
        form.version.data = str(conflict.current.version)
        return _page(new, upgrade.plan(g.draft.choices, old, new), answers, form, 409)
    current_app.logger.info("Draft %s moved from edition %s to %s", g.draft.id, old.edition.id, new.edition.id)
    flash(
        _(
            "Je nota staat nu op editie %(new)s. De versie op editie %(old)s is bewaard: "
            "je vindt ze onderaan het overzicht, bij “Eerdere versies”, met een wijzigingsnota tegenover die versie.",
            new=new.edition.id,
            old=old.edition.id,
        ),
        "status",
    )
    return redirect(url_for("wizard.overview"))


def kept_versions_shown() -> list[tuple[drafts.KeptVersion, str]]:
    """The draft's kept versions with when they were kept, for the overview (newest first)."""
    kept = drafts.kept_versions(get_db(), g.draft.id)
    return [(version, format_datetime(moment(version.created_at), "d MMMM y, HH:mm")) for version in kept]


@bp.post("/nota/versies/<int:kept_id>/terug")
@draft_required
def restore_version(kept_id: int):
    """Make a kept version the note again; the version it replaces is kept in turn, so this can be undone."""
    form = ConfirmDraftForm()
    if not form.validate_on_submit():
        flash(_("Je nota is niet veranderd. Probeer het nog eens."), "error")
        return redirect(url_for("wizard.overview"))
    reason = _("Voor de terugkeer naar een eerdere versie")
    try:
        restored = drafts.restore(get_db(), g.draft.id, kept_id, int(form.version.data), reason)
    except LookupError:
        flash(_("Die versie bestaat niet (meer)."), "error")
        return redirect(url_for("wizard.overview"))
    except drafts.Conflict:
        flash(
            _(CHANGED_ELSEWHERE),
            "error",
        )
        return redirect(url_for("wizard.overview"))
    flash(
        _(
            "Je werkt nu weer met je nota op editie %(edition)s. De versie die je verliet, "
            "vind je onderaan bij “Eerdere versies”.",
            edition=restored.edition_id,
        ),
        "status",
    )
    return redirect(url_for("wizard.overview"))
