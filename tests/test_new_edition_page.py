"""A note on edition 2024 meets the published 2024.1: the banner, the upgrade page, and going back."""

from __future__ import annotations

import re

import pytest
from support import publish_2024_1

from builder.db import connect, drafts

OWN_46 = "Persberichten legt de communicatiedienst voor aan de burgemeester."
OWN_1 = "De communicatiedienst van Zottegem maakt het plan."
CONFLICT = "goedkeuring-persberichten"  # 46: variant 2 was rewritten in 2024.1, and the user reworded it
REWORDED = "communicatieverantwoordelijke-in-managementteam"  # 5: its variant was rewritten


@pytest.fixture
def note_on_2024(browser, db_path):
    """A note on 2024 with a changed variant taken as it was, an own wording of a changed one, and of one unchanged."""
    browser.start()
    browser.organisation()
    browser.submit(
        "/nota/onderdeel/5.1",
        {"include_0": "y", "text_0": OWN_1, "include_4": "y", "variant_4": "Variant", "action": "done"},
    )
    browser.submit(
        "/nota/onderdeel/5.8", {"include_3": "y", "variant_3": "Variant 2", "text_3": OWN_46, "action": "done"}
    )
    publish_2024_1(db_path)
    return browser


def stored(db_path):
    db = connect(db_path)
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    draft = drafts.get(db, row[0])
    db.close()
    return draft


def agreement(draft, agreement_id):
    return next(c for p in draft.choices.sections for c in p.agreements if c.id == agreement_id)


def test_the_overview_tells_about_the_new_edition(note_on_2024):
    note_on_2024.get("/nota/overzicht")
    text = note_on_2024.text()
    assert "Er is een nieuwe editie van de catalogus: 2024.1" in text
    assert "Je nota staat op editie 2024." in text
    assert "Correcties op editie 2024" in text
    assert 'href="/nota/nieuwe-editie"' in note_on_2024.page


def test_a_note_on_the_newest_edition_gets_no_banner(browser):
    browser.start()
    browser.get("/nota/overzicht")
    assert "nieuwe editie" not in browser.text()
    browser.get("/nota/nieuwe-editie", status=302)


def test_the_upgrade_page_shows_each_kind_of_change_and_preselects_no_conflict(note_on_2024):
    note_on_2024.get("/nota/nieuwe-editie")
    page, text = note_on_2024.page, note_on_2024.text()
    assert "Hier moet je kiezen: 1 afspraak" in text
    assert OWN_46 in text and "Oude tekst van Kortom" in text and "Nieuwe tekst van Kortom" in text
    assert "Afspraak 3 in je nota (afspraak 46 in de catalogus)" in text
    assert not re.search(rf'name="keuze-{CONFLICT}"[^>]*checked', page)
    assert "Herschreven door Kortom" in text
    assert re.search(rf'name="keuze-{REWORDED}" type="radio" value="new" checked', page)
    assert "<ins>" in page and "<del>" in page
    assert "1 afspraak blijft zoals ze is" in text
    assert stored_edition(note_on_2024) == "2024"


def stored_edition(browser):
    browser.get("/nota/overzicht")
    return "2024.1" if "Er is een nieuwe editie" not in browser.text() else "2024"


def test_a_conflict_without_a_choice_is_refused_and_the_typed_text_stays(note_on_2024, db_path):
    note_on_2024.get("/nota/nieuwe-editie")
    note_on_2024.post("/nota/nieuwe-editie", {}, status=400)
    assert "Kies wat er met je eigen formulering gebeurt." in note_on_2024.text()
    note_on_2024.post("/nota/nieuwe-editie", {f"keuze-{CONFLICT}": "edit", f"tekst-{CONFLICT}": "   "}, status=400)
    assert "Typ de tekst die je wilt, of kies een andere mogelijkheid." in note_on_2024.text()
    assert stored(db_path).edition_id == "2024"


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        ({f"keuze-{CONFLICT}": "own"}, OWN_46),
        ({f"keuze-{CONFLICT}": "edit", f"tekst-{CONFLICT}": "Een derde tekst."}, "Een derde tekst."),
        ({f"tekst-{CONFLICT}": "Getypt zonder te kiezen."}, "Getypt zonder te kiezen."),
        ({f"keuze-{CONFLICT}": "new"}, ""),
    ],
)
def test_the_note_moves_as_the_user_chose(note_on_2024, db_path, posted, expected):
    note_on_2024.get("/nota/nieuwe-editie")
    note_on_2024.post("/nota/nieuwe-editie", posted)
    draft = stored(db_path)
    assert draft.edition_id == "2024.1"
    assert agreement(draft, CONFLICT).text == expected
    assert agreement(draft, "communicatiebeleidsplan-op-basis-van-organisatiedoelen").text == OWN_1
    moved = agreement(draft, REWORDED)
    assert (moved.variant, moved.text) == ("Variant", "")
    assert moved.catalogue_text.startswith("De communicatieverantwoordelijke is waarnemend lid van het managementteam")
    assert draft.progress["sections"] == {"5.1": "klaar", "5.8": "klaar"}


def test_going_back_to_the_version_on_2024_restores_every_choice(note_on_2024, db_path):
    before = stored(db_path)
    note_on_2024.get("/nota/nieuwe-editie")
    note_on_2024.post("/nota/nieuwe-editie", {f"keuze-{CONFLICT}": "new"})
    note_on_2024.get("/nota/overzicht")
    assert "Je nota staat nu op editie 2024.1" in note_on_2024.text()
    action = re.search(r'action="(/nota/versies/\d+/terug)"', note_on_2024.page).group(1)
    note_on_2024.post(action, {})
    after = stored(db_path)
    assert after.edition_id == "2024"
    assert after.choices.to_data() == before.choices.to_data()
    note_on_2024.get("/nota/overzicht")
    assert "Terug naar de versie op editie 2024.1" in note_on_2024.text()


def test_a_colleagues_save_meanwhile_shows_the_page_again_with_the_choices_kept(note_on_2024, app):
    note_on_2024.get("/nota/nieuwe-editie")
    from support import Browser

    colleague = Browser(app.test_client())
    with note_on_2024.client.session_transaction() as session:
        token = session["draft_token"]
    colleague.get(f"/hervat/{token}", status=302)
    colleague.submit("/nota/onderdeel/5.2", {"include_0": "y", "action": "done"})
    note_on_2024.post("/nota/nieuwe-editie", {f"keuze-{CONFLICT}": "edit", f"tekst-{CONFLICT}": "Mijn tekst."}, 409)
    assert "Je nota werd intussen ergens anders aangepast" in note_on_2024.text()
    assert "Mijn tekst." in note_on_2024.page
    assert re.search(r'value="edit" checked', note_on_2024.page)
