"""The curators' history: who changed what and when, per field and paragraph, and restoring an earlier version."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import editions, get_db, history
from ..model import restoring
from ..model.catalogue import Catalogue
from ..model.editing import EditError
from ..model.messages import N_
from ..model.organisations import organisation_type
from ..model.text import first_words
from ..model.text_diff import field_diffs
from ..web.security import safe_next
from . import bp
from .common import editable, load_edition, translated, when
from .forms import ConfirmForm
from .saving import Line, commit

LABELS = {
    ("edition", "add"): N_("Nieuwe editie gestart"),
    ("edition", "edit"): N_("Gegevens van de editie gewijzigd"),
    ("edition", "publish"): N_("Editie gepubliceerd"),
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
        restorable = bool(draft and change["kind"] in restoring.RESTORABLE and (fields or not change["before"]))
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
                "restore_after": restorable and change["after"] is not None,
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


@bp.post("/edities/<edition_id>/geschiedenis/<int:change_id>/herstellen")
def restore(edition_id: str, change_id: int):
    """Put the version after (or, with versie=voor, before) a history line back into the edition in preparation."""
    editable(edition_id)
    change = history.change(get_db(), change_id)
    back = safe_next(request.form.get("terug"), url_for("curation.edition_history", edition_id=edition_id), "/beheer")
    snapshot = change and (change["before"] if request.form.get("versie") == "voor" else change["after"])
    if not ConfirmForm().validate_on_submit() or not snapshot or change["kind"] not in restoring.RESTORABLE:
        return redirect(back)

    def edit(current: Catalogue):
        kind, entity_id = change["kind"], change["entity_id"]
        changed = restoring.restore(current, kind, entity_id, snapshot, change["parent_id"])
        before, after = _current(current, kind, entity_id, snapshot), _current(changed, kind, entity_id, snapshot)
        summary = _("versie van %(when)s", when=when(change["at"]))
        return changed, [Line(kind, entity_id, "restore", before, after, summary, change["parent_id"])]

    try:
        commit(edition_id, edit)
    except EditError as error:
        flash(translated(error.message), "error")
    else:
        flash(_("Deze versie is hersteld. De versie die ze verving, staat ook in de geschiedenis."), "status")
    return redirect(back)
