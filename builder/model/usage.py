"""What users do with the catalogue: counts per agreement, for curators."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import Catalogue
from .choices import Choices


@dataclass
class AgreementUsage:
    """How often one agreement was chosen, reworded and taken in each wording."""

    number: int
    agreement_id: str
    text: str
    chosen: int = 0
    reworded: int = 0
    variants: dict[str, int] = field(default_factory=dict)

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
    return [(s.number, s.title, [by_id[a.id] for a in s.agreements]) for s in catalogue.sections]


def shared_content(choices: Choices) -> list[tuple[str, str]]:
    """What a sharing organisation wrote itself: rewordings and own agreements, as (where, text)."""
    found = []
    for part in choices.sections:
        where = part.number or part.title
        for choice in part.agreements:
            if choice.reworded:
                found.append((f"{where} · {choice.id}", choice.text))
            elif choice.is_own:
                found.append((f"{where} · eigen afspraak", choice.text))
    return found
