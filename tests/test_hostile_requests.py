"""Security round 2: each finding of the hostile test, kept as a regression (see docs/operations.md)."""

from __future__ import annotations

import io
import re
import threading

import docx
import pytest
from support import CURATOR_PASSWORD, Browser, add_curator

from builder.db import connect


def own_texts(count: int) -> dict:
    return {f"own_text_{k}": f"Eigen afspraak {k}" for k in range(count)}


# ---------------------------------------------------------------- 1. what a request may size


def test_a_post_with_more_fields_than_any_page_has_is_refused_in_dutch(browser):
    browser.start()
    browser.get("/nota/onderdeel/5.1")
    response = browser.post("/nota/onderdeel/5.1", {**own_texts(1200), "action": "save"}, status=413)
    assert "Te veel velden" in response.get_data(as_text=True)
    assert "Niet begonnen" in browser.client.get("/nota/overzicht").get_data(as_text=True)


def test_a_section_holds_at_most_fifty_own_agreements(browser):
    browser.start()
    browser.get("/nota/onderdeel/5.1")
    browser.post("/nota/onderdeel/5.1", {**own_texts(50), "action": "save"})
    browser.get("/nota/onderdeel/5.1")
    browser.post("/nota/onderdeel/5.1", {**own_texts(50), "own_text_new": "Nummer 51", "action": "add-own"}, status=400)
    assert "hoogstens 50 eigen afspraken" in browser.page
    assert "Nummer 51" in browser.page, "what was typed stays on the page"
    beside_the_box = r'id="own_text_new-error"[^<]*<span[^>]*>[^<]*</span>[^<]*hoogstens 50'
    assert re.search(beside_the_box, browser.page)


def test_a_note_holds_at_most_three_hundred_own_agreements(browser):
    browser.start()
    for number in ("5.1", "5.2", "5.3", "5.4", "5.5", "5.6"):
        browser.submit(f"/nota/onderdeel/{number}", {**own_texts(50), "action": "save"})
    browser.submit("/nota/onderdeel/5.7", {"own_text_new": "Eén te veel", "action": "add-own"}, status=400)
    assert "hoogstens 300 eigen afspraken" in browser.page


def test_an_own_section_page_reads_no_more_boxes_than_it_may_hold(browser):
    browser.start()
    browser.submit("/nota/eigen-onderdelen", {"new_title": "Eigen", "action": "add"})
    texts = {f"text_{k}": f"Afspraak {k}" for k in range(900)}
    browser.submit("/nota/eigen-onderdelen/eigen-1", {**texts, "title": "Eigen", "action": "save"}, status=400)
    assert "hoogstens 50 eigen afspraken" in browser.page


def test_at_most_thirty_own_sections(browser):
    browser.start()
    for n in range(30):
        browser.submit("/nota/eigen-onderdelen", {"new_title": f"Eigen {n}", "action": "add"})
    browser.submit("/nota/eigen-onderdelen", {"new_title": "Eén te veel", "action": "add"}, status=400)
    assert "hoogstens 30 eigen onderdelen" in browser.page


# ---------------------------------------------------------------- 3. long names in the Word file


@pytest.mark.parametrize(("name", "title", "author"), [(234, 0, 0), (255, 0, 0), (300, 300, 300), (120, 256, 256)])
def test_names_as_long_as_the_forms_allow_download_with_the_whole_text_in_the_document(browser, name, title, author):
    browser.start()
    organisation, note_title, writer = "G" * name, "T" * title, "A" * author
    browser.organisation(name=organisation, title=note_title, author_name=writer)
    browser.get("/nota/downloaden")
    response = browser.post("/nota/downloaden", {}, status=200)
    document = docx.Document(io.BytesIO(response.data))
    props = document.core_properties
    assert max(len(props.title), len(props.subject), len(props.author)) <= 255
    text = "\n".join(p.text for p in document.paragraphs)
    assert organisation in text
    if title:
        assert note_title in text


# ---------------------------------------------------------------- 4. sharing covers what was downloaded


def test_sharing_covers_what_was_downloaded_and_unticking_withdraws_it(app, browser, curator):
    user = Browser(app.test_client())
    user.start()
    user.organisation(name="Gemeente Deelstad")
    user.submit("/nota/onderdeel/5.1", {"include_0": "y", "text_0": "Gedeelde eerste tekst.", "action": "save"})
    user.get("/nota/downloaden")
    user.post("/nota/downloaden", {"share": "y"}, status=200)
    user.submit("/nota/onderdeel/5.2", {"own_text_new": "Later toegevoegd, niet gedeeld.", "action": "save"})
    curator.get("/beheer/gedeeld/1")
    assert "Gedeelde eerste tekst." in curator.page
    assert "Later toegevoegd" not in curator.page
    user.get("/nota/downloaden")
    user.post("/nota/downloaden", {}, status=200)
    curator.get("/beheer/gedeeld/1", status=404)
    curator.get("/beheer/gebruik")
    assert "Gemeente Deelstad" not in curator.page


# ---------------------------------------------------------------- 5. a stale save is never said to have worked


def two_tabs(browser, number: str, first: dict):
    """Tab A opens the section; tab B saves `first` there; A's page is now out of date."""
    browser.get(f"/nota/onderdeel/{number}")
    stale = browser.hidden_fields()
    browser.submit(f"/nota/onderdeel/{number}", {**first, "action": "save"})
    return stale


@pytest.mark.parametrize(
    ("what", "number", "saved", "stale_change"),
    [
        ("the section intro", "5.9", {"include_0": "y"}, {"include_0": "y", "intro": "y", "action": "save"}),
        (
            "an own agreement's place",
            "5.1",
            {"own_text_new": "Onze regel.", "own_after_new": ""},
            {
                "own_text_0": "Onze regel.",
                "own_after_0": "communicatiebeleidsplan-op-basis-van-organisatiedoelen",
                "action": "save",
            },
        ),
    ],
)
def test_a_stale_save_of_one_field_shows_the_conflict_page(browser, what, number, saved, stale_change):
    browser.start()
    stale = two_tabs(browser, number, saved)
    response = browser.client.post(f"/nota/onderdeel/{number}", data={**stale, **stale_change})
    assert response.status_code == 409, what
    assert "werd intussen ook ergens anders bewaard" in response.get_data(as_text=True)


def test_a_stale_save_of_only_the_done_status_is_merged_and_kept(browser):
    browser.start()
    stale = two_tabs(browser, "5.1", {"include_0": "y"})
    response = browser.client.post("/nota/onderdeel/5.1", data={**stale, "include_0": "y", "action": "done"})
    assert response.status_code == 302
    browser.get("/nota/overzicht")
    assert re.search(r"5\.1 [^<]*</a>.*?tag--done", browser.page, re.S), "the status the stale page set is saved"


# ---------------------------------------------------------------- 6, 7. redirects stay on the site


HOSTILE_TARGETS = [
    "//evil.example",
    "/\t/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "/%2F/evil.example\r\nSet-Cookie: x=1",
    "/nota\r\nLocation: https://evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_the_language_switch_only_goes_back_to_pages_of_this_site(client, target):
    page = client.get("/").get_data(as_text=True)
    token = Browser(client).hidden_fields(page)["csrf_token"]
    for csrf in (token, ""):
        response = client.post("/taal", data={"lang": "en", "next": target, "csrf_token": csrf})
        assert response.status_code == 302
        assert response.location == "/"


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_keeping_a_note_only_goes_back_to_its_pages(browser, target):
    browser.start()
    browser.get("/nota/overzicht")
    response = browser.client.post("/nota/bewaren", data={"next": target, "csrf_token": browser.hidden("csrf_token")})
    assert response.status_code == 302 and response.location == "/nota/overzicht"


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_the_login_only_goes_on_to_beheer_pages(app, client, target):
    add_curator(app, "pieter")
    user = Browser(client)
    user.get("/beheer/login")
    response = user.client.post(
        "/beheer/login",
        query_string={"next": target},
        data={"name": "pieter", "password": CURATOR_PASSWORD, "csrf_token": user.hidden("csrf_token")},
    )
    assert response.status_code == 302 and response.location == "/beheer/"


# ---------------------------------------------------------------- 8. huge ids


@pytest.mark.parametrize("url", ["/beheer/suggesties/99999999999999999999999/afgehandeld", "/beheer/gedeeld/9" * 1])
def test_an_id_larger_than_the_database_holds_is_not_found(curator, url):
    curator.get("/beheer/")
    huge = url.replace("/9", "/" + "9" * 30) if url.endswith("/9") else url
    response = curator.client.post(huge, data={"csrf_token": curator.hidden("csrf_token")})
    if response.status_code == 405:
        response = curator.client.get(huge)
    assert response.status_code == 404


# ---------------------------------------------------------------- 10, 11. writes anyone may make


def test_new_notes_are_limited_per_browser(app):
    user = Browser(app.test_client())
    for _n in range(10):
        user.start()
    user.get("/")
    response = user.client.post(
        "/nota/nieuw", data={"csrf_token": user.hidden("csrf_token"), "start": user.hidden("start")}
    )
    assert response.status_code == 429
    assert "Even geduld" in response.get_data(as_text=True)


def test_suggestions_are_limited_keep_what_was_typed_and_are_short(app, browser):
    browser.start()
    for n in range(10):
        browser.submit("/nota/onderdeel/5.2/suggestie", {"kind": "nieuw", "text": f"Voorstel {n}."})
    browser.submit("/nota/onderdeel/5.2/suggestie", {"kind": "nieuw", "text": "Nog eentje."}, status=429)
    assert "Nog eentje." in browser.page
    other = Browser(app.test_client())
    other.start()
    other.submit("/nota/onderdeel/5.2/suggestie", {"kind": "nieuw", "text": "x" * 2001}, status=400)
    assert "het maximum is 2000" in other.page


def test_the_suggestion_list_comes_in_pages(app, curator, db_path):
    db = connect(db_path)
    with db.conn:
        for n in range(60):
            db.execute(
                "INSERT INTO suggestions (edition_id, section_number, kind, text, created_at) VALUES (?, ?, ?, ?, ?)",
                ["2024", "5.1", "nieuw", f"Voorstel nummer {n}.", "2026-12-01T00:00:00Z"],
            )
    curator.get("/beheer/suggesties")
    assert curator.page.count('class="suggestion"') == 25 and "Pagina 1 van 3" in curator.page
    curator.get("/beheer/suggesties?pagina=3")
    assert curator.page.count('class="suggestion"') == 10 and "Voorstel nummer 0." in curator.page


def test_the_server_mints_the_private_link_whatever_the_browser_sends(client):
    user = Browser(client)
    user.get("/")
    chosen = "A" * 43
    response = client.post("/nota/nieuw", data={"csrf_token": user.hidden("csrf_token"), "start": chosen})
    assert response.status_code == 302
    link = Browser(client).get("/nota/bewaarlink").get_data(as_text=True)
    assert f"/hervat/{chosen}" not in link
    assert client.get(f"/hervat/{chosen}").status_code == 404


# ---------------------------------------------------------------- 12. the Host header


def test_a_foreign_host_header_gets_no_page_and_no_link(browser):
    browser.start()
    response = browser.client.get("/nota/bewaarlink", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)


def test_the_private_link_is_built_on_the_configured_public_address(db_path):
    from builder import create_app

    config = {"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(db_path)}
    config.update(PUBLIC_URL="https://bouwpakket.kortom.be", SERVER_NAME="bouwpakket.kortom.be")
    user = Browser(create_app(config).test_client())
    link = user.start()
    assert link.startswith("https://bouwpakket.kortom.be/hervat/")
    assert user.client.get("/", base_url="http://localhost").status_code == 400, "only the public host is answered"


# ---------------------------------------------------------------- 14. the version a save is based on


@pytest.mark.parametrize("version", ["abc", "", "1.5", "-1"])
def test_a_garbled_version_is_refused_with_a_dutch_message_and_the_text_kept(browser, version):
    browser.start()
    browser.get("/nota/inleiding")
    data = {**browser.hidden_fields(), "version": version, "vision": "Onze visie, net getypt."}
    response = browser.client.post("/nota/inleiding", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "niet volledig verstuurd" in page and "Onze visie, net getypt." in page
    assert "Onze visie" not in browser.client.get("/nota/nalezen").get_data(as_text=True)


# ---------------------------------------------------------------- 15. parallel wrong passwords


def test_twenty_parallel_wrong_passwords_count_as_five(app, curator, db_path):
    users = []
    for _n in range(20):
        user = Browser(app.test_client())
        user.get("/beheer/login")
        users.append(user)
    barrier = threading.Barrier(20)

    def attempt(user):
        barrier.wait()
        user.client.post(
            "/beheer/login", data={"name": "marthe", "password": "fout" * 4, "csrf_token": user.hidden("csrf_token")}
        )

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db = connect(db_path)
    failures = db.execute("SELECT count(*) FROM login_failures WHERE kind = 'account'").fetchone()[0]
    assert failures == 5


# ---------------------------------------------------------------- 9. only web addresses become links


def test_catalogue_check_refuses_a_link_that_is_not_a_web_address(runner, catalogue_copy):
    path = catalogue_copy / "2024" / "chapters.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - title: Wat is het verschil tussen overheids- en politieke communicatie?\n"
    path.write_text(text.replace(old, old + "    url: javascript:alert(5)\n"), encoding="utf-8")
    result = runner.invoke(args=["catalogue", "check", "--dir", str(catalogue_copy)])
    assert result.exit_code == 1
    assert "chapters[1].references[0].url" in result.output and "https://" in result.output


@pytest.mark.parametrize("url", ["javascript:alert(5)", "data:text/html,x", "/nota/verwijderen", "kortom.be"])
def test_curators_cannot_store_a_link_that_is_not_a_web_address(curator, url):
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Editie 2026"})
    curator.submit(
        "/beheer/edities/2026/hoofdstukken/uitgangspunten",
        {"title": "Uitgangspunten", "body": "Tekst.", "references": f"Meer lezen | {url}"},
        status=400,
    )
    assert "geen webadres" in curator.page
    curator.fill(
        "/beheer/edities/2026/onderdelen/diensten",
        {"new_reference-title": "Meer lezen", "new_reference-url": url},
        status=400,
    )
    assert "Een webadres begint met https://" in curator.page
