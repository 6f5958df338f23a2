"""A note outlives its draft and its edition: downloaded, edited in Word, uploaded, moved to edition 2024.1."""

from __future__ import annotations

import json

from helpers import (
    axe_violations,
    fill_organisation,
    horizontal_overflow,
    include,
    open_section,
    screenshot,
    section_done,
    start_note,
)
from support import edited_in_word, publish_2024_1

from builder.db import connect

OWN_46 = "Persberichten legt de communicatiedienst voor aan de burgemeester."
BY_HAND = "Persberichten gaan eerst naar de burgemeester en de algemeen directeur."


def downloaded_bytes(page) -> bytes:
    page.goto(page.base + "/nota/downloaden")
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden (.docx)").click()
    with open(info.value.path(), "rb") as file:
        return file.read()


def only_draft_choices(live_server) -> dict:
    db = connect(live_server.app.config["DATABASE"])
    rows = db.execute("SELECT choices, edition_id FROM drafts").fetchall()
    db.close()
    assert len(rows) == 1, rows
    choices = json.loads(rows[0][0])
    assert choices["edition"] == rows[0][1]
    return choices


def test_a_2024_note_edited_in_word_comes_back_after_deletion_and_moves_to_2024_1(
    page, live_server, tmp_path, artifacts
):
    start_note(page)
    fill_organisation(page)
    open_section(page, "5.1")
    for number in (1, 2, 3, 5):
        include(page, number)
    page.get_by_role("group", name="Formulering van afspraak 5").get_by_label("Variant").check()
    section_done(page)
    open_section(page, "5.8")
    include(page, 46)
    page.get_by_role("group", name="Formulering van afspraak 46").get_by_label("Variant 2").check()
    page.locator("#afspraak-goedkeuring-persberichten").get_by_text("Herschrijf deze afspraak").click()
    page.get_by_label("Jouw formulering van afspraak 46").fill(OWN_46)
    section_done(page)

    # Downloaded, edited in Word (note agreement 2 reworded, 3 deleted, a paragraph after 5), the draft deleted.
    word_file = tmp_path / "Communicatieafspraken Zottegem.docx"
    word_file.write_bytes(edited_in_word(downloaded_bytes(page)))
    page.goto(page.base + "/nota/overzicht")
    page.get_by_role("link", name="Deze nota verwijderen").click()
    page.get_by_role("button", name="Verwijder mijn nota").click()
    publish_2024_1(live_server.app.config["DATABASE"])

    # A year later, on the start page: a wrong file first, then the right one.
    page.goto(page.base + "/")
    wrong = tmp_path / "brief.docx"
    wrong.write_bytes(b"Dit is geen Word-document.")
    page.get_by_label("Je gedownloade nota").set_input_files(str(wrong))
    page.get_by_role("button", name="Open dit bestand").click()
    assert "Dit is geen Word-bestand (.docx)." in page.locator(".field--error").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Je gedownloade nota").set_input_files(str(word_file))
    page.get_by_role("button", name="Open dit bestand").click()
    page.get_by_role("heading", name="Bewaar je link").wait_for()
    assert "/hervat/" in page.get_by_label("Link naar je nota").input_value()

    page.get_by_role("link", name="Bekijk de wijzigingen uit Word").click()
    assert axe_violations(page) == []
    screenshot(page, artifacts, "word-changes")
    page.get_by_role("button", name="Mijn keuzes toepassen").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("group", name="Afspraak 2: gewijzigd in Word").get_by_label("De tekst uit Word overnemen").check()
    page.get_by_role("group", name="Afspraak 3: geschrapt in Word").get_by_label("Deze afspraak weglaten").check()
    page.get_by_role("group", name="Toegevoegd in Word, na afspraak 5").get_by_label("Opnemen als eigen").check()
    page.get_by_role("button", name="Mijn keuzes toepassen").click()

    # Straight on to the new edition: nothing applied until the button, the conflict not preselected.
    page.get_by_role("heading", name="Je nota naar editie 2024.1").wait_for()
    assert "3 van de 3 wijzigingen uit Word staan nu in je nota." in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
    assert horizontal_overflow(page) == 0
    screenshot(page, artifacts, "new-edition")
    page.get_by_role("button", name="Zet mijn nota over naar editie 2024.1").click()
    assert "Kies wat er met je eigen formulering gebeurt." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    conflict = page.get_by_role("group", name="Afspraak 4 in je nota (afspraak 46 in de catalogus)")
    conflict.get_by_label("Je nieuwe tekst").fill(BY_HAND)
    assert conflict.get_by_label("Zelf een nieuwe tekst schrijven").is_checked()  # typing picks it
    page.get_by_role("button", name="Zet mijn nota over naar editie 2024.1").click()

    page.get_by_role("heading", name="Communicatieafspraken Gemeente Zottegem").wait_for()
    assert axe_violations(page) == []
    screenshot(page, artifacts, "overview-kept-version")
    choices = only_draft_choices(live_server)
    assert choices["edition"] == "2024.1"
    first, press = choices["sections"]
    assert [(a.get("id", ""), a.get("variant", ""), a.get("text", "")) for a in first["agreements"]] == [
        ("communicatiebeleidsplan-op-basis-van-organisatiedoelen", "", ""),
        (
            "planning-realisatie-evaluatie-beleidsplan",
            "",
            "De communicatiedienst van Zottegem schrijft elk jaar een plan.",
        ),
        ("communicatieverantwoordelijke-in-managementteam", "Variant", ""),
    ]
    assert [(a.get("id", ""), a.get("variant", ""), a.get("text", "")) for a in press["agreements"]] == [
        ("goedkeuring-persberichten", "Variant 2", BY_HAND),
        ("", "", "Elke dienst heeft een communicatiepeter."),
    ]

    # And back: the version on 2024 is kept.
    page.get_by_role("button", name="Terug naar de versie op editie 2024").click()
    assert only_draft_choices(live_server)["edition"] == "2024"
    page.goto(page.base + "/nota/overzicht")
    assert page.get_by_role("button", name="Terug naar de versie op editie 2024.1").is_visible()
