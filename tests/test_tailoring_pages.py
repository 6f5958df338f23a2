"""A province's note in the wizard: tailored words marked on the pages, switched off per agreement, the
document saying exactly what the review showed, and the user's own words left alone."""

from __future__ import annotations

import io
import re
from html import unescape

import docx

from builder import create_app

MARKED = (
    '<mark class="tailored">de deputatie<span class="visually-hidden"> (aangepast aan je organisatie)</span></mark>'
)


def province(browser, kind="provincie"):
    browser.start()
    browser.organisation("Provincie Vlaams-Brabant", type=kind)


def download(browser) -> list[str]:
    browser.get("/nota/downloaden")
    response = browser.post("/nota/downloaden", {}, status=200)
    return [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs if p.style.name == "List Number"]


def review_agreements(browser) -> list[str]:
    """The first paragraph of each agreement on the review page, as it reads (marks and hidden notes off)."""
    browser.get("/nota/nalezen")
    found = []
    for item in re.findall(
        r'<li class="agreement" value="\d+"[^>]*>(.*?)</li>\s*(?=<li class="agreement"|</ol>)', browser.page, re.S
    ):
        first = re.search(r"<p>(.*?)</p>", item, re.S) or re.search(r"<li>(.*?)</li>", item, re.S)
        text = re.sub(r'<span class="visually-hidden">.*?</span>', "", first.group(1))
        found.append(unescape(re.sub(r"<[^>]+>", "", text.replace("<br>", "\n"))))
    return found


def test_the_section_page_marks_each_tailored_word_and_says_so_to_screen_readers(browser):
    province(browser)
    browser.get("/nota/onderdeel/5.4")
    assert f"Beleidsafspraken worden enkel gemaakt via {MARKED}, niet individueel" in browser.page
    assert "college van burgemeester en schepenen" not in browser.page
    assert 'for="untailored_1">Gebruik de woorden van de catalogus in afspraak 27<' in browser.page
    browser.get("/nota/onderdeel/5.2")
    assert re.search(r"<h1>.*<mark class=\"tailored\">Provinciale diensten<span", browser.page)
    assert "<title>5.2 Provinciale diensten en communicatiedienst" in browser.page
    browser.get("/nota/overzicht")
    assert ">5.2 Provinciale diensten en communicatiedienst: elk met een eigen rol in communicatie</a>" in browser.page
    browser.get("/nota/inleiding")
    assert 'volop mee te nemen in <mark class="tailored">provinciale democratie<span' in browser.page


def test_the_text_box_holds_the_tailored_wording_and_saving_it_is_no_rewording(browser):
    province(browser)
    browser.get("/nota/onderdeel/5.4")
    box = unescape(re.search(r'name="text_1"[^>]*>\n(.*?)</textarea>', browser.page, re.S).group(1))
    assert box.startswith("Beleidsafspraken worden enkel gemaakt via de deputatie")
    browser.post("/nota/onderdeel/5.4", {"include_1": "y", "text_1": box, "action": "save"})
    browser.get("/nota/nalezen")
    assert "Herkomst: catalogus 5.4, afspraak 27</p>" in browser.page, "not reworded"


def test_a_municipality_sees_the_catalogue_as_it_is(browser):
    browser.start()
    browser.organisation()
    browser.get("/nota/onderdeel/5.4")
    assert "<mark" not in browser.page and "untailored_" not in browser.page
    assert "via het college van burgemeester en schepenen, niet" in browser.page


def test_switched_off_for_one_agreement_the_wizard_and_the_document_keep_the_catalogues_words(browser):
    province(browser)
    browser.submit("/nota/onderdeel/5.4", {"include_1": "y", "untailored_1": "y", "include_2": "y", "action": "save"})
    browser.get("/nota/onderdeel/5.4")
    assert re.search(r'id="untailored_1"[^>]*checked', browser.page)
    assert "via het college van burgemeester en schepenen, niet individueel tussen een schepen" in browser.page
    assert "beslissingen van " + MARKED in browser.page, "agreement 28 is still tailored"
    assert review_agreements(browser)[0].startswith("Beleidsafspraken worden enkel gemaakt via het college van")
    written = download(browser)
    assert written[0].startswith("Beleidsafspraken worden enkel gemaakt via het college van burgemeester")
    assert "van de beslissingen van de deputatie" in written[1]


def test_the_document_says_what_the_review_showed_for_every_agreement(browser):
    province(browser)
    browser.get("/nota/overzicht")
    browser.post("/nota/overzicht/alles", {})
    shown, written = review_agreements(browser), download(browser)
    assert len(shown) == len(written) == 87
    assert shown == written
    assert not any(re.search(r"(?<![\w-])college van burgemeester", t) for t in written)
    assert sum("deputatie" in t for t in written) >= 10


def test_own_words_stay_as_the_user_wrote_them(browser):
    province(browser)
    own = "Het college van burgemeester en schepenen beslist, de gemeente voert uit."
    browser.submit("/nota/onderdeel/5.4", {"include_1": "y", "text_1": own, "own_text_new": own, "action": "save"})
    assert review_agreements(browser)[:2] == [own, own]
    assert download(browser)[:2] == [own, own]


def test_another_kind_of_organisation_later_reads_its_own_words(browser):
    province(browser)
    browser.submit("/nota/onderdeel/5.4", {"include_1": "y", "action": "save"})
    browser.organisation("Politiezone Zennevallei", type="politiezone")
    assert review_agreements(browser)[0].startswith("Beleidsafspraken worden enkel gemaakt via het politiecollege")


def test_load_gives_an_edition_loaded_before_the_tables_its_tables_once(tmp_path, catalogue_copy):
    for edition in ("2024", "2024.1"):
        (catalogue_copy / edition / "terminology.yaml").rename(tmp_path / f"terminology-{edition}.yaml")
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "old.sqlite3")})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)]).exit_code == 0
    for edition in ("2024", "2024.1"):
        (tmp_path / f"terminology-{edition}.yaml").rename(catalogue_copy / edition / "terminology.yaml")
    result = runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)])
    assert result.exit_code == 0, result.output
    assert "Edition 2024.1: terminology tables added." in result.output
    again = runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)])
    assert "Edition 2024.1: unchanged." in again.output and again.exit_code == 0


def test_load_still_refuses_an_edition_whose_text_changed_beside_its_tables(tmp_path, catalogue_copy):
    tables = catalogue_copy / "2024.1" / "terminology.yaml"
    kept = tables.read_text(encoding="utf-8")
    tables.unlink()
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "old.sqlite3")})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)]).exit_code == 0
    tables.write_text(kept, encoding="utf-8")
    chapters = catalogue_copy / "2024.1" / "chapters.yaml"
    chapters.write_text(chapters.read_text(encoding="utf-8").replace("Waarom", "Waarvoor", 1), encoding="utf-8")
    result = runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)])
    assert result.exit_code == 1 and "the database holds a different version" in result.output


MUNICIPAL = ("Gemeentediensten", "Gemeentelijk infoblad", "burgemeester en schepenen", "CBS 2026", "schepen")
SCREENS = (
    "/nota/overzicht",
    "/nota/onderdeel/5.2",
    "/nota/onderdeel/5.2/suggestie",
    "/nota/eigen-onderdelen",
    "/nota/nalezen",
    "/nota/beoordeling",
    "/nota/downloaden",
)


def test_every_screen_speaks_the_words_of_a_province(browser):
    """Issue 26, item 8: the screens outside agreements spoke municipal to a province."""
    province(browser)
    browser.get("/nota/overzicht")
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "action": "done"})
    browser.submit("/nota/eigen-onderdelen", {"new_title": "Nieuwsbrief", "new_after": "5.2", "action": "add"})
    for url in SCREENS:
        browser.get(url)
        text = unescape(re.sub(r"<[^>]+>", " ", browser.page))
        text = re.sub(r"“[^”]*” voor “[^”]*”", "", text)  # the review says which words were tailored, and for what
        assert not [word for word in MUNICIPAL if word in text], url
    browser.get("/nota/eigen-onderdelen")
    assert "Na 5.2 Provinciale diensten" in unescape(browser.page)
    assert re.search(r'<ol class="order-list" start="1">', browser.page), "no introduction: the parts start at 1"
    browser.get("/nota/nalezen")
    assert "Bijvoorbeeld: de deputatie." in browser.page and "Bijvoorbeeld: DEP 2026/123." in browser.page
