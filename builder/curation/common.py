"""What the curation pages share: loading an edition, finding what a page is about, reading textareas."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import format_datetime

from ..db import editions, get_db, history
from ..model.catalogue import Catalogue
from ..model.messages import Message
from ..model.text import first_words, parse_editable
from ..web.i18n import gettext as _


def load_edition(edition_id: str) -> Catalogue:
    """Any edition, for reading; one renamed since is followed, a deleted one gives back what was posted, else 404."""
    db = get_db()
    if editions.edition(db, edition_id) is None:
        follow_rename(edition_id)
        abort(404)
    return editions.load(db, edition_id)


def follow_rename(edition_id: str) -> None:
    """For an edition that is not (or no longer) there: on to its new name, or what was typed given back."""
    db = get_db()
    renamed = history.renamed_to(db, edition_id)
    if renamed and editions.edition(db, renamed) is not None:
        path = request.full_path.rstrip("?").replace(f"/edities/{edition_id}", f"/edities/{renamed}", 1)
        abort(redirect(path, 307 if request.method == "POST" else 302))
    removed = history.removed_edition(db, edition_id)
    if removed and request.method == "POST":
        who, at = removed["curator"], when(removed["at"])
        typed_back(_("%(who)s verwijderde editie %(id)s op %(when)s.", who=who, id=edition_id, when=at))


def typed_back(said: str) -> None:
    """Stop here with a page that says `said` and gives back what was posted, to copy (410: it is gone)."""
    fields = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
    texts = [v for k, v in fields if k not in ("version", "action", "versie", "terug") and len(v) > 1]
    page = render_template("errors/unsaved.html", fields=fields, texts=texts, action="", refused=said)
    abort(make_response(page, 410))


def removed_meanwhile(edition_id: str, kind: str, entity_id: str) -> None:
    """A post to a chapter or section a colleague removed meanwhile: what was typed comes back, and who did it."""
    found = history.history(get_db(), edition_id, (kind,), entity_id, limit=1)
    if request.method == "POST" and found and found[0]["action"] == "remove":
        who, at = found[0]["curator"], when(found[0]["at"])
        what = _("dit hoofdstuk") if kind == "chapter" else _("dit onderdeel")
        typed_back(
            _(
                "%(who)s verwijderde %(what)s op %(when)s. Herstel het vanuit de geschiedenis van de editie als je "
                "het terug wilt; je tekst staat hieronder.",
                who=who,
                what=what,
                when=at,
            )
        )
    abort(404)


def editable(edition_id: str) -> Catalogue:
    """A draft edition, for editing; a published one is refused (it is immutable)."""
    catalogue = load_edition(edition_id)
    if catalogue.edition.is_published:
        flash(_("Editie %(id)s is gepubliceerd en kan niet meer veranderen.", id=edition_id), "error")
        abort(409)
    return catalogue


def translated(message: Message) -> str:
    """A domain message in the user's language; messages inside its values are translated too."""
    params = {k: translated(v) if isinstance(v, Message) else v for k, v in message.params.items()}
    return _(message.text, **params)


def when(stamp: str) -> str:
    """A stored UTC time ("2026-12-01T08:29:53.220714Z") as a Flemish reader reads it: "1 december 2026, 09:29"."""
    if not stamp:
        return ""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return format_datetime(moment, "d MMMM y, HH:mm")


def section_or_404(catalogue: Catalogue, section_id: str):
    """Look a section up by its stable id (not its number); 404 when unknown (the typed text back when removed)."""
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    if section is None:
        removed_meanwhile(catalogue.edition.id, "section", section_id)
    return section


def chapter_or_404(catalogue: Catalogue, chapter_id: str):
    """Look a chapter up by its id; 404 when unknown (the typed text back when removed meanwhile)."""
    try:
        return catalogue.chapter(chapter_id)
    except KeyError:
        removed_meanwhile(catalogue.edition.id, "chapter", chapter_id)


def agreement_name(agreement) -> str:
    """How curators recognise an agreement: "afspraak 12 (De communicatiedienst beheert …)"."""
    return _("afspraak %(n)d (%(words)s)", n=agreement.number, words=first_words(agreement.text[0], 6))


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
    return tuple(p for p in (b.text for b in parse_editable(text or "")) if p)


def refused(form, error) -> None:
    """Show a refused edit's message next to the field it is about (the form's first field when it names none)."""
    fields = {f.name: f for f in _inputs(form)}
    target = fields.get(error.field) or next(iter(fields.values()))
    target.errors = [*target.errors, translated(error.message)]
    for field in form:  # a list of sub-forms keeps the errors it found when it was validated
        if field.type == "FieldList":
            found = [entry.errors for entry in field.entries]
            field.errors = found if any(found) else []


def _inputs(form):
    from ..web.fields import leaf_fields

    return [f for f in leaf_fields(form) if f.type not in ("CSRFTokenField", "HiddenField")]


def previous_edition(catalogue: Catalogue) -> Catalogue | None:
    """The edition this one was based on (or updates), when it is in the database."""
    db = get_db()
    for candidate in (catalogue.edition.based_on, catalogue.edition.updates):
        if candidate and candidate != catalogue.edition.id and editions.edition(db, candidate) is not None:
            return editions.load(db, candidate)
    return None
