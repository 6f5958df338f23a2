"""The 2024 catalogue is carried over completely and word for word."""

from __future__ import annotations

import pytest

from builder.model.catalogue import PLACEHOLDER


def test_counts(catalogue):
    assert len(catalogue.sections) == 14
    assert [s.number for s in catalogue.sections] == [f"5.{n}" for n in range(1, 15)]
    assert len(catalogue.agreements) == 87
    assert [a.number for a in catalogue.agreements] == list(range(1, 88))
    assert catalogue.variant_count == 6


def test_edition_metadata(catalogue):
    edition = catalogue.edition
    assert edition.id == "2024"
    assert edition.publisher == "Kortom vzw"
    assert edition.updates == "2019"
    assert edition.introduction[0].text.startswith("Deze inspiratienota is een update van de eerste versie")


def test_section_titles(catalogue):
    titles = {s.number: s.title for s in catalogue.sections}
    assert titles["5.1"] == "Afspraken die helpen om beleid te vertalen naar communicatiebeleid"
    assert titles["5.4"] == "Een goede wisselwerking tussen politieke mandatarissen en gemeentelijke diensten"
    assert titles["5.8"] == "Perscommunicatie"
    assert titles["5.14"] == "Artificiële Intelligentie"


def test_section_intros(catalogue):
    assert catalogue.section("5.9").intro == (
        "Zie met betrekking tot dit onderdeel ook het luik ‘Politieke neutraliteit’, eerder in dit document "
        "bij afspraak 37.",
    )
    assert catalogue.section("5.14").intro[0].startswith("Artificiële intelligentie (AI) heeft het werk")
    assert catalogue.section("5.1").intro == ()


WORD_FOR_WORD = {
    1: ("De communicatiedienst maakt op basis van de organisatiedoelen een gepast communicatiebeleidsplan.",),
    7: (
        "Bij de te nemen beslissingen van managementteam en het college van burgemeester en schepenen voorzien we "
        "een communicatieparagraaf. Die duidt aan wie over deze beslissing geïnformeerd moet worden, en wie "
        "verantwoordelijk is voor deze communicatie.",
    ),
    22: (
        "In de gemeentelijke publiekskanalen hanteren we de laagdrempelige je-vorm. In correspondentie en in "
        "dossiers houden we het bij de meer zakelijke u-aanspreking.",
    ),
    29: (
        "Terugkoppeling over personeelsbeslissingen gebeuren via de algemeen directeur, niet via de leden van het "
        "college van burgemeester en schepenen.",
    ),
    42: (
        "Bij crisissituaties wordt steeds gecommuniceerd vanuit de burgemeester (of zijn vervanger) of de "
        "woordvoerder (diensthoofd communicatie of vervanger). Zij consulteren elkaar en de ambtenaar noodplanning "
        "over de inhoud van de boodschap.",
    ),
    55: (
        "Alle contacten voor mediadeals en advertenties (betalend én gratis) verlopen via de communicatiedienst, "
        "tenzij dit vooraf anders is afgesproken.",
    ),
    61: (
        "Gemeentelijke medewerkers stellen zich terughoudend op indien er op sociale media kritiek komt over "
        "gemeentebestuur of gemeentediensten.",
        "Op je privé-account je eigen mening geven kan, maar hou rekening met de integriteit die de gemeente als "
        "werkgever van jou verwacht. Je kan een open en kritische houding aannemen, maar je blijft daarbij loyaal "
        "tegenover de gemeente en vermijdt kritiek op collega’s en beleidspersonen van de gemeente.",
    ),
    67: ("Er komen enkel activiteiten uit de UiTdatabank in de activiteitenkalender van het infoblad.",),
    74: (
        "Het logo van het lokaal bestuur wordt enkel gebruikt voor communicatie vanuit het lokaal bestuur. Politiek "
        "mandatarissen gebruiken het logo van de gemeente niet in hun eigen communicatie.",
    ),
    80: (
        "Elke dienst heeft een aangestelde redacteur die verantwoordelijk is voor berichten op het intranet uit de "
        "betreffende dienst. Redacteurs worden aangesteld en opgeleid door de communicatiedienst. Ze beheren hun "
        "sites en pagina’s en houden die up-to-date. De communicatiedienst is verantwoordelijk voor de eindredactie "
        "en publicatie van berichten.",
    ),
    87: ("Gemeentediensten die AI gebruiken voor communicatiemateriaal, zijn hierover transparant.",),
}


@pytest.mark.parametrize("number", sorted(WORD_FOR_WORD))
def test_agreement_text_word_for_word(catalogue, number):
    agreement = catalogue.agreements[number - 1]
    assert agreement.number == number
    assert agreement.text == WORD_FOR_WORD[number]


BULLETS = {
    30: [
        "Beslist beleid\nCommunicatie over beslist beleid kan gaan over de bestuurlijke organisatie, beslissingen, "
        "regelgeving, dienstverlening of de rechten van de burger. Die zaken worden systematisch, neutraal, objectief, "
        "tijdig en toegankelijk gecommuniceerd.",
        "Beleid-in-ontwikkeling\nMet communicatie over beleid-in-ontwikkeling stimuleren we de publieke discussie. "
        "Zo willen we de participatie van burgers bevorderen. Van die communicatie is de afzender altijd duidelijk "
        "het bestuur. Ze is niet wervend, beperkt zich tot de weergave van de feiten en is zakelijk van toon.",
        "Niet-beslist beleid\nBeleidspunten waarover nog geen beslissing genomen is komen niet in aanmerking voor "
        "bekendmaking via de gemeentelijke communicatiemiddelen.",
    ],
    32: [
        "Overzichtspagina schepencollege (vb. in informatieblad en website).",
        "Voorstelling van het gemeentelijke beleidsplan",
        "Voorstelling nieuwe gemeenteraad/ schepencollege; in de loop van de legislatuur: voorstelling van nieuwe "
        "leden, die mandatarissen die ontslag nemen vervangen.",
        "Duiding van beleid.",
        "In infoblad: (kort) voorwoord.",
        "In crisissituaties verwacht de bevolking dat de burgemeester een leidende rol opneemt, en is het wel "
        "wenselijk dat deze regelmatig het woord voert.",
    ],
    34: [
        "Mandatarissen kunnen berichten van het lokaal bestuur delen, maar gaan zelf niet reageren op vragen of "
        "reacties. Tevens worden er geen bronnen van het lokaal bestuur (vb. foto's, teksten, documenten ...) "
        "gebruikt in politieke communicatie.",
    ],
    48: [
        "Voor interviews, quotes, beleidsvragen: de bevoegde mandataris (vermeld met telefoonnummer, e-mailadres "
        "en gsm-nummer).",
        "Voor andere vragen: de communicatiedienst.",
        "De communicatiedienst kan een beroep doen op de bevoegde ambtenaar om verduidelijkende info op te zoeken "
        "of een antwoord te formuleren voor een journalist.",
    ],
    59: [
        "De communicatiedienst ontwikkelt richtlijnen over hoe er wordt omgegaan met reacties op berichten op "
        "sociale media. Diensten die een eigen pagina hebben, houden zich aan dezelfde afspraken.",
    ],
    85: [
        "De communicatiedienst krijgt de speelruimte om te experimenteren met AI binnen de door de organisatie "
        "goedgekeurde tools.",
        "De communicatiedienst krijgt de kans om hierover bij te leren tijdens opleidingen.",
    ],
    86: [
        "Wanneer AI louter als hulpmiddel wordt gebruikt, en de communicatiedienst sterke eindredactie uitvoerde op "
        "het materiaal, is het niet relevant om te vermelden dat AI werd gebruikt.",
    ],
}


@pytest.mark.parametrize("number", sorted(BULLETS))
def test_bullet_items_word_for_word(catalogue, number):
    assert list(catalogue.agreements[number - 1].items) == BULLETS[number]


def test_agreement_37_keeps_its_six_bullets(catalogue):
    agreement = catalogue.agreements[36]
    assert agreement.text == (
        "Gemeentelijke medewerkers en gemeentelijke communicatiekanalen stellen zich politiek terughoudend op:",
    )
    assert len(agreement.items) == 6
    assert agreement.items[-1] == (
        "Gemeentepersoneel werkt niet mee aan de persoonlijke kanalen van mandatarissen (vb. hun persoonlijke "
        "Facebookpagina)."
    )


VARIANTS = {
    5: [
        (
            "Variant",
            "De communicatieverantwoordelijke is enkel waarnemend lid, en/of neemt niet deel aan het vergadergedeelte "
            "over delicate, persoonsgebonden agendapunten.",
        )
    ],
    13: [
        (
            "Variant",
            "De communicatiedienst is geen klachtencoördinator, deze taak wordt opgenomen door een andere dienst "
            "(specifieer).",
        )
    ],
    36: [
        (
            "Variant",
            "Alle briefwisseling en uitnodigingen vanwege het stadsbestuur worden ondertekend door de algemeen "
            "directeur en de burgemeester.",
        )
    ],
    45: [
        (
            "Variant",
            "Enkel de communicatiedienst staat in voor het versturen van de persberichten voor de organisatie, tenzij "
            "bij vooraf bepaalde uitzonderingen (vb. het cultuurcentrum onderhoudt over haar programmatie zelf "
            "contacten met de pers).",
        )
    ],
    46: [
        (
            "Variant 1",
            "De persberichten worden vooraf nagelezen door de bevoegde schepen(en) of kabinetsmedewerker. De "
            "burgemeester (of kabinetschef) geeft de finale goedkeuring.",
        ),
        ("Variant 2", "de persberichten bevatten een quote van de mandataris."),
    ],
}


def test_every_variant_word_for_word(catalogue):
    found = {a.number: [(v.label, " ".join(v.text)) for v in a.variants] for a in catalogue.agreements if a.variants}
    assert found == VARIANTS


def test_original_wordings_of_agreements_with_variants(catalogue):
    assert catalogue.agreements[12].text == (
        "De communicatiedienst treedt op als klachtencoördinator. Deze registreert de klacht, vraagt intern "
        "feedback bij collega’s/ schepenen en beantwoordt de klacht.",
    )
    assert catalogue.agreements[45].text == (
        "Persberichten: worden enkel ter goedkeuring voorgelegd aan de burgemeester, de algemeen directeur en de "
        "betrokken dienst.",
    )


def test_only_the_variant_of_13_has_a_placeholder(catalogue):
    with_placeholder = [(a.number, v.label) for a in catalogue.agreements for v in a.variants if v.has_placeholder]
    assert with_placeholder == [(13, "Variant")]
    assert not any(PLACEHOLDER.search(p) for a in catalogue.agreements for p in a.text)


def test_editorial_notes_are_kept_apart_from_the_agreement(catalogue):
    redactieraad = catalogue.agreements[14]
    assert redactieraad.notes == (
        "Het is ook wenselijk om samenstelling, rollen en taken van de redactieraad te bepalen.",
    )
    assert redactieraad.text[0].endswith("De communicatiedienst maakt hier werk van contentplanning en kwaliteitszorg.")
    infoblad = catalogue.agreements[61]
    assert infoblad.text == (
        "De redactieraad staat in voor het redactiebeleid en -planning van het gemeentelijk informatieblad.",
    )
    assert infoblad.notes[0].startswith("nvdr: dit is bij voorkeur geen aparte redactieraad voor het infoblad")
    assert infoblad.notes[0].endswith("infoblad, website, nieuwsbrief, sociale media…")


def test_subheadings(catalogue):
    def groups(number):
        return [(title, [a.number for a in agreements]) for title, agreements in catalogue.section(number).groups()]

    assert groups("5.8") == [
        ("", [43]),
        ("Overheid zoekt pers", [44, 45, 46, 47, 48, 49]),
        ("Pers zoekt overheid", [50, 51, 52, 53, 54, 55]),
    ]
    assert groups("5.13") == [("Intranet", [79, 80, 81, 82, 83]), ("Andere interne communicatiekanalen", [84])]


def test_references_with_and_without_agreements(catalogue):
    refs = {r.title: [catalogue.agreement(a).number for a in r.agreements] for r in catalogue.section("5.2").references}
    assert refs == {"Wat is openbaarheid van bestuur?": [12], "Hoe leg je best een beelddatabank aan?": [14]}
    wetgeving = catalogue.section("5.3").references[-1]
    assert wetgeving.title == "Dossier - Wetgeving"
    assert [catalogue.agreement(a).number for a in wetgeving.agreements] == [23, 24]
    assert [r.title for r in catalogue.section("5.7").references] == ["Dossier – Crisiscommunicatie"]
    assert catalogue.section("5.4").references == ()
    all_refs = [r for s in catalogue.sections for r in s.references] + [
        r for c in catalogue.chapters for r in c.references
    ]
    assert len(all_refs) == 20  # every line under a "Meer lezen?" in the seed
    assert all(r.url == "" for r in all_refs), "the seed has no URLs; none may be invented"


def test_intro_chapters(catalogue):
    assert [c.title for c in catalogue.chapters] == [
        "Waarom maak je afspraken?",
        "Uitgangspunten voor kwaliteitsvolle overheidscommunicatie",
        "Hoofdrollen voor de eigentijdse communicatiedienst",
        "Een helder communicatiebeleidsplan",
    ]
    waarom = catalogue.chapter("waarom-afspraken")
    assert "Richten, inrichten, stroomlijnen" in [b.heading for b in waarom.body]
    criteria = next(b for b in catalogue.chapter("uitgangspunten").body if b.kind == "items")
    assert len(criteria.items) == 11
    assert criteria.items[0] == "De overheid maakt werk van goede, actieve voorlichting."
    roles = next(b for b in catalogue.chapter("hoofdrollen").body if b.kind == "items")
    assert [item.split("\n")[0] for item in roles.items] == [
        "Strateeg",
        "Observator",
        "Bruggenbouwer",
        "Coach",
        "Realisator",
        "Coördinator corporate communicatie:",
    ]
    assert "Denken en doen" in [b.heading for b in catalogue.chapter("hoofdrollen").body]


def test_no_extraction_artifacts(catalogue):
    texts = [p for a in catalogue.agreements for p in (*a.text, *a.items, *a.notes)]
    texts += [p for a in catalogue.agreements for v in a.variants for p in v.text]
    for text in texts:
        assert "  " not in text and "\u00a0" not in text and "[bookmark" not in text
        assert text == text.strip()


def test_ids_are_stable_slugs(catalogue):
    ids = [a.id for a in catalogue.agreements]
    assert len(set(ids)) == 87
    assert catalogue.agreement("klachtencoordinatie").number == 13


@pytest.mark.parametrize(
    "text, asks",
    [
        ("De dienst (specifieer) volgt op.", True),
        ("Naar [een andere dienst (specifieer)] of de communicatiedienst.", True),
        ("Specifieer de dienst.", False),
        ("(Specifieer)", False),
        ("(specifieer", False),
        ("", False),
    ],
)
def test_a_text_asks_for_a_placeholder_exactly_when_the_pattern_finds_one(text, asks):
    from builder.model.catalogue import holds_placeholder

    assert holds_placeholder(text) is asks
    assert bool(PLACEHOLDER.search(text)) is asks


def test_every_catalogue_text_asks_for_a_placeholder_as_the_pattern_says(catalogue):
    from builder.model.catalogue import holds_placeholder

    texts = [
        text for a in catalogue.agreements for text in (*a.text, *a.items, *(p for v in a.variants for p in v.text))
    ]
    assert sum(holds_placeholder(t) for t in texts) > 0, "the catalogue asks for some"
    assert [holds_placeholder(t) for t in texts] == [bool(PLACEHOLDER.search(t)) for t in texts]
