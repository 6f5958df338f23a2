"""A note in the organisation's own house style: built on its Word template, or on ours with its logo.

`template_base()` turns an uploaded .docx or .dotx (checked by formats/upload.py first) into the
`Base` a note is written on: the template's body is emptied; its fonts, colours, page, header and
footer stay. The styles a note uses are looked up by name or style id in English and Dutch
(word_styles.py); a style the template lacks is added from our base, without our fonts and colours,
so it takes the template's. Our two lists are added beside the template's own. Protection and the
link to the file the template came from are dropped. The result is prepared once, at the upload,
and stored: an export with a house style costs what one without does.

A logo for the title page of a note on our own base is checked and written anew in logo.py.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm

from .. import caches
from ..model.messages import N_
from . import oxml, word_package
from .upload import NOT_WORD, WORD_MAIN, CheckedDocx, UploadRefused, checked_docx
from .word_base import LANGUAGE, TEXT_WIDTH, Base, W, list_definitions, make_base
from .word_styles import PARAGRAPH, STYLES, find_style, kind

NOT_A_TEMPLATE = N_(
    "Dit is geen Word-document (.docx) of Word-sjabloon (.dotx). Bewaar het in Word als .docx of .dotx en "
    "probeer opnieuw."
)
PREPARED = 2  # raise when preparing changes: stored templates are then prepared again from their upload
MAX_HEADER_ELEMENTS = 20_000  # "<" in one header or footer of a template; a letterhead with a logo has ~100
MAX_HEADERS_ELEMENTS = 40_000  # in all its headers and footers
LOGO_BOX = (Cm(6), Cm(3))  # the logo is scaled to fit this width and height on the title page
OUTLINE = {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2, "Chapter Heading": 1}
KEEP_LOOK = {"Hyperlink"}  # styles added with our colour; the others take the template's fonts and colours
# w:pPr children that come before w:tabs (ECMA-376 order); tabs are inserted after them.
BEFORE_TABS = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr")
BEFORE_TABS += ("suppressLineNumbers", "pBdr", "shd")


@dataclass(frozen=True)
class Logo:
    """A checked logo and the alternative text that screen readers say for it."""

    data: bytes
    alt: str


@dataclass(frozen=True)
class HouseStyle:
    """What a note looks like beyond our defaults: a prepared template, or a logo on our base."""

    template: Base | None = None
    logo: Logo | None = None
    template_name: str = ""  # the file it came from, said in the note so that an upload of it brings it back


@dataclass(frozen=True)
class Prepared:
    """A template made ready: the base to write on, and the styles it lacked (our names)."""

    base: Base
    added: tuple[str, ...]
    numbered_footer: bool = False  # the template's footer had no page number; "pagina N van M" was added to it


def template_base(data: bytes, our_footer: bool = False) -> Prepared:
    """An uploaded template as the base of a note; UploadRefused (a Dutch message) when it cannot be one.

    A note made here can be a template too (a note brought back keeps its house style); `our_footer`
    says its footer is ours ("… – pagina N van M", with the old title), which is then written anew."""
    try:
        checked = checked_docx(data, template_link=True, body=False)
    except UploadRefused as refused:
        if refused.message.text == NOT_WORD:
            raise UploadRefused(NOT_A_TEMPLATE) from None
        raise
    types = checked.parts["[Content_Types].xml"]
    checked.parts["[Content_Types].xml"] = types.replace(WORD_MAIN[1].encode(), WORD_MAIN[0].encode())
    _bound_headers(checked)
    if b"body" not in checked.parts[checked.main]:
        raise UploadRefused(NOT_A_TEMPLATE)
    try:
        document = Document(BytesIO(checked.data()))
        if our_footer:
            _drop_footer(document)
        return _prepare(document)
    except Exception:  # noqa: BLE001 - whatever python-docx cannot take is refused in words, never a 500
        raise UploadRefused(
            N_(
                "Dit sjabloon kan niet gebruikt worden. Open het in Word, bewaar het opnieuw als "
                "Word-document (.docx) of Word-sjabloon (.dotx) en probeer nog eens."
            )
        ) from None


HEADER_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:hdr|ftr)[\s>/]")


def _bound_headers(checked: CheckedDocx) -> None:
    """Headers and footers are what a template brings into every note: each and all of them bounded."""
    total = 0
    for content in checked.parts.values():
        if HEADER_ROOT.search(content[:2048]):
            count = content.count(b"<")
            total += count
            if count > MAX_HEADER_ELEMENTS or total > MAX_HEADERS_ELEMENTS:
                raise UploadRefused(
                    N_(
                        "De kop- en voetteksten van dit sjabloon zijn te groot. Een sjabloon heeft een eenvoudige "
                        "kop- en voettekst, met hoogstens een logo en enkele regels tekst."
                    )
                )


def _drop_unused_headers(document: DocumentObject) -> None:
    """Header and footer parts the kept section does not show are left out of the base."""
    sect_pr = document.element.body.sectPr
    shown = set()
    for tag in ("w:headerReference", "w:footerReference"):
        for reference in sect_pr.findall(qn(tag)) if sect_pr is not None else []:
            shown.add(reference.get(qn("r:id")))
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.HEADER, RT.FOOTER) and r_id not in shown:
            document.part.rels.pop(r_id)


def _prepare(document: DocumentObject) -> Prepared:
    _empty_body(document)
    _drop_links_and_locks(document)
    _drop_unused_headers(document)
    section = document.sections[0]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
    width = int(section.page_width - section.left_margin - section.right_margin) // 635 or TEXT_WIDTH
    ids, added = _styles(document, width)
    title_fonts = _title_fonts(document, ids["Title"])
    agreements, bullets = _lists(document)
    footer = section.footer.is_linked_to_previous  # the template has no footer: the note gets ours
    section.different_first_page_header_footer = True  # the title page without the template's header and footer
    numbered = not footer and _number_pages(section.footer)
    word_package.own_package(document)
    oxml.set_language(document, LANGUAGE)
    oxml.drop_unused_parts(document)
    buffer = BytesIO()
    document.save(buffer)
    base = Base(buffer.getvalue(), ids, agreements, bullets, "", footer, width, title_fonts)
    return Prepared(base, tuple(added), numbered)


def _title_fonts(document: DocumentObject, title_id: str) -> tuple[tuple[str, str], ...]:
    """The template's Title font as w:rFonts attributes (through the styles it is based on): the kicker and the
    status line of the title page take it, so the page does not mix the template's subtitle font with the title's."""
    by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    style, seen = by_id.get(title_id), set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and len(fonts.attrib):
            return tuple((key.rsplit("}", 1)[-1], value) for key, value in fonts.attrib.items())
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return ()


def _number_pages(footer) -> bool:
    """A template footer without a page number gets "pagina N van M" under its own text; True when added."""
    xml = footer._element
    if any("PAGE" in (t.text or "") for t in xml.iter(qn("w:instrText"))) or any(
        "PAGE" in f.get(qn("w:instr"), "") for f in xml.iter(qn("w:fldSimple"))
    ):
        return False
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    oxml.Body.page_of_pages(paragraph._p, "", shown="1")
    return True


def _empty_body(document: DocumentObject) -> None:
    """Everything in the template's body goes; its last section (page, margins, header, footer) stays."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()


def _drop_footer(document: DocumentObject) -> None:
    """The section's footers unlinked, so the note gets ours again."""
    sect_pr = document.element.body.sectPr
    for reference in sect_pr.findall(qn("w:footerReference")) if sect_pr is not None else []:
        sect_pr.remove(reference)


def _drop_links_and_locks(document: DocumentObject) -> None:
    """No link to the template's own template, no editing restrictions, no earlier note's data or comments."""
    settings = document.settings.element
    for tag in ("w:attachedTemplate", "w:documentProtection", "w:writeProtection"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    settings_rels = document.part._settings_part.rels
    for r_id, rel in list(settings_rels.items()):
        if rel.reltype.endswith("/attachedTemplate"):
            settings_rels.pop(r_id)
    for r_id, rel in list(document.part.rels.items()):
        note_data = rel.reltype == RT.CUSTOM_XML and oxml.CHOICES_NAMESPACE.encode() in rel.target_part.blob[:600]
        if note_data or rel.reltype == RT.COMMENTS:
            document.part.rels.pop(r_id)


def _our_styles():
    """Our base's styles element and style ids, where styles a template lacks are copied from."""
    base = caches.word_base.get(None, make_base)
    return Document(BytesIO(base.blob)).styles.element, base.ids


def _styles(document: DocumentObject, width: int) -> tuple[dict[str, str], list[str]]:
    """The template's style id for each style a note uses, adding the ones it lacks; and those added."""
    root = document.styles.element
    by_name: defaultdict[str, dict] = defaultdict(dict)  # per kind of style (paragraph, character, table)
    by_id: defaultdict[str, dict] = defaultdict(dict)
    for style in root.findall(qn("w:style")):
        group = style.get(qn("w:type"), PARAGRAPH)
        name = style.find(qn("w:name"))
        if name is not None:
            by_name[group].setdefault(name.get(qn("w:val"), "").lower(), style)
        by_id[group].setdefault(style.get(qn("w:styleId"), ""), style)
    ours, our_ids = _our_styles()
    taken = {s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))}
    ids: dict[str, str] = {}
    added = []
    for name in STYLES:
        group = kind(name)
        found = find_style(name, by_name[group], by_id[group])
        if found is None:
            found = _copied(ours, our_ids, name, ids, taken, width)
            root.append(found)
            added.append(name)
        elif name.startswith("toc "):
            _ensure_right_tab(found, width)
        ids[name] = found.get(qn("w:styleId"))
        taken.add(ids[name])
        if name in OUTLINE:
            _ensure_outline(found, OUTLINE[name])
    return ids, added


def _copied(ours, our_ids: dict[str, str], name: str, ids: dict[str, str], taken: set, width: int):
    """Our style `name`, for a template without it: based on the template's styles, in its fonts and colours."""
    source = next(s for s in ours.findall(qn("w:style")) if s.get(qn("w:styleId")) == our_ids[name])
    style = copy.deepcopy(source)
    style_id = our_ids[name] if our_ids[name] not in taken else f"{our_ids[name]}Bouwpakket"
    style.set(qn("w:styleId"), style_id)
    names_by_id = {value: key for key, value in our_ids.items()}
    for tag in ("w:basedOn", "w:next"):
        for element in style.findall(qn(tag)):
            target = ids.get(names_by_id.get(element.get(qn("w:val"), ""), ""))
            if target:
                element.set(qn("w:val"), target)
            else:
                style.remove(element)
    for element in style.findall(qn("w:link")) + style.findall(qn("w:rsid")):
        style.remove(element)
    r_pr = style.find(qn("w:rPr"))
    if r_pr is not None and name not in KEEP_LOOK:
        for element in r_pr.findall(qn("w:rFonts")) + r_pr.findall(qn("w:color")):
            r_pr.remove(element)
    for tab in style.iter(qn("w:tab")):
        if tab.get(qn("w:val")) == "right":
            tab.set(qn("w:pos"), str(width))
    return style


def _p_pr(style):
    """The style's paragraph properties, made where the schema wants them (before w:rPr)."""
    p_pr = style.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = style.makeelement(qn("w:pPr"), {})
        r_pr = style.find(qn("w:rPr"))
        if r_pr is not None:
            r_pr.addprevious(p_pr)
        else:
            style.append(p_pr)
    return p_pr


def _ensure_outline(style, level: int) -> None:
    """A heading that Word's contents and the PDF's bookmarks can find: an outline level."""
    p_pr = _p_pr(style)
    if p_pr.find(qn("w:outlineLvl")) is None:
        outline = p_pr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(level)})
        p_pr.append(outline)


def _ensure_right_tab(style, width: int) -> None:
    """A contents style gets a right tab with dot leaders at the margin, so page numbers line up."""
    p_pr = _p_pr(style)
    if p_pr.find(qn("w:tabs")) is not None:
        return
    tabs = p_pr.makeelement(qn("w:tabs"), {})
    tabs.append(tabs.makeelement(qn("w:tab"), {qn("w:val"): "right", qn("w:leader"): "dot", qn("w:pos"): str(width)}))
    before = [child for child in p_pr if child.tag in {qn(f"w:{t}") for t in BEFORE_TABS}]
    if before:
        before[-1].addnext(tabs)
    else:
        p_pr.insert(0, tabs)


def _numbering(document: DocumentObject):
    """The template's numbering definitions; an empty part first when it has none (python-docx cannot make one)."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        part = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(f"<w:numbering {W}/>"), document.part.package
        )
        document.part.relate_to(part, RT.NUMBERING)
        return part.element


def _lists(document: DocumentObject) -> tuple[str, str]:
    """Our agreements list and bullets, added beside the template's lists under ids of their own."""
    numbering = _numbering(document)
    abstract = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    first_abstract, first_num = max(abstract, default=-1) + 1, max(nums, default=0) + 1
    ids = (str(first_num), str(first_num + 1))
    definitions = list_definitions((first_abstract, first_abstract + 1), ids, nsid="1B0B")
    existing_num = numbering.find(qn("w:num"))
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    for element in definitions:
        if element.tag == qn("w:abstractNum") and existing_num is not None:
            existing_num.addprevious(element)
        elif cleanup is not None:
            cleanup.addprevious(element)
        else:
            numbering.append(element)
    return ids


def base_plain(base: Base) -> dict:
    """What a prepared base holds besides its bytes, as plain data for storage."""
    return {
        "ids": base.ids,
        "agreements": base.agreements,
        "bullets": base.bullets,
        "footer": base.footer,
        "text_width": base.text_width,
        "title_fonts": [list(pair) for pair in base.title_fonts],
    }


def base_from_plain(blob: bytes, plain: dict) -> Base:
    """A stored prepared base again."""
    return Base(
        blob,
        dict(plain["ids"]),
        plain["agreements"],
        plain["bullets"],
        accent="",
        footer=plain["footer"],
        text_width=plain["text_width"],
        title_fonts=tuple(tuple(pair) for pair in plain.get("title_fonts", ())),
    )


def logo_size(width: int, height: int) -> tuple[int, int]:
    """The logo's width and height on the title page (EMU): as large as fits in LOGO_BOX."""
    box_width, box_height = LOGO_BOX
    scale = min(box_width / width, box_height / height)
    return int(width * scale), int(height * scale)
