"""Storage stands on the model alone: `builder/db/` never imports the wizard, curation or the web glue."""

from __future__ import annotations

import ast

import pytest

from builder import PROJECT_ROOT

DB = PROJECT_ROOT / "builder" / "db"


def imported(path) -> set[str]:
    """The modules a file imports, relative imports resolved against its package."""
    package = "builder.db"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(DB.glob("*.py")), ids=lambda p: p.name)
def test_storage_imports_the_model_never_the_wizard_or_curation(path):
    forbidden = ("builder.wizard", "builder.curation", "builder.web", "builder.formats")
    assert not {m for m in imported(path) if m.startswith(forbidden)}, path.name
