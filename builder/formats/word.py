"""`render_note`: the user's note as a Word document (python-docx).

Title page, a table of contents that is filled on opening, the chosen intro
chapters and vision, every part with agreements numbered 1..N as a real Word
list, optional approval block and appendices, page numbers, document
language nl-BE, and the choices JSON embedded for a later re-import.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from io import BytesIO

from babel.dates import format_date
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from .. import caches
from ..model.catalogue import Block, Catalogue
from ..model.choices import Choices
from ..model.note import Note, NoteAgreement, NotePart, compose
from ..model.organisations import organisation_type
from ..model.text import slugify
from . import oxml

LANGUAGE = "nl-BE"
BRAND = RGBColor(0x0B, 0x4F, 0x6C)
INK = RGBColor(0x1B, 0x1F, 0x23)
DOTS = "……………………………"


def dutch_date(value: dt.date) -> str:
    """A date as written in a Flemish document: '23 november 2026'."""
    return format_date(value, format="long", locale="nl_BE")


@dataclass(frozen=True)
class _Base:
    """The empty note, styled: its bytes and the style and list ids the writer needs."""

    blob: bytes
    ids: dict[str, str]
    agreement_num: str
    bullet_num: str
    intro_bullet_num: str


def _base() -> _Base:
    """Styles, list indents, language and page set up once per process (it took a third of every export)."""
    return caches.word_base.get(None, _make_base)


def _make_base() -> _Base:
    document = Document()
    ids = {name: style.style_id for name, style in _prepare_styles(document).items()}
    numbers = [oxml.list_num_id(document, name) for name in ("List Number", "List Bullet 2", "List Bullet")]
    for num_id, (left, hanging) in zip(numbers, ((567, 567), (1134, 284), (567, 284)), strict=True):
        oxml.set_list_indent(document, num_id, left=left, hanging=hanging)
    _page_setup(document)
    oxml.set_language(document, LANGUAGE)
    oxml.drop_unused_parts(document)
    return _Base(to_bytes(document), ids, *numbers)


class _Writer:
    """Adds the note's paragraphs, with every style id resolved once."""

    def __init__(self, document: DocumentObject, base: _Base):
        self.document = document
        self.body = oxml.Body(document)
        self.ids = base.ids
        self.outline: list[tuple[int, str]] = []
        self.agreement_num = base.agreement_num
        self.bullet_num = base.bullet_num
        self.intro_bullet_num = base.intro_bullet_num

    def heading(self, text: str, level: int) -> None:
        self.body.paragraph(self.ids[f"Heading {level}"], [text])
        self.outline.append((level, text))

    def paragraph(self, text: str = "", style: str = "Normal", num_id: str | None = None):
        return self.body.paragraph(self.ids[style], [text] if text else [], num_id)

    def labelled(self, label: str, value: str):
        """'Datum: 23 november 2026', the label in bold."""
        return self.body.paragraph(self.ids["Normal"], [(f"{label}: ", True), value])

    def bullets(self, items: tuple[str, ...], style: str, num_id: str) -> None:
        """Real list items; a bullet "term\nexplanation" shows its term in bold."""
        for item in items:
            term, newline, rest = item.partition("\n")
            runs = [(term + newline, True), rest] if newline else [item]
            self.body.paragraph(self.ids[style], runs, num_id)

    def blocks(self, blocks: list[Block] | tuple[Block, ...], heading_level: int) -> None:
        for block in blocks:
            if block.kind == "heading":
                self.heading(block.heading, heading_level)
            elif block.kind == "items":
                self.bullets(block.items, "List Bullet", self.intro_bullet_num)
            else:
                self.paragraph(block.text)

    def agreement(self, agreement: NoteAgreement) -> None:
        """The first paragraph is the numbered list item; more paragraphs and sub-items follow it."""
        blocks = list(agreement.blocks) or [Block(text="")]
        first = blocks[0]
        if first.kind == "items":
            blocks = [
                Block(text=first.items[0]),
                *([Block(items=first.items[1:])] if first.items[1:] else []),
                *blocks[1:],
            ]
        self.paragraph(blocks[0].text, "List Number", self.agreement_num)
        for block in blocks[1:]:
            if block.kind == "items":
                self.bullets(block.items, "List Bullet 2", self.bullet_num)
            else:
                self.paragraph(block.text or block.heading, "List Continue")


def _prepare_styles(document: DocumentObject) -> dict:
    """Fonts, colours and spacing of a calm, professional note; returns styles by name."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        style = styles[f"Heading {level}"]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BRAND
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(28)
    title.font.color.rgb = BRAND
    styles["Subtitle"].font.color.rgb = INK
    for name in ("List Number", "List Continue", "List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(4)
    oxml.allow_spacing_between(styles["List Number"])
    styles["List Continue"].paragraph_format.left_indent = Cm(1)
    for level in (1, 2):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        style.paragraph_format.space_after = Pt(3)
    wanted = (
        "Normal",
        "Title",
        "Subtitle",
        "TOC Heading",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Number",
        "List Continue",
        "List Bullet",
        "List Bullet 2",
        "toc 1",
        "toc 2",
        "Table Grid",
    )
    return {name: styles[name] for name in wanted}


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True


def _footer(document: DocumentObject, note: Note) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{note.choices.display_title} – pagina ")
    oxml.field(paragraph, "PAGE", "2")


def _title_page(w: _Writer, note: Note) -> None:
    c = note.choices
    kicker = w.body.paragraph(w.ids["Subtitle"])
    w.body.run(kicker, "AFSPRAKENNOTA COMMUNICATIE", color=str(BRAND))
    w.paragraph(c.display_title, "Title")
    organisation = c.organisation_name
    found = organisation_type(c.organisation_type)
    kind = found.label if found and found.on_title_page else ""
    if kind and not organisation.lower().startswith(kind.lower()):
        organisation = f"{organisation} ({kind.lower()})"
    w.paragraph(organisation, "Subtitle")
    w.paragraph()
    if note.date:
        w.labelled("Datum", dutch_date(note.date))
    if c.version:
        w.labelled("Versie", c.version)
    author = ", ".join(x for x in (c.author_name, c.author_function) if x)
    if author:
        w.labelled("Opgesteld door", author)
    edition = note.catalogue.edition
    w.labelled("Gebaseerd op", f"{edition.title}, {edition.publisher} (editie {edition.id})")
    w.body.page_break()


def _introduction(w: _Writer, note: Note) -> None:
    if not note.vision and not note.chapters:
        return
    w.heading("Inleiding", 1)
    if note.vision:
        w.heading("Visie en communicatiedoelen", 2)
        w.blocks(note.vision, heading_level=3)
    for chapter in note.chapters:
        w.heading(chapter.title, 2)
        w.blocks(chapter.body, heading_level=3)


def _part(w: _Writer, part: NotePart) -> None:
    w.heading(part.title, 1)
    for paragraph in part.intro:
        w.paragraph(paragraph)
    for agreement in part.agreements:
        if agreement.subheading:
            w.heading(agreement.subheading, 2)
        w.agreement(agreement)


def _approval(w: _Writer, note: Note) -> None:
    options = note.choices.options
    w.heading("Goedkeuring", 1)
    by = options.approved_by or DOTS
    on = dutch_date(note.approved_on) if note.approved_on else DOTS
    w.paragraph(f"Goedgekeurd door {by} op {on}.")
    w.paragraph()
    w.paragraph(f"Handtekening: {DOTS}")


def _references(w: _Writer, note: Note) -> None:
    groups = note.references()
    if not groups:
        return
    w.heading("Bijlage: Meer lezen", 1)
    w.paragraph("Achtergrond bij de afspraken in deze nota, in Kortompedia, het kenniscentrum van Kortom vzw.")
    for title, refs in groups:
        w.heading(title, 2)
        lines = []
        for ref, numbers in refs:
            line = ref.title
            if ref.url:
                line += f" ({ref.url})"
            if numbers:
                label = "afspraak" if len(numbers) == 1 else "afspraken"
                line += f" – bij {label} {', '.join(str(n) for n in numbers)}"
            lines.append(line)
        w.bullets(tuple(lines), "List Bullet", w.intro_bullet_num)


def _provenance(w: _Writer, note: Note) -> None:
    if not note.agreements:
        return
    edition = note.catalogue.edition
    w.heading("Bijlage: Herkomst van de afspraken", 1)
    w.paragraph(
        f"Deze nota is samengesteld met het Bouwpakket communicatieafspraken, op basis van de "
        f"{edition.title} van {edition.publisher} (editie {edition.id}). De tabel toont per afspraak "
        "of ze uit de catalogus komt, in welke variant, of ze herschreven is, of dat het een eigen afspraak is."
    )
    w.body.table(
        w.ids["Table Grid"],
        widths=(1418, 7654),
        header=("Afspraak", f"Herkomst (catalogus {edition.id})"),
        rows=[(str(a.number), a.origin) for a in note.agreements],
    )


PROPERTY_MAX = 255  # python-docx refuses longer core properties; the document itself keeps the whole text


def property_text(text: str) -> str:
    """A core property (title, subject, author) shortened to what Word's file properties hold."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1].rstrip() + "…"


def _properties(document: DocumentObject, note: Note) -> None:
    c = note.choices
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.title = property_text(c.display_title)
    props.subject = property_text(f"Communicatieafspraken {c.organisation_name}".strip())
    props.author = property_text(c.author_name or c.organisation_name)
    props.last_modified_by = props.author
    props.keywords = "afsprakennota; communicatieafspraken"
    props.comments = f"Gemaakt met Bouwpakket communicatieafspraken, catalogus {note.catalogue.edition.id}."
    props.category = "Afsprakennota"
    props.created = props.modified = now
    props.revision = 1


def render_note(choices: Choices, catalogue: Catalogue) -> DocumentObject:
    """The note as a Word document, ready to save."""
    note = compose(choices, catalogue)
    base = _base()
    document = Document(BytesIO(base.blob))
    w = _Writer(document, base)
    _title_page(w, note)
    w.paragraph("Inhoud", "TOC Heading")
    marker = w.paragraph()
    oxml.page_break_in(marker)
    _introduction(w, note)
    for part in note.parts:
        _part(w, part)
    if choices.options.approval:
        _approval(w, note)
    if choices.options.references:
        _references(w, note)
    if choices.options.provenance:
        _provenance(w, note)
    contents = [(level, title) for level, title in w.outline if level <= 2]
    oxml.table_of_contents(w.body, marker, contents, {1: w.ids["toc 1"], 2: w.ids["toc 2"]})
    _footer(document, note)
    _properties(document, note)
    oxml.add_custom_xml(document, "choices", json.dumps(choices.to_data(), ensure_ascii=False))
    return document


def to_bytes(document: DocumentObject) -> bytes:
    """The document as the bytes of a .docx file, for a download or a file on disk."""
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_choices(docx_bytes: bytes) -> dict | None:
    """The choices JSON embedded in a .docx made by `render_note`, or None."""
    payload = oxml.read_custom_xml(Document(BytesIO(docx_bytes)), "choices")
    return json.loads(payload) if payload is not None else None


def _file_date(choices: Choices) -> str:
    return choices.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", choices.date or "") else dt.date.today().isoformat()


def file_name(choices: Choices) -> str:
    """ASCII only, safe on every OS: 'gemeente-zottegem-afsprakennota-2026-11-23.docx'."""
    return f"{slugify(choices.organisation_name, 'organisatie')}-afsprakennota-{_file_date(choices)}.docx"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def display_file_name(choices: Choices) -> str:
    """The name users see, accents kept: 'Gemeente Sint-Gillis-Waas - afsprakennota 2026-11-23.docx'.

    Characters no OS allows in a file name are dropped, and the length is capped.
    """
    organisation = " ".join(_UNSAFE.sub(" ", choices.organisation_name).split()).strip(". ")[:80]
    return f"{organisation or 'Organisatie'} - afsprakennota {_file_date(choices)}.docx"


def content_disposition(choices: Choices) -> str:
    """RFC 6266: a UTF-8 `filename*` with an ASCII `filename` fallback."""
    from urllib.parse import quote

    return (
        f"attachment; filename=\"{file_name(choices)}\"; filename*=UTF-8''{quote(display_file_name(choices), safe='')}"
    )
