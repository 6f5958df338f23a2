"""WCAG 2.1 AA (axe-core), 320 px without horizontal scrolling, and screenshots of every page.

Each page is checked in its empty, filled and error state. A person can look
at the screenshots in test-artifacts/screenshots/ (1280 and 375 px wide).
"""

from __future__ import annotations

import re

import pytest
from helpers import (
    CURATOR,
    axe_violations,
    horizontal_overflow,
    include,
    open_section,
    screenshot,
    section_done,
    start_note,
)
from playwright.sync_api import expect


class Checker:
    """Checks each state of a page and remembers every problem, to report them all at once."""

    def __init__(self, page, artifacts):
        self.page, self.artifacts, self.problems, self.checked = page, artifacts, [], []
        self.language = "nl"
        self.widths: tuple[int, ...] = (1280,)  # the curators' pages: (1280, 375)

    def __call__(self, name: str) -> None:
        self.page.wait_for_load_state()
        title = self.page.title()
        old = self.page.viewport_size
        for width in self.widths:
            self.page.set_viewport_size({"width": width, "height": 900})
            for violation in axe_violations(self.page):
                self.problems.append(f"{name} at {width}px: {violation}")
        self.page.set_viewport_size(old)
        overflow = horizontal_overflow(self.page)
        if overflow > 0:
            self.problems.append(f"{name}: {overflow}px horizontal scrolling at 320px")
        if self.page.locator("html").get_attribute("lang") != self.language:
            self.problems.append(f"{name}: html lang is not {self.language}")
        screenshot(self.page, self.artifacts, name)
        self.checked.append((name, title))

    def verify(self) -> None:
        assert not self.problems, "\n".join(self.problems)
        titles = [t for _n, t in self.checked]
        assert len(set(titles)) >= len(titles) * 0.6, "pages need their own title"


@pytest.fixture
def check(page, artifacts):
    checker = Checker(page, artifacts)
    yield checker
    checker.verify()


def test_every_wizard_page(page, check):
    page.goto(page.base + "/")
    check("01-start")
    page.get_by_role("button", name="Open mijn nota").click()
    assert page.title().startswith("Fout: ")
    expect(page.locator("#foutmeldingen")).to_be_focused(timeout=5000)  # no page-side eval: the CSP forbids it
    check("01-start-fout")

    start_note(page)
    check("02-bewaarlink")
    page.goto(page.base + "/nota/organisatie")
    check("03-organisatie-leeg")
    page.get_by_role("button", name="Bewaar en ga verder").click()
    check("03-organisatie-fout")
    page.get_by_role("link", name="Vul de naam van je organisatie in.").click()
    expect(page.locator("#name")).to_be_focused(timeout=5000)
    page.get_by_label("Naam van je organisatie").fill("Gemeente Toegankelijk")
    page.get_by_role("button", name="Bewaar en ga verder").click()
    check("04-inleiding-leeg")
    page.goto(page.base + "/nota/organisatie")
    check("03-organisatie-ingevuld")
    page.goto(page.base + "/nota/inleiding")
    page.get_by_label("Jullie visie en communicatiedoelen").fill("x" * 20001)
    page.get_by_role("button", name="Bewaar en ga verder").click()
    check("04-inleiding-fout")
    page.get_by_label("Jullie visie en communicatiedoelen").fill("Wij communiceren helder.")
    page.get_by_label("Hoofdrollen voor de eigentijdse communicatiedienst").check()
    page.get_by_role("button", name="Bewaar en ga verder").click()
    check("05-overzicht-leeg")
    page.goto(page.base + "/nota/inleiding")
    check("04-inleiding-ingevuld")

    open_section(page, "5.1")
    check("06-onderdeel-varianten")  # drawn at 1280 px first, then looked at at 320 px
    open_section(page, "5.2")
    check("06-onderdeel-leeg")
    include(page, 13)
    page.get_by_role("group", name="Formulering van afspraak 13").get_by_label("Variant").check()
    page.get_by_label("Nieuwe eigen afspraak").fill("Eigen afspraak.")
    page.get_by_role("button", name="Bewaar en blijf hier").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    check("06-onderdeel-ingevuld")
    page.locator("#afspraak-beelddatabank").get_by_text("Herschrijf deze afspraak").click()
    page.get_by_label("Jouw formulering van afspraak 14").fill("y" * 20001)
    page.get_by_role("button", name="Bewaar en blijf hier").click()
    check("06-onderdeel-fout")
    page.goto(page.base + "/nota/onderdeel/5.2/suggestie")
    check("07-suggestie-leeg")
    page.get_by_label("Je e-mailadres (optioneel)").fill("geen adres")
    page.get_by_role("button", name="Verstuur je voorstel").click()
    check("07-suggestie-fout")

    page.goto(page.base + "/nota/eigen-onderdelen")
    check("08-eigen-onderdelen-leeg")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    check("08-eigen-onderdelen-fout")
    page.get_by_label("Titel van het nieuwe onderdeel").fill("Nieuwsbrief")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    check("09-eigen-onderdeel-leeg")
    page.get_by_label("Nieuwe afspraak").fill("Maandelijks.")
    page.get_by_role("button", name="Afspraak toevoegen").click()
    check("09-eigen-onderdeel-ingevuld")
    page.get_by_label("Titel van het onderdeel").fill("")
    page.get_by_role("button", name="Bewaar", exact=True).click()
    check("09-eigen-onderdeel-fout")
    page.goto(page.base + "/nota/eigen-onderdelen")
    check("08-eigen-onderdelen-ingevuld")

    page.goto(page.base + "/nota/overzicht")
    check("05-overzicht-ingevuld")
    page.get_by_role("button", name=re.compile("Neem de rest van de catalogus over")).click()
    check("05-overzicht-overgenomen")
    page.goto(page.base + "/nota/nalezen")
    check("10-nalezen")
    page.get_by_label("Goedgekeurd op").fill("31/02/2027")
    page.get_by_role("button", name="Bewaar en ga naar downloaden").click()
    check("10-nalezen-fout")
    page.goto(page.base + "/nota/downloaden")
    check("11-downloaden")
    page.goto(page.base + "/nota/verwijderen")
    check("12-verwijderen")
    page.goto(page.base + "/hervat/onbestaand")
    check("13-niet-gevonden")


def test_retention_warning(page, check, live_server):
    from builder.db import connect, write

    start_note(page)
    db = connect(live_server.app.config["DATABASE"])
    with write(db):
        db.execute("UPDATE drafts SET touched_at = '2020-01-01T00:00:00.000000Z'")
    db.close()
    page.goto(page.base + "/nota/overzicht")
    page.get_by_role("button", name="Houd mijn nota bij").wait_for()
    check("15-bewaartermijn-waarschuwing")


def test_conflict_page(page, check, chromium):
    link = start_note(page)
    page.goto(page.base + "/nota/organisatie")
    other = chromium.new_context().new_page()
    other.goto(link)
    other.goto(page.base + "/nota/organisatie")
    other.get_by_label("Naam van je organisatie").fill("Gemeente Eén")
    other.get_by_role("button", name="Bewaar en ga verder").click()
    other.context.close()
    page.get_by_label("Naam van je organisatie").fill("Gemeente Twee")
    page.get_by_role("button", name="Bewaar en ga verder").click()
    page.get_by_role("heading", name="Je nota werd intussen ook ergens anders bewaard").wait_for()
    check("14-conflict")
    page.set_viewport_size({"width": 320, "height": 800})
    inside = page.locator(".table-wrap").first.evaluate("box => box.scrollWidth - box.clientWidth")
    assert inside <= 0, "on a phone both versions stand one above the other, nothing scrolls inside the box"


def log_in(page) -> None:
    page.goto(page.base + "/beheer/login")
    page.get_by_label("Naam").fill(CURATOR[0])
    page.get_by_label("Wachtwoord").fill(CURATOR[1])
    page.get_by_role("button", name="Aanmelden").click()


def test_every_curation_page(page, check):
    check.widths = (1280, 375)
    start_note(page)
    page.goto(page.base + "/nota/onderdeel/5.1/suggestie")
    page.get_by_label("Je voorstel").fill("Een afspraak over podcasts.")
    page.get_by_role("button", name="Verstuur je voorstel").click()
    page.goto(page.base + "/nota/onderdeel/5.2/suggestie")
    page.get_by_label("Een betere versie van een afspraak").check()
    page.get_by_label(re.compile("Over welke afspraak gaat het")).select_option(value="klachtencoordinatie")
    page.get_by_label("Je voorstel").fill("De communicatiedienst coördineert de klachten samen met de ombudsdienst.")
    page.get_by_role("button", name="Verstuur je voorstel").click()
    page.goto(page.base + "/nota/organisatie")
    page.get_by_label("Naam van je organisatie").fill("Gemeente Deelt")
    page.get_by_role("button", name="Bewaar en ga verder").click()
    page.goto(page.base + "/nota/downloaden")
    page.get_by_label(re.compile("Kortom mag de naam")).check()
    with page.expect_download():
        page.get_by_role("button", name="Downloaden (.docx)").click()

    page.goto(page.base + "/beheer/login")
    check("20-beheer-aanmelden")
    page.get_by_role("button", name="Aanmelden").click()
    check("20-beheer-aanmelden-fout")
    log_in(page)
    check("21-beheer-edities")
    page.get_by_role("button", name="Nieuwe editie starten").click()
    check("21-beheer-edities-fout")
    page.get_by_label("Naam van de nieuwe editie").fill("2026")
    page.get_by_role("button", name="Nieuwe editie starten").click()
    check("22-beheer-editie")
    page.goto(page.base + "/beheer/edities/2026/publiceren")
    check("28-beheer-publiceren-niets-veranderd")
    page.goto(page.base + "/beheer/edities/2026/gegevens")
    check("23-beheer-gegevens")
    page.get_by_label("Titel", exact=True).fill("")
    page.get_by_role("button", name="Bewaar").click()
    check("23-beheer-gegevens-fout")
    page.goto(page.base + "/beheer/edities/2026/hoofdstukken/hoofdrollen")
    check("24-beheer-hoofdstuk")
    page.get_by_label("Tekst", exact=True).fill("")
    page.get_by_role("button", name="Bewaar").click()
    check("24-beheer-hoofdstuk-fout")
    page.goto(page.base + "/beheer/edities/2026/hoofdstukken/nieuw")
    check("24-beheer-nieuw-hoofdstuk")
    page.get_by_label("Titel van het hoofdstuk").fill("Waarom maak je afspraken?")
    page.get_by_role("button", name="Hoofdstuk toevoegen").click()
    check("24-beheer-nieuw-hoofdstuk-fout")
    page.goto(page.base + "/beheer/edities/2026/hoofdstukken/communicatiebeleidsplan/verwijderen")
    check("24-beheer-hoofdstuk-verwijderen")
    page.goto(page.base + "/beheer/edities/2026/onderdelen/diensten")
    check("25-beheer-onderdeel")
    page.get_by_label("Titel van het onderdeel").fill("")
    page.get_by_role("button", name="Bewaar het onderdeel", exact=True).click()
    check("25-beheer-onderdeel-fout")
    page.goto(page.base + "/beheer/edities/2026/onderdelen/diensten")
    page.get_by_label("Webadres (optioneel)").first.fill("geen adres")
    page.get_by_role("button", name="Bewaar het onderdeel en de verwijzingen").click()
    check("25-beheer-verwijzingen-fout")
    page.goto(page.base + "/beheer/edities/2026/onderdelen/nieuw")
    check("25-beheer-nieuw-onderdeel")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    check("25-beheer-nieuw-onderdeel-fout")
    page.goto(page.base + "/beheer/edities/2026/onderdelen/pers/verwijderen")
    check("25-beheer-onderdeel-verwijderen-geweigerd")
    page.goto(page.base + "/beheer/edities/2026/afspraken/klachtencoordinatie")
    check("26-beheer-afspraak")
    page.get_by_label("Tekst van de afspraak").fill("")
    page.get_by_role("button", name="Bewaar de afspraak").click()
    check("26-beheer-afspraak-fout")
    page.goto(page.base + "/beheer/edities/2026/afspraken/goedkeuring-persberichten")
    page.get_by_label("Naam van de variant").first.fill("Variant 2")
    page.get_by_role("button", name="Bewaar de afspraak").click()
    check("26-beheer-variant-fout")
    page.goto(
        page.base + "/beheer/edities/2026/afspraken/goedkeuring-persberichten/varianten/verwijderen?variant=Variant+2"
    )
    check("26-beheer-variant-verwijderen")
    page.goto(page.base + "/beheer/edities/2026/afspraken/beelddatabank/verwijderen")
    check("26-beheer-afspraak-verwijderen")
    page.goto(page.base + "/beheer/edities/2026/afspraken/nieuw?onderdeel=pers")
    check("26-beheer-nieuwe-afspraak")
    page.get_by_role("button", name="Afspraak toevoegen").click()
    check("26-beheer-nieuwe-afspraak-fout")
    page.goto(page.base + "/beheer/edities/2026/afspraken/beelddatabank")
    page.get_by_label("Tekst van de afspraak").fill(
        "De communicatiedienst beheert een beeldbank.\n\n- foto’s\n- video’s"
    )
    page.get_by_label("Plaats in de editie").select_option(label="Bovenaan in 5.1")
    page.get_by_role("button", name="Verplaats en bewaar").click()
    check("26-beheer-afspraak-verplaatst")
    page.goto(page.base + "/beheer/edities/2026/afspraken/persplanning")
    page.get_by_role("button", name="Voeg de verwijzing in").click()
    check("26-beheer-verwijzing-fout")
    page.get_by_label("Verwijs naar een andere afspraak").select_option("redactieraad")
    page.get_by_role("button", name="Voeg de verwijzing in").click()
    assert "[[redactieraad|(zie afspraak #)]]" in page.get_by_label("Tekst van de afspraak").input_value()
    check("26-beheer-verwijzing-ingevoegd")
    page.goto(page.base + "/beheer/edities/2026/afspraken/klachtencoordinatie")
    page.get_by_role("button", name="Verwijder deze afspraak").click()
    page.locator("#opslaan").click()
    page.goto(page.base + "/beheer/edities/2026/overgang")
    check("34-beheer-overgang")
    page.get_by_label("Ze werd geschrapt").check()
    page.get_by_role("button", name="Bewaar").click()
    check("34-beheer-overgang-fout")
    page.get_by_label("Uitleg voor gebruikers").fill("Klachten horen nu bij het onthaal.")
    page.get_by_role("button", name="Bewaar").click()
    check("34-beheer-overgang-bewaard")
    page.goto(page.base + "/beheer/edities/2026/voorbeeld")
    check("27-beheer-voorbeeld")
    page.goto(page.base + "/beheer/edities/2026/voorbeeld/5.8")
    check("27-beheer-voorbeeld-onderdeel")
    page.goto(page.base + "/beheer/edities/2026/zoeken?q=beeld")
    check("33-beheer-zoeken")
    page.goto(page.base + "/beheer/edities/2026/zoeken?q=zonnepanelen")
    check("33-beheer-zoeken-niets")
    page.goto(page.base + "/beheer/edities/2026/publiceren")
    check("28-beheer-publiceren")
    page.get_by_role("button", name="Publiceer editie 2026").click()
    check("28-beheer-publiceren-fout")
    page.goto(page.base + "/beheer/edities/2026/geschiedenis")
    check("29-beheer-geschiedenis")
    page.goto(page.base + "/beheer/edities/2026/afspraken/beelddatabank/geschiedenis")
    check("29-beheer-geschiedenis-afspraak")
    page.get_by_role("button", name=re.compile("^Zet terug zoals het vóór deze wijziging was")).first.click()
    check("29-beheer-hersteld")
    page.goto(page.base + "/beheer/suggesties")
    check("30-beheer-suggesties")
    page.get_by_role("link", name=re.compile("^Wijs af")).first.click()
    check("30-beheer-suggestie-afwijzen")
    page.get_by_role("button", name="Wijs de suggestie af").click()
    check("30-beheer-suggestie-afwijzen-fout")
    page.get_by_label("Waarom neem je deze suggestie niet over?").fill("Staat al in afspraak 27.")
    page.get_by_role("button", name="Wijs de suggestie af").click()
    check("30-beheer-suggesties-afgehandeld")
    page.goto(page.base + "/beheer/gebruik")
    check("31-beheer-gebruik")
    page.goto(page.base + "/beheer/gebruik?editie=alle&sorteer=gekozen")
    check("31-beheer-gebruik-alle-gesorteerd")
    page.get_by_role("link", name=re.compile("Gemeente Deelt")).click()
    check("32-beheer-gedeelde-nota")


def test_curation_conflict_and_login_pages(page, check, chromium, live_server):
    from builder.db import connect, write

    check.widths = (1280, 375)
    log_in(page)
    if page.get_by_label("Naam van de nieuwe editie").count():
        page.get_by_label("Naam van de nieuwe editie").fill("2027")
        page.get_by_role("button", name="Nieuwe editie starten").click()
    page.goto(page.base + "/beheer/")
    page.get_by_role("link", name=re.compile("^Verder werken aan editie")).click()
    edition = page.url.rstrip("/").rsplit("/", 1)[-1]
    url = f"{page.base}/beheer/edities/{edition}/afspraken/redactieraad"
    page.goto(url)
    other = chromium.new_context().new_page()
    other.base = page.base
    log_in(other)
    other.goto(url)
    other.get_by_label("Tekst van de afspraak").fill("Een andere versie van de redactieraad.")
    other.get_by_role("button", name="Bewaar de afspraak").click()
    other.get_by_role("status").get_by_text("Bewaard.").wait_for()
    other.context.close()
    page.get_by_label("Tekst van de afspraak").fill("Mijn versie van de redactieraad.")
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_role("heading", name="Iemand anders bewaarde dit intussen").wait_for()
    check("34-beheer-conflict")
    page.goto(url)
    page.get_by_label("Tekst van de afspraak").fill("Getypt terwijl de sessie verliep.")
    db = connect(live_server.app.config["DATABASE"])
    with write(db):
        db.execute("UPDATE curator_sessions SET last_seen = '2020-01-01T00:00:00.000000Z'")
    db.close()
    page.get_by_role("button", name="Bewaar de afspraak").click()
    page.get_by_text(re.compile("Wat je typte, is niet verloren")).wait_for()
    check("35-beheer-sessie-verlopen")
    page.route("**/enhance.js", lambda route: route.abort())  # without JavaScript: one click more
    page.get_by_label("Naam").fill(CURATOR[0])
    page.get_by_label("Wachtwoord").fill(CURATOR[1])
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Je bent weer aangemeld").wait_for()
    check("35-beheer-weer-aangemeld")
    page.get_by_role("button", name="Bewaar wat je typte").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()


def test_the_checks_can_fail(page):
    """Guard against a vacuous check: a broken page must be reported."""
    page.goto(page.base + "/")
    page.evaluate(
        """() => { const i = document.createElement('input'); i.type = 'text'; document.querySelector('main').append(i);
                  const w = document.createElement('div'); w.style.width = '900px'; w.textContent = 'breed';
                  document.querySelector('main').append(w); }"""
    )
    assert any(v.startswith("label:") for v in axe_violations(page))
    assert horizontal_overflow(page) > 0


LINES_OF_EACH_HEADING = """t => [...t.querySelectorAll('th')].map(th => {
    const range = document.createRange(); range.selectNodeContents(th); return range.getClientRects().length; })"""


def test_the_tables_of_the_note_keep_their_one_word_headings_whole_on_a_phone(page):
    """The table of deviations on the review page, 375 px wide: "Afspraak" is one word on one line, not "Afspra-ak"."""
    start_note(page)
    open_section(page, "5.3")
    agreement = page.locator("article.pick").first
    agreement.get_by_text("Herschrijf deze afspraak").click()
    agreement.get_by_role("textbox").fill("Wij schrijven deze afspraak in onze eigen woorden.")
    section_done(page)
    page.goto(page.base + "/nota/nalezen")
    page.get_by_label("Bijlage “Herkomst van de afspraken”").check()
    page.get_by_role("button", name="Bewaar en ga naar downloaden").click()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + "/nota/nalezen")
    table = page.locator("table").filter(has_text="Herkomst").first
    expect(table).to_contain_text("herschreven")
    assert table.evaluate(LINES_OF_EACH_HEADING) == [1, 1]
    assert horizontal_overflow(page, 375) == 0


def test_english_pages(page, check):
    page.goto(page.base + "/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    check.language = "en"
    check("40-start-en")
    page.get_by_role("button", name="New agreement note").click()
    page.goto(page.base + "/nota/organisatie")
    page.get_by_role("button", name="Save and continue").click()
    assert page.title().startswith("Error: ")
    check("41-organisation-error-en")
    page.get_by_role("button", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"
