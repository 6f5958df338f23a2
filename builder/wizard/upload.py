"""Continuing a downloaded note: the start page's upload, and the changes made in Word, one by one.

The upload makes a new draft with a new private link (the old draft may be long gone). What was
changed in Word waits in the draft's progress (`word_changes`) until the user decides on each
change on `/nota/wijzigingen-uit-word`: radios `wijziging-<n>`, "ja" to take the change, "nee"
to keep the note as it was. Nothing is preselected; "Alles overnemen" takes them all at once.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from ..db import drafts, editions, get_db
from ..formats.upload import MAX_BYTES, UploadRefused, one_of_few
from ..model import merging
from ..model.catalogue import Catalogue
from ..model.catalogue_diff import word_diff
from ..model.choices import from_stored, refusal
from ..model.word_changes import (
    ADDED,
    CHAPTER_DROPPED,
    CHAPTER_EDITED,
    DELETED,
    EDITED,
    PART_TITLE,
    TITLE,
    VISION,
    WordChange,
    apply_word_changes,
)
from ..web.i18n import gettext as _
from ..web.i18n import ngettext
from ..web.security import accepts_upload, within_rate
from . import bp
from .current import draft_required, open_draft, working_copy
from .forms import ConfirmDraftForm, UploadForm
from .house_style import TOO_MANY, bring_back, upload_refusal
from .new_edition import newer_edition_offer
from .saving import page_data, save
from .start import start_page

DECISION, ALL = "wijziging-", "all"


def published(edition_id: str) -> Catalogue | None:
    """A published edition by id, for a note brought back on it; None when there is no such edition."""
    found = editions.edition(get_db(), edition_id)
    return editions.load(get_db(), edition_id) if found is not None and found.is_published else None


@bp.post("/nota/uit-bestand")
@accepts_upload
def upload():
    """A downloaded note (.docx or choices .json) becomes a new draft with a new private link."""
    # python-docx is imported on first use (see note_pages.download): most requests never need it.
    from ..formats.note_file import import_note

    form = UploadForm()
    if form.validate_on_submit() and not within_rate("upload"):
        form.note_file.errors.append(_(TOO_MANY))
        return start_page(upload=form, status=429)
    if not form.errors and form.note_file.data:
        data = form.note_file.data.read(MAX_BYTES + 1)
        try:
            with one_of_few():
                imported = import_note(data, form.note_file.data.filename or "", published)
        except UploadRefused as refused:
            form.note_file.errors.append(upload_refusal(refused))
        else:
            if not within_rate("new-note"):
                abort(429)
            token = drafts.new_token()
            draft = drafts.create(get_db(), token, imported.choices, imported.progress())
            open_draft(token)
            template = bring_back(draft.id, data, imported.house_style)
            flash(_("Je nota is weer geopend, met een nieuwe bewaarlink."), "status")
            if template:
                flash(_("Ze wordt weer gemaakt op je Word-sjabloon “%(name)s”.", name=template), "status")
            return redirect(url_for("wizard.saved_link"))
    return start_page(upload=form, status=400)


def pending_changes() -> tuple[list[WordChange], dict]:
    """The changes from Word still to decide on, and what the upload said about them ([] when none)."""
    pending = g.draft.progress.get("word_changes") or {}
    return [WordChange(**c) for c in pending.get("changes", [])], pending


def _wording(change: WordChange) -> tuple[str, str, str]:
    """What a change is about (the fieldset's legend), and the answers to take it or not."""
    if change.kind == EDITED:
        legend = _("Afspraak %(n)d: gewijzigd in Word", n=change.number)
        return legend, _("De tekst uit Word overnemen"), _("De tekst van mijn nota houden")
    if change.kind == DELETED:
        legend = _("Afspraak %(n)d: geschrapt in Word", n=change.number)
        return legend, _("Deze afspraak weglaten uit mijn nota"), _("De afspraak houden")
    if change.kind == TITLE:
        return _("Titel: gewijzigd in Word"), _("De titel uit Word overnemen"), _("De titel van mijn nota houden")
    if change.kind == PART_TITLE:
        legend = _("Titel van je eigen onderdeel “%(title)s”: gewijzigd in Word", title=change.before)
        return legend, _("De titel uit Word overnemen"), _("De titel van mijn nota houden")
    if change.kind == VISION and not change.after:
        legend = _("%(heading)s: geschrapt in Word", heading=change.heading)
        return legend, _("Je visie weglaten uit mijn nota"), _("Je visie houden")
    if change.kind == VISION:
        legend = _("%(heading)s: gewijzigd in Word", heading=change.heading)
        return legend, _("De tekst uit Word overnemen"), _("De tekst van mijn nota houden")
    if change.kind == CHAPTER_DROPPED:
        legend = _("Inleiding %(heading)s: geschrapt in Word", heading=change.heading)
        return legend, _("Dit hoofdstuk weglaten uit mijn nota"), _("Het hoofdstuk houden")
    if change.kind == CHAPTER_EDITED:
        legend = _("Inleiding %(heading)s: gewijzigd in Word", heading=change.heading)
        yes = _("De tekst uit Word als eigen tekst in je visie (1.1) zetten")
        return legend, yes, _("De tekst uit de catalogus houden")
    if change.number:
        legend = _("Toegevoegd in Word, na afspraak %(n)d", n=change.number)
    else:
        legend = _("Toegevoegd in Word, aan het begin van een onderdeel")
    return legend, _("Opnemen als eigen afspraak"), _("Niet opnemen")


def _question(change: WordChange) -> str:
    """The message for a change left undecided, naming it (the error summary lists them all)."""
    if change.kind == EDITED:
        return _("Afspraak %(n)d: kies of je de tekst uit Word overneemt.", n=change.number)
    if change.kind == DELETED:
        return _("Afspraak %(n)d: kies of je ze weglaat uit je nota.", n=change.number)
    if change.kind == ADDED and change.number:
        return _("Kies of je de afspraak die in Word na afspraak %(n)d toegevoegd werd, opneemt.", n=change.number)
    if change.kind == ADDED:
        return _("Kies of je de afspraak die in Word aan het begin van een onderdeel toegevoegd werd, opneemt.")
    return _("%(change)s. Kies of je die wijziging overneemt.", change=_wording(change)[0])


def _page(changes: list[WordChange], pending: dict, form, errors: dict[int, str], picked: dict[int, str]):
    diffs = {i: word_diff(c.before, c.after) for i, c in enumerate(changes) if c.before and c.after}
    return render_template(
        "wizard/word_changes.html",
        changes=changes,
        tracked=pending.get("tracked", False),
        diffs=diffs,
        errors=errors,
        picked=picked,
        form=form,
        name=DECISION,
        wordings=[_wording(c) for c in changes],
        catalogue_chapter=CHAPTER_EDITED,
    ), 400 if errors else 200


@bp.route("/nota/wijzigingen-uit-word", methods=["GET", "POST"])
@draft_required
def word_changes_page():
    """Each change made in Word, to take into the note or leave out."""
    changes, pending = pending_changes()
    if not changes:
        flash(_("Er zijn geen wijzigingen uit Word meer na te kijken."), "status")
        return redirect(url_for("wizard.overview"))
    keys = merging.note_keys(g.draft.choices, g.catalogue)
    form = ConfirmDraftForm(data=None if request.method == "POST" else page_data(keys))
    if request.method == "GET":
        return _page(changes, pending, form, {}, {})
    take_all = request.form.get("action") == ALL
    picked = {i: request.form.get(f"{DECISION}{i}", "") for i in range(len(changes))}
    unanswered = [i for i, v in picked.items() if v not in ("ja", "nee")]
    errors = {} if take_all else {i: _question(changes[i]) for i in unanswered}
    if not form.validate_on_submit():
        errors[-1] = _("Je keuzes zijn nog niet toegepast. Klik nog eens op de knop.")
        form.version.data = str(g.draft.version)
    if g.draft.choices != from_stored(pending.get("base") or {}):
        errors[-1] = _(
            "Je nota veranderde sinds je het bestand uploadde, dus deze wijzigingen passen er niet meer op. "
            "Upload het bestand opnieuw op de startpagina om ze nog eens te zien."
        )
    if errors:
        return _page(changes, pending, form, errors, picked)
    accepted = set(range(len(changes))) if take_all else {i for i, v in picked.items() if v == "ja"}
    choices, progress = working_copy()
    choices = apply_word_changes(choices, changes, accepted)
    if (problem := refusal(choices)) is not None:
        return _page(changes, pending, form, {-1: _(problem.text, **problem.params)}, picked)
    progress.pop("word_changes", None)
    next_url = url_for("wizard.new_edition") if newer_edition_offer() else url_for("wizard.overview")
    message = ngettext(
        "%(taken)d van de %(num)d wijziging uit Word staat nu in je nota.",
        "%(taken)d van de %(num)d wijzigingen uit Word staan nu in je nota.",
        len(changes),
        taken=len(accepted),
    )
    return save(form, choices, progress, next_url, keys, message)
