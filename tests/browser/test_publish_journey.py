"""The author publishes the note as a web page, a reader opens it on a phone and a wide screen, the author publishes
a later version, revokes the page and publishes again at a new address. axe checks every page in every state
(the published page at 320, 375 and 1280 px, without horizontal scrolling); each is kept as a screenshot."""

from __future__ import annotations

import re

from helpers import (
    fill_organisation,
    include,
    open_section,
    section_done,
    start_note,
)

WIDTHS = (320, 375, 1280)


def reader_page(chromium, javascript: bool = True):
    """Someone who was given the address, in a browser of their own (with or without JavaScript)."""
    viewport = {"width": 1280, "height": 900}
    context = chromium.new_context(viewport=viewport, locale="nl-BE", java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def publish(page, findable: bool = False) -> str:
    """On the download page: tick (or not) the search engines' box, publish; returns the address shown."""
    box = page.get_by_label("Zoekmachines mogen de pagina vinden")
    box.set_checked(findable)
    page.get_by_role("button", name="Publiceer als webpagina").click()
    page.get_by_text("Je nota staat online. Geef het adres aan wie ze mag lezen.").wait_for()
    return page.get_by_role("textbox", name="Adres van de webpagina").input_value()


def test_publish_read_on_any_screen_publish_again_revoke_and_republish(page, chromium, checked):
    start_note(page)
    fill_organisation(page)
    open_section(page, "5.1")
    include(page, 1)
    include(page, 2)
    section_done(page)
    page.goto(page.base + "/nota/downloaden")
    page.get_by_role("heading", name="Publiceren als webpagina").wait_for()
    checked(page, "50-downloaden-publiceren")
    address = publish(page)
    assert "/gepubliceerd/" in address
    checked(page, "50-downloaden-gepubliceerd")

    reader = reader_page(chromium)
    reader.goto(address)
    reader.get_by_role("heading", level=1, name="Communicatieafspraken Gemeente Zottegem").wait_for()
    assert re.search(r"Gepubliceerd op \d{1,2} \w+ 20\d\d · versie", reader.locator("body").inner_text())
    assert reader.locator("script").count() == 0
    assert reader.get_by_role("link", name="Wijzig").count() == 0
    assert reader.locator('meta[name="robots"][content="noindex"]').count() == 1
    checked(reader, "51-gepubliceerde-nota", WIDTHS)
    reader.goto(address + "#afspraak-2")
    assert reader.locator("#afspraak-2").is_visible()
    assert reader.evaluate("document.querySelector(':target').id") == "afspraak-2"

    without_script = reader_page(chromium, javascript=False)
    without_script.goto(address)
    assert without_script.get_by_role("heading", level=1).inner_text() == "Communicatieafspraken Gemeente Zottegem"
    assert without_script.locator("#afspraak-1").is_visible()
    without_script.context.close()

    page.goto(page.base + "/nota/organisatie")
    page.get_by_label("Versie").fill("2.0")
    page.get_by_role("button", name="Bewaar en ga verder").click()
    page.goto(page.base + "/nota/downloaden")
    page.get_by_text("Je nota veranderde sinds de publicatie.").wait_for()
    checked(page, "52-downloaden-veranderd")
    reader.reload()
    assert "versie 1.0 van de nota" in reader.locator("body").inner_text(), "the page waits for the author"
    page.get_by_role("button", name="Publiceer de huidige versie").click()
    page.get_by_text("De webpagina toont nu de huidige versie van je nota, op hetzelfde adres.").wait_for()
    assert page.get_by_role("textbox", name="Adres van de webpagina").input_value() == address
    reader.reload()
    assert "versie 2.0 van de nota" in reader.locator("body").inner_text()

    page.get_by_role("link", name="Publicatie intrekken").click()
    page.get_by_role("heading", name="Publicatie intrekken?").wait_for()
    checked(page, "53-publicatie-intrekken")
    page.get_by_role("button", name="Ja, trek de publicatie in").click()
    page.get_by_text("De publicatie is ingetrokken. Het adres van de webpagina werkt niet meer.").wait_for()
    reader.reload()
    reader.get_by_role("heading", name="Deze pagina bestaat niet (meer)").wait_for()
    checked(reader, "54-pagina-bestaat-niet-meer", WIDTHS)

    again = publish(page, findable=True)
    assert again != address, "a new address after a revocation"
    reader.goto(again)
    reader.get_by_role("heading", level=1, name="Communicatieafspraken Gemeente Zottegem").wait_for()
    assert reader.locator('meta[name="robots"]').count() == 0, "the author let search engines find it"
    reader.goto(address)
    reader.get_by_role("heading", name="Deze pagina bestaat niet (meer)").wait_for()
    reader.context.close()
