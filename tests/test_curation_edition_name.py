"""A draft edition's name can be put right, and a false start deleted; a published edition never changes."""

from __future__ import annotations

import re

import pytest
from support import Browser
from werkzeug.datastructures import MultiDict

from builder.db import connect, editions, history

DRAFT = "/beheer/edities/2026"


def stored_ids(app):
    return [e.id for e in editions.all_editions(connect(app.config["DATABASE"]))]


@pytest.mark.parametrize("name", ["2027.", "2027..1", ".2027", "2027 bis", "2027-", "2027/1", "x" * 21])
def test_a_name_that_reads_wrong_is_refused_and_kept_as_typed(curator, name):
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": name, "title": "Inspiratienota"}, status=400)
    assert "met hoogstens één punt of streepje tussen twee ervan, en niets erachter" in curator.text()
    assert f'value="{name}"' in curator.page


@pytest.mark.parametrize("name", ["2027", "2026.1", "2026-bis", "v2027_b"])
def test_a_plain_name_is_accepted(app, curator, name):
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": name, "title": "Inspiratienota"})
    assert name in stored_ids(app)


def test_a_draft_edition_is_renamed_everywhere_and_a_colleagues_open_page_goes_on(app, draft, pieter):
    agreement = f"{DRAFT}/afspraken/beelddatabank"
    draft.fill(agreement, {"notes": "Een noot van marthe."})
    pieter.get(agreement)  # open in another browser under the old name
    draft.fill(f"{DRAFT}/naam", {"edition_id": "2027"})
    assert "2026" not in stored_ids(app) and "2027" in stored_ids(app)
    draft.get("/beheer/edities/2027")
    assert "De editie heet nu 2027." in draft.text() and "Editie 2027: " in draft.text()
    fields = MultiDict(
        [(k, v) for k, v in pieter.form_values(agreement) if k != "text"] + [("text", "Pieters beeldbank.")]
    )
    response = pieter.client.post(agreement, data=fields)
    assert response.status_code == 307, "sent on with what was typed, as a browser does"
    assert response.location == "/beheer/edities/2027/afspraken/beelddatabank"
    assert pieter.client.post(response.location, data=fields).status_code == 302, "and saved there"
    catalogue = editions.load(connect(app.config["DATABASE"]), "2027")
    assert catalogue.agreement("beelddatabank").text == ("Pieters beeldbank.",)
    assert catalogue.agreement("beelddatabank").notes == ("Een noot van marthe.",)
    draft.get("/beheer/edities/2027/geschiedenis")
    assert "Editie hernoemd: editie 2027" in draft.text() and "2026 → 2027" in draft.text()
    assert "Afspraak gewijzigd" in draft.text(), "the history went along"
    draft.get("/beheer/edities/2027/zoeken?q=noot")
    assert "Een noot van marthe." in draft.text(), "so did the search index"
    assert draft.client.get(f"{DRAFT}/publiceren").location == "/beheer/edities/2027/publiceren"


def test_a_name_in_use_is_refused_and_a_published_edition_cannot_be_renamed(app, draft):
    draft.fill(f"{DRAFT}/naam", {"edition_id": "2024"}, status=400)
    assert "Die naam is al in gebruik." in draft.text()
    draft.get("/beheer/edities/2024/naam", status=409)
    assert stored_ids(app) == ["2024", "2026"]


def test_deleting_a_draft_edition_lists_what_is_lost_first(app, draft, pieter, browser):
    browser.start()
    browser.submit(
        "/nota/onderdeel/5.2/suggestie", {"kind": "verbetering", "agreement": "beelddatabank", "text": "Ook video."}
    )
    draft.get(f"{DRAFT}/afspraken/beelddatabank?suggestie=1")
    draft.send({"text": "De dienst beheert beelden en video."}, action=f"{DRAFT}/afspraken/beelddatabank")
    pieter.get(f"{DRAFT}/afspraken/persplanning")
    draft.get(f"{DRAFT}/verwijderen")
    text = draft.text()
    assert "Editie 2026 verwijderen?" in text and "Dit kan niet ongedaan gemaakt worden" in text
    assert "Herschreven · Afspraak 14" in text
    assert re.search(r"\d+ regels in de geschiedenis van deze editie", text)
    draft.send({})
    assert stored_ids(app) == ["2024"]
    draft.get("/beheer/")
    assert "Editie 2026 is verwijderd." in draft.text() and "Nieuwe editie starten" in draft.text()
    draft.get("/beheer/suggesties")
    assert "Ook video." in draft.text() and "Geen open suggesties." not in draft.text(), "open again"
    response = pieter.send({"text": "Pieters persplanning."}, status=410)
    assert "marthe verwijderde editie 2026 op" in pieter.text()
    assert "Pieters persplanning." in response.get_data(as_text=True), "what pieter typed is given back"


def test_a_deletion_confirmed_on_an_outdated_page_deletes_nothing(app, draft, pieter):
    draft.get(f"{DRAFT}/verwijderen")
    pieter.fill(f"{DRAFT}/afspraken/beelddatabank", {"text": "Net nog bewaard."})
    draft.send({}, status=409)
    assert "Iemand veranderde de editie intussen." in draft.text() and "Herschreven · Afspraak 14" in draft.text()
    assert "2026" in stored_ids(app)


def test_a_published_edition_cannot_be_deleted(app, curator):
    curator.get("/beheer/edities/2024/verwijderen", status=409)
    assert history.renamed_to(connect(app.config["DATABASE"]), "2024") is None
    assert Browser  # the fixtures are separate browsers
