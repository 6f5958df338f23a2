"""What users do: usage counts per edition or across editions (also as CSV), and notes shared by opt-in."""

from __future__ import annotations

import csv
import io
import json

from flask import Response, abort, render_template, request

from ..db import editions, get_db, usage
from ..model.choices import from_stored
from ..model.organisations import ORGANISATION_TYPES, organisation_type
from ..model.text import slugify
from ..model.usage import in_order, shared_content, summarise, summarise_editions, table
from ..web.fields import options
from ..web.i18n import gettext as _
from . import bp
from .forms import UsageForm

ALL = "alle"


def _usage(db) -> tuple[UsageForm, str, list, int]:
    """The usage asked for: the form, which edition ("alle": every one together), its groups, its number of notes.

    Without a choice, the newest published edition that has notes (so a just-published one does not show zeros).
    With a kind of organisation (`soort`), the downloaded notes of that kind only (db/usage.py counts them).
    """
    published = [e for e in editions.all_editions(db) if e.is_published]
    if not published:
        abort(404)
    form = UsageForm(formdata=request.args)
    form.editie.choices = options(
        [(ALL, _("Alle edities samen")), *((e.id, f"{e.id} – {e.title}") for e in reversed(published))]
    )
    form.soort.choices = options([("", _("Alle soorten")), *((t.key, _(t.label)) for t in ORGANISATION_TYPES)])
    kind = request.args.get("soort", "")
    if kind and organisation_type(kind) is None:
        abort(404)
    counts = usage.kind_counts(db, kind) if kind else usage.draft_counts(db)

    def counted(edition_id: str) -> list[dict]:
        return usage.kind_usage(db, edition_id, kind) if kind else usage.usage(db, edition_id)

    wanted = request.args.get("editie") or next(
        (e.id for e in reversed(published) if counts.get(e.id)), published[-1].id
    )
    if wanted == ALL:
        catalogues = [editions.load(db, e.id) for e in published]
        rows = {c.edition.id: counted(c.edition.id) for c in catalogues}
        groups, drafts = summarise_editions(catalogues, rows), sum(counts.get(e.id, 0) for e in published)
    elif any(e.id == wanted for e in published):
        groups, drafts = summarise(editions.load(db, wanted), counted(wanted)), counts.get(wanted, 0)
    else:
        abort(404)
    form.editie.data, form.soort.data = wanted, kind
    return form, wanted, in_order(groups, request.args.get("sorteer", "")), drafts


@bp.get("/gebruik", endpoint="usage")
def usage_page():
    """How the catalogue is used: notes, choices per agreement and wording, rewordings; sortable; shared notes."""
    db = get_db()
    form, wanted, groups, drafts = _usage(db)
    shared = []
    for row in usage.shared_drafts(db):
        shared.append((row["id"], from_stored(json.loads(row["choices"])), row["shared_at"]))
    return render_template(
        "beheer/usage.html",
        form=form,
        edition_id=wanted,
        kind=organisation_type(form.soort.data or ""),
        all_editions=wanted == ALL,
        drafts=drafts,
        sections=groups,
        shared=shared,
    )


@bp.get("/gebruik.csv", endpoint="usage_csv")
def usage_csv():
    """The usage shown on the page as a CSV file (semicolons and a BOM, as spreadsheets in Flanders expect)."""
    form, wanted, groups, drafts = _usage(get_db())
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table(groups, drafts))
    kind = f"-{form.soort.data}" if form.soort.data else ""
    name = f"gebruik-{slugify(wanted, 'editie')}{kind}.csv"
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/gedeeld/<int:draft_id>")
def shared_note(draft_id: int):
    """A note whose organisation agreed to share it: their own texts, for Kortom."""
    db = get_db()
    row = next((r for r in usage.shared_drafts(db) if r["id"] == draft_id), None)
    if row is None:
        abort(404)
    choices = from_stored(json.loads(row["choices"]))
    catalogue = editions.load(db, row["edition_id"]) if editions.edition(db, row["edition_id"]) else None
    return render_template(
        "beheer/shared.html", choices=choices, content=shared_content(choices, catalogue), shared_at=row["shared_at"]
    )
