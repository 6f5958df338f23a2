"""An approved note changes and the college gets the amendment note: approve on the review page, change the note,
download the wijzigingsnota from the download page, and look at its pages. axe checks every page touched, each kept
as a screenshot at 1280 and 375 px; the .docx goes through LibreOffice to page images in test-artifacts/amendment/."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest
from helpers import (
    fill_organisation,
    include,
    open_section,
    section_done,
    start_note,
)

from builder.formats.pdf import libreoffice_found

MEETING_NOW = "De schepen van communicatie en de communicatiedienst zitten elke maand samen."


def page_images(data: bytes, artifacts) -> list[str]:
    """The .docx through LibreOffice (the app's own converter) to PDF, then to PNG page images a person looks at."""
    from builder.formats.pdf import Converter

    converter = Converter()
    try:
        pdf, _pages = converter.convert(data)
    finally:
        converter.stop()
    folder = artifacts / "amendment"
    folder.mkdir(exist_ok=True)
    (folder / "journey-wijzigingsnota.pdf").write_bytes(pdf)
    for old in folder.glob("journey-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(folder / "journey-wijzigingsnota.pdf"), str(folder / "journey-page")],
        check=True,
    )
    return sorted(str(p) for p in folder.glob("journey-page-*.png"))


def test_an_approved_note_changes_and_the_college_gets_the_amendment_note(page, checked, artifacts):
    start_note(page)
    fill_organisation(page)
    open_section(page, "5.1")
    include(page, 1)
    include(page, 3)
    include(page, 4)
    section_done(page)

    page.goto(page.base + "/nota/nalezen")
    page.get_by_label("Goedgekeurd op").fill("20/12/2026")
    page.get_by_label("Referentie van de beslissing").fill("CBS 2026/123")
    page.get_by_role("button", name="Bewaar en ga naar downloaden").click()
    page.get_by_role("heading", name="Je nota downloaden").wait_for()
    assert page.get_by_role("link", name=re.compile("Download de wijzigingsnota")).count() == 0, "nothing changed yet"
    checked(page, "50-downloaden-goedgekeurd")

    open_section(page, "5.1")
    page.get_by_label("Afspraak 1 opnemen in mijn nota").uncheck()
    include(page, 5)
    page.locator("#afspraak-overleg-schepen-en-communicatieverantwoordelijke").get_by_text(
        "Herschrijf deze afspraak"
    ).click()
    page.get_by_label("Jouw formulering van afspraak 3").fill(MEETING_NOW)
    section_done(page)

    page.goto(page.base + "/nota/downloaden")
    offer = page.get_by_role("region", name="Wijzigingsnota")
    offer.get_by_text(
        "Je nota veranderde sinds de goedkeuring door het college van burgemeester en schepenen op 20 december 2026"
    ).wait_for()
    offer.get_by_text("Bekijk de wijzigingen").click()
    offer.get_by_text("Afspraak 1 (was 2): herschreven en hernummerd").wait_for()
    checked(page, "51-downloaden-wijzigingsnota")

    with page.expect_download() as info:
        offer.get_by_role("link", name=re.compile("Download de wijzigingsnota")).click()
    assert re.fullmatch(r"Gemeente Zottegem - wijzigingsnota \d{4}-\d{2}-\d{2}\.docx", info.value.suggested_filename)
    with open(info.value.path(), "rb") as file:
        data = file.read()
    said = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026 (CBS 2026/123)." in said
    assert "Was afspraak 1 – weggelaten" in said and "Afspraak 1 (was 2) – herschreven en hernummerd" in said
    assert "Afspraak 3 – toegevoegd" in said
    assert said[-1].startswith("Voorstel van beslissing: Het college van burgemeester en schepenen keurt")

    page.goto(page.base + "/nota/beoordeling")
    page.get_by_role("link", name=re.compile("Download de wijzigingsnota")).wait_for()
    checked(page, "52-beoordeling-wijzigingsnota")

    if not (libreoffice_found("/usr/bin/python3") and shutil.which("pdftoppm")):
        pytest.skip("LibreOffice and poppler (make test installs them) are needed for the page images")
    images = page_images(data, artifacts)
    assert 1 <= len(images) <= 2, images


def test_right_after_a_move_to_a_newer_edition_the_kept_version_gives_the_amendment_note(page, live_server, checked):
    from support import publish_2024_1

    start_note(page)
    fill_organisation(page, "Gemeente Lier")
    open_section(page, "5.1")
    include(page, 5)
    page.get_by_role("group", name="Formulering van afspraak 5").get_by_label("Variant").check()
    section_done(page)
    page.goto(page.base + "/nota/wijzigingsnota")
    page.get_by_text("Er is nog geen goedkeuring van je nota vastgelegd.").wait_for()
    checked(page, "53-wijzigingsnota-geen-goedkeuring")

    publish_2024_1(live_server.app.config["DATABASE"])
    page.goto(page.base + "/nota/nieuwe-editie")
    page.get_by_role("button", name="Zet mijn nota over").click()
    page.get_by_text("met een wijzigingsnota tegenover die versie").wait_for()
    link = page.get_by_role("link", name=re.compile("Wijzigingsnota tegenover deze versie"))
    checked(page, "54-overzicht-eerdere-versie")
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as file:
        said = [p.text for p in docx.Document(io.BytesIO(file.read())).paragraphs]
    assert said[3].startswith("Vergeleken met de versie van ") and said[3].endswith("op editie 2024.")
    assert "Afspraak 1 – herschreven" in said, "Kortom rewrote the variant of agreement 5"
