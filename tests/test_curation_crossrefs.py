"""A curator inserts a reference to another agreement into a text by choosing it from a list, never typing its id."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from builder.db import connect, editions

AGREEMENT = "/beheer/edities/2026/afspraken/beelddatabank"
TARGET = "klachtencoordinatie"  # agreement 13 of edition 2024


def stored_text(app):
    return editions.load(connect(app.config["DATABASE"]), "2026").agreement("beelddatabank").text


def test_the_list_names_other_agreements_by_number_and_first_words(draft):
    draft.get(AGREEMENT)
    assert "Verwijs naar een andere afspraak" in draft.text()
    assert f'<option value="{TARGET}">Afspraak 13: De communicatiedienst treedt op als' in draft.page
    assert '<option value="beelddatabank">' not in draft.page, "not to itself"
    assert "[[politieke-terughoudendheid|(zie afspraak #)]]" in draft.text(), "the syntax is explained, once"
    assert "technische naam" not in draft.text() and "[[id-van-de-afspraak]]" not in draft.text(), "no jargon"


def test_inserting_keeps_what_was_typed_adds_the_reference_and_saves_nothing_until_bewaar(app, draft):
    draft.get(AGREEMENT)
    draft.send(
        {"text": "De communicatiedienst beheert de beelddatabank", "reference": TARGET, "action": "verwijzing"},
        status=200,
    )
    written = f"De communicatiedienst beheert de beelddatabank [[{TARGET}|(zie afspraak #)]]"
    assert written in draft.page
    assert "De verwijzing staat achteraan in de tekst." in draft.text()
    assert stored_text(app) == ("De communicatiedienst ontwikkelt en beheert een beelddatabank.",), "nothing saved"
    draft.send({"action": "bewaren"})
    assert stored_text(app) == (written,)
    word = draft.client.get("/beheer/edities/2026/word")
    paragraphs = [p.text for p in Document(BytesIO(word.data)).paragraphs]
    assert "De communicatiedienst beheert de beelddatabank (zie afspraak 13)" in paragraphs, "a number in the note"
    draft.get("/beheer/edities/2026/voorbeeld/5.2")
    assert "De communicatiedienst beheert de beelddatabank (zie afspraak 13)" in draft.text(), "the preview says it too"


@pytest.mark.parametrize("chosen", ["", "bestaat-niet"])
def test_inserting_without_a_valid_choice_says_so_next_to_the_list(app, draft, chosen):
    draft.get(AGREEMENT)
    draft.send({"text": "Mijn nieuwe tekst.", "reference": chosen, "action": "verwijzing"}, status=400)
    assert "Kies de afspraak waarnaar je wilt verwijzen." in draft.text()
    assert 'id="reference-error"' in draft.page and "Mijn nieuwe tekst." in draft.page
    assert stored_text(app) == ("De communicatiedienst ontwikkelt en beheert een beelddatabank.",)
