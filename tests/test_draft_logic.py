"""The wizard's rules, on plain data: no app, no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builder.model.building import (
    AgreementAnswer,
    OwnAnswer,
    SectionAnswers,
    add_own_section,
    apply_section,
    is_catalogue_wording,
    move_own_section,
    new_choices,
    wording_text,
)
from builder.model.choices import AgreementChoice
from builder.model.note import compose, warnings
from builder.model.text import clean, parse_editable, same_text, slugify, to_editable


def fresh(catalogue):
    return new_choices(catalogue, dt.date(2026, 11, 23))


def pick(choices, catalogue, number, **answers):
    section = catalogue.section(number)
    return apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))


def test_chosen_agreements_follow_catalogue_order_whatever_the_order_of_answers(catalogue):
    choices = fresh(catalogue)
    section = catalogue.section("5.2")
    answers = {a.id: AgreementAnswer(include=True) for a in reversed(section.agreements[:3])}
    choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))
    assert [c.id for c in choices.part("5.2").agreements] == [a.id for a in section.agreements[:3]]


def test_sections_take_their_catalogue_place_in_the_note(catalogue):
    choices = fresh(catalogue)
    choices = pick(choices, catalogue, "5.9", **{"coordinatie-sociale-media": AgreementAnswer(include=True)})
    choices = pick(
        choices,
        catalogue,
        "5.1",
        **{"communicatiebeleidsplan-op-basis-van-organisatiedoelen": AgreementAnswer(include=True)},
    )
    assert [p.number for p in choices.sections] == ["5.1", "5.9"]


def test_a_section_with_nothing_chosen_leaves_the_note(catalogue):
    choices = fresh(catalogue)
    choices = pick(
        choices, catalogue, "5.6", **{"communicatiedienst-betrokken-bij-participatie": AgreementAnswer(include=True)}
    )
    choices = pick(choices, catalogue, "5.6")
    assert choices.sections == ()


def test_unchanged_text_is_not_a_rewording_even_after_switching_variant(catalogue):
    agreement = catalogue.agreement("communicatieverantwoordelijke-in-managementteam")
    original = wording_text(agreement)
    assert is_catalogue_wording(agreement, original)
    assert is_catalogue_wording(agreement, original.replace(" ", "  ") + "\n")
    choices = fresh(catalogue)
    choices = pick(
        choices, catalogue, "5.1", **{agreement.id: AgreementAnswer(include=True, variant="Variant", text=original)}
    )
    (choice,) = choices.part("5.1").agreements
    assert choice.variant == "Variant" and not choice.reworded
    assert choice.catalogue_text.startswith("De communicatieverantwoordelijke is enkel waarnemend lid")


def test_a_real_rewording_is_kept_and_reset_brings_the_catalogue_back(catalogue):
    choices = fresh(catalogue)
    aid = "beelddatabank"
    choices = pick(choices, catalogue, "5.2", **{aid: AgreementAnswer(include=True, text="Wij beheren een fotobank.")})
    assert choices.part("5.2").agreements[0].text == "Wij beheren een fotobank."
    choices = pick(
        choices, catalogue, "5.2", **{aid: AgreementAnswer(include=True, text="Wij beheren een fotobank.", reset=True)}
    )
    assert not choices.part("5.2").agreements[0].reworded


def test_own_agreements_stay_after_their_anchor(catalogue):
    choices = fresh(catalogue)
    section = catalogue.section("5.2")
    answers = SectionAnswers(
        agreements={
            "begeleiding-van-diensten": AgreementAnswer(include=True),
            "beelddatabank": AgreementAnswer(include=True),
        },
        own=[OwnAnswer("Na 9", after="geen-last-minute-inzet"), OwnAnswer("Bovenaan", after=""), OwnAnswer("")],
    )
    choices = apply_section(choices, catalogue, section, answers)
    texts = [c.id or c.text for c in choices.part("5.2").agreements]
    assert texts == ["Bovenaan", "begeleiding-van-diensten", "Na 9", "beelddatabank"]


def test_own_sections_keep_their_place_and_move_among_visible_parts(catalogue):
    choices = fresh(catalogue)
    choices = pick(
        choices,
        catalogue,
        "5.1",
        **{"communicatiebeleidsplan-op-basis-van-organisatiedoelen": AgreementAnswer(include=True)},
    )
    choices = pick(choices, catalogue, "5.8", **{"persplanning": AgreementAnswer(include=True)})
    choices, key = add_own_section(choices, catalogue, "Nieuwsbrief")
    assert [p.number or p.title for p in choices.sections] == ["5.1", "5.8", "Nieuwsbrief"]
    choices = move_own_section(choices, catalogue, key, -1)
    assert [p.number or p.title for p in choices.sections] == ["5.1", "Nieuwsbrief", "5.8"]
    choices = move_own_section(choices, catalogue, key, -1)
    assert [p.number or p.title for p in choices.sections] == ["Nieuwsbrief", "5.1", "5.8"]
    choices = pick(choices, catalogue, "5.4", **{"maandelijks-beleidsoverleg": AgreementAnswer(include=True)})
    assert [p.number or p.title for p in choices.sections] == ["Nieuwsbrief", "5.1", "5.4", "5.8"]
    choices = move_own_section(choices, catalogue, key, 1)
    assert [p.number or p.title for p in choices.sections] == ["5.1", "Nieuwsbrief", "5.4", "5.8"]


def test_note_numbers_run_through_the_whole_note(catalogue):
    choices = fresh(catalogue)
    choices = pick(choices, catalogue, "5.3", **{"inclusieve-communicatie": AgreementAnswer(include=True)})
    choices = pick(choices, catalogue, "5.13", **{"andere-interne-kanalen": AgreementAnswer(include=True)})
    choices, key = add_own_section(choices, catalogue, "Eigen")
    choices = choices.with_part(
        dataclasses.replace(choices.own_part(key), agreements=(AgreementChoice(text="Eigen tekst."),))
    )
    note = compose(choices, catalogue)
    assert [(a.number, a.catalogue_number) for a in note.agreements] == [(1, 19), (2, 84), (3, 0)]
    assert note.agreements[1].subheading == "Andere interne communicatiekanalen"
    origins = [a.origin(p.part.number) for p in note.parts for a in p.agreements]
    assert origins == ["catalogus 5.3, afspraak 19", "catalogus 5.13, afspraak 84", "eigen afspraak"]


def test_warnings_for_placeholders_and_empty_parts(catalogue):
    choices = fresh(catalogue)
    choices = pick(choices, catalogue, "5.2", klachtencoordinatie=AgreementAnswer(include=True, variant="Variant"))
    choices, _key = add_own_section(choices, catalogue, "Leeg")
    progress = {"sections": {"5.6": "bezig"}}
    found = warnings(compose(choices, catalogue), progress)
    kinds = [(w.kind, w.number or w.title) for w in found if w.kind != "not-looked-at"]
    assert kinds == [
        ("variant-names-service", 1),
        ("empty-own-section", "Leeg"),
        ("empty-started-section", "Communicatie bij participatie"),
    ]
    choices = pick(
        choices,
        catalogue,
        "5.2",
        klachtencoordinatie=AgreementAnswer(include=True, variant="Variant", fill="Burgerzaken"),
    )
    assert "variant-names-service" not in [w.kind for w in warnings(compose(choices, catalogue), {})]
    choices = pick(
        choices,
        catalogue,
        "5.2",
        klachtencoordinatie=AgreementAnswer(include=True, text="Dienst (specifieer) doet het."),
    )
    kinds = [w.kind for w in warnings(compose(choices, catalogue), {}) if w.kind != "not-looked-at"]
    assert kinds == ["placeholder", "empty-own-section"]


def test_the_review_names_every_section_not_looked_at(catalogue):
    choices = fresh(catalogue)
    choices = pick(choices, catalogue, "5.2", klachtencoordinatie=AgreementAnswer(include=True))
    progress = {"sections": {"5.1": "klaar", "5.6": "bezig"}}
    unseen = [w.part for w in warnings(compose(choices, catalogue), progress) if w.kind == "not-looked-at"]
    assert unseen == [f"5.{n}" for n in range(3, 15) if n != 6]


def test_editable_text_round_trips_catalogue_wording(catalogue):
    for agreement in catalogue.agreements:
        blocks = parse_editable(to_editable(agreement.text, agreement.items))
        assert [b.text for b in blocks if b.kind == "text"] == list(agreement.text)
        assert [i for b in blocks if b.kind == "items" for i in b.items] == list(agreement.items)


def test_user_text_becomes_paragraphs_and_bullets():
    blocks = parse_editable("Eerste alinea\nnog een regel\n\n- punt een\n  vervolg\n• punt twee\nNieuwe alinea")
    assert [(b.kind, b.text or b.items) for b in blocks] == [
        ("text", "Eerste alinea\nnog een regel"),
        ("items", ("punt een\nvervolg", "punt twee")),
        ("text", "Nieuwe alinea"),
    ]


def test_clean_removes_what_xml_cannot_hold():
    assert clean("a\x00b\x08c\x0b\x0c\x1fd\ufffe\uffff\r\ne\t") == "abcd\ne"
    assert same_text("Een  tekst\n", "Een tekst")
    assert slugify("Stad Sint-Niklaas / OCMW: é") == "stad-sint-niklaas-ocmw-e"
    assert slugify("!!!") == "nota"
