"""The curators' history: who changed what and when, per field and paragraph, and restoring an earlier version."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ..db import editions, get_db, history, suggestions
from ..model import plain, restoring, versions
from ..model.catalogue import Catalogue
from ..model.editing import EditError
from ..model.messages import N_
from ..model.organisations import organisation_type
from ..model.text import first_words
from ..model.text_diff import field_diffs
from ..web.i18n import gettext as _
from ..web.security import safe_next
from . import bp
from .common import editable, load_edition, translated, when
from .content_forms import read_place
from .forms import ConfirmForm
from .new_agreements import SUGGESTION
from .saving import Stale, check_version, commit, line

LABELS = {
    ("edition", "add"): N_("Nieuwe editie gestart"),
    ("edition", "edit"): N_("Gegevens van de editie gewijzigd"),
    ("edition", "publish"): N_("Editie gepubliceerd"),
    ("edition", "rename"): N_("Editie hernoemd"),
    ("edition", "remove"): N_("Editie verwijderd"),
    ("terminology", "edit"): N_("Terminologie gewijzigd"),
    ("edition", "migrations"): N_("“Wat werd er van de afspraken?” bijgewerkt"),
    ("chapter", "add"): N_("Hoofdstuk toegevoegd"),
    ("chapter", "edit"): N_("Hoofdstuk gewijzigd"),
    ("chapter", "remove"): N_("Hoofdstuk verwijderd"),
    ("chapter", "move"): N_("Hoofdstuk verplaatst"),
    ("chapter", "restore"): N_("Hoofdstuk hersteld"),
    ("section", "add"): N_("Onderdeel toegevoegd"),
    ("section", "edit"): N_("Onderdeel gewijzigd"),
    ("section", "references"): N_("“Meer lezen?” van het onderdeel gewijzigd"),
    ("section", "remove"): N_("Onderdeel verwijderd"),
    ("section", "move"): N_("Onderdeel verplaatst"),
    ("section", "restore"): N_("Onderdeel hersteld"),
    ("agreement", "add"): N_("Afspraak toegevoegd"),
    ("agreement", "edit"): N_("Afspraak gewijzigd"),
    ("agreement", "remove"): N_("Afspraak verwijderd"),
    ("agreement", "move"): N_("Afspraak verplaatst"),
    ("agreement", "restore"): N_("Afspraak hersteld"),
    ("agreement", "variant-toevoegen"): N_("Variant toegevoegd"),
    ("agreement", "variant-bewaren"): N_("Variant gewijzigd"),
    ("agreement", "variant-verwijderen"): N_("Variant verwijderd"),
    ("variant", "add"): N_("Variant toegevoegd"),
    ("variant", "edit"): N_("Variant gewijzigd"),
    ("variant", "remove"): N_("Variant verwijderd"),
    ("variant", "restore"): N_("Variant hersteld"),
}
SUMMARIES = {"hoger": N_("één plaats hoger"), "lager": N_("één plaats lager")}


def _subject(change: dict, catalogue: Catalogue) -> str:
    """What a change is about, as curators recognise it (never an id)."""
    data = change["after"] or change["before"] or {}
    kind = change["kind"]
    if kind == "agreement" and data.get("text"):
        return _("afspraak %(n)d (%(words)s)", n=data.get("number", 0), words=first_words(data["text"][0], 6))
    if kind == "variant":
        number = next((a.number for a in catalogue.agreements if a.id == change["entity_id"]), None)
        if number:
            return _("variant “%(label)s” van afspraak %(n)d", label=data.get("label", ""), n=number)
        return _("variant “%(label)s”", label=data.get("label", ""))
    if kind == "section":
        return _("onderdeel %(number)s %(title)s", number=data.get("number", ""), title=data.get("title", ""))
    if kind == "chapter":
        return _("hoofdstuk “%(title)s”", title=data.get("title", ""))
    if kind == "terminology":
        found = organisation_type(change["entity_id"])
        return _("de woorden voor “%(kind)s”", kind=_(found.label) if found else change["entity_id"])
    return _("editie %(id)s", id=change["edition_id"])


def entries(changes: list[dict], catalogue: Catalogue, draft: str | None) -> list[dict]:
    """History lines as the page shows them: nl-BE time, Dutch label, subject, a diff per field and paragraph."""
    numbers = {a.id: a.number for a in catalogue.agreements}
    shown = []
    for change in changes:
        copied = change["kind"] == "edition" and change["action"] == "add"  # a copy of the previous edition
        fields = [] if copied else field_diffs(change["kind"], change["before"], change["after"], numbers.get)
        summary = change["summary"]
        if summary.startswith(SUGGESTION):
            summary = _("uit een suggestie van een gebruiker")
        moved = _moved_from(change) is not None  # undone by putting the agreement back (put_back)
        undoable = fields or moved or not change["before"]
        restorable = bool(draft and change["kind"] in restoring.RESTORABLE and undoable)
        shown.append(
            {
                "id": change["id"],
                "when": when(change["at"]),
                "curator": change["curator"],
                "edition_id": change["edition_id"],
                "label": _(LABELS.get((change["kind"], change["action"]), N_("Wijziging"))),
                "subject": _subject(change, catalogue),
                "summary": _(SUMMARIES[summary]) if summary in SUMMARIES else summary,
                "fields": fields,
                "restore_after": restorable and change["after"] is not None and not moved,
                "restore_before": restorable and change["before"] is not None,
            }
        )
    return shown


def _page(catalogue: Catalogue, changes: list[dict], title: str):
    draft = editions.draft_edition(get_db())
    return render_template(
        "beheer/history.html",
        catalogue=catalogue,
        entries=entries(changes, catalogue, draft),
        draft=draft,
        title=title,
        form=ConfirmForm(),
    )


@bp.get("/edities/<edition_id>/geschiedenis")
def edition_history(edition_id: str):
    """Every recorded change in one edition, newest first, with word-level diffs per field and paragraph."""
    catalogue = load_edition(edition_id)
    changes = history.history(get_db(), edition_id=edition_id)
    return _page(catalogue, changes, _("Geschiedenis van editie %(id)s", id=edition_id))


@bp.get("/edities/<edition_id>/afspraken/<agreement_id>/geschiedenis")
def agreement_history(edition_id: str, agreement_id: str):
    """Every recorded change of one agreement and its variants, across editions and newest first."""
    catalogue = load_edition(edition_id)
    changes = history.history(get_db(), kinds=("agreement", "variant"), entity_id=agreement_id)
    try:
        name = _("afspraak %(n)d", n=catalogue.agreement(agreement_id).number)
    except KeyError:
        name = next((_subject(c, catalogue) for c in changes), agreement_id)
    return _page(catalogue, changes, _("Geschiedenis van %(name)s", name=name))


def _current(catalogue: Catalogue, kind: str, entity_id: str, snapshot: dict):
    """The object a restore replaces, as it is now (None when it is not in the edition)."""
    try:
        if kind == "agreement":
            return catalogue.agreement(entity_id)
        if kind == "variant":
            return catalogue.agreement(entity_id).variant(snapshot.get("label", ""))
        if kind == "chapter":
            return catalogue.chapter(entity_id)
    except KeyError:
        return None
    return next((s for s in catalogue.sections if s.id == entity_id), None)


PART_LABELS = {
    "subheading": N_("de tussentitel"),
    "text": N_("de tekst"),
    "items": N_("de opsomming"),
    "notes": N_("de noten"),
    "label": N_("de naam"),
    "title": N_("de titel"),
    "intro": N_("de inleiding"),
    "body": N_("de tekst"),
    "references": N_("“Meer lezen?”"),
    restoring.GONE: N_("het verwijderen"),
}


def part_names(parts: list[str]) -> str:
    """Parts of an object as a curator names them: "de tekst, variant “Variant 2”"."""
    names = []
    for part in parts:
        label = part.removeprefix("variant:")
        name = _("variant “%(label)s”", label=label) if part.startswith("variant:") else _(PART_LABELS[part])
        if name not in names:
            names.append(name)
    return ", ".join(names)


class Later(Exception):
    """Taking a change back would also undo later changes to the same parts: the curator decides first."""

    def __init__(self, parts: list[str], now: dict | None, forced: dict | None, partial: bool):
        super().__init__(parts)
        self.parts, self.now, self.forced, self.partial = parts, now, forced, partial


def _moved_from(change: dict) -> tuple[str, str] | None:
    """Where a moved agreement stood (its section, the agreement before it), kept by its history line since
    7 December 2026; None for any other change."""
    if change["action"] != "move" or "/" not in change["parent_id"]:
        return None
    return read_place(change["parent_id"])


def _plain_current(catalogue: Catalogue, change: dict) -> dict | None:
    found = _current(catalogue, change["kind"], change["entity_id"], change["after"] or change["before"])
    return plain.to_plain(found) if found is not None else None


@bp.post("/edities/<edition_id>/geschiedenis/<int:change_id>/herstellen")
def restore(edition_id: str, change_id: int):
    """Take one change back (versie=voor, three-way: later changes stay unless the curator confirms), or put
    the parts it changed back as they were right after it (versie=na)."""
    catalogue = editable(edition_id)
    change = history.change(get_db(), change_id)
    back = safe_next(request.form.get("terug"), url_for("curation.edition_history", edition_id=edition_id), "/beheer")
    undo = request.form.get("versie") == "voor"
    snapshot = change and (change["before"] if undo else change["after"])
    form = ConfirmForm()
    if not form.validate_on_submit() or not snapshot or change["kind"] not in restoring.RESTORABLE:
        return redirect(back)
    answer = request.form.get("bevestigd", "")

    def edit(current: Catalogue):
        kind, entity_id = change["kind"], change["entity_id"]
        now = _plain_current(current, change)
        if answer:
            check_version(versions.fingerprint(now), form.version.data)
        if undo:
            restored, later = restoring.taken_back(kind, change["before"], change["after"], now, answer == "alles")
        else:
            restored, later = restoring.taken_back(kind, change["after"], change["before"], now, force=True)
        if later and not answer:
            forced = restoring.taken_back(kind, change["before"], change["after"], now, True)[0]
            raise Later(later, now, forced, restored != now)
        place = _moved_from(change)
        parent = place[0] if place else change["parent_id"]
        changed = restoring.restore(current, kind, entity_id, restored, parent)
        if undo and place:
            changed = restoring.put_back(changed, entity_id, *place)
        before, after = _current(current, kind, entity_id, snapshot), _current(changed, kind, entity_id, snapshot)
        summary = _("versie van %(when)s", when=when(change["at"]))
        return changed, line(kind, entity_id, "restore", before, after, summary, parent)

    reopened: list[int] = []
    try:
        _before, _after, lines = commit(edition_id, edit, _reopens_suggestion(change, undo, reopened))
    except Later as later:
        return _confirm_restore(catalogue, change, later, back)
    except Stale as error:
        flash(str(error), "error")
    except EditError as error:
        flash(translated(error.message), "error")
    else:
        flash(_restored_message(change, undo, bool(lines), answer), "status")
        if reopened:
            flash(_("De suggestie waaruit die wijziging kwam, staat weer bij de open suggesties."), "info")
    return redirect(back)


def _reopens_suggestion(change: dict, undo: bool, reopened: list[int]):
    """An undo of a change made from a user's suggestion puts the suggestion back among the open ones."""
    number = change["summary"].removeprefix(SUGGESTION)
    if not undo or not change["summary"].startswith(SUGGESTION) or not number.isdigit():
        return None

    def also(db, lines):
        found = suggestions.suggestion(db, int(number))
        if lines and found and found["outcome"] in ("applied", "added"):
            suggestions.reopen(db, found["id"])
            reopened.append(found["id"])

    return also


def _restored_message(change: dict, undo: bool, changed: bool, answer: str) -> str:
    """What a restore did, exactly: which change was taken back, and that later changes stayed."""
    who, at = change["curator"], when(change["at"])
    if not changed:
        return _("Er was niets terug te zetten: alles staat al zoals gevraagd.")
    if not undo:
        return _("Wat %(who)s op %(when)s veranderde, staat weer zoals na die wijziging.", who=who, when=at)
    if answer == "alles":
        text = _("Teruggezet zoals vóór de wijziging van %(who)s op %(when)s, ook wat later veranderde.")
        return text % {"who": who, "when": at}
    return _(
        "De wijziging van %(who)s op %(when)s is teruggezet. Wat daarna veranderde, bleef staan.", who=who, when=at
    )


def _confirm_restore(catalogue: Catalogue, change: dict, later: Later, back: str):
    """Before undoing a change whose parts changed again later: which parts, who changed them, and the choice."""
    db = get_db()
    since = [
        c
        for c in history.history(db, change["edition_id"], (change["kind"],), change["entity_id"])
        if c["id"] > change["id"]
    ]
    return render_template(
        "beheer/restore_confirm.html",
        catalogue=catalogue,
        change=entries([change], catalogue, catalogue.edition.id)[0],
        change_id=change["id"],
        parts=part_names(later.parts),
        since=entries(since, catalogue, None),
        fields=field_diffs(change["kind"], later.now, later.forced),
        version=versions.fingerprint(later.now),
        partial=later.partial,
        back=back,
    ), 409
