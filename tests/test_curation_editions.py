"""Curators prepare a new edition in the browser, preview it and publish it."""

from __future__ import annotations

import json
import re

from support import Browser

from builder.db import connect
from builder.formats.catalogue_files import read_tree


def start_edition(curator, edition_id="2026", status=302):
    curator.get("/beheer/")
    return curator.post(
        "/beheer/edities/nieuw", {"edition_id": edition_id, "title": "Inspiratienota 2026"}, status=status
    )


def reword(curator, agreement_id, text, edition="2026", **more):
    return curator.fill(f"/beheer/edities/{edition}/afspraken/{agreement_id}", {"text": text, **more})


def publish(curator, summary="Nieuwe editie.", edition="2026", status=302):
    return curator.fill(f"/beheer/edities/{edition}/publiceren", {"summary": summary}, status=status)


def remove_agreement(curator, agreement_id, edition="2026"):
    """Click "Verwijder deze afspraak", then confirm."""
    reword_page = f"/beheer/edities/{edition}/afspraken/{agreement_id}"
    response = curator.fill(reword_page, {"action": "verwijderen"})
    assert response.location == f"{reword_page}/verwijderen"
    return curator.fill(response.location, {})


def add_agreement(curator, section_id, title, text, edition="2026"):
    """ "Afspraak toevoegen" on a section: a short name and the text, at the end of the section."""
    return curator.fill(
        f"/beheer/edities/{edition}/afspraken/nieuw?onderdeel={section_id}", {"title": title, "text": text}
    )


def test_reword_preview_publish_reaches_new_notes_only(app, browser, curator):
    browser.start()
    browser.submit("/nota/onderdeel/5.2", {"include_6": "y", "action": "done"})
    start_edition(curator)
    curator.get("/beheer/edities/2026/voorbeeld")  # rendered once before the edit: never shown stale after it
    assert "beeldbank met rechtenbeheer" not in curator.page
    reword(curator, "beelddatabank", "De communicatiedienst beheert een beeldbank met rechtenbeheer.")
    curator.get("/beheer/edities/2026/voorbeeld")
    assert "De communicatiedienst beheert een beeldbank met rechtenbeheer." in curator.page
    curator.get("/beheer/edities/2026/voorbeeld/5.2")
    assert "De communicatiedienst beheert een beeldbank met rechtenbeheer." in curator.page
    newcomer_before = Browser(app.test_client())
    newcomer_before.start()
    newcomer_before.get("/nota/onderdeel/5.2")
    assert "beeldbank met rechtenbeheer" not in newcomer_before.page, "a draft edition is invisible to users"

    assert "beeldbank met rechtenbeheer" not in app.test_client().get("/").get_data(as_text=True)
    publish(curator, "Afspraak 14 herschreven.")
    assert "beeldbank met rechtenbeheer" in app.test_client().get("/").get_data(as_text=True)

    newcomer = Browser(app.test_client())
    newcomer.start()
    newcomer.get("/nota/onderdeel/5.2")
    assert "De communicatiedienst beheert een beeldbank met rechtenbeheer." in newcomer.page
    browser.get("/nota/nalezen")
    assert "De communicatiedienst ontwikkelt en beheert een beelddatabank." in browser.page
    assert "rechtenbeheer" not in browser.page


def test_a_published_edition_refuses_edits(app, curator):
    start_edition(curator)
    publish(curator)
    curator.get("/beheer/edities/2026")
    response = curator.client.post(
        "/beheer/edities/2026/afspraken/beelddatabank",
        data={"csrf_token": curator.hidden("csrf_token"), "text": "Iets anders."},
    )
    assert response.status_code == 409
    assert "verandert niet meer" in response.get_data(as_text=True)
    response = curator.client.post("/beheer/edities/2024/onderdelen/diensten/hoger", data={})
    assert response.status_code == 409
    db = connect(app.config["DATABASE"])
    text = db.execute("SELECT text FROM agreements WHERE edition_id = '2026' AND id = 'beelddatabank'").fetchone()[0]
    assert json.loads(text) == ["De communicatiedienst ontwikkelt en beheert een beelddatabank."]


def test_history_records_who_what_before_and_after(app, curator):
    start_edition(curator)
    reword(curator, "beelddatabank", "Een nieuwe beelddatabank.")
    db = connect(app.config["DATABASE"])
    row = db.execute(
        "SELECT curator, kind, entity_id, action, before, after FROM changes WHERE entity_id = 'beelddatabank'"
    ).fetchone()
    assert row[:4] == ("marthe", "agreement", "beelddatabank", "edit")
    assert json.loads(row[4])["text"] == ["De communicatiedienst ontwikkelt en beheert een beelddatabank."]
    assert json.loads(row[5])["text"] == ["Een nieuwe beelddatabank."]
    curator.get("/beheer/edities/2026/afspraken/beelddatabank/geschiedenis")
    assert "marthe" in curator.page
    assert "<del>De communicatiedienst ontwikkelt en beheert een</del>" in curator.page
    assert "<ins>Een nieuwe</ins>" in curator.page
    curator.get("/beheer/edities/2026/geschiedenis")
    assert "beelddatabank" in curator.page


def test_publish_page_shows_added_removed_and_reworded_with_word_diff(curator):
    start_edition(curator)
    reword(
        curator, "persplanning", "De communicatiedienst is samen met het college verantwoordelijk voor de persplanning."
    )
    remove_agreement(curator, "beelddatabank")
    add_agreement(curator, "pers", "Antwoord binnen de dag", "Wij antwoorden de pers binnen de dag.")
    curator.get("/beheer/edities/2026/publiceren")
    text = curator.text()
    assert "Nieuwe afspraak · Afspraak" in text and "Wij antwoorden de pers binnen de dag." in text
    assert "Geschrapte afspraak · Afspraak 14 (in editie 2024)" in text
    assert "Herschreven · Afspraak" in text
    assert "<del>van burgemeester en schepenen</del>" in curator.page
    curator.fill(
        "/beheer/edities/2026/overgang",
        {"rows-0-kind": "retired", "rows-0-into-0": "", "rows-0-reason": "Geen beelddatabank meer."},
    )
    publish(curator, "Herwerkt persbeleid.")
    db_numbers = curator.client.get("/beheer/edities/2026").get_data(as_text=True)
    assert "Wij antwoorden de pers binnen de dag." in db_numbers


def test_agreements_move_and_numbers_follow_order(app, curator):
    start_edition(curator)
    curator.fill("/beheer/edities/2026/afspraken/ai-bij-gemeentediensten", {"place": "beleid/"})
    publish(curator)
    db = connect(app.config["DATABASE"])
    rows = db.execute(
        "SELECT id, number, section_id FROM agreements WHERE edition_id = '2026' ORDER BY number LIMIT 2"
    ).fetchall()
    assert rows == [
        ("ai-bij-gemeentediensten", 1, "beleid"),
        ("communicatiebeleidsplan-op-basis-van-organisatiedoelen", 2, "beleid"),
    ]
    assert db.execute("SELECT max(number) FROM agreements WHERE edition_id = '2026'").fetchone()[0] == 87


def test_variants_can_be_added_relabelled_and_removed(app, curator):
    start_edition(curator)
    page = "/beheer/edities/2026/afspraken/beelddatabank"
    curator.fill(
        page,
        {
            "action": "variant-toevoegen",
            "new_variant-label": "Variant",
            "new_variant-text": "Een externe partner beheert de beelddatabank.",
        },
    )
    curator.fill(page, {"variants-0-label": "Variant A", "variants-0-text": "Een partner beheert de beelddatabank."})
    db = connect(app.config["DATABASE"])
    assert db.execute(
        "SELECT label, text FROM variants WHERE edition_id = '2026' AND agreement_id = 'beelddatabank'"
    ).fetchall() == [("Variant A", '["Een partner beheert de beelddatabank."]')]
    response = curator.fill(
        "/beheer/edities/2026/afspraken/goedkeuring-persberichten", {"variants-0-label": "Variant 2"}, status=400
    )
    assert "heeft al een variant “Variant 2”" in response.get_data(as_text=True)
    response = curator.fill(page, {"action": "variant-verwijderen:0"})
    assert response.location == f"{page}/varianten/verwijderen?variant=Variant+A"
    curator.fill(response.location, {})
    assert (
        db.execute(
            "SELECT count(*) FROM variants WHERE edition_id = '2026' AND agreement_id = 'beelddatabank'"
        ).fetchone()[0]
        == 0
    )


def test_forms_keep_input_and_explain_in_dutch(curator):
    start_edition(curator)
    response = curator.fill(
        "/beheer/edities/2026/afspraken/beelddatabank", {"text": "", "notes": "Mijn noot blijft staan."}, status=400
    )
    page = response.get_data(as_text=True)
    assert "Een afspraak heeft tekst nodig." in page and "Mijn noot blijft staan." in page
    response = curator.fill(
        "/beheer/edities/2026/onderdelen/diensten",
        {"references-0-title": "Openbaarheid", "references-0-url": "geen url"},
        status=400,
    )
    assert "Een webadres begint met https:// en bevat geen spaties." in response.get_data(as_text=True)
    assert 'value="geen url"' in response.get_data(as_text=True)


def test_references_chapters_and_sections_can_be_edited(app, curator):
    start_edition(curator)
    curator.fill(
        "/beheer/edities/2026/onderdelen/diensten",
        {
            "references-0-title": "Wat is openbaarheid van bestuur?",
            "references-0-url": "https://www.kortom.be/openbaarheid",
            "references-0-agreements": "openbaarheid-van-bestuur",
            "references-1-title": "Hoe leg je best een beelddatabank aan?",
            "references-1-remove": "y",
            "new_reference-title": "Dossier - Klachten",
            "new_reference-agreements": "klachtencoordinatie",
        },
    )
    curator.fill(
        "/beheer/edities/2026/hoofdstukken/hoofdrollen",
        {
            "title": "Zes rollen voor de communicatiedienst",
            "body": "## Rollen\n\nEen alinea.\n\n- Strateeg",
            "references": "",
        },
    )
    curator.fill("/beheer/edities/2026/onderdelen/nieuw", {"title": "Toegankelijkheid"})
    add_agreement(curator, "toegankelijkheid", "Toegankelijk", "Alles is toegankelijk.")
    publish(curator)
    from builder.db import editions

    catalogue = editions.load(connect(app.config["DATABASE"]), "2026")
    diensten = catalogue.section("5.2")
    assert [(r.title, r.url, r.agreements) for r in diensten.references] == [
        ("Wat is openbaarheid van bestuur?", "https://www.kortom.be/openbaarheid", ("openbaarheid-van-bestuur",)),
        ("Dossier - Klachten", "", ("klachtencoordinatie",)),
    ]
    chapter = catalogue.chapter("hoofdrollen")
    assert chapter.title == "Zes rollen voor de communicatiedienst"
    assert [b.kind for b in chapter.body] == ["heading", "text", "items"]
    assert catalogue.sections[-1].number == "5.15" and catalogue.sections[-1].title == "Toegankelijkheid"


def test_only_one_edition_in_preparation_and_unique_names(curator):
    response = start_edition(curator, "2024", status=400)
    assert "Die naam is al in gebruik." in response.get_data(as_text=True)
    start_edition(curator, "2026")
    curator.get("/beheer/")
    assert "Verder werken aan editie 2026" in curator.page
    response = curator.client.post(
        "/beheer/edities/nieuw", data={"csrf_token": curator.hidden("csrf_token"), "edition_id": "2027", "title": "X"}
    )
    assert "Er is al een editie in voorbereiding." in response.get_data(as_text=True)


def test_dump_round_trip_is_byte_for_byte(runner, tmp_path, catalogue_copy):
    result = runner.invoke(args=["catalogue", "dump", "2024", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for original in (catalogue_copy / "2024").rglob("*.yaml"):
        dumped = tmp_path / "2024" / original.relative_to(catalogue_copy / "2024")
        assert dumped.read_bytes() == original.read_bytes(), original.name


def test_a_published_edition_dumps_and_loads_elsewhere(app, runner, curator, tmp_path):
    start_edition(curator)
    reword(curator, "beelddatabank", "Een nieuwe beelddatabank.")
    publish(curator, "Beelddatabank herschreven.")
    runner.invoke(args=["catalogue", "dump", "2024", "--dir", str(tmp_path)])
    result = runner.invoke(args=["catalogue", "dump", "2026", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    editions = {c.edition.id: c for c in read_tree(tmp_path)}
    assert editions["2026"].agreement("beelddatabank").text == ("Een nieuwe beelddatabank.",)
    assert editions["2026"].edition.change_summary == "Beelddatabank herschreven."
    from builder import create_app

    fresh = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "fresh.sqlite3")})
    loaded = fresh.test_cli_runner().invoke(args=["catalogue", "load", "--dir", str(tmp_path)])
    assert loaded.exit_code == 0, loaded.output
    assert "Edition 2026: loaded 87 agreements." in loaded.output


def test_a_section_preview_shows_the_agreements_as_a_new_user_sees_them(app, browser, curator):
    """Same boxes, same wordings, the catalogue text ready to reword: only the buttons are inert."""
    browser.start()
    browser.get("/nota/onderdeel/5.2")
    curator.get("/beheer/edities/2024/voorbeeld/5.2")

    def agreements(page):
        return re.findall(r'<article class="pick".*?</article>', page, re.S)

    assert len(agreements(curator.page)) == 10
    assert agreements(curator.page) == agreements(browser.page)
    assert ">\nDe communicatiedienst ontwikkelt en beheert een beelddatabank.</textarea>" in curator.page
