"""A communication officer builds a note from start to download."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from support import Browser

from builder.formats.word import read_choices


def choose(browser, number, data, action="done"):
    return browser.submit(f"/nota/onderdeel/{number}", {**data, "action": action})


def build_full_note(browser):
    """Organisation, intro, four catalogue sections, a variant, a rewording, own agreements and an own section."""
    browser.start()
    browser.organisation(author_name="An Peeters", author_function="communicatieverantwoordelijke")
    browser.submit(
        "/nota/inleiding",
        {"chapters": ["waarom-afspraken", "hoofdrollen"], "vision": "Wij communiceren helder.\n\n- met iedereen"},
    )
    choose(browser, "5.1", {"include_0": "y", "include_4": "y", "variant_4": "Variant"})
    choose(
        browser,
        "5.2",
        {
            "include_0": "y",
            "text_0": "De communicatiedienst van Zottegem begeleidt alle diensten.",
            "include_5": "y",
            "variant_5": "Variant",
            "fill_5": "de dienst Burgerzaken",
            "own_text_new": "Elke dienst heeft een communicatiepeter.",
            "own_after_new": "beelddatabank",
        },
    )
    choose(browser, "5.5", {"include_2": "y"})
    choose(browser, "5.8", {"include_3": "y", "variant_3": "Variant 2", "include_5": "y", "include_7": "y"})
    browser.submit("/nota/eigen-onderdelen", {"new_title": "Nieuwsbrief", "new_after": "5.14", "action": "add"})
    browser.submit(
        "/nota/eigen-onderdelen/eigen-1",
        {
            "title": "Nieuwsbrief",
            "after": "5.14",
            "new_text": "De nieuwsbrief verschijnt elke maand.",
            "action": "done",
        },
    )
    browser.submit(
        "/nota/nalezen", {"references": "y", "provenance": "y", "approval": "y", "approved_by": "het college"}
    )


def download(browser):
    browser.get("/nota/downloaden")
    response = browser.post("/nota/downloaden", {}, status=200)
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return response


def paragraphs(data):
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_start_page_offers_new_note_and_resume(client):
    html = client.get("/").get_data(as_text=True)
    assert "Nieuwe afsprakennota" in html
    assert "Verder werken" in html
    assert "Je bewaarlink" in html


def test_new_note_shows_its_private_link(browser):
    link = browser.start()
    assert re.fullmatch(r"http://localhost/hervat/[A-Za-z0-9_-]{43}", link)
    assert "Bewaar hem goed" in browser.page


def test_double_click_on_new_note_makes_one_draft(browser, app):
    browser.get("/")
    data = {"csrf_token": browser.hidden("csrf_token"), "start": browser.hidden("start")}
    first = browser.client.post("/nota/nieuw", data=data)
    second = browser.client.post("/nota/nieuw", data=data)
    assert first.location == second.location == "/nota/bewaarlink"
    from builder.db import connect

    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1


def test_the_whole_journey_ends_in_a_word_document(browser):
    build_full_note(browser)
    response = download(browser)
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "gemeente-zottegem-afsprakennota-2026-11-23.docx" in response.headers["Content-Disposition"]
    texts = [text for _style, text in paragraphs(response.data)]
    headings = [text for style, text in paragraphs(response.data) if style.startswith("Heading 1")]
    assert headings == [
        "1. Inleiding",
        "2. Afspraken die helpen om beleid te vertalen naar communicatiebeleid",
        "3. Gemeentediensten en communicatiedienst: elk met een eigen rol in communicatie",
        "4. Politieke neutraliteit in lokale overheidscommunicatie",
        "5. Perscommunicatie",
        "6. Nieuwsbrief",
        "Goedkeuring",
        "Bijlage 1. Meer lezen",
        "Bijlage 2. Herkomst van de afspraken",
    ]
    numbered = [text for style, text in paragraphs(response.data) if style == "List Number"]
    assert numbered == [
        "De communicatiedienst maakt op basis van de organisatiedoelen een gepast communicatiebeleidsplan.",
        "De communicatieverantwoordelijke is enkel waarnemend lid, en/of neemt niet deel aan het vergadergedeelte "
        "over delicate, persoonsgebonden agendapunten.",
        "De communicatiedienst van Zottegem begeleidt alle diensten.",
        "De communicatiedienst is geen klachtencoördinator, deze taak wordt opgenomen door een andere dienst "
        "(de dienst Burgerzaken).",
        "Elke dienst heeft een communicatiepeter.",
        "Politieke mandatarissen komen niet voor in de gemeentelijke kanalen, tenzij in vooraf bepaalde "
        "uitzonderingen, zoals:",
        "de persberichten bevatten een quote van de mandataris.",
        "Als contactpersoon op een persbericht vermelden we:",
        "Wanneer de pers rechtstreeks met een dienst contact opneemt voor een reactie of met een vraag, verwijst "
        "deze dienst door naar de communicatiedienst. De communicatiedienst neemt hierover contact op met de "
        "burgemeester en/of bevoegde schepen.",
        "De nieuwsbrief verschijnt elke maand.",
    ]
    chapters = [text for style, text in paragraphs(response.data) if style == "Chapter Heading"]
    assert chapters == [
        "1.1 Visie en communicatiedoelen",
        "1.2 Waarom maak je afspraken?",
        "1.3 Hoofdrollen voor de eigentijdse communicatiedienst",
    ]
    subheadings = [text for style, text in paragraphs(response.data) if style == "Heading 2"]
    assert subheadings[0] == "Overheid zoekt pers"
    assert "Pers zoekt overheid" in subheadings
    body = "\n".join(texts).replace("\u00a0", " ")  # the title page keeps names and dates on one line
    assert "De communicatieverantwoordelijke is lid van het managementteam." not in body, "original replaced by variant"
    assert "Persberichten: worden enkel ter goedkeuring" not in body
    assert "De communicatiedienst begeleidt en ondersteunt de diensten" not in body, "rewording replaces the text"
    assert "De communicatiedienst ontwikkelt en beheert een beelddatabank." not in body, "left out"
    assert "Binnen organisaties is er vaak discussie" in body, "chosen intro chapter"
    assert "Vooraleer je in de communicatie-afspraken duikt" not in body, "chapter not chosen"
    assert "Wij communiceren helder." in body
    assert "23 november 2026" in body
    assert "Namens het college," in body
    bullets = [text for style, text in paragraphs(response.data) if style == "List Bullet 2"]
    assert "Voor andere vragen: de communicatiedienst." in bullets
    assert len(bullets) == 6 + 3


def test_the_document_embeds_the_drafts_choices(browser, runner, catalogue):
    link = browser.start()
    browser.organisation()
    choose(browser, "5.3", {"include_1": "y"})
    embedded = read_choices(download(browser).data)
    token = link.rsplit("/", 1)[1]
    shown = runner.invoke(args=["note", "show", "--", token])
    assert shown.exit_code == 0, shown.output
    assert embedded == json.loads(shown.output)
    assert embedded["format"] == "bouwpakket-choices/1"
    assert embedded["sections"] == [
        {
            "number": "5.3",
            "agreements": [
                {
                    "id": "inclusieve-communicatie",
                    "catalogue_text": catalogue.agreement("inclusieve-communicatie").text[0],
                }
            ],
        }
    ]


def test_cli_render_gives_the_same_text_as_the_web_download(browser, runner, tmp_path):
    build_full_note(browser)
    web = download(browser).data
    choices_file = tmp_path / "choices.json"
    choices_file.write_text(json.dumps(read_choices(web)), encoding="utf-8")
    out = tmp_path / "exports" / "zottegem.docx"
    result = runner.invoke(args=["note", "render", str(choices_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert paragraphs(out.read_bytes()) == paragraphs(web)


def test_resume_link_opens_the_note_where_the_user_was(browser, app):
    link = browser.start()
    browser.organisation()
    browser.get("/nota/onderdeel/5.7")
    other = app.test_client()
    response = other.get(link.replace("http://localhost", ""))
    assert response.status_code == 302
    assert response.location == "/nota/onderdeel/5.7", "redirected to a URL without the token"
    page = other.get(response.location).get_data(as_text=True)
    assert "Crisiscommunicatie" in page


def test_pasting_the_link_on_the_start_page_resumes(browser, app):
    link = browser.start()
    browser.organisation(name="Stad Halle")
    other = app.test_client()
    start = other.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]*)"', start).group(1)
    response = other.post("/hervat", data={"csrf_token": csrf, "link": f"  {link}  "})
    assert response.status_code == 302
    assert "Stad Halle" in other.get("/nota/organisatie").get_data(as_text=True)


@pytest.mark.parametrize(
    "token",
    ["bestaat-niet", "A" * 43, "A" * 42 + "!", "a" * 200],
    ids=["malformed", "unknown", "bad-character", "too-long"],
)
def test_unknown_and_malformed_links_get_the_same_dutch_404(client, token):
    response = client.get(f"/hervat/{token}")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_pasting_a_wrong_link_says_so_next_to_the_field(client):
    start = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]*)"', start).group(1)
    response = client.post("/hervat", data={"csrf_token": csrf, "link": "https://example.org/hervat/nope"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "We vinden geen nota bij deze link" in html
    assert 'value="https://example.org/hervat/nope"' in html


def test_wizard_pages_without_a_draft_send_the_user_to_the_start(client):
    response = client.get("/nota/overzicht")
    assert response.status_code == 302
    assert response.location == "/"
    assert "Open je nota via je bewaarlink" in client.get("/").get_data(as_text=True)


def test_overview_shows_status_and_counts(browser):
    browser.start()
    choose(browser, "5.1", {"include_0": "y", "include_1": "y"})
    choose(browser, "5.2", {"include_0": "y"}, action="save")
    browser.get("/nota/overzicht")
    text = browser.text()
    assert re.search(r"5\.1 Afspraken die helpen om beleid te vertalen naar communicatiebeleid 2 van de \d+", text)
    assert re.search(r"5\.1 .*? Klaar 5\.2", text)
    assert re.search(r"5\.2 .*?1 van de \d+ afspraken gekozen Bezig 5\.3", text)
    assert re.search(r"5\.3 .*? Niet begonnen", text)
    assert "Je nota telt 3 afspraken." in text


def test_deleting_a_draft_makes_its_link_dead(browser, app):
    link = browser.start()
    browser.submit("/nota/verwijderen", {})
    assert app.test_client().get(link.replace("http://localhost", "")).status_code == 404
    assert browser.client.get("/nota/overzicht").status_code == 302


def test_each_note_sees_its_own_choices_on_a_shared_section_page(app):
    """Agreements on a section page are rendered once per state and reused: never another note's state."""
    anna, bert = Browser(app.test_client()), Browser(app.test_client())
    for person in (anna, bert):
        person.start()
    choose(
        anna,
        "5.8",
        {"include_3": "y", "variant_3": "Variant 2", "include_5": "y", "text_5": "Annas eigen woorden."},
        "save",
    )
    bert.get("/nota/onderdeel/5.8")
    assert not re.search(r'id="include_3"[^>]*checked', bert.page)
    assert not re.search(r'id="variant_3-2"[^>]*checked', bert.page)
    assert "Annas eigen woorden." not in bert.page
    anna.get("/nota/onderdeel/5.8")
    assert re.search(r'id="include_3"[^>]*checked', anna.page)
    assert re.search(r'id="variant_3-2"[^>]*checked', anna.page)
    assert re.search(
        r'<details class="reword" open>\s*<summary>Herschrijf deze afspraak</summary>(?:(?!</details>).)*'
        r"Annas eigen woorden\.",
        anna.page,
        re.S,
    )
    anna.post("/taal", {"lang": "en", "next": "/nota/onderdeel/5.8"})
    anna.get("/nota/onderdeel/5.8")
    assert re.search(r'for="include_3">Include agreement \d+ in my note<', anna.page)
    assert "Annas eigen woorden." in anna.page
    bert.get("/nota/onderdeel/5.8")
    assert re.search(r'for="include_3">Afspraak \d+ opnemen in mijn nota<', bert.page)
    choose(anna, "5.2", {"include_5": "y", "variant_5": "Variant", "fill_5": "de dienst Burgerzaken"}, "save")
    anna.get("/nota/onderdeel/5.2")
    assert re.search(r'id="fill_5"[^>]*value="de dienst Burgerzaken"', anna.page)
    bert.get("/nota/onderdeel/5.2")
    assert re.search(r'id="fill_5"[^>]*value=""', bert.page)
