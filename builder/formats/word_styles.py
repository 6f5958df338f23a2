"""The Word styles a note is written in, and the other names they go by in someone else's template.

Word stores a built-in style under its English name ("heading 1") with a style id in the language
of the Word that made the file: "Heading1" in English, "Kop1" in Dutch. Files saved by LibreOffice
or converted from elsewhere may carry the Dutch name itself ("Kop 1"). `STYLES` are the styles the
note uses; `find_style` looks a template's style up by any of these, `canonical_name` turns a
name back into ours (reading a note made on a Dutch template).
"""

from __future__ import annotations

STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "TOC Heading",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Chapter Heading",
    "List Number",
    "List Continue",
    "List Bullet",
    "List Bullet 2",
    "toc 1",
    "toc 2",
    "Caption",
    "Table Grid",
    "Hyperlink",
    "annotation text",
    "annotation reference",
)

# The Dutch names Word gives these styles; the Dutch style id is the name without its spaces.
DUTCH = {
    "Normal": "Standaard",
    "Title": "Titel",
    "Subtitle": "Ondertitel",
    "TOC Heading": "Kop van inhoudsopgave",
    "Heading 1": "Kop 1",
    "Heading 2": "Kop 2",
    "Heading 3": "Kop 3",
    "List Number": "Lijstnummering",
    "List Continue": "Lijstvervolg",
    "List Bullet": "Opsommingsteken",
    "List Bullet 2": "Opsommingsteken 2",
    "toc 1": "Inhopg 1",
    "toc 2": "Inhopg 2",
    "Caption": "Bijschrift",
    "Table Grid": "Tabelraster",
    "Hyperlink": "Hyperlink",
    "annotation text": "Tekst opmerking",
    "annotation reference": "Verwijzing opmerking",
}

TABLE, CHARACTER, PARAGRAPH = "table", "character", "paragraph"
KINDS = {"Table Grid": TABLE, "Hyperlink": CHARACTER, "annotation reference": CHARACTER}
# Style ids Word gives in English that are not the name without its spaces.
ENGLISH_IDS = {
    "toc1": "TOC1",
    "toc2": "TOC2",
    "annotationtext": "CommentText",
    "annotationreference": "CommentReference",
}
_CANONICAL = {alias.lower(): name.lower() for name, alias in DUTCH.items()}


def kind(name: str) -> str:
    """The kind of style `name` is: paragraph, character or table."""
    return KINDS.get(name, PARAGRAPH)


def candidate_names(name: str) -> tuple[str, ...]:
    """The names, lower case, a style of ours may carry in a template."""
    return tuple(n.lower() for n in (name, DUTCH.get(name, name)))


def candidate_ids(name: str) -> tuple[str, ...]:
    """The style ids a style of ours may carry in a template: English and Dutch."""
    english = name.replace(" ", "")
    english = ENGLISH_IDS.get(english, english)
    return (english, DUTCH.get(name, name).replace(" ", ""))


def find_style(name: str, by_name: dict[str, object], by_id: dict[str, object]):
    """The template's style for our style `name`: by name (English or Dutch), then by style id; or None."""
    for candidate in candidate_names(name):
        if candidate in by_name:
            return by_name[candidate]
    for candidate in candidate_ids(name):
        if candidate in by_id:
            return by_id[candidate]
    return None


def canonical_name(name: str) -> str:
    """A style name as we call it, lower case: "Kop 1" and "heading 1" are both "heading 1"."""
    lowered = name.lower()
    return _CANONICAL.get(lowered, lowered)
