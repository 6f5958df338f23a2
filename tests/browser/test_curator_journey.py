"""Curators at work in a real browser: publishing a wording, never losing what they typed."""

from __future__ import annotations

import re

import pytest
from helpers import CURATOR, include, open_section, section_done, start_note
from support import CURATOR_PASSWORD, add_curator


def test_curator_publishes_a_new_wording(chromium, page):
    start_note(page)
    open_section(page, "5.2")
    include(page, 14)
    section_done(page)

    staff = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        staff.goto(page.base + "/beheer")
        staff.get_by_label("Naam").fill(CURATOR[0])
        staff.get_by_label("Wachtwoord").fill(CURATOR[1])
        staff.get_by_role("button", name="Aanmelden").click()
        staff.get_by_label("Naam van de nieuwe editie").fill("2026")
        staff.get_by_role("button", name="Nieuwe editie starten").click()
        staff.get_by_role("link", name="De communicatiedienst ontwikkelt en beheert een beelddatabank.").click()
        staff.get_by_label("Tekst van de afspraak").fill(
            "De communicatiedienst beheert een beeldbank met rechten per foto."
        )
        staff.get_by_role("button", name="Bewaar de afspraak").click()
        staff.get_by_role("link", name="Terug naar de editie").click()
        staff.get_by_role("link", name="Publiceren").click()
        assert staff.get_by_text("Herschreven · Afspraak 14").is_visible()
        staff.get_by_label("Wat veranderde er in deze editie?").fill("Afspraak over de beeldbank bijgewerkt.")
        staff.get_by_role("button", name="Publiceer editie 2026").click()
        staff.get_by_text("Editie 2026 is gepubliceerd.").wait_for()
    finally:
        staff.context.close()

    page.goto(page.base + "/nota/nalezen")
    assert page.get_by_text("De communicatiedienst ontwikkelt en beheert een beelddatabank.").is_visible()

    newcomer = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    newcomer.base = page.base
    try:
        start_note(newcomer)
        open_section(newcomer, "5.2")
        assert newcomer.get_by_text(
            "De communicatiedienst beheert een beeldbank met rechten per foto."
        ).first.is_visible()
    finally:
        newcomer.context.close()


def log_in(page, name=CURATOR[0]) -> None:
    page.goto(page.base + "/beheer/login")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(CURATOR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("link", name="Edities").first.wait_for()


@pytest.fixture(scope="module")
def edition_2027(live_server):
    """An edition in preparation on the module's server, and a second curator."""
    from builder.db import connect, editions, write
    from builder.model.editing import new_edition

    add_curator(live_server.app, "pieter")
    db = connect(live_server.app.config["DATABASE"])
    if editions.draft_edition(db) is None:
        with write(db):
            editions.insert_catalogue(db, new_edition(editions.load(db, editions.latest_published(db)), "2027", "T"))
    draft = editions.draft_edition(db)
    db.close()
    return draft


def agreement_url(page, edition, agreement_id="beelddatabank"):
    return f"{page.base}/beheer/edities/{edition}/afspraken/{agreement_id}"


def stored_text(live_server, edition, agreement_id="beelddatabank"):
    from builder.db import connect, editions

    db = connect(live_server.app.config["DATABASE"])
    try:
        return editions.load(db, edition).agreement(agreement_id)
    finally:
        db.close()


def test_variant_toevoegen_also_saves_the_changed_text(page, live_server, edition_2027):
    log_in(page)
    page.goto(agreement_url(page, edition_2027, "redactieraad"))
    page.get_by_label("Tekst van de afspraak").fill("De redactieraad komt maandelijks samen.")
    page.get_by_label("Tekst van de nieuwe variant").fill("De redactieraad komt wekelijks samen.")
    page.get_by_role("button", name="Variant toevoegen").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    agreement = stored_text(live_server, edition_2027, "redactieraad")
    assert agreement.text == ("De redactieraad komt maandelijks samen.",)
    assert [v.text for v in agreement.variants] == [("De redactieraad komt wekelijks samen.",)]


def test_leaving_with_unsaved_changes_asks_first(page, edition_2027):
    log_in(page)
    url = agreement_url(page, edition_2027)
    page.goto(url)
    page.wait_for_load_state()
    page.get_by_label("Noten voor de lezer (optioneel)").click()
    page.keyboard.type("Nog niet bewaard.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Terug naar de editie").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == url and page.get_by_label("Noten voor de lezer (optioneel)").input_value() == "Nog niet bewaard."


def test_two_curators_at_once_see_both_texts_and_merge_them(chromium, page, live_server, edition_2027):
    url = agreement_url(page, edition_2027, "persplanning")
    log_in(page)
    page.goto(url)
    pieter = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    pieter.base = page.base
    try:
        log_in(pieter, "pieter")
        pieter.goto(url)
        pieter.get_by_label("Tekst van de afspraak").fill("Pieter: de dienst maakt de persplanning.")
        pieter.get_by_role("button", name="Bewaar de afspraak").click()
        pieter.get_by_role("status").get_by_text("Bewaard.").wait_for()
    finally:
        pieter.context.close()
    page.get_by_label("Tekst van de afspraak").fill("Marthe: het college maakt de persplanning.")
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_role("heading", name="Iemand anders bewaarde dit intussen").wait_for()
    assert page.get_by_text(re.compile("bewaarde pieter op")).is_visible()
    page.get_by_label("Samengevoegde tekst").fill("Het college en de dienst maken samen de persplanning.")
    assert page.get_by_label("Samengevoegd: de tekst hieronder").is_checked(), "typing chooses the merge"
    page.get_by_role("button", name="Bewaar mijn keuze").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    assert stored_text(live_server, edition_2027, "persplanning").text == (
        "Het college en de dienst maken samen de persplanning.",
    )


def test_an_expired_session_saves_the_text_right_after_logging_in(page, live_server, edition_2027):
    from builder.db import connect, write

    log_in(page)
    page.goto(agreement_url(page, edition_2027, "opmaak-persberichten"))
    page.get_by_label("Tekst van de afspraak").fill("Getypt terwijl de sessie verliep.")
    db = connect(live_server.app.config["DATABASE"])
    with write(db):
        db.execute("UPDATE curator_sessions SET last_seen = '2020-01-01T00:00:00.000000Z'")
    db.close()
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_text(re.compile("Wat je typte, is niet verloren")).wait_for()
    page.get_by_label("Naam").fill(CURATOR[0])
    page.get_by_label("Wachtwoord").fill(CURATOR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()  # saved at once, no second click
    assert page.get_by_role("heading", name=re.compile("^Afspraak ")).is_visible()
    assert stored_text(live_server, edition_2027, "opmaak-persberichten").text == ("Getypt terwijl de sessie verliep.",)


def test_a_reference_goes_where_the_cursor_is_and_counts_as_an_unsaved_change(page, live_server, edition_2027):
    log_in(page)
    url = agreement_url(page, edition_2027, "opmaak-persberichten")
    page.goto(url)
    box = page.get_by_label("Tekst van de afspraak")
    box.fill("Zie ook de persplanning, en verder niets.")
    box.evaluate("el => el.setSelectionRange(el.value.indexOf(', en'), el.value.indexOf(', en'))")
    page.get_by_label("Verwijs naar een andere afspraak").select_option("persplanning")
    page.get_by_role("button", name="Voeg de verwijzing in").click()
    assert box.input_value() == "Zie ook de persplanning [[persplanning|(zie afspraak #)]], en verder niets."
    assert page.url == url, "no page load: nothing was sent"
    assert stored_text(live_server, edition_2027, "opmaak-persberichten").text != (box.input_value(),)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Terug naar de editie").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"], "leaving asks first"
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    assert stored_text(live_server, edition_2027, "opmaak-persberichten").text == (
        "Zie ook de persplanning [[persplanning|(zie afspraak #)]], en verder niets.",
    )
