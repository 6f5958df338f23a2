"""Realistic notes for the benchmarks and the tests: a full note (all 87 agreements) and a small one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builder.model.building import AgreementAnswer, SectionAnswers, add_own_section, apply_section, new_choices
from builder.model.catalogue import Catalogue
from builder.model.choices import AgreementChoice, Author, Choices, Options, Organisation


def full_note(catalogue: Catalogue) -> Choices:
    """Every chapter, every agreement (first variant where there is one), all appendices."""
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)),
        organisation=Organisation(name="Gemeente Zottegem", type="gemeente"),
        author=Author(name="An Peeters"),
        chapters=tuple(c.id for c in catalogue.chapters),
        vision="Wij communiceren helder, tijdig en voor iedereen.\n\n- open\n- betrouwbaar",
    )
    for section in catalogue.sections:
        answers = {
            a.id: AgreementAnswer(include=True, variant=a.variants[0].label if a.variants else "", fill="Burgerzaken")
            for a in section.agreements
        }
        choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=answers, intro=True))
    choices, key = add_own_section(choices, catalogue, "Nieuwsbrief")
    own = dataclasses.replace(choices.own_part(key), agreements=(AgreementChoice(text="Maandelijks."),))
    options = Options(references=True, provenance=True, approval=True, approved_by="het college")
    return dataclasses.replace(choices.with_part(own), options=options)


def small_note(catalogue: Catalogue, n: int) -> Choices:
    """A note with a handful of agreements, varied by `n`."""
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)), organisation=Organisation(name=f"Gemeente {n}")
    )
    for k, section in enumerate(catalogue.sections[n % 5 : n % 5 + 3]):
        picked = {a.id: AgreementAnswer(include=True) for a in section.agreements[k : k + 2]}
        choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=picked))
    return choices
