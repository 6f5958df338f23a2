"""Dutch by default and complete; English complete as second language; Babel for dates."""

from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po

from builder import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "builder" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def extracted_messages(tmp_path):
    """Every user-facing string in the code and templates, extracted as `make messages` does."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from babel.messages.frontend import main; main()",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as file:
        return read_po(file)


def english():
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


def test_every_interface_string_has_an_english_translation(tmp_path):
    source = extracted_messages(tmp_path)
    catalogue = english()
    missing, empty, wrong = [], [], []
    for message in source:
        if not message.id:
            continue
        translated = catalogue.get(message.id)
        if translated is None:
            missing.append(message.id)
            continue
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        if not all(strings) or translated.fuzzy:
            empty.append(message.id)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if any(sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(ids[-1])) for s in strings if s):
            wrong.append(message.id)
    assert not missing, f"run `make messages` and translate: {missing[:10]}"
    assert not empty, f"untranslated or fuzzy: {empty[:10]}"
    assert not wrong, f"placeholders differ: {wrong[:10]}"
    assert len(source) > 300


def test_compiled_catalogue_is_current():
    po = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run `make translations` (make test does)"


def test_dutch_is_the_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Nieuwe afsprakennota" in html


def switch(client, lang, next_url="/"):
    page = client.get(next_url).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]*)"', page).group(1)
    return client.post("/taal", data={"csrf_token": csrf, "lang": lang, "next": next_url})


def test_switching_to_english_and_back(client):
    response = switch(client, "en")
    assert response.status_code == 302 and response.location == "/"
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Nieuwe afsprakennota" not in html
    assert ">Nederlands</button>" in html
    assert "De communicatiedienst maakt op basis van de organisatiedoelen" in html, "catalogue texts stay Dutch"
    switch(client, "nl")
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_switch_refuses_other_sites_and_unknown_languages(client):
    assert switch(client, "en", "/").status_code == 302
    page = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]*)"', page).group(1)
    response = client.post("/taal", data={"csrf_token": csrf, "lang": "fr", "next": "//evil.example/"})
    assert response.location == "/"


def test_dates_follow_the_language_and_the_note_stays_dutch(browser):
    browser.start()
    browser.organisation()
    browser.submit("/nota/beoordeling", {"label": "managementteam", "expires_on": "31/12/2026"})
    browser.get("/nota/beoordeling")
    assert "31 december 2026" in browser.text()
    switch(browser.client, "en", "/nota/beoordeling")
    browser.get("/nota/beoordeling")
    assert "December 31, 2026" in browser.text()
    browser.get("/nota/nalezen")
    assert "23 november 2026" in browser.text(), "the note's preview reads as the document does"
    assert '<article class="note-preview" aria-label="Your note" lang="nl">' in browser.page


def test_errors_are_english_in_english(browser):
    browser.start()
    switch(browser.client, "en", "/nota/organisatie")
    response = browser.submit("/nota/organisatie", {"name": ""}, status=400)
    html = response.get_data(as_text=True)
    assert "Vul de naam van je organisatie in." not in html
    assert "<title>Error: " in html


def test_templates_translate_with_the_requests_language_and_escape_what_they_put_in(app):
    """Templates translate through Jinja's newstyle gettext with callables of ours (builder/web/i18n.py)."""
    template = app.jinja_env.from_string(
        "{{ _('Eigen onderdeel: %(title)s', title=value) }} {{ ngettext('%(num)d afspraak', '%(num)d afspraken', 2) }}"
    )
    with app.test_request_context("/"):
        assert template.render(value="<b>7</b>") == "Eigen onderdeel: &lt;b&gt;7&lt;/b&gt; 2 afspraken"
    with app.test_request_context("/"):
        from flask import session

        session["lang"] = "en"
        assert template.render(value="7") == "Own section: 7 2 agreements"
