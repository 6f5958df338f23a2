"""A colleague removes an agreement while a curator edits it: the typed text survives, with a way back."""

from __future__ import annotations

import re

from builder.db import connect, editions

AGREEMENT = "/beheer/edities/2026/afspraken/beelddatabank"


def stored(app):
    return editions.load(connect(app.config["DATABASE"]), "2026")


def removed_by_pieter(draft, pieter):
    """Marthe opens agreement 14; Pieter removes it; Marthe saves her new text."""
    draft.get(AGREEMENT)
    pieter.fill(AGREEMENT + "/verwijderen", {})
    return draft.send({"text": "Marthes nieuwe beeldbank.", "notes": "Marthes noot."}, status=409)


def test_saving_an_agreement_a_colleague_removed_shows_the_typed_text_and_who_removed_it(app, draft, pieter):
    removed_by_pieter(draft, pieter)
    text = draft.text()
    assert "Afspraak 14 staat niet meer in editie 2026" in text
    assert re.search(r"pieter verwijderde deze afspraak op \d+ \w+ \d{4}, \d\d:\d\d\.", text)
    assert "Wat je typte, is niet bewaard, maar ook niet verloren" in text
    assert re.search(r"<textarea[^>]*readonly>\nMarthes nieuwe beeldbank\.</textarea>", draft.page)
    assert re.search(r"<textarea[^>]*readonly>\nMarthes noot\.</textarea>", draft.page)
    assert "Pagina niet gevonden" not in text
    assert "beelddatabank" not in stored(app).numbers, "nothing was put back without asking"


def test_the_curator_puts_the_agreement_back_with_the_typed_text(app, draft, pieter):
    removed_by_pieter(draft, pieter)
    response = draft.send({"action": "terugzetten"}, action=AGREEMENT)
    assert response.location == AGREEMENT
    catalogue = stored(app)
    agreement = catalogue.agreement("beelddatabank")
    assert agreement.text == ("Marthes nieuwe beeldbank.",) and agreement.notes == ("Marthes noot.",)
    assert agreement.number == 14 and catalogue.section_of("beelddatabank").id == "diensten", "at its old place"
    draft.get(AGREEMENT)
    assert "Afspraak 14 staat weer in de editie, met jouw tekst." in draft.text()
    draft.get("/beheer/edities/2026/afspraken/beelddatabank/geschiedenis")
    assert "Afspraak hersteld" in draft.text() and "Afspraak verwijderd" in draft.text()


def test_the_typed_text_can_become_a_new_agreement(app, draft, pieter):
    removed_by_pieter(draft, pieter)
    new = "/beheer/edities/2026/afspraken/nieuw?onderdeel=diensten"
    draft.send({}, status=200, action=new)
    draft.url = new  # the page the browser shows now
    assert draft.page.count("Marthes nieuwe beeldbank.") == 1 and "Er is een probleem" not in draft.text()
    draft.send({"title": "Beeldbank"}, action=new)
    assert "Marthes nieuwe beeldbank." in [a.text[0] for a in stored(app).agreements]


def test_going_back_to_a_removed_agreement_says_what_happened_and_offers_to_restore_it(app, draft, pieter):
    draft.get(AGREEMENT)
    pieter.fill(AGREEMENT + "/verwijderen", {})
    draft.get(AGREEMENT, status=410)
    assert "pieter verwijderde deze afspraak op" in draft.text()
    restore = re.search(r'action="(/beheer/edities/2026/geschiedenis/\d+/herstellen)"', draft.page).group(1)
    draft.send({}, action=restore)
    assert stored(app).agreement("beelddatabank").number == 14


def test_an_agreement_that_never_was_is_not_found_with_a_way_back_to_the_curators_pages(draft):
    draft.get("/beheer/edities/2026/afspraken/bestaat-niet", status=404)
    assert "Pagina niet gevonden" in draft.text()
    assert 'href="/beheer/">Naar het beheer van de catalogus</a>' in draft.page
    assert "Naar de startpagina" not in draft.text()


def test_a_chapter_or_section_removed_meanwhile_gives_the_typed_text_back(app, draft, pieter):
    chapter = "/beheer/edities/2026/hoofdstukken/hoofdrollen"
    draft.get(chapter)
    pieter.fill(chapter + "/verwijderen", {})
    response = draft.send({"body": "Marthes nieuwe hoofdstuktekst."}, status=410)
    assert "pieter verwijderde dit hoofdstuk op" in draft.text()
    assert "Marthes nieuwe hoofdstuktekst." in response.get_data(as_text=True)
    draft.fill("/beheer/edities/2026/onderdelen/nieuw", {"title": "Toegankelijkheid"})
    section = "/beheer/edities/2026/onderdelen/toegankelijkheid"
    draft.get(section)
    pieter.fill(section + "/verwijderen", {})
    draft.send({"intro": "Voor iedereen leesbaar."}, status=410)
    assert "pieter verwijderde dit onderdeel op" in draft.text() and "Voor iedereen leesbaar." in draft.page
