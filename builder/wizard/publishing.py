"""Publishing the note as a web page, from the download page: publish, publish the current version, revoke.

The page itself is the `published` blueprint's (`/gepubliceerd/<token>`). Here the author publishes
the note as it is now, sees its address (kept, so it can be found again in any browser), publishes
a later version at the same address, says whether search engines may find it, and revokes it after
a confirmation page: the address then stops working for good, and publishing again gives a new one.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import get_db, publications
from ..model.messages import N_
from ..web.i18n import gettext as _
from ..web.security import public_url
from . import bp
from .current import draft_required
from .forms import ConfirmForm, PublishForm

ANCHOR = "publiceren"  # the download page's section about the web page
EXPIRED = N_("Je sessie was verlopen. Klik nog eens op de knop.")
CHANGED_MEANWHILE = N_(
    "Je nota veranderde intussen, in een ander venster of door een collega. Kijk ze na en publiceer opnieuw."
)


def address(publication: publications.Publication) -> str:
    """The published page's full address, to share."""
    return public_url("published.note", token=publication.token)


def publication_context() -> dict:
    """What the download page shows about the web page: how to publish, or where it is and which version it shows."""
    found = publications.of_draft(get_db(), g.draft.id)
    form = PublishForm(data={"version": g.draft.version, "findable": found.findable if found else False})
    if found is None:
        return {"publication": None, "publish_form": form}
    return {
        "publication": found,
        "publish_form": form,
        "published_address": address(found),
        "published_changed": publications.changed_since(get_db(), found, g.draft.choices),
    }


def _back():
    return redirect(url_for("wizard.download", _anchor=ANCHOR))


@bp.post("/nota/publiceren")
@draft_required
def publish():
    """Publish the note as it is now (the same address when it was published already), or only its findability."""
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_(EXPIRED), "error")
        return _back()
    if not g.draft.choices.organisation.name:
        flash(_("Vul eerst de naam van je organisatie in; die komt op de titelpagina."), "error")
        return redirect(url_for("wizard.organisation"))
    found = publications.of_draft(get_db(), g.draft.id)
    findable = bool(form.findable.data)
    if form.action.data == "findable":
        if found is None:  # revoked meanwhile, in another window: this button never publishes
            flash(_("Je nota staat niet online."), "info")
            return _back()
        publications.set_findable(get_db(), g.draft.id, findable)
        if findable:
            flash(_("Zoekmachines mogen de webpagina van je nota nu vinden."), "status")
        else:
            flash(_("We vragen zoekmachines nu om de webpagina van je nota over te slaan."), "status")
        return _back()
    if int(form.version.data) != g.draft.version:
        flash(_(CHANGED_MEANWHILE), "error")
        return _back()
    publications.publish(get_db(), g.draft, findable)
    if found is None:
        flash(_("Je nota staat online. Geef het adres aan wie ze mag lezen."), "status")
    else:
        flash(_("De webpagina toont nu de huidige versie van je nota, op hetzelfde adres."), "status")
    return _back()


@bp.route("/nota/publiceren/intrekken", methods=["GET", "POST"])
@draft_required
def revoke_publication():
    """Ask first, then take the web page offline: its address stops working for good."""
    found = publications.of_draft(get_db(), g.draft.id)
    if found is None:
        flash(_("Je nota staat niet online."), "info")
        return _back()
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            flash(_(EXPIRED), "error")
            return redirect(url_for("wizard.revoke_publication"))
        publications.revoke(get_db(), g.draft.id)
        flash(_("De publicatie is ingetrokken. Het adres van de webpagina werkt niet meer."), "status")
        return _back()
    return render_template("wizard/revoke_publication.html", form=form, address=address(found))
