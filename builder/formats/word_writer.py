"""The pen that writes a note into a Word document: paragraphs, headings, lists, bookmarks, fields.

`Writer` is shared by word.py (the note's body), word_parts.py (approval block and appendices) and
amendment.py (the amendment note); it knows the base document's styles and list definitions, nothing
of what a note holds.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph

from ..model import crossref
from ..model.catalogue import Block
from ..model.note import Note, NoteAgreement
from ..model.reviews import AGREE, DISAGREE, Comment
from . import oxml
from .word_base import Base

VERDICT_WORDS = {AGREE: "Akkoord", DISAGREE: "Niet akkoord"}  # the document is Dutch in every interface language


def initials(name: str) -> str:
    """'Marthe Van Damme' → 'MVD', for Word's comment balloons."""
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:4]


def page_token(bookmark: str) -> str:
    """What a table of contents entry shows for its page when the note is made for the PDF converter."""
    return f"{{p:{bookmark}}}"


def agreement_bookmark(number: int) -> str:
    """The hidden bookmark on agreement `number`'s paragraph, which cross-references point at."""
    return f"_RefAfspraak{number}"


class Writer:
    """Adds the note's paragraphs, with every style id resolved once."""

    def __init__(self, document: DocumentObject, base: Base, note: Note, page_tokens: bool = False):
        self.document = document
        self.body = oxml.Body(document)
        self.base = base
        self.ids = base.ids
        self.note = note
        self.page_tokens = page_tokens
        self.contents: list[tuple[int, str, str]] = []  # (level, entry text, bookmark)

    def heading(self, text: str, level: int, *, entry: str = "", style: str = "", page_break: bool = False):
        """A heading; with `entry`, also a line of the table of contents that links to it."""
        bookmark = f"_Toc{len(self.contents) + 1}" if entry else ""
        if entry:
            self.contents.append((level, entry, bookmark))
        return self.body.paragraph(
            self.ids[style or f"Heading {level}"], [text], page_break=page_break, bookmark=bookmark
        )

    def paragraph(self, text: str = "", style: str = "Normal", **kwargs):
        """A paragraph of catalogue or user text; cross-references in it become REF fields."""
        return self.body.paragraph(self.ids[style], self.runs(text), **kwargs)

    def runs(self, text: str) -> list:
        """A text's runs: plain text, and a REF field for each number a cross-reference gives."""
        if "[[" not in text:
            return [text] if text else []
        return [
            s if isinstance(s, str) else oxml.Field(f"REF {agreement_bookmark(s.number)} \\n \\h", str(s.number))
            for s in crossref.segments(text, self.note.numbers)
        ]

    def labelled(self, label: str, value: str):
        """'Datum: 23 november 2026', the label in bold."""
        return self.body.paragraph(self.ids["Normal"], [(f"{label}: ", True), value])

    def bullets(self, items: tuple[str, ...], style: str = "List Bullet", level: int = 0) -> None:
        """Real list items; a bullet "term\nexplanation" shows its term in bold."""
        num_id = self.base.bullets if style == "List Bullet" else self.base.agreements
        for item in items:
            term, newline, rest = item.partition("\n")
            runs = [(term + newline, True), *self.runs(rest)] if newline else self.runs(item)
            self.body.paragraph(self.ids[style], runs, num_id, level=level)

    def blocks(self, blocks: tuple[Block, ...], heading_level: int) -> None:
        """Chapter-style blocks; tips are advice to the writer and stay out of the note."""
        for block in blocks:
            if block.kind == "heading":
                self.heading(block.heading, heading_level)
            elif block.kind == "items":
                self.bullets(block.items)
            elif block.kind == "text":
                self.paragraph(block.text)

    def agreement(self, agreement: NoteAgreement):
        """The first paragraph is the numbered list item (bookmarked); more paragraphs and sub-items follow it.

        Returns the first paragraph, which Word comments on the agreement are anchored on."""
        blocks = list(agreement.blocks) or [Block(text="")]
        first = blocks[0]
        if first.kind == "items":
            rest = [Block(items=first.items[1:])] if first.items[1:] else []
            blocks = [Block(text=first.items[0]), *rest, *blocks[1:]]
        first_paragraph = self.paragraph(
            blocks[0].text, "List Number", num_id=self.base.agreements, bookmark=agreement_bookmark(agreement.number)
        )
        for block in blocks[1:]:
            if block.kind == "items":
                self.bullets(block.items, "List Bullet 2", level=1)
            else:
                self.paragraph(block.text or block.heading, "List Continue")
        return first_paragraph

    def comments(self, paragraph, comments: list[Comment]) -> None:
        """Reviewers' comments as real Word comments on `paragraph`, each with the author's replies under it."""
        runs = Paragraph(paragraph, self.document._body).runs
        if not runs:
            return
        for c in comments:
            verdict = VERDICT_WORDS.get(c.verdict, "")
            text = f"{verdict}: {c.text}" if verdict and c.text else verdict or c.text
            made = self.document.add_comment(runs, text=text, author=c.author, initials=initials(c.author))
            for reply in c.replies:
                made.add_paragraph(f"Antwoord van {reply.author}: {reply.text}")
            self._comment_styles(made._comment_elm)
        self._comment_styles(paragraph)

    def _comment_styles(self, element) -> None:
        """python-docx names Word's English comment style ids; a template may call them otherwise."""
        text, reference = self.ids["annotation text"], self.ids["annotation reference"]
        for tag, found, ours in (("pStyle", "CommentText", text), ("rStyle", "CommentReference", reference)):
            for style in element.iter(oxml._w(tag)):
                if style.get(oxml._w("val")) == found:
                    style.set(oxml._w("val"), ours)
