"""The amendment note (wijzigingsnota): what changed since the note was approved, or since a kept version.

`/nota/wijzigingsnota` compares the note with the latest approval that kept the note as approved
(`?goedkeuring=<id>` for another one) or with a kept version (`?versie=<id>`), and gives the .docx
for the college. Nothing changed in the agreements: no document, a page that says so. An approval
recorded before Bouwpakket kept the approved note cannot be compared with, and the page says that
instead of guessing. The download page offers the amendment note when the note changed since its
approval (`offer()`), the overview's "Eerdere versies" for every kept version.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from io import BytesIO

from flask import abort, g, render_template, request, send_file, url_for

from ..db import drafts, editions, get_db, moment, reviews
from ..formats import DOCX
from ..model.amendments import Basis, amendments, counts, grouped
from ..model.choices import Choices
from ..model.dates import from_stored
from ..model.note import Note, compose
from ..model.outline import approver
from . import bp
from .current import draft_required
from .house_style import note_style

APPROVAL, KEPT = "goedkeuring", "versie"  # the query arguments
NUMBER = re.compile(r"^[1-9][0-9]{0,17}$")
NO_APPROVAL, NOT_KEPT = "no-approval", "not-kept"  # why there is nothing to compare with


@dataclass
class Comparison:
    """What the note is compared with: the note as it was then, what that was, and who approves the changes."""

    before: Choices | None
    basis: Basis
    approver: str
    approval: reviews.Approval | None = None
    problem: str = ""  # NO_APPROVAL or NOT_KEPT when there is nothing to compare with

    def notes(self) -> tuple[Note, Note]:
        """The note then and now, each composed on its own edition (as its reader met it)."""
        assert self.before is not None
        same = self.before.edition == g.draft.edition_id
        then = g.catalogue if same else editions.load(get_db(), self.before.edition)
        return compose(self.before, then), compose(g.draft.choices, g.catalogue)


def _approval_basis(found: reviews.Approval) -> Comparison:
    basis = Basis(body=found.body, decided_on=from_stored(found.decided_on), reference=found.reference)
    return Comparison(found.choices, basis, found.body, found, "" if found.choices else NOT_KEPT)


def _asked_id(name: str) -> int:
    """The id a query argument names; 404 for anything that is not one."""
    value = request.args.get(name, "")
    if not NUMBER.match(value):
        abort(404)
    return int(value)


def comparison() -> Comparison:
    """What the request asks to compare with (see the module docstring); 404 for an id this note does not have."""
    if APPROVAL in request.args and KEPT in request.args:
        abort(404)
    if KEPT in request.args:
        found = drafts.kept_version(get_db(), g.draft.id, _asked_id(KEPT))
        if found is None:
            abort(404)
        kept, choices = found
        basis = Basis(kept_on=moment(kept.created_at).date(), edition=kept.edition_id)
        return Comparison(choices, basis, approver(compose(g.draft.choices, g.catalogue)))
    recorded = reviews.approvals(get_db(), g.draft.id)
    if APPROVAL in request.args:
        wanted = _asked_id(APPROVAL)
        found_approval = next((a for a in recorded if a.id == wanted), None)
        if found_approval is None:
            abort(404)
        return _approval_basis(found_approval)
    latest = next((a for a in recorded if a.choices is not None), recorded[0] if recorded else None)
    if latest is None:
        return Comparison(None, Basis(), "", problem=NO_APPROVAL)
    return _approval_basis(latest)


@bp.get("/nota/wijzigingsnota")
@draft_required
def amendment_note():
    """The amendment note as .docx, or a page that says why there is none."""
    from ..formats.amendment import content_disposition, file_name, render_amendment
    from ..formats.word import to_bytes

    compared = comparison()
    if compared.problem:
        return render_template("wizard/amendment.html", compared=compared, problem=compared.problem)
    before, after = compared.notes()
    changes = amendments(before, after)
    if not changes:
        return render_template("wizard/amendment.html", compared=compared, problem="")
    today = dt.date.today()
    style = note_style(g.draft.id)
    document = render_amendment(before, after, changes, compared.basis, compared.approver, style, today)
    response = send_file(
        BytesIO(to_bytes(document)),
        mimetype=DOCX,
        as_attachment=True,
        download_name=file_name(g.draft.choices, today),
        max_age=0,
    )
    response.headers["Content-Disposition"] = content_disposition(g.draft.choices, today)
    return response


def offer() -> dict:
    """What the download page says about an amendment note: the approval the note changed since, with a preview.

    Only the latest approval counts; one recorded before the approved note was kept is named, honestly, when
    the note has a newer version than it."""
    recorded = reviews.approvals(get_db(), g.draft.id)
    if not recorded:
        return {}
    latest = recorded[0]
    if latest.choices is None:
        return {"unkept": latest} if latest.draft_version != g.draft.version else {}
    if latest.choices == g.draft.choices:
        return {}
    before, after = _approval_basis(latest).notes()
    changes = amendments(before, after)
    if not changes:
        return {}
    url = url_for("wizard.amendment_note", **{APPROVAL: latest.id})
    return {
        "approval": latest,
        "url": url,
        "changes": grouped(changes),
        "counts": [(k, n) for k, n in counts(changes).items() if n],
    }
