"""The kinds of organisation a note can be for, in one table.

The organisation step offers them, the choices format stores the key, the conflict page and
the Word title page name them, and the note's approval block says who approves a note of that
kind and who signs it (in Dutch: the document is always Dutch, whatever the interface language).
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_

COLLEGE = "het college van burgemeester en schepenen"
BOARD = "de raad van bestuur"


@dataclass(frozen=True)
class OrganisationType:
    """One kind of organisation: its stored key, its Dutch name (a msgid), and who approves and signs its note.

    `approver` is the body that approves the note ("Goedgekeurd door het college van burgemeester
    en schepenen"), `signatories` the functions that sign on its behalf, the chief officer first,
    `decision` an example of the reference of its decision, `reviewers` whom an officer asks to review,
    `link_examples` whom review links are typically for, and `plural` its name for many (msgids: the
    interface's words).
    """

    key: str
    label: str
    on_title_page: bool = True  # "Zottegem (gemeente)" when the name does not say it already
    approver: str = COLLEGE
    signatories: tuple[str, str] = ("De algemeen directeur", "De burgemeester")
    decision: str = "CBS 2026/123"
    reviewers: str = N_("de schepen of het managementteam")
    link_examples: str = N_("managementteam, schepen van communicatie, algemeen directeur")
    plural: str = N_("gemeenten")  # "in 23 van de 31 nota’s van gemeenten"


ORGANISATION_TYPES = (
    OrganisationType("gemeente", N_("Gemeente")),
    OrganisationType("stad", N_("Stad"), plural=N_("steden")),
    OrganisationType(
        "ocmw",
        N_("OCMW"),
        approver="het vast bureau",
        signatories=("De algemeen directeur", "De voorzitter"),
        decision="VB 2026/123",
        plural=N_("OCMW’s"),
        reviewers=N_("de voorzitter of het managementteam"),
        link_examples=N_("managementteam, voorzitter, algemeen directeur"),
    ),
    OrganisationType(
        "provincie",
        N_("Provincie"),
        approver="de deputatie",
        signatories=("De provinciegriffier", "De gouverneur"),
        decision="DEP 2026/123",
        plural=N_("provincies"),
        reviewers=N_("de gedeputeerde of het managementteam"),
        link_examples=N_("managementteam, gedeputeerde voor communicatie, provinciegriffier"),
    ),
    OrganisationType(
        "intergemeentelijke-vereniging",
        N_("Intergemeentelijke vereniging"),
        approver=BOARD,
        signatories=("De algemeen directeur", "De voorzitter"),
        decision="RVB 2026/123",
        plural=N_("intergemeentelijke verenigingen"),
        reviewers=N_("de directie of de raad van bestuur"),
        link_examples=N_("directie, raad van bestuur, communicatieteam"),
    ),
    OrganisationType(
        "politiezone",
        N_("Politiezone"),
        approver="het politiecollege",
        signatories=("De korpschef", "De voorzitter"),
        decision="PC 2026/123",
        plural=N_("politiezones"),
        reviewers=N_("de korpschef of het managementteam"),
        link_examples=N_("managementteam, korpschef, voorzitter van het politiecollege"),
    ),
    OrganisationType(
        "socialprofitorganisatie",
        N_("Socialprofitorganisatie"),
        approver=BOARD,
        signatories=("De directeur", "De voorzitter"),
        decision="RVB 2026/123",
        plural=N_("socialprofitorganisaties"),
        reviewers=N_("de directie of de raad van bestuur"),
        link_examples=N_("directie, raad van bestuur, communicatieteam"),
    ),
    OrganisationType(
        "andere",
        N_("Andere"),
        on_title_page=False,
        approver=BOARD,
        signatories=("De directeur", "De voorzitter"),
        decision="RVB 2026/123",
        plural=N_("andere organisaties"),
        reviewers=N_("de directie of de raad van bestuur"),
        link_examples=N_("directie, raad van bestuur, communicatieteam"),
    ),
)
DEFAULT = ORGANISATION_TYPES[0]
KEYS = tuple(t.key for t in ORGANISATION_TYPES)


def organisation_type(key: str) -> OrganisationType | None:
    """The type stored under `key`, or None for an empty or unknown key."""
    return next((t for t in ORGANISATION_TYPES if t.key == key), None)


def approval_of(key: str) -> OrganisationType:
    """The type whose approver and signatories a note uses: a municipality's when the type is not given."""
    return organisation_type(key) or DEFAULT


def on_behalf(approver: str) -> str:
    """'Namens het college van burgemeester en schepenen', for the line above the signatures."""
    return f"Namens {approver}"
