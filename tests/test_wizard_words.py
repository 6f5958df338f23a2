"""What the wizard says: one numbering story, steps from the registry, plurals, dates, links users expect."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from support import upload

from builder.model.choices import FORMAT


def test_a_section_page_says_both_numbers_where_they_differ(browser):
    browser.start()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "save"})
    browser.submit("/nota/onderdeel/5.2", {"include_5": "y", "action": "save"})
    browser.get("/nota/onderdeel/5.2")
    assert "Afspraak 13 uit de catalogus · wordt 2 in je nota" in browser.text()
    browser.get("/nota/onderdeel/5.1")
    assert "wordt 1 in je nota" not in browser.text(), "the same number is said once"


def test_a_warning_names_both_numbers_and_links_to_the_agreement(browser):
    browser.start()
    browser.submit("/nota/onderdeel/5.2", {"include_5": "y", "variant_5": "Variant", "action": "save"})
    browser.get("/nota/nalezen")
    assert "Afspraak 1 (afspraak 13 in de catalogus): je koos een variant" in browser.text()
    assert 'value="/nota/onderdeel/5.2#afspraak-klachtencoordinatie"' in browser.page


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/nota/organisatie", "Stap 1 van 5: Je organisatie"),
        ("/nota/inleiding", "Stap 2 van 5: Inleiding en visie"),
        ("/nota/overzicht", "Stap 3 van 5: Afspraken kiezen"),
        ("/nota/onderdeel/5.1", "Stap 3 van 5: Afspraken kiezen · Onderdeel 1 van 14"),
        ("/nota/onderdeel/5.14", "Onderdeel 14 van 14"),
        ("/nota/nalezen", "Stap 4 van 5: Je nota nalezen"),
    ],
)
def test_every_step_says_where_it_stands(browser, url, label):
    browser.start()
    browser.organisation()
    browser.get(url)
    assert label in browser.text()


def test_counts_are_said_in_proper_plurals(browser):
    browser.start()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "own_text_new": "Onze regel.", "action": "done"})
    browser.get("/nota/overzicht")
    text = browser.text()
    assert "1 van de 14 onderdelen is klaar." in text
    assert re.search(r"1 van de \d+ afspraken gekozen · 1 eigen afspraak", text), "own agreements are counted apart"
    assert "Je nota telt 2 afspraken." in text


def test_a_save_says_bewaard(browser):
    browser.start()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "save"})
    browser.get("/nota/onderdeel/5.1")
    assert "Bewaard." in browser.text() and "Opgeslagen" not in browser.text()


def test_filled_approval_fields_switch_the_block_on_and_keep_the_date_as_typed(browser):
    browser.start()
    browser.submit("/nota/nalezen", {"approved_by": "het college", "approved_on": "20/12/2026"})
    browser.get("/nota/nalezen")
    assert 'id="approval" name="approval" type="checkbox" value="y" checked' in browser.page
    assert 'value="20/12/2026"' in browser.page
    assert "Het goedkeuringsblok staat in je nota" in browser.text()


def test_the_suggestion_form_names_agreements_by_their_first_words(browser):
    browser.start()
    browser.get("/nota/onderdeel/5.2/suggestie")
    assert "Afspraak 8: De communicatiedienst begeleidt en ondersteunt de diensten bij …" in browser.text()


def test_the_private_link_can_be_mailed(browser):
    link = browser.start()
    href = re.search(r'href="(mailto:[^"]+)"', browser.page).group(1)
    assert "subject=Mijn%20bewaarlink" in href
    assert link in unquote(href.replace("&amp;", "&"))


def test_the_site_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"
    response.close()


def test_adding_an_own_agreement_lands_on_it_not_on_the_empty_form(browser):
    browser.start()
    page = "/nota/onderdeel/5.1"
    browser.get(page)
    places = browser.page.split('name="own_after_new"')[1].split("</select>")[0]
    last = re.findall(r'<option value="([^"]+)"', places)[-1]
    first = browser.fill(page, {"own_text_new": "Eerste eigen afspraak.", "own_after_new": last, "action": "add-own"})
    assert first.location.endswith("#eigen-afspraak-1")
    response = browser.fill(page, {"own_text_new": "Tweede eigen afspraak.", "own_after_new": "", "action": "add-own"})
    assert response.location.endswith("/nota/onderdeel/5.1#eigen-afspraak-1"), "at the top: it comes first"
    browser.get("/nota/onderdeel/5.1")
    item = re.search(r'<div class="own__item" id="eigen-afspraak-1"[^>]*>(.*?)</div>', browser.page, re.S)
    assert "Tweede eigen afspraak." in item.group(1), "the first own agreement on the page"


def test_the_private_link_page_says_created_only_right_after_creating(browser):
    browser.start()
    assert "Je nota is aangemaakt." in browser.text()
    browser.get("/nota/bewaarlink")
    assert "Je nota is aangemaakt." not in browser.text()
    assert "Met deze link open je je nota" in browser.text()


def test_the_order_of_the_note_numbers_parts_as_the_document_does(browser):
    browser.start()
    browser.submit("/nota/inleiding", {"vision": "Wij communiceren helder."})
    browser.submit("/nota/onderdeel/5.11", {"include_0": "y", "action": "done"})
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    browser.get("/nota/eigen-onderdelen")
    assert '<ol class="order-list" start="2">' in browser.page, "1 is the introduction"
    items = re.findall(r'<li class="order-list__item">\s*(.*?)\s*</li>', browser.page, re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", i).split()) for i in items][1] == "Gedrukte publicaties (catalogus 5.11)"


def test_the_approval_box_is_ticked_whenever_the_block_is_in_the_note(browser):
    """A note whose approval fields were filled elsewhere (a choices file) shows the block as on."""
    note = {"format": FORMAT, "edition": "2024", "options": {"approval": False, "decision": "CBS 2026/7"}}
    upload(browser, json.dumps(note).encode(), name="nota.json")
    browser.get("/nota/nalezen")
    assert 'id="approval" name="approval" type="checkbox" value="y" checked' in browser.page
