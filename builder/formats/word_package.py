"""What a note's package says about itself, whichever base it is written on: settings, properties, fonts.

Our base and an organisation's template (house_style.py) both go through `own_package()`: the
settings of a Word 2016+ document in Dutch (Belgium) (compatibility mode 15, so Word does not open
it in "Compatibiliteitsmodus"; no claim that spelling was checked; decimal comma), with only the
template's page-layout settings carried over; application properties that name this app and claim
no page or word counts; core properties without the template's own; a font table that lists the
fonts the note names; and no list style pointing at a list that does not exist.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

LANGUAGE = "nl-BE"
APPLICATION = "Bouwpakket communicatieafspraken"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'

_COMPAT = (
    ("compatibilityMode", "15"),
    ("overrideTableStyleFontSizeAndJustification", "1"),
    ("enableOpenTypeFeatures", "1"),
    ("doNotFlipMirrorIndents", "1"),
    ("differentiateMultirowTableHeaders", "1"),
)
# The children of w:settings a note may hold, in the order ECMA-376 requires them.
ORDER = (
    "zoom",
    "mirrorMargins",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "defaultTabStop",
    "autoHyphenation",
    "hyphenationZone",
    "evenAndOddHeaders",
    "characterSpacingControl",
    "footnotePr",
    "endnotePr",
    "compat",
    "themeFontLang",
    "clrSchemeMapping",
    "decimalSymbol",
    "listSeparator",
)
# What a template's settings say about its pages and colours: kept; everything else is ours.
CARRIED = ("mirrorMargins", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop")
CARRIED += ("defaultTabStop", "evenAndOddHeaders", "footnotePr", "endnotePr", "clrSchemeMapping")
# Fonts python-docx's and Word's templates name, with what Word says of them in a font table.
KNOWN_FONTS = {
    "Calibri": ("020F0502020204030204", "swiss"),
    "Calibri Light": ("020F0302020204030204", "swiss"),
    "Cambria": ("02040503050406030204", "roman"),
    "Arial": ("020B0604020202020204", "swiss"),
    "Times New Roman": ("02020603050405020304", "roman"),
    "Georgia": ("02040502050405020303", "roman"),
    "Courier New": ("02070309020205020404", "modern"),
}


def own_package(document: DocumentObject) -> None:
    """Make the package the note's own: settings, application and core properties, list styles, font table."""
    settings(document)
    app_properties(document)
    core_properties(document)
    drop_dangling_numbering(document)
    write_font_table(document)


def settings(document: DocumentObject) -> None:
    """Our settings, with the page-layout settings a template had (CARRIED) in their place."""
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{value}"/>'
        for name, value in _COMPAT
    )
    xml = (
        f'<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/>'
        '<w:hyphenationZone w:val="425"/><w:characterSpacingControl w:val="doNotCompress"/>'
        f"<w:compat>{compat}</w:compat>"
        f'<w:themeFontLang w:val="{LANGUAGE}"/>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    )
    element = document.settings.element
    carried = {_local(child.tag): child for child in element if _local(child.tag) in CARRIED}
    ours = {_local(child.tag): child for child in parse_xml(xml)}
    for child in list(element):
        element.remove(child)
    for name in ORDER:
        found = carried.get(name, ours.get(name))
        if found is not None:
            element.append(found)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def app_properties(document: DocumentObject) -> None:
    """docProps/app.xml that names this app and claims no page or word counts it did not make (a template's goes)."""
    package = document.part.package
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    for r_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES):
            package.rels.pop(r_id)
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, xml.encode("utf-8"), package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def core_properties(document: DocumentObject) -> None:
    """Core properties with nothing of the file they came from: render_note fills in the note's."""
    element = document.core_properties._element
    for child in list(element):
        element.remove(child)


def drop_dangling_numbering(document: DocumentObject) -> None:
    """Styles that point at a list the numbering part does not define lose that pointer, and list levels that
    point at a style that does not exist lose theirs (Word ignores both)."""
    styles = {s.get(qn("w:styleId")) for s in document.styles.element.findall(qn("w:style"))}
    try:
        numbering = document.part.numbering_part.element
        defined = {n.get(qn("w:numId")) for n in numbering.findall(qn("w:num"))}
    except (KeyError, NotImplementedError):
        numbering, defined = None, set()
    for level in numbering.iter(qn("w:lvl")) if numbering is not None else ():
        for style in level.findall(qn("w:pStyle")):
            if style.get(qn("w:val")) not in styles:
                level.remove(style)
    for style in document.styles.element.findall(qn("w:style")):
        p_pr = style.find(qn("w:pPr"))
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is not None and num_id.get(qn("w:val")) not in defined | {"0"}:
            p_pr.remove(num_pr)


def set_default_font(document: DocumentObject, font: str) -> None:
    """The document's default font named outright, instead of the theme's (python-docx's theme says Cambria)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    fonts = r_pr.find(qn("w:rFonts")) if r_pr is not None else None
    if fonts is None:
        return
    for key in list(fonts.attrib):
        if _local(key).endswith("Theme") or _local(key) == "cstheme":
            del fonts.attrib[key]
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), font)


def named_fonts(document: DocumentObject) -> list[str]:
    """The fonts the note's styles, lists, headers and footers name, and the theme's where they refer to it."""
    parts = [document.styles.element]
    for rel in document.part.rels.values():
        if rel.reltype in (RT.NUMBERING, RT.HEADER, RT.FOOTER) and hasattr(rel.target_part, "element"):
            parts.append(rel.target_part.element)
    found: dict[str, None] = {}
    themed: set[str] = set()
    for part in parts:
        for fonts in part.iter(qn("w:rFonts")):
            for attribute in ("ascii", "hAnsi"):
                themed.add(fonts.get(qn(f"w:{attribute}Theme"), "")[:5])  # "major" or "minor"
            for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
                if name := fonts.get(qn(f"w:{attribute}")):
                    found.setdefault(name)
    for kind, name in theme_fonts(document).items():
        if kind in themed:
            found.setdefault(name)
    return list(found)


def theme_fonts(document: DocumentObject) -> dict[str, str]:
    """The theme's Latin fonts: {"major": "Calibri", "minor": "Cambria"}."""
    from lxml import etree

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for rel in document.part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            found = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{a}{kind}Font/{a}latin")
                if latin is not None and latin.get("typeface"):
                    found[kind] = latin.get("typeface")
            return found
    return {}


def write_font_table(document: DocumentObject) -> None:
    """The font table lists the fonts the note names, keeping what the table already said about each."""
    try:
        table = document.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    from lxml import etree

    root = etree.fromstring(table.blob)
    known = {f.get(qn("w:name")): f for f in root.findall(qn("w:font"))}
    for child in list(root):
        root.remove(child)
    for name in named_fonts(document):
        root.append(known.get(name) if name in known else _font(name))
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font(name: str):
    """A font table entry: the name, with its panose and family where we know the font."""
    panose, family = KNOWN_FONTS.get(name, ("", "auto"))
    entry = parse_xml(f'<w:font {W} w:name=""/>')
    entry.set(qn("w:name"), name)
    if panose:
        entry.append(parse_xml(f'<w:panose1 {W} w:val="{panose}"/>'))
    entry.append(parse_xml(f'<w:family {W} w:val="{family}"/>'))
    entry.append(parse_xml(f'<w:pitch {W} w:val="variable"/>'))
    return entry
