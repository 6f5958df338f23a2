"""The project's own base for every note: the empty Word document with our styles, lists and settings.

Built once per process from python-docx's template, with every part that tells Word what kind of
document this is replaced by ours (word_package.py: settings for Word 2016 and later in nl-BE,
truthful properties, a font table of the fonts it names); Calibri named as the default font; Word's
built-in table of contents styles with dot leaders and a hanging indent, and its comment styles;
and one multilevel list for the agreements (level 0, "1.") and their sub-items (level 1, bullets),
beside one bullet list for running text.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor, Twips

from . import oxml, word_package
from .word_package import LANGUAGE, W
from .word_styles import STYLES

BRAND = RGBColor(0x0B, 0x4F, 0x6C)
INK = RGBColor(0x1B, 0x1F, 0x23)
TEXT_WIDTH = 9071  # twips: A4 (11906) less two margins of 2.5 cm
AGREEMENTS, BULLETS = "1", "2"  # numbering instances: agreements with sub-items, bullets of running text


@dataclass(frozen=True)
class Base:
    """The empty note, styled: its bytes and the style ids the writer needs."""

    blob: bytes
    ids: dict[str, str]
    agreements: str = AGREEMENTS  # the numbering instance of the agreements, and of running text's bullets
    bullets: str = BULLETS
    accent: str = str(BRAND)  # the title page's kicker colour; "" on a house style, whose styles decide
    footer: bool = True  # write "pagina N van M"; False when a house style brings its own footer
    text_width: int = TEXT_WIDTH  # twips between the margins, for tables
    title_fonts: tuple[tuple[str, str], ...] = ()  # a template's Title font (w:rFonts), for the title page's lines


def make_base() -> Base:
    """Build the styled empty document (see the module docstring); cached by the caller."""
    document = Document()
    ids = {name: style.style_id for name, style in _styles(document).items()}
    _numbering(document)
    _page_setup(document)
    word_package.set_default_font(document, "Calibri")
    word_package.own_package(document)
    oxml.set_language(document, LANGUAGE)
    oxml.drop_unused_parts(document)
    buffer = BytesIO()
    document.save(buffer)
    return Base(buffer.getvalue(), ids)


def _styles(document: DocumentObject) -> dict:
    """Fonts, colours and spacing of a calm, professional note; returns styles by name."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        style = styles[f"Heading {level}"]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BRAND
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    chapter = styles.add_style("Chapter Heading", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = styles["Heading 2"]
    chapter.next_paragraph_style = normal
    chapter.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="1"/>'))
    title = styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(28)
    title.font.color.rgb = BRAND
    title.paragraph_format.space_before = Pt(120)
    subtitle = styles["Subtitle"]
    subtitle.font.color.rgb = INK
    subtitle.paragraph_format.space_after = Pt(24)
    for name in ("List Number", "List Continue", "List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(4)
    oxml.allow_spacing_between(styles["List Number"])
    styles["List Continue"].paragraph_format.left_indent = Cm(1)
    styles["Caption"].font.color.rgb = INK
    styles["Caption"].paragraph_format.keep_with_next = True
    _toc_styles(document)
    _hyperlink_style(document)
    _comment_styles(document)
    return {name: styles[name] for name in STYLES}


HANGING = Cm(0.75)  # the contents' hanging indent


def _toc_styles(document: DocumentObject) -> None:
    """Word's built-in "toc 1" and "toc 2" (style ids TOC1, TOC2): a right tab with dot leaders for the page,
    and a hanging indent."""
    styles = document.styles
    for level in (1, 2):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(oxml._w("styleId"), f"TOC{level}")
        style.base_style = styles["Normal"]
        style.next_paragraph_style = styles["Normal"]
        style.priority, style.unhide_when_used = 39, True
        fmt = style.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1)) + HANGING  # a long entry's next lines stand under its text
        fmt.first_line_indent = -HANGING
        fmt.space_before = Pt(4 if level == 1 else 0)
        fmt.space_after = Pt(2)
        fmt.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.font.bold = level == 1


def _hyperlink_style(document: DocumentObject) -> None:
    style = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    style.priority, style.unhide_when_used = 99, True


def _comment_styles(document: DocumentObject) -> None:
    """Word's "annotation text" (CommentText) and "annotation reference" (CommentReference), for reviewers' comments."""
    styles = document.styles
    text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    text.element.set(oxml._w("styleId"), "CommentText")
    text.base_style = styles["Normal"]
    text.font.size = Pt(10)
    text.paragraph_format.line_spacing = 1.0
    reference = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    reference.element.set(oxml._w("styleId"), "CommentReference")
    reference.font.size = Pt(8)
    for style in (text, reference):
        style.priority, style.unhide_when_used = 99, True


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, font: str = "") -> str:
    r_pr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{r_pr}</w:lvl>'
    )


def list_definitions(abstract: tuple[int, int], nums: tuple[str, str], nsid: str = "1B0A") -> list:
    """Our two lists as numbering XML: abstract definitions numbered `abstract`, instances `nums`."""
    agreements = _level(0, "decimal", "%1.", 567, 567) + _level(1, "bullet", "\u2013", 1134, 284, "Calibri")
    bullets = _level(0, "bullet", "\u2022", 567, 284, "Calibri") + _level(1, "bullet", "\u2013", 1134, 284, "Calibri")
    xml = (
        f"<w:numbering {W}>"
        f'<w:abstractNum w:abstractNumId="{abstract[0]}"><w:nsid w:val="{nsid}0001"/>'
        f'<w:multiLevelType w:val="multilevel"/>{agreements}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="{abstract[1]}"><w:nsid w:val="{nsid}0002"/>'
        f'<w:multiLevelType w:val="multilevel"/>{bullets}</w:abstractNum>'
        f'<w:num w:numId="{nums[0]}"><w:abstractNumId w:val="{abstract[0]}"/></w:num>'
        f'<w:num w:numId="{nums[1]}"><w:abstractNumId w:val="{abstract[1]}"/></w:num>'
        "</w:numbering>"
    )
    return list(parse_xml(xml))


def _numbering(document: DocumentObject) -> None:
    """Our two lists replace the template's nine; the list styles point at them."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in list_definitions((0, 1), (AGREEMENTS, BULLETS)):
        numbering.append(child)
    for name, num_id, level in (
        ("List Number", AGREEMENTS, 0),
        ("List Bullet 2", AGREEMENTS, 1),
        ("List Bullet", BULLETS, 0),
    ):
        num_pr = document.styles[name].element.pPr.numPr
        num_pr.numId.set(oxml._w("val"), num_id)
        if level:
            num_pr.insert(0, parse_xml(f'<w:ilvl {W} w:val="{level}"/>'))


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True
