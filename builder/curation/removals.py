"""Removing an agreement, variant, chapter or section: always through a confirmation page (no JavaScript needed).

The page shows what goes, which texts name it by number, and that the history can bring it
back. Its button acts on the object as shown: when someone changed it meanwhile, the page is
shown again with the new version instead of removing what the curator never saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for

from ..model import editing, versions
from ..model.catalogue import Catalogue
from ..model.mentions import referring, touched
from ..model.messages import Message
from ..web.i18n import gettext as _
from . import bp
from .common import agreement_name, editable, translated
from .forms import ConfirmForm
from .saving import Line, Stale, check_version, commit


@dataclass
class Removal:
    """What a confirmation page removes, how, and where the curator goes back to or ends up."""

    kind: str
    entity_id: str
    find: Callable[[Catalogue], object | None]  # the object in an edition, None when it is not there
    remove: Callable[[Catalogue], Catalogue]
    title: str
    button: str
    back: str
    done: str
    parent_id: str = ""


def _confirm(edition_id: str, removal: Removal, template_context: dict):
    """The confirmation page, and its button: remove the object as it was shown, else show it again."""
    catalogue = editable(edition_id)
    found = removal.find(catalogue)
    if found is None:  # removed already (a second click), or never there
        flash(_("Dat staat niet (meer) in deze editie."), "info")
        return redirect(removal.done or url_for("curation.edition", edition_id=edition_id))
    form = ConfirmForm(data={"version": versions.fingerprint(found)} if request.method == "GET" else None)
    notice = ""
    if form.validate_on_submit():

        def edit(current: Catalogue):
            now = removal.find(current)
            if now is None:
                return current, []
            changed = _("Iemand veranderde dit intussen. Kijk het hieronder na.")
            check_version(versions.fingerprint(now), form.version.data, changed)
            return removal.remove(current), [
                Line(removal.kind, removal.entity_id, "remove", now, None, "", removal.parent_id)
            ]

        try:
            commit(edition_id, edit)
        except Stale as error:
            notice, form.version.data = str(error), versions.fingerprint(found)
        except editing.EditError as error:
            notice = translated(error.message)
        else:
            flash(_("Verwijderd. Wie het terug wil, herstelt het vanuit de geschiedenis."), "status")
            return redirect(removal.done)
    after = _without(catalogue, removal)
    return render_template(
        "beheer/remove.html",
        form=form,
        deleting=removal,
        catalogue=catalogue,
        notice=notice,
        blocked=translated(after) if isinstance(after, Message) else "",
        warnings=_warnings(catalogue, after, removal),
        **template_context,
    ), 400 if form.errors else 409 if notice else 200


def _warnings(catalogue: Catalogue, after, removal: Removal) -> list[str]:
    """Texts that would point at the wrong agreement or at nothing: by number, and (an agreement) by `[[id]]`."""
    if not isinstance(after, Catalogue):
        return []
    found = touched(catalogue, after)
    if removal.kind == "agreement":
        found = referring(catalogue, removal.entity_id) + found
    return [translated(w) for w in found]


def _without(catalogue: Catalogue, removal: Removal):
    """The edition without the object, or the refusal's message when it cannot go (a section that holds agreements)."""
    try:
        return removal.remove(catalogue)
    except editing.EditError as error:
        return error.message


def _edition_url(edition_id: str, anchor: str) -> str:
    return url_for("curation.edition", edition_id=edition_id) + f"#{anchor}"


@bp.route("/edities/<edition_id>/afspraken/<agreement_id>/verwijderen", methods=["GET", "POST"])
def remove_agreement(edition_id: str, agreement_id: str):
    """Confirm, then remove an agreement (and its ties to references); back to its section on the edition page."""
    catalogue = editable(edition_id)
    agreement = _lookup(catalogue.agreement, agreement_id)
    section = catalogue.section_of(agreement_id) if agreement else None
    removal = Removal(
        "agreement",
        agreement_id,
        lambda c: _lookup(c.agreement, agreement_id),
        lambda c: editing.remove_agreement(c, agreement_id),
        _("Afspraak %(n)d verwijderen?", n=agreement.number) if agreement else "",
        _("Ja, verwijder afspraak %(n)d", n=agreement.number) if agreement else "",
        url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id),
        _edition_url(edition_id, f"onderdeel-{section.id}") if section else "",
        section.id if section else "",
    )
    return _confirm(
        edition_id, removal, {"agreement": agreement, "name": agreement_name(agreement) if agreement else ""}
    )


@bp.route("/edities/<edition_id>/afspraken/<agreement_id>/varianten/verwijderen", methods=["GET", "POST"])
def remove_variant(edition_id: str, agreement_id: str):
    """Confirm, then remove one variant (?variant=label) of an agreement."""
    label = request.args.get("variant", "")
    catalogue = editable(edition_id)
    agreement = _lookup(catalogue.agreement, agreement_id)
    here = url_for("curation.agreement", edition_id=edition_id, agreement_id=agreement_id)
    removal = Removal(
        "variant",
        agreement_id,
        lambda c: (_lookup(c.agreement, agreement_id) or _Nothing).variant(label),
        lambda c: editing.remove_variant(c, agreement_id, label),
        _("Variant “%(label)s” van afspraak %(n)d verwijderen?", label=label, n=agreement.number if agreement else 0),
        _("Ja, verwijder variant “%(label)s”", label=label),
        here,
        here + "#varianten",
    )
    return _confirm(edition_id, removal, {"agreement": agreement})


@bp.route("/edities/<edition_id>/hoofdstukken/<chapter_id>/verwijderen", methods=["GET", "POST"])
def remove_chapter(edition_id: str, chapter_id: str):
    """Confirm, then remove an intro chapter."""
    catalogue = editable(edition_id)
    chapter = _lookup(catalogue.chapter, chapter_id)
    removal = Removal(
        "chapter",
        chapter_id,
        lambda c: _lookup(c.chapter, chapter_id),
        lambda c: editing.remove_chapter(c, chapter_id),
        _("Hoofdstuk “%(title)s” verwijderen?", title=chapter.title) if chapter else "",
        _("Ja, verwijder dit hoofdstuk"),
        url_for("curation.chapter", edition_id=edition_id, chapter_id=chapter_id),
        _edition_url(edition_id, "hoofdstukken"),
    )
    return _confirm(edition_id, removal, {"chapter": chapter})


@bp.route("/edities/<edition_id>/onderdelen/<section_id>/verwijderen", methods=["GET", "POST"])
def remove_section(edition_id: str, section_id: str):
    """Confirm, then remove an empty section; one that still holds agreements is refused, with the reason."""
    catalogue = editable(edition_id)
    section = next((s for s in catalogue.sections if s.id == section_id), None)
    removal = Removal(
        "section",
        section_id,
        lambda c: next((s for s in c.sections if s.id == section_id), None),
        lambda c: editing.remove_section(c, section_id),
        _("Onderdeel %(number)s “%(title)s” verwijderen?", number=section.number, title=section.title)
        if section
        else "",
        _("Ja, verwijder dit onderdeel"),
        url_for("curation.section", edition_id=edition_id, section_id=section_id),
        _edition_url(edition_id, "onderdelen"),
    )
    return _confirm(edition_id, removal, {"section": section})


class _Nothing:
    """Stands in for a missing agreement: it has no variants."""

    @staticmethod
    def variant(label: str) -> None:
        """No variant at all."""
        return None


def _lookup(find, key: str):
    """`find(key)`, or None when there is no such thing."""
    try:
        return find(key)
    except KeyError:
        return None
