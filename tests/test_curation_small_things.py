"""The smaller things two curators met in a working week: each now says what is true, in Dutch."""

from __future__ import annotations

from support import CURATOR_PASSWORD, expire_curator_session, logged_in

from builder.db import connect, editions

EDITION = "/beheer/edities/2026"
AGREEMENT_44 = f"{EDITION}/afspraken/opmaak-persberichten"


def stored(app):
    return editions.load(connect(app.config["DATABASE"]), "2026")


def test_a_variant_a_colleague_added_meanwhile_is_shown_and_a_free_name_proposed(app, draft, pieter):
    draft.get(AGREEMENT_44)
    pieter.fill(AGREEMENT_44, {"new_variant-text": "Pieters variant.", "action": "variant-toevoegen"})
    draft.send({"new_variant-text": "Marthes variant.", "action": "variant-toevoegen"}, status=400)
    text = draft.text()
    assert "Een collega voegde intussen een variant “Variant 1” toe (hieronder)." in text
    assert "bijvoorbeeld “Variant 2”" in text
    assert "Deze afspraak heeft geen varianten." not in text
    assert "Intussen toegevoegd door een collega" in text and "Pieters variant." in text
    assert "Marthes variant." in draft.page, "what marthe typed stays"
    draft.send({"new_variant-label": "Variant 2", "action": "variant-toevoegen"})
    assert [v.label for v in stored(app).agreement("opmaak-persberichten").variants] == ["Variant 1", "Variant 2"]


def test_a_double_click_on_variant_toevoegen_adds_it_once_without_an_error(app, draft):
    draft.get(AGREEMENT_44)
    page = draft.page
    data = {"new_variant-text": "Een variant.", "action": "variant-toevoegen"}
    draft.send(data, page=page)
    draft.send(data, page=page)
    assert [v.label for v in stored(app).agreement("opmaak-persberichten").variants] == ["Variant 1"]


def test_logging_in_as_another_curator_on_an_expired_page_says_whose_text_it_is(app, draft, pieter):
    draft.get(AGREEMENT_44)
    expire_curator_session(app, "marthe")
    draft.send({"text": "Marthe typte dit."}, status=401)
    draft.send({"name": "pieter", "password": CURATOR_PASSWORD}, status=200, action="/beheer/login")
    text = draft.text()
    assert "Dit typte marthe voor de sessie verliep. Je bent aangemeld als pieter" in text
    assert "data-submit-on-load" not in draft.page, "not saved before pieter says so"
    draft.send({})
    assert stored(app).agreement("opmaak-persberichten").text == ("Marthe typte dit.",)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT curator FROM changes ORDER BY id DESC LIMIT 1").fetchone()[0] == "pieter"


def test_the_same_curator_logging_in_again_saves_at_once(app, draft):
    draft.get(AGREEMENT_44)
    expire_curator_session(app, "marthe")
    draft.send({"text": "Marthe typte dit."}, status=401)
    draft.send({"name": "marthe", "password": CURATOR_PASSWORD}, status=200, action="/beheer/login")
    assert "data-submit-on-load" in draft.page and "Dit typte" not in draft.text()


def test_the_removal_confirmation_says_the_numbers_go_down_and_nothing_was_saved_for_nothing(draft):
    response = draft.fill(f"{EDITION}/afspraken/beelddatabank", {"action": "verwijderen"})
    draft.get(response.location)
    text = draft.text()
    assert "Bewaard." not in text
    assert "De afspraken erna krijgen elk een nummer minder: afspraak 15 wordt 14, enzovoort." in text
    response = draft.fill(f"{EDITION}/afspraken/beelddatabank", {"notes": "Nog een noot.", "action": "verwijderen"})
    draft.get(response.location)
    assert "Wat je veranderde, is bewaard. Er is nog niets verwijderd." in draft.text()


def test_a_terminology_line_that_changes_nothing_any_more_is_pointed_out(app, draft):
    page = f"{EDITION}/terminologie/provincie"
    draft.get(page)
    lines = dict(draft.form_values())["lines"] + "\nzonnepaneel → provinciaal zonnepaneel"
    draft.send({"lines": lines})
    draft.fill(
        f"{EDITION}/afspraken/overleg-schepen-en-communicatieverantwoordelijke",
        {"text": "De gedeputeerde en de communicatieverantwoordelijke zitten regelmatig samen."},
    )
    draft.get(page)
    text = draft.text()
    assert "Regels die nergens iets veranderen" in text
    assert (
        "“de schepen van communicatie → de gedeputeerde bevoegd voor communicatie”: veranderde in editie 2024" in text
    )
    assert "“zonnepaneel → provinciaal zonnepaneel”: past nergens in editie 2026. Een tikfout?" in text
    draft.get(f"{EDITION}/publiceren")
    assert (
        "De woorden voor “Provincie”: “zonnepaneel → provinciaal zonnepaneel” verandert nergens iets." in draft.text()
    )


def test_html_in_a_name_never_becomes_part_of_a_permanent_id(app, draft):
    new = f"{EDITION}/afspraken/nieuw?onderdeel=pers"
    draft.fill(new, {"title": "<script>alert(1)</script> Beeldbank", "text": "Een nieuwe afspraak."}, status=400)
    assert "Gebruik gewone woorden, zonder HTML-code" in draft.text()
    assert not [a for a in stored(app).agreements if "script" in a.id]
    draft.fill(f"{EDITION}/onderdelen/nieuw", {"title": "<b>Nieuw</b>"}, status=400)
    assert "Gebruik gewone woorden, zonder HTML-code" in draft.text()
    assert logged_in  # two browsers are two sessions (fixtures draft and pieter)
