"""Curators edit an edition's terminology tables: per kind of organisation, its words for the catalogue's own.

One page per kind (/beheer/edities/<id>/terminologie/<kind>): the replacements as "old → new"
lines and the phrases that stay. A draft edition only (a published one never changes). The page
carries a fingerprint of the table it showed, so a colleague's save in between is never overwritten.
"""

from __future__ import annotations

import hashlib
import json

from flask import abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField

from ..model import plain
from ..model.catalogue import Catalogue, Terminology
from ..model.organisations import ORGANISATION_TYPES, organisation_type
from ..model.terminology import (
    MAX_LINES,
    MAX_WORDS,
    TableProblem,
    read_table,
    replacement_count,
    table_lines,
    table_problems,
    with_terminology,
)
from ..web.fields import Form, text_field
from . import bp
from .common import back_to_edition, editable, load_edition
from .saving import commit, line

TAILORED = tuple(t.key for t in ORGANISATION_TYPES if t.key != "gemeente")  # the catalogue speaks as a municipality


class TerminologyForm(Form):
    lines = text_field(
        _l("Vervangingen"),
        description=_l(
            "Eén per regel: woorden uit de catalogus → wat deze soort organisatie zegt. Elke vorm apart "
            "(gemeentelijk en gemeentelijke); met lidwoord waar dat mee verandert (het college → de deputatie)."
        ),
    )
    keep = text_field(_l("Blijft staan"), description=_l("Eén per regel: woorden die bewust niet veranderen."))
    fingerprint = HiddenField(label="")


def fingerprint(terms: Terminology | None) -> str:
    """A short digest of a table as stored: what the page showed, to notice a colleague's save in between."""
    data = json.dumps(plain.to_plain(terms) if terms else None, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _message(problem: TableProblem, numbers: list[int]) -> str:
    """The problem in the curator's language, with the line numbers of the text box."""
    if problem.kind == "too_many":
        return _("Een tabel heeft hoogstens %(max)d regels.", max=MAX_LINES)
    if problem.where.startswith("keep"):
        if problem.kind == "too_long":
            return _("“%(words)s…” is te lang: hoogstens %(max)d tekens.", words=problem.words[:40], max=MAX_WORDS)
        return _("“%(words)s” staat ook bij de vervangingen.", words=problem.words)
    number = numbers[int(problem.where.split("[")[1].split("]")[0])]
    messages = {
        "incomplete": _("Regel %(n)d: vul beide kanten van de pijl in.", n=number),
        "spaces": _("Regel %(n)d: haal de dubbele spaties weg.", n=number),
        "duplicate": _(
            "Regel %(n)d: “%(words)s” staat al in regel %(m)d.", n=number, words=problem.words, m=problem.other
        ),
        "same": _(
            "Regel %(n)d: “%(words)s” blijft hetzelfde; zet het bij “Blijft staan”.", n=number, words=problem.words
        ),
        "too_long": _(
            "Regel %(n)d is te lang: hoogstens %(max)d tekens aan elke kant van de pijl.", n=number, max=MAX_WORDS
        ),
    }
    return messages[problem.kind]


def _kind_or_404(kind: str):
    found = organisation_type(kind)
    if found is None or kind not in TAILORED:
        abort(404)
    return found


def _checked(form: TerminologyForm, kind: str, stored: Terminology | None) -> Terminology | None:
    """The table the form says, or None with the messages next to the fields."""
    terms, wrong, numbers = read_table(kind, form.lines.data or "", form.keep.data or "")
    form.lines.errors = list(form.lines.errors)
    form.lines.errors += [_("Regel %(n)d: schrijf “oud → nieuw”.", n=n) for n, _line in wrong]
    for problem in table_problems(terms):
        field = form.keep if problem.kind == "kept" else form.lines
        field.errors = [*field.errors, _message(problem, numbers)]
    if form.fingerprint.data != fingerprint(stored):
        form.lines.errors.append(
            _("Een collega veranderde deze tabel intussen. Jouw tekst staat hieronder; vergelijk en bewaar opnieuw.")
        )
        form.fingerprint.data = fingerprint(stored)
    return None if form.lines.errors or form.keep.errors else terms


@bp.app_template_global()
def terminology_kinds() -> list:
    """The kinds of organisation a table can be made for, for the edition page's list."""
    return [t for t in ORGANISATION_TYPES if t.key in TAILORED]


@bp.route("/edities/<edition_id>/terminologie/<kind>", methods=["GET", "POST"])
def terminology(edition_id: str, kind: str):
    """See, and in a draft edition edit, the words one kind of organisation says instead of the catalogue's."""
    catalogue: Catalogue = editable(edition_id) if request.method == "POST" else load_edition(edition_id)
    organisation = _kind_or_404(kind)
    stored = catalogue.terminology_for(kind)
    data = {"lines": table_lines(stored), "keep": "\n".join(stored.keep if stored else ()), "fingerprint": ""}
    data["fingerprint"] = fingerprint(stored)
    form = TerminologyForm(data=None if request.method == "POST" else data)
    if form.validate_on_submit() and (terms := _checked(form, kind, stored)) is not None:

        def edit(current: Catalogue):
            changed = with_terminology(current, terms)
            before, after = current.terminology_for(kind), changed.terminology_for(kind)
            return changed, line("terminology", kind, "edit", before, after)

        commit(edition_id, edit)
        flash(_("Bewaard."), "status")
        return back_to_edition(edition_id, "terminologie")
    page = render_template(
        "beheer/terminology.html",
        form=form,
        catalogue=catalogue,
        organisation=organisation,
        count=replacement_count(catalogue, stored) if stored else 0,
    )
    return page, 400 if form.errors or form.lines.errors or form.keep.errors else 200
