"""How large a note may grow: generous for any real note, small enough that no one can fill a server.

The catalogue's largest section has 13 agreements and a full note 87; these bounds leave room for
an organisation that writes a lot of its own, and they keep every page a few hundred kB at most.
"""

from __future__ import annotations

from .choices import Choices
from .messages import N_, Message

OWN_PER_SECTION = 50  # own agreements in one catalogue section, or in one own section
OWN_SECTIONS = 30
OWN_PER_NOTE = 300  # own agreements in the whole note, catalogue and own sections together


def own_agreements(choices: Choices) -> int:
    """How many agreements of the note are the organisation's own."""
    return sum(1 for part in choices.sections for a in part.agreements if a.is_own)


def too_big(choices: Choices) -> Message | None:
    """What the note holds beyond the bounds above, as the message to show; None when it fits."""
    if len([p for p in choices.sections if p.is_own]) > OWN_SECTIONS:
        return Message(N_("Een nota kan hoogstens %(max)d eigen onderdelen hebben."), {"max": OWN_SECTIONS})
    if any(sum(1 for a in p.agreements if a.is_own) > OWN_PER_SECTION for p in choices.sections):
        return Message(
            N_(
                "Een onderdeel kan hoogstens %(max)d eigen afspraken hebben. "
                "Voeg afspraken samen of maak een eigen onderdeel."
            ),
            {"max": OWN_PER_SECTION},
        )
    if own_agreements(choices) > OWN_PER_NOTE:
        return Message(N_("Een nota kan hoogstens %(max)d eigen afspraken hebben."), {"max": OWN_PER_NOTE})
    return None
