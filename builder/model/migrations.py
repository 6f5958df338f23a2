"""Checking an edition's migration map against the edition it is based on (for `catalogue check`)."""

from __future__ import annotations

from .catalogue import Catalogue

INTO = {"renamed": (1, 1), "split": (2, 20), "merged": (1, 1), "retired": (0, 0)}


def migration_problems(previous: Catalogue, current: Catalogue) -> list[tuple[str, str]]:
    """(field path, problem) for every entry of `current`'s map that does not fit the two editions."""
    old = {a.id for a in previous.agreements}
    new = {a.id for a in current.agreements}
    found, seen = [], set()
    for i, migration in enumerate(current.edition.migrations):
        here = f"migrations[{i}]"
        if migration.agreement in seen:
            found.append((f"{here}.agreement", f"'{migration.agreement}' has two entries"))
        seen.add(migration.agreement)
        if migration.agreement not in old:
            found.append((f"{here}.agreement", f"'{migration.agreement}' is not an agreement of {previous.edition.id}"))
        elif migration.agreement in new:
            found.append((f"{here}.agreement", f"'{migration.agreement}' is still in this edition"))
        least, most = INTO[migration.kind] if migration.kind in INTO else (0, 99)
        if not least <= len(migration.into) <= most:
            found.append((f"{here}.into", f"{migration.kind} needs {_count(least, most)}"))
        for j, target in enumerate(migration.into):
            if target not in new:
                found.append((f"{here}.into[{j}]", f"'{target}' is not an agreement of this edition"))
        if migration.kind != "renamed" and not migration.reason:
            found.append((f"{here}.reason", "say why, for the users whose notes hold it"))
    return found


def _count(least: int, most: int) -> str:
    if least == most:
        return "no agreements in 'into'" if least == 0 else f"exactly {least} agreement in 'into'"
    return f"at least {least} agreements in 'into'"
