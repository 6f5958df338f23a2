"""An agreement a colleague removed while a curator had its page open: what happened, and nothing typed is lost.

Saving the page of an agreement that is no longer in the edition shows what the curator typed,
who removed the agreement and when, and two ways on: put the agreement back with the typed text
(its last version before the removal, then the typed changes saved on it through the one save
path, curation/saving.py), or copy the text, also into a new agreement. Opening the page again
(the browser's Back) says what happened, with the history's restore button.
"""

from __future__ import annotations

from flask import render_template, request

from ..db import get_db, history
from ..model import restoring
from ..model.catalogue import Agreement, Catalogue
from ..model.plain import from_plain
from ..model.text import to_editable
from .saving import HIDDEN, Line, by_name

RESTORE = "terugzetten"
SKIPPED = {*HIDDEN, "action", "place", "reference", "suggestie"}


def last_removal(edition_id: str, kind: str, entity_id: str) -> dict | None:
    """The history line that removed this object from the edition, when its last change was a removal."""
    found = history.history(get_db(), edition_id, (kind,), entity_id, limit=1)
    return found[0] if found and found[0]["action"] == "remove" and found[0]["before"] else None


def removed_agreement(removal: dict | None) -> Agreement | None:
    """The agreement as it was just before it was removed."""
    return from_plain(Agreement, removal["before"]) if removal else None


def restore_edit(removal: dict):
    """An edit that puts the agreement back as it was before the removal, at its old number, with a history line."""

    def edit(current: Catalogue):
        snapshot, parent = removal["before"], removal["parent_id"]
        changed = restoring.restore(current, "agreement", removal["entity_id"], snapshot, parent)
        restored = changed.agreement(removal["entity_id"])
        return changed, [Line("agreement", restored.id, "restore", None, restored, "", parent)]

    return edit


def typed(form, was: Agreement | None) -> list[tuple[str, str]]:
    """What the curator typed on the agreement's page that differs from it as it was, as (label, text)."""
    fields = by_name(form)
    shown = _as_shown(was, form) if was is not None else {}
    found = []
    for name, value in request.form.items(multi=True):
        field = fields.get(name)
        if field is None or name in SKIPPED or field.type == "HiddenField" or not value.strip():
            continue
        if value.strip() == shown.get(name, "").strip():
            continue
        if name == "new_variant-label" and not request.form.get("new_variant-text", "").strip():
            continue
        found.append((str(field.label.text), value))
    return found


def _as_shown(agreement: Agreement, form) -> dict[str, str]:
    """The agreement's fields as its page showed them, by input name."""
    shown = {
        "text": to_editable(agreement.text, agreement.items),
        "notes": "\n\n".join(agreement.notes),
        "subheading": agreement.subheading,
    }
    for entry in form.variants:
        variant = agreement.variant(entry.form.old_label.data or "")
        if variant is not None:
            shown[entry.form.label.name] = variant.label
            shown[entry.form.text.name] = "\n\n".join(variant.text)
    return shown


def gone_page(edition_id: str, catalogue: Catalogue, agreement_id: str, form=None, status: int = 410):
    """The page for an agreement that is not in the edition: who removed it when, and what was typed."""
    removal = last_removal(edition_id, "agreement", agreement_id)
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in {"csrf_token", "action"}]
    return render_template(
        "beheer/gone.html",
        catalogue=catalogue,
        agreement_id=agreement_id,
        deletion=removal,
        agreement=removed_agreement(removal),
        typed=typed(form, removed_agreement(removal)) if form is not None else [],
        fields=fields,
        form=form,
        restore=RESTORE,
    ), status
