"""Editing content is clear: duplicates refused alike, every refusal in the error summary, places by agreement."""

from __future__ import annotations

import re

import pytest

EDITION = "/beheer/edities/2026"
AGREEMENT = f"{EDITION}/afspraken/beelddatabank"


def summary(page: str) -> list[tuple[str, str]]:
    """The error summary's (field id, message) links."""
    box = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', box.group(0)) if box else []


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        (f"{EDITION}/onderdelen/nieuw", {"title": ""}, "title", "Geef het onderdeel een titel."),
        (
            f"{EDITION}/onderdelen/nieuw",
            {"title": "Sociale media"},
            "title",
            "Er is al een onderdeel “Sociale media” (5.9).",
        ),
        (
            f"{EDITION}/onderdelen/pers",
            {"title": "sociale media"},
            "title",
            "Er is al een onderdeel “Sociale media” (5.9).",
        ),
        (
            f"{EDITION}/hoofdstukken/nieuw",
            {"title": "Waarom maak je afspraken?", "body": "Tekst."},
            "title",
            "Er is al een hoofdstuk “Waarom maak je afspraken?”.",
        ),
        (
            f"{EDITION}/hoofdstukken/uitgangspunten",
            {"title": "Waarom maak je afspraken?"},
            "title",
            "Er is al een hoofdstuk “Waarom maak je afspraken?”.",
        ),
        (f"{EDITION}/hoofdstukken/nieuw", {"title": "", "body": ""}, "title", "Geef het hoofdstuk een titel."),
        (
            f"{EDITION}/afspraken/nieuw?onderdeel=pers",
            {"title": "Kopie", "text": "De communicatiedienst ontwikkelt en beheert een beelddatabank."},
            "text",
            "Afspraak 14 heeft al precies deze tekst.",
        ),
        (
            f"{EDITION}/afspraken/nieuw?onderdeel=pers",
            {"title": "", "text": "Iets."},
            "title",
            "Geef de afspraak een korte naam",
        ),
        (
            f"{EDITION}/afspraken/persplanning",
            {"text": "De communicatiedienst ontwikkelt en beheert een beelddatabank."},
            "text",
            "Afspraak 14 heeft al precies deze tekst.",
        ),
        (
            f"{EDITION}/afspraken/goedkeuring-persberichten",
            {"variants-0-label": "Variant 2"},
            "variants-0-label",
            "Afspraak 46 heeft al een variant “Variant 2”.",
        ),
        (
            AGREEMENT,
            {"new_variant-text": "", "action": "variant-toevoegen"},
            "new_variant-text",
            "Een variant heeft tekst nodig.",
        ),
        (
            f"{EDITION}/onderdelen/diensten",
            {"references-0-url": "www.kortom.be"},
            "references-0-url",
            "Een webadres begint met https:// en bevat geen spaties.",
        ),
        (
            f"{EDITION}/onderdelen/diensten",
            {"new_reference-url": "https://www.kortom.be"},
            "new_reference-title",
            "Geef de verwijzing een titel.",
        ),
        (f"{EDITION}/gegevens", {"publisher": ""}, "publisher", "Vul de uitgever in."),
        (
            "/beheer/suggesties/1/afwijzen",
            {"reason": ""},
            "reason",
            "Schrijf kort waarom je de suggestie niet overneemt.",
        ),
    ],
)
def test_every_refusal_shows_the_error_summary_and_marks_the_field(draft, browser, url, data, field, message):
    if "suggesties" in url:
        browser.start()
        browser.submit("/nota/onderdeel/5.2/suggestie", {"kind": "nieuw", "text": "Een voorstel."})
    response = draft.fill(url, data, status=400)
    page = response.get_data(as_text=True)
    links = summary(page)
    assert any(target == field and message in text for target, text in links), links
    assert 'id="foutmeldingen"' in page and "autofocus" in page
    assert re.search(rf'id="{re.escape(field)}"[^>]*aria-invalid="true"', page) or re.search(
        r'<fieldset class="fieldset field--error"', page
    ), "the field is marked"
    assert page.count('id="foutmeldingen"') == 1
    for name, value in data.items():
        if value and name not in ("action",):
            assert value.replace("“", "").split("\n")[0][:20] in page.replace("&#34;", '"'), "what was typed stays"


def test_places_are_offered_per_section_after_a_named_agreement(draft):
    draft.get(AGREEMENT)
    select = re.search(r'<select[^>]*id="place".*?</select>', draft.page, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert len(groups) == 14 and groups[1].startswith("5.2 Gemeentediensten")
    pers = re.search(r'<optgroup label="5.8 Perscommunicatie">(.*?)</optgroup>', select, re.S).group(1)
    options = re.findall(r"<option[^>]*>([^<]+)</option>", pers)
    assert options[0] == "Bovenaan in 5.8"
    assert options[1].startswith("Na afspraak 43 (De communicatiedienst is samen met het")
    assert 'value="diensten/klachtencoordinatie" selected' in select, "the current place is chosen"
    assert "Na afspraak 14 " not in select, "not after itself"


def test_a_move_that_shifts_a_number_a_text_names_warns_after_saving(draft):
    draft.fill(AGREEMENT, {"place": "artificiele-intelligentie/"})
    draft.get(AGREEMENT)
    assert "de inleiding van onderdeel 5.9 noemt “afspraak 37”" in draft.text()
    assert "krijgt nummer 36" in draft.text()


def test_technical_details_stay_out_of_sight(draft):
    draft.fill(
        f"{EDITION}/afspraken/nieuw?onderdeel=pers",
        {"title": "Antwoord", "text": "De communicatiedienst antwoordt binnen de dag."},
    )
    draft.get(f"{EDITION}/afspraken/antwoord")
    heading = re.search(r"<h1>(.*?)</h1>", draft.page).group(1)
    assert heading == "Afspraak 56"
    assert '<details class="technical">' in draft.page and "<code>antwoord</code>" in draft.page
    draft.get(f"{EDITION}/onderdelen/pers")
    labels = re.findall(r'<label class="choice__label" for="references-0-agreements-\d+">([^<]+)</label>', draft.page)
    assert labels[0].startswith("43. De communicatiedienst is samen met"), "checkboxes carry the first words"
    draft.get(f"{EDITION}/hoofdstukken/hoofdrollen")
    assert "Zo schrijf je de tekst" in draft.text() and "Een tussentitel" in draft.text()
    draft.get(f"{EDITION}/publiceren")
    assert "beelddatabank" not in re.sub(r"<[^>]+>", " ", draft.page).replace("beelddatabank.", "")


def test_the_section_page_saves_title_introduction_and_references_in_one_go(app, draft):
    from builder.db import connect, editions

    draft.fill(
        f"{EDITION}/onderdelen/pers",
        {"title": "Pers en media", "intro": "Nieuw.", "new_reference-title": "Dossier – Woordvoering"},
    )
    section = next(s for s in editions.load(connect(app.config["DATABASE"]), "2026").sections if s.id == "pers")
    assert section.title == "Pers en media" and section.intro == ("Nieuw.",)
    assert [r.title for r in section.references][-1] == "Dossier – Woordvoering"


def test_a_double_click_on_a_new_section_adds_one(app, draft):
    from builder.db import connect, editions

    draft.get(f"{EDITION}/onderdelen/nieuw")
    page = draft.page
    draft.send({"title": "Toegankelijkheid"}, page=page, action=f"{EDITION}/onderdelen/nieuw")
    response = draft.send({"title": "Toegankelijkheid"}, page=page, action=f"{EDITION}/onderdelen/nieuw")
    assert response.location == f"{EDITION}/onderdelen/toegankelijkheid"
    assert len(editions.load(connect(app.config["DATABASE"]), "2026").sections) == 15


def test_a_reference_tied_to_an_agreement_moved_away_meanwhile_is_kept_without_the_tie(app, draft):
    from builder.db import connect, editions

    draft.get(f"{EDITION}/onderdelen/diensten")
    page = draft.page
    draft.fill(AGREEMENT, {"place": "pers/"})  # agreement 14 leaves the section in another tab
    draft.send(
        {"references-1-title": "Een beelddatabank, hoe begin je eraan?"},
        page=page,
        action=f"{EDITION}/onderdelen/diensten",
        status=409,
    )
    assert "Iemand anders bewaarde dit intussen" in draft.text()
    draft.send({"keuze:references": "mijn"}, action=f"{EDITION}/onderdelen/diensten")
    section = next(s for s in editions.load(connect(app.config["DATABASE"]), "2026").sections if s.id == "diensten")
    assert section.references[1].title == "Een beelddatabank, hoe begin je eraan?"
    assert "beelddatabank" not in section.references[1].agreements
