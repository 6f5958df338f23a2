"""The note's closing parts in Word: the approval block and the appendices, each on a page of its own.

The approval block is what a Flemish college or board signs: who approves (from the organisation
type, model/organisations.py), the decision's date and reference, and a signature table for the
chief officer and the chair, without dotted lines that a screen reader would read out. "Meer lezen"
says that Kortompedia is for Kortom's members and links a title when curators gave it a URL.
"Herkomst" says per part in one line what comes unchanged from the catalogue and lists only the
deviations in a table with a caption.
"""

from __future__ import annotations

from ..model.note import Note, NoteAgreement
from ..model.organisations import approval_of, on_behalf, organisation_type
from . import oxml
from .word_writer import Writer, dutch_date

SIGNATURE_HEIGHT = 1418  # twips: 2.5 cm to sign in


def approval(w: Writer, note: Note) -> None:
    """'Goedkeuring': decision details in a table, then who signs on behalf of the approving body."""
    options = note.choices.options
    kind = approval_of(note.choices.organisation_type)
    by = options.approved_by or kind.approver
    w.heading("Goedkeuring", 1, entry="Goedkeuring", page_break=True)
    on = dutch_date(note.approved_on) if note.approved_on else ""
    if on:
        w.paragraph(f"Deze afsprakennota werd goedgekeurd door {by} op {on}.")
    else:
        w.paragraph(f"Deze afsprakennota wordt ter goedkeuring voorgelegd aan {by}.")
    w.body.table(
        w.ids["Table Grid"],
        widths=(2835, w.base.text_width - 2835),
        header=None,
        rows=[("Goedgekeurd door", by), ("Datum van de beslissing", on), ("Referentie", options.decision)],
    )
    w.body.paragraph(w.ids["Normal"], [(f"{on_behalf(by)},", True)], space_before=360)
    names = [*options.signatories, "", ""][:2]
    half = w.base.text_width // 2
    w.body.table(
        w.ids["Table Grid"],
        widths=(half, w.base.text_width - half),
        header=kind.signatories,
        rows=[tuple(f"Naam: {n}" if n else "Naam:" for n in names), ("Handtekening:", "Handtekening:")],
        heights={2: SIGNATURE_HEIGHT},
    )


def _numbers_text(numbers: list[int]) -> str:
    """'bij afspraak 12' or 'bij afspraken 12, 14'."""
    label = "afspraak" if len(numbers) == 1 else "afspraken"
    return f" – bij {label} {', '.join(str(n) for n in numbers)}"


def references(w: Writer, note: Note, number: int) -> None:
    """'Meer lezen': the Kortompedia articles that go with what was chosen, grouped as in the note."""
    title = f"Bijlage {number}. Meer lezen"
    w.heading(title, 1, entry=title, page_break=True)
    w.paragraph(
        "Achtergrond bij de afspraken in deze nota vind je in Kortompedia, het online kenniscentrum van "
        "Kortom vzw. De artikels zijn enkel toegankelijk voor leden van Kortom; zoek ze op hun titel."
    )
    for group, refs in note.references():
        w.heading(group, 2)
        for ref, numbers in refs:
            head = oxml.Link(runs=(ref.title,), url=ref.url) if ref.url else ref.title
            tail = _numbers_text(numbers) if numbers else ""
            w.body.paragraph(w.ids["List Bullet"], [head, tail] if tail else [head], w.base.bullets)


def _ranges(numbers: list[int]) -> str:
    """'1–4, 6, 9–12': consecutive numbers joined."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _unchanged(a: NoteAgreement) -> bool:
    return not a.choice.is_own and not a.choice.variant and not a.choice.reworded


def tailoring_line(note: Note) -> str:
    """What tailoring did to the catalogue's words, with two examples from the table; "" when nothing was tailored."""
    terms = next((a.terms for a in note.agreements if a.terms is not None), None)
    if terms is None:
        return ""
    found = organisation_type(terms.organisation)
    examples, used = [], set()
    for r in terms.replacements:
        if r.find and r.replace and not r.find.startswith(("het ", "de ")) and r.replace.lower() not in used:
            used.add(r.replace.lower())
            examples.append(f"“{r.replace}” voor “{r.find}”")
    label = found.label if found else terms.organisation
    kind = label if label[:2].isupper() else label[:1].lower() + label[1:]  # "OCMW" stays, "Provincie" does not
    text = (
        "De catalogus is geschreven voor een gemeente; voor deze nota zijn de woorden aangepast aan een "
        f"{kind}, volgens de woordenlijst van de catalogus"
    )
    text += f", bijvoorbeeld {' en '.join(examples[:2])}." if examples else "."
    kept = [a.number for a in note.agreements if a.choice.untailored]
    if kept:
        text += f" {'Afspraak' if len(kept) == 1 else 'Afspraken'} {_ranges(kept)} "
        text += f"{'behoudt' if len(kept) == 1 else 'behouden'} de woorden van de catalogus."
    return text


def provenance(w: Writer, note: Note, number: int) -> None:
    """'Herkomst van de afspraken': one line per part, then a table of the agreements that deviate."""
    edition = note.catalogue.edition
    title = f"Bijlage {number}. Herkomst van de afspraken"
    w.heading(title, 1, entry=title, page_break=True)
    w.paragraph(
        f"Deze nota is samengesteld met het Bouwpakket communicatieafspraken, op basis van de "
        f"{edition.title} van {edition.publisher} (editie {edition.id}). Per onderdeel staat hieronder "
        "welke afspraken ongewijzigd uit de catalogus komen; de tabel toont de afspraken die afwijken: "
        "een variant, een herschreven of een eigen afspraak."
    )
    tailored = tailoring_line(note)
    if tailored:
        w.paragraph(tailored)
    first = 2 if note.vision or note.chapters else 1
    deviations: list[tuple[str, str]] = []
    for i, part in enumerate(note.parts):
        section = part.part.number
        label = f"{first + i}. {part.title}"
        where = f" (catalogus {section})" if section else " (eigen onderdeel)"
        same = [a.number for a in part.agreements if _unchanged(a)]
        text = f"ongewijzigd: {'afspraak' if len(same) == 1 else 'afspraken'} {_ranges(same)}." if same else ""
        if not text:
            text = "geen afspraken ongewijzigd uit de catalogus." if section else "eigen afspraken."
        w.body.paragraph(w.ids["Normal"], [(label, True), f"{where}: {text}"])
        deviations += [(str(a.number), a.origin(section)) for a in part.agreements if not _unchanged(a)]
    if not deviations:
        w.paragraph("Alle afspraken komen ongewijzigd uit de catalogus.")
        return
    caption = w.body.paragraph(w.ids["Caption"], ["Tabel "], space_before=240)
    w.body.field(caption, "SEQ Tabel \\* ARABIC", "1")
    w.body.run(caption, ". Afspraken die afwijken van de catalogus")
    w.body.table(
        w.ids["Table Grid"], widths=(1418, w.base.text_width - 1418), header=("Afspraak", "Herkomst"), rows=deviations
    )
