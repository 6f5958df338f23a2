"""What a user does in the browser, in the user's words (labels, roles, button texts)."""

from __future__ import annotations

import io
import re

import docx
from axe_playwright_python.sync_playwright import Axe
from support import CURATOR_PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CURATOR = ("marthe", CURATOR_PASSWORD)
_axe = Axe()


def start_note(page) -> str:
    """Click "Nieuwe afsprakennota"; returns the private link shown."""
    page.goto(page.base + "/")
    page.get_by_role("button", name="Nieuwe afsprakennota").click()
    page.get_by_role("heading", name="Bewaar je link").wait_for()
    return page.get_by_label("Link naar je nota").input_value()


def fill_organisation(page, name="Gemeente Zottegem") -> None:
    page.goto(page.base + "/nota/organisatie")
    page.get_by_label("Naam van je organisatie").fill(name)
    page.get_by_label("Gemeente", exact=True).check()
    page.get_by_label("Jouw naam").fill("An Peeters")
    page.get_by_role("button", name="Bewaar en ga verder").click()


def open_section(page, number: str) -> None:
    page.goto(page.base + "/nota/overzicht")
    page.get_by_role("link", name=re.compile(rf"^{re.escape(number)} ")).click()
    page.wait_for_load_state()  # enhance.js has set up its listeners


def include(page, number: int) -> None:
    page.get_by_label(f"Afspraak {number} opnemen in mijn nota").check()


def section_done(page) -> None:
    page.get_by_role("button", name="Bewaar en terug naar het overzicht").click()
    page.get_by_role("heading", name=re.compile("Communicatieafspraken|Je afsprakennota")).wait_for()


def download(page):
    """Go to Downloaden, click the button, return the .docx as a python-docx Document."""
    page.goto(page.base + "/nota/downloaden")
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden (.docx)").click()
    with open(info.value.path(), "rb") as file:
        data = file.read()
    return info.value.suggested_filename, docx.Document(io.BytesIO(data))


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations on the page as it is now, as readable lines."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


def horizontal_overflow(page, width: int = 320) -> int:
    """Pixels of horizontal scrolling at `width` CSS px (400 % zoom of 1280): 0 is good."""
    old = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(old)
    return overflow


def screenshot(page, artifacts, name: str) -> None:
    """Full-page screenshots at 1280 and 375 px into test-artifacts/screenshots/."""
    old = page.viewport_size
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / "screenshots" / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(old)
