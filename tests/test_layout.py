"""The layout shows the design: the model knows no Flask, caches live in one module, code stays small."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder import PROJECT_ROOT

BUILDER = PROJECT_ROOT / "builder"
MODULES = sorted(p for p in BUILDER.rglob("*.py") if "__pycache__" not in p.parts)
WEB_LIBRARIES = ("flask", "werkzeug", "jinja2", "wtforms", "flask_wtf", "flask_babel")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_model_imports_no_web_library():
    model = [module_name(p) for p in MODULES if p.relative_to(BUILDER).parts[0] == "model"]
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in model)
        + f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_LIBRARIES!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"the model pulls in {result.stdout.strip()}"


def imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules `path` imports from (relative imports resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join([*base, *([node.module] if node.module else [])]))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_storage_never_imports_the_blueprints():
    for path in (BUILDER / "db").glob("*.py"):
        names = imported_modules(path)
        assert not [n for n in names if n.startswith(("builder.wizard", "builder.curation"))], path.name


BLUEPRINTS = ("wizard", "curation", "review", "published")


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_a_blueprint_never_imports_another_blueprints_modules(blueprint):
    others = tuple(f"builder.{b}" for b in BLUEPRINTS if b != blueprint)
    for path in (BUILDER / blueprint).rglob("*.py"):
        names = imported_modules(path)
        assert not [n for n in names if n.startswith(others)], f"{path.relative_to(BUILDER)}: share it in builder/web/"


def test_shared_layers_never_import_a_blueprint():
    for layer in ("db", "formats", "model", "web"):
        for path in (BUILDER / layer).rglob("*.py"):
            names = imported_modules(path)
            blueprint = [n for n in names if n.startswith(tuple(f"builder.{b}" for b in BLUEPRINTS))]
            assert not blueprint, f"{path.relative_to(BUILDER)} imports {blueprint}"


def test_every_process_wide_cache_is_declared_in_caches_py():
    for path in MODULES:
        if path.name == "caches.py":
            continue
        text = path.read_text()
        for marker in (
            r"\blru_cache\b",
            r"^@(functools\.)?cache\b",
            r"^from functools import .*\bcache\b",
            r"^_\w*cache\w* =",
        ):
            found = re.search(marker, text, re.M)
            assert not found, f"{path.relative_to(PROJECT_ROOT)} keeps a cache of its own ({found.group(0)})"


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def code_lines(function: ast.AST) -> int:
    """Lines of a function, not counting the inside of multi-line strings (docstrings, SQL)."""
    text_lines = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.end_lineno > node.lineno:
            text_lines.update(range(node.lineno + 1, node.end_lineno + 1))
    return function.end_lineno - function.lineno + 1 - len(text_lines)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(BUILDER)))
def test_modules_and_functions_stay_small(path):
    lines = path.read_text().count("\n")
    assert lines <= 400, f"{lines} lines: split the module"
    for function in functions(ast.parse(path.read_text())):
        assert code_lines(function) <= 50, f"{function.name} has {code_lines(function)} lines of code"


def public_functions(tree: ast.Module):
    """Module-level functions, and methods of public module-level classes, whose names do not start with _."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(BUILDER)))
def test_every_public_function_says_why_it_exists(path):
    tree = ast.parse(path.read_text())
    missing = [name for name, node in public_functions(tree) if not ast.get_docstring(node)]
    assert not missing, f"add a one-line docstring to {missing}"


def test_no_lazy_translation_formats_a_value():
    """flask_babel's LazyString.__html__ returns the formatted text unescaped: values go through gettext instead."""
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_l", "lazy_gettext") and node.keywords:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert not found, f"use gettext at request time for messages with values: {found}"


def test_no_template_prints_an_inline_if_without_else():
    """`{{ a if b }}` prints Jinja's Undefined when b is false: empty only by accident, and an exception per print."""
    outputs = re.compile(r"\{\{(.*?)\}\}", re.S)
    found = [
        f"{path.relative_to(PROJECT_ROOT)}: {{{{{text}}}}}"
        for path in sorted((PROJECT_ROOT / "templates").rglob("*.html"))
        for text in outputs.findall(path.read_text())
        if re.search(r"\sif\s", text) and not re.search(r"\selse\s", text)
    ]
    assert not found, f"write {{% if %}} … {{% endif %}} instead: {found}"


def test_no_template_uses_a_global_the_app_takes_out():
    from builder.web.templating import UNUSED_GLOBALS

    texts = {path: path.read_text() for path in sorted((PROJECT_ROOT / "templates").rglob("*.html"))}
    used = [
        f"{path.relative_to(PROJECT_ROOT)}: {name}"
        for path, text in texts.items()
        for name in UNUSED_GLOBALS
        if re.search(rf"(?<![\w.]){name}\s*[(.\[]", text)
    ]
    assert not used, f"keep these globals in web/templating.py: {used}"
