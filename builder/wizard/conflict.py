"""What a step holds, as (label, text) rows, to show two versions side by side."""

from __future__ import annotations

from flask_babel import gettext as _

from ..model.building import final_text
from ..model.catalogue import Catalogue
from ..model.choices import Choices
from .forms import ORGANISATION_TYPE_LABELS


def describe(step: str, choices: Choices, catalogue: Catalogue) -> list[tuple[str, str]]:
    """Rows for one wizard step; equal rows mean nothing to choose between."""
    kind, _sep, arg = step.partition(":")
    if kind == "organisatie":
        return [
            (_("Naam van je organisatie"), choices.organisation_name),
            (_("Soort organisatie"), str(ORGANISATION_TYPE_LABELS.get(choices.organisation_type, ""))),
            (_("Titel van de nota"), choices.title),
            (_("Datum van de nota"), choices.date),
            (_("Versie"), choices.version),
            (_("Jouw naam"), choices.author_name),
            (_("Jouw functie"), choices.author_function),
        ]
    if kind == "inleiding":
        titles = [c.title for c in catalogue.chapters if c.id in choices.chapters]
        return [(_("Hoofdstukken"), ", ".join(titles)), (_("Visie en communicatiedoelen"), choices.vision)]
    if kind == "onderdeel":
        return _section_rows(choices, catalogue, arg)
    if kind in ("eigen-onderdelen", "eigen"):
        return _own_rows(choices, arg)
    if kind == "nalezen":
        o = choices.options
        yes, no = _("ja"), _("nee")
        return [
            (_("Bijlage Meer lezen"), yes if o.references else no),
            (_("Bijlage Herkomst"), yes if o.provenance else no),
            (_("Goedkeuringsblok"), yes if o.approval else no),
            (_("Goedgekeurd door"), o.approved_by),
            (_("Goedgekeurd op"), o.approved_on),
        ]
    return []


def _section_rows(choices: Choices, catalogue: Catalogue, number: str) -> list[tuple[str, str]]:
    section = catalogue.section(number)
    part = choices.part(number)
    chosen = {c.id: c for c in part.agreements if c.id} if part else {}
    rows = []
    for agreement in section.agreements:
        choice = chosen.get(agreement.id)
        label = _("Afspraak %(n)d", n=agreement.number)
        if choice is None:
            rows.append((label, _("niet opgenomen")))
        else:
            prefix = f"[{choice.variant}] " if choice.variant else ""
            rows.append((label, prefix + final_text(choice, agreement)))
    own = [c for c in part.agreements if c.is_own] if part else []
    for k, choice in enumerate(own, start=1):
        rows.append((_("Eigen afspraak %(k)d", k=k), choice.text))
    return rows


def _own_rows(choices: Choices, key: str) -> list[tuple[str, str]]:
    if key:
        part = choices.own_part(key)
        if part is None:
            return [(_("Titel van het onderdeel"), _("verwijderd"))]
        rows = [(_("Titel van het onderdeel"), part.title)]
        rows += [(_("Afspraak %(k)d", k=k), a.text) for k, a in enumerate(part.agreements, start=1)]
        return rows
    own = [p for p in choices.sections if p.is_own]
    return [
        (_("Eigen onderdelen"), ", ".join(p.title for p in own)),
        (_("Volgorde van de nota"), " · ".join(p.title or p.number for p in choices.sections)),
    ]
