"""Small oxml helpers for what python-docx has no API for.

Fields (page numbers, cross-references, table of contents entries), bookmarks,
hyperlinks, the document language, repeating table headers and a custom XML
part. Everything that builds raw WordprocessingML lives here; text always goes
in through `w:t` elements, never as markup, so user text can never become a field.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CHOICES_NAMESPACE = "urn:kortom:bouwpakket:choices:1"
CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"


def set_language(document: Document, tag: str) -> None:
    """Set the language in the default run properties of the styles (where Word reads it)."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    r_pr_default = doc_defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)
    document.core_properties.language = tag


def allow_spacing_between(style) -> None:
    """Drop 'contextual spacing', so numbered agreements get room between them."""
    p_pr = style.element.pPr
    for element in p_pr.findall(qn("w:contextualSpacing")) if p_pr is not None else []:
        p_pr.remove(element)


def add_custom_xml(document: Document, root_name: str, payload: str) -> PackURI:
    """Embed `payload` as text of a custom XML part (with its properties part)."""
    package = document.part.package
    item_name = package.next_partname("/customXml/item%d.xml")
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<{root_name} xmlns="{CHOICES_NAMESPACE}">{escape(payload)}</{root_name}>'
    )
    item = Part(item_name, "application/xml", xml.encode("utf-8"), package)
    props_name = PackURI(item_name.replace("/item", "/itemProps"))
    item_id = str(uuid.uuid4()).upper()
    props_xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
        f'<ds:datastoreItem ds:itemID="{{{item_id}}}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{CHOICES_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    props = Part(props_name, CUSTOM_XML_PROPS, props_xml.encode("utf-8"), package)
    item.relate_to(props, RT_CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)
    return item_name


def read_custom_xml(document: Document, root_name: str) -> str | None:
    """The text of our custom XML part, or None when the document has none."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != RT.CUSTOM_XML:
            continue
        root = etree.fromstring(rel.target_part.blob)
        if root.tag == f"{{{CHOICES_NAMESPACE}}}{root_name}":
            return root.text or ""
    return None


# ---------------------------------------------------------------- fast paragraphs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _set(element, attribute: str, value: str) -> None:
    element.set(_w(attribute), value)


FIRST_TOGETHER = 4  # a table that keeps rows together starts with its header and three rows on one page


@dataclass(frozen=True)
class Field:
    """A complex field among a paragraph's runs: its instruction and the result shown until it is updated."""

    instruction: str
    result: str = ""


@dataclass(frozen=True)
class Link:
    """A hyperlink among a paragraph's runs: to a web address (`url`) or to a bookmark (`anchor`)."""

    runs: tuple = ()
    url: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Tab:
    """A tab character among a paragraph's runs (before a table of contents' page number)."""


@dataclass(frozen=True)
class Marked:
    """Text among a paragraph's runs marked as taken out (struck through) or put in (bold and underlined)."""

    text: str
    strike: bool = False
    underline: bool = False


class Body:
    """Builds paragraphs and tables straight as WordprocessingML at the end of the body.

    python-docx's `add_paragraph(style=...)` resolves the style on every call,
    which dominated export time; here style ids are resolved once by the caller.
    Text always goes into `w:t` elements, escaped by lxml: never markup.
    A paragraph's runs are plain strings, (text, bold) pairs, `Field`s, `Link`s, `Tab`s and `Marked` text.
    """

    def __init__(self, document: Document):
        self.body = document.element.body
        self.end = self.body.sectPr
        self.part = document.part
        self._bookmarks = 0

    def _insert(self, element, before=None):
        (before if before is not None else self.end).addprevious(element)
        return element

    def paragraph(
        self,
        style_id: str,
        runs=(),
        num_id: str | None = None,
        before=None,
        *,
        level: int = 0,
        page_break: bool = False,
        bookmark: str = "",
        space_before: int = 0,
        keep_next: bool = False,
    ):
        """A paragraph of `runs`; "\\n" in text is a line break. `bookmark` names its text for links and fields,
        `space_before` is in twips, `keep_next` keeps it on the page of the next paragraph."""
        p = self.body.makeelement(_w("p"), {})
        p_pr = _child(p, "pPr")
        _child(p_pr, "pStyle", val=style_id)
        if keep_next:
            _child(p_pr, "keepNext")
        if page_break:
            _child(p_pr, "pageBreakBefore")
        if num_id is not None:
            num_pr = _child(p_pr, "numPr")
            _child(num_pr, "ilvl", val=str(level))
            _child(num_pr, "numId", val=str(num_id))
        if space_before:
            _child(p_pr, "spacing", before=str(space_before))
        if bookmark:
            self._bookmarks += 1
            _child(p, "bookmarkStart", id=str(self._bookmarks), name=bookmark)
        self.runs(p, runs)
        if bookmark:
            _child(p, "bookmarkEnd", id=str(self._bookmarks))
        return self._insert(p, before)

    def runs(self, parent, runs) -> None:
        """Append runs of every kind to a paragraph (or a hyperlink inside one)."""
        for run in runs:
            if isinstance(run, str):
                self.run(parent, run)
            elif isinstance(run, tuple):
                self.run(parent, run[0], run[1])
            elif isinstance(run, Field):
                self.field(parent, run.instruction, run.result)
            elif isinstance(run, Link):
                self.link(parent, run)
            elif isinstance(run, Marked):
                self.run(parent, run.text, run.underline, strike=run.strike, underline=run.underline)
            else:
                _child(_child(parent, "r"), "tab")

    @staticmethod
    def run(
        p,
        text: str,
        bold: bool = False,
        color: str | None = None,
        style: str = "",
        fonts: tuple = (),
        *,
        strike: bool = False,
        underline: bool = False,
    ):
        """Append a run of `text` to `p`, optionally bold, coloured, struck through, underlined, in a character
        style or in `fonts` (w:rFonts attributes as (name, value) pairs); "\\n" breaks the line. (Run properties
        go in the order the schema asks.)"""
        r = p.makeelement(_w("r"), {})
        if bold or color or style or fonts or strike or underline:
            r_pr = _child(r, "rPr")
            if style:
                _child(r_pr, "rStyle", val=style)
            if fonts:
                _child(r_pr, "rFonts", **dict(fonts))
            if bold:
                _child(r_pr, "b")
            if strike:
                _child(r_pr, "strike")
            if color:
                _child(r_pr, "color", val=color)
            if underline:
                _child(r_pr, "u", val="single")
        for i, line in enumerate(text.split("\n")):
            if i:
                _child(r, "br")
            t = _child(r, "t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = line
        p.append(r)
        return r

    @staticmethod
    def field(p, instruction: str, result: str) -> None:
        """A complex field (REF, PAGEREF, PAGE, SEQ) with the result shown before fields are updated."""
        Body.field_start(p, instruction)
        if result:
            Body.run(p, result)
        Body.field_end(p)

    @staticmethod
    def page_of_pages(p, lead: str, shown: str) -> None:
        """'{lead}pagina N van M' as PAGE and NUMPAGES fields; `shown` is the number before fields are updated."""
        Body.run(p, f"{lead}pagina ")
        Body.field(p, "PAGE", shown)
        Body.run(p, " van ")
        Body.field(p, "NUMPAGES", shown)

    @staticmethod
    def field_start(p, instruction: str, first: bool = False) -> None:
        """The start of a field whose result spans paragraphs (a table of contents): begin, instruction, separate;
        at the end of `p`, or with `first` before its content."""
        runs = [_child(_child(p, "r"), "fldChar", fldCharType="begin").getparent()]
        instr = _child(_child(p, "r"), "instrText")
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instr.text = f" {instruction} "
        runs.append(instr.getparent())
        runs.append(_child(_child(p, "r"), "fldChar", fldCharType="separate").getparent())
        if first:
            at = 1 if len(p) and p[0].tag == _w("pPr") else 0
            for offset, run in enumerate(runs):
                p.insert(at + offset, run)

    @staticmethod
    def field_end(p) -> None:
        """The end of a field begun with `field_start`."""
        _child(_child(p, "r"), "fldChar", fldCharType="end")

    def link(self, p, link: Link) -> None:
        """A hyperlink: to a bookmark in the document, or (with a relationship) to a web address."""
        h = _child(p, "hyperlink")
        if link.anchor:
            _set(h, "anchor", link.anchor)
        else:
            r_id = self.part.relate_to(link.url, RT.HYPERLINK, is_external=True)
            h.set(qn("r:id"), r_id)
        _set(h, "history", "1")
        for run in link.runs:
            if isinstance(run, str) and link.url:
                self.run(h, run, style="Hyperlink")
            else:
                self.runs(h, (run,))

    def table(
        self,
        style_id: str,
        widths: tuple[int, ...],
        header: tuple[str, ...] | None,
        rows: list[tuple[str, ...]],
        heights: dict[int, int] | None = None,
        together: int = 0,
    ):
        """A table whose header row (when given) repeats on every page; widths and row heights in twips.

        With `together`, its first rows and its last `together` rows keep together (a row never splits, each keeps
        with the next), so a table that runs over a page never leaves one or two rows alone on a page."""
        tbl = self.body.makeelement(_w("tbl"), {})
        tbl_pr = _child(tbl, "tblPr")
        _child(tbl_pr, "tblStyle", val=style_id)
        _child(tbl_pr, "tblW", w=str(sum(widths)), type="dxa")
        _child(tbl_pr, "tblLayout", type="fixed")
        _child(tbl_pr, "tblLook", val="04A0", firstRow="1" if header else "0", noHBand="0", noVBand="1")
        grid = _child(tbl, "tblGrid")
        for width in widths:
            _child(grid, "gridCol", w=str(width))
        all_rows = [header, *rows] if header else rows
        last = len(all_rows) - 1
        for index, cells in enumerate(all_rows):
            tr = _child(tbl, "tr")
            tr_pr = _child(tr, "trPr")
            _child(tr_pr, "cantSplit")  # a row never splits over two pages
            if height := (heights or {}).get(index):
                _child(tr_pr, "trHeight", val=str(height))
            if index == 0 and header:
                _child(tr_pr, "tblHeader")
            kept = together and (index < FIRST_TOGETHER or index >= last + 1 - together) and index < last
            for width, text in zip(widths, cells, strict=True):
                tc = _child(tr, "tc")
                _child(_child(tc, "tcPr"), "tcW", w=str(width), type="dxa")
                p = _child(tc, "p")
                if kept:
                    _child(_child(p, "pPr"), "keepNext")
                self.run(p, text, bold=bool(header) and index == 0)
        return self._insert(tbl)


def _child(parent, tag: str, **attributes: str):
    """Append a new w:`tag` element with w: attributes to `parent`, and return it."""
    element = parent.makeelement(_w(tag), {})
    for key, value in attributes.items():
        _set(element, key, value)
    parent.append(element)
    return element


def drop_unused_parts(document: Document) -> None:
    """Leave out the template's thumbnail and legacy styles-with-effects part: less to write, same document."""
    for rels, kind in ((document.part.package.rels, "thumbnail"), (document.part.rels, "stylesWithEffects")):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith("/" + kind):
                rels.pop(r_id)
