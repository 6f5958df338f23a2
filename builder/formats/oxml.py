"""Small oxml helpers for what python-docx has no API for.

Fields (table of contents, page numbers), the document language, list
indents, repeating table headers and a custom XML part. Everything that
builds raw WordprocessingML lives here; text always goes in through
`w:t` elements, never as markup, so user text can never become a field.
"""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

CHOICES_NAMESPACE = "urn:kortom:bouwpakket:choices:1"
CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"


def _run(paragraph: Paragraph) -> OxmlElement:
    run = OxmlElement("w:r")
    paragraph._p.append(run)
    return run


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _run(paragraph).append(char)


def _instr(paragraph: Paragraph, instruction: str) -> None:
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    _run(paragraph).append(text)


def _text_run(paragraph: Paragraph, value: str) -> None:
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = value
    _run(paragraph).append(text)


def field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """A complex field (e.g. PAGE) with a result shown before fields are updated."""
    _fld_char(paragraph, "begin")
    _instr(paragraph, instruction)
    _fld_char(paragraph, "separate")
    _text_run(paragraph, result)
    _fld_char(paragraph, "end")


def table_of_contents(body: Body, before, entries: list[tuple[int, str]], style_ids: dict[int, str]) -> None:
    """A TOC field, inserted before `before`, whose result already lists the headings.

    Word and LibreOffice show the result as saved, so the contents are visible
    on opening; updating the field later adds page numbers.
    """
    entries = entries or [(1, "")]
    for i, (level, title) in enumerate(entries):
        p = body.paragraph(style_ids[min(level, 2)], before=before)
        paragraph = Paragraph(p, None)
        if i == 0:
            _fld_char(paragraph, "begin")
            _instr(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
            _fld_char(paragraph, "separate")
        _text_run(paragraph, title)
        if i == len(entries) - 1:
            _fld_char(paragraph, "end")


def page_break_in(p) -> None:
    """End a paragraph with a page break."""
    r = p.makeelement(_w("r"), {})
    br = r.makeelement(_w("br"), {})
    _set(br, "type", "page")
    r.append(br)
    p.append(r)


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


def list_num_id(document: Document, style_name: str) -> str:
    """The numbering instance a list style points at."""
    return document.styles[style_name].element.pPr.numPr.numId.get(qn("w:val"))


def set_list_indent(document: Document, num_id: str, left: int, hanging: int) -> None:
    """Widen a list level so two-digit numbers do not run into the text (twips)."""
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    p_pr = abstract.find(qn("w:lvl")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), str(left))
    tabs.append(tab)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(hanging))
    p_pr.append(tabs)
    p_pr.append(ind)


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


class Body:
    """Builds paragraphs and tables straight as WordprocessingML at the end of the body.

    python-docx's `add_paragraph(style=...)` resolves the style on every call,
    which dominated export time; here style ids are resolved once by the caller.
    Text always goes into `w:t` elements, escaped by lxml: never markup.
    """

    def __init__(self, document: Document):
        self.body = document.element.body
        self.end = self.body.sectPr

    def _insert(self, element, before=None):
        (before if before is not None else self.end).addprevious(element)
        return element

    def paragraph(self, style_id: str, runs=(), num_id: str | None = None, before=None):
        """A paragraph of `runs`: (text, bold) pairs or plain strings; "\\n" in text is a line break."""
        p = self.body.makeelement(_w("p"), {})
        p_pr = p.makeelement(_w("pPr"), {})
        p.append(p_pr)
        style = p_pr.makeelement(_w("pStyle"), {})
        _set(style, "val", style_id)
        p_pr.append(style)
        if num_id is not None:
            num_pr = p_pr.makeelement(_w("numPr"), {})
            for tag, value in (("ilvl", "0"), ("numId", str(num_id))):
                child = num_pr.makeelement(_w(tag), {})
                _set(child, "val", value)
                num_pr.append(child)
            p_pr.append(num_pr)
        for run in runs:
            text, bold = (run, False) if isinstance(run, str) else run
            self.run(p, text, bold)
        return self._insert(p, before)

    @staticmethod
    def run(p, text: str, bold: bool = False, color: str | None = None):
        """Append a run of `text` to paragraph `p`, optionally bold or in a colour; "\\n" becomes a line break."""
        r = p.makeelement(_w("r"), {})
        if bold or color:
            r_pr = r.makeelement(_w("rPr"), {})
            if bold:
                r_pr.append(r_pr.makeelement(_w("b"), {}))
            if color:
                c = r_pr.makeelement(_w("color"), {})
                _set(c, "val", color)
                r_pr.append(c)
            r.append(r_pr)
        for i, line in enumerate(text.split("\n")):
            if i:
                r.append(r.makeelement(_w("br"), {}))
            t = r.makeelement(_w("t"), {})
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = line
            r.append(t)
        p.append(r)
        return r

    def page_break(self) -> None:
        """Start a new page: a paragraph holding only a page break, at the end of the body."""
        p = self.body.makeelement(_w("p"), {})
        r = p.makeelement(_w("r"), {})
        br = r.makeelement(_w("br"), {})
        _set(br, "type", "page")
        r.append(br)
        p.append(r)
        self._insert(p)

    def table(self, style_id: str, widths: tuple[int, ...], header: tuple[str, ...], rows: list[tuple[str, ...]]):
        """A simple table with a header row that repeats on every page (widths in twips)."""
        tbl = self.body.makeelement(_w("tbl"), {})
        tbl_pr = tbl.makeelement(_w("tblPr"), {})
        for tag, attrs in (
            ("tblStyle", {"val": style_id}),
            ("tblW", {"w": str(sum(widths)), "type": "dxa"}),
            ("tblLayout", {"type": "fixed"}),
            ("tblLook", {"val": "04A0", "firstRow": "1", "noHBand": "0", "noVBand": "1"}),
        ):
            child = tbl_pr.makeelement(_w(tag), {})
            for key, value in attrs.items():
                _set(child, key, value)
            tbl_pr.append(child)
        tbl.append(tbl_pr)
        grid = tbl.makeelement(_w("tblGrid"), {})
        for width in widths:
            col = grid.makeelement(_w("gridCol"), {})
            _set(col, "w", str(width))
            grid.append(col)
        tbl.append(grid)
        for index, cells in enumerate([header, *rows]):
            tr = tbl.makeelement(_w("tr"), {})
            if index == 0:
                tr_pr = tr.makeelement(_w("trPr"), {})
                head = tr_pr.makeelement(_w("tblHeader"), {})
                _set(head, "val", "true")
                tr_pr.append(head)
                tr.append(tr_pr)
            for width, text in zip(widths, cells, strict=True):
                tc = tr.makeelement(_w("tc"), {})
                tc_pr = tc.makeelement(_w("tcPr"), {})
                tc_w = tc_pr.makeelement(_w("tcW"), {})
                _set(tc_w, "w", str(width))
                _set(tc_w, "type", "dxa")
                tc_pr.append(tc_w)
                tc.append(tc_pr)
                p = tc.makeelement(_w("p"), {})
                self.run(p, text, bold=index == 0)
                tc.append(p)
                tr.append(tc)
            tbl.append(tr)
        return self._insert(tbl)


def drop_unused_parts(document: Document) -> None:
    """Leave out the template's thumbnail and legacy styles-with-effects part: less to write, same document."""
    for rels, kind in ((document.part.package.rels, "thumbnail"), (document.part.rels, "stylesWithEffects")):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith("/" + kind):
                rels.pop(r_id)
