"""Publishing tells the whole truth: every change listed under a Dutch label, nothing irreversible in one click."""

from __future__ import annotations

import re

import pytest

from builder.db import connect, editions

EDITION = "/beheer/edities/2026"


def agreement_page(agreement_id):
    return f"{EDITION}/afspraken/{agreement_id}"


POLICE = f"{EDITION}/terminologie/politiezone"
POLICE_LINES = (
    "de gemeentelijke website → de website van de politiezone",
    "de burgemeesters → de leden van het politiecollege",
)


def add_police_lines(c):
    """Two new lines in the police zone's table, as a curator types them under the others."""
    c.get(POLICE)
    lines = dict(c.form_values())["lines"]
    return c.send({"lines": "\n".join((lines, *POLICE_LINES))})


def retire_16(c):
    """Agreement 16 goes (unless it went already), and the migration map says why, for users moving over."""
    removal = agreement_page("informeringsgevoelige-personeelsleden") + "/verwijderen"
    if c.client.get(removal).status_code == 200:
        c.fill(removal, {})
    c.fill(f"{EDITION}/overgang", {"rows-0-kind": "retired", "rows-0-reason": "Zit nu in afspraak 15."})


# One change of every kind the editor allows, each on its own object, and what the publish page shows for it.
def order(url):
    return lambda c: (c.get(EDITION), c.send({}, action=url))


EVERY_CHANGE = [
    (
        "details",
        lambda c: c.fill(f"{EDITION}/gegevens", {"subtitle": "Update 2026"}),
        "Ondertitel gewijzigd · De editie",
    ),
    (
        "new chapter",
        lambda c: c.fill(
            f"{EDITION}/hoofdstukken/nieuw", {"title": "Toegankelijk schrijven", "body": "Kort en klaar."}
        ),
        "Nieuw hoofdstuk · Hoofdstuk “Toegankelijk schrijven”",
    ),
    (
        "chapter text",
        lambda c: c.fill(f"{EDITION}/hoofdstukken/uitgangspunten", {"body": "## Kwaliteit\n\nEen nieuwe alinea."}),
        "Hoofdstuk gewijzigd · Hoofdstuk “Uitgangspunten voor kwaliteitsvolle overheidscommunicatie”",
    ),
    ("chapter order", order(f"{EDITION}/hoofdstukken/uitgangspunten/hoger"), "Volgorde van de hoofdstukken gewijzigd"),
    (
        "chapter removed",
        lambda c: c.fill(f"{EDITION}/hoofdstukken/communicatiebeleidsplan/verwijderen", {}),
        "Geschrapt hoofdstuk · Hoofdstuk “Een helder communicatiebeleidsplan”",
    ),
    (
        "new section",
        lambda c: c.fill(f"{EDITION}/onderdelen/nieuw", {"title": "Toegankelijkheid"}),
        "Nieuw onderdeel · Onderdeel 5.15",
    ),
    (
        "section title",
        lambda c: c.fill(f"{EDITION}/onderdelen/pers", {"title": "Pers en media"}),
        "Titel gewijzigd · Onderdeel 5.8",
    ),
    (
        "section intro",
        lambda c: c.fill(f"{EDITION}/onderdelen/diensten", {"intro": "Een nieuwe inleiding over de diensten."}),
        "Inleiding gewijzigd · Onderdeel 5.2",
    ),
    ("section order", order(f"{EDITION}/onderdelen/kwaliteitszorg/hoger"), "Onderdeel verplaatst van 5.3 naar 5.2"),
    (
        "new reference",
        lambda c: c.fill(f"{EDITION}/onderdelen/diensten", {"new_reference-title": "Dossier – Diensten"}),
        "Nieuwe verwijzing “Dossier – Diensten” · Onderdeel 5.2",
    ),
    (
        "reference removed",
        lambda c: c.fill(f"{EDITION}/onderdelen/pers", {"references-0-remove": "y"}),
        "Verwijzing “Dossier – Pers en media” geschrapt",
    ),
    (
        "new agreement",
        lambda c: c.fill(
            f"{EDITION}/afspraken/nieuw?onderdeel=pers", {"title": "Snel", "text": "Wij antwoorden snel."}
        ),
        "Nieuwe afspraak · Afspraak 56",
    ),
    (
        "agreement removed",
        lambda c: c.fill(agreement_page("informeringsgevoelige-personeelsleden") + "/verwijderen", {}),
        "Geschrapte afspraak · Afspraak 16 (in editie 2024)",
    ),
    (
        "reworded",
        lambda c: c.fill(agreement_page("beelddatabank"), {"text": "De dienst beheert een beeldbank."}),
        "Herschreven · Afspraak 14",
    ),
    (
        "sub-items",
        lambda c: c.fill(
            agreement_page("meer-dan-producent-van-kanalen"), {"text": "De dienst doet meer:\n\n- advies\n- coaching"}
        ),
        "Herschreven · Afspraak 10",
    ),
    (
        "notes",
        lambda c: c.fill(agreement_page("klachtencoordinatie"), {"notes": "Een tip voor de lezer."}),
        "Noten gewijzigd · Afspraak 13",
    ),
    (
        "sub-heading",
        lambda c: c.fill(agreement_page("openbaarheid-van-bestuur"), {"subheading": "Openbaarheid"}),
        "Tussentitel gewijzigd · Afspraak 12",
    ),
    (
        "moved between sections",
        lambda c: c.fill(agreement_page("ai-bij-gemeentediensten"), {"place": "kwaliteitszorg/"}),
        "Verplaatst van onderdeel 5.14 naar 5.3 · Afspraak 18 (was 87)",
    ),
    (
        "moved within",
        lambda c: c.fill(agreement_page("leidinggevenden-als-sleutelfiguur"), {"place": "diensten/"}),
        "Verplaatst binnen onderdeel 5.2 · Afspraak 8 (was 17)",
    ),
    (
        "variant added",
        lambda c: c.fill(agreement_page("persplanning"), {"new_variant-text": "De dienst plant samen met de pers."}),
        "Nieuwe variant “Variant 1” · Afspraak 43",
    ),
    (
        "variant reworded",
        lambda c: c.fill(agreement_page("goedkeuring-persberichten"), {"variants-0-text": "Met een quote."}),
        "Variant “Variant 1” herschreven · Afspraak 46",
    ),
    (
        "terminology",
        lambda c: add_police_lines(c),
        "Terminologie gewijzigd · De woorden voor “Politiezone”",
    ),
    (
        "migration map",
        lambda c: retire_16(c),
        "Geschrapt, met uitleg voor gebruikers · Afspraak 16 (in editie 2024)",
    ),
    (
        "variant removed",
        lambda c: c.fill(agreement_page("goedkeuring-persberichten") + "/varianten/verwijderen?variant=Variant+2", {}),
        "Variant “Variant 2” geschrapt · Afspraak 46",
    ),
]


@pytest.mark.parametrize(("kind", "edit", "listed"), EVERY_CHANGE, ids=[k for k, _e, _l in EVERY_CHANGE])
def test_the_publish_page_lists_each_kind_of_change_under_a_dutch_label(draft, kind, edit, listed):
    edit(draft)
    draft.get(f"{EDITION}/publiceren")
    text = draft.text()
    assert listed in text, text[-3000:]
    assert "Er veranderde nog niets" not in text


def test_one_draft_with_every_change_lists_them_all(draft):
    for _kind, edit, _listed in EVERY_CHANGE:
        edit(draft)
    draft.get(f"{EDITION}/publiceren")

    def kind(label):
        return re.sub(r"\d+\.\d+", "N", label)

    labels = [
        kind(label) for label in re.findall(r'<strong class="catalogue-change__label">([^<]+)</strong>', draft.page)
    ]
    expected = [kind(listed.split(" · ")[0]) for _kind, _edit, listed in EVERY_CHANGE]
    assert sorted(set(labels)) == sorted(set(expected)), "every change listed, under its own label"
    assert labels.count("Herschreven") == 2, "a new variant is not a rewording"
    assert "<li><ins>advies</ins> </li>" in draft.page, "sub-items stay list items"


def test_new_terminology_lines_are_listed_and_are_enough_to_publish(app, draft):
    add_police_lines(draft)
    for url in (EDITION, f"{EDITION}/publiceren"):
        draft.get(url)
        text = draft.text()
        assert "Terminologie gewijzigd · De woorden voor “Politiezone”" in text, url
        assert all(f"<li><ins>{line}</ins> </li>" in draft.page for line in POLICE_LINES), url
        assert "Er veranderde nog niets" not in text
    draft.send({"summary": "Twee nieuwe woorden voor politiezones."})
    assert editions.edition(connect(app.config["DATABASE"]), "2026").status == "published"


def test_an_edition_without_changes_cannot_be_published(app, draft):
    draft.get(f"{EDITION}/publiceren")
    assert "Er veranderde nog niets tegenover editie 2024" in draft.text()
    response = draft.send({"summary": "Niets."}, status=400)
    assert "Er veranderde nog niets tegenover editie 2024" in response.get_data(as_text=True)
    assert editions.edition(connect(app.config["DATABASE"]), "2026").status == "draft"


def test_edition_details_left_unchanged_are_pointed_out_before_publishing(draft):
    draft.get(f"{EDITION}/publiceren")
    text = draft.text()
    assert "Kijk dit na voor je publiceert" in text
    assert "De ondertitel vermeldt nog “2024”" in text
    assert "De inleiding is nog dezelfde als in editie 2024." in text
    draft.fill(f"{EDITION}/gegevens", {"subtitle": "Update 2026", "introduction": "Een nieuwe inleiding."})
    draft.get(f"{EDITION}/publiceren")
    assert "Kijk dit na voor je publiceert" not in draft.text()


def test_removing_an_agreement_asks_first_and_names_texts_that_point_at_numbers(app, draft):
    response = draft.fill(agreement_page("beelddatabank"), {"action": "verwijderen"})
    draft.get(response.location)
    text = draft.text()
    assert (
        "Afspraak 14 verwijderen?" in text and "De communicatiedienst ontwikkelt en beheert een beelddatabank." in text
    )
    assert "de inleiding van onderdeel 5.9 noemt “afspraak 37”" in text and "krijgt nummer 36" in text
    assert editions.load(connect(app.config["DATABASE"]), "2026").agreement("beelddatabank"), "still there"
    draft.send({})
    draft.get(EDITION)
    assert "Verwijderd. Wie het terug wil, herstelt het vanuit de geschiedenis." in draft.text()


def test_a_confirmation_shown_before_someone_changed_the_agreement_removes_nothing(app, draft):
    draft.get(agreement_page("beelddatabank") + "/verwijderen")
    page = draft.page
    draft.fill(agreement_page("beelddatabank"), {"text": "Intussen herschreven."})
    draft.send({}, status=409, page=page, action=agreement_page("beelddatabank") + "/verwijderen")
    assert "Iemand veranderde dit intussen" in draft.text() and "Intussen herschreven." in draft.text()
    assert editions.load(connect(app.config["DATABASE"]), "2026").agreement("beelddatabank")


def test_a_section_with_agreements_cannot_be_removed_and_the_page_says_why(draft):
    draft.get(f"{EDITION}/onderdelen/pers/verwijderen")
    assert "Verplaats of verwijder eerst de afspraken van dit onderdeel." in draft.text()
    assert "Ja, verwijder dit onderdeel" not in draft.text()


def test_the_whole_edition_downloads_as_word_with_every_agreement(draft, catalogue):
    import io

    import docx

    response = draft.client.get(f"{EDITION}/word")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=catalogus-2026.docx")
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    for agreement in catalogue.agreements:
        assert agreement.text[0][:60] in text, agreement.id
    for section in catalogue.sections:
        assert section.title in text
    for chapter in catalogue.chapters:
        assert chapter.title in text
    assert "Inspiratienota communicatieafspraken – editie 2026" in text
