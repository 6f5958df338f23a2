"""Uploaded Word files are hostile until proven otherwise: every check before python-docx sees a byte.

A .docx (or .dotx) is a zip of XML parts. Before anything else reads an upload, `checked_docx()`
makes sure it is small, really a Word package, not a zip bomb (few entries, bounded total size and
compression ratio, each entry read with a cap so a lying header cannot fool it), carries no macros,
points at nothing outside itself except hyperlinks, and has no DTD or entity in any XML part
(defusedxml). A refusal is an `UploadRefused` with a Dutch message for the person who sent it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..model.messages import N_, Message

MAX_BYTES = 5 * 1024 * 1024  # the full 87-agreement note is ~60 kB; a house style with a logo a few hundred kB
MAX_ENTRIES = 400
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_RATIO = 120  # XML compresses well (~10x); a zip bomb compresses a thousandfold
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)


NOT_WORD = N_("Dit is geen Word-bestand (.docx). Bewaar het in Word als .docx en probeer opnieuw.")


class UploadRefused(ValueError):
    """An upload that is not used, with the Dutch message (a msgid and its values) saying why."""

    def __init__(self, text: str, **params):
        self.message = Message(text, params)
        super().__init__(str(self.message))


@dataclass
class CheckedDocx:
    """A Word package that passed every check: its parts, read once."""

    parts: dict[str, bytes] = field(default_factory=dict)
    main: str = "word/document.xml"

    def data(self) -> bytes:
        """The package again as bytes, for python-docx (only parts that passed the checks are in it)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name, content in self.parts.items():
                package.writestr(name, content)
        return buffer.getvalue()


def refuse_oversized(data: bytes) -> None:
    """Refuse any upload over MAX_BYTES, saying how large it is."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(
            N_("Het bestand is %(size)d MB; het maximum is %(max)d MB."),
            size=round(len(data) / 1048576),
            max=MAX_BYTES // 1048576,
        )


def checked_docx(data: bytes, template_link: bool = False) -> CheckedDocx:
    """The upload as a `CheckedDocx`; UploadRefused (a Dutch message) for anything else.

    With `template_link`, the link to the template a document was made from (Word writes its path
    as an external target) is allowed: the house style drops it before the file is used."""
    if not data:
        raise UploadRefused(N_("Het bestand is leeg. Kies een .docx-bestand."))
    refuse_oversized(data)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):  # "zip file version 6.4" in a damaged header
        raise UploadRefused(NOT_WORD) from None
    _check_entries(infos)
    parts = {info.filename: _read_capped(package, info) for info in infos if not info.is_dir()}
    _check_xml(parts)
    main = _main_part(parts)
    _check_relationships(parts, template_link)
    return CheckedDocx(parts=parts, main=main)


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise UploadRefused(N_("Het bestand bevat te veel onderdelen om een gewoon Word-document te zijn."))
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise UploadRefused(N_("Het bestand bevat onderdelen met een ongeldige naam."))
        if name.lower().endswith(("vbaproject.bin", "vbadata.xml")):
            raise UploadRefused(N_("Het bestand bevat macro’s. Bewaar het in Word als .docx zonder macro’s."))
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1_000_000:
            raise UploadRefused(N_("Het bestand is verdacht sterk samengeperst en wordt niet geopend."))
    if total > MAX_UNCOMPRESSED:
        raise UploadRefused(N_("Het bestand is uitgepakt te groot om een gewoon Word-document te zijn."))


def _read_capped(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's content, never more than MAX_UNCOMPRESSED bytes whatever its header says."""
    chunks, read = [], 0
    try:
        with package.open(info) as entry:
            while chunk := entry.read(65536):
                read += len(chunk)
                if read > MAX_UNCOMPRESSED or read > 2 * max(info.file_size, 65536):
                    raise UploadRefused(N_("Het bestand is uitgepakt te groot om een gewoon Word-document te zijn."))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError):
        raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden.")) from None
    return b"".join(chunks)


def _check_xml(parts: dict[str, bytes]) -> None:
    """Every XML part parses without a DTD, entities or external references."""
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            except DefusedXmlException:
                raise UploadRefused(
                    N_("Het bestand bevat XML met een DTD of entiteiten en wordt niet geopend.")
                ) from None
            except Exception:  # noqa: BLE001 - any parse error of a hostile part means: not a usable document
                raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden.")) from None


def _main_part(parts: dict[str, bytes]) -> str:
    """The document part named in [Content_Types].xml; refused when there is none or macros are declared."""
    types = parts.get("[Content_Types].xml")
    if types is None:
        raise UploadRefused(NOT_WORD)
    root = fromstring(types, forbid_dtd=True)
    for override in root.iter(f"{CONTENT_NS}Override"):
        kind = override.get("ContentType", "")
        if "macroEnabled" in kind or "vbaProject" in kind:
            raise UploadRefused(N_("Het bestand bevat macro’s. Bewaar het in Word als .docx zonder macro’s."))
        if kind in WORD_MAIN:
            name = override.get("PartName", "").lstrip("/")
            if name in parts:
                return name
    raise UploadRefused(NOT_WORD)


def _check_relationships(parts: dict[str, bytes], template_link: bool) -> None:
    """Nothing points outside the package (an attached template, a linked image, OLE), except hyperlinks."""
    allowed = (HYPERLINK, ATTACHED_TEMPLATE) if template_link else (HYPERLINK,)
    for name, content in parts.items():
        if not name.endswith(".rels"):
            continue
        for rel in fromstring(content, forbid_dtd=True).iter(f"{REL_NS}Relationship"):
            if rel.get("TargetMode") == "External" and rel.get("Type") not in allowed:
                raise UploadRefused(
                    N_("Het bestand verwijst naar iets buiten zichzelf (%(what)s) en wordt niet geopend."),
                    what=posixpath.basename(rel.get("Type", "")),
                )
