"""An officer's note meets an edition in which Kortom moved an agreement, added one with a variant, and
wrote a section intro and a reference: the upgrade page says each of them, and where numbers go."""

from __future__ import annotations

import re

import pytest

from builder.db import connect, drafts

EDITION = "/beheer/edities/2026"
NEW_ID = "interne-nieuwsbrief"


@pytest.fixture
def moved_in_2026(browser, draft):
    """A note on 2024 with agreements of 5.2, 5.4 and 5.14; then Kortom publishes 2026."""
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.2", {"include_0": "y", "action": "done"})
    browser.submit("/nota/onderdeel/5.4", {"include_0": "y", "action": "done"})
    browser.submit("/nota/onderdeel/5.14", {"include_2": "y", "action": "done"})
    draft.fill(f"{EDITION}/afspraken/ai-bij-gemeentediensten", {"place": "kwaliteitszorg/"})
    draft.fill(
        f"{EDITION}/onderdelen/diensten",
        {"intro": "Diensten en communicatiedienst werken samen.", "new_reference-title": "Dossier – Samenwerken"},
    )
    draft.fill(
        f"{EDITION}/afspraken/nieuw?onderdeel=diensten",
        {"title": "Interne nieuwsbrief", "text": "De communicatiedienst maakt een interne nieuwsbrief."},
    )
    draft.fill(
        f"{EDITION}/afspraken/{NEW_ID}",
        {"new_variant-text": "Elke dienst maakt zijn eigen nieuwsbrief.", "action": "variant-toevoegen"},
    )
    draft.fill(f"{EDITION}/publiceren", {"summary": "Een verhuis, een nieuwe afspraak en een inleiding."})
    return browser


def test_a_moved_agreement_is_said_with_the_part_it_lands_in_and_its_new_number(moved_in_2026):
    moved_in_2026.get("/nota/nieuwe-editie")
    text = moved_in_2026.text()
    assert "Verplaatst naar een ander onderdeel" in text
    assert "Afspraak 3 in je nota (afspraak 87 in de catalogus): van onderdeel 5.14 naar 5.3" in text
    assert "Wordt afspraak 2 in je nota." in text
    assert "Na de overstap hebben 2 afspraken in je nota een ander nummer." in text
    same = re.search(r'<details class="upgrade-same">.*?</details>', moved_in_2026.page, re.S).group(0)
    assert "87" not in same, "the moved agreement is not among those that stay as they are"
    assert re.search(r"dezelfde tekst, in de catalogus nu afspraak \d+ \(was \d+\)", moved_in_2026.text())


def test_a_new_agreement_is_offered_with_its_variant_and_the_rest_is_mentioned(moved_in_2026):
    moved_in_2026.get("/nota/nieuwe-editie")
    text = moved_in_2026.text()
    assert "De communicatiedienst maakt een interne nieuwsbrief." in text
    assert "Elke dienst maakt zijn eigen nieuwsbrief." in text and f'name="formulering-{NEW_ID}"' in moved_in_2026.page
    assert "Onderdeel 5.2 Gemeentediensten" in text and "heeft een nieuwe inleiding" in text
    assert "Nieuw bij “Meer lezen?” in onderdeel 5.2: Dossier – Samenwerken" in text


def test_the_new_agreement_comes_in_with_the_wording_chosen(app, moved_in_2026):
    moved_in_2026.get("/nota/nieuwe-editie")
    moved_in_2026.send({"nieuw": NEW_ID, f"formulering-{NEW_ID}": "Variant 1"})
    db = connect(app.config["DATABASE"])
    (draft_id,) = db.execute("SELECT id FROM drafts").fetchone()
    choices = drafts.get(db, draft_id).choices
    added = next(c for p in choices.sections for c in p.agreements if c.id == NEW_ID)
    assert added.variant == "Variant 1" and added.catalogue_text == "Elke dienst maakt zijn eigen nieuwsbrief."
    parts = [p.number for p in choices.sections if p.agreements]
    assert parts == ["5.2", "5.3", "5.4"], "the moved agreement sits in its new part"
