"""Reading a note back from a .docx downloaded earlier: the choices it carries, and what was changed in Word.

`render_note` embeds the choices as JSON in a custom XML part and bookmarks the first paragraph
of each agreement `_RefAfspraakN` (N: its number in the note). Word and LibreOffice keep both
when they save. Reading the agreements back goes by paragraph style (names, not ids, so a
LibreOffice save that renames ids still reads): "List Number" starts an agreement, "List
Continue" and "List Bullet 2" continue it, a heading ends it. The texts outside agreements come
back too: the title page's "Title" paragraph, and each heading the table of contents links to (its
bookmark `_TocN`: the N-th line of the outline's contents) with, for the introduction's chapters,
the text under it. Tracked changes are read as if accepted. Call it only on a package that passed
`upload.checked_docx()`. Text read from a file is bounded like typed text: an agreement or chapter
of more than TEXT_MAX characters (model/limits.py), or more than MAX_READ agreements, is refused
with a Dutch message (and the text is cleaned like typed text).
"""

from __future__ import annotations

from lxml import etree

from ..model.limits import TEXT_MAX
from ..model.messages import N_
from ..model.text import clean, clean_line
from ..model.word_changes import ReadNote, WordAgreement, WordHeading
from .oxml import CHOICES_NAMESPACE
from .upload import CheckedDocx, UploadRefused, parsed_json
from .word_styles import canonical_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOOKMARK_PREFIX, CONTENTS_PREFIX = "_RefAfspraak", "_Toc"
CHANGED = {f"{W}del", f"{W}moveFrom"}
TRACKED = {f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
MAX_READ = 1_000  # agreements in one document: 87 from the catalogue and 300 own leave room for Word's


def _embedded(checked: CheckedDocx, root_name: str) -> str | None:
    """The text of our custom XML part `root_name`, from whichever part holds it; None when there is none."""
    for name, content in checked.parts.items():
        if name.startswith("customXml/item") and root_name.encode() in content[:400]:
            root = etree.fromstring(content, _PARSER)
            if root.tag == f"{{{CHOICES_NAMESPACE}}}{root_name}":
                return root.text or ""
    return None


def embedded_choices(checked: CheckedDocx) -> dict | None:
    """The choices JSON a note carries; None when there is none."""
    payload = _embedded(checked, "choices")
    if payload is None:
        return None
    try:
        return parsed_json(payload)
    except UploadRefused:
        raise
    except ValueError:
        raise UploadRefused(N_("De gegevens van de nota in dit bestand zijn beschadigd.")) from None


def embedded_house_style(checked: CheckedDocx) -> dict:
    """What a note says of the house style it was built on ({"template": name, "our_footer": bool}); {} if none."""
    try:
        found = parsed_json(_embedded(checked, "houseStyle") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) and isinstance(found.get("template"), str) else {}


def style_names(checked: CheckedDocx) -> dict[str, str]:
    """Paragraph style ids to our names, lower case ("ListNumber", "Lijstnummering" -> "list number")."""
    styles = checked.parts.get("word/styles.xml")
    if styles is None:
        return {}
    root = etree.fromstring(styles, _PARSER)
    names = {}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            names[style.get(f"{W}styleId", "")] = canonical_name(name.get(f"{W}val", ""))
    return names


def paragraph_text(p) -> str:
    """The paragraph's text with tracked changes accepted: insertions in, deletions out, field results shown."""
    parts = []
    for element in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if any(a.tag in CHANGED for a in element.iterancestors()):
            continue
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        else:
            parts.append("\t" if element.tag == f"{W}tab" else "\n")
    return "".join(parts).strip()


def _bookmark_number(element, prefix: str = BOOKMARK_PREFIX) -> int | None:
    for mark in element.iter(f"{W}bookmarkStart"):
        name = mark.get(f"{W}name", "")
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


def _kind(p, names: dict[str, str]) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    name = names.get(style.get(f"{W}val", ""), "") if style is not None else ""
    if name.startswith("heading 1") or name == "kop 1":
        return "part"
    if name == "chapter heading":
        return "chapter"
    if name.startswith(("heading", "kop ")):
        return "heading"
    names = {"list number": "agreement", "list continue": "more", "list bullet 2": "item", "list bullet": "bullet"}
    return names.get(name, "title" if name in ("title", "titel") else "other")


def read_note(checked: CheckedDocx) -> ReadNote:
    """The note's choices and its agreements as they stand in the document now."""
    root = etree.fromstring(checked.parts[checked.main], _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        raise UploadRefused(N_("Dit Word-bestand heeft geen inhoud."))
    read = ReadNote(choices=embedded_choices(checked), tracked=any(True for _ in body.iter(*TRACKED)))
    _Walker(read, style_names(checked)).walk(body)
    for agreement in read.agreements:
        agreement.text = clean(agreement.text)
    for heading in read.headings:
        heading.text, heading.body = clean_line(heading.text), clean(heading.body)
    read.title = clean_line(read.title) if read.title is not None else None
    return read


class _Walker:
    """Goes through the body's paragraphs once, gathering each agreement's paragraphs."""

    def __init__(self, read: ReadNote, names: dict[str, str]):
        self.read, self.names = read, names
        self.part, self.current, self.last_number = "", None, 0
        self.pending: int | None = None  # a bookmark Word put just before its paragraph
        self.in_items = False  # the last paragraph of the current agreement or chapter was a sub-item
        self.pending_entry: int | None = None
        self.chapter: WordHeading | None = None  # the introduction's chapter being read

    def walk(self, body) -> None:
        for element in body:
            if element.tag == f"{W}bookmarkStart":
                self.pending = _bookmark_number(element) or self.pending
                self.pending_entry = _bookmark_number(element, CONTENTS_PREFIX) or self.pending_entry
            elif element.tag == f"{W}p":
                self.paragraph(element)

    def paragraph(self, p) -> None:
        kind, text = _kind(p, self.names), paragraph_text(p)
        number = _bookmark_number(p) or self.pending
        entry = _bookmark_number(p, CONTENTS_PREFIX) or self.pending_entry
        self.pending = self.pending_entry = None
        if kind in ("part", "chapter"):
            if len(self.read.headings) >= MAX_READ:
                raise UploadRefused(N_("Dit Word-bestand bevat meer onderdelen dan een nota kan hebben."))
            self.read.headings.append(WordHeading(entry or 0, text))
            self.chapter = self.read.headings[-1] if kind == "chapter" else None
            self.in_items = False
        if kind == "title" and self.read.title is None:
            self.read.title = text
        elif self.chapter is not None and kind != "chapter":
            self.under_chapter(self.chapter, kind, text)
        elif kind == "part":
            self.part, self.current, self.last_number = text, None, 0
        elif kind in ("heading", "chapter"):
            self.current = None
        elif number is not None or kind == "agreement":
            self.start(number, text)
        elif self.current is not None and text and kind in ("more", "item"):
            joint = "\n" if kind == "item" and self.in_items else "\n\n"
            item = "- " + text.replace("\n", "\n  ")  # "term\nexplanation" as the text format writes it
            self.current.text += joint + (item if kind == "item" else text)
            self.in_items = kind == "item"
            self.bounded(self.current)
        elif self.current is not None and text and self.part:
            self.start(None, text)  # a paragraph typed between agreements

    def under_chapter(self, chapter: WordHeading, kind: str, text: str) -> None:
        """A paragraph of an introduction chapter, written into its text as a text box holds it."""
        if not text:
            return
        line = "- " + text.replace("\n", "\n  ") if kind == "bullet" else text
        joint = "\n" if kind == "bullet" and self.in_items else "\n\n"
        chapter.body += (joint if chapter.body else "") + line
        self.in_items = kind == "bullet"
        if len(chapter.body) > TEXT_MAX:
            raise UploadRefused(
                N_(
                    "“%(heading)s” in dit Word-bestand is langer dan %(max)d tekens. "
                    "Maak het korter en probeer opnieuw."
                ),
                heading=chapter.text,
                max=TEXT_MAX,
            )

    def bounded(self, agreement: WordAgreement) -> None:
        """Refuse an agreement longer than typed text may be, as soon as it is."""
        if len(agreement.text) > TEXT_MAX:
            where = agreement.number or self.last_number
            raise UploadRefused(
                N_(
                    "Afspraak %(n)d in dit Word-bestand is langer dan %(max)d tekens. "
                    "Maak ze korter en probeer opnieuw."
                ),
                n=where,
                max=TEXT_MAX,
            )

    def start(self, number: int | None, text: str) -> None:
        if not text and number is None:
            return
        self.current, self.in_items = WordAgreement(number, text, follows=self.last_number, part=self.part), False
        self.read.agreements.append(self.current)
        if len(self.read.agreements) > MAX_READ:
            raise UploadRefused(N_("Dit Word-bestand bevat meer afspraken dan een nota kan hebben."))
        self.bounded(self.current)
        if number is not None:
            self.last_number = number
