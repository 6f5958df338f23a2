"""What the curation pages share: loading an edition, storing an edit with its history, reading textareas."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _

from ..db import editions, get_db, history, write
from ..model import editing, plain
from ..model.catalogue import Catalogue
from ..model.catalogue_diff import word_diff
from ..model.editing import Message
from ..model.text import parse_editable


def load_edition(edition_id: str) -> Catalogue:
    """Any edition, for reading; 404 when unknown."""
    db = get_db()
    if editions.edition(db, edition_id) is None:
        abort(404)
    return editions.load(db, edition_id)


def editable(edition_id: str) -> Catalogue:
    """A draft edition, for editing; a published one is refused (it is immutable)."""
    catalogue = load_edition(edition_id)
    if catalogue.edition.is_published:
        flash(_("Editie %(id)s is gepubliceerd en kan niet meer veranderen.", id=edition_id), "error")
        abort(409)
    return catalogue


def translated(message: Message) -> str:
    """A domain message in the user's language."""
    return _(message.text, **message.params)


def snapshot(value) -> dict | None:
    """A model object as plain data, for the before/after of the history."""
    if value is None:
        return None
    return plain.to_plain(value)


def store(
    catalogue: Catalogue, kind: str, entity_id: str, action: str, before, after, summary: str = "", message: str = ""
) -> None:
    """Save the whole draft edition and one history line, in one transaction; tell the curator."""
    db = get_db()
    with write(db):
        current = editions.edition(db, catalogue.edition.id)
        if current is not None and current.is_published:
            abort(409)
        editions.replace_edition(db, catalogue)
        history.record_change(
            db,
            catalogue.edition.id,
            g.curator["name"],
            kind,
            entity_id,
            action,
            snapshot(before),
            snapshot(after),
            summary,
        )
    flash(message or _("Bewaard."), "status")


def agreement_or_404(catalogue: Catalogue, agreement_id: str):
    """Look an agreement up by its stable id; 404 when unknown."""
    try:
        return catalogue.agreement(agreement_id)
    except KeyError:
        abort(404)


def section_or_404(catalogue: Catalogue, section_id: str):
    """Look a section up by its stable id (not its number); 404 when unknown."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    if section is None:
        abort(404)
    return section


def chapter_or_404(catalogue: Catalogue, chapter_id: str):
    """Look a chapter up by its id; 404 when unknown."""
    try:
        return catalogue.chapter(chapter_id)
    except KeyError:
        abort(404)


def _flatten(value) -> list[str]:
    """The human-readable texts inside a snapshot (ids and numbers left out)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("id", "number", "agreements", "status") for t in _flatten(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _flatten(v)]
    return []


def with_diffs(changes: list[dict]) -> list[dict]:
    """History lines with a word-level diff between before and after."""
    for change in changes:
        before = " ¶ ".join(_flatten(change["before"])) if change["before"] else ""
        after = " ¶ ".join(_flatten(change["after"])) if change["after"] else ""
        change["words"] = word_diff(before, after)
    return changes


def back_to_edition(edition_id: str, anchor: str = ""):
    """Back to the edition's page, at `anchor` when given."""
    return redirect(url_for("curation.edition", edition_id=edition_id) + (f"#{anchor}" if anchor else ""))


def paragraphs_and_items(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Agreement text from a textarea: paragraphs first, "- " lines become sub-items."""
    paragraphs, items = [], []
    for block in parse_editable(text):
        if block.kind == "items":
            items.extend(block.items)
        else:
            paragraphs.append(block.text)
    return tuple(paragraphs), tuple(items)


def paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs from a textarea, blank lines between them."""
    return tuple(p for p in (b.text for b in parse_editable(text)) if p)


def edit_error(form, field_name: str, error: editing.EditError):
    """Show a refused edit's message next to the field it is about."""
    form[field_name].errors.append(translated(error.message))
