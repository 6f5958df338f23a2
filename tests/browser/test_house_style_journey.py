"""A province builds its note on its own Word template; a social-profit organisation puts its logo on it."""

from __future__ import annotations

from helpers import (
    axe_violations,
    download,
    horizontal_overflow,
    include,
    open_section,
    screenshot,
    section_done,
    start_note,
)
from word_templates import HEADER_TEXT, dutch_template, png


def organisation(page, name: str, kind: str) -> None:
    page.goto(page.base + "/nota/organisatie")
    page.get_by_label("Naam van je organisatie").fill(name)
    page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name="Bewaar en ga verder").click()


def a_note(page, name: str, kind: str) -> None:
    start_note(page)
    organisation(page, name, kind)
    open_section(page, "5.1")
    for number in (1, 2, 3):
        include(page, number)
    section_done(page)


def test_a_province_builds_its_note_on_its_dutch_word_template(page, tmp_path, artifacts):
    a_note(page, "Provincie Oost-Vlaanderen", "Provincie")
    page.goto(page.base + "/nota/downloaden")
    page.get_by_role("link", name="Huisstijl kiezen: je eigen Word-sjabloon of logo").click()
    page.get_by_role("heading", name="Huisstijl van je nota").wait_for()
    assert axe_violations(page) == []

    wrong = tmp_path / "huisstijl.docm"
    wrong.write_bytes(b"Dit is geen sjabloon.")
    page.get_by_label("Je Word-sjabloon").set_input_files(str(wrong))
    page.get_by_role("button", name="Dit sjabloon gebruiken").click()
    error = page.locator("#template_file-error").inner_text()
    assert "Dit is geen Word-document (.docx) of Word-sjabloon (.dotx)." in error
    assert axe_violations(page) == []
    screenshot(page, artifacts, "house-style-error")

    template = tmp_path / "Huisstijl provincie.dotx"
    template.write_bytes(dutch_template(headings=False, dotx=True, attached_template=True))
    page.get_by_label("Je Word-sjabloon").set_input_files(str(template))
    page.get_by_role("button", name="Dit sjabloon gebruiken").click()
    assert (
        "Je nota wordt voortaan gemaakt op het sjabloon “Huisstijl provincie.dotx”."
        in page.locator(".messages").inner_text()
    )
    assert "Deze stijlen ontbraken in je sjabloon" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert horizontal_overflow(page) == 0
    screenshot(page, artifacts, "house-style-template")

    _name, document = download(page)
    assert HEADER_TEXT in document.sections[0].header.paragraphs[0].text
    assert "Heading1" in {p.style.style_id for p in document.paragraphs}
    assert any("De gedeputeerde bevoegd voor communicatie" in p.text for p in document.paragraphs), "tailored"


def test_a_social_profit_organisation_puts_its_logo_on_the_title_page(page, tmp_path, artifacts):
    a_note(page, "vzw Samenlevingsopbouw", "Socialprofitorganisatie")
    page.goto(page.base + "/nota/huisstijl")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(400, 120))
    page.get_by_label("Je logo", exact=True).set_input_files(str(logo))
    page.get_by_role("button", name="Logo bewaren").click()
    assert "Beschrijf het logo in een paar woorden" in page.locator("#alt-error").inner_text()
    assert "kies het opnieuw" in page.locator("#logo_file-error").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Je logo", exact=True).set_input_files(str(logo))
    page.get_by_label("Beschrijving van het logo").fill("Logo van vzw Samenlevingsopbouw")
    page.get_by_role("button", name="Logo bewaren").click()
    assert "Je logo staat op de titelpagina." in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
    screenshot(page, artifacts, "house-style-logo")

    _name, document = download(page)
    (picture,) = document.inline_shapes
    assert picture._inline.docPr.get("descr") == "Logo van vzw Samenlevingsopbouw"
