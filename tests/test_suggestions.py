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


def new_edition(curator):
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota 2026"})


def test_a_suggestion_becomes_an_agreement_whose_id_comes_from_its_title(app, browser, curator):
    browser.start()
    suggest(browser, kind="nieuw", text="Kunnen jullie iets opnemen over een dagelijks bericht op sociale media?")
    new_edition(curator)
    curator.get("/beheer/suggesties")
    assert 'href="/beheer/edities/2026/afspraken/nieuw?suggestie=1"' in curator.page
    curator.get("/beheer/edities/2026/afspraken/nieuw?suggestie=1")
    assert "Kunnen jullie iets opnemen over een dagelijks bericht" in curator.page, "beside the form, to copy from"
    assert "dagelijks bericht op sociale media?</textarea>" not in curator.page, "never in the official text box"
    assert 'value="sociale-media/' in curator.page and "selected" in curator.page
    response = curator.send({"title": "Dagelijks bericht", "text": "Wij posten elke werkdag één bericht."})
    assert response.location == "/beheer/edities/2026/afspraken/dagelijks-bericht"
    curator.get("/beheer/edities/2026/onderdelen/sociale-media")
    assert "Wij posten elke werkdag één bericht." in curator.text()
    curator.get("/beheer/suggesties")
    assert "Nieuwe afspraak gemaakt door marthe" in curator.text()


def test_a_suggestion_to_improve_an_agreement_is_applied_as_an_edit_of_it(app, browser, curator):
    browser.start()
    better = "De communicatiedienst treedt op als klachtencoördinator, samen met de ombudsdienst."
    suggest(browser, "5.2", kind="verbetering", agreement="klachtencoordinatie", text=better)
    new_edition(curator)
    curator.get("/beheer/suggesties")
    text = curator.text()
    assert "Verbetering · editie 2024 · onderdeel 5.2 · afspraak 13" in text
    assert (
        "Zo luidt afspraak 13 nu (editie 2026)" in text
        and "De communicatiedienst treedt op als klachtencoördinator." in text
    )
    assert "klachtencoordinatie" not in curator.text(), "no ids in sight"
    link = "/beheer/edities/2026/afspraken/klachtencoordinatie?suggestie=1"
    assert f'href="{link}"' in curator.page.replace("&amp;", "&")
    curator.get(link)
    assert better in curator.text() and f">\n{better}</textarea>" not in curator.page, "beside the form, not in it"
    curator.send({"text": better})
    from builder.db import connect, editions

    db = connect(app.config["DATABASE"])
    assert editions.load(db, "2026").agreement("klachtencoordinatie").text == (better,)
    curator.get("/beheer/suggesties")
    assert "Verwerkt in een afspraak door marthe" in curator.text()
    assert "Geen open suggesties." in curator.text()


def test_a_suggestion_is_rejected_with_a_reason_and_can_be_reopened(browser, curator):
    browser.start()
    suggest(browser, "5.2", kind="verbetering", agreement="klachtencoordinatie", text="Noem ook de ombudsdienst.")
    curator.get("/beheer/suggesties/1/afwijzen")
    response = curator.send({"reason": ""}, status=400)
    assert "Schrijf kort waarom je de suggestie niet overneemt." in response.get_data(as_text=True)
    curator.send({"reason": "De ombudsdienst hoort niet in elke gemeente bij communicatie."})
    curator.get("/beheer/suggesties")
    text = curator.text()
    assert "Afgewezen door marthe" in text and "Reden: De ombudsdienst hoort niet in elke gemeente" in text
    curator.send({}, action="/beheer/suggesties/1/heropenen")
    curator.get("/beheer/suggesties")
    assert "Open (1)" in curator.text() and "Afgehandeld (0)" in curator.text()


def test_mark_handled(browser, curator):
    browser.start()
    suggest(browser, "5.2", kind="verbetering", agreement="klachtencoordinatie", text="Noem ook de ombudsdienst.")
    curator.get("/beheer/suggesties")
    curator.send({}, action="/beheer/suggesties/1/afgehandeld")
    curator.get("/beheer/suggesties")
    assert "Afgehandeld door marthe" in curator.page


def test_two_curators_handling_one_suggestion_do_not_overwrite_each_other(app, browser, curator):
    browser.start()
    suggest(browser, "5.2", kind="nieuw", text="Een voorstel.")
    curator.get("/beheer/suggesties")
    page = curator.page
    curator.send({}, action="/beheer/suggesties/1/afgehandeld")
    curator.get("/beheer/suggesties/1/afwijzen", status=302)  # handled already: no rejecting it any more
    curator.send({}, action="/beheer/suggesties/1/afgehandeld", page=page)  # the old page's button
    curator.get("/beheer/suggesties")
    assert "Iemand anders behandelde deze suggestie intussen" in curator.text()


def test_the_list_of_suggestions_pages(app, browser, curator):
    from builder.db import connect, suggestions, write

    db = connect(app.config["DATABASE"])
    with write(db):
        for n in range(30):
            suggestions.add_suggestion(
                db,
                edition_id="2024",
                section_number="5.1",
                agreement_id="",
                kind="nieuw",
                text=f"Voorstel {n}",
                name="",
                email="",
            )
    curator.get("/beheer/suggesties")
    assert (
        "Pagina 1 van 2" in curator.text() and "Voorstel 29" in curator.text() and "Voorstel 4 " not in curator.text()
    )
    curator.get("/beheer/suggesties?pagina=2")
    assert "Voorstel 4" in curator.text() and "Voorstel 29" not in curator.text()


def test_suggestion_form_checks_input_in_dutch(browser):
    browser.start()
    response = suggest(browser, kind="nieuw", text="", email="geen-adres", _status=400)
    page = response.get_data(as_text=True)
    assert "Schrijf je voorstel." in page
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.be." in page
    assert 'value="geen-adres"' in page


WOORDVOERDER = "Bij ons moet ook de woordvoerder de persberichten in kopie krijgen. Kan dat als variant?"
AGREEMENT_47 = "/beheer/edities/2026/afspraken/leden-in-kopie-van-persberichten"


def test_a_suggestion_for_a_variant_stays_beside_the_form_and_an_undo_reopens_it(app, browser, curator):
    from builder.db import connect, editions

    browser.start()
    suggest(browser, "5.8", kind="verbetering", agreement="leden-in-kopie-van-persberichten", text=WOORDVOERDER)
    new_edition(curator)
    curator.get(f"{AGREEMENT_47}?suggestie=1")
    assert "Gestuurd op" in curator.text() and "vanuit editie 2024, onderdeel 5.8" in curator.text()
    unchanged = editions.load(connect(app.config["DATABASE"]), "2026").agreement("leden-in-kopie-van-persberichten")
    curator.send({}, action=AGREEMENT_47)
    curator.get(f"{AGREEMENT_47}?suggestie=1")
    assert "Er veranderde niets: de suggestie blijft open." in curator.text()
    variant = "Bij het uitsturen van persberichten staan ook de woordvoerder en de leden van het college in kopie."
    curator.send({"new_variant-text": variant, "action": "variant-toevoegen"}, action=AGREEMENT_47)
    agreement = editions.load(connect(app.config["DATABASE"]), "2026").agreement("leden-in-kopie-van-persberichten")
    assert agreement.text == unchanged.text, "the official text is not the suggestion"
    assert [v.text for v in agreement.variants] == [(variant,)]
    curator.get("/beheer/suggesties")
    assert "Geen open suggesties." in curator.text()
    curator.get(f"{AGREEMENT_47}/geschiedenis")
    assert "uit een suggestie van een gebruiker" in curator.text()


def test_undoing_the_change_a_suggestion_made_reopens_the_suggestion(app, browser, curator):
    import re

    browser.start()
    suggest(browser, "5.8", kind="verbetering", agreement="leden-in-kopie-van-persberichten", text=WOORDVOERDER)
    new_edition(curator)
    curator.get(f"{AGREEMENT_47}?suggestie=1")
    curator.send({"notes": "Ook de woordvoerder, als die er is."}, action=AGREEMENT_47)
    curator.get(f"{AGREEMENT_47}/geschiedenis")
    change = re.search(r'action="(/beheer/edities/2026/geschiedenis/\d+/herstellen)"', curator.page).group(1)
    response = curator.send({"versie": "voor"}, action=change)
    curator.get(response.location)
    assert "De suggestie waaruit die wijziging kwam, staat weer bij de open suggesties." in curator.text()
    curator.get("/beheer/suggesties")
    assert "Geen open suggesties." not in curator.text() and WOORDVOERDER in curator.text()


def test_a_suggestion_says_the_kind_of_organisation_and_the_edition_it_came_from(browser, curator):
    browser.start()
    browser.organisation("Provincie Limburg", type="provincie")
    suggest(browser, "5.2", kind="verbetering", agreement="klachtencoordinatie", text="Noem de gouverneur.")
    curator.get("/beheer/suggesties")
    assert "Verbetering · Provincie · editie 2024 · onderdeel 5.2 · afspraak 13" in curator.text()
