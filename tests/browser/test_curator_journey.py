"""A curator rewords an agreement, publishes, and only new notes get the new wording."""

from __future__ import annotations

from helpers import CURATOR, include, open_section, section_done, start_note


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
        assert staff.get_by_text("Herschreven: afspraak 14").is_visible()
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
