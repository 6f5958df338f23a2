"""Colleagues review a note in the browser: author → two reviewers (one revoked halfway) → author resolves →
approval recorded → a .docx with the approved status and, when asked, the open comments. axe checks every
new page in every state, and each is kept as a screenshot at 1280 and 375 px."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
from helpers import (
    fill_organisation,
    include,
    open_section,
    section_done,
    start_note,
)


def reviewer_page(chromium, live_server, link: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(link)
    return page


def make_link(page, label: str) -> str:
    page.get_by_label("Voor wie is de link?").fill(label)
    page.get_by_role("button", name="Maak een beoordelingslink").click()
    page.get_by_role("heading", name="Je nieuwe beoordelingslink").wait_for()
    return page.get_by_role("textbox", name="Beoordelingslink").input_value()


def test_author_two_reviewers_one_revoked_resolve_approve_download(page, chromium, live_server, checked):
    start_note(page)
    fill_organisation(page)
    open_section(page, "5.2")
    include(page, 8)
    include(page, 14)
    section_done(page)
    page.get_by_role("link", name="Laat collega’s je nota beoordelen").click()
    checked(page, "40-beoordeling-leeg")
    page.get_by_role("button", name="Maak een beoordelingslink").click()
    page.get_by_role("link", name=re.compile("Zeg voor wie de link is")).wait_for()
    checked(page, "40-beoordeling-fout")
    team = make_link(page, "managementteam")
    checked(page, "40-beoordeling-nieuwe-link")
    page.goto(page.base + "/nota/beoordeling")
    alderman = make_link(page, "schepen van communicatie")

    first = reviewer_page(chromium, live_server, team)
    first.get_by_role("heading", name="Nota beoordelen").wait_for()
    assert first.get_by_role("link", name=re.compile("Wijzig")).count() == 0
    checked(first, "41-beoordelen")
    first.get_by_text("Reageer op afspraak 2").click()
    form = first.locator("details", has_text="Reageer op afspraak 2")
    form.get_by_role("button", name="Bewaar je opmerking").click()
    first.get_by_role("link", name="Vul je naam in, zodat de auteur weet van wie de opmerking komt.").wait_for()
    checked(first, "41-beoordelen-fout")
    form = first.locator("details", has_text="Reageer op afspraak 2")
    form.get_by_label("Je naam").fill("Directeur Karel")
    form.get_by_label("Niet akkoord").check()
    form.get_by_label("Je opmerking").fill("Wie beheert de beelddatabank?")
    form.get_by_role("button", name="Bewaar je opmerking").click()
    first.get_by_text("Je opmerking is bewaard.").wait_for()
    checked(first, "41-beoordelen-opmerking")

    second = reviewer_page(chromium, live_server, alderman)
    second.get_by_text("Reageer op de nota als geheel").click()
    whole = second.locator("details", has_text="Reageer op de nota als geheel")
    whole.get_by_label("Je naam").fill("Schepen Els")
    whole.get_by_label("Akkoord", exact=True).check()
    whole.get_by_label("Je opmerking").fill("Mooi werk, ik ga akkoord.")
    whole.get_by_role("button", name="Bewaar je opmerking").click()
    second.get_by_text("Je opmerking is bewaard.").wait_for()
    assert "Wie beheert de beelddatabank?" not in second.content(), "a reviewer sees only their own link's comments"

    page.goto(page.base + "/nota/beoordeling")
    page.get_by_role("button", name="Trek in de link voor schepen van communicatie").click()
    page.get_by_text("De link voor “schepen van communicatie” werkt niet meer.").wait_for()
    second.reload()
    second.get_by_role("heading", name="Deze beoordelingslink werkt niet meer").wait_for()
    checked(second, "42-link-ingetrokken")
    second.context.close()

    page.goto(page.base + "/nota/overzicht")
    page.get_by_text("1 opmerking open").wait_for()
    open_section(page, "5.2")
    page.get_by_text("Wie beheert de beelddatabank?").wait_for()
    checked(page, "43-onderdeel-met-opmerking")
    page.goto(page.base + "/nota/nalezen")
    page.get_by_text("Beoordelaars lieten 2 opmerkingen achter die nog open staan.").wait_for()
    checked(page, "44-nalezen-met-opmerkingen")

    page.goto(page.base + "/nota/beoordeling")
    page.get_by_text("2 opmerkingen staan open.").wait_for()
    checked(page, "40-beoordeling-opmerkingen")
    page.get_by_role("button", name="Beantwoord").first.click()
    page.get_by_role("link", name="Schrijf je antwoord.").click()
    checked(page, "40-beoordeling-antwoord-fout")
    page.get_by_label("Je antwoord aan Directeur Karel").fill("De communicatiedienst, staat nu in de tekst.")
    page.get_by_role("button", name="Afgehandeld (opmerking van Directeur Karel)").click()
    page.get_by_text("De opmerking is afgehandeld.").wait_for()
    page.get_by_text("1 afgehandelde opmerking").click()
    checked(page, "40-beoordeling-afgehandeld")
    first.reload()
    first.get_by_text("De communicatiedienst, staat nu in de tekst.").wait_for()
    first.context.close()

    page.goto(page.base + "/nota/nalezen")
    page.get_by_label("Goedgekeurd op").fill("20/12/2026")
    page.get_by_label("Referentie van de beslissing").fill("CBS 2026/123")
    page.get_by_label("Naam van de eerste ondertekenaar").fill("Karel Peeters")
    page.get_by_label("Naam van de tweede ondertekenaar").fill("Els De Smet")
    page.get_by_role("button", name="Bewaar en ga naar downloaden").click()
    page.get_by_role("heading", name="Je nota downloaden").wait_for()
    page.goto(page.base + "/nota/beoordeling")
    approved = page.get_by_text(re.compile(r"Versie \d+ werd goedgekeurd door het college van burgemeester"))
    assert "(referentie CBS 2026/123)" in approved.inner_text()
    checked(page, "40-beoordeling-goedgekeurd")

    page.goto(page.base + "/nota/downloaden")
    page.get_by_label(re.compile("Zet de open opmerkingen")).check()
    checked(page, "45-downloaden-met-opmerkingen")
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden (.docx)").click()
    with open(info.value.path(), "rb") as file:
        document = docx.Document(io.BytesIO(file.read()))
    text = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")  # dates never break over lines
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "CBS 2026/123" in cells and "Naam: Karel Peeters" in cells
    assert [(c.author, c.text) for c in document.comments] == [("Schepen Els", "Akkoord: Mooi werk, ik ga akkoord.")]


def test_an_expired_review_link_says_so(page, chromium, live_server, checked):
    from builder.db import connect, write

    start_note(page)
    fill_organisation(page, "Gemeente Verloopt")
    page.goto(page.base + "/nota/beoordeling")
    link = make_link(page, "algemeen directeur")
    db = connect(live_server.app.config["DATABASE"])
    with write(db):
        db.execute(
            "UPDATE review_links SET expires_on = ? WHERE label = 'algemeen directeur'",
            [(dt.date.today() - dt.timedelta(days=1)).isoformat()],
        )
    db.close()
    reviewer = reviewer_page(chromium, live_server, link)
    reviewer.get_by_text("De termijn om deze nota te beoordelen is voorbij.").wait_for()
    checked(reviewer, "42-link-verlopen")
    reviewer.context.close()
    page.goto(page.base + "/nota/beoordeling")
    page.get_by_text("Verlopen", exact=True).wait_for()
