"""The first page shows the whole catalogue, in Dutch, from the database."""

from __future__ import annotations

import re
from html import unescape


def test_home_lists_all_87_agreements(client, catalogue):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    numbers = [int(n) for n in re.findall(r'<li class="agreement" value="(\d+)"', html)]
    assert numbers == list(range(1, 88))
    text = unescape(html)
    for agreement in catalogue.agreements:
        for paragraph in agreement.text:
            assert paragraph in text, agreement.number


def test_home_is_dutch_and_shows_sections_variants_and_references(client):
    html = unescape(client.get("/").get_data(as_text=True))
    assert '<html lang="nl">' in html
    assert "5.8 Perscommunicatie" in re.sub(r"<[^>]+>", "", html)
    assert html.count('class="variant__label">Variant') == 6
    assert "Variant 2" in html
    assert "Meer lezen?" in html
    assert "Dossier - Wetgeving" in html
    assert "bij afspraken 23, 24" in html
    assert "Overheid zoekt pers" in html


def test_home_is_readable_on_a_phone(client):
    html = client.get("/").get_data(as_text=True)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_unknown_page_gets_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)
