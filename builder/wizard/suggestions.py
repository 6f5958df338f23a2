"""Suggestions to Kortom, sent from any section page: a new agreement or a better wording."""

from __future__ import annotations

from flask import flash, g, redirect, url_for

from ..db import get_db, suggestions, write
from ..model.building import note_tailor
from ..model.catalogue import Section
from ..model.terminology import tailored_text
from ..web.i18n import gettext as _
from ..web.security import within_rate
from . import bp
from .current import draft_required, section_or_404
from .forms import suggestion_form
from .saving import form_page


@bp.route("/nota/onderdeel/<number>/suggestie", methods=["GET", "POST"])
@draft_required
def suggest(number: str):
    """Send Kortom a new agreement or a better wording, from any section page."""
    section = section_or_404(number)
    form = suggestion_form(section)
    if form.validate_on_submit():
        if not within_rate("suggestion"):
            form.text.errors.append(
                _("Je stuurde de voorbije tijd veel voorstellen. Je tekst staat er nog: probeer over een uur opnieuw.")
            )
            return form_page("wizard/suggest.html", form, section=section, title=_title(section))[0], 429
        db = get_db()
        with write(db):
            suggestions.add_suggestion(
                db,
                edition_id=g.catalogue.edition.id,
                section_number=number,
                agreement_id=form.agreement.data or "" if form.kind.data == "verbetering" else "",
                kind=form.kind.data,
                text=form.text.data,
                name=form.name.data or "",
                email=form.email.data or "",
                organisation=g.draft.choices.organisation.type,
            )
        flash(_("Bedankt! Kortom bekijkt je voorstel."), "status")
        return redirect(url_for("wizard.section", number=number))
    return form_page("wizard/suggest.html", form, section=section, title=_title(section))


def _title(section: Section) -> str:
    """The section's title in the note's words."""
    return tailored_text(note_tailor(g.draft.choices, g.catalogue), section.title)
