"""The note's closing parts in Word: the approval block and the appendices, each on a page of its own.

What they say is the outline's (model/outline.py); here is how Word draws it. The approval block is
what a Flemish college or board signs, with a signature table for the chief officer and the chair,
without dotted lines that a screen reader would read out. "Meer lezen" links a title when curators
gave it a URL. "Herkomst" says per part in one line what comes unchanged from the catalogue and
lists only the deviations in a table with a caption.
"""

from __future__ import annotations

from ..model.outline import Approval, Provenance, References
from . import oxml
from .word_writer import Writer

SIGNATURE_HEIGHT = 1418  # twips: 2.5 cm to sign in
TOGETHER = 6  # the deviations table's last rows go to a new page together, never three alone


def approval(w: Writer, block: Approval) -> None:
    """'Goedkeuring': decision details in a table, then who signs on behalf of the approving body."""
    w.heading(block.heading, 1, entry=block.heading, page_break=True)
    w.paragraph(block.sentence)
    w.body.table(w.ids["Table Grid"], widths=(2835, w.base.text_width - 2835), header=None, rows=block.rows)
    w.body.paragraph(w.ids["Normal"], [(block.on_behalf, True)], space_before=360)
    half = w.base.text_width // 2
    w.body.table(
        w.ids["Table Grid"],
        widths=(half, w.base.text_width - half),
        header=block.functions,
        rows=[tuple(f"Naam: {n}" if n else "Naam:" for n in block.names), ("Handtekening:", "Handtekening:")],
        heights={2: SIGNATURE_HEIGHT},
    )


def references(w: Writer, appendix: References) -> None:
    """'Meer lezen': the Kortompedia articles that go with what was chosen, grouped as in the note."""
    w.heading(appendix.heading, 1, entry=appendix.heading, page_break=True)
    w.paragraph(appendix.lead)
    for group, lines in appendix.groups:
        w.heading(group, 2)
        for line in lines:
            head = oxml.Link(runs=(line.title,), url=line.url) if line.url else line.title
            w.body.paragraph(w.ids["List Bullet"], [head, line.numbers] if line.numbers else [head], w.base.bullets)


def provenance(w: Writer, appendix: Provenance) -> None:
    """'Herkomst van de afspraken': one line per part, then a table of the agreements that deviate."""
    w.heading(appendix.heading, 1, entry=appendix.heading, page_break=True)
    for paragraph in appendix.lead:
        w.paragraph(paragraph)
    last = len(appendix.lines) - 1
    for i, (label, text) in enumerate(appendix.lines):  # the last line goes with what follows it
        w.body.paragraph(w.ids["Normal"], [(label, True), text], keep_next=i == last)
    if not appendix.deviations:
        w.paragraph(appendix.none_deviate)
        return
    caption = w.body.paragraph(w.ids["Caption"], ["Tabel "], space_before=240)
    w.body.field(caption, "SEQ Tabel \\* ARABIC", "1")
    w.body.run(caption, f". {appendix.caption}")
    w.body.table(
        w.ids["Table Grid"],
        widths=(1418, w.base.text_width - 1418),
        header=("Afspraak", "Herkomst"),
        rows=appendix.deviations,
        together=TOGETHER,
    )
