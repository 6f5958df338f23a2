"""Where the project's folders are: the checkout, and the top-level folders a wheel carries inside the package."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


def bundled(name: str) -> Path:
    """A top-level folder of the checkout (`templates`, `agreements`), or its copy in an installed wheel.

    Only a wheel has the copy inside the package (setup.py puts it there), so a
    checkout or an editable install always reads the folder it edits.
    """
    copy = PACKAGE_DIR / name
    return copy if copy.is_dir() else PROJECT_ROOT / name
