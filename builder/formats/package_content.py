"""What a Word package may hold, judged by content: relationships, what uses them, fields and addresses.

`upload.checked_docx()` parses every XML part once (whatever its name) and hands the trees here.
Everything is an allowlist: a relationship type Word or LibreOffice writes for a text document, a
relationship used only by the element it is for (a hyperlink relationship only by `w:hyperlink`),
external targets only for hyperlinks to http(s) or mail addresses, fields that show something
(page numbers, contents, references) and never fields that fetch, include or run something.
Anything else is refused with a Dutch reason (`UploadRefused`, raised by the caller's `refuse`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NoReturn

from ..model.messages import N_

OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MS = "http://schemas.microsoft.com/office"
HYPERLINK = f"{OD}/hyperlink"
ATTACHED_TEMPLATE = f"{OD}/attachedTemplate"
IMAGE = f"{OD}/image"
RELS_ROOT = f"{{{PKG}}}Relationships"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NAMESPACES = (f"{{{OD}}}", "{http://purl.oclc.org/ooxml/officeDocument/relationships}")

# Relationship types a text document may carry (Word 2007-2024, LibreOffice, python-docx).
KNOWN_TYPES = frozenset(
    {
        *(f"{OD}/{kind}" for kind in ("officeDocument", "styles", "numbering", "settings", "webSettings")),
        *(f"{OD}/{kind}" for kind in ("fontTable", "theme", "header", "footer", "footnotes", "endnotes")),
        *(f"{OD}/{kind}" for kind in ("comments", "customXml", "customXmlProps", "image", "font")),
        *(f"{OD}/{kind}" for kind in ("glossaryDocument", "extended-properties", "custom-properties")),
        *(f"{OD}/{kind}" for kind in ("printerSettings", "hyperlink", "attachedTemplate")),
        f"{PKG}/metadata/core-properties",
        f"{PKG}/metadata/thumbnail",
        f"{OD}/metadata/thumbnail",
        f"{MS}/2007/relationships/stylesWithEffects",
        f"{MS}/2007/relationships/hdphoto",
        f"{MS}/2011/relationships/commentsExtended",
        f"{MS}/2011/relationships/people",
        f"{MS}/2016/09/relationships/commentsIds",
        f"{MS}/2018/08/relationships/commentsExtensible",
        f"{MS}/2020/02/relationships/classificationlabels",
    }
)
# The relationship types each (element, attribute) may use; an attribute of the relationships namespace on any
# other element is refused, and so is a link to an outside image (a:blip r:link, VML src/href).
USES: dict[tuple[str, str], frozenset[str]] = {
    ("blip", "embed"): frozenset({IMAGE, f"{MS}/2007/relationships/hdphoto"}),
    ("svgBlip", "embed"): frozenset({IMAGE}),  # Word 2016+: an SVG logo beside its PNG fallback
    ("imgLayer", "embed"): frozenset({IMAGE, f"{MS}/2007/relationships/hdphoto"}),
    ("imagedata", "id"): frozenset({IMAGE}),
    ("imagedata", "relid"): frozenset({IMAGE}),
    ("fill", "id"): frozenset({IMAGE}),
    ("fill", "relid"): frozenset({IMAGE}),
    ("hyperlink", "id"): frozenset({HYPERLINK}),
    ("hlinkClick", "id"): frozenset({HYPERLINK}),
    ("hlinkHover", "id"): frozenset({HYPERLINK}),
    ("headerReference", "id"): frozenset({f"{OD}/header"}),
    ("footerReference", "id"): frozenset({f"{OD}/footer"}),
    ("attachedTemplate", "id"): frozenset({ATTACHED_TEMPLATE}),
    ("printerSettings", "id"): frozenset({f"{OD}/printerSettings"}),
    **{(f"embed{kind}", "id"): frozenset({f"{OD}/font"}) for kind in ("Regular", "Bold", "Italic", "BoldItalic")},
}
SAFE_SCHEMES = ("http", "https", "mailto")
# Fields that show something; INCLUDEPICTURE, INCLUDETEXT, LINK, IMPORT, DDE(AUTO), DATABASE, MACROBUTTON
# and their like fetch, include or run something, and are refused.
FIELDS = frozenset(
    "PAGE NUMPAGES SECTIONPAGES SECTION DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME TOC TC TOA TA INDEX "
    "XE PAGEREF REF NOTEREF STYLEREF SEQ HYPERLINK TITLE SUBJECT AUTHOR KEYWORDS COMMENTS LASTSAVEDBY "
    "DOCPROPERTY NUMWORDS NUMCHARS NUMPAGES LISTNUM AUTONUM AUTONUMLGL AUTONUMOUT QUOTE SYMBOL EQ ADVANCE "
    "FORMTEXT FORMCHECKBOX FORMDROPDOWN BIDIOUTLINE IF COMPARE SET BOOKMARK CITATION BIBLIOGRAPHY "
    "BARCODE DISPLAYBARCODE USERNAME USERINITIALS FILENAME TEMPLATE INFO DOCVARIABLE =".split()
)
# Elements that bring active content or outside data in, whatever part they stand in.
FORBIDDEN = {
    f"{W}altChunk": N_("een ingevoegd extern document"),
    f"{W}subDoc": N_("een subdocument"),
    f"{W}control": N_("een ActiveX-besturingselement"),
    f"{W}mailMerge": N_("een koppeling voor afdruk samenvoegen"),
    f"{W}frameset": N_("frames"),
    f"{W}updateFields": N_("een opdracht om velden bij te werken bij het openen"),
    "{urn:schemas-microsoft-com:office:office}OLEObject": N_("een ingesloten object (OLE)"),
}
# Attributes that name a relationship (r:*, o:relid) or an outside address (VML src, href, o:href), in one pass.
REFERENCES = (
    "//@*[namespace-uri() = $r or namespace-uri() = $s or (namespace-uri() = 'urn:schemas-microsoft-com:office:office'"
    " and (local-name() = 'relid' or local-name() = 'href' or local-name() = 'althref')) or (namespace-uri() = ''"
    " and (local-name() = 'src' or local-name() = 'href') and namespace-uri(..) = 'urn:schemas-microsoft-com:vml')]"
)
_FIELD_NAME = re.compile(r"\s*(=|[A-Za-z]+)")
_QUOTED = re.compile(r'"([^"]*)"')
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")

Refuse = Callable[..., NoReturn]


def safe_address(url: str) -> bool:
    """True for an address a note may link to: http(s), mail, or a place inside the document ("#...")."""
    target = _INVISIBLE.sub("", url or "")
    if target.startswith("#"):
        return True
    scheme = _SCHEME.match(target)
    return bool(scheme) and scheme.group(1).lower() in SAFE_SCHEMES and "\\" not in target


def rels_source(name: str) -> str | None:
    """The part a relationships part belongs to ("word/_rels/document.xml.rels" -> "word/document.xml")."""
    folder, _sep, base = name.rpartition("_rels/")
    if not base.lower().endswith(".rels"):
        return None
    return folder + base[: -len(".rels")]


def check_relationships(name: str, root, template_link: bool, refuse: Refuse) -> dict[str, str]:
    """A relationships part's {id: type}; refused for unknown types and outside targets other than safe links."""
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{PKG}}}Relationship"):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if kind not in KNOWN_TYPES or (kind == ATTACHED_TEMPLATE and not template_link):
            what = kind.rsplit("/", 1)[-1] or "?"
            if kind == ATTACHED_TEMPLATE:
                refuse(
                    N_("Het bestand verwijst naar iets buiten zichzelf (%(what)s) en wordt niet geopend."), what=what
                )
            refuse(
                N_(
                    "Het bestand bevat onderdelen die Bouwpakket niet overneemt (%(what)s). Verwijder ze in Word en "
                    "probeer opnieuw."
                ),
                what=what[:60],
            )
        external = rel.get("TargetMode", "Internal") == "External"
        if kind == HYPERLINK and not safe_address(target):  # internal or not: Word opens it as an address
            refuse(
                N_("Het bestand bevat een link naar iets anders dan een webpagina of e-mailadres (%(what)s)."),
                what=target[:60],
            )
        if external and kind not in (HYPERLINK, ATTACHED_TEMPLATE):
            refuse(
                N_("Het bestand verwijst naar iets buiten zichzelf (%(what)s) en wordt niet geopend."),
                what=kind.rsplit("/", 1)[-1],
            )
        found[rel.get("Id", "")] = kind
    return found


SVG = "{http://www.w3.org/2000/svg}"
SVG_ACTIVE = {f"{SVG}script", f"{SVG}foreignObject", f"{SVG}a"}


def check_svg(root, refuse: Refuse) -> None:
    """An SVG picture: no script, no embedded page, and no address but a place inside itself or inline data."""
    if any(True for _ in root.iter(*SVG_ACTIVE)):
        refuse(N_("Het bestand bevat een afbeelding met actieve inhoud en wordt niet geopend."))
    for value in root.xpath("//@*[local-name() = 'href' or local-name() = 'src']"):
        if not str(value).strip().startswith(("#", "data:image/")):
            refuse(N_("Het bestand bevat een afbeelding of kader van buiten het bestand en wordt niet geopend."))


def check_part(root, relationships: dict[str, str], refuse: Refuse) -> None:
    """One XML part: no forbidden element, relationships used only by their own element, safe fields."""
    if root.tag == f"{SVG}svg":
        check_svg(root, refuse)
    for element in root.iter(*FORBIDDEN):
        refuse(
            N_("Het bestand bevat %(what)s. Dat neemt Bouwpakket niet over: verwijder het in Word en probeer opnieuw."),
            what=FORBIDDEN[element.tag],
        )
    for attribute in root.xpath(REFERENCES, r=R_NAMESPACES[0][1:-1], s=R_NAMESPACES[1][1:-1]):
        _check_reference(attribute, relationships, refuse)
    check_fields(_field_codes(root), refuse)


def _check_reference(attribute, relationships: dict[str, str], refuse: Refuse) -> None:
    """An attribute naming a relationship (r:id, r:embed, r:link, o:relid) or an outside image (VML src/href)."""
    local = attribute.attrname.rpartition("}")[2]
    tag = attribute.getparent().tag.rpartition("}")[2]
    if local in ("href", "src", "althref"):
        if str(attribute).strip():
            refuse(N_("Het bestand bevat een afbeelding of kader van buiten het bestand en wordt niet geopend."))
        return
    if not str(attribute):
        return
    allowed = USES.get((tag, local))
    if allowed is None:
        refuse(N_("Het bestand bevat een afbeelding of kader van buiten het bestand en wordt niet geopend."))
    if relationships.get(str(attribute)) not in allowed:
        refuse(N_("Het bestand gebruikt een verwijzing voor iets anders dan waarvoor ze dient en wordt niet geopend."))


def _field_codes(root) -> Iterable[str]:
    """Every field instruction in a part: simple fields, and complex ones put together from their runs."""
    for simple in root.iter(f"{W}fldSimple"):
        yield simple.get(f"{W}instr", "")
    stack: list[list[str]] = []
    for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}delInstrText"):
        if element.tag != f"{W}fldChar":
            if stack:
                stack[-1].append(element.text or "")
            else:
                yield element.text or ""
            continue
        kind = element.get(f"{W}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            yield "".join(stack[-1])
            stack[-1] = []
            if kind == "end":
                stack.pop()
    for pieces in stack:
        yield "".join(pieces)


def check_fields(codes: Iterable[str], refuse: Refuse) -> None:
    """Every field shows something: refused when one fetches, includes or runs something, or links outside."""
    for code in codes:
        if not code.strip():
            continue
        name = _FIELD_NAME.match(code)
        field = name.group(1).upper() if name else "?"
        if field not in FIELDS:
            refuse(
                N_("Het bestand bevat een veld dat iets ophaalt of uitvoert (%(what)s) en wordt niet geopend."),
                what=field[:20],
            )
        if field == "HYPERLINK":
            target = _QUOTED.search(code)
            if target and "\\l" not in code[: target.start()] and not safe_address(target.group(1)):
                refuse(
                    N_("Het bestand bevat een link naar iets anders dan een webpagina of e-mailadres (%(what)s)."),
                    what=target.group(1)[:60],
                )
