"""docs/architecture.md follows the code: every module of builder/ is named there, and every module it names exists.

As sqlite-utils' tests/test_docs.py keeps its documentation in step with its commands, this keeps a
new maintainer's map in step with the code: a module added, moved or removed fails here until the
page says so.
"""

from __future__ import annotations

import re

from builder import PROJECT_ROOT

BUILDER = PROJECT_ROOT / "builder"
DOC = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
NAMED = set(re.findall(r"`([\w./]+\.py)`", DOC))


def modules() -> list[str]:
    """Every module of builder/, as a path relative to it ("wizard/section.py")."""
    return sorted(str(p.relative_to(BUILDER)) for p in BUILDER.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_is_named_in_the_architecture_page():
    missing = [m for m in modules() if m not in NAMED]
    assert missing == [], f"say what these are for in docs/architecture.md: {missing}"


def test_every_module_the_page_names_exists():
    gone = [name for name in NAMED if not (BUILDER / name).exists() and not (PROJECT_ROOT / name).exists()]
    assert gone == [], f"docs/architecture.md names modules that are not there: {gone}"


def test_the_worked_examples_name_the_files_they_send_you_to():
    for path in re.findall(r"`((?:templates|tests|docs)/[\w./-]+)`", DOC):
        assert (PROJECT_ROOT / path).exists(), path
