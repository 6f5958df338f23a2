"""A wheel of the checkout runs on its own: installed in a fresh venv, used from outside the checkout.

The wheel is built as `pip install .` builds it (in an isolated build
environment, so the build requirements come from the package index) from a
copy of the checkout without compiled translations, as a fresh clone has none.
It is installed without network: `--no-deps`, and the fresh venv sees the
libraries of the environment running this test through a `.pth` file. That
environment's editable install of `builder` is not on that path (its finder
is set up by a `.pth` file of its own, which Python reads only in a site
directory), and the subprocess checks that it imports the installed copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds a wheel and installs it in a new venv: `make test` runs it, not `make check`

CHECKOUT = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "instance",
    "test-artifacts",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "*.mo",
)
SECTION_TITLE = "Afspraken die helpen om beleid te vertalen naar communicatiebeleid"  # section 5.1

# Run by the fresh venv's Python: the pages a user and a curator open first, and the English interface.
PAGES = r"""
import html, json, re, sys
from pathlib import Path

import builder
from builder import create_app

app = create_app()
client = app.test_client()
pages = {}


def text(response):
    page = response.get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))), page


def hidden(page):
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]*)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            fields.setdefault(name, html.unescape(value.group(1)) if value else "")
    return fields


def get(url):
    response = client.get(url)
    pages[url] = [response.status_code, *text(response)]
    return response


start = get("/")
started = client.post("/nota/nieuw", data=hidden(start.get_data(as_text=True)))
pages["POST /nota/nieuw"] = [started.status_code, started.location, ""]
get("/nota/onderdeel/5.1")
get("/beheer/login")
get("/static/style.css")
switched = client.post("/taal", data={**hidden(pages["/"][2]), "lang": "en", "next": "/"})
pages["POST /taal"] = [switched.status_code, switched.location, ""]
english = client.get("/")
pages["English /"] = [english.status_code, *text(english)]
translations = Path(builder.__file__).parent / "translations" / "en" / "LC_MESSAGES" / "messages.mo"
json.dump({"builder": builder.__file__, "mo": translations.is_file(), "pages": pages}, sys.stdout)
"""


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    command = " ".join(map(str, args))[:200]
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_serves_the_app_from_a_fresh_venv(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(CHECKOUT, source, ignore=NOT_SOURCES)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp_path / "dist", source])
    (wheel,) = (tmp_path / "dist").glob("bouwpakket-*.whl")

    contents = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "builder/curation/__init__.py",
        "builder/templates/wizard/index.html",
        "builder/templates/beheer/login.html",
        "builder/agreements/2024/edition.yaml",
        "builder/agreements/2024/sections/01-beleid.yaml",
        "builder/static/style.css",
        "builder/translations/en/LC_MESSAGES/messages.mo",
    ):
        assert needed in contents, f"the wheel lacks {needed}"

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel])
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    libraries = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site_packages / "test-libraries.pth").write_text("\n".join(sorted(libraries)) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOUWPAKKET_", "FLASK_", "PYTHON"))}
    env.update(BOUWPAKKET_DATABASE=str(tmp_path / "db" / "bouwpakket.sqlite3"), BOUWPAKKET_SECRET_KEY="t" * 40)

    loaded = run([python, "-m", "flask", "--app", "builder", "catalogue", "load"], cwd=elsewhere, env=env)
    assert "Edition 2024: loaded 87 agreements." in loaded.stdout

    result = json.loads(run([python, "-c", PAGES], cwd=elsewhere, env=env).stdout)
    imported = Path(result["builder"]).resolve()
    assert imported.is_relative_to(venv.resolve()), f"imported {imported}, not the installed wheel"
    assert result["mo"], "the installed package has no compiled English translations"
    pages = result["pages"]
    statuses = {url: page[0] for url, page in pages.items()}
    assert statuses == {
        "/": 200,
        "POST /nota/nieuw": 302,
        "/nota/onderdeel/5.1": 200,
        "/beheer/login": 200,
        "/static/style.css": 200,
        "POST /taal": 302,
        "English /": 200,
    }, statuses
    assert "Nieuwe afsprakennota" in pages["/"][1] and SECTION_TITLE in pages["/"][1]
    assert SECTION_TITLE in pages["/nota/onderdeel/5.1"][1]
    assert "Aanmelden voor beheer" in pages["/beheer/login"][1] and 'name="password"' in pages["/beheer/login"][2]
    assert "New agreement note" in pages["English /"][1] and "Nieuwe afsprakennota" not in pages["English /"][1]
