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
import logging
import re
import zipfile
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from .. import caches
from ..model.catalogue import Catalogue
from ..model.choices import Choices
from ..model.note import Note, compose
from ..model.outline import CONTENTS, PAGES_HINT, Cover, Outline, Part, outline
from ..model.reviews import Comment
from ..model.text import slugify
from . import oxml
from .house_style import HouseStyle, Logo, logo_size
from .word_base import make_base
from .word_parts import approval, provenance, references
from .word_writer import Writer, page_token

LOG = logging.getLogger("bouwpakket.word")


def _footer(document: DocumentObject, title: str) -> None:
    """'Communicatieafspraken Zottegem – pagina 3 van 12', from the second page on."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    oxml.Body.page_of_pages(paragraph._p, f"{title} – " if title else "", shown="2")


def title_logo(w: Writer, logo: Logo) -> None:
    """The organisation's logo at the top of the title page, with its alternative text."""
    from docx.image.image import Image

    image = Image.from_blob(logo.data)
    width, height = logo_size(image.px_width, image.px_height)
    paragraph = Paragraph(w.body.paragraph(w.ids["Normal"]), w.document._body)
    shape = paragraph.add_run().add_picture(BytesIO(logo.data), width=width, height=height)
    shape._inline.docPr.set("descr", logo.alt)


def _title_page(w: Writer, cover: Cover, logo: Logo | None):
    """The title page; returns the title's paragraph (comments on the note as a whole go there)."""
    if logo is not None:
        title_logo(w, logo)
    fonts = w.base.title_fonts  # on a template: the title's typeface for the lines around it too
    kicker = w.body.paragraph(w.ids["Subtitle"])
    w.body.run(kicker, cover.kicker.upper(), color=w.base.accent or None, fonts=fonts)
    title = w.paragraph(cover.title, "Title")
    if cover.organisation:
        w.body.run(w.body.paragraph(w.ids["Subtitle"]), cover.organisation, fonts=fonts)
    w.body.run(w.body.paragraph(w.ids["Subtitle"]), cover.status, bold=True, fonts=fonts)
    for label, value in cover.details:
        w.labelled(label, value)
    return title if cover.title else kicker


def _introduction(w: Writer, outline: Outline) -> None:
    """Chapter 1: the vision and the intro chapters, each numbered."""
    w.heading(outline.introduction, 1, entry=outline.introduction, page_break=True)
    for chapter in outline.chapters:
        w.heading(chapter.heading, 2, entry=chapter.heading, style="Chapter Heading")
        w.blocks(chapter.blocks, heading_level=3)


def _part(w: Writer, part: Part, entry: str, page_break: bool, comments: dict[int, list[Comment]]) -> None:
    w.heading(part.heading, 1, entry=entry, page_break=page_break)
    for paragraph in part.intro:
        w.paragraph(paragraph)
    for agreement in part.agreements:
        if agreement.subheading:
            w.heading(agreement.subheading, 2)
        paragraph = w.agreement(agreement)
        if agreement.number in comments:
            w.comments(paragraph, comments[agreement.number])


TOC_INSTRUCTION = 'TOC \\o "1-1" \\t "Chapter Heading,2" \\h \\z \\u'


def _table_of_contents(w: Writer, before) -> None:
    """The TOC field, its result already written: entries linked to their headings, PAGEREF for the page.

    Made for LibreOffice's layout (`page_tokens`), each page is a token it fills in; otherwise the
    field's result ends with a line saying how Word fills the pages in (Word's update replaces it)."""
    entries = w.contents or [(1, "", "")]
    paragraphs = []
    for level, text, bookmark in entries:
        p = w.body.paragraph(w.ids[f"toc {min(level, 2)}"], before=before)
        if bookmark:
            page = page_token(bookmark) if w.page_tokens else ""
            runs = (text, oxml.Tab(), oxml.Field(f"PAGEREF {bookmark} \\h", page))
            w.body.link(p, oxml.Link(runs=runs, anchor=bookmark))
        paragraphs.append(p)
    if not w.page_tokens:
        paragraphs.append(w.body.paragraph(w.ids["Normal"], [(PAGES_HINT, True)], before=before, space_before=240))
    oxml.Body.field_start(paragraphs[0], TOC_INSTRUCTION, first=True)
    w.body.field_end(paragraphs[-1])


PROPERTY_MAX = 255  # python-docx refuses longer core properties; the document itself keeps the whole text


def property_text(text: str) -> str:
    """A core property (title, subject, author) shortened to what Word's file properties hold."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1].rstrip() + "…"


def _properties(document: DocumentObject, note: Note) -> None:
    c = note.choices
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.title = property_text(c.display_title)
    props.subject = property_text(f"Communicatieafspraken {c.organisation.name}".strip())
    props.author = property_text(c.author.name or c.organisation.name)
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

    The document draws the note's outline (model/outline.py). `comments` (see `model.reviews.open_by_number`)
    become Word comments on their agreement, 0 on the title. `style` is the note's house style: its
    template as the base, or a logo on ours.
    """
    drawn = outline(compose(choices, catalogue))
    style = style or HouseStyle()
    base = style.template or caches.word_base.get(None, make_base)
    document = Document(BytesIO(base.blob))
    w = Writer(document, base, drawn.note, page_tokens)
    comments = comments or {}
    title = _title_page(w, drawn.cover, None if style.template else style.logo)
    if 0 in comments:
        w.comments(title, comments[0])
    contents = w.paragraph(CONTENTS, "TOC Heading", page_break=True)
    if drawn.chapters:
        _introduction(w, drawn)
    entries = {entry.anchor: entry.text for entry in drawn.contents}
    for i, part in enumerate(drawn.parts):
        _part(w, part, entries[part.anchor], page_break=not drawn.chapters and i == 0, comments=comments)
    if drawn.approval is not None:
        approval(w, drawn.approval)
    if drawn.references is not None:
        references(w, drawn.references)
    if drawn.provenance is not None:
        provenance(w, drawn.provenance)
    _table_of_contents(w, contents.getnext())
    if base.footer:
        _footer(document, choices.display_title)
    _properties(document, drawn.note)
    oxml.add_custom_xml(document, "choices", json.dumps(choices.to_data(), ensure_ascii=False))
    if style.template is not None:
        said = {"template": style.template_name, "our_footer": base.footer}
        oxml.add_custom_xml(document, "houseStyle", json.dumps(said, ensure_ascii=False))
    return document


def note_docx(
    choices: Choices,
    catalogue: Catalogue,
    converter=None,
    client: str = "",
    comments: dict[int, list[Comment]] | None = None,
    style: HouseStyle | None = None,
) -> bytes:
    """The .docx as downloaded: with the contents' page numbers from LibreOffice's layout where `converter`
    (formats/pdf.py) runs, else with a line in the contents that says how to fill them in."""
    if converter is not None:
        from .pdf import PdfError

        tokens = to_bytes(render_note(choices, catalogue, page_tokens=True, comments=comments, style=style))
        try:
            return with_page_numbers(tokens, converter.page_numbers(tokens, client))
        except PdfError as error:
            LOG.warning("No page numbers in the contents: %s", error)
    return to_bytes(render_note(choices, catalogue, comments=comments, style=style))


TOKEN = re.compile(rb"\{p:(_Toc[0-9]+)\}")


def with_page_numbers(docx: bytes, pages: dict[str, int]) -> bytes:
    """A .docx made with page tokens, each token replaced by its heading's page (nothing where it has none)."""
    source = zipfile.ZipFile(BytesIO(docx))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = TOKEN.sub(lambda m: str(pages.get(m.group(1).decode(), "")).encode(), content)
            target.writestr(info, content)
    return buffer.getvalue()


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
    return f"{slugify(choices.organisation.name, 'organisatie')}-afsprakennota-{_file_date(choices)}.{extension}"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def shown_organisation(choices: Choices) -> str:
    """The organisation's name as a file name may hold it: characters no OS allows dropped, the length capped."""
    return " ".join(_UNSAFE.sub(" ", choices.organisation.name).split()).strip(". ")[:80] or "Organisatie"


def display_file_name(choices: Choices, extension: str = "docx") -> str:
    """The name users see, accents kept: 'Gemeente Sint-Gillis-Waas - afsprakennota 2026-11-23.docx'."""
    return f"{shown_organisation(choices)} - afsprakennota {_file_date(choices)}.{extension}"


def attachment(name: str, shown: str) -> str:
    """RFC 6266: a UTF-8 `filename*` (`shown`) with an ASCII `filename` fallback (`name`)."""
    from urllib.parse import quote

    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(shown, safe='')}"


def content_disposition(choices: Choices, extension: str = "docx") -> str:
    """The note's download: its ASCII name with the name users see."""
    return attachment(file_name(choices, extension), display_file_name(choices, extension))
