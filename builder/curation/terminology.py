"""Curators edit an edition's terminology tables: per kind of organisation, its words for the catalogue's own.

One page per kind (/beheer/edities/<id>/terminologie/<kind>): the replacements as "old → new"
lines and the phrases that stay. A draft edition only (a published one never changes). It saves
like every curation page (curation/saving.py): on the table as stored, under the write lock, so
a colleague's save in between is merged or shown, never overwritten.
"""

from __future__ import annotations

from flask import abort, render_template, request

from ..model.catalogue import Catalogue, Terminology
from ..model.editing import EditError
from ..model.organisations import ORGANISATION_TYPES, organisation_type
from ..model.terminology import (
    MAX_LINES,
    MAX_WORDS,
    TableProblem,
    read_table,
    replacement_count,
    replacement_key,
    table_lines,
    table_problems,
    unused_lines,
    with_terminology,
)
from ..web.fields import text_field
from ..web.i18n import gettext as _
from ..web.i18n import lazy_gettext as _l
from . import bp
from .common import back_to_edition, editable, load_edition, previous_edition
from .forms import CuratedForm
from .saving import FormPage, line, page_form, saved_or_page

TAILORED = tuple(t.key for t in ORGANISATION_TYPES if t.key != "gemeente")  # the catalogue speaks as a municipality


def on_keep(problem: TableProblem) -> bool:
    """True for a problem with the phrases that stay (shown at that box), else it is about the replacements."""
    return problem.where.startswith("keep")


def problem_message(problem: TableProblem, numbers: list[int]) -> str:
    """A table's problem in the curator's language, with the line number of the text box."""
    if problem.kind == "too_many":
        return _("Een tabel heeft hoogstens %(max)d regels.", max=MAX_LINES)
    if on_keep(problem):
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


class TerminologyForm(CuratedForm):
    lines = text_field(
        _l("Vervangingen"),
        description=_l(
            "Eén per regel: woorden uit de catalogus → wat deze soort organisatie zegt. Elke vorm apart "
            "(gemeentelijk en gemeentelijke); met lidwoord waar dat mee verandert (het college → de deputatie)."
        ),
    )
    keep = text_field(_l("Blijft staan"), description=_l("Eén per regel: woorden die bewust niet veranderen."))

    def validate_lines(self, field) -> None:
        """Every line reads "old → new" and can apply as written; each problem is named by its line number."""
        terms, wrong, numbers = read_table("", field.data or "", self.keep.data or "")
        field.errors += [_("Regel %(n)d: schrijf “oud → nieuw”.", n=n) for n, _line in wrong]
        field.errors += [problem_message(p, numbers) for p in table_problems(terms) if not on_keep(p)]

    def validate_keep(self, field) -> None:
        """A phrase that stays is not also replaced."""
        terms, _wrong, numbers = read_table("", self.lines.data or "", field.data or "")
        field.errors += [problem_message(p, numbers) for p in table_problems(terms) if on_keep(p)]


class TerminologyPage(FormPage):
    """One kind of organisation's table: its replacements and the phrases that stay, each a text box."""

    kind = "terminology"
    mergeable = frozenset({"lines", "keep"})
    line_mergeable = frozenset({"lines", "keep"})  # two curators adding lines to one table both keep theirs

    def __init__(self, organisation: str):
        self.entity_id = organisation

    def names(self, form) -> list[str]:
        """The two text boxes."""
        return ["lines", "keep"]

    def line_key(self, name: str, line: str) -> str:
        """A replacement is known by the words it replaces; a phrase that stays by itself."""
        return replacement_key(line) if name == "lines" else line

    def data(self, catalogue: Catalogue) -> dict:
        """The table as stored, as the text boxes show it."""
        stored = catalogue.terminology_for(self.entity_id)
        return {"lines": table_lines(stored), "keep": "\n".join(stored.keep if stored else ())}

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The table now."""
        return self.data(catalogue)

    def apply(self, catalogue: Catalogue, values):
        """The edition with the table these values say; refused when merging with a colleague made it wrong."""
        terms, wrong, numbers = read_table(self.entity_id, values["lines"] or "", values["keep"] or "")
        problems = table_problems(terms)
        if wrong or problems:
            message = problem_message(problems[0], numbers) if problems else _("Schrijf elke regel als “oud → nieuw”.")
            raise EditError(message).at("keep" if problems and on_keep(problems[0]) else "lines")
        before: Terminology | None = catalogue.terminology_for(self.entity_id)
        changed = with_terminology(catalogue, terms)
        return changed, line("terminology", self.entity_id, "edit", before, changed.terminology_for(self.entity_id))


@bp.app_template_global()
def terminology_kinds() -> list:
    """The kinds of organisation a table can be made for, for the edition page's list."""
    return [t for t in ORGANISATION_TYPES if t.key in TAILORED]


@bp.route("/edities/<edition_id>/terminologie/<kind>", methods=["GET", "POST"])
def terminology(edition_id: str, kind: str):
    """See, and in a draft edition edit, the words one kind of organisation says instead of the catalogue's."""
    catalogue = editable(edition_id) if request.method == "POST" else load_edition(edition_id)
    organisation = organisation_type(kind)
    if organisation is None or kind not in TAILORED:
        abort(404)
    page = TerminologyPage(kind)
    stored = catalogue.terminology_for(kind)

    def render(form):
        count = replacement_count(catalogue, stored) if stored else 0
        previous = previous_edition(catalogue) if stored and not catalogue.edition.is_published else None
        unused = unused_lines(catalogue, stored, previous) if previous else []
        return render_template(
            "beheer/terminology.html",
            form=form,
            catalogue=catalogue,
            organisation=organisation,
            count=count,
            unused=unused,
            previous=previous,
        )

    return saved_or_page(
        edition_id,
        page,
        page_form(TerminologyForm, page, catalogue),
        lambda before, after: back_to_edition(edition_id, "terminologie"),
        render,
    )
