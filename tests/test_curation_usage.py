"""Curators see how the catalogue is used: counts only, names and texts only by opt-in."""

from __future__ import annotations

import csv
import io
import re

import pytest
from support import Browser


def note(app, sections, share=None):
    """A user builds a note with the given section answers; downloads it when `share` is not None."""
    user = Browser(app.test_client())
    user.start()
    user.organisation(name="Gemeente Geheim")
    for number, data in sections.items():
        user.submit(f"/nota/onderdeel/{number}", {**data, "action": "done"})
    if share is not None:
        user.get("/nota/downloaden")
        user.post("/nota/downloaden", {"share": "y"} if share else {}, status=200)
    return user


def usage_row(page, number):
    """The cells of one agreement's row in the usage table, as text."""
    import re
    from html import unescape

    row = re.search(rf'<span class="data__number">{number}\.</span>.*?</tr>', page, re.S).group(0)
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_usage_counts_match_the_drafts(app, curator):
    note(app, {"5.2": {"include_5": "y", "variant_5": "Variant", "include_0": "y"}})
    note(app, {"5.2": {"include_5": "y", "text_5": "Wij hebben een klachtendienst."}})
    third = note(app, {"5.2": {"include_5": "y"}, "5.1": {"include_0": "y"}})
    curator.get("/beheer/gebruik")
    assert "3 nota’s op editie 2024." in curator.text()
    assert usage_row(curator.page, 13) == ["3 (100%)", "origineel: 2 Variant: 1", "1"]
    assert usage_row(curator.page, 8) == ["1 (33%)", "—", "0"]
    assert usage_row(curator.page, 1) == ["1 (33%)", "—", "0"]
    assert usage_row(curator.page, 2) == ["0 (0%)", "—", "0"]
    third.submit("/nota/verwijderen", {})
    curator.get("/beheer/gebruik")
    assert usage_row(curator.page, 13) == ["2 (100%)", "origineel: 1 Variant: 1", "1"]
    assert usage_row(curator.page, 1) == ["0 (0%)", "—", "0"]


def test_changing_a_choice_moves_the_count(app, curator):
    user = note(app, {"5.2": {"include_5": "y"}})
    user.submit("/nota/onderdeel/5.2", {"include_5": "y", "variant_5": "Variant", "action": "done"})
    curator.get("/beheer/gebruik")
    assert usage_row(curator.page, 13) == ["1 (100%)", "origineel: 0 Variant: 1", "0"]


def test_names_and_texts_only_with_consent(app, curator):
    note(app, {"5.1": {"include_0": "y", "text_0": "Onze eigen tekst over het plan."}}, share=False)
    curator.get("/beheer/gebruik")
    assert "Gemeente Geheim" not in curator.page
    assert "Onze eigen tekst" not in curator.page
    note(app, {"5.1": {"include_0": "y", "text_0": "Gedeelde tekst over het plan."}}, share=True)
    curator.get("/beheer/gebruik")
    assert "Gemeente Geheim" in curator.page
    link = __import__("re").search(r'href="(/beheer/gedeeld/\d+)"', curator.page).group(1)
    curator.get(link)
    assert "Gedeelde tekst over het plan." in curator.page
    assert "Onderdeel 5.1, afspraak 1" in curator.text(), "named by number, no id"
    assert "In de catalogus" in curator.text() and "De communicatiedienst" in curator.text(), "beside the catalogue's"
    assert curator.client.get("/beheer/gedeeld/1").status_code == 404, "the first note was not shared"


def test_download_offers_sharing_unticked(browser):
    browser.start()
    browser.organisation()
    browser.get("/nota/downloaden")
    assert 'id="share" name="share" type="checkbox" value="y">' in browser.page


def test_double_click_on_download_records_one_export(app, browser):
    browser.start()
    browser.organisation()
    browser.get("/nota/downloaden")
    browser.post("/nota/downloaden", {}, status=200)
    browser.post("/nota/downloaden", {}, status=200)
    from builder.db import connect

    assert connect(app.config["DATABASE"]).execute("SELECT count(*) FROM exports").fetchone()[0] == 1


def publish_2026(curator):
    """A curator publishes edition 2026 with agreement 14 reworded; no note uses it yet."""
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota 2026"})
    curator.fill("/beheer/edities/2026/afspraken/beelddatabank", {"text": "Een nieuwe beelddatabank."})
    curator.fill("/beheer/edities/2026/publiceren", {"summary": "Afspraak 14 herschreven."})


def test_usage_opens_on_the_newest_edition_that_has_notes(app, curator):
    note(app, {"5.2": {"include_5": "y"}})
    publish_2026(curator)
    curator.get("/beheer/gebruik")
    assert "1 nota op editie 2024." in curator.text()
    curator.get("/beheer/gebruik?editie=2026")
    assert "0 nota’s op editie 2026." in curator.text()


def test_usage_totals_across_editions_follow_the_stable_ids(app, curator):
    note(app, {"5.2": {"include_5": "y", "include_6": "y"}})
    publish_2026(curator)
    note(app, {"5.2": {"include_6": "y", "variant_6": ""}})
    curator.get("/beheer/gebruik?editie=alle")
    assert "2 nota’s op alle edities samen." in curator.text()
    assert usage_row(curator.page, 14) == ["2 (100%)", "—", "0"]
    assert usage_row(curator.page, 13) == ["1 (50%)", "origineel: 1 Variant: 0", "0"]


@pytest.mark.parametrize(
    ("order", "first"),
    [("gekozen", "13."), ("minst", "2."), ("herschreven", "8."), ("nummer", "1.")],
)
def test_usage_can_be_sorted(app, curator, order, first):
    note(app, {"5.2": {"include_5": "y"}, "5.1": {"include_0": "y"}})
    note(app, {"5.2": {"include_5": "y", "include_0": "y", "text_0": "Onze eigen begeleiding."}})
    curator.get(f"/beheer/gebruik?sorteer={order}")
    numbers = re.findall(r'<span class="data__number">(\d+\.)</span>', curator.page)
    assert numbers[0] == first
    if order != "nummer":
        assert "Alle afspraken" in curator.text()


def test_usage_downloads_as_a_csv_file_for_a_spreadsheet(app, curator):
    note(app, {"5.2": {"include_5": "y", "variant_5": "Variant"}})
    response = curator.client.get("/beheer/gebruik.csv?editie=2024&sorteer=gekozen")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="gebruik-2024.csv"'
    body = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    head = rows[0]
    assert head[:8] == ["onderdeel", "nummer", "id", "afspraak", "gekozen", "aandeel (%)", "herschreven", "origineel"]
    assert "Variant" in head and "Variant 1" in head, "one column per wording"
    row = dict(zip(head, rows[1], strict=True))
    assert (row["onderdeel"], row["nummer"], row["id"]) == ("5.2", "13", "klachtencoordinatie"), "a stable id"
    assert (row["gekozen"], row["aandeel (%)"], row["origineel"], row["Variant"], row["Variant 1"]) == (
        "1",
        "100",
        "0",
        "1",
        "",
    ), "a wording the agreement does not have stays empty"
    assert len(rows) == 88


def note_of_kind(app, kind: str, sections: dict, download: bool = True):
    """A user of `kind` builds a note and, unless told not to, downloads it."""
    user = Browser(app.test_client())
    user.start()
    user.organisation(name="Een organisatie", type=kind)
    for number, data in sections.items():
        user.submit(f"/nota/onderdeel/{number}", {**data, "action": "done"})
    if download:
        user.get("/nota/downloaden")
        user.post("/nota/downloaden", {}, status=200)
    return user


def test_usage_splits_by_kind_of_organisation_counting_downloaded_notes(app, curator):
    """Issue 27, item 10: a province's choices are not drowned in the municipalities'."""
    note_of_kind(app, "provincie", {"5.2": {"include_5": "y", "variant_5": "Variant"}})
    note_of_kind(app, "provincie", {"5.2": {"include_5": "y", "text_5": "Wij hebben een klachtendienst."}})
    note_of_kind(app, "provincie", {"5.2": {"include_0": "y"}}, download=False)
    note_of_kind(app, "gemeente", {"5.2": {"include_0": "y", "include_5": "y"}})
    curator.get("/beheer/gebruik?editie=2024&soort=provincie")
    assert "2 gedownloade nota’s van de soort “Provincie”." in curator.text()
    assert usage_row(curator.page, 13) == ["2 (100%)", "origineel: 1 Variant: 1", "1"]
    assert usage_row(curator.page, 8) == ["0 (0%)", "—", "0"], "the undownloaded note and the municipality's"
    curator.get("/beheer/gebruik?editie=2024")
    assert "4 nota’s op editie 2024." in curator.text()
    response = curator.client.get("/beheer/gebruik.csv?editie=2024&soort=provincie")
    assert "gebruik-2024-provincie.csv" in response.headers["Content-Disposition"]
    assert curator.client.get("/beheer/gebruik?soort=geen-soort").status_code == 404
