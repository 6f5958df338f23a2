"""A downloaded note comes back through the start page: a new draft, the changes made in Word one by one."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from support import Browser, downloaded, edited_in_word, upload

from builder.db import connect, drafts

SECOND_REWORDED = "De communicatiedienst van Zottegem schrijft elk jaar een plan."
ADDED_IN_WORD = "Elke dienst heeft een communicatiepeter."


def stored_drafts(db_path) -> list[drafts.Draft]:
    db = connect(db_path)
    found = [drafts.get(db, row[0]) for row in db.execute("SELECT id FROM drafts ORDER BY id").fetchall()]
    db.close()
    return found


@pytest.fixture
def word_file(browser):
    """The note downloaded, then its draft deleted: only the .docx, edited in Word, is left."""
    data = downloaded(browser)
    browser.submit("/nota/verwijderen", {})
    return edited_in_word(data)


def test_an_upload_after_the_draft_was_deleted_gives_a_new_draft_and_link(app, word_file, db_path):
    newcomer = Browser(app.test_client())
    response = upload(newcomer, word_file)
    assert response.location.endswith("/nota/bewaarlink")
    newcomer.get("/nota/bewaarlink")
    assert "Je nota is weer geopend, met een nieuwe bewaarlink." in newcomer.text()
    assert re.search(r'id="bewaarlink" type="text" value="http://localhost/hervat/[\w-]{43}"', newcomer.page)
    (draft,) = stored_drafts(db_path)
    assert draft.choices.organisation.name == "Gemeente Zottegem"
    assert len(draft.progress["word_changes"]["changes"]) == 3
    assert 'href="/nota/wijzigingen-uit-word"' in newcomer.page


def test_each_change_from_word_must_be_decided(app, word_file):
    newcomer = Browser(app.test_client())
    upload(newcomer, word_file)
    newcomer.get("/nota/wijzigingen-uit-word")
    text = newcomer.text()
    assert "Afspraak 2: gewijzigd in Word" in text and "Afspraak 3: geschrapt in Word" in text
    assert "Toegevoegd in Word, na afspraak 5" in text and ADDED_IN_WORD in text
    assert " checked" not in newcomer.page
    newcomer.post("/nota/wijzigingen-uit-word", {"wijziging-0": "ja"}, status=400)
    text = newcomer.text()
    assert text.count("Afspraak 3: kies of je ze weglaat uit je nota.") == 2  # in the summary and beside it
    assert text.count("Kies of je de afspraak die in Word na afspraak 5 toegevoegd werd, opneemt.") == 2
    assert "Afspraak 2: kies" not in text
    assert re.search(r'id="wijziging-0-ja"[^>]*checked', newcomer.page)


def test_the_accepted_changes_make_exactly_the_expected_note(app, word_file, db_path):
    newcomer = Browser(app.test_client())
    upload(newcomer, word_file)
    newcomer.get("/nota/wijzigingen-uit-word")
    newcomer.post("/nota/wijzigingen-uit-word", {"wijziging-0": "ja", "wijziging-1": "nee", "wijziging-2": "ja"})
    (draft,) = stored_drafts(db_path)
    (part,) = draft.choices.sections
    assert [(c.id, c.text) for c in part.agreements][1:6] == [
        ("planning-realisatie-evaluatie-beleidsplan", SECOND_REWORDED),
        ("overleg-schepen-en-communicatieverantwoordelijke", ""),
        (part.agreements[3].id, ""),
        (part.agreements[4].id, ""),
        ("", ADDED_IN_WORD),
    ]
    assert "word_changes" not in draft.progress
    newcomer.get("/nota/overzicht")
    assert "2 van de 3 wijzigingen uit Word staan nu in je nota." in newcomer.text()


def test_all_changes_at_once(app, word_file, db_path):
    newcomer = Browser(app.test_client())
    upload(newcomer, word_file)
    newcomer.get("/nota/wijzigingen-uit-word")
    newcomer.post("/nota/wijzigingen-uit-word", {"action": "all"})
    (draft,) = stored_drafts(db_path)
    assert draft.choices.agreement_count == 7  # 7, one deleted, one added


def test_the_choices_file_works_as_well(browser, app, db_path):
    downloaded(browser)
    (draft,) = stored_drafts(db_path)
    data = json.dumps(draft.choices.to_data()).encode()
    upload(Browser(app.test_client()), data, "keuzes.json")
    first, second = stored_drafts(db_path)
    assert second.choices.to_data() == first.choices.to_data()
    assert "word_changes" not in second.progress


def plain_word_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("Een brief, geen nota.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def choices_json(**changes) -> bytes:
    data = {"format": "bouwpakket-choices/1", "edition": "2024", "organisation": {"name": "Gemeente Zottegem"}}
    data.update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (None, "", "Kies het bestand van je nota."),
        (b"", "nota.docx", "Het bestand is leeg."),
        (b"Dit is tekst.", "nota.docx", "Dit is geen Word-bestand (.docx)."),
        (plain_word_document(), "brief.docx", "staan de gegevens van een nota uit Bouwpakket niet"),
        (b"{niet af", "keuzes.json", "Dit keuzebestand is geen geldige JSON."),
        (choices_json(edition="1999"), "keuzes.json", "Deze nota hoort bij editie 1999, die Bouwpakket niet kent."),
        (choices_json(sections=[{"number": "5.1", "agreements": [{"id": "bestaat-niet"}]}]), "k.json", "beschadigd"),
        (choices_json(format="iets anders"), "keuzes.json", "De gegevens van de nota in dit bestand zijn beschadigd."),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_beside_the_field(client, db_path, data, name, message):
    browser = Browser(client)
    upload(browser, data, name, status=400)
    assert message in browser.text()
    assert 'aria-invalid="true"' in browser.page and 'id="note_file-error"' in browser.page
    assert stored_drafts(db_path) == []


def test_a_file_over_the_limit_gets_a_page_about_files(client, db_path):
    body = b"--x\r\n" + b"0" * (6 * 1024 * 1024)
    response = client.post("/nota/uit-bestand", data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "Dit bestand is te groot" in response.get_data(as_text=True)
    assert stored_drafts(db_path) == []


def test_a_normal_form_still_refuses_a_large_body(browser):
    browser.start()
    body = b"name=" + b"x" * (3 * 1024 * 1024)
    response = browser.client.post("/nota/organisatie", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
