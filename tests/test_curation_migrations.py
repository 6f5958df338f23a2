"""A curator records what became of the previous edition's agreements: renamed, split, merged or retired, and why."""

from __future__ import annotations

import pytest
from support import newer_edition

from builder.db import connect, editions
from builder.model.editing import new_edition

EDITION = "/beheer/edities/2026"
MAP = f"{EDITION}/overgang"
GONE = "beelddatabank"  # agreement 14 of edition 2024: "De communicatiedienst ontwikkelt en beheert een beelddatabank."


def remove(curator, agreement_id):
    """ "Verwijder deze afspraak" on its page, then confirm."""
    response = curator.fill(f"{EDITION}/afspraken/{agreement_id}", {"action": "verwijderen"})
    return curator.fill(response.location, {})


def add(curator, title, text, section="diensten"):
    """ "Afspraak toevoegen" to a section, with a short name and a text; returns the new agreement's id."""
    response = curator.fill(f"{EDITION}/afspraken/nieuw?onderdeel={section}", {"title": title, "text": text})
    return response.location.rsplit("/", 1)[1]


def stored_map(app):
    return editions.load(connect(app.config["DATABASE"]), "2026").edition.migrations


def number_of(app, agreement_id):
    return editions.load(connect(app.config["DATABASE"]), "2026").agreement(agreement_id).number


@pytest.fixture
def renamed(draft):
    """Agreement 14 removed, and re-added in a new wording under a new name."""
    remove(draft, GONE)
    new_id = add(draft, "Beeldbank", "De communicatiedienst ontwikkelt en beheert een beeldbank met rechtenbeheer.")
    return new_id


def test_an_agreement_removed_from_the_draft_gets_a_row_and_blocks_publishing_until_recorded(app, draft):
    remove(draft, GONE)
    draft.get(EDITION)
    assert "Wat werd er van de afspraken van editie 2024?" in draft.text(), "linked from the edition page"
    draft.get(MAP)
    text = draft.text()
    assert "Afspraak 14 van editie 2024 Nog niet ingevuld" in text
    assert "De communicatiedienst ontwikkelt en beheert een beelddatabank." in text, "the old text, to recognise it"
    draft.get(f"{EDITION}/publiceren")
    assert "Afspraak 14 van editie 2024 staat niet meer in deze editie." in draft.text()
    assert "Zeg wat er van de afspraken van editie 2024 werd" in draft.text(), "the publish page links to the map"
    draft.fill(f"{EDITION}/publiceren", {"summary": "Beelddatabank geschrapt."}, status=400)
    assert editions.load(connect(app.config["DATABASE"]), "2026").edition.status == "draft"


def test_a_rewording_under_a_new_name_is_proposed_as_a_rename_and_saved_with_one_click(app, draft, renamed):
    draft.get(MAP)
    assert "Voorstel, nog niet bewaard" in draft.text()
    assert stored_map(app) == (), "a proposal is not saved before the curator says so"
    draft.send({})
    (entry,) = stored_map(app)
    assert (entry.agreement, entry.kind, entry.into) == (GONE, "renamed", (renamed,))
    draft.get(MAP)
    assert "Bewaard" in draft.text() and "Voorstel, nog niet bewaard" not in draft.text()
    draft.get(f"{EDITION}/publiceren")
    text = draft.text()
    assert "staat niet meer in deze editie" not in text
    assert f"Afspraak 14 van editie 2024: gaat verder als afspraak {number_of(app, renamed)}" in text, "the map listed"
    draft.fill(f"{EDITION}/publiceren", {"summary": "Beeldbank herschreven."})
    assert editions.load(connect(app.config["DATABASE"]), "2026").edition.status == "published"


def test_targets_are_chosen_by_number_and_first_words_never_typed_ids(app, draft, renamed):
    draft.get(MAP)
    assert 'label="Nieuw in editie 2026"' in draft.page
    number = number_of(app, renamed)
    assert f"Afspraak {number}: De communicatiedienst ontwikkelt en beheert een beeldbank" in draft.text()
    assert f">{renamed}<" not in draft.page, "the id is the value, never the label"


def test_a_split_into_two_agreements_with_a_reason(app, draft):
    remove(draft, GONE)
    first = add(draft, "Beeldbank", "De communicatiedienst beheert de beeldbank.")
    second = add(draft, "Beeldrechten", "De communicatiedienst bewaakt de rechten op beelden.")
    draft.fill(
        MAP,
        {
            "rows-0-kind": "split",
            "rows-0-into-0": first,
            "rows-0-into-1": second,
            "rows-0-reason": "Beheer en rechten zijn nu twee afspraken.",
        },
    )
    (entry,) = stored_map(app)
    assert (entry.kind, entry.into, entry.reason) == (
        "split",
        (first, second),
        "Beheer en rechten zijn nu twee afspraken.",
    )
    draft.get(MAP)
    assert 'name="rows-0-into-2"' in draft.page, "one more place for a split into three"
    draft.get(EDITION)
    draft.get(f"{EDITION}/geschiedenis")
    assert "“Wat werd er van de afspraken?” bijgewerkt" in draft.text()
    assert "Afspraak 14 van editie 2024: opgesplitst in afspraken" in draft.text()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"rows-0-kind": "retired", "rows-0-reason": ""}, "rows-0-reason", "Schrijf kort waarom"),
        ({"rows-0-kind": "split", "rows-0-into-0": "NEW", "rows-0-reason": "Twee."}, "rows-0-into-0", "minstens twee"),
        ({"rows-0-kind": "renamed", "rows-0-into-0": ""}, "rows-0-into-0", "Kies precies één afspraak"),
        ({"rows-0-kind": "merged", "rows-0-reason": "Samen."}, "rows-0-into-0", "Kies precies één afspraak"),
        (
            {"rows-0-kind": "retired", "rows-0-into-0": "NEW", "rows-0-reason": "Weg."},
            "rows-0-into-0",
            "Een geschrapte afspraak gaat niet verder",
        ),
        (
            {"rows-0-kind": "renamed", "rows-0-into-0": "bestaat-niet"},
            "rows-0-into-0",
            "staat niet meer in deze editie",
        ),
        ({"rows-0-kind": "", "rows-0-reason": "Zomaar."}, "rows-0-kind", "Kies wat er van deze afspraak werd"),
    ],
)
def test_a_wrong_row_is_refused_in_dutch_next_to_its_field_keeping_the_input(
    app, draft, renamed, fields, field, message
):
    fields = {k: renamed if v == "NEW" else v for k, v in fields.items()}
    draft.get(MAP)
    draft.send({"rows-0-kind": "", "rows-0-into-0": "", "rows-0-into-1": "", "rows-0-reason": "", **fields}, status=400)
    assert message in draft.text()
    assert f'href="#{field}"' in draft.page, "the error summary links to the field"
    assert f'id="{field}-error"' in draft.page or f'id="{field}"' in draft.page
    for value in fields.values():
        if value:
            assert value in draft.page, "what was typed or chosen stays"
    assert stored_map(app) == ()


def test_an_entry_for_an_agreement_that_came_back_is_flagged_and_can_be_wiped(app, draft, renamed):
    draft.get(MAP)
    draft.send({})
    history = draft.client.get(f"{EDITION}/geschiedenis").get_data(as_text=True)
    assert "Afspraak verwijderd" in history
    # The removal is undone: agreement 14 is back, the entry no longer belongs.
    draft.get(f"{EDITION}/geschiedenis")
    restore = [f for f in draft.form_values(None) if f[0] == "versie"]
    assert restore
    change = draft.page.split("Afspraak verwijderd", 1)[1]
    action = change[change.index("/beheer/edities/2026/geschiedenis/") :].split('"', 1)[0]
    draft.send({"versie": "voor", "terug": MAP}, action=action)
    draft.get(MAP)
    assert "Deze afspraak staat weer in editie 2026" in draft.text()
    draft.get(f"{EDITION}/publiceren")
    assert "Deze afspraak staat nog in deze editie" in draft.text()
    draft.fill(MAP, {"rows-0-kind": "", "rows-0-into-0": "", "rows-0-into-1": ""})
    assert stored_map(app) == ()


def test_two_curators_filling_in_different_rows_both_keep_their_work(app, draft, renamed, pieter):
    remove(draft, "klachtencoordinatie")  # agreement 13: the first row now, agreement 14 the second
    draft.get(MAP)
    marthe_page = draft.page
    pieter.fill(MAP, {"rows-0-kind": "retired", "rows-0-into-0": "", "rows-0-reason": "Nu bij het onthaal."})
    draft.send({}, page=marthe_page, action=MAP)  # Marthe saves the proposed rename of agreement 14
    kinds = {m.agreement: m.kind for m in stored_map(app)}
    assert kinds == {GONE: "renamed", "klachtencoordinatie": "retired"}


def test_two_curators_changing_one_row_differently_see_the_conflict_page(app, draft, renamed, pieter):
    draft.get(MAP)
    marthe_page = draft.page
    pieter.fill(MAP, {"rows-0-kind": "retired", "rows-0-into-0": "", "rows-0-reason": "Pieter schrapt ze."})
    draft.send({"rows-0-reason": "Marthe hernoemt ze."}, page=marthe_page, action=MAP, status=409)
    text = draft.text()
    assert "Iemand anders bewaarde dit intussen" in text and "Afspraak 14 van editie 2024" in text
    assert "geschrapt – Pieter schrapt ze." in text and "Marthe hernoemt ze." in text
    assert stored_map(app)[0].reason == "Pieter schrapt ze.", "nothing overwritten"
    draft.send({"keuze:entry:beelddatabank": "mijn"}, action=MAP)
    assert stored_map(app)[0].reason == "Marthe hernoemt ze."


def test_an_edition_that_keeps_every_agreement_has_nothing_to_fill_in(draft):
    draft.get(MAP)
    assert "Alle afspraken van editie 2024 staan nog in editie 2026" in draft.text()


def test_a_published_edition_has_no_map_to_edit(draft):
    response = draft.client.get("/beheer/edities/2024/overgang")
    assert response.status_code == 409


def test_a_new_edition_starts_with_an_empty_map_even_when_its_base_had_one(catalogue):
    base = newer_edition(catalogue)
    assert base.edition.migrations, "the base edition has a map about the edition before it"
    assert new_edition(base, "2026", "Inspiratienota 2026").edition.migrations == ()


def test_a_row_with_a_problem_left_by_a_colleague_does_not_block_saving_another_row(app, draft, renamed):
    draft.get(MAP)
    draft.send({})  # agreement 14 goes on as the new "Beeldbank"
    remove(draft, renamed)  # ... which is removed again: that row now names an agreement that is gone
    remove(draft, "klachtencoordinatie")
    draft.get(MAP)
    draft.send({"rows-0-kind": "retired", "rows-0-into-0": "", "rows-0-reason": "Nu bij het onthaal."})
    kinds = {m.agreement: m.kind for m in stored_map(app)}
    assert kinds == {"klachtencoordinatie": "retired", GONE: "renamed"}
    draft.get(f"{EDITION}/publiceren")
    assert "Wat werd er van afspraak 14 van editie 2024:" in draft.text(), "the publish page names the problem"
