"""Curators search an edition: agreements, variants, notes, chapters and references, each hit linked to its page."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.db import connect, search

EDITION = "/beheer/edities/2026"


def results(curator, words, edition="2026"):
    curator.get(f"/beheer/edities/{edition}/zoeken?q={words}")
    found = re.findall(r'<p class="search-result__where"><a href="([^"]+)">\s*(.*?)</a>', curator.page, re.S)
    return [(href, " ".join(text.split())) for href, text in found]


@pytest.mark.parametrize(
    ("words", "where", "link"),
    [
        ("beelddatabank", "Afspraak 14", f"{EDITION}/afspraken/beelddatabank"),
        ("beeld", "Afspraak 14", f"{EDITION}/afspraken/beelddatabank"),  # the start of a word is enough
        (
            "kabinetschef",
            "Variant “Variant 1” van afspraak 46",
            f"{EDITION}/afspraken/goedkeuring-persberichten#varianten",
        ),
        (
            "strateeg",
            "Hoofdstuk “Hoofdrollen voor de eigentijdse communicatiedienst”",
            f"{EDITION}/hoofdstukken/hoofdrollen",
        ),
        ("Dossier pers media", "Meer lezen? bij 5.8 Perscommunicatie", f"{EDITION}/onderdelen/pers"),
        ("klachtencoordinator", "Afspraak 13", f"{EDITION}/afspraken/klachtencoordinatie"),  # accents do not matter
        ("Politieke neutraliteit afspraak 37", "Onderdeel 5.9 Sociale media", f"{EDITION}/onderdelen/sociale-media"),
    ],
)
def test_a_search_finds_each_kind_of_text_and_links_to_its_edit_page(draft, words, where, link):
    found = results(draft, words)
    assert (link, where) in found, found


def test_matched_words_are_marked_and_markup_is_escaped(draft):
    draft.fill(f"{EDITION}/afspraken/beelddatabank", {"notes": "Let op <script>alert(1)</script> bij beelden."})
    results(draft, "script")
    assert "<mark>script</mark>" in draft.page and "&lt;" in draft.page and "<script>alert" not in draft.page
    assert "Noten bij afspraak 14" in draft.text()


def test_the_index_follows_every_save(draft):
    assert results(draft, "zonnepanelen") == []
    assert "Niets gevonden voor “zonnepanelen”" in draft.text()
    draft.fill(f"{EDITION}/afspraken/beelddatabank", {"text": "De dienst beheert de foto's van de zonnepanelen."})
    assert [w for _l, w in results(draft, "zonnepanelen")] == ["Afspraak 14"]
    assert results(draft, "zonnepanelen", edition="2024") == [], "another edition is another index"


def test_a_published_edition_links_to_its_preview(draft):
    found = results(draft, "beelddatabank", edition="2024")
    assert found[0][0] == "/beheer/edities/2024/voorbeeld/5.2"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.text(max_size=60))
def test_any_typed_query_gets_an_answer(draft, words):
    response = draft.client.get(f"{EDITION}/zoeken", query_string={"q": words})
    assert response.status_code == 200


def test_searching_the_whole_catalogue_is_fast(app, draft):
    db = connect(app.config["DATABASE"])
    queries = ["communicatiedienst", "pers", "beeld sociale", "afspraak", "kortompedia", "college schepen"]
    start = time.perf_counter()
    for _round in range(20):
        for words in queries:
            search.search(db, "2026", words)
    per_query = (time.perf_counter() - start) / (20 * len(queries))
    assert per_query < 0.05, f"{per_query * 1000:.1f} ms per search"
