"""What became of the previous edition's agreements: the migration map of a draft edition, kept by curators.

For every agreement of the edition a draft is based on that the draft no longer holds (its id is
missing), a curator says whether it was renamed, split, merged or retired, which agreements of the
draft it became (chosen by number and first words) and why, in words users read when their note
moves to the new edition (model/upgrade.py). Rows appear by themselves for every missing id; one
that looks like a rename is proposed. Each row is versioned on its own (curation/saving.py), so two
curators filling in different rows never undo each other.
"""

from __future__ import annotations

import json

from flask import redirect, render_template, url_for
from wtforms import FieldList, FormField, HiddenField, SelectField, StringField

from ..model import migration_map
from ..model.catalogue import Agreement, Catalogue, Migration
from ..model.editing import EditError
from ..model.text import first_words
from ..web.fields import Form, options, text_field
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l
from ..web.i18n import ngettext
from . import bp
from .common import editable, previous_edition, translated
from .forms import CuratedForm
from .saving import FormPage, line, page_form, saved_or_page

MAX_TARGETS = 20  # a split into more parts than this is no split
KIND_LABELS = {
    "": _l("Nog niet ingevuld"),
    "renamed": _l("Ze gaat verder als een andere afspraak van deze editie, met dezelfde inhoud"),
    "split": _l("Ze werd opgesplitst in twee of meer afspraken"),
    "merged": _l("Ze werd samengevoegd met andere tot één afspraak"),
    "retired": _l("Ze werd geschrapt"),
}
SHORT_KIND_LABELS = {
    "renamed": _l("gaat verder als"),
    "split": _l("opgesplitst in"),
    "merged": _l("samengevoegd in"),
    "retired": _l("geschrapt"),
}


class MigrationRowForm(Form):
    """One agreement of the previous edition: what became of it."""

    class Meta:
        csrf = False

    agreement = HiddenField(label="")
    kind = SelectField(_l("Wat werd er van deze afspraak?"), validate_choice=False)
    into = FieldList(StringField(_l("Afspraak in deze editie")), max_entries=MAX_TARGETS)
    reason = text_field(
        _l("Uitleg voor gebruikers"),
        limit=1000,
        description=_l(
            "Wie deze afspraak in de nota heeft, leest dit bij de overstap naar de nieuwe editie. "
            "Nodig, behalve wanneer ze gewoon verdergaat als een andere afspraak."
        ),
    )


class MigrationMapForm(CuratedForm):
    rows = FieldList(FormField(MigrationRowForm), max_entries=500)


def _value(entry: Migration | None) -> str:
    """One row as the version fingerprints it: kind, targets and reason ("" for no entry)."""
    return "" if entry is None else json.dumps([entry.kind, list(entry.into), entry.reason], ensure_ascii=False)


def _entry(row) -> Migration | None:
    """The map entry a posted row stands for (None: "not filled in")."""
    kind = row.kind.data or ""
    if kind not in migration_map.KINDS:
        return None
    into = tuple(dict.fromkeys(t.data for t in row.into.entries if t.data))
    return Migration(agreement=row.agreement.data, kind=kind, into=into, reason=row.reason.data or "")


def _from_value(agreement_id: str, value: str | None) -> Migration | None:
    if not value:
        return None
    kind, into, reason = json.loads(value)
    return Migration(agreement=agreement_id, kind=kind, into=tuple(into), reason=reason)


class MigrationPage(FormPage):
    """The rows of the map, each one versioned field (named after the previous edition's agreement)."""

    kind = "edition"

    def __init__(self, edition_id: str, previous: Catalogue):
        self.entity_id, self.previous = edition_id, previous
        self.rows: dict = {}  # the posted rows by old agreement id, to mark a refused one

    def names(self, form) -> list[str]:
        """One name per row: "entry:" and the old agreement's id."""
        return [f"entry:{row.form.agreement.data}" for row in form.rows]

    def data(self, catalogue: Catalogue) -> dict:
        """The rows as the page opens: stored entries, else a proposal, else nothing filled in."""
        rows = []
        for agreement_id in row_ids(self.previous, catalogue):
            entry = catalogue.edition.migration(agreement_id)
            if entry is None and agreement_id in {a.id for a in self.previous.agreements}:
                entry = migration_map.proposal(self.previous.agreement(agreement_id), self.previous, catalogue)
            rows.append(_row_data(agreement_id, entry))
        return {"rows": rows}

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """Each row's entry as stored now."""
        return {
            f"entry:{r.form.agreement.data}": _value(catalogue.edition.migration(r.form.agreement.data))
            for r in form.rows
        }

    def posted(self, form) -> dict[str, str]:
        """Each row as posted."""
        self.rows = {row.form.agreement.data: row.form for row in form.rows}
        return {f"entry:{r.form.agreement.data}": _value(_entry(r.form)) for r in form.rows}

    def label(self, form, name: str) -> str:
        """A row is named after the old agreement."""
        return old_name(self.previous, name.removeprefix("entry:"))

    def display(self, catalogue: Catalogue, name: str, value: str | None) -> str:
        """An entry in words: what became of it, the agreements by number, the reason."""
        entry = _from_value(name.removeprefix("entry:"), value)
        return describe(entry, catalogue) if entry else str(KIND_LABELS[""])

    def apply(self, catalogue: Catalogue, values):
        """The edition with these rows in its map, and its history line (summary: the rows in words)."""
        entries = {
            name.removeprefix("entry:"): _from_value(name.removeprefix("entry:"), v) for name, v in values.items()
        }
        changed = migration_map.with_entries(catalogue, entries, [a.id for a in self.previous.agreements])
        before = {m.agreement: m for m in catalogue.edition.migrations}
        for agreement_id, field, message in migration_map.problems(self.previous, changed):
            row = self.rows.get(agreement_id)
            if row is not None and before.get(agreement_id) != entries.get(agreement_id):  # a row saved now
                target = row.into.entries[0] if field == "into" else getattr(row, field)
                raise EditError(message.text, **message.params).at(target.name)
        words = [
            f"{old_name(self.previous, i)}: {describe(e, changed) if e else KIND_LABELS['']}"
            for i, e in entries.items()
            if before.get(i) != e
        ]
        return changed, line(
            "edition", self.entity_id, "migrations", catalogue.edition, changed.edition, "; ".join(words)
        )


def _row_data(agreement_id: str, entry: Migration | None) -> dict:
    """A row's data: at least two places for agreements, and always one left free (for a split)."""
    into = list(entry.into) if entry else []
    slots = min(MAX_TARGETS, max(2, len(into) + 1))
    return {
        "agreement": agreement_id,
        "kind": entry.kind if entry else "",
        "into": into + [""] * (slots - len(into)),
        "reason": entry.reason if entry else "",
    }


def row_ids(previous: Catalogue, catalogue: Catalogue) -> list[str]:
    """The rows of the page: every missing agreement, then entries that do not belong (to be wiped)."""
    ids = [a.id for a in migration_map.missing(previous, catalogue)]
    return ids + [m.agreement for m in catalogue.edition.migrations if m.agreement not in ids]


def old_name(previous: Catalogue, agreement_id: str) -> str:
    """An agreement of the previous edition as curators know it: "Afspraak 2 van editie 2024"."""
    number = previous.numbers.get(agreement_id)
    if number is None:
        return _("Een afspraak die niet in editie %(edition)s stond", edition=previous.edition.id)
    return _("Afspraak %(n)d van editie %(edition)s", n=number, edition=previous.edition.id)


def agreement_label(agreement: Agreement) -> str:
    """An agreement of the draft in a list: "Afspraak 12: De communicatiedienst beheert …"."""
    return _(
        "Afspraak %(n)d: %(start)s", n=agreement.number, start=first_words(agreement.text[0] if agreement.text else "")
    )


def describe(entry: Migration, catalogue: Catalogue) -> str:
    """An entry in words: "opgesplitst in afspraak 5 en 6 – Twee aparte afspraken."."""
    numbers = [str(catalogue.numbers[t]) for t in entry.into if t in catalogue.numbers]
    words = str(SHORT_KIND_LABELS[entry.kind])
    if numbers:
        words += " " + ngettext(
            "afspraak %(numbers)s", "afspraken %(numbers)s", len(numbers), numbers=", ".join(numbers)
        )
    return words + (f" – {entry.reason}" if entry.reason else "")


def target_groups(previous: Catalogue, catalogue: Catalogue) -> list[tuple[str, list[tuple[str, str]]]]:
    """The draft's agreements to choose from: those new in this edition first, then the others per section."""
    old = {a.id for a in previous.agreements}
    new = [(a.id, agreement_label(a)) for a in catalogue.agreements if a.id not in old]
    groups = [(_("Nieuw in editie %(edition)s", edition=catalogue.edition.id), new)]
    for section in catalogue.sections:
        groups.append(
            (
                f"{section.number} {section.title}",
                [(a.id, agreement_label(a)) for a in section.agreements if a.id in old],
            )
        )
    return [(title, choices) for title, choices in groups if choices]


def map_form(page: MigrationPage, catalogue: Catalogue) -> MigrationMapForm:
    """The page's form, its rows' kind choices set, as posted or as stored (with proposals)."""
    form = page_form(lambda **kw: MigrationMapForm(**kw), page, catalogue)
    for row in form.rows:
        row.form.kind.choices = options(KIND_LABELS.items())
    return form


def _free_place(form) -> None:
    """A row shown again keeps one free place for one more agreement (a split into three)."""
    for row in form.rows:
        into = row.form.into
        if all(t.data for t in into.entries) and len(into.entries) < MAX_TARGETS:
            into.append_entry("")


def check_rows(form, previous: Catalogue, catalogue: Catalogue) -> bool:
    """Put every problem of the rows being changed next to its field (Dutch); True when there is none.

    A row left as stored is not checked here: a problem a colleague left in it does not block this save
    (the publish page lists it).
    """
    entries = {}
    for row in form.rows:
        entry = _entry(row.form)
        if entry is None and (row.form.reason.data or any(t.data for t in row.form.into.entries)):
            row.form.kind.errors = [_("Kies wat er van deze afspraak werd; anders gaat wat je invulde verloren.")]
        entries[row.form.agreement.data] = entry
    candidate = migration_map.with_entries(catalogue, entries, [a.id for a in previous.agreements])
    rows = {row.form.agreement.data: row.form for row in form.rows}
    for agreement_id, field, message in migration_map.problems(previous, candidate):
        row = rows.get(agreement_id)
        if row is not None and entries.get(agreement_id) != catalogue.edition.migration(agreement_id):
            target = row.into.entries[0] if field == "into" else getattr(row, field)
            target.errors = [*target.errors, translated(message)]
    return not any(
        r.form.kind.errors or r.form.reason.errors or any(t.errors for t in r.form.into.entries) for r in form.rows
    )


@bp.route("/edities/<edition_id>/overgang", methods=["GET", "POST"])
def migration_map_page(edition_id: str):
    """Say, per agreement of the previous edition that this draft no longer holds, what became of it."""
    catalogue = editable(edition_id)
    previous = previous_edition(catalogue)
    if previous is None or catalogue.edition.based_on != previous.edition.id:
        return render_template("beheer/migrations.html", catalogue=catalogue, previous=None, form=None)
    page = MigrationPage(edition_id, previous)
    form = map_form(page, catalogue)
    if form.is_submitted():
        valid = form.validate()  # first: validating clears the messages check_rows() adds
        if not check_rows(form, previous, catalogue) or not valid:
            _free_place(form)
            return _render(form, catalogue, previous), 400
    return saved_or_page(
        edition_id,
        page,
        form,
        lambda before, after: redirect(url_for("curation.migration_map_page", edition_id=edition_id)),
        lambda form: _render(form, catalogue, previous),
    )


def options_for(groups, chosen: str) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """One select's option groups, `chosen` selected; a chosen agreement no longer in the edition stays chosen
    (named as gone), so saving the page never drops it silently."""
    known = {value for _title, choices in groups for value, _label in choices}
    marked = [(title, [(v, label, v == chosen) for v, label in choices]) for title, choices in groups]
    if chosen and chosen not in known:
        gone = _("Een afspraak die niet meer in deze editie staat: kies een andere")
        marked.insert(0, (_("Niet meer in deze editie"), [(chosen, gone, True)]))
    return marked


def _render(form, catalogue: Catalogue, previous: Catalogue):
    stored = {m.agreement for m in catalogue.edition.migrations}
    groups = target_groups(previous, catalogue)
    return render_template(
        "beheer/migrations.html",
        form=form,
        catalogue=catalogue,
        previous=previous,
        groups_for=lambda chosen: options_for(groups, chosen),
        old_name=old_name,
        stored=stored,
        old_agreements={a.id: a for a in previous.agreements},
        present={a.id for a in catalogue.agreements},
    )


def map_rows(catalogue: Catalogue, previous: Catalogue | None) -> list[tuple[str, str]] | None:
    """The migration map as the publish page lists it (None: the edition is not based on `previous`)."""
    if previous is None or catalogue.edition.based_on != previous.edition.id:
        return None
    rows = []
    for agreement_id in row_ids(previous, catalogue):
        entry = catalogue.edition.migration(agreement_id)
        rows.append((old_name(previous, agreement_id), describe(entry, catalogue) if entry else str(KIND_LABELS[""])))
    return rows
