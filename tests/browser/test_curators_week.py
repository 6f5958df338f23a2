"""Two Kortom curators through a working week in Chromium: nothing they type is lost, nothing wrong published.

Each page met here is checked with axe at 1280 and 375 px, and screenshotted at both widths into
test-artifacts/screenshots/ (names starting with 5).
"""

from __future__ import annotations

import re

import pytest
from helpers import axe_violations, screenshot
from support import CURATOR_PASSWORD, add_curator

from builder.db import connect, editions, write


def log_in(page, name: str) -> None:
    page.goto(page.base + "/beheer/login")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(CURATOR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("link", name="Edities").first.wait_for()


def accessible(page, artifacts, name: str) -> None:
    """No axe violation at 1280 and at 375 px; screenshots at both."""
    page.wait_for_load_state()
    problems = []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        problems += [f"{width}px: {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, artifacts, name)
    assert problems == [], "\n".join(problems)


@pytest.fixture(scope="module")
def edition(live_server):
    """The draft edition on the module's server (2026, a copy of 2024), and pieter as a second curator."""
    from builder.model.editing import new_edition

    add_curator(live_server.app, "pieter")
    db = connect(live_server.app.config["DATABASE"])
    if editions.draft_edition(db) is None:
        with write(db):
            editions.insert_catalogue(db, new_edition(editions.load(db, "2024"), "2026", "Inspiratienota"))
    draft = editions.draft_edition(db)
    db.close()
    return draft


@pytest.fixture
def pieter(chromium, page):
    """A second browser, logged in as pieter."""
    other = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE").new_page()
    other.base = page.base
    log_in(other, "pieter")
    yield other
    other.context.close()


def stored(live_server, edition_id: str):
    db = connect(live_server.app.config["DATABASE"])
    try:
        return editions.load(db, edition_id)
    finally:
        db.close()


def test_two_curators_add_lines_to_one_table_and_only_a_line_both_changed_is_asked(
    page, pieter, live_server, edition, artifacts
):
    url = f"{page.base}/beheer/edities/{edition}/terminologie/provincie"
    log_in(page, "marthe")
    page.goto(url)
    pieter.goto(url)
    box = pieter.get_by_label("Vervangingen")
    box.fill(
        box.input_value().replace("burgemeester → gouverneur", "burgemeester → de gouverneur")
        + "\nde website → de site"
    )
    pieter.get_by_role("button", name="Bewaar").click()
    pieter.get_by_role("status").get_by_text("Bewaard.").wait_for()
    box = page.get_by_label("Vervangingen")
    box.fill(
        box.input_value().replace("burgemeester → gouverneur", "burgemeester → de voorzitter")
        + "\nhet lokaal bestuur → de zone"
    )
    page.get_by_role("button", name="Bewaar").click()
    page.get_by_role("heading", name="Iemand anders bewaarde dit intussen").wait_for()
    assert page.get_by_text("Jullie veranderden allebei 1 regel.").is_visible()
    accessible(page, artifacts, "50-beheer-terminologie-regelconflict")
    page.get_by_role("button", name="Bewaar mijn keuze").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    table = {r.find: r.replace for r in stored(live_server, edition).terminology_for("provincie").replacements}
    assert table["de website"] == "de site" and table["het lokaal bestuur"] == "de zone", "both new lines stay"
    assert table["burgemeester"] == "de voorzitter"
    page.goto(url)
    accessible(page, artifacts, "50-beheer-terminologie-ongebruikte-regels")
    assert page.get_by_text("Regels die nergens iets veranderen").is_visible()


def test_an_agreement_removed_meanwhile_comes_back_with_what_was_typed(page, pieter, live_server, edition, artifacts):
    url = f"{page.base}/beheer/edities/{edition}/afspraken/redactieraad"
    log_in(page, "marthe")
    page.goto(url)
    page.get_by_label("Tekst van de afspraak").fill("De redactieraad komt elke maand samen.")
    pieter.goto(url + "/verwijderen")
    pieter.get_by_role("button", name=re.compile("^Ja, verwijder afspraak")).click()
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_role("heading", name=re.compile("staat niet meer in editie")).wait_for()
    assert page.get_by_text(re.compile("pieter verwijderde deze afspraak op")).is_visible()
    assert page.get_by_label("Tekst van de afspraak").input_value() == "De redactieraad komt elke maand samen."
    accessible(page, artifacts, "51-beheer-afspraak-intussen-verwijderd")
    page.get_by_role("button", name="Zet de afspraak terug, met mijn tekst").click()
    page.get_by_text(re.compile("staat weer in de editie, met jouw tekst")).wait_for()
    assert stored(live_server, edition).agreement("redactieraad").text == ("De redactieraad komt elke maand samen.",)


def test_undoing_a_change_that_changed_again_asks_first(page, live_server, edition, artifacts):
    url = f"{page.base}/beheer/edities/{edition}/afspraken/persplanning"
    log_in(page, "marthe")
    for text in ("Eerste nieuwe versie.", "Tweede nieuwe versie."):
        page.goto(url)
        page.get_by_label("Tekst van de afspraak").fill(text)
        page.get_by_role("button", name="Bewaar de afspraak").click()
        page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    page.goto(url + "/geschiedenis")
    page.get_by_role("button", name=re.compile("^Zet terug zoals het vóór deze wijziging was")).last.click()
    page.get_by_role("heading", name="Ook latere wijzigingen terugzetten?").wait_for()
    accessible(page, artifacts, "52-beheer-terugzetten-bevestigen")
    assert stored(live_server, edition).agreement("persplanning").text == ("Tweede nieuwe versie.",), "nothing yet"
    page.get_by_role("button", name=re.compile("^Zet alles terug")).click()
    page.get_by_text(re.compile("Teruggezet zoals vóór de wijziging van marthe")).wait_for()


def test_the_saved_message_stands_in_sight_after_a_jump_to_the_variants(page, edition):
    log_in(page, "marthe")
    page.goto(f"{page.base}/beheer/edities/{edition}/afspraken/opmaak-persberichten")
    page.get_by_label("Tekst van de nieuwe variant").fill("De communicatiedienst maakt de opmaak samen met de dienst.")
    page.get_by_role("button", name="Variant toevoegen").click()
    message = page.get_by_role("status").get_by_text("Bewaard.")
    message.wait_for()
    assert page.url.endswith("#varianten")
    box, height = message.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, "in sight, not at the top of the page"


def test_a_reference_in_a_section_intro_goes_where_the_cursor_is(page, live_server, edition, artifacts):
    log_in(page, "marthe")
    page.goto(f"{page.base}/beheer/edities/{edition}/onderdelen/diensten")
    intro = page.get_by_label("Inleiding (optioneel)")
    intro.fill("Over klachten, en verder niets.")
    intro.evaluate("el => el.setSelectionRange(el.value.indexOf(','), el.value.indexOf(','))")
    page.get_by_label("Verwijs naar een andere afspraak").select_option("klachtencoordinatie")
    page.get_by_role("button", name="Voeg de verwijzing in").click()
    assert intro.input_value() == "Over klachten [[klachtencoordinatie|(zie afspraak #)]], en verder niets."
    intro.fill("Zie [[bestaat-niet]].")
    page.get_by_role("button", name="Bewaar het onderdeel", exact=True).click()
    page.get_by_text(re.compile("verwijst naar een afspraak die niet in deze editie staat")).first.wait_for()
    accessible(page, artifacts, "53-beheer-verwijzing-onbekend")


def test_renaming_the_edition_while_a_colleague_types_loses_nothing(page, pieter, live_server, edition, artifacts):
    log_in(page, "marthe")
    pieter.goto(f"{page.base}/beheer/edities/{edition}/afspraken/beelddatabank")
    pieter.get_by_label("Noten voor de lezer (optioneel)").fill("Pieters noot, getypt tijdens de naamswijziging.")
    page.goto(f"{page.base}/beheer/edities/{edition}/naam")
    accessible(page, artifacts, "54-beheer-editie-naam")
    page.get_by_label("Nieuwe naam van de editie").fill(f"{edition}.")
    page.get_by_role("button", name="Geef de editie deze naam").click()
    page.get_by_text(re.compile("niets erachter")).first.wait_for()
    accessible(page, artifacts, "54-beheer-editie-naam-fout")
    page.get_by_label("Nieuwe naam van de editie").fill("2026bis")
    page.get_by_role("button", name="Geef de editie deze naam").click()
    page.get_by_text("De editie heet nu 2026bis.").wait_for()
    pieter.get_by_role("button", name="Bewaar de afspraak").click()
    pieter.get_by_role("status").get_by_text("Bewaard.").wait_for()
    assert "/edities/2026bis/" in pieter.url
    notes = stored(live_server, "2026bis").agreement("beelddatabank").notes
    assert notes == ("Pieters noot, getypt tijdens de naamswijziging.",)
    page.goto(f"{page.base}/beheer/edities/2026bis/verwijderen")
    accessible(page, artifacts, "54-beheer-editie-verwijderen")
    page.goto(f"{page.base}/beheer/edities/2026bis/naam")
    page.get_by_label("Nieuwe naam van de editie").fill(edition)
    page.get_by_role("button", name="Geef de editie deze naam").click()
    page.get_by_text(f"De editie heet nu {edition}.").wait_for()


def test_the_upgrade_page_says_where_a_moved_agreement_goes(chromium, page, live_server, edition, artifacts):
    from helpers import include, open_section, section_done, start_note

    from builder.db import now
    from builder.model import editing
    from builder.model.publishing import publish

    start_note(page)
    for number, agreement in (("5.2", 8), ("5.4", 26), ("5.14", 87)):
        open_section(page, number)
        include(page, agreement)
        section_done(page)
    db = connect(live_server.app.config["DATABASE"])
    with write(db):
        base = editions.load(db, "2024")
        moved = editing.move_after(
            editing.new_edition(base, "2025", base.edition.title), "ai-bij-gemeentediensten", "kwaliteitszorg", ""
        )
        changed, new_id = editing.add_agreement(moved, "diensten", ("Een interne nieuwsbrief.",), title="Nieuwsbrief")
        changed = editing.add_variant(changed, new_id, "Variant 1", ("Elke dienst een nieuwsbrief.",))
        editions.insert_catalogue(db, publish(changed, "Een verhuis.", now(), base))
    db.close()
    page.goto(page.base + "/nota/nieuwe-editie")
    page.get_by_role("heading", name="Verplaatst naar een ander onderdeel").wait_for()
    assert page.get_by_text(re.compile("van onderdeel 5.14 naar 5.3")).is_visible()
    assert page.get_by_label("Variant 1").count() == 1
    accessible(page, artifacts, "55-nota-nieuwe-editie-verplaatst")
