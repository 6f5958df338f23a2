"""Full disk or read-only database: the user sees their input again; the next save works."""

from __future__ import annotations

from builder import db as database


def test_read_only_database_shows_the_input_and_recovers(app, browser, db_path):
    browser.start()
    browser.get("/nota/inleiding")
    app.config["DATABASE"] = f"file:{db_path}?mode=ro"
    response = browser.post("/nota/inleiding", {"vision": "Onze visie die niet verloren mag gaan."}, status=503)
    page = response.get_data(as_text=True)
    assert "Tijdelijk niet opgeslagen" in page
    assert "Onze visie die niet verloren mag gaan." in page
    assert "Traceback" not in page and "readonly" not in page.lower().replace("readonly>", "")
    app.config["DATABASE"] = str(db_path)
    browser.page = page
    browser.post("/nota/inleiding", {}, status=302)  # "Probeer opnieuw te bewaren"
    browser.get("/nota/inleiding")
    assert "Onze visie die niet verloren mag gaan." in browser.page


def test_full_disk_shows_the_input_and_the_next_save_works(app, browser, db_path):
    browser.start()
    browser.get("/nota/inleiding")
    db = database.connect(db_path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    app.config["DATABASE_MAX_PAGES"] = pages
    long_vision = "Een lange visie. " * 1100
    response = browser.post("/nota/inleiding", {"vision": long_vision}, status=503)
    assert "Tijdelijk niet opgeslagen" in response.get_data(as_text=True)
    assert long_vision.strip() in response.get_data(as_text=True)
    app.config["DATABASE_MAX_PAGES"] = 0
    browser.page = response.get_data(as_text=True)
    browser.post("/nota/inleiding", {}, status=302)
    browser.get("/nota/inleiding")
    assert long_vision.strip()[:200] in browser.page


def test_reading_still_works_when_writing_does_not(app, browser, db_path):
    browser.start()
    app.config["DATABASE"] = f"file:{db_path}?mode=ro"
    assert browser.client.get("/nota/onderdeel/5.4").status_code == 200
