"""`render_note`: the user's note as a Word document (python-docx on the project's own base).

Title page; a table of contents that reads on paper before any field is updated (numbered parts
with their agreement ranges, each entry a link to its heading's bookmark, with a PAGEREF field
for the page); the chosen intro chapters and vision; every part with agreements numbered 1..N as
one real Word list; cross-references as REF fields; the approval block and appendices on pages of
their own; "pagina N van M"; document language nl-BE; the choices JSON embedded for a re-import.
The approval block and appendices are in word_parts.py, the base document in word_base.py,
the `Writer` they share in word_writer.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from .. import caches
from ..model import crossref
from ..model.catalogue import Catalogue
from ..model.choices import Choices
from ..model.note import Note, NotePart, compose
from ..model.organisations import approval_of, organisation_type
from ..model.reviews import Comment
from ..model.text import slugify
from . import oxml
from .house_style import HouseStyle, Logo, logo_size
from .word_base import make_base
from .word_writer import Writer, dutch_date, page_token


def _footer(document: DocumentObject, note: Note) -> None:
    """'Communicatieafspraken Zottegem – pagina 3 van 12', from the second page on."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = note.choices.display_title
    oxml.Body.page_of_pages(paragraph._p, f"{title} – " if title else "", shown="2")


def status_line(note: Note) -> str:
    """'Ontwerp, versie 1.0' until the note has an approval date, then 'Goedgekeurd door … op …'."""
    if note.approved_on:
        by = note.choices.options.approved_by or approval_of(note.choices.organisation_type).approver
        return f"Goedgekeurd door {by} op {dutch_date(note.approved_on)}"
    version = note.choices.version
    return f"Ontwerp, versie {version}" if version else "Ontwerp"


def _logo(w: Writer, logo: Logo) -> None:
    """The organisation's logo at the top of the title page, with its alternative text."""
    from docx.image.image import Image

    image = Image.from_blob(logo.data)
    width, height = logo_size(image.px_width, image.px_height)
    paragraph = Paragraph(w.body.paragraph(w.ids["Normal"]), w.document._body)
    shape = paragraph.add_run().add_picture(BytesIO(logo.data), width=width, height=height)
    shape._inline.docPr.set("descr", logo.alt)


def _title_page(w: Writer, note: Note, logo: Logo | None):
    """The title page; returns the title's paragraph (comments on the note as a whole go there)."""
    c = note.choices
    if logo is not None:
        _logo(w, logo)
    kicker = w.body.paragraph(w.ids["Subtitle"])
    w.body.run(kicker, "AFSPRAKENNOTA COMMUNICATIE", color=w.base.accent or None)
    title = w.paragraph(c.display_title, "Title")
    organisation = c.organisation_name
    found = organisation_type(c.organisation_type)
    kind = found.label if found and found.on_title_page else ""
    if kind and not organisation.lower().startswith(kind.lower()):
        organisation = f"{organisation} ({kind.lower()})"
    if organisation and c.organisation_name.lower() not in c.display_title.lower():
        w.paragraph(organisation, "Subtitle")
    w.body.paragraph(w.ids["Subtitle"], [(status_line(note), True)])
    if note.date:
        w.labelled("Datum", dutch_date(note.date))
    if c.version:
        w.labelled("Versie", c.version)
    author = ", ".join(x for x in (c.author_name, c.author_function) if x)
    if author:
        w.labelled("Opgesteld door", author)
    edition = note.catalogue.edition
    w.labelled("Gebaseerd op", f"{edition.title}, {edition.publisher} (editie {edition.id})")
    return title if c.display_title else kicker


def _introduction(w: Writer, note: Note, first: bool) -> bool:
    """Chapter 1, when the note has a vision or intro chapters; True when it was written."""
    if not note.vision and not note.chapters:
        return False
    w.heading("1. Inleiding", 1, entry="1. Inleiding", page_break=first)
    number = 0
    if note.vision:
        number += 1
        title = f"1.{number} Visie en communicatiedoelen"
        w.heading(title, 2, entry=title, style="Chapter Heading")
        w.blocks(note.vision, heading_level=3)
    for chapter in note.chapters:
        number += 1
        title = f"1.{number} {chapter.title}"
        w.heading(title, 2, entry=title, style="Chapter Heading")
        w.blocks(chapter.body, heading_level=3)
    return True


def _part(w: Writer, part: NotePart, number: int, page_break: bool, comments: dict[int, list[Comment]]) -> None:
    title = f"{number}. {part.title}"
    entry = f"{title} — {part.span}" if part.span else title
    w.heading(title, 1, entry=entry, page_break=page_break)
    for paragraph in part.intro:
        if crossref.resolve(paragraph, w.note.numbers).strip():
            w.paragraph(paragraph)
    for agreement in part.agreements:
        if agreement.subheading:
            w.heading(agreement.subheading, 2)
        paragraph = w.agreement(agreement)
        if agreement.number in comments:
            w.comments(paragraph, comments[agreement.number])


TOC_INSTRUCTION = 'TOC \\o "1-1" \\t "Chapter Heading,2" \\h \\z \\u'


def _table_of_contents(w: Writer, before) -> None:
    """The TOC field, its result already written: entries linked to their headings, PAGEREF for the page."""
    entries = w.contents or [(1, "", "")]
    last = len(entries) - 1
    for i, (level, text, bookmark) in enumerate(entries):
        p = w.body.paragraph(w.ids[f"toc {min(level, 2)}"], before=before)
        if i == 0:
            w.body.field_start(p, TOC_INSTRUCTION)
        if bookmark:
            page = page_token(bookmark) if w.page_tokens else ""
            runs = (text, oxml.Tab(), oxml.Field(f"PAGEREF {bookmark} \\h", page))
            w.body.link(p, oxml.Link(runs=runs, anchor=bookmark))
        if i == last:
            w.body.field_end(p)


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


def render_note(
    choices: Choices,
    catalogue: Catalogue,
    page_tokens: bool = False,
    comments: dict[int, list[Comment]] | None = None,
    style: HouseStyle | None = None,
) -> DocumentObject:
    """The note as a Word document, ready to save; `page_tokens` marks the TOC's pages for the PDF converter.

    `comments` (see `model.reviews.open_by_number`) become Word comments on their agreement, 0 on the title.
    `style` is the note's house style: its template as the base, or a logo on ours.
    """
    from .word_parts import approval, provenance, references

    note = compose(choices, catalogue)
    style = style or HouseStyle()
    base = style.template or caches.word_base.get(None, make_base)
    document = Document(BytesIO(base.blob))
    w = Writer(document, base, note, page_tokens)
    comments = comments or {}
    title = _title_page(w, note, None if style.template else style.logo)
    if 0 in comments:
        w.comments(title, comments[0])
    contents = w.paragraph("Inhoud", "TOC Heading", page_break=True)
    numbered = 1 if _introduction(w, note, first=True) else 0
    for i, part in enumerate(note.parts):
        _part(w, part, numbered + i + 1, page_break=numbered == 0 and i == 0, comments=comments)
    if choices.options.approval:
        approval(w, note)
    appendix = 0
    if choices.options.references and note.references():
        appendix += 1
        references(w, note, appendix)
    if choices.options.provenance and note.agreements:
        appendix += 1
        provenance(w, note, appendix)
    _table_of_contents(w, contents.getnext())
    if base.footer:
        _footer(document, note)
    _properties(document, note)
    oxml.add_custom_xml(document, "choices", json.dumps(choices.to_data(), ensure_ascii=False))
    if style.template is not None:
        said = {"template": style.template_name, "our_footer": base.footer}
        oxml.add_custom_xml(document, "houseStyle", json.dumps(said, ensure_ascii=False))
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


def file_name(choices: Choices, extension: str = "docx") -> str:
    """ASCII only, safe on every OS: 'gemeente-zottegem-afsprakennota-2026-11-23.docx'."""
    return f"{slugify(choices.organisation_name, 'organisatie')}-afsprakennota-{_file_date(choices)}.{extension}"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def display_file_name(choices: Choices, extension: str = "docx") -> str:
    """The name users see, accents kept: 'Gemeente Sint-Gillis-Waas - afsprakennota 2026-11-23.docx'.

    Characters no OS allows in a file name are dropped, and the length is capped.
    """
    organisation = " ".join(_UNSAFE.sub(" ", choices.organisation_name).split()).strip(". ")[:80]
    return f"{organisation or 'Organisatie'} - afsprakennota {_file_date(choices)}.{extension}"


def content_disposition(choices: Choices, extension: str = "docx") -> str:
    """RFC 6266: a UTF-8 `filename*` with an ASCII `filename` fallback."""
    from urllib.parse import quote

    shown = quote(display_file_name(choices, extension), safe="")
    return f"attachment; filename=\"{file_name(choices, extension)}\"; filename*=UTF-8''{shown}"
