"""References between texts are checked where they are typed, listed before a removal and before publishing."""

from __future__ import annotations

import re

import pytest

from builder.db import connect, editions
from builder.model.crossref import resolve

EDITION = "/beheer/edities/2026"
AGREEMENT = f"{EDITION}/afspraken/beelddatabank"
SECTION = f"{EDITION}/onderdelen/diensten"
ORIGINAL = ("De communicatiedienst ontwikkelt en beheert een beelddatabank.",)


def stored(app):
    return editions.load(connect(app.config["DATABASE"]), "2026")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Zie [[bestaat-niet]] en [[klachtencoordinatie]].",
            "“[[bestaat-niet]]” verwijst naar een afspraak die niet in deze editie staat.",
        ),
        (
            "Zie [[Klachten coördinatie]].",
            "“[[Klachten coördinatie]].” is geen volledige verwijzing naar een afspraak.",
        ),
        (
            "Dat doet [een andere dienst (specifieer) samen met ons.",
            "“[een andere dienst (specifieer) samen…” heeft geen “]”",
        ),
    ],
)
def test_a_reference_that_cannot_work_is_refused_at_its_field_and_the_text_stays(app, draft, typed, message):
    draft.fill(AGREEMENT, {"text": typed}, status=400)
    assert message in draft.text()
    assert re.search(r'id="text-error"', draft.page), "next to the text box"
    assert typed.replace("“", "") in draft.text()
    assert stored(app).agreement("beelddatabank").text == ORIGINAL


def test_a_section_intro_and_a_variant_are_checked_too(app, draft):
    draft.fill(SECTION, {"intro": "Zie ook [[bestaat-niet|afspraak #]]."}, status=400)
    assert "“[[bestaat-niet]]” verwijst naar een afspraak die niet in deze editie staat." in draft.text()
    page = f"{EDITION}/afspraken/goedkeuring-persberichten"
    draft.fill(page, {"variants-0-text": "Zoals [[weg]]."}, status=400)
    assert "“[[weg]]” verwijst naar een afspraak die niet in deze editie staat." in draft.text()


def test_the_list_puts_a_reference_in_a_section_intro_that_says_nothing_without_its_agreement(app, draft):
    draft.get(SECTION)
    draft.send({"intro": "Over klachten", "reference": "klachtencoordinatie", "action": "verwijzing"}, status=200)
    written = "Over klachten [[klachtencoordinatie|(zie afspraak #)]]"
    assert written in draft.page
    draft.send({})
    assert stored(app).sections[1].intro == (written,)
    assert resolve(written, {"klachtencoordinatie": 4}) == "Over klachten (zie afspraak 4)"
    assert resolve(written, {}) == "Over klachten ", "nothing dangling in a note without agreement 13"


def test_removing_an_agreement_lists_the_texts_that_refer_to_it_by_id_and_by_number(app, draft, pieter):
    draft.get(SECTION)
    draft.send({"intro": "Over klachten", "reference": "klachtencoordinatie", "action": "verwijzing"}, status=200)
    draft.send({})
    pieter.fill(f"{EDITION}/afspraken/klachtencoordinatie", {"notes": "Zoals in afspraak 13 staat."})
    draft.get(f"{EDITION}/afspraken/klachtencoordinatie/verwijderen")
    text = draft.text()
    assert "Let op: de inleiding van onderdeel 5.2 verwijst naar deze afspraak." in text
    draft.get(f"{EDITION}/afspraken/politieke-terughoudendheid/verwijderen")
    assert (
        "de inleiding van onderdeel 5.9 noemt “afspraak 37”; die afspraak (“Gemeentelijke medewerkers" in draft.text()
    )


def test_an_edition_with_a_reference_to_a_removed_agreement_is_not_published(app, draft, pieter):
    draft.get(SECTION)
    draft.send({"intro": "Over klachten", "reference": "klachtencoordinatie", "action": "verwijzing"}, status=200)
    draft.send({})
    pieter.fill(f"{EDITION}/afspraken/klachtencoordinatie/verwijderen", {})
    message = "Er is geen afspraak voor de verwijzing [[klachtencoordinatie]] in de inleiding van onderdeel 5.2."
    draft.get(EDITION)
    assert message in draft.text()
    draft.fill(f"{EDITION}/publiceren", {"summary": "Klachten geschrapt."}, status=400)
    assert message in draft.text()
    assert stored(app).edition.status == "draft"


def test_a_number_warning_names_the_text_the_curator_sees_and_stays_until_publishing(app, draft):
    crisis = f"{EDITION}/afspraken/d5-bepaalt-crisisinformatie"
    draft.fill(crisis, {"notes": "Dit volgt op afspraak 40."})
    draft.get(f"{EDITION}/afspraken/communicatieverantwoordelijke-als-d5/verwijderen")
    text = draft.text()
    assert "Let op: een noot bij afspraak 41 (“De communicatieverantwoordelijke bepaalt als D5 wanneer…”) noemt" in text
    assert "“afspraak 40”; die afspraak (“Bij de afkondiging van de gemeentelijke…”) verdwijnt" in text
    draft.fill(AGREEMENT, {"place": "artificiele-intelligentie/"})  # 14 to the end: 15..87 shift down
    for url in (EDITION, f"{EDITION}/publiceren"):
        draft.get(url)
        assert "Kijk dit na voor je publiceert" in draft.text()
        assert (
            "de inleiding van onderdeel 5.9 noemt “afspraak 37”" in draft.text() and "krijgt nummer 36" in draft.text()
        )
