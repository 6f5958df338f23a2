"""`render_amendment`: the amendment note (wijzigingsnota) for the college, a sibling of the note in Word.

Written on the note's own base (word_base.py, or the note's house-style template with its logo) with the
same `Writer`: the title, what the note is compared with (the approval, or a kept version), a summary
line, a legend, then per change in the new note's order a heading with both numbers ("Afspraak 12 (was
11) – herschreven") and the old and new text, and the proposal of decision. Changed words are marked
with formatting (struck through when they go, bold and underlined when they come) and said in words:
the legend explains the marks and the old and new text both stand there whole. Dutch in every interface
language, as the note is; what changed comes from `model/amendments.py`.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .. import caches
from ..model.amendments import ADDED, REMOVED, RENUMBERED, Amendment, Basis, Run, grouped, outside, proposal, summary
from ..model.choices import Choices
from ..model.dates import in_document
from ..model.note import Note
from ..model.outline import KICKER, outline
from ..model.text import slugify
from ..model.text_diff import Piece
from . import oxml
from .house_style import HouseStyle
from .word import attachment, property_text, shown_organisation, title_logo
from .word_base import make_base
from .word_writer import Writer

TITLE = "Wijzigingsnota"
LEGEND = (
    "Zo lees je de wijzigingen: in de oude tekst zijn de woorden die wegvallen doorgestreept, in de nieuwe tekst "
    "staan de woorden die erbij komen vet en onderstreept. De oude en de nieuwe tekst staan er telkens volledig bij."
)
TEXT_LABELS = {ADDED: "Nieuwe tekst", REMOVED: "Tekst die wegvalt"}


def _marked(pieces: tuple[Piece, ...]) -> list:
    """A line's words as runs: what went struck through, what came bold and underlined, a plain space between."""
    runs: list = []
    for op, text in pieces:
        if runs:
            runs.append(" ")
        runs.append(text if op == "equal" else oxml.Marked(text, strike=op == "delete", underline=op == "insert"))
    return runs


def _text(w: Writer, label: str, lines: list[tuple[str, tuple[Piece, ...]]], marks: bool) -> None:
    """'Oude tekst:' and the text under it: paragraphs indented, sub-items as bullets."""
    w.body.paragraph(w.ids["Normal"], [(f"{label}:", True)], keep_next=True)
    for style, pieces in lines:
        runs = _marked(pieces) if marks else [" ".join(text for _op, text in pieces)]
        if style == "item":
            w.body.paragraph(w.ids["List Bullet"], runs, w.base.bullets)
        else:
            w.body.paragraph(w.ids["List Continue"], runs)


def _change(w: Writer, change: Amendment | Run) -> None:
    """One change: its heading with both numbers, then its text (old and new, marked, for a rewording)."""
    w.heading(change.heading, 3)
    if isinstance(change, Run):
        w.paragraph("De tekst blijft gelijk.")
    elif change.kind in TEXT_LABELS:
        _text(w, TEXT_LABELS[change.kind], change.new_lines or change.old_lines, marks=False)
    elif change.kind == RENUMBERED:
        _text(w, "Tekst (blijft gelijk)", change.new_lines, marks=False)
    else:
        _text(w, "Oude tekst", change.old_lines, marks=True)
        _text(w, "Nieuwe tekst", change.new_lines, marks=True)


def _title(w: Writer, after: Note, basis: Basis, today: dt.date, style: HouseStyle) -> None:
    """The top of the first page: kicker, title, which note, what it is compared with, the date."""
    if style.logo is not None and style.template is None:
        title_logo(w, style.logo)
    cover = outline(after).cover
    kicker = w.body.paragraph(w.ids["Subtitle"])
    w.body.run(kicker, KICKER.upper(), color=w.base.accent or None)
    w.paragraph(TITLE, "Title", space_before=240)  # 12 pt: the note's title page has room above it, this page not
    which = f"Bij de afsprakennota “{cover.title}”" + (f" van {cover.organisation}" if cover.organisation else "")
    w.paragraph(which, "Subtitle")
    w.body.paragraph(w.ids["Normal"], [(basis.sentence + ".", True)])
    w.labelled("Datum", in_document(today))
    author = ", ".join(x for x in (after.choices.author.name, after.choices.author.function) if x)
    if author:
        w.labelled("Opgesteld door", author)


def _footer(document: DocumentObject) -> None:
    """'Wijzigingsnota – pagina N van M' on every page (the note's footer starts on its second page)."""
    document.sections[0].different_first_page_header_footer = False
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    oxml.Body.page_of_pages(paragraph._p, f"{TITLE} – ", shown="1")


def _properties(document: DocumentObject, after: Note, today: dt.date) -> None:
    c = after.choices
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.title = property_text(f"{TITLE}: {c.display_title}")
    props.subject = property_text(f"Wijzigingen in de communicatieafspraken {c.organisation.name}".strip())
    props.author = property_text(c.author.name or c.organisation.name)
    props.last_modified_by = props.author
    props.keywords = "wijzigingsnota; afsprakennota; communicatieafspraken"
    props.comments = f"Gemaakt met Bouwpakket communicatieafspraken op {today.isoformat()}."
    props.category = TITLE
    props.created = props.modified = now
    props.revision = 1


def render_amendment(
    before: Note,
    after: Note,
    changes: list[Amendment],
    basis: Basis,
    approver: str,
    style: HouseStyle | None = None,
    today: dt.date | None = None,
) -> DocumentObject:
    """The amendment note for `changes` (`model.amendments.amendments(before, after)`), ready to save.

    `basis` says what `before` is (the approval, or a kept version); `approver` is who is asked to approve
    the changes; `style` is the note's house style, so that both documents look alike.
    """
    today = today or dt.date.today()
    style = style or HouseStyle()
    base = style.template or caches.word_base.get(None, make_base)
    document = Document(BytesIO(base.blob))
    w = Writer(document, base, after)
    _title(w, after, basis, today, style)
    w.heading("Samenvatting", 1)
    w.paragraph(summary(changes))
    w.bullets(tuple(outside(before, after)))
    w.paragraph(LEGEND)
    w.heading("Wijzigingen per afspraak", 1)
    part = None
    for change in grouped(changes):
        if change.part != part:
            part = change.part
            w.heading(part, 2)
        _change(w, change)
    w.body.paragraph(w.ids["Normal"], [("Voorstel van beslissing: ", True), proposal(approver)], space_before=360)
    if base.footer:
        _footer(document)
    _properties(document, after, today)
    return document


def file_name(choices: Choices, today: dt.date) -> str:
    """ASCII only, safe on every OS: 'wijzigingsnota-gemeente-zottegem-2027-01-10.docx'."""
    return f"wijzigingsnota-{slugify(choices.organisation.name, 'organisatie')}-{today.isoformat()}.docx"


def content_disposition(choices: Choices, today: dt.date) -> str:
    """The download's header: the ASCII name, and 'Gemeente Zottegem - wijzigingsnota 2027-01-10.docx' for users."""
    shown = f"{shown_organisation(choices)} - wijzigingsnota {today.isoformat()}.docx"
    return attachment(file_name(choices, today), shown)
