"""Organisations' own Word templates and logos, made the way Word and LibreOffice store them.

`dutch_template()` is what a Flemish organisation's Word saves: built-in styles under Dutch style
ids ("Kop1", "Standaard", "Titel"), optionally also under Dutch names ("Kop 1"), with a header
that holds a logo, a footer of its own, its own font and colours, and placeholder text in the body.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from builder.formats import oxml
from builder.formats.word_styles import DUTCH

HOUSE_FONT = "Georgia"
HOUSE_COLOUR = RGBColor(0x8B, 0x1E, 0x3F)
HEADER_TEXT = "Provincie Oost-Vlaanderen — huisstijl"
FOOTER_TEXT = "Eigen voettekst van de organisatie"


def png(width: int = 120, height: int = 40, rgb: tuple[int, int, int] = (0x8B, 0x1E, 0x3F)) -> bytes:
    """A real PNG image of one colour, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int = 120, height: int = 40) -> bytes:
    """A real JPEG photo-like image (a gradient), made with Pillow."""
    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _rename_styles(document, dutch_names: bool) -> None:
    """Give the built-in styles their Dutch style ids (and names), and point every reference at them."""
    renamed = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name")).get(qn("w:val"))
        for ours, dutch in DUTCH.items():
            if name.lower() == ours.lower():
                renamed[style.get(qn("w:styleId"))] = dutch.replace(" ", "")
                style.set(qn("w:styleId"), dutch.replace(" ", ""))
                if dutch_names:
                    style.find(qn("w:name")).set(qn("w:val"), dutch)
    for element in document.element.iter(qn("w:pStyle")):
        element.set(qn("w:val"), renamed.get(element.get(qn("w:val")), element.get(qn("w:val"))))
    for tag in ("w:basedOn", "w:next"):
        for element in document.styles.element.iter(qn(tag)):
            value = element.get(qn("w:val"))
            element.set(qn("w:val"), renamed.get(value, value))


def dutch_template(
    *,
    dutch_names: bool = False,
    headings: bool = True,
    footer: bool = True,
    dotx: bool = False,
    attached_template: bool = False,
    numbering: bool = True,
    page_number: bool = False,
) -> bytes:
    """A house-style template as a Dutch Word saves it (see the module docstring)."""
    document = docx.Document()
    styles = document.styles
    styles["Normal"].font.name = HOUSE_FONT
    styles["Normal"].font.size = Pt(10.5)
    for level in (1, 2, 3):
        styles[f"Heading {level}"].font.color.rgb = HOUSE_COLOUR
        styles[f"Heading {level}"].font.name = HOUSE_FONT
    styles["Title"].font.color.rgb = HOUSE_COLOUR
    if not headings:
        for style in list(styles):
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name.lower().startswith(("heading", "title")):
                style.element.getparent().remove(style.element)
    document.add_paragraph("Titel van het document")
    document.add_paragraph("Typ hier de tekst. Deze zin staat in het sjabloon en hoort niet in de nota.")
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(png()), width=Cm(3))
    header.add_run("  " + HEADER_TEXT)
    if footer:
        section.footer.paragraphs[0].text = FOOTER_TEXT
    if page_number:
        oxml.Body.field(section.footer.paragraphs[0]._p, "PAGE", "1")
    _rename_styles(document, dutch_names)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if dotx:
        data = _as_template(data)
    if attached_template:
        data = _with_attached_template(data)
    if not numbering:
        data = _without_numbering(data)
    return data


def _rewrite(data: bytes, change) -> bytes:
    """The package with `change(name, content)` applied to every part."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return buffer.getvalue()


def _without_numbering(data: bytes) -> bytes:
    """A simple letterhead's file: no list definitions at all (no numbering part)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/numbering.xml":
                continue
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                content = re.sub(rb"<(Relationship|Override)[^>]*numbering[^>]*/>", b"", content)
            if info.filename == "word/styles.xml":
                content = re.sub(rb"<w:numPr>.*?</w:numPr>", b"", content)
            target.writestr(info, content)
    return buffer.getvalue()


def _as_template(data: bytes) -> bytes:
    """The same file saved as a Word template (.dotx): only its main part's content type differs."""
    document_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    template_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    return _rewrite(data, lambda name, content: content.replace(document_type, template_type))


def _with_attached_template(data: bytes) -> bytes:
    """A document made from a template on a share: Word writes the template's path as an external link."""
    relationship = (
        b'<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="file:///\\\\server\\sjablonen\\Huisstijl.dotx" TargetMode="External"/>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + relationship
        + b"</Relationships>"
    )

    def change(name: str, content: bytes) -> bytes:
        if name == "word/settings.xml":
            return content.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdTpl"/><w:zoom', 1)
        return content

    data = _rewrite(data, change)
    import zipfile

    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as package:
        if "word/_rels/settings.xml.rels" not in package.namelist():
            package.writestr("word/_rels/settings.xml.rels", rels)
    return buffer.getvalue()
