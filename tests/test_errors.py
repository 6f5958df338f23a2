"""Errors are friendly and Dutch; no traceback, SQL or secret ever reaches the user."""

from __future__ import annotations

import sqlite3


def test_a_forced_exception_shows_a_generic_dutch_page(app, client):
    @app.get("/kapot")
    def broken():
        raise RuntimeError("geheime details: SELECT * FROM curators")

    response = client.get("/kapot")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in page
    for leak in ("Traceback", "RuntimeError", "SELECT", "geheime", app.config["SECRET_KEY"]):
        assert leak not in page


def test_a_database_error_on_a_page_is_generic_too(app, client):
    @app.get("/kapot-sql")
    def broken_sql():
        raise sqlite3.OperationalError("no such table: curators")

    page = client.get("/kapot-sql").get_data(as_text=True)
    assert "no such table" not in page and "curators" not in page
    assert "Bouwpakket is zo dadelijk weer beschikbaar" in page


def test_too_large_requests_get_a_friendly_413(client):
    response = client.post("/hervat", data={"link": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Je tekst is te lang" in response.get_data(as_text=True)


def test_405_and_404_are_dutch(client):
    assert "Dat kan hier niet" in client.post("/").get_data(as_text=True)
    assert "Pagina niet gevonden" in client.get("/nergens").get_data(as_text=True)


def test_no_response_contains_the_secret_key(app, browser):
    browser.start()
    for path in ("/", "/nota/overzicht", "/nota/onderdeel/5.1", "/nota/nalezen", "/beheer/login"):
        response = browser.client.get(path, follow_redirects=True)
        assert app.config["SECRET_KEY"] not in response.get_data(as_text=True)
