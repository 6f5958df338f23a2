"""Catalogue text is text: markup in any curated field is shown, escaped, on every page and never runs.

A published title once closed the "Plaats in de nota" list and added a button that deleted
the user's draft. Here every text of an edition carries markup, and every page of the wizard
and of /beheer that shows catalogue text must show it as text.
"""

from __future__ import annotations

import pytest
from support import Browser

from builder.db import connect, editions, write
from builder.model.catalogue import Catalogue

MARK = '"><b>vijandig</b>'
TEXT_KEYS = {"title", "subtitle", "publisher", "text", "items", "notes", "heading", "intro", "label", "subheading"}


def hostile(value, key=None):
    """The plain data of a catalogue with MARK after every text a curator writes."""
    if isinstance(value, dict):
        return {k: hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {MARK}"
    if key == "url":
        return "https://kortom.be/zoek?q=" + MARK
    return value


@pytest.fixture
def hostile_edition(db_path, catalogue) -> Catalogue:
    data = hostile(catalogue.to_plain())
    data["edition"].update(id="2099", published_at="2099-01-01T00:00:00.000000Z", change_summary=MARK)
    edition = Catalogue.from_plain(data)
    db = connect(db_path)
    with write(db):
        editions.insert_catalogue(db, edition)
    db.close()
    return edition


def assert_shown_as_text(browser: Browser, url: str, status: int = 200) -> None:
    browser.get(url, status)
    assert "<b>vijandig</b>" not in browser.page, f"markup from the catalogue runs on {url}"
    assert "&lt;b&gt;vijandig&lt;/b&gt;" in browser.page, f"{url} should show the catalogue's text"


def test_the_wizard_shows_markup_in_the_catalogue_as_text(client, hostile_edition):
    user = Browser(client)
    user.start()
    user.organisation()
    chapters = [c.id for c in hostile_edition.chapters]
    user.submit("/nota/inleiding", {"chapters": chapters})
    for section in hostile_edition.sections:
        ticks = {f"include_{i}": "y" for i in range(len(section.agreements))}
        user.submit(f"/nota/onderdeel/{section.number}", {**ticks, "intro": "y", "action": "done"})
    user.submit("/nota/eigen-onderdelen", {"new_title": "Eigen", "new_after": "5.1", "action": "add"})
    pages = ["/", "/nota/inleiding", "/nota/overzicht", "/nota/eigen-onderdelen", "/nota/eigen-onderdelen/eigen-1"]
    pages += [f"/nota/onderdeel/{s.number}" for s in hostile_edition.sections]
    pages += ["/nota/onderdeel/5.2/suggestie", "/nota/nalezen"]
    pages.append(user.review_link("managementteam"))  # the reviewer's page shows the same catalogue texts
    for url in pages:
        assert_shown_as_text(user, url)


def test_a_section_title_cannot_add_a_button_to_the_place_list(client, hostile_edition):
    user = Browser(client)
    user.start()
    user.get("/nota/eigen-onderdelen")
    options = user.page.split('id="new_after"', 1)[1].split("</select>", 1)[0]
    assert "<b>" not in options and "&lt;b&gt;vijandig&lt;/b&gt;" in options


def test_beheer_shows_markup_in_the_catalogue_as_text(curator, hostile_edition):
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2100", "title": "Volgende"})
    section, agreement = hostile_edition.sections[1], hostile_edition.sections[1].agreements[0]
    chapter = hostile_edition.chapters[0]
    for url in [
        "/beheer/",
        "/beheer/edities/2099",
        "/beheer/edities/2099/voorbeeld",
        "/beheer/edities/2099/voorbeeld/5.2",
        "/beheer/edities/2100",
        "/beheer/edities/2100/gegevens",
        f"/beheer/edities/2100/onderdelen/{section.id}",
        f"/beheer/edities/2100/afspraken/{agreement.id}",
        f"/beheer/edities/2100/hoofdstukken/{chapter.id}",
        "/beheer/gebruik?editie=2099",
    ]:
        assert_shown_as_text(curator, url)
