"""A draft keeps the edition it was built on, and its own copy of every text."""

from __future__ import annotations

import dataclasses

from builder import caches
from builder.db import connect, editions, write


def publish_changed_edition(db_path, catalogue, new_text, position=0):
    """Kortom publishes edition 2026 in which agreement `position + 1` reads differently."""
    first = catalogue.sections[0]
    agreements = list(first.agreements)
    agreements[position] = dataclasses.replace(agreements[position], text=(new_text,))
    changed_section = dataclasses.replace(first, agreements=tuple(agreements))
    edition = dataclasses.replace(catalogue.edition, id="2026", published_at="2026-11-01T00:00:00Z")
    new = dataclasses.replace(catalogue, edition=edition, sections=(changed_section, *catalogue.sections[1:]))
    db = connect(db_path)
    with write(db):
        editions.insert_catalogue(db, new)
    db.close()


def test_new_edition_reaches_new_drafts_only(browser, app, db_path, catalogue):
    browser.start()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    publish_changed_edition(db_path, catalogue, "De communicatiedienst schrijft een nieuw plan.")

    browser.get("/nota/nalezen")
    assert "De communicatiedienst maakt op basis van de organisatiedoelen" in browser.page
    assert "schrijft een nieuw plan" not in browser.page

    from support import Browser

    newcomer = Browser(app.test_client())
    newcomer.start()
    newcomer.get("/nota/onderdeel/5.1")
    assert "De communicatiedienst schrijft een nieuw plan." in newcomer.page


def test_the_draft_stores_its_own_copy_of_the_chosen_wording(browser, app, db_path):
    browser.start()
    browser.submit("/nota/onderdeel/5.8", {"include_2": "y", "variant_2": "Variant", "action": "done"})
    db = connect(db_path)
    # Even if the stored catalogue text were altered behind the draft's back, the note keeps what the user chose.
    with write(db):
        db.execute("UPDATE variants SET text = '[\"Gewijzigd.\"]' WHERE agreement_id = 'versturen-persberichten'")
    caches.published_editions.clear()
    browser.get("/nota/nalezen")
    assert "Enkel de communicatiedienst staat in voor het versturen van de persberichten" in browser.page
    assert "Gewijzigd." not in browser.page


def test_a_reference_in_an_agreement_shows_the_notes_number_on_the_section_page(browser, db_path, catalogue):
    reference = "Zie ook [[communicatiebeleidsplan-op-basis-van-organisatiedoelen]]."
    publish_changed_edition(db_path, catalogue, reference, position=1)
    browser.start()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_1": "y", "action": "save"})
    browser.get("/nota/onderdeel/5.1")
    assert "Zie ook afspraak 1." in browser.text()
    assert "[[" not in browser.page.split("<textarea", 1)[0]
