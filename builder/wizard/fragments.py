"""Pieces of the section, review and overview pages rendered once and then reused.

They dominated render time: Jinja spends a few microseconds on every tag, translation and link.

An agreement on a section page is about 2 kB of HTML that depends only on the agreement, its
references, the language and a few values (ticked or not, which wording, the text in the box).
Most agreements in most drafts are in one of a few states (not chosen, chosen as in the
catalogue), so a worker renders such a state once and every user after that gets the markup
from the cache. Keys hold the agreement itself (a frozen dataclass, compared by value), so a
curator's edit in a draft edition can never show stale text. A user's own wording is never
cached: it is seen by one user only, and could be long. Likewise an agreement of the
note on the review page depends only on its text, number and origin, and a section's line on
the overview only on its title, status and counts.
"""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, request
from flask_babel import gettext as _
from markupsafe import Markup

from ..model.building import own_after_options
from ..model.catalogue import Agreement, Catalogue, Section
from ..model.note import NoteAgreement
from ..web.i18n import language


def _fragment(template: str, **context) -> Markup:
    """A template of its own rendered to markup, in the request's language."""
    return Markup(current_app.jinja_env.get_template(template).render(**context))


def own_places(section: Section) -> list[tuple[str, str]]:
    """Where an own agreement can go, as (value, label) in the user's language."""
    return _own_places(section, language())


@lru_cache(maxsize=256)
def _own_places(section: Section, _locale: str) -> list[tuple[str, str]]:
    return [
        (anchor, _("Bovenaan dit onderdeel") if not number else _("Na afspraak %(n)d", n=number))
        for anchor, number in own_after_options(section)
    ]


def pick(agreement: Agreement, section: Section, form, reworded: set[str]) -> Markup:
    """One agreement with its controls, from its `AgreementField` in the form.

    A page shown again after a failed POST is rendered fresh: it carries what the user typed,
    error messages and the "back to the catalogue text" tick, which are not worth caching.
    """
    i = next(n for n, a in enumerate(section.agreements) if a is agreement)  # `is`: == compares every field
    field = form[f"agreement_{i}"]
    answer = field.data
    own_wording = agreement.id in reworded
    state = (
        answer.include,
        answer.variant if agreement.variants else "",
        answer.text,
        own_wording,
        answer.fill if field.fillable else None,
    )
    refs = tuple(section.references_for(agreement.id))
    if request.method == "POST" or own_wording:  # a user's own wording is never cached
        return _render(agreement, i, refs, state, field.errors, answer.reset)
    return _cached(agreement, i, refs, state, language())


@lru_cache(maxsize=2048)
def _cached(agreement: Agreement, i: int, refs: tuple, state: tuple, _locale: str) -> Markup:
    return _render(agreement, i, refs, state, {}, False)


def _render(agreement: Agreement, i: int, refs: tuple, state: tuple, errors: dict, reset: bool) -> Markup:
    included, variant, text, reworded, fill = state
    text_errors, fill_errors = errors.get(f"text_{i}", ()), errors.get(f"fill_{i}", ())
    return _fragment(
        "wizard/_pick.html",
        a=agreement,
        i=i,
        refs=refs,
        included=included,
        variant=variant,
        text=text,
        open=reworded or bool(text_errors),
        text_errors=text_errors,
        fill=fill,
        fill_errors=fill_errors,
        reset=reset,
    )


def note_item(agreement: NoteAgreement) -> Markup:
    """One numbered agreement of the note with its origin, as on the review page.

    Catalogue wordings come from the cache; a user's own text or rewording is rendered fresh.
    """
    choice = agreement.choice
    render = _note_item.__wrapped__ if choice.is_own or choice.reworded else _note_item
    return render(
        agreement.number,
        agreement.blocks,
        (choice.is_own, agreement.catalogue_number, choice.variant, choice.reworded),
        language(),
    )


@lru_cache(maxsize=4096)
def _note_item(number: int, blocks: tuple, origin: tuple, _locale: str) -> Markup:
    own, catalogue_number, variant, reworded = origin
    return _fragment(
        "wizard/_note_item.html",
        number=number,
        blocks=blocks,
        own=own,
        catalogue_number=catalogue_number,
        variant=variant,
        reworded=reworded,
    )


def overview_row(section: Section, status: str, count: int) -> Markup:
    """A catalogue section's line on the overview: link, counts and status."""
    key = (language(), request.script_root)  # the link depends on where the app is mounted
    return _overview_row(section.number, section.title, len(section.agreements), status, count, key)


@lru_cache(maxsize=2048)
def _overview_row(number: str, title: str, total: int, status: str, count: int, _key: tuple) -> Markup:
    return _fragment("wizard/_overview_row.html", number=number, title=title, total=total, status=status, count=count)


def status_tag(status: str) -> Markup:
    """Klaar, Bezig or Niet begonnen as a tag."""
    return _status_tag(status, language())


@lru_cache(maxsize=16)
def _status_tag(status: str, _locale: str) -> Markup:
    return _fragment("wizard/_status_tag.html", status=status)


def catalogue_html(catalogue: Catalogue) -> Markup:
    """The whole catalogue as on the start page (~55 kB): rendered once per edition and language.

    It is the first page everybody opens when a new edition is announced. The key is the
    catalogue itself, compared by value, so a curator's preview of a draft edition is never stale.
    """
    return _catalogue_html(catalogue, language())


@lru_cache(maxsize=16)
def _catalogue_html(catalogue: Catalogue, _locale: str) -> Markup:
    return _fragment("_catalogue.html", catalogue=catalogue)
