"""The note's house style: the organisation's own Word template, or its logo on the title page.

`/nota/huisstijl` says what the note is built on and offers both uploads. Every upload is checked
(formats/upload.py, formats/house_style.py) before anything is stored, and a template is tried on
the user's own note before it is kept, so a download never fails on it. A refused file leaves
what was stored as it was. `note_style()` gives the download the house style to build on.
"""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, url_for

from ..db import get_db, house_styles
from ..db.house_styles import LOGO, TEMPLATE, StoredHouseStyle
from ..formats.upload import MAX_BYTES, UploadRefused, one_of_few
from ..formats.word_styles import DUTCH
from ..model.messages import N_
from ..web.i18n import gettext as _
from ..web.i18n import language
from ..web.security import accepts_upload, within_rate
from . import bp
from .current import draft_required, remember_where
from .forms import LogoForm, SwitchStyleForm, TemplateForm

# Styles worth telling the user about when their template lacked them; Word's contents and link styles,
# which most templates lack until they are first used, are added without a word.
TOO_MANY = N_("Je laadde net erg veel bestanden op. Probeer het over een uur opnieuw.")
NOTEWORTHY = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet")


def upload_refusal(refused: UploadRefused) -> str:
    """Why an upload was refused, in the interface's language (a part named in the message too)."""
    params = {
        key: _(value) if isinstance(value, str) and value else value for key, value in refused.message.params.items()
    }
    return _(refused.message.text, **params)


def style_label(name: str) -> str:
    """A style as Word shows it in the interface's language: "Kop 1" in Dutch, "Heading 1" in English."""
    if language() == "nl":
        return DUTCH.get(name, name)
    return name


def note_style(draft_id: int):
    """The draft's house style for `render_note`, or None for the standard look."""
    from ..formats.house_style import PREPARED, HouseStyle, Logo, base_from_plain

    stored = house_styles.find(get_db(), draft_id)
    if stored is None:
        return None
    template = None
    if stored.has_template:
        if stored.prepared_with == PREPARED:
            template = base_from_plain(stored.prepared, stored.prepared_styles)
        else:
            template = _prepare_again(draft_id, stored)
    logo = Logo(stored.logo, stored.logo_alt) if stored.has_logo else None
    return HouseStyle(template=template, logo=logo, template_name=stored.template_name)


def _keep_template(draft_id: int, name: str, upload: bytes, prepared, our_footer: bool = False) -> None:
    """Store a prepared template with what was uploaded, its style ids and lists, what it lacked, its footer."""
    from ..formats.house_style import PREPARED, base_plain

    styles = {**base_plain(prepared.base), "added": list(prepared.added), "numbered_footer": prepared.numbered_footer}
    styles["our_footer"] = our_footer
    house_styles.save_template(get_db(), draft_id, name, upload, prepared.base.blob, PREPARED, styles)


def _prepare_again(draft_id: int, stored: StoredHouseStyle):
    """A template stored by an older preparation, prepared anew from its upload (None if that now fails)."""
    from ..formats.house_style import template_base

    upload = house_styles.uploaded_template(get_db(), draft_id)
    our_footer = stored.prepared_styles.get("our_footer", False)
    try:
        prepared = template_base(upload, our_footer=our_footer)
    except UploadRefused as refused:
        current_app.logger.warning("Stored template of draft %s no longer prepares: %s", draft_id, refused)
        return None
    _keep_template(draft_id, stored.template_name, upload, prepared, our_footer)
    return prepared.base


def bring_back(draft_id: int, note: bytes, said: dict) -> str:
    """A note brought back that was built on a template keeps it: the note itself is the template now.

    `said` is what the note says of its house style (`ImportedNote.house_style`). Returns the
    template's name, or "" when the note had none or it no longer prepares."""
    from ..formats.house_style import template_base

    if not said:
        return ""
    our_footer = bool(said.get("our_footer"))
    try:
        with one_of_few():
            prepared = template_base(note, our_footer=our_footer)
    except UploadRefused as refused:
        current_app.logger.warning("A brought-back note's house style does not prepare: %s", refused)
        return ""
    name = said["template"][-120:] or "sjabloon.docx"
    _keep_template(draft_id, name, note, prepared, our_footer)
    return name


def summary(stored: StoredHouseStyle | None) -> str:
    """One sentence on what the note is built on, for this page and the download page."""
    if stored is not None and stored.has_template:
        return _("Je nota wordt gemaakt op je eigen Word-sjabloon “%(name)s”.", name=stored.template_name)
    if stored is not None and stored.has_logo:
        return _("Je nota krijgt de standaardopmaak, met je logo “%(name)s” op de titelpagina.", name=stored.logo_name)
    return _("Je nota krijgt de standaardopmaak van Bouwpakket, zonder logo.")


def _page(template_form=None, logo_form=None, status: int = 200):
    stored = house_styles.find(get_db(), g.draft.id, files=False)
    if logo_form is None:
        logo_form = LogoForm(data={"alt": stored.logo_alt if stored else ""})
    prepared = stored.prepared_styles if stored and stored.has_template else {}
    added = prepared.get("added", [])
    body = render_template(
        "wizard/house_style.html",
        template_form=template_form or TemplateForm(),
        logo_form=logo_form,
        switch_form=SwitchStyleForm(),
        stored=stored,
        summary=summary(stored),
        added=[style_label(name) for name in NOTEWORTHY if name in added],
        found=[style_label(name) for name in NOTEWORTHY if prepared and name not in added],
        numbered_footer=prepared.get("numbered_footer", False),
        form=template_form if template_form and template_form.errors else logo_form,
    )
    return body, status


@bp.get("/nota/huisstijl")
@draft_required
def house_style():
    """What the note is built on, and the forms to upload a template or a logo."""
    remember_where(url_for("wizard.house_style"))
    return _page()


def _tried(prepared) -> None:
    """Build the user's own note on a prepared template once; UploadRefused when that fails."""
    from ..formats.house_style import HouseStyle
    from ..formats.word import render_note, to_bytes

    try:
        to_bytes(render_note(g.draft.choices, g.catalogue, style=HouseStyle(template=prepared.base)))
    except Exception:  # noqa: BLE001 - a template that breaks the note is refused, never kept
        current_app.logger.exception("A prepared template failed on draft %s", g.draft.id)
        raise UploadRefused(
            N_("Je nota kon niet op dit sjabloon gemaakt worden. Probeer een ander sjabloon of een eenvoudiger versie.")
        ) from None


@bp.post("/nota/huisstijl/sjabloon")
@accepts_upload
@draft_required
def upload_template():
    """Keep an uploaded Word template as the note's house style, after every check and a trial build."""
    from ..formats.house_style import template_base

    form = TemplateForm()
    if not form.validate_on_submit():
        return _page(template_form=form, status=400)
    if not within_rate("house-style"):
        form.template_file.errors.append(_(TOO_MANY))
        return _page(template_form=form, status=429)
    data = form.template_file.data.read(MAX_BYTES + 1)
    try:
        with one_of_few():
            prepared = template_base(data)
            _tried(prepared)
    except UploadRefused as refused:
        form.template_file.errors.append(upload_refusal(refused))
        return _page(template_form=form, status=400)
    name = (form.template_file.data.filename or "sjabloon.docx")[-120:]
    _keep_template(g.draft.id, name, data, prepared)
    flash(_("Je nota wordt voortaan gemaakt op het sjabloon “%(name)s”.", name=name), "status")
    return redirect(url_for("wizard.house_style"))


@bp.post("/nota/huisstijl/logo")
@accepts_upload
@draft_required
def upload_logo():
    """Keep a logo (or a new description of the one kept) for the title page."""
    from ..formats.logo import MAX_LOGO_BYTES, checked_logo

    form = LogoForm()
    stored = house_styles.find(get_db(), g.draft.id, files=False)
    upload = form.logo_file.data
    has_file = bool(upload and upload.filename)
    valid = form.validate_on_submit()
    if has_file and valid and not within_rate("house-style"):  # counted before the file is read
        form.logo_file.errors.append(_(TOO_MANY))
        return _page(logo_form=form, status=429)
    data = upload.read(MAX_LOGO_BYTES * 5 + 1) if has_file else None
    if has_file:
        try:
            data = checked_logo(data)
        except UploadRefused as refused:
            form.logo_file.errors.append(upload_refusal(refused))
    elif stored is None or not stored.logo_name:
        form.logo_file.errors.append(_("Kies een PNG- of JPEG-afbeelding met je logo."))
    if has_file and not form.logo_file.errors and not valid:
        form.logo_file.errors.append(_("Het logo is in orde, maar nog niet bewaard: kies het opnieuw."))
    if form.logo_file.errors or not valid:
        return _page(logo_form=form, status=400)
    name = (upload.filename or "logo")[-120:] if has_file else ""
    house_styles.save_logo(get_db(), g.draft.id, form.alt.data, name, data)
    if stored is not None and stored.has_template:
        flash(_("Je logo is bewaard. Het komt op de titelpagina zodra je geen sjabloon meer gebruikt."), "status")
    else:
        flash(
            _("Je logo staat op de titelpagina.") if has_file else _("De beschrijving van je logo is bewaard."),
            "status",
        )
    return redirect(url_for("wizard.house_style"))


SWITCHED = {
    (TEMPLATE, False): N_(
        "Je nota krijgt weer de standaardopmaak. Je sjabloon blijft bewaard: je kan het weer gebruiken."
    ),
    (TEMPLATE, True): N_("Je nota wordt weer gemaakt op je sjabloon."),
    (LOGO, False): N_("Het logo staat niet meer op de titelpagina. Het blijft bewaard: je kan het weer gebruiken."),
    (LOGO, True): N_("Je logo staat weer op de titelpagina."),
}


@bp.post("/nota/huisstijl/gebruik")
@draft_required
def switch_style():
    """Stop using the template or the logo, or use a kept one again."""
    form = SwitchStyleForm()
    key = (form.what.data, form.use.data == "ja")
    if not form.validate_on_submit() or key not in SWITCHED:
        flash(_("Er ging iets mis met de knop. Probeer het opnieuw."), "error")
        return redirect(url_for("wizard.house_style"))
    house_styles.switch(get_db(), g.draft.id, *key)
    flash(_(SWITCHED[key]), "status")
    return redirect(url_for("wizard.house_style"))


@bp.get("/nota/huisstijl/sjabloon")
@bp.get("/nota/huisstijl/logo")
@bp.get("/nota/huisstijl/gebruik")
@draft_required
def house_style_again():
    """An upload's address opened again (a reload after an error): the page itself."""
    return redirect(url_for("wizard.house_style"))
