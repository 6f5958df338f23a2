"""Users suggest agreements from any section page; curators handle them."""

from __future__ import annotations


def suggest(browser, number="5.9", **data):
    browser.get(f"/nota/onderdeel/{number}")
    assert f'name="goto" value="/nota/onderdeel/{number}/suggestie"' in browser.page, "it saves the page on the way"
    return browser.submit(f"/nota/onderdeel/{number}/suggestie", data, status=data.pop("_status", 302))


def test_a_suggestion_travels_from_wizard_to_curator(browser, curator):
    browser.start()
    suggest(
        browser,
        kind="nieuw",
        text="De communicatiedienst beheert ook het TikTok-account.",
        name="Jan",
        email="jan@gemeente.be",
    )
    assert "Bedankt! Kortom bekijkt je voorstel." in browser.client.get("/nota/onderdeel/5.9").get_data(as_text=True)
    curator.get("/beheer/suggesties")
    assert "De communicatiedienst beheert ook het TikTok-account." in curator.page
    assert "jan@gemeente.be" in curator.page
    assert "bereid je eerst een nieuwe editie voor" in curator.page
    curator.get("/beheer/")
    assert "1 nieuwe suggestie van gebruikers" in curator.page


def test_a_suggestion_becomes_an_agreement_in_the_new_edition(browser, curator):
    browser.start()
    suggest(browser, kind="nieuw", text="Wij posten elke werkdag één bericht.")
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota 2026"})
    curator.get("/beheer/suggesties")
    response = curator.post("/beheer/suggesties/1/afspraak", {})
    assert response.location.startswith("/beheer/edities/2026/afspraken/wij-posten-elke-werkdag")
    curator.get("/beheer/edities/2026")
    assert "Wij posten elke werkdag één bericht." in curator.text()
    curator.get("/beheer/suggesties")
    assert "werd afspraak" in curator.page


def test_mark_handled(browser, curator):
    browser.start()
    suggest(browser, "5.2", kind="verbetering", agreement="klachtencoordinatie", text="Noem ook de ombudsdienst.")
    curator.get("/beheer/suggesties")
    assert "klachtencoordinatie" in curator.page
    curator.post("/beheer/suggesties/1/afgehandeld", {})
    curator.get("/beheer/suggesties")
    assert "Afgehandeld door marthe" in curator.page


def test_suggestion_form_checks_input_in_dutch(browser):
    browser.start()
    response = suggest(browser, kind="nieuw", text="", email="geen-adres", _status=400)
    page = response.get_data(as_text=True)
    assert "Schrijf je voorstel." in page
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.be." in page
    assert 'value="geen-adres"' in page
