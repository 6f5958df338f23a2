"""Editing what an edition holds: chapters and sections with their "Meer lezen?" references.

Each page is one form saved as a whole (curation/saving.py); new chapters and sections get a page
of their own, and the edition page only links to them and moves things up or down.
"""

from __future__ import annotations

import json

from flask import flash, redirect, render_template, request, url_for

from ..model import editing, versions
from ..model.catalogue import Catalogue, Reference
from ..model.text import blocks_from_text, blocks_to_text
from ..web.i18n import gettext as _
from . import bp, crossrefs
from .common import back_to_edition, chapter_or_404, editable, paragraphs, refused, section_or_404
from .content_forms import ChapterForm, SectionTitleForm, knowing_agreements, section_form
from .forms import ConfirmForm
from .saving import FormPage, Line, Stale, check_version, commit, line, page_form, saved_or_page

# ---------------------------------------------------------------- chapters


def references_to_text(refs) -> str:
    """A chapter's references as the textarea shows them: "title | address", one per line."""
    return "\n".join(f"{r.title} | {r.url}" if r.url else r.title for r in refs)


def references_from_text(text: str) -> tuple[Reference, ...]:
    """The inverse of `references_to_text`."""
    refs = []
    for row in (text or "").splitlines():
        title, _sep, url = row.partition(" | ")
        if title.strip():
            refs.append(Reference(title=title.strip(), url=url.strip()))
    return tuple(refs)


class ChapterPage(FormPage):
    """A chapter: its title, text and references."""

    kind = "chapter"
    mergeable = frozenset({"title", "body", "references"})

    def __init__(self, chapter_id: str):
        self.entity_id = chapter_id

    def names(self, form) -> list[str]:
        """The three fields."""
        return ["title", "body", "references"]

    def data(self, catalogue: Catalogue) -> dict:
        """The chapter as the form shows it; None values when it is gone."""
        try:
            chapter = catalogue.chapter(self.entity_id)
        except KeyError:
            return {"title": None, "body": None, "references": None}
        return {
            "title": chapter.title,
            "body": blocks_to_text(chapter.body),
            "references": references_to_text(chapter.references),
        }

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The chapter's fields now."""
        return self.data(catalogue)

    def apply(self, catalogue: Catalogue, values):
        """The chapter with these values (brought back when someone removed it meanwhile), and its history line."""
        before = next((c for c in catalogue.chapters if c.id == self.entity_id), None)
        if before is None:
            raise editing.EditError(_("Iemand verwijderde dit hoofdstuk intussen. Herstel het vanuit de geschiedenis."))
        try:
            changed = editing.update_chapter(
                catalogue, self.entity_id, values["title"], blocks_from_text(values["body"])
            )
        except editing.EditError as error:
            raise error.at("title") from None
        changed = editing.set_chapter_references(changed, self.entity_id, references_from_text(values["references"]))
        return changed, line("chapter", self.entity_id, "edit", before, changed.chapter(self.entity_id))


@bp.route("/edities/<edition_id>/hoofdstukken/<chapter_id>", methods=["GET", "POST"])
def chapter(edition_id: str, chapter_id: str):
    """Edit a chapter of a draft edition: its title, its text and its "Meer lezen?" references."""
    catalogue = editable(edition_id)
    found = chapter_or_404(catalogue, chapter_id)
    chapter_page = ChapterPage(chapter_id)
    return saved_or_page(
        edition_id,
        chapter_page,
        page_form(lambda **kw: knowing_agreements(ChapterForm(**kw), catalogue), chapter_page, catalogue),
        lambda before, after: back_to_edition(edition_id, f"hoofdstuk-{chapter_id}"),
        lambda form: render_template("beheer/chapter.html", form=form, catalogue=catalogue, chapter=found),
    )


def chapters_version(catalogue: Catalogue) -> str:
    """The version of the list of chapters (a new one may not be added twice by a double click)."""
    return versions.fingerprint([c.id for c in catalogue.chapters])


@bp.route("/edities/<edition_id>/hoofdstukken/nieuw", methods=["GET", "POST"])
def new_chapter(edition_id: str):
    """A new chapter: title, text and references, added at the end of the chapters."""
    catalogue = editable(edition_id)
    form = ChapterForm(data={"version": chapters_version(catalogue)} if request.method == "GET" else None)
    knowing_agreements(form, catalogue)
    if form.validate_on_submit():
        try:
            _before, after, lines = commit(edition_id, lambda current: _add_chapter(current, form))
        except editing.EditError as error:
            if form.version.data != chapters_version(catalogue) and error.field == "title":  # a double click
                return _existing_chapter(edition_id, catalogue, form.title.data)
            refused(form, error.at(error.field or "title"))
        else:
            flash(_("Het hoofdstuk is toegevoegd."), "status")
            return redirect(url_for("curation.chapter", edition_id=edition_id, chapter_id=lines[0].entity_id))
    return render_template(
        "beheer/chapter.html", form=form, catalogue=catalogue, chapter=None
    ), 400 if form.errors else 200


def _add_chapter(current: Catalogue, form):
    try:
        changed, chapter_id = editing.add_chapter(current, form.title.data, blocks_from_text(form.body.data))
    except editing.EditError as error:
        raise error.at("title") from None
    changed = editing.set_chapter_references(changed, chapter_id, references_from_text(form.references.data))
    return changed, line("chapter", chapter_id, "add", None, changed.chapter(chapter_id))


def _existing_chapter(edition_id: str, catalogue: Catalogue, title: str):
    found = next((c for c in catalogue.chapters if editing.same_words(c.title, title)), None)
    flash(_("Het hoofdstuk is toegevoegd."), "status")
    return redirect(url_for("curation.chapter", edition_id=edition_id, chapter_id=found.id) if found else request.path)


def order_version(catalogue: Catalogue) -> str:
    """The version of the order of chapters and sections, which "Hoger" and "Lager" act on."""
    return versions.fingerprint([[c.id for c in catalogue.chapters], [s.id for s in catalogue.sections]])


def _move(edition_id: str, kind: str, entity_id: str, action: str, move, find, anchor: str):
    """Move a chapter or section one place up or down, unless the order changed since the page was shown."""
    form = ConfirmForm()
    if not form.validate_on_submit() or action not in ("hoger", "lager"):
        return back_to_edition(edition_id, anchor)

    def edit(current: Catalogue):
        check_version(
            order_version(current),
            form.version.data,
            _("De volgorde veranderde intussen, dus er is niets verplaatst. Kijk ze na en probeer opnieuw."),
        )
        changed = move(current, entity_id, -1 if action == "hoger" else 1)
        return changed, [Line(kind, entity_id, "move", find(current, entity_id), find(changed, entity_id), action)]

    try:
        commit(edition_id, edit)
    except Stale as error:
        flash(str(error), "error")
    else:
        flash(_("Verplaatst."), "status")
    return back_to_edition(edition_id, anchor)


@bp.post("/edities/<edition_id>/hoofdstukken/<chapter_id>/<action>")
def chapter_action(edition_id: str, chapter_id: str, action: str):
    """Move a chapter up ("hoger") or down ("lager"); other actions change nothing."""
    editable(edition_id)
    return _move(edition_id, "chapter", chapter_id, action, editing.move_chapter, chapter_or_404, "hoofdstukken")


# ---------------------------------------------------------------- sections


def _references_value(refs: list[tuple[str, str, tuple[str, ...]]]) -> str:
    return json.dumps([[t, u, list(a)] for t, u, a in refs], ensure_ascii=False)


class SectionPage(FormPage):
    """A section: its title, introduction and its "Meer lezen?" list (one field: the list as a whole)."""

    kind = "section"
    mergeable = frozenset({"title", "intro"})

    def __init__(self, section_id: str):
        self.entity_id = section_id

    def names(self, form) -> list[str]:
        """Title, introduction, references."""
        return ["title", "intro", "references"]

    def data(self, catalogue: Catalogue) -> dict:
        """The section as the form shows it."""
        section = section_or_404(catalogue, self.entity_id)
        refs = [{"title": r.title, "url": r.url, "agreements": list(r.agreements)} for r in section.references]
        return {"title": section.title, "intro": "\n\n".join(section.intro), "references": refs}

    def shown(self, catalogue: Catalogue, form) -> dict[str, str | None]:
        """The section's fields now, the references as one value."""
        section = next((s for s in catalogue.sections if s.id == self.entity_id), None)
        if section is None:
            return dict.fromkeys(self.names(form))
        refs = [(r.title, r.url, r.agreements) for r in section.references]
        return {"title": section.title, "intro": "\n\n".join(section.intro), "references": _references_value(refs)}

    def posted(self, form) -> dict[str, str]:
        """What the form holds, the references (without those ticked for removal, with a new one) as one value."""
        refs = [
            (f.title.data, f.url.data or "", tuple(f.agreements.data or ()))
            for f in (e.form for e in form.references)
            if not f.remove.data
        ]
        new = form.new_reference.form
        if new.title.data:
            refs.append((new.title.data, new.url.data or "", tuple(new.agreements.data or ())))
        return {"title": form.title.data, "intro": form.intro.data or "", "references": _references_value(refs)}

    def label(self, form, name: str) -> str:
        """The list of references is shown as "Meer lezen?"."""
        return _("Meer lezen?") if name == "references" else super().label(form, name)

    def display(self, catalogue: Catalogue, name: str, value: str | None) -> str:
        """The references as lines of text: title, address, the agreements' numbers."""
        if name != "references" or value is None:
            return super().display(catalogue, name, value)
        numbers = {a.id: a.number for a in catalogue.agreements}
        lines = []
        for title, url, ids in json.loads(value):
            tied = ", ".join(str(numbers[a]) for a in ids if a in numbers)
            lines.append(title + (f" – {url}" if url else "") + (f" ({_('afspraak')} {tied})" if tied else ""))
        return "\n\n".join(lines)

    def apply(self, catalogue: Catalogue, values):
        """The section with these values, and its history line."""
        before = next((s for s in catalogue.sections if s.id == self.entity_id), None)
        if before is None:
            raise editing.EditError(_("Iemand verwijderde dit onderdeel intussen. Herstel het vanuit de geschiedenis."))
        try:
            changed = editing.update_section(catalogue, self.entity_id, values["title"], paragraphs(values["intro"]))
        except editing.EditError as error:
            raise error.at("title") from None
        here = {a.id for a in before.agreements}  # a tie to an agreement moved away meanwhile is dropped
        refs = tuple(
            Reference(title=t, url=u, agreements=tuple(i for i in a if i in here))
            for t, u, a in json.loads(values["references"])
        )
        changed = editing.set_references(changed, self.entity_id, refs)
        after = section_or_404(changed, self.entity_id)
        return changed, line("section", self.entity_id, "edit", before, after)


@bp.route("/edities/<edition_id>/onderdelen/<section_id>", methods=["GET", "POST"])
def section(edition_id: str, section_id: str):
    """Edit a section's title, introduction and "Meer lezen?" list; its agreements are linked from here."""
    catalogue = editable(edition_id)
    found = section_or_404(catalogue, section_id)
    section_page = SectionPage(section_id)
    form = page_form(lambda **kw: knowing_agreements(section_form(found, **kw), catalogue), section_page, catalogue)
    form.reference_errors = []

    def render(form):
        groups = crossrefs.reference_groups(catalogue)
        return render_template(
            "beheer/section.html",
            form=form,
            catalogue=catalogue,
            section=found,
            reference_groups=groups,
            reference_words=crossrefs.WORDS,
        )

    if request.method == "POST" and request.form.get("action") == crossrefs.ACTION:  # nothing saved: the intro gets it
        inserted = crossrefs.insert_reference(form, catalogue, request.form.get("reference", ""), "intro")
        return render(form), 200 if inserted else 400
    return saved_or_page(
        edition_id,
        section_page,
        form,
        lambda before, after: redirect(url_for("curation.section", edition_id=edition_id, section_id=section_id)),
        render,
    )


@bp.route("/edities/<edition_id>/onderdelen/nieuw", methods=["GET", "POST"])
def new_section(edition_id: str):
    """A new section with a title and introduction, at the end of a draft edition; then its page opens."""
    catalogue = editable(edition_id)
    version = versions.fingerprint([s.id for s in catalogue.sections])
    form = SectionTitleForm(data={"version": version} if request.method == "GET" else None)
    knowing_agreements(form, catalogue)
    if form.validate_on_submit():

        def edit(current: Catalogue):
            try:
                changed, section_id = editing.add_section(current, form.title.data)
            except editing.EditError as error:
                raise error.at("title") from None
            changed = editing.update_section(changed, section_id, form.title.data, paragraphs(form.intro.data))
            return changed, line("section", section_id, "add", None, section_or_404(changed, section_id))

        try:
            _before, _after, lines = commit(edition_id, edit)
        except editing.EditError as error:
            found = next((s for s in catalogue.sections if editing.same_words(s.title, form.title.data)), None)
            if form.version.data != version and found is not None:  # a double click
                return redirect(url_for("curation.section", edition_id=edition_id, section_id=found.id))
            refused(form, error.at(error.field or "title"))
        else:
            flash(_("Het onderdeel is toegevoegd. Voeg er nu afspraken aan toe."), "status")
            return redirect(url_for("curation.section", edition_id=edition_id, section_id=lines[0].entity_id))
    return render_template("beheer/new_section.html", form=form, catalogue=catalogue), 400 if form.errors else 200


@bp.post("/edities/<edition_id>/onderdelen/<section_id>/<action>")
def section_action(edition_id: str, section_id: str, action: str):
    """Move a section up ("hoger") or down ("lager") and renumber; other actions change nothing."""
    editable(edition_id)
    return _move(
        edition_id, "section", section_id, action, editing.move_section, section_or_404, f"onderdeel-{section_id}"
    )
