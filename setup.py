"""The one build step pyproject.toml cannot declare: a wheel carries what the app reads at run time.

The repository keeps `templates/` and `agreements/` at the top level; a checkout
(and so an editable install) reads them there. A wheel holds copies inside the
package, `builder/templates/` and `builder/agreements/`, which `create_app()`
uses when they exist. The wheel also gets the translations compiled from the
`.po` files, exactly as `make translations` compiles them, so a wheel built from
a fresh clone is complete without any step before the build.

An editable install copies and compiles nothing (setuptools' `editable_mode`):
it runs from the checkout, where `make translations` writes the `.mo` files.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGE = "builder"
BUNDLED = ("templates", "agreements")  # top-level folders, copied to builder/<name> in a wheel
TRANSLATIONS = Path(PACKAGE, "translations")


def _bundled_files() -> list[Path]:
    """The files of the bundled folders, relative to the project root (dot files left out)."""
    return sorted(
        path
        for folder in BUNDLED
        for path in Path(folder).rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.parts)
    )


def _catalogues() -> list[Path]:
    """The translations' `.po` files: builder/translations/<locale>/LC_MESSAGES/messages.po."""
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


class build_py_with_app_files(build_py):
    """`build_py`, plus the bundled folders and the compiled translations in the build folder."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in self._bundled_mapping().items():
            self.mkpath(str(Path(target).parent))
            self.copy_file(source, target, preserve_mode=False)
        for po, mo in self._compiled_mapping().items():
            self.mkpath(str(Path(mo).parent))
            _compile(Path(po), Path(mo))

    def _bundled_mapping(self) -> dict[str, str]:
        return {str(path): str(Path(self.build_lib, PACKAGE, path)) for path in _bundled_files()}

    def _compiled_mapping(self) -> dict[str, str]:
        return {str(po): str(Path(self.build_lib, po.with_suffix(".mo"))) for po in _catalogues()}

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        return outputs + list(self._bundled_mapping().values()) + list(self._compiled_mapping().values())

    def get_source_files(self) -> list[str]:
        """Also what the copies and `.mo` files are made from, so that an sdist holds it."""
        return super().get_source_files() + [str(path) for path in _bundled_files() + _catalogues()]


def _compile(po: Path, mo: Path) -> None:
    """`pybabel compile` of one catalogue, as `make translations` runs it; a failure stops the build."""
    from babel.messages.frontend import CommandLineInterface

    locale = po.parent.parent.name
    status = CommandLineInterface().run(["pybabel", "compile", "-i", str(po), "-o", str(mo), "-l", locale])
    if status or not mo.is_file():
        raise SystemExit(f"Could not compile {po} (pybabel compile exited {status}); see the messages above.")


setup(cmdclass={"build_py": build_py_with_app_files})
