"""A note brought back as a file: a .docx downloaded earlier (perhaps edited in Word) or its choices JSON.

`import_note` turns the bytes into the note's choices, checked against their edition, and the
changes made in Word, for the start page's upload and for `note import`. A file that cannot be
used raises `UploadRefused` with a Dutch message; nothing is stored from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.building import DONE
from ..model.catalogue import Catalogue
from ..model.choices import Choices, ChoicesError, check_against, from_data, refusal
from ..model.messages import N_
from ..model.word_changes import WordChange, word_changes
from .upload import UploadRefused, checked_docx, parsed_json, refuse_oversized
from .word_import import embedded_choices, embedded_house_style, read_note


@dataclass
class ImportedNote:
    """What an uploaded file holds: the note's choices, and what was changed in Word (to accept or reject)."""

    choices: Choices
    changes: list[WordChange] = field(default_factory=list)
    tracked: bool = False  # the document had tracked changes, read as accepted
    sections: tuple[str, ...] = ()  # the edition's section numbers: a note brought back was worked through
    house_style: dict = field(default_factory=dict)  # the template it was built on (word_import.embedded_house_style)

    def progress(self) -> dict:
        """The new draft's progress: it came from a file, and the changes from Word wait for the user."""
        progress: dict = {"uploaded": True, "sections": {number: DONE for number in self.sections}}
        if self.changes:
            progress["word_changes"] = {
                "changes": [c.to_data() for c in self.changes],
                "tracked": self.tracked,
                "base": self.choices.to_data(),
            }
        return progress


def _is_json(data: bytes, name: str) -> bool:
    return not data.startswith(b"PK") and (name.lower().endswith(".json") or data.lstrip()[:1] == b"{")


def _json_choices(data: bytes) -> dict:
    refuse_oversized(data)
    try:
        return parsed_json(data.decode("utf-8-sig"))
    except UploadRefused:
        raise
    except (UnicodeDecodeError, ValueError):
        raise UploadRefused(
            N_("Dit keuzebestand is geen geldige JSON. Upload het bestand zoals je het kreeg, of het Word-document.")
        ) from None


def import_note(data: bytes, name: str, load: Callable[[str], Catalogue | None]) -> ImportedNote:
    """The note a file holds, on its own edition (`load` gives a published edition, or None)."""
    read, house_style = None, {}
    if _is_json(data, name):
        raw = _json_choices(data)
    else:
        checked = checked_docx(data)
        raw = embedded_choices(checked)
        if raw is None:
            raise UploadRefused(
                N_(
                    "In dit Word-document staan de gegevens van een nota uit Bouwpakket niet. "
                    "Upload een nota die je uit Bouwpakket downloadde (ook na aanpassingen in Word)."
                )
            )
        read = read_note(checked)
        house_style = embedded_house_style(checked)
    try:
        choices = from_data(raw)
    except ChoicesError:
        raise UploadRefused(N_("De gegevens van de nota in dit bestand zijn beschadigd.")) from None
    catalogue = load(choices.edition)
    if catalogue is None:
        raise UploadRefused(
            N_("Deze nota hoort bij editie %(edition)s, die Bouwpakket niet kent."), edition=choices.edition
        )
    try:
        check_against(choices, catalogue)
    except ChoicesError:
        raise UploadRefused(N_("De gegevens van de nota in dit bestand zijn beschadigd.")) from None
    problem = refusal(choices)
    if problem is not None:
        raise UploadRefused(problem.text, **problem.params)
    sections = tuple(s.number for s in catalogue.sections)
    if read is None:
        return ImportedNote(choices, sections=sections)
    return ImportedNote(choices, word_changes(choices, catalogue, read), read.tracked, sections, house_style)
