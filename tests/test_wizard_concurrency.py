"""Two tabs (or two colleagues) on one note: nothing anyone typed is lost."""

from __future__ import annotations

from support import Browser


def two_tabs(browser, app):
    link = browser.start()
    other = Browser(app.test_client())
    other.client.get(link.replace("http://localhost", ""))
    return other


def test_the_second_save_from_an_old_page_shows_both_versions(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/organisatie")
    other.get("/nota/organisatie")
    browser.post("/nota/organisatie", {"name": "Gemeente Lebbeke"})
    response = other.post("/nota/organisatie", {"name": "Gemeente Buggenhout"}, status=409)
    text = other.text()
    assert "Je nota werd intussen ook ergens anders bewaard" in text
    assert "Gemeente Buggenhout" in text and "Gemeente Lebbeke" in text
    assert response.status_code == 409


def test_keeping_my_version_saves_it(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/organisatie")
    other.get("/nota/organisatie")
    browser.post("/nota/organisatie", {"name": "Gemeente Lebbeke"})
    other.post("/nota/organisatie", {"name": "Gemeente Buggenhout"}, status=409)
    other.post("/nota/organisatie", {}, status=302)  # "Mijn versie bewaren" re-sends the kept fields
    browser.get("/nota/organisatie")
    assert 'value="Gemeente Buggenhout"' in browser.page


def test_keeping_the_saved_version_is_a_link_back(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/inleiding")
    other.get("/nota/inleiding")
    browser.post("/nota/inleiding", {"vision": "Visie van tab één."})
    other.post("/nota/inleiding", {"vision": "Visie van tab twee."}, status=409)
    assert 'href="/nota/inleiding"' in other.page
    other.get("/nota/inleiding")
    assert "Visie van tab één." in other.page


def test_a_double_click_on_save_is_not_a_conflict(browser):
    browser.start()
    browser.get("/nota/onderdeel/5.1")
    first = browser.post("/nota/onderdeel/5.1", {"include_0": "y", "action": "save"})
    second = browser.post("/nota/onderdeel/5.1", {"include_0": "y", "action": "save"})
    assert first.location == second.location == "/nota/onderdeel/5.1"


def stored_choices(app):
    from builder.db import connect, drafts

    db = connect(app.config["DATABASE"])
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    found = drafts.get(db, row[0]).choices
    db.close()
    return found


def test_two_tabs_that_change_different_agreements_both_keep_their_change(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/onderdeel/5.2")
    other.get("/nota/onderdeel/5.2")
    browser.post("/nota/onderdeel/5.2", {"include_0": "y", "action": "save"})
    other.post("/nota/onderdeel/5.2", {"include_1": "y", "own_text_new": "Onze eigen regel.", "action": "save"})
    part = stored_choices(app).part("5.2")
    assert [a.id or a.text for a in part.agreements] == [
        "Onze eigen regel.",
        "begeleiding-van-diensten",
        "geen-last-minute-inzet",
    ]


def test_different_fields_of_the_note_merge_too(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/organisatie")
    other.get("/nota/inleiding")
    browser.post("/nota/organisatie", {"name": "Gemeente Lebbeke"})
    other.post("/nota/inleiding", {"vision": "Visie van tab twee."})
    choices = stored_choices(app)
    assert (choices.organisation.name, choices.vision) == ("Gemeente Lebbeke", "Visie van tab twee.")


def test_the_same_agreement_changed_two_ways_is_asked_and_only_it(browser, app):
    other = two_tabs(browser, app)
    browser.get("/nota/onderdeel/5.2")
    other.get("/nota/onderdeel/5.2")
    browser.post("/nota/onderdeel/5.2", {"include_0": "y", "text_0": "Tab één schrijft dit.", "action": "save"})
    other.post(
        "/nota/onderdeel/5.2",
        {"include_0": "y", "text_0": "Tab twee schrijft dat.", "include_2": "y", "action": "save"},
        status=409,
    )
    text = other.text()
    assert "Afspraak 8" in text and "Tab één schrijft dit." in text and "Tab twee schrijft dat." in text
    assert "Afspraak 10" not in text, "an agreement only one tab changed is merged, not asked"
    other.send({"keuze:agreement:begeleiding-van-diensten": "bewaard"})
    part = stored_choices(app).part("5.2")
    assert [(a.id, a.text) for a in part.agreements] == [
        ("begeleiding-van-diensten", "Tab één schrijft dit."),
        ("meer-dan-producent-van-kanalen", ""),
    ]
