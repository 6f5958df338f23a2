"""Curators write an agreement as one kind of organisation says it, and check every sentence a kind's tailoring
changes, at /beheer/edities/<id>/maatwerk/<kind> (issue 28, item 4)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from support import stored_terminology, textarea

PAGE = "/beheer/edities/2026/maatwerk/provincie"


@pytest.fixture
def drafting(curator):
    """A curator with a draft edition 2026, copied from 2024 with its tables."""
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota 2026"})
    return curator


def open_46(user):
    response = user.get(f"{PAGE}?afspraak=46&formulering=0", status=302)
    user.get(response.location)
    return response.location


def test_the_kinds_page_lists_every_sentence_its_tailoring_changes_marked(drafting):
    drafting.get("/beheer/edities/2026")
    assert 'href="/beheer/edities/2026/maatwerk/provincie">maatwerk: 0 eigen formuleringen</a>' in drafting.page
    drafting.get(PAGE)
    assert "Nog geen: de woordenlijst zegt alles." in drafting.page
    assert re.search(r"\d+ zinnen veranderen", drafting.page)
    assert "<td>5.4, afspraak 27</td>" in drafting.page
    assert '<mark class="tailored">de deputatie<span class="visually-hidden">' in drafting.page


def test_a_curator_writes_the_provinces_press_agreement_and_the_note_says_it(app, drafting):
    address = open_46(drafting)
    assert address.endswith("/maatwerk/provincie/goedkeuring-persberichten/0")
    assert "aan de gouverneur, de provinciegriffier" in textarea(drafting, "text"), "it opens with what the table says"
    text = "Persberichten worden enkel ter goedkeuring voorgelegd aan de bevoegde gedeputeerde en de betrokken dienst."
    drafting.submit(address, {"text": text, "reason": "De gouverneur keurt geen persberichten goed."})
    (written,) = stored_terminology(app).texts
    assert written.agreement == "goedkeuring-persberichten" and written.variant == "" and written.text == (text,)
    drafting.get(PAGE)
    assert "Afspraak 46</a>: De gouverneur keurt geen persberichten goed." in drafting.page
    assert '<mark class="tailored">bevoegde gedeputeerde' in drafting.page
    drafting.get("/beheer/edities/2026/geschiedenis")
    assert "Eigen formuleringen per afspraak" in drafting.page and "bevoegde gedeputeerde" in drafting.page


def test_a_wording_needs_its_reason_and_emptied_the_table_applies_again(app, drafting):
    address = open_46(drafting)
    response = drafting.post(address, {"text": "Iets anders.", "reason": ""}, status=400)
    assert "Zeg waarom de woordenlijst hier niet volstaat." in unescape(response.get_data(as_text=True))
    assert not stored_terminology(app).texts
    drafting.submit(address, {"text": "Iets anders.", "reason": "Omdat."})
    assert len(stored_terminology(app).texts) == 1
    drafting.get(address)
    drafting.submit(address, {"text": "", "reason": "Omdat."})
    assert stored_terminology(app).texts == ()


def test_a_wording_that_loses_its_placeholder_is_refused_at_the_text(app, drafting):
    response = drafting.get(f"{PAGE}?afspraak=13&formulering=1", status=302)
    drafting.get(response.location)
    refused = drafting.post(response.location, {"text": "Geen klachtencoördinator.", "reason": "Omdat."}, status=400)
    assert "(specifieer)" in unescape(refused.get_data(as_text=True))
    assert not stored_terminology(app).texts


def test_a_published_edition_shows_its_wordings_read_only(drafting):
    drafting.get("/beheer/edities/2024/maatwerk/provincie/goedkeuring-persberichten/0")
    assert "Een gepubliceerde editie verandert niet meer." in drafting.page and "<textarea" not in drafting.page
    drafting.get("/beheer/edities/2024/maatwerk/gemeente", status=404)
    drafting.get("/beheer/edities/2024/maatwerk/provincie/goedkeuring-persberichten/9", status=404)
