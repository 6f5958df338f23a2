"""Taking the whole catalogue in one go: sections marked taken (not checked), choices kept, and it can be undone."""

from __future__ import annotations

import re

import pytest
from support import Browser

OVERVIEW = "/nota/overzicht"
TAKE = "/nota/overzicht/alles"


@pytest.fixture
def browser(client):
    b = Browser(client)
    b.start()
    b.organisation()
    return b


def statuses(browser) -> dict[str, str]:
    """Each section's status tag on the overview, by its number."""
    browser.get(OVERVIEW)
    row = r'href="/nota/onderdeel/([\d.]+)">.*?<strong class="tag[^"]*">([^<]*)</strong>'
    return dict(re.findall(row, browser.page, re.S))


def test_taken_sections_say_so_and_are_not_counted_as_done(browser):
    browser.get(OVERVIEW)
    browser.post(TAKE, {})
    assert set(statuses(browser).values()) == {"Overgenomen, niet nagekeken"}
    assert "0 van de 14 onderdelen zijn klaar." in browser.page
    assert "14 onderdelen zijn overgenomen en nog niet nagekeken." in browser.page


def test_the_review_warns_about_every_section_taken_but_not_looked_at(browser):
    browser.get(OVERVIEW)
    browser.post(TAKE, {})
    browser.get("/nota/nalezen")
    assert "Je nam 14 onderdelen in één keer over en keek ze nog niet na:" in browser.page


def test_a_section_saved_on_its_page_is_checked(browser):
    browser.get(OVERVIEW)
    browser.post(TAKE, {})
    browser.submit("/nota/onderdeel/5.1", {"action": "next"})
    assert statuses(browser)["5.1"] == "Klaar"
    browser.get("/nota/nalezen")
    assert "Je nam 13 onderdelen in één keer over" in browser.page


def test_taking_the_rest_keeps_what_was_left_out_on_purpose(browser):
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    browser.get(OVERVIEW)
    assert "Neem de rest van de catalogus over" in browser.page
    browser.post(TAKE, {})
    browser.get(OVERVIEW)
    assert re.search(r"5\.1 .*?1 van de \d+ afspraken gekozen", browser.page, re.S)
    assert statuses(browser)["5.1"] == "Klaar"
    assert "Neem de rest van de catalogus over" not in browser.page, "nothing left to take"


def test_the_takeover_can_be_undone_from_the_overview(browser):
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    browser.get(OVERVIEW)
    before = re.search(r"Je nota telt (\d+) afspra", browser.page).group(1)
    browser.post(TAKE, {})
    browser.get(OVERVIEW)
    undo = re.search(r'action="(/nota/versies/\d+/terug)"[^>]*>\s*<input[^>]*-ongedaan', browser.page)
    assert undo and "Maak het overnemen ongedaan" in browser.page
    browser.post(undo.group(1), {})
    browser.get(OVERVIEW)
    assert re.search(r"Je nota telt (\d+) afspra", browser.page).group(1) == before == "1"
    assert statuses(browser)["5.2"] == "Niet begonnen"
    assert "Maak het overnemen ongedaan" not in browser.page
