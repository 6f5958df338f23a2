"""When two saves of one note meet: each unit in conflict shown both ways, for the officer to choose.

Saving merges what only one of two people changed (model/merging.py); what both changed differently
comes here: one row per unit (an agreement, a part, a field of the note) with both versions and a
word diff, and a choice per row. The page posts the page's own fields again, with the choices
(`keuze:<unit>`): saving then keeps what was chosen and merges the rest once more.
"""

from __future__ import annotations

from flask import render_template, request

from ..model.building import final_text, note_tailor
from ..model.catalogue import Catalogue
from ..model.choices import AgreementChoice, Choices, Part
from ..model.dates import in_form
from ..model.merging import units
from ..model.messages import Message
from ..model.organisations import organisation_type
from ..model.text_diff import text_diff
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l

CHOICE = "keuze:"
MINE, STORED = "mijn", "bewaard"

FIELD_LABELS = {  # the fields of the note as a whole, as its pages name them
    "organisation.name": _l("Naam van je organisatie"),
    "organisation.type": _l("Soort organisatie"),
    "title": _l("Titel van de nota"),
    "date": _l("Datum van de nota"),
    "version": _l("Versie"),
    "author.name": _l("Jouw naam"),
    "author.function": _l("Jouw functie"),
    "chapters": _l("Hoofdstukken"),
    "vision": _l("Visie en communicatiedoelen"),
    "options.references": _l("Bijlage Meer lezen"),
    "options.provenance": _l("Bijlage Herkomst"),
    "options.approval": _l("Goedkeuringsblok"),
    "options.approved_by": _l("Goedgekeurd door"),
    "options.approved_on": _l("Goedgekeurd op"),
    "options.decision": _l("Referentie van de beslissing"),
    "options.signatories": _l("Ondertekenaars"),
    "order": _l("Volgorde van je eigen onderdelen"),
}


def decisions() -> dict[str, bool]:
    """The choices made on the conflict page, by unit: True to keep mine, False to keep what was stored."""
    return {k.removeprefix(CHOICE): v == MINE for k, v in request.form.items() if k.startswith(CHOICE)}


def unit_label(key: str, choices: Choices, catalogue: Catalogue) -> str:
    """How the conflict page names a unit: "Afspraak 12", "Eigen afspraken in 5.2", "Titel van de nota"."""
    kind, _colon, name = key.partition(":")
    if kind == "agreement":
        return _("Afspraak %(n)d", n=catalogue.agreement(name).number)
    if kind in ("part", "own"):
        own = choices.own_part(name)
        where = own.title if own else name
        if kind == "own":
            return _("Eigen afspraken in %(part)s", part=where)
        return _("Onderdeel %(part)s", part=where)
    return str(FIELD_LABELS.get(key, key))


def unit_text(key: str, value: object, choices: Choices, catalogue: Catalogue) -> str:
    """A unit's value as the conflict page shows it ("" when it is not in the note)."""
    if value is None:
        return ""
    if isinstance(value, AgreementChoice):
        prefix = f"[{value.variant}] " if value.variant else ""
        prefix += f"[{_('woorden van de catalogus')}] " if value.untailored else ""
        return prefix + final_text(value, catalogue.agreement(value.id), note_tailor(choices, catalogue))
    if isinstance(value, Part):
        if value.is_own:
            place = _("Na %(number)s", number=value.after) if value.after else _("Vooraan, na de inleiding")
            return f"{value.title} ({place})"
        return _("Inleiding opgenomen") if value.intro else _("Inleiding niet opgenomen")
    if key == "order":
        return " · ".join(p.title for k in value if (p := choices.own_part(str(k))) is not None)
    if key == "chapters":
        return ", ".join(c.title for c in catalogue.chapters if c.id in value)
    if isinstance(value, tuple):
        return "\n\n".join(a.text if isinstance(a, AgreementChoice) else _words(key, a) for a in value)
    return _words(key, value)


def _words(key: str, value: object) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if key == "organisation.type":
        found = organisation_type(str(value))
        return _(found.label) if found else ""
    if key in ("date", "options.approved_on"):
        return in_form(str(value))
    return str(value)


def conflict_page(keys: tuple[str, ...], mine: Choices, theirs: Choices, catalogue: Catalogue, current_version: int):
    """Both versions of each unit in conflict, to choose per unit; the page's fields go along as they were posted."""
    my_units, their_units = units(mine), units(theirs)
    rows = []
    for key in keys:
        label = unit_label(key, theirs, catalogue)
        shown_mine = unit_text(key, my_units.get(key), mine, catalogue)
        shown_theirs = unit_text(key, their_units.get(key), theirs, catalogue)
        rows.append(
            {
                "name": key,
                "label": label,
                "mine": shown_mine,
                "theirs": shown_theirs,
                "diff": text_diff(Message(label), shown_theirs, shown_mine),
            }
        )
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "version")]
    fields = [(k, v) for k, v in fields if not k.startswith(CHOICE)]
    return render_template(
        "wizard/conflict.html", rows=rows, fields=fields, current_version=current_version, action=request.path
    ), 409
