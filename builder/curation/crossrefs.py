"""Inserting a cross-reference to another agreement into a text on a curation page (catalogue syntax `[[id]]`).

The agreement is chosen from a list by number and first words; its id, which the text holds, stays
out of sight. With JavaScript the reference goes where the cursor is (enhance.js); without, the
button shows the page again with the reference at the end of the text box, nothing saved yet.
Either way the note later says "(zie afspraak N)" with the number N has in that note, and nothing
at all where the note leaves that agreement out (model/crossref.py): never a dangling "Zie ook".
"""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.text import first_words
from ..web.i18n import gettext as _

ACTION = "verwijzing"
WORDS = "(zie afspraak #)"  # what a chosen reference says in a note; "#" is the agreement's number there


def reference(agreement_id: str) -> str:
    """The reference the list inserts: the whole aside goes when the note does not hold the agreement."""
    return f"[[{agreement_id}|{WORDS}]]"


def reference_groups(catalogue: Catalogue, exclude: str = "") -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """The agreements to refer to, per section: (section, [(id, "Afspraak 12: De communicatiedienst …", False)])."""
    groups = []
    for section in catalogue.sections:
        choices = [
            (a.id, _("Afspraak %(n)d: %(start)s", n=a.number, start=first_words(a.text[0] if a.text else "")), False)
            for a in section.agreements
            if a.id != exclude
        ]
        if choices:
            groups.append((f"{section.number} {section.title}", choices))
    return groups


def insert_reference(form, catalogue: Catalogue, chosen: str, field: str = "text") -> bool:
    """Put the reference at the end of the text box `field` (as typed); False, with a message, for no valid choice."""
    if chosen not in catalogue.numbers:
        form.reference_errors = [_("Kies de afspraak waarnaar je wilt verwijzen.")]
        return False
    box = getattr(form, field)
    text = (box.data or "").rstrip()
    box.data = f"{text} {reference(chosen)}" if text else reference(chosen)
    return True
