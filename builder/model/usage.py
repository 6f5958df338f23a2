"""What users do with the catalogue: counts per agreement, for curators, and per kind of organisation, for officers.

Officers see, per agreement, how many notes of their kind of organisation took it (`PeerCounts`):
only downloaded notes count, each once, and only where at least `MIN_PEERS` notes of the kind exist
on the edition, so that no small group can point at one organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import Catalogue
from .choices import Choices
from .organisations import KEYS

MIN_PEERS = 10  # notes of a kind on an edition before their choices are shown to others
COMPARED_KINDS = tuple(k for k in KEYS if k != "andere")  # "andere" is no group of similar organisations


def peer_kind(choices: Choices) -> str:
    """The kind of organisation a note is compared within ("" when it has none, or "andere")."""
    kind = choices.organisation.type
    return kind if kind in COMPARED_KINDS else ""


def peer_keys(choices: Choices) -> list[tuple[str, str, bool]]:
    """(agreement id, variant, reworded) for every catalogue agreement in the note: what the counts per kind count."""
    return usage_keys(choices)


@dataclass(frozen=True)
class PeerCounts:
    """How many notes of one kind on one edition took each agreement, and how many with a variant."""

    kind: str
    notes: int
    chosen: dict[str, int]
    with_variant: dict[str, int]


@dataclass
class AgreementUsage:
    """How often one agreement was chosen, reworded and taken in each wording."""

    number: int
    agreement_id: str
    text: str
    chosen: int = 0
    reworded: int = 0
    variants: dict[str, int] = field(default_factory=dict)
    section: str = ""

    def share(self, drafts: int) -> int:
        """The percentage of `drafts` notes that hold this agreement."""
        return round(100 * self.chosen / drafts) if drafts else 0


def usage_keys(choices: Choices) -> list[tuple[str, str, bool]]:
    """(agreement id, variant, reworded) for every catalogue agreement in the note: what usage counts."""
    return [
        (c.id, c.variant, c.reworded) for part in choices.sections if not part.is_own for c in part.agreements if c.id
    ]


def summarise(catalogue: Catalogue, rows: list[dict]) -> list[tuple[str, str, list[AgreementUsage]]]:
    """Usage rows (agreement, variant, reworded, drafts) grouped per section in catalogue order."""
    by_id = {
        a.id: AgreementUsage(
            a.number, a.id, a.text[0] if a.text else "", variants={"": 0, **{v.label: 0 for v in a.variants}}
        )
        for a in catalogue.agreements
    }
    for row in rows:
        usage = by_id.get(row["agreement_id"])
        if usage is None:
            continue
        usage.chosen += row["drafts"]
        usage.variants[row["variant"]] = usage.variants.get(row["variant"], 0) + row["drafts"]
        if row["reworded"]:
            usage.reworded += row["drafts"]
    for s in catalogue.sections:
        for a in s.agreements:
            by_id[a.id].section = s.number
    return [(s.number, s.title, [by_id[a.id] for a in s.agreements]) for s in catalogue.sections]


@dataclass(frozen=True)
class Shared:
    """One text a sharing organisation wrote itself, with the catalogue's wording it replaces (none: its own)."""

    section: str  # the section's number, or an own section's title
    number: int  # the agreement's number in the catalogue (0: an own agreement)
    text: str
    catalogue_text: str = ""


def shared_content(choices: Choices, catalogue: Catalogue | None = None) -> list[Shared]:
    """What a sharing organisation wrote itself: rewordings (beside the catalogue's wording) and own agreements."""
    found = []
    for part in choices.sections:
        where = part.number or part.title
        for choice in part.agreements:
            if choice.reworded:
                agreement = catalogue.agreement(choice.id) if catalogue and choice.id in catalogue.numbers else None
                standard = agreement_wording(agreement, choice.variant) if agreement else choice.catalogue_text
                found.append(Shared(where, agreement.number if agreement else 0, choice.text, standard))
            elif choice.is_own:
                found.append(Shared(where, 0, choice.text))
    return found


def agreement_wording(agreement, variant: str) -> str:
    """The catalogue's wording an agreement's choice started from (the original when the variant is gone)."""
    return "\n\n".join((*agreement.wording(variant if agreement.variant(variant) else ""), *agreement.items))


def summarise_editions(
    catalogues: list[Catalogue], rows: dict[str, list[dict]]
) -> list[tuple[str, str, list[AgreementUsage]]]:
    """Usage totals across editions (oldest first), per agreement by its stable id.

    Agreements are numbered and grouped as in the newest edition; those it no longer holds follow,
    as numbered in the last edition that had them.
    """
    newest, older = catalogues[-1], catalogues[:-1]
    groups = summarise(newest, [])
    by_id = {u.agreement_id: u for _number, _title, found in groups for u in found}
    gone: list[AgreementUsage] = []
    for catalogue in reversed(older):
        for agreement in catalogue.agreements:
            if agreement.id not in by_id:
                section = catalogue.section_of(agreement.id).number
                by_id[agreement.id] = AgreementUsage(
                    agreement.number, agreement.id, agreement.text[0], variants={"": 0}, section=section
                )
                gone.append(by_id[agreement.id])
    for catalogue in catalogues:
        for row in rows.get(catalogue.edition.id, []):
            usage = by_id.get(row["agreement_id"])
            if usage is not None:
                usage.chosen += row["drafts"]
                usage.variants[row["variant"]] = usage.variants.get(row["variant"], 0) + row["drafts"]
                usage.reworded += row["drafts"] if row["reworded"] else 0
    return groups + ([("", "", gone)] if gone else [])


ORDERS = {
    "gekozen": lambda u: (-u.chosen, u.number),
    "minst": lambda u: (u.chosen, u.number),
    "herschreven": lambda u: (-u.reworded, -u.chosen, u.number),
}


def in_order(
    groups: list[tuple[str, str, list[AgreementUsage]]], order: str
) -> list[tuple[str, str, list[AgreementUsage]]]:
    """The usage in another order than the catalogue's: one list of all agreements, most (or least) chosen first."""
    if order not in ORDERS:
        return groups
    every = [u for _number, _title, found in groups for u in found]
    return [("", "", sorted(every, key=ORDERS[order]))]


def table(groups: list[tuple[str, str, list[AgreementUsage]]], drafts: int) -> list[list[str]]:
    """The usage as rows of a spreadsheet: a header, then one row per agreement, by its stable id.

    Each wording has a column of its own ("origineel", then every variant label in use), so a
    spreadsheet can add them up; a cell stays empty where the agreement has no such wording.
    """
    every = [u for _number, _title, usages in groups for u in usages]
    labels = list(dict.fromkeys(label for u in every for label in u.variants if label))
    head = ["onderdeel", "nummer", "id", "afspraak", "gekozen", "aandeel (%)", "herschreven", "origineel", *labels]
    found = [head]
    for u in every:
        row = [u.section, str(u.number), u.agreement_id, u.text, str(u.chosen), str(u.share(drafts)), str(u.reworded)]
        row += [str(u.variants[label]) if label in u.variants else "" for label in ["", *labels]]
        found.append(row)
    return found
