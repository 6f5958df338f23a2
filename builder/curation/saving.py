"""Saving a curation page: on the edition as stored now, under the write lock, without losing anyone's work.

Every edit is a pure function on a `Catalogue` (model/editing.py). `commit()` applies it to the
draft edition as it is stored at that very moment (inside BEGIN IMMEDIATE), so two curators who
edit different things never undo each other, and stores the edition with its history lines in
one transaction. A page with a form is a `FormPage`: it says what its fields show now and how to
apply new values. `save_form()` merges what the curator changed into what is stored
(model/versions.py) and raises `Conflict` when someone else changed the same field meanwhile;
`conflict_page()` then shows both versions to choose or merge, and posts the choice back to the
same page, which saves it like any other post. A field declared in `line_mergeable` is merged line
by line (model/versions.py): only the lines both curators changed are shown, and whatever is
chosen for them, the lines only the colleague changed stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, g, render_template, request
from werkzeug.datastructures import MultiDict

from ..db import editions, get_db, history, write
from ..model import plain, versions
from ..model.catalogue import Catalogue
from ..model.editing import EditError
from ..model.messages import Message
from ..model.text_diff import text_diff
from ..web.fields import leaf_fields
from ..web.i18n import gettext as _
from .common import refused

HIDDEN = {"csrf_token", "version"}
CHOICE, MERGED = "keuze:", "samengevoegd:"
WHOLE = {"mijn": "geheel-mijn:", "bewaard": "geheel-bewaard:"}  # a line-merged field's text for either choice


@dataclass
class Line:
    """One line of the history an edit writes: what changed, how, and the object before and after."""

    kind: str
    entity_id: str
    action: str
    before: object
    after: object
    summary: str = ""
    parent_id: str = ""


def line(kind: str, entity_id: str, action: str, before, after, summary: str = "", parent_id: str = "") -> list[Line]:
    """A history line for a change, or none when the object did not change."""
    if before == after:
        return []
    return [Line(kind, entity_id, action, before, after, summary, parent_id)]


Edit = Callable[[Catalogue], tuple[Catalogue, list[Line]]]


def snapshot(value) -> dict | None:
    """A model object as plain data, for the before/after of the history."""
    return None if value is None else plain.to_plain(value)


def commit(edition_id: str, edit: Edit, also=None) -> tuple[Catalogue, Catalogue, list[Line]]:
    """Apply `edit` to the draft edition as stored now and store the result with its history, in one transaction.

    `also(db, lines)` writes what belongs with the edit (a suggestion marked as handled) in the same transaction.
    Returns the edition before and after, and the lines written (none: nothing changed, nothing stored).
    """
    db = get_db()
    with write(db):
        current = editions.load(db, edition_id)
        if current.edition.is_published:
            abort(409)
        changed, lines = edit(current)
        if lines:
            editions.replace_edition(db, changed)
        for ln in lines:
            history.record_change(
                db,
                edition_id,
                g.curator["name"],
                ln.kind,
                ln.entity_id,
                ln.action,
                snapshot(ln.before),
                snapshot(ln.after),
                ln.summary,
                ln.parent_id,
            )
        if also is not None:
            also(db, lines)
    return current, changed, lines


class FormPage:
    """What one curation form edits: the values its fields show now, and how new values are stored.

    `kind` and `entity_id` name the object in the history (for "who saved it meanwhile").
    """

    kind = ""
    entity_id = ""
    summary = ""  # said on every history line of a save from this page (where the line says nothing itself)
    mergeable: frozenset[str] = frozenset()  # fields whose text a curator can merge on the conflict page
    line_mergeable: frozenset[str] = frozenset()  # fields merged line by line (`line_key` tells a line apart)

    def line_key(self, name: str, line: str) -> str:
        """What one line of a line-merged field is known by (the whole line unless a page says otherwise)."""
        return line

    def line_keys(self) -> dict:
        """The fields merged line by line, each with its key function (model/versions.py `Lines`)."""
        return {name: (lambda line, name=name: self.line_key(name, line)) for name in self.line_mergeable}

    def version(self, catalogue: Catalogue, form) -> str:
        """The version the form carries for what it shows of `catalogue`."""
        return versions.version_of(self.shown(catalogue, form), self.line_keys())

    def data(self, catalogue: Catalogue) -> dict:
        """What the form shows when it is opened (WTForms `data`)."""
        raise NotImplementedError

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The value of each versioned field as the form would show it for `catalogue` (None: gone)."""
        raise NotImplementedError

    def posted(self, form) -> dict[str, str]:
        """The value of each versioned field as posted (the names `shown` gives)."""
        fields = by_name(form)
        return {name: fields[name].data or "" for name in self.names(form)}

    def names(self, form) -> list[str]:
        """The names of the versioned fields, for the identities the form holds (its variants, say)."""
        raise NotImplementedError

    def apply(self, catalogue: Catalogue, values: dict[str, str | None]) -> tuple[Catalogue, list[Line]]:
        """The catalogue with the fields set to `values`, and the history lines for what that changed."""
        raise NotImplementedError

    def label(self, form, name: str) -> str:
        """The field's label on the conflict page."""
        return str(by_name(form)[name].label.text)

    def display(self, catalogue: Catalogue, name: str, value: str | None) -> str:
        """A value as the conflict page shows it."""
        return value if value is not None else ""


def by_name(form) -> dict:
    """A form's input fields by the name they post under ("variants-0-text")."""
    return {field.name: field for field in leaf_fields(form)}


class Conflict(Exception):
    """Fields another curator changed since the form was shown, and the curator changed too."""

    def __init__(self, names: list[str], posted: dict, current: dict, catalogue: Catalogue, lines=None):
        super().__init__(names)
        self.names, self.posted, self.current, self.catalogue = names, posted, current, catalogue
        self.lines: dict[str, versions.LineClash] = lines or {}


def page_form(make, page: FormPage, catalogue: Catalogue):
    """The page's form: as posted (conflict choices applied), or filled from the catalogue with its version."""
    if request.method == "POST":
        return make(formdata=formdata())
    form = make(formdata=None, data=page.data(catalogue))
    form.version.data = page.version(catalogue, form)
    return form


def saved_or_page(
    edition_id: str,
    page: FormPage,
    form,
    done,
    render,
    then: Edit | None = None,
    also=None,
    first: Edit | None = None,
    said=None,
):
    """A valid post is saved, then `done(before, after)` gives the redirect; else `render(form)` shows the page.

    `then` is an edit made after the page's own (a new variant), `first` one made before it (an agreement
    put back), `also` what is written in the same transaction (see `commit`), `said(before, after)` the
    message about the save ("Bewaard." unless it says otherwise; None: nothing). A conflict shows the
    conflict page, a refused edit the page with the message at its field.
    """
    if form.validate_on_submit():
        try:
            before, after, _lines = save_form(edition_id, page, form, then, also, first)
        except Conflict as conflict:
            return conflict_page(edition_id, page, form, conflict, request.path)
        except EditError as error:
            refused(form, error)
        else:
            message = said(before, after) if said is not None else _("Bewaard.")
            if message:
                flash(message, "status")
            return done(before, after)
    return render(form), 400 if form.errors else 200


def formdata() -> MultiDict:
    """What was posted, with the choices made on a conflict page applied (a merged text replaces the field)."""
    data = MultiDict(request.form)
    for key, choice in request.form.items():
        name = key.removeprefix(CHOICE)
        prefix = {**WHOLE, "samengevoegd": MERGED}.get(choice, "")
        if key.startswith(CHOICE) and prefix and prefix + name in request.form:
            data.setlist(name, [request.form[prefix + name]])
    return data


def kept() -> frozenset[str]:
    """The fields whose stored version the curator chose to keep on a conflict page (as a whole)."""
    return frozenset(
        k.removeprefix(CHOICE)
        for k, v in request.form.items()
        if k.startswith(CHOICE) and v == "bewaard" and WHOLE["bewaard"] + k.removeprefix(CHOICE) not in request.form
    )


def save_form(edition_id: str, page: FormPage, form, then: Edit | None = None, also=None, first: Edit | None = None):
    """Apply `first`, merge the form's changes into the edition as stored, then apply `then`; `Conflict` on a clash."""
    posted = page.posted(form)

    def edit(current: Catalogue):
        earlier: list[Line] = []
        if first is not None:
            current, earlier = first(current)
        theirs = page.shown(current, form)
        merged = versions.merge(form.version.data, posted, theirs, kept(), page.line_keys())
        if merged.conflicts:
            raise Conflict(merged.conflicts, posted, theirs, current, merged.lines)
        changed, lines = page.apply(current, merged.values)
        lines = earlier + lines
        if then is not None:
            changed, more = then(changed)
            lines += more
        for ln in lines:
            ln.summary = ln.summary or page.summary
        return changed, lines

    return commit(edition_id, edit, also)


def conflict_page(edition_id: str, page: FormPage, form, conflict: Conflict, back: str):
    """Both versions of each field in conflict, with a word diff; the curator keeps one or merges them."""
    rows = [_conflict_row(page, form, conflict, name) for name in conflict.names]
    last = history.history(get_db(), edition_id, (page.kind,), page.entity_id, limit=1) if page.kind else []
    prefixes = (CHOICE, MERGED, *WHOLE.values())
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in HIDDEN and not k.startswith(prefixes)]
    seen = {name: conflict.current.get(name) for name in conflict.names}
    version = versions.with_seen(form.version.data, seen, page.line_keys())
    return render_template(
        "beheer/conflict.html",
        rows=rows,
        fields=fields,
        version=version,
        action=request.path,
        back=back,
        last=last[0] if last else None,
        catalogue=conflict.catalogue,
    ), 409


def _conflict_row(page: FormPage, form, conflict: Conflict, name: str) -> dict:
    """One field in conflict as the conflict page shows it: both versions, their diff, the ways to choose."""
    mine, theirs = conflict.posted[name], conflict.current.get(name)
    clash = conflict.lines.get(name)
    if clash is not None:  # only the lines both changed; either choice keeps the lines only one changed
        mine, theirs = clash.mine, clash.theirs
    shown_mine, shown_theirs = (
        page.display(conflict.catalogue, name, mine),
        page.display(conflict.catalogue, name, theirs),
    )
    label = page.label(form, name)
    return {
        "name": name,
        "label": label,
        "mine": shown_mine,
        "theirs": shown_theirs,
        "diff": text_diff(Message(label), shown_theirs, shown_mine),
        "mergeable": (name in page.mergeable or clash is not None) and conflict.current.get(name) is not None,
        "gone": conflict.current.get(name) is None,
        "lines": clash.rows if clash else (),
        "whole": {WHOLE[choice]: text for choice, text in (("mijn", mine), ("bewaard", theirs))} if clash else {},
    }


class Stale(Exception):
    """A button whose object changed since the page was shown: nothing was done. Its text says so to the curator."""


def check_version(expected: str, posted: str | None, message: str = "") -> None:
    """Raise `Stale` when what a button acts on changed since its page was shown."""
    if expected != posted:
        raise Stale(
            message or _("Dit veranderde intussen, dus er is niets gedaan. Bekijk het opnieuw en kies dan nog eens.")
        )
