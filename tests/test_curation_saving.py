"""No curator loses work: every button saves the page, two curators never overwrite each other, a login keeps input."""

from __future__ import annotations

import json

import pytest
from support import CURATOR_PASSWORD, expire_curator_session

from builder.db import connect, editions

AGREEMENT = "/beheer/edities/2026/afspraken/beelddatabank"
PERSBERICHTEN = "/beheer/edities/2026/afspraken/goedkeuring-persberichten"


def stored(app, agreement_id="beelddatabank"):
    return editions.load(connect(app.config["DATABASE"]), "2026").agreement(agreement_id)


@pytest.mark.parametrize(
    ("button", "goes_to"),
    [
        ("variant-toevoegen", AGREEMENT + "#varianten"),
        ("bewaren", AGREEMENT),
        ("verwijderen", AGREEMENT + "/verwijderen"),
    ],
)
def test_every_button_on_the_agreement_page_saves_what_was_typed(app, draft, button, goes_to):
    new_variant = {"new_variant-label": "Variant", "new_variant-text": "Een partner beheert de beelddatabank."}
    response = draft.fill(AGREEMENT, {"text": "Een nieuwe beelddatabank.", "action": button, **new_variant})
    assert response.location == goes_to
    agreement = stored(app)
    assert agreement.text == ("Een nieuwe beelddatabank.",)
    assert [v.label for v in agreement.variants] == ["Variant"]


def test_moving_saves_the_text_too_and_removing_a_variant_asks_first(app, draft):
    response = draft.fill(
        PERSBERICHTEN,
        {"text": "Persberichten worden nagelezen.", "place": "beleid/", "action": "variant-verwijderen:1"},
    )
    assert response.location == PERSBERICHTEN + "/varianten/verwijderen?variant=Variant+2"
    agreement = stored(app, "goedkeuring-persberichten")
    assert agreement.text == ("Persberichten worden nagelezen.",) and agreement.number == 1
    assert [v.label for v in agreement.variants] == ["Variant 1", "Variant 2"], "not removed before confirming"
    draft.get(response.location)
    assert "Variant “Variant 2” van afspraak 1 verwijderen?" in draft.text()
    draft.send({})
    assert [v.label for v in stored(app, "goedkeuring-persberichten").variants] == ["Variant 1"]


def test_a_double_click_on_save_is_not_a_conflict(app, draft):
    draft.get(AGREEMENT)
    page = draft.page
    draft.send({"text": "Een nieuwe beelddatabank."}, page=page)
    response = draft.send({"text": "Een nieuwe beelddatabank."}, page=page)
    assert response.location == AGREEMENT
    changes = connect(app.config["DATABASE"]).execute("SELECT count(*) FROM changes WHERE kind = 'agreement'")
    assert changes.fetchone()[0] == 1


def test_two_curators_editing_different_fields_keep_both_changes(app, draft, pieter):
    draft.get(AGREEMENT)
    pieter.fill(AGREEMENT, {"notes": "Pieters noot."})
    draft.send({"text": "Marthes tekst."})
    agreement = stored(app)
    assert agreement.text == ("Marthes tekst.",) and agreement.notes == ("Pieters noot.",)


def test_two_curators_editing_different_agreements_keep_both(app, draft, pieter):
    draft.get(AGREEMENT)
    pieter.fill(PERSBERICHTEN, {"text": "Pieters persberichten."})
    draft.send({"text": "Marthes beelddatabank."})
    assert stored(app).text == ("Marthes beelddatabank.",)
    assert stored(app, "goedkeuring-persberichten").text == ("Pieters persberichten.",)


def clash(app, draft, pieter):
    """Marthe and Pieter edit the text of agreement 14 at once; Pieter saves first."""
    draft.get(AGREEMENT)
    pieter.fill(AGREEMENT, {"text": "De communicatiedienst beheert een beelddatabank met rechten."})
    return draft.send({"text": "De communicatiedienst ontwikkelt een beeldbank.", "notes": "Marthes noot."}, status=409)


def test_the_second_save_of_one_text_shows_both_and_loses_nothing(app, draft, pieter):
    response = clash(app, draft, pieter)
    page = response.get_data(as_text=True)
    text = draft.text()
    assert "Iemand anders bewaarde dit intussen" in text and "bewaarde pieter op" in text
    assert "De communicatiedienst ontwikkelt een beeldbank." in text
    assert "De communicatiedienst beheert een beelddatabank met rechten." in text
    assert "<del>beheert</del>" in page and "<ins>ontwikkelt</ins>" in page
    assert stored(app).text == ("De communicatiedienst beheert een beelddatabank met rechten.",), "nothing overwritten"
    assert stored(app).notes == (), "and nothing half-saved"


@pytest.mark.parametrize(
    ("choice", "merged", "text"),
    [
        ("mijn", "", "De communicatiedienst ontwikkelt een beeldbank."),
        ("bewaard", "", "De communicatiedienst beheert een beelddatabank met rechten."),
        ("samengevoegd", "De communicatiedienst ontwikkelt en beheert een beeldbank met rechten.", None),
    ],
)
def test_on_the_conflict_page_the_curator_chooses_or_merges(app, draft, pieter, choice, merged, text):
    clash(app, draft, pieter)
    choices = {"keuze:text": choice}
    if merged:
        choices["samengevoegd:text"] = merged
    draft.send(choices, action=AGREEMENT)
    agreement = stored(app)
    assert agreement.text == ((text or merged),)
    assert agreement.notes == ("Marthes noot.",), "the field without a clash is saved with the choice"


def test_a_conflict_on_a_chapter_the_details_and_a_section_is_caught_too(app, draft, pieter):
    pages = [
        ("/beheer/edities/2026/hoofdstukken/hoofdrollen", "title"),
        ("/beheer/edities/2026/gegevens", "subtitle"),
        ("/beheer/edities/2026/onderdelen/pers", "intro"),
    ]
    for url, field in pages:
        draft.get(url)
        pieter.fill(url, {field: "Pieters versie"})
        draft.send({field: "Marthes versie"}, status=409)
        assert "Iemand anders bewaarde dit intussen" in draft.text(), url


def test_a_move_by_one_curator_and_a_text_by_the_other_both_hold(app, draft, pieter):
    draft.get(AGREEMENT)
    pieter.fill(AGREEMENT, {"place": "beleid/"})
    draft.send({"text": "Marthes tekst."})
    agreement = stored(app)
    assert agreement.text == ("Marthes tekst.",) and agreement.number == 1


def test_an_old_page_cannot_move_a_section_twice(app, draft):
    draft.get("/beheer/edities/2026")
    page = draft.page
    draft.send({}, action="/beheer/edities/2026/onderdelen/pers/hoger", page=page)
    draft.send({}, action="/beheer/edities/2026/onderdelen/pers/hoger", page=page)
    draft.get("/beheer/edities/2026")
    assert "De volgorde veranderde intussen" in draft.text()
    catalogue = editions.load(connect(app.config["DATABASE"]), "2026")
    assert [s.id for s in catalogue.sections].index("pers") == 6, "moved once"


def test_publishing_from_an_outdated_publish_page_is_refused(app, draft, pieter):
    draft.fill(AGREEMENT, {"text": "Iets nieuws."})
    draft.get("/beheer/edities/2026/publiceren")
    pieter.fill(PERSBERICHTEN, {"text": "Nog iets nieuws."})
    draft.send({"summary": "Twee afspraken herschreven."}, status=400)
    assert "De editie veranderde intussen" in draft.text()
    assert "Nog iets nieuws." in draft.text(), "the page now lists the change"
    draft.send({"summary": "Twee afspraken herschreven."})


def test_an_expired_session_keeps_the_text_across_the_login_and_then_saves_it(app, draft):
    draft.get(AGREEMENT)
    expire_curator_session(app)
    response = draft.send({"text": "Getypt terwijl de sessie verliep."}, status=401)
    assert "Je sessie is verlopen omdat je een tijd niets deed. Wat je typte, is niet verloren" in draft.text()
    assert "Getypt terwijl de sessie verliep." in response.get_data(as_text=True)
    draft.send({"name": "marthe", "password": CURATOR_PASSWORD}, status=200, action="/beheer/login")
    assert "Je bent weer aangemeld" in draft.text()
    assert "data-submit-on-load" in draft.page
    response = draft.send({})  # what enhance.js does at once
    assert response.location == AGREEMENT
    assert stored(app).text == ("Getypt terwijl de sessie verliep.",)


def test_input_kept_across_a_login_still_meets_the_version_check(app, draft, pieter):
    draft.get(AGREEMENT)
    expire_curator_session(app)
    pieter.fill(AGREEMENT, {"text": "Pieter was sneller."})  # pieter's session is fresh
    draft.send({"text": "Marthes tekst."}, status=401)
    draft.send({"name": "marthe", "password": CURATOR_PASSWORD}, status=200, action="/beheer/login")
    draft.send({}, status=409)
    assert "Iemand anders bewaarde dit intussen" in draft.text()
    assert stored(app).text == ("Pieter was sneller.",)


def test_a_wrong_password_keeps_carrying_the_input(app, draft):
    draft.get(AGREEMENT)
    expire_curator_session(app)
    draft.send({"text": "Nog steeds hier."}, status=401)
    draft.send({"name": "marthe", "password": "fout"}, status=400, action="/beheer/login")
    assert "Nog steeds hier." in draft.page
    draft.send({"name": "marthe", "password": CURATOR_PASSWORD}, status=200, action="/beheer/login")
    draft.send({})
    assert stored(app).text == ("Nog steeds hier.",)


def test_a_post_from_another_site_is_never_carried_across_a_login(app, client, draft):
    expire_curator_session(app)
    attacker = app.test_client()
    response = attacker.post(AGREEMENT, data={"text": "Ingevoegd door een andere site."})
    assert response.status_code == 302 and response.location.startswith("/beheer/login")
    forged = draft.client.post(AGREEMENT, data={"text": "Zonder geldige token.", "csrf_token": "nep"})
    assert forged.status_code == 302
    assert "Zonder geldige token." not in forged.get_data(as_text=True)


def test_an_expired_session_on_a_page_says_so_on_the_login_page(app, draft):
    expire_curator_session(app)
    response = draft.client.get(AGREEMENT)
    assert response.location.startswith("/beheer/login")
    draft.get(response.location)
    assert "Je sessie is verlopen omdat je een tijd niets deed." in draft.text()


def test_the_history_of_one_save_has_a_line_per_thing_that_changed(app, draft):
    draft.fill(
        PERSBERICHTEN,
        {"text": "Nieuw.", "variants-0-text": "Andere variant.", "place": "beleid/", "new_variant-text": "Derde."},
    )
    rows = (
        connect(app.config["DATABASE"])
        .execute(
            "SELECT kind, action, summary, after FROM changes WHERE entity_id = 'goedkeuring-persberichten' ORDER BY id"
        )
        .fetchall()
    )
    assert [(kind, action) for kind, action, _s, _a in rows] == [
        ("agreement", "edit"),
        ("variant", "edit"),
        ("agreement", "move"),
        ("variant", "add"),
    ]
    assert rows[2][2] == "5.8 → 5.1"
    assert json.loads(rows[3][3]) == {"label": "Variant 3", "text": ["Derde."]}
