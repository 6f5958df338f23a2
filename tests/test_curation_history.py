"""The history reads like a log a colleague wrote: Dutch labels and dates, a diff per field and paragraph, undo."""

from __future__ import annotations

import re

import pytest

from builder.db import connect, editions
from builder.model.editing import place_of

EDITION = "/beheer/edities/2026"
AGREEMENT = f"{EDITION}/afspraken/beelddatabank"


def stored(app):
    return editions.load(connect(app.config["DATABASE"]), "2026")


def test_edition_entries_have_dutch_labels_dates_and_a_diff_per_paragraph(draft):
    draft.get(f"{EDITION}/gegevens")
    values = dict(draft.form_values())
    paragraphs = values["introduction"].split("\n\n")
    paragraphs[1] = paragraphs[1].replace("Kortom", "Kortom vzw")
    draft.send({"introduction": "\n\n".join(paragraphs), "subtitle": "Update 2026"})
    draft.get(f"{EDITION}/geschiedenis")
    text = draft.text()
    assert "Gegevens van de editie gewijzigd: editie 2026" in text
    assert "Nieuwe editie gestart: editie 2026" in text
    months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    assert re.search(rf"\d{{1,2}} ({months}) \d{{4}}, \d\d:\d\d", text), "a Flemish date"
    assert "T0" not in text and "Z ·" not in text and "¶" not in text, "no raw timestamps or glued paragraphs"
    assert "Ondertitel" in text and "<del>2024</del> <ins>2026</ins>" in draft.page
    assert "alinea’s of punten bleven gelijk" in text, "unchanged paragraphs are counted, not repeated"
    for english in ("agreement", "variant-toevoegen", "publish", " edit "):
        assert english not in text


def test_an_agreement_history_diffs_text_and_notes_as_separate_fields(draft):
    draft.fill(AGREEMENT, {"text": "De dienst beheert een beeldbank.", "notes": "Een tip."})
    draft.fill(AGREEMENT, {"new_variant-text": "Een partner beheert ze.", "action": "variant-toevoegen"})
    draft.get(f"{AGREEMENT}/geschiedenis")
    text = draft.text()
    assert "Geschiedenis van afspraak 14" in text
    assert "Afspraak gewijzigd: afspraak 14 (De dienst beheert een beeldbank.)" in text
    assert "Variant toegevoegd: variant “Variant 1” van afspraak 14" in text
    fields = re.findall(r'<p class="field-diff__label">([^<]+)</p>', draft.page)
    assert fields[-2:] == ["Tekst", "Noten voor de lezer"]
    assert "beelddatabank" not in text.replace("beelddatabank.", ""), "no ids"


def restore_buttons(user, url=f"{AGREEMENT}/geschiedenis") -> list[int]:
    """The history lines of a page that have restore buttons, oldest first."""
    user.get(url)
    found = re.findall(r'action="/beheer/edities/2026/geschiedenis/(\d+)/herstellen"', user.page)
    return sorted({int(n) for n in found})


def test_undoing_one_change_keeps_a_variant_a_colleague_added_afterwards(app, draft, pieter):
    page = f"{EDITION}/afspraken/persplanning"
    draft.fill(page, {"text": "Marthes persplanning."})
    pieter.fill(page, {"new_variant-text": "Pieters variant.", "action": "variant-toevoegen"})
    edit = restore_buttons(draft, f"{page}/geschiedenis")[-2]
    response = draft.send({"versie": "voor"}, action=f"{EDITION}/geschiedenis/{edit}/herstellen")
    agreement = stored(app).agreement("persplanning")
    assert agreement.text != ("Marthes persplanning.",), "the change is taken back"
    assert [v.text for v in agreement.variants] == [("Pieters variant.",)], "the later variant stays"
    draft.get(response.location)
    undone = r"De wijziging van marthe op .+ is teruggezet\. Wat daarna veranderde, bleef staan\."
    assert re.search(undone, draft.text())


def test_undoing_a_change_that_was_changed_again_says_what_else_goes_first(app, draft):
    draft.fill(AGREEMENT, {"text": "Tweede versie."})
    draft.fill(AGREEMENT, {"text": "Derde versie.", "notes": "Een noot."})
    first_edit = [n for n in restore_buttons(draft) if n > 1][0]
    draft.send({"versie": "voor"}, status=409, action=f"{EDITION}/geschiedenis/{first_edit}/herstellen")
    text = draft.text()
    assert "Ook latere wijzigingen terugzetten?" in text
    assert "Daarna veranderde de tekst nog eens. Er is nog niets teruggezet." in text
    assert "Afspraak gewijzigd: afspraak 14 (Derde versie.)" in text, "the later change, with who and when"
    assert "<del>Derde versie.</del>" in draft.page, "what going back changes"
    assert stored(app).agreement("beelddatabank").text == ("Derde versie.",), "nothing yet"
    assert "Zet enkel terug wat daarna niet meer veranderde" not in text, "only the text was touched"
    draft.send({"bevestigd": "alles"})
    agreement = stored(app).agreement("beelddatabank")
    assert agreement.text == ("De communicatiedienst ontwikkelt en beheert een beelddatabank.",)
    assert agreement.notes == ("Een noot.",), "the later note was never part of that change"


def test_a_confirmation_shown_before_a_colleague_changed_the_text_again_undoes_nothing(app, draft, pieter):
    draft.fill(AGREEMENT, {"text": "Tweede versie."})
    draft.fill(AGREEMENT, {"text": "Derde versie."})
    first_edit = [n for n in restore_buttons(draft) if n > 1][0]
    draft.send({"versie": "voor"}, status=409, action=f"{EDITION}/geschiedenis/{first_edit}/herstellen")
    pieter.fill(AGREEMENT, {"text": "Pieters versie."})
    response = draft.send({"bevestigd": "alles"})
    assert stored(app).agreement("beelddatabank").text == ("Pieters versie.",)
    draft.get(response.location)
    assert "Dit veranderde intussen, dus er is niets gedaan." in draft.text()


def test_an_earlier_version_of_the_parts_a_change_touched_comes_back(app, draft):
    draft.fill(AGREEMENT, {"text": "Tweede versie."})
    draft.fill(AGREEMENT, {"text": "Derde versie.", "new_variant-text": "Een variant."})
    first_edit = [n for n in restore_buttons(draft) if n > 1][0]
    response = draft.send({"versie": "na"}, action=f"{EDITION}/geschiedenis/{first_edit}/herstellen")
    agreement = stored(app).agreement("beelddatabank")
    assert agreement.text == ("Tweede versie.",) and [v.text for v in agreement.variants] == [("Een variant.",)]
    draft.get(response.location)
    assert "Afspraak hersteld" in draft.text() and "staat weer zoals na die wijziging" in draft.text()


@pytest.mark.parametrize(
    ("remove", "restored"),
    [
        (f"{AGREEMENT}/verwijderen", lambda c: c.agreement("beelddatabank").number == 14),
        (f"{EDITION}/hoofdstukken/hoofdrollen/verwijderen", lambda c: c.chapter("hoofdrollen").title),
        (
            f"{EDITION}/afspraken/goedkeuring-persberichten/varianten/verwijderen?variant=Variant+2",
            lambda c: c.agreement("goedkeuring-persberichten").variant("Variant 2"),
        ),
    ],
)
def test_a_removal_can_be_undone_from_the_history(app, draft, remove, restored):
    draft.fill(remove, {})
    draft.get(f"{EDITION}/geschiedenis")
    change = re.search(r'action="/beheer/edities/2026/geschiedenis/(\d+)/herstellen"', draft.page).group(1)
    draft.send({"versie": "voor"}, action=f"{EDITION}/geschiedenis/{change}/herstellen")
    assert restored(stored(app))


def test_a_removed_section_comes_back_empty_in_its_place(app, draft):
    draft.fill(f"{EDITION}/onderdelen/nieuw", {"title": "Toegankelijkheid", "intro": "Voor iedereen."})
    draft.fill(f"{EDITION}/onderdelen/toegankelijkheid/verwijderen", {})
    assert [s.id for s in stored(app).sections][-1] == "artificiele-intelligentie"
    draft.get(f"{EDITION}/geschiedenis")
    change = re.search(r'action="/beheer/edities/2026/geschiedenis/(\d+)/herstellen"', draft.page).group(1)
    draft.send({"versie": "voor"}, action=f"{EDITION}/geschiedenis/{change}/herstellen")
    section = stored(app).sections[-1]
    assert (section.id, section.number, section.intro) == ("toegankelijkheid", "5.15", ("Voor iedereen.",))


def test_a_restore_that_would_duplicate_a_title_is_refused_with_a_reason(app, draft):
    draft.fill(f"{EDITION}/hoofdstukken/hoofdrollen/verwijderen", {})
    draft.fill(
        f"{EDITION}/hoofdstukken/nieuw", {"title": "Hoofdrollen voor de eigentijdse communicatiedienst", "body": "x"}
    )
    draft.get(f"{EDITION}/geschiedenis")
    change = re.findall(r'action="/beheer/edities/2026/geschiedenis/(\d+)/herstellen"', draft.page)[-1]
    draft.send({"versie": "voor"}, action=f"{EDITION}/geschiedenis/{change}/herstellen")
    draft.get(f"{EDITION}/geschiedenis")
    assert "Er is al een hoofdstuk “Hoofdrollen voor de eigentijdse communicatiedienst”." in draft.text()


def test_undoing_a_move_puts_the_agreement_back_where_it_stood_and_keeps_later_edits(app, draft):
    place, number = place_of(stored(app), "beelddatabank"), stored(app).agreement("beelddatabank").number
    draft.fill(AGREEMENT, {"place": "pers/"})
    assert place_of(stored(app), "beelddatabank")[0] == "pers"
    draft.fill(AGREEMENT, {"text": "De dienst beheert een beeldbank."})
    move = restore_buttons(draft)[-2]
    response = draft.send({"versie": "voor"}, action=f"{EDITION}/geschiedenis/{move}/herstellen")
    catalogue = stored(app)
    assert place_of(catalogue, "beelddatabank") == place, "back in its section, after the same agreement"
    assert catalogue.agreement("beelddatabank").number == number
    assert catalogue.agreement("beelddatabank").text == ("De dienst beheert een beeldbank.",), "the later edit stays"
    draft.get(response.location)
    assert re.search(r"De wijziging van marthe op .+ is teruggezet\.", draft.text())
