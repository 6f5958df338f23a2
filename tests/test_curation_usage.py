"""Curators see how the catalogue is used: counts only, names and texts only by opt-in."""

from __future__ import annotations

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
        " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
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
