"""Own sections: parts of the note that are not in the catalogue, with the organisation's own agreements."""

from __future__ import annotations

import dataclasses

from flask import abort, g, request, url_for

from ..model import merging
from ..model.building import add_own_section, delete_own_section, move_own_section, normalise_order, note_tailor
from ..model.choices import AgreementChoice, Choices, Part
from ..model.limits import OWN_PER_SECTION
from ..model.note import compose
from ..model.outline import Part as OutlinePart
from ..model.outline import outline
from ..web.i18n import gettext as _
from . import bp
from .current import draft_required, remember_where, working_copy
from .forms import own_section_form, own_sections_form
from .saving import form_page, page_data, refused_beside, save


def order_keys(*notes: Choices) -> list[str]:
    """The units the own sections page changes: the order of own sections, and each one's title and place."""
    return ["order", *dict.fromkeys(f"part:{p.key}" for c in notes for p in c.sections if p.is_own)]


@bp.route("/nota/eigen-onderdelen", methods=["GET", "POST"])
@draft_required
def own_sections():
    """Add own sections and move them between the catalogue's sections."""
    remember_where(url_for("wizard.own_sections"))
    last = g.catalogue.sections[-1].number if g.catalogue.sections else ""
    data = None if request.method == "POST" else page_data(order_keys(g.draft.choices), new_after=last)
    form = own_sections_form(g.catalogue, note_tailor(g.draft.choices, g.catalogue), data=data)
    page = ("wizard/own_sections.html", form)
    if form.validate_on_submit():
        choices, progress = working_copy()
        verb, _sep, key = request.form.get("action", "add").partition(":")
        target = url_for("wizard.own_sections")
        if verb in ("up", "down"):
            choices = move_own_section(choices, g.catalogue, key, -1 if verb == "up" else 1)
            message = _("De volgorde is aangepast.")
        else:  # "add", the default button (the form checked that the new section has a title)
            choices, key = add_own_section(choices, g.catalogue, form.new_title.data, form.new_after.data or "")
            if form.new_text.data:  # its first agreement, typed with the title
                first = (AgreementChoice(text=form.new_text.data),)
                choices = choices.with_part(dataclasses.replace(choices.own_part(key), agreements=first))
            target, message = url_for("wizard.own_section", key=key), _("Je onderdeel is toegevoegd.")

        def too_big(problem):  # nothing saved: the message beside what made the note too big
            refused_beside(form.new_text if form.new_text.data else form.new_title, problem)
            return form_page(*page, parts=note_order(g.draft.choices))

        return save(form, choices, progress, target, order_keys(choices, g.draft.choices), message, too_big=too_big)
    return form_page(*page, parts=note_order(g.draft.choices))


def note_order(choices: Choices) -> list[OutlinePart]:
    """The note's parts as the document numbers and names them (the introduction, if any, is 1)."""
    return outline(compose(choices, g.catalogue)).parts


def _posted_count(prefix: str) -> int:
    """How many numbered fields the post holds (it may predate a colleague’s change); one past the limit at most."""
    count = 0
    while f"{prefix}{count}" in request.form and count <= OWN_PER_SECTION:
        count += 1
    return count


Row = tuple[int | None, str]  # an agreement's place among those the page showed (None: new) and its text


def _own_agreements(part: Part, rows: list[Row]) -> tuple[AgreementChoice, ...]:
    """The section's agreements with the posted texts, in the posted order; what a text box does not show is kept."""
    shown = part.agreements
    return tuple(
        dataclasses.replace(shown[k] if k is not None and k < len(shown) else AgreementChoice(), text=text)
        for k, text in rows
        if text
    )


def _moved(rows: list[Row], action: str) -> list[Row]:
    """Apply an 'up:k' or 'down:k' button to the list of agreements."""
    verb, _sep, index = action.partition(":")
    if verb not in ("up", "down") or not index.isdigit():
        return rows
    i = int(index)
    j = i - 1 if verb == "up" else i + 1
    if 0 <= i < len(rows) and 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    return rows


@bp.route("/nota/eigen-onderdelen/<key>", methods=["GET", "POST"])
@draft_required
def own_section(key: str):
    """Title, place and agreements of one own section."""
    part = g.draft.choices.own_part(key)
    if part is None:
        abort(404)
    here = url_for("wizard.own_section", key=key)
    remember_where(here)
    count = len(part.agreements) if request.method == "GET" else _posted_count("text_")
    keys = ["order", *merging.part_keys(key)]
    data = None
    if request.method == "GET":
        data = page_data(keys, title=part.title, after=part.after)
        data.update({f"text_{k}": a.text for k, a in enumerate(part.agreements)})
    form = own_section_form(g.catalogue, note_tailor(g.draft.choices, g.catalogue), count, data=data)
    action = request.form.get("action", "save")
    if form.validate_on_submit():
        choices, progress = working_copy()
        if action == "delete-section":
            choices = delete_own_section(choices, key)
            return save(
                form, choices, progress, url_for("wizard.own_sections"), keys, _("Het onderdeel is verwijderd.")
            )
        target = choices.own_part(key)
        if target is None:
            abort(404)
        rows = _moved([(k, form[f"text_{k}"].data) for k in range(count) if action != f"delete:{k}"], action)
        rows.append((None, form.new_text.data))
        changed = dataclasses.replace(
            target, title=form.title.data, after=form.after.data or "", agreements=_own_agreements(target, rows)
        )
        choices = normalise_order(choices.with_part(changed), g.catalogue)
        done = action in ("done", "review")
        next_url = {"done": url_for("wizard.own_sections"), "review": url_for("wizard.review")}.get(action, here)

        def too_big(problem):  # nothing saved: the message beside the new agreement's box
            refused_beside(form.new_text, problem)
            return form_page("wizard/own_section.html", form, part=part, count=count)

        message = _("Je onderdeel is bewaard.") if done else None
        return save(form, choices, progress, next_url, keys, message, too_big=too_big)
    return form_page("wizard/own_section.html", form, part=part, count=count)
