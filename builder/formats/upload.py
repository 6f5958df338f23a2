"""Uploaded Word files are hostile until proven otherwise: every check before python-docx sees a byte.

A .docx (or .dotx) is a zip of XML parts. Before anything else reads an upload, `checked_docx()`
judges it in two passes, each bounded so that any file costs at most ~2 s and ~50 MB:

1. a cheap pass over the zip and the raw bytes: size, entry count, names (no absolute or `..`
   paths, no two names that differ only in case), uncompressed size per part and in all, each entry
   read with a cap (a lying header cannot fool it) and a compression ratio, and an upper bound on the
   elements of every XML part (its count of "<") per part and in all;
2. a full parse of every part that is XML by its content, whatever its name or declared type,
   with lxml (no DTD, no entities, no network, libxml2's depth limit), then what the parts hold
   (package_content.py): known relationship types only, each used only by the element it is for,
   outside targets only for http(s) and mail links, only fields that show something. A part that
   is an OLE file (macros, embedded objects) or a zip inside the zip is refused by its first bytes.

A refusal is an `UploadRefused` with a Dutch message for the person who sent it.
"""

from __future__ import annotations

import ctypes
import io
import json
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.messages import N_, Message
from . import package_content
from .package_content import ATTACHED_TEMPLATE, HYPERLINK, RELS_ROOT

if TYPE_CHECKING:  # lxml is imported by the first upload, not with the app (start-up stays light)
    from lxml import etree

MAX_BYTES = 5 * 1024 * 1024  # the full 87-agreement note is ~60 kB; a house style with a logo a few hundred kB
MAX_ENTRIES = 400
MAX_UNCOMPRESSED = 16 * 1024 * 1024  # in all; images are stored compressed, so this is mostly XML
MAX_PART = 8 * 1024 * 1024  # one part; the full note's largest (styles) is 350 kB
MAX_RATIO = 120  # XML compresses ~10-30x; a zip bomb a thousandfold
RATIO_FROM = 64 * 1024  # the ratio rule applies to every entry from this size up
MAX_ELEMENTS_PART = 100_000  # "<" in one part; the full note's document has 4,400, its styles 11,900
MAX_ELEMENTS = 160_000  # "<" in all parts together (parsing them all: ~0.4 s, ~35 MB at the peak)
JUDGED_AT_ONCE = 2  # uploads checked at the same time per process (memory, and the GIL)
WAITING_AT_MOST = 2  # uploads waiting for a turn per process; more are refused at once, so pages keep threads
WAIT_FOR_TURN = 10  # seconds an upload waits for its turn before it is refused as "busy"
CONTENT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
OLE, ZIP = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04"
__all__ = [
    "ATTACHED_TEMPLATE",
    "HYPERLINK",
    "CheckedDocx",
    "UploadRefused",
    "checked_docx",
    "parsed_json",
    "refuse_oversized",
]


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


_TURNS = threading.BoundedSemaphore(JUDGED_AT_ONCE)
_ROOM = threading.BoundedSemaphore(JUDGED_AT_ONCE + WAITING_AT_MOST)
BUSY = N_("Er worden nu veel bestanden tegelijk opgeladen. Probeer het over een minuut opnieuw.")


@contextmanager
def one_of_few() -> Iterator[None]:
    """Judge an upload only when fewer than JUDGED_AT_ONCE others are judged in this process.

    A few more may wait for a turn (WAITING_AT_MOST, for WAIT_FOR_TURN seconds); any more are
    refused at once, in Dutch. Sixteen worst-case uploads at once then cost two uploads' memory
    and leave most threads of a worker free to answer pages. Afterwards the memory freed is given
    back to the system (`give_back_memory`)."""
    if not _ROOM.acquire(blocking=False):
        raise UploadRefused(BUSY)
    try:
        if not _TURNS.acquire(timeout=WAIT_FOR_TURN):
            raise UploadRefused(BUSY)
        try:
            yield
        finally:
            _TURNS.release()
    finally:
        _ROOM.release()
        give_back_memory()


def give_back_memory() -> None:
    """Hand memory freed by a large parse back to the system: glibc keeps it in each thread's arena otherwise,
    so a worker would stay at the size of its largest upload."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


MAX_JSON_DEPTH = 16  # a choices document nests 5 deep
TOO_DEEP_JSON = N_("De gegevens van de nota in dit bestand zijn te diep genest en worden niet gelezen.")


def parsed_json(text: str | bytes):
    """JSON from a file (a choices document, or the one inside a .docx): ValueError when it is not JSON,
    UploadRefused when it nests deeper than MAX_JSON_DEPTH (Python's parser would fail with a RecursionError)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise UploadRefused(TOO_DEEP_JSON) from None
    level = [value]
    for _depth in range(MAX_JSON_DEPTH):
        level = [c for v in level for c in (v.values() if isinstance(v, dict) else v if isinstance(v, list) else ())]
        if not level:
            return value
    raise UploadRefused(TOO_DEEP_JSON)


def refuse_oversized(data: bytes) -> None:
    """Refuse any upload over MAX_BYTES, saying how large it is."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(
            N_("Het bestand is %(size)d MB; het maximum is %(max)d MB."),
            size=round(len(data) / 1048576),
            max=MAX_BYTES // 1048576,
        )


def checked_docx(data: bytes, template_link: bool = False, body: bool = True) -> CheckedDocx:
    """The upload as a `CheckedDocx`; UploadRefused (a Dutch message) for anything else.

    With `template_link`, the link to the template a document was made from (Word writes its path
    as an external target) is allowed: the house style drops it before the file is used. Without
    `body`, the main part's body keeps only its last section's settings (a template's text is never
    used), emptied in the same parse that checks it."""
    if not data:
        raise UploadRefused(N_("Het bestand is leeg. Kies een .docx-bestand."))
    refuse_oversized(data)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):  # "zip file version 6.4" in a damaged header
        raise UploadRefused(NOT_WORD) from None
    _check_entries(infos)
    parts = _read_all(package, [info for info in infos if not info.is_dir()])
    _check_content(parts, template_link, None if body else _main_name(parts))
    main = _main_part(parts)
    return CheckedDocx(parts=parts, main=main)


def _refuse(text: str, **params) -> None:
    """Raise the refusal package_content.py asks for."""
    raise UploadRefused(text, **params)


TOO_LARGE = N_("Het bestand is uitgepakt te groot om een gewoon Word-document te zijn.")
MACROS = N_("Het bestand bevat macro’s of ingesloten objecten. Bewaar het in Word als .docx zonder macro’s.")


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    """What the zip's directory says: count, names, sizes and ratios (checked again while reading)."""
    if len(infos) > MAX_ENTRIES:
        raise UploadRefused(N_("Het bestand bevat te veel onderdelen om een gewoon Word-document te zijn."))
    total, seen = 0, set()
    for info in infos:
        name = info.filename
        if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name or name.lower() in seen:
            raise UploadRefused(N_("Het bestand bevat onderdelen met een ongeldige naam."))
        seen.add(name.lower())
        if name.lower().endswith(("vbaproject.bin", "vbadata.xml")):
            raise UploadRefused(MACROS)
        total += info.file_size
        if info.file_size >= RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UploadRefused(N_("Het bestand is verdacht sterk samengeperst en wordt niet geopend."))
        if info.file_size > MAX_PART:
            raise UploadRefused(TOO_LARGE)
    if total > MAX_UNCOMPRESSED:
        raise UploadRefused(TOO_LARGE)


def _read_all(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Every entry's content, each read with a cap, with a bound on XML elements per part and in all."""
    parts, total, elements = {}, 0, 0
    for info in infos:
        content = _read_capped(package, info)
        total += len(content)
        if total > MAX_UNCOMPRESSED:
            raise UploadRefused(TOO_LARGE)
        if content.startswith((OLE, ZIP)):
            raise UploadRefused(MACROS)
        count = _elements(content)
        elements += count
        if count > MAX_ELEMENTS_PART or elements > MAX_ELEMENTS:
            raise UploadRefused(N_("Het bestand bevat te veel opmaakelementen om een gewoon Word-document te zijn."))
        parts[info.filename] = content
    return parts


def _read_capped(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's content, never more than its stated size (or MAX_PART) whatever its header says."""
    chunks, read = [], 0
    cap = min(MAX_PART, max(info.file_size, 0))
    try:
        with package.open(info) as entry:
            while chunk := entry.read(65536):
                read += len(chunk)
                if read > cap:
                    raise UploadRefused(TOO_LARGE)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError):
        raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden.")) from None
    return b"".join(chunks)


def _looks_like_xml(content: bytes) -> bool:
    """XML by its first bytes (after a byte order mark and blanks), whatever the part is called."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _elements(content: bytes) -> int:
    """An upper bound on a part's elements: its count of "<" (0 for a part that is not XML)."""
    if not _looks_like_xml(content):
        return 0
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.count(b"<\x00") + content.count(b"\x00<")
    return content.count(b"<")


def _parser() -> etree.XMLParser:
    """A parser that loads no DTD, resolves no entity, uses no network and keeps libxml2's depth limit."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _parsed(name: str, content: bytes):
    """A part that is XML by its content, parsed (None for one that is not); refused with a DTD, entities,
    too deep or broken."""
    if not _looks_like_xml(content):
        if name.lower().endswith((".xml", ".rels")):
            raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden."))
        return None
    from lxml import etree

    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise UploadRefused(N_("Het bestand bevat XML die te diep genest is en wordt niet geopend.")) from None
        raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden.")) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url or _has_entities(root):
        raise UploadRefused(N_("Het bestand bevat XML met een DTD of entiteiten en wordt niet geopend."))
    return root


def _has_entities(root) -> bool:
    """True when a parsed part still holds an entity reference (one that lxml did not resolve)."""
    from lxml import etree

    return any(True for _ in root.iter(etree.Entity))


def _main_part(parts: dict[str, bytes]) -> str:
    """The document part named in [Content_Types].xml; refused when there is none or macros are declared."""
    content = parts.get("[Content_Types].xml")
    root = _parsed("[Content_Types].xml", content) if content is not None else None
    if root is None:
        raise UploadRefused(NOT_WORD)
    main = None
    for element in root:
        kind = element.get("ContentType", "")
        if "macroEnabled" in kind or "vbaProject" in kind or "oleObject" in kind or "activeX" in kind:
            raise UploadRefused(MACROS)
        name = element.get("PartName", "").lstrip("/")
        if element.tag == f"{CONTENT_NS}Override" and kind in WORD_MAIN and name in parts and main is None:
            main = name
    if main is None:
        raise UploadRefused(NOT_WORD)
    return main


def _main_name(parts: dict[str, bytes]) -> str | None:
    """The document part's name as [Content_Types].xml gives it, or None (`_main_part` refuses that later)."""
    content = parts.get("[Content_Types].xml")
    root = _parsed("[Content_Types].xml", content) if content is not None else None
    for element in root if root is not None else ():
        if element.tag == f"{CONTENT_NS}Override" and element.get("ContentType", "") in WORD_MAIN:
            return element.get("PartName", "").lstrip("/")
    return None


def _emptied(root) -> bytes:
    """A main part with nothing in its body but the last section's settings."""
    body = root.find(f"{package_content.W}body")
    if body is not None:
        section = body.find(f"{package_content.W}sectPr")
        body.clear()  # in one call: no Python object is made for the elements that go
        if section is not None:
            body.append(section)
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _check_content(parts: dict[str, bytes], template_link: bool, empty: str | None = None) -> None:
    """Relationships first (per part they belong to), then every other part, parsed one at a time;
    the part named `empty` is emptied (`_emptied`) once checked."""
    relationships: dict[str, dict[str, str]] = {}
    others = []
    for name, content in parts.items():
        root = _parsed(name, content)
        if root is None:
            continue
        if root.tag == RELS_ROOT:
            found = package_content.check_relationships(name, root, template_link, _refuse)
            relationships[package_content.rels_source(name) or ""] = found
        elif name.lower().endswith(".rels"):
            raise UploadRefused(N_("Het bestand is beschadigd en kan niet gelezen worden."))
        else:
            others.append(name)
    del root
    for name in others:
        root = _parsed(name, parts[name])
        package_content.check_part(root, relationships.get(name, {}), _refuse)
        if name == empty:
            parts[name] = _emptied(root)
        del root
