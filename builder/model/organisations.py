"""The kinds of organisation a note can be for, in one table.

The organisation step offers them, the choices format stores the key, the conflict page and
the Word title page name them. Later fields (who approves, which words replace "gemeente")
belong here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_


@dataclass(frozen=True)
class OrganisationType:
    """One kind of organisation: its stored key, and its Dutch name (a msgid)."""

    key: str
    label: str
    on_title_page: bool = True  # "Zottegem (gemeente)" when the name does not say it already


ORGANISATION_TYPES = (
    OrganisationType("gemeente", N_("Gemeente")),
    OrganisationType("stad", N_("Stad")),
    OrganisationType("ocmw", N_("OCMW")),
    OrganisationType("provincie", N_("Provincie")),
    OrganisationType("intergemeentelijke-vereniging", N_("Intergemeentelijke vereniging")),
    OrganisationType("politiezone", N_("Politiezone")),
    OrganisationType("socialprofitorganisatie", N_("Socialprofitorganisatie")),
    OrganisationType("andere", N_("Andere"), on_title_page=False),
)
KEYS = tuple(t.key for t in ORGANISATION_TYPES)


def organisation_type(key: str) -> OrganisationType | None:
    """The type stored under `key`, or None for an empty or unknown key."""
    return next((t for t in ORGANISATION_TYPES if t.key == key), None)
