"""Inserting a cross-reference to another agreement into a text on a curation page (catalogue syntax `[[id]]`).

The agreement is chosen from a list by number and first words; its id, which the text holds, stays
out of sight. With JavaScript the reference goes where the cursor is (enhance.js); without, the
button shows the page again with the reference at the end of the agreement's text, nothing saved
yet. Either way the note later says "afspraak N" with the number N has in that note (model/crossref.py).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..model.catalogue import Catalogue
from ..model.text import first_words

ACTION = "verwijzing"


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


def insert_reference(form, catalogue: Catalogue, chosen: str) -> bool:
    """Put `[[chosen]]` at the end of the form's text (as typed); False, with a message, for no or an unknown choice."""
    if chosen not in catalogue.numbers:
        form.reference_errors = [_("Kies de afspraak waarnaar je wilt verwijzen.")]
        return False
    text = (form.text.data or "").rstrip()
    form.text.data = f"{text} [[{chosen}]]" if text else f"[[{chosen}]]"
    return True
