"""Drawing a section page: each agreement's fixed part (kept per agreement and language) and its controls."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from flask import get_template_attribute, render_template
from markupsafe import Markup, escape

from ... import caches
from ...formats.html import agreement_html, with_marks
from ...model.building import AgreementAnswer, note_tailor, shown_wording
from ...model.building import note_numbers as note_numbers_of
from ...model.catalogue import Agreement, Catalogue, Section, holds_placeholder
from ...model.choices import Choices, Part
from ...model.crossref import resolve
from ...model.organisations import approval_of
from ...model.terminology import Tailor, tailored_text
from ...model.usage import PeerCounts
from ..fixed import per_language
from ..i18n import gettext as _
from ..i18n import language
from ..templating import tailoring_note
from .frames import CHECKED, OPEN, Slots, State, filled, frame
from .inputs import AgreementInputs, OwnInputs, places

NOTHING = Markup("")


@dataclass(frozen=True)
class AgreementStatic:
    """What an agreement's controls show whatever the user chose: built once per agreement and language."""

    head: Markup
    wordings: tuple[tuple[str, str, Markup, str], ...]  # (value, label, text as HTML, text as in the box)
    labels: dict[str, str] = field(hash=False, compare=False)
    original: Markup = Markup("")  # the original wording as in the box, for "Terug naar de tekst uit de catalogus"
    fill_wordings: tuple[str, ...] = ()  # the wordings that hold "(specifieer)" ("" is the original)
    tailorable: bool = False  # the organisation's terminology table changes some of its words


def _rewritten(agreement: Agreement, said) -> Agreement:
    """The agreement with `said` applied to each of its texts (paragraphs, items, notes, variants)."""
    variants = tuple(dataclasses.replace(v, text=tuple(map(said, v.text))) for v in agreement.variants)
    return dataclasses.replace(
        agreement,
        text=tuple(map(said, agreement.text)),
        items=tuple(map(said, agreement.items)),
        notes=tuple(map(said, agreement.notes)),
        variants=variants,
    )


def _marked(agreement: Agreement, tailor: Tailor | None) -> Agreement:
    """The agreement as a section page shows it: every text tailored (the curators' wordings for the kind where
    there are), the changed words marked."""
    return agreement if tailor is None else tailor.agreement(agreement, marked=True)


def _resolved(agreement: Agreement, numbers: dict[str, int]) -> Agreement:
    """The agreement with its cross-references ("[[id]]") as the note will say them."""
    return _rewritten(agreement, lambda t: resolve(t, numbers))


def _tailorable(agreement: Agreement, tailor: Tailor | None) -> bool:
    texts = (*agreement.text, *agreement.items, *(p for v in agreement.variants for p in v.text))  # what a note holds
    return tailor is not None and (tailor.has_texts(agreement.id) or any(tailor.changes(t) for t in texts))


def _static(
    agreement: Agreement, refs: tuple, tailor: Tailor | None, off: bool, numbers: dict[str, int] | None = None
) -> AgreementStatic:
    """The fixed part; `tailor` is the note's table, `off` the user's "the catalogue's own words" for this one.

    With `numbers` (the note's), cross-references are written out in what is shown (never in the text box).
    """
    n = agreement.number
    said = None if off else tailor
    shown = _marked(agreement, said)
    shown = _resolved(shown, numbers) if numbers is not None else shown
    note = tailoring_note()
    head = with_marks(Markup(render_template("wizard/_agreement_head.html", a=shown, refs=refs)), note)
    wordings = tuple(
        (
            value,
            value or _("Oorspronkelijke tekst"),
            with_marks(agreement_html(shown.wording(value), items), note),
            text,
        )
        for value, items, text in (
            (v, shown.items if not v else (), escape(shown_wording(agreement, v, said)))
            for v in ["", *(variant.label for variant in agreement.variants)]
        )
    )
    fill_wordings = tuple(v for v, *_rest in _wording_values(agreement) if _has_placeholder(agreement, v))
    labels = {
        "include": _("Afspraak %(n)d opnemen in mijn nota", n=n),
        "wording": _("Formulering van afspraak %(n)d", n=n),
        "fill": _("Welke dienst? (vult “(specifieer)” in bij afspraak %(n)d)", n=n),
        "text": _("Jouw formulering van afspraak %(n)d", n=n),
        "fill_hint": _fill_hint(fill_wordings),
        "catalogue_number": _("Afspraak %(n)d uit de catalogus", n=n),
        "error": _("Fout"),
        "summary": _("Herschrijf deze afspraak"),
        "hint": _(
            "Pas de tekst aan jullie organisatie aan. Laat een witregel tussen alinea’s; "
            "begin een regel met een streepje (-) voor een opsomming."
        ),
        "reset": _("Terug naar de tekst uit de catalogus"),
        "untailored": _("Gebruik de woorden van de catalogus in afspraak %(n)d", n=n),
        "tailored_hint": _("Gemarkeerde woorden zijn aangepast aan je soort organisatie."),
    }
    original = escape(shown_wording(agreement, "", said))
    return AgreementStatic(
        head, wordings if agreement.variants else (), labels, original, fill_wordings, _tailorable(agreement, tailor)
    )


def _wording_values(agreement: Agreement) -> list[tuple[str]]:
    return [("",), *((v.label,) for v in agreement.variants)]


def _has_placeholder(agreement: Agreement, value: str) -> bool:
    return any(holds_placeholder(p) for p in agreement.wording(value))


def _fill_hint(fill_wordings: tuple[str, ...]) -> str:
    """ "Bijvoorbeeld: …", and which wording needs it when not every one does (the script hides it otherwise)."""
    example = _("Bijvoorbeeld: de dienst Burgerzaken.")
    if "" in fill_wordings or not fill_wordings:
        return example
    names = ", ".join(fill_wordings)
    return example + " " + _("Enkel nodig als je kiest voor: %(names)s.", names=names)


@dataclass
class AgreementControl:
    """One agreement on the page: its fixed part, its inputs, and the user's answer with its errors.

    `state` is the answer as the markup writes it; `drawn` the whole control, filled in from its
    frame (frames.py), when it has one.
    """

    agreement: Agreement
    inputs: AgreementInputs
    answer: AgreementAnswer
    errors: dict
    static: AgreementStatic
    reworded: bool
    fillable: bool
    note_number: int = 0  # its number in the note when the note holds it
    peers: Markup = NOTHING  # what notes of the same kind of organisation chose (`peer_lines`)
    own: list = field(default_factory=list)  # the own agreements that follow it (`own_items`)
    state: State | Slots = field(default_factory=Slots)
    drawn: Markup | None = None

    @property
    def open(self) -> bool:
        """The rewording box starts open when the note holds an own wording or the box has an error."""
        return self.reworded or self.inputs.text in self.errors

    def described(self) -> State:
        """The answer as the markup writes it."""
        a, answer = self.agreement, self.answer
        numbered = NOTHING
        if self.note_number and self.note_number != a.number:
            said = _("wordt %(n)d in je nota", n=self.note_number)
            numbered = Markup('<p class="pick__number">%s · %s</p>') % (self.static.labels["catalogue_number"], said)
        state = State(
            numbered=numbered,
            peers=self.peers,
            include=CHECKED if answer.include else "",
            untailored=CHECKED if answer.untailored else "",
            fill=escape(answer.fill) if answer.fill else "",
            open=OPEN if self.open else "",
            text=escape(answer.text) if answer.text else "",
            reset=CHECKED if answer.reset else "",
            chosen0="" if answer.variant else CHECKED,
        )
        for k, variant in enumerate(a.variants, 1):
            state[f"chosen{k}"] = CHECKED if variant.label == answer.variant else ""
        return state


def peer_lines(section: Section, counts: PeerCounts | None) -> dict[str, Markup]:
    """Per agreement, how many notes of the same kind of organisation took it ({} below the threshold).

    The sentences are translated and escaped once; per line only numbers are filled in.
    """
    if counts is None:
        return {}
    group = str(escape(_(approval_of(counts.kind).plural)))
    chosen, with_the, with_a = per_language("peer lines", _peer_sentences)
    lines = {}
    for agreement in section.agreements:
        said = chosen % {"chosen": counts.chosen.get(agreement.id, 0), "notes": counts.notes, "group": group}
        if agreement.variants and (varied := counts.with_variant.get(agreement.id, 0)):
            said += " · " + (with_the if len(agreement.variants) == 1 else with_a) % {"n": varied}
        lines[agreement.id] = Markup(f'<p class="pick__peers">{said}</p>')  # every part escaped above
    return lines


def _peer_sentences() -> tuple[str, str, str]:
    return tuple(
        str(escape(said))
        for said in (
            _("Gekozen in %(chosen)d van de %(notes)d nota’s van %(group)s"),
            _("%(n)d met de variant"),
            _("%(n)d met een variant"),
        )
    )


def controls(
    section: Section,
    form,
    reworded: set[str],
    numbers: dict[str, int],
    tailor: Tailor | None = None,
    peers: dict[str, Markup] | None = None,
    own: dict[str, list] | None = None,
) -> list[tuple[str, list]]:
    """Every agreement's controls with the own agreements that follow it, grouped under the section's sub-headings."""
    field_ = form.agreements
    lang = language()
    terms = tailor.terms if tailor else None
    peers, own = peers or {}, own or {}
    by_id = {}
    for agreement, inputs in zip(section.agreements, field_.inputs, strict=True):
        refs = section.references_for(agreement.id)
        answer = field_.data[agreement.id]
        off = bool(tailor and answer.untailored)
        own_numbers = agreement.names_agreements  # says the note's own numbers: drawn for this note
        if own_numbers:
            static = _static(agreement, refs, tailor, off, numbers)
        else:
            static = caches.agreement_heads.get(
                (agreement, refs, lang, terms, off), lambda a=agreement, r=refs, o=off: _static(a, r, tailor, o)
            )
        control = AgreementControl(
            agreement=agreement,
            inputs=inputs,
            answer=answer,
            errors=field_.by_agreement.get(agreement.id, {}),
            static=static,
            reworded=agreement.id in reworded,
            fillable=agreement.has_placeholder,
            note_number=numbers.get(agreement.id, 0),
            peers=peers.get(agreement.id, NOTHING),
            own=own.get(agreement.id, []),
        )
        control.state = control.described()
        if not control.errors and not own_numbers:
            key = (agreement, refs, lang, terms, off, inputs.index)
            control.drawn = filled(caches.agreement_frames.get(key, lambda c=control: _frame(c)), control.state)
        by_id[agreement.id] = control
    unnamed = per_language("agreements heading", lambda: _("Afspraken"))  # the group before any sub-heading
    return [
        (tailored_text(tailor, heading, marked=True) if heading else unnamed, [by_id[a.id] for a in agreements])
        for heading, agreements in section.groups()
    ]


def _frame(control: AgreementControl) -> tuple[str, ...]:
    """The control's frame: its markup with slots for the answer (frames.py); it has no errors."""
    return frame(dataclasses.replace(control, state=Slots(), drawn=None))


def own_items(section: Section, form) -> dict[str, list]:
    """The own agreements, grouped by the catalogue agreement they follow ("" for the top): where they will stand."""
    where = places(section)
    grouped: dict[str, list] = {}
    known = {a.id for a in section.agreements}
    for k, answer in enumerate(form.own.data):
        inputs = OwnInputs(k)
        choices = [(v, label, v == answer.after) for v, label in where]
        anchor = answer.after if answer.after in known else ""
        grouped.setdefault(anchor, []).append((inputs, answer, form.own.errors.get(inputs.text, ()), choices))
    return grouped


def new_own_box(section: Section, form, new_places: list) -> Markup | None:
    """The inputs of a new own agreement while they are as every user first sees them (empty, at the top):
    drawn once per section and language. None otherwise: the template draws what was typed, with its message."""
    own_text, own_after = form.own_text_new, form.own_after_new
    if own_text.data or own_text.errors or own_after.data or own_after.errors:
        return None
    draw = get_template_attribute("wizard/_pick.html", "new_own")
    return per_language("new own agreement", lambda: Markup(draw(form, new_places)), section)


def page(
    section: Section,
    catalogue: Catalogue,
    form,
    part: Part | None,
    choices: Choices | None = None,
    peers: PeerCounts | None = None,
    **extra,
):
    """The section page, for the wizard and for the curators' preview; `extra` goes to the template as it is.

    `peers` says what notes of the same kind of organisation chose (None: nothing is said).

    The section's intro speaks of agreements by the note's numbers (`choices`), or by the
    catalogue's own in the preview; a reference to one not in the note says its alternative.
    """
    new_place = form.own_after_new.data or ""
    numbers = [s.number for s in catalogue.sections]
    position = numbers.index(section.number) + 1
    tailor = note_tailor(choices, catalogue) if choices is not None else None
    new_places = [(v, label, v == new_place) for v, label in places(section)]
    own = own_items(section, form)
    return render_template(
        "wizard/section.html",
        form=form,
        section=section,
        catalogue=catalogue,
        groups=controls(
            section,
            form,
            {c.id for c in part.agreements if c.reworded} if part else set(),
            note_numbers_of(choices) if choices is not None else catalogue.numbers,  # the preview: the catalogue's
            tailor,
            peer_lines(section, peers),
            own,
        ),
        title=tailored_text(tailor, section.title, marked=True),
        own_at_top=own.get("", []),
        new_places=new_places,
        new_own_drawn=new_own_box(section, form, new_places),
        chosen=len(part.agreements) if part else 0,
        position_line=_("Onderdeel %(n)d van %(total)d", n=position, total=len(numbers)),
        next_label=_("Bewaar en ga naar het volgende onderdeel")
        if position < len(numbers)
        else _("Bewaar en ga naar eigen onderdelen"),
        intro=[
            tailored_text(tailor, said, marked=True)
            for said in (
                resolve(p, catalogue.numbers if choices is None else note_numbers_of(choices)) for p in section.intro
            )
            if said
        ],
        **extra,
    )
