"""The author publishes the note as a web page at an address only they choose to share; anyone with it reads it."""

from __future__ import annotations

import io
import re

from support import Browser, publish_2024_1
from word_templates import png

from builder import db as database

ADDRESS = re.compile(r'id="webpagina" type="text" value="[^"]*(/gepubliceerd/[^"]+)"')
NOINDEX = '<meta name="robots" content="noindex">'


def zottegem(browser) -> str:
    """A note with agreements 1 and 2 of 5.1; returns its private link's token."""
    link = browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_1": "y", "action": "done"})
    return link.rsplit("/", 1)[1]


def publish(user: Browser, findable: bool | None = None, action: str = "publish", status: int = 302):
    """Click a button of the download page's "Publiceren als webpagina"; the box as shown unless `findable`."""
    user.get("/nota/downloaden")
    data = {"action": action}
    if findable is not None:
        data["findable"] = "y" if findable else ""
    return user.send(data, status, action="/nota/publiceren")


def address(user: Browser) -> str:
    """The published page's path, as the download page shows it."""
    user.get("/nota/downloaden")
    return ADDRESS.search(user.page).group(1)


def reader(client) -> Browser:
    """Someone who was given the address: another browser, with no note of their own."""
    return Browser(client.application.test_client())


def test_publishing_gives_an_address_that_shows_the_note_with_its_version_and_date(browser, client):
    zottegem(browser)
    browser.get("/nota/downloaden")
    assert "Publiceren als webpagina" in browser.text()
    assert "Publiceer als webpagina" in browser.text()
    publish(browser)
    browser.get("/nota/downloaden")
    assert "Je nota staat online. Geef het adres aan wie ze mag lezen." in browser.text()
    assert "(versie 1.0 van je nota)" in browser.text()
    assert "De webpagina toont je nota zoals ze nu is." in browser.text()
    assert "Publiceer de huidige versie" not in browser.text()
    page = reader(client)
    response = page.get(address(browser))
    text = page.text()
    assert re.search(r"Gepubliceerd op \d{1,2} \w+ 20\d\d · versie 1\.0 van de nota", text), text[:300]
    assert '<h1 class="note-preview__title">Communicatieafspraken Gemeente Zottegem</h1>' in page.page
    assert "De communicatiedienst maakt op basis van de organisatiedoelen" in text
    assert "Ontwerp, versie 1.0" in text, "the approval status"
    assert "Bijlage 1. Herkomst van de afspraken" in text, "the appendices"
    assert "Wijzig" not in text and "bewaarlink" not in text.lower() and "<script" not in page.page
    assert "Herkomst: catalogus" not in text, "the provenance is the appendix's, as in the document"
    assert 'href="/static/print.css" media="print"' in page.page
    assert response.headers["Cache-Control"] == "no-cache", "a revoked or replaced page does not linger"


def test_later_edits_show_only_when_the_author_publishes_the_current_version_at_the_same_address(browser, client):
    zottegem(browser)
    publish(browser)
    path = address(browser)
    browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "include_1": "", "include_2": "y", "action": "done"})
    browser.organisation(note_version="2.0")
    page = reader(client)
    page.get(path)
    assert "versie 1.0 van de nota" in page.text()
    assert "verantwoordelijk voor de planning, realisatie en evaluatie" in page.text(), "the published agreement 2"
    browser.get("/nota/downloaden")
    assert "Je nota veranderde sinds de publicatie. De webpagina toont nog de versie van" in browser.text()
    publish(browser)
    assert address(browser) == path, "the address stays"
    assert "De webpagina toont nu de huidige versie van je nota, op hetzelfde adres." in browser.text()
    assert "(versie 2.0 van je nota)" in browser.text()
    page.get(path)
    assert "versie 2.0 van de nota" in page.text()
    assert "verantwoordelijk voor de planning, realisatie en evaluatie" not in page.text()
    assert "eerst gepubliceerd op" not in page.text(), "first published the same day"


def test_the_approval_shows_once_published(browser, client):
    zottegem(browser)
    publish(browser)
    browser.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": "CBS 2026/123"})
    publish(browser)
    page = reader(client)
    page.get(address(browser))
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026" in page.text()
    assert "CBS 2026/123" in page.text()


def test_revoking_asks_first_then_the_address_stops_working_for_good(browser, client):
    zottegem(browser)
    publish(browser)
    old = address(browser)
    browser.get("/nota/publiceren/intrekken")
    assert "Publicatie intrekken?" in browser.text()
    assert old in browser.page
    assert "Dit adres werkt daarna nooit meer, ook niet als je de nota later opnieuw publiceert" in browser.text()
    browser.send({}, action="/nota/publiceren/intrekken")
    browser.get("/nota/downloaden")
    assert "De publicatie is ingetrokken. Het adres van de webpagina werkt niet meer." in browser.text()
    assert "Publiceer als webpagina" in browser.text()
    page = reader(client)
    response = page.get(old, status=404)
    assert "Deze pagina bestaat niet (meer)" in page.text()
    assert response.headers["X-Robots-Tag"] == "noindex"
    publish(browser)
    new = address(browser)
    assert new != old, "publishing again gives a new address"
    page.get(new)
    page.get(old, status=404)


def test_revoking_a_note_that_is_not_published_says_so(browser):
    zottegem(browser)
    browser.get("/nota/publiceren/intrekken", status=302)
    browser.get("/nota/downloaden")
    assert "Je nota staat niet online." in browser.text()


def test_the_search_engine_button_never_publishes_a_page_revoked_in_another_window(browser, db_path):
    zottegem(browser)
    publish(browser)
    browser.get("/nota/downloaden")
    shown = browser.page
    db = database.connect(db_path)
    with database.write(db):
        db.execute("DELETE FROM publications")
    browser.send({"action": "findable", "findable": "y"}, action="/nota/publiceren", page=shown)
    browser.get("/nota/downloaden")
    assert "Je nota staat niet online." in browser.text()
    assert db.execute("SELECT count(*) FROM publications").fetchone()[0] == 0


def test_search_engines_skip_the_page_unless_the_author_lets_them_find_it(browser, client):
    zottegem(browser)
    publish(browser)
    path = address(browser)
    page = reader(client)
    response = page.get(path)
    assert NOINDEX in page.page and response.headers["X-Robots-Tag"] == "noindex"
    assert "Zoekmachines slaan de pagina over" in browser.text()
    publish(browser, findable=True, action="findable")
    browser.get("/nota/downloaden")
    assert "Zoekmachines mogen de webpagina van je nota nu vinden." in browser.text()
    response = page.get(path)
    assert NOINDEX not in page.page and "X-Robots-Tag" not in response.headers
    assert "versie 1.0" in page.text()
    publish(browser, findable=False, action="findable")
    response = page.get(path)
    assert NOINDEX in page.page and response.headers["X-Robots-Tag"] == "noindex"


def test_a_note_published_as_findable_from_the_start_is_findable(browser, client):
    zottegem(browser)
    publish(browser, findable=True)
    page = reader(client)
    response = page.get(address(browser))
    assert NOINDEX not in page.page and "X-Robots-Tag" not in response.headers


def test_no_other_token_opens_a_published_page(app, browser, client):
    token = zottegem(browser)
    review = browser.review_link()
    publish(browser)
    mine = address(browser)
    other = Browser(app.test_client())
    other.start()
    other.organisation("Stad Gent", type="stad")
    publish(other)
    theirs = address(other)
    page = reader(client)
    page.get(theirs)
    assert "Stad Gent" in page.text() and "Zottegem" not in page.text()
    page.get(mine)
    assert "Zottegem" in page.text() and "Gent" not in page.text()
    review_token = review.rsplit("/", 1)[1]
    for wrong in (token, review_token, "A" * 43, "kort", mine.rsplit("/", 1)[1].upper()):
        page.get(f"/gepubliceerd/{wrong}", status=404)
        assert "Deze pagina bestaat niet (meer)" in page.text()
    assert token not in mine and review_token not in mine


def test_every_agreement_has_an_anchor_by_its_number_and_a_cross_reference_links_to_it(app, db_path, client):
    publish_2024_1(db_path)  # its intro of 5.9 refers to agreement 37 ("politieke terughoudendheid")
    user = Browser(client)
    user.start()
    user.organisation()
    user.submit("/nota/onderdeel/5.5", {"include_7": "y", "action": "done"})  # 37 becomes the note's first
    user.submit("/nota/onderdeel/5.9", {"include_0": "y", "include_1": "y", "intro": "y", "action": "done"})
    publish(user)
    page = reader(client)
    page.get(address(user))
    for number in (1, 2, 3):
        assert f'id="afspraak-{number}"' in page.page
    assert 'eerder in dit document bij <a href="#afspraak-1">afspraak 1</a>.' in page.page
    user.get("/nota/nalezen")
    assert 'eerder in dit document bij <a href="#afspraak-1">afspraak 1</a>.' in user.page, "the review page too"


def test_the_logo_shows_as_it_was_when_published(browser, client):
    zottegem(browser)
    browser.get("/nota/huisstijl")
    logo = png()
    browser.post_files("/nota/huisstijl/logo", {"alt": "Logo van Zottegem", "logo_file": (io.BytesIO(logo), "z.png")})
    publish(browser)
    path = address(browser)
    page = reader(client)
    page.get(path)
    assert f'<img class="published-header__logo" src="{path}/logo" alt="Logo van Zottegem">' in page.page
    image = page.client.get(f"{path}/logo")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.data.startswith(b"\x89PNG") and image.headers["X-Robots-Tag"] == "noindex"
    browser.get("/nota/huisstijl")
    browser.post("/nota/huisstijl/gebruik", {"what": "logo", "use": "nee"})
    page.get(path)
    assert "Logo van Zottegem" in page.page, "until the current version is published"
    browser.get("/nota/downloaden")
    assert "Je nota veranderde sinds de publicatie" in browser.text()
    publish(browser)
    page.get(path)
    assert "<img" not in page.page
    assert page.client.get(f"{path}/logo").status_code == 404


def test_a_refused_token_publishes_nothing_and_keeps_the_download_page(browser, client, db_path):
    zottegem(browser)
    browser.get("/nota/downloaden")
    response = browser.client.post("/nota/publiceren", data={"action": "publish", "version": browser.hidden("version")})
    assert response.status_code == 302 and response.location == "/nota/downloaden#publiceren"
    browser.get("/nota/downloaden")
    assert "Je sessie was verlopen. Klik nog eens op de knop." in browser.text()
    assert "Publiceer als webpagina" in browser.text()
    db = database.connect(db_path)
    assert db.execute("SELECT count(*) FROM publications").fetchone()[0] == 0


def test_a_version_changed_elsewhere_is_not_published_unseen(app, browser, client):
    token = zottegem(browser)
    browser.get("/nota/downloaden")
    colleague = Browser(app.test_client())
    colleague.get(f"/hervat/{token}", status=302)
    colleague.organisation(note_version="9.9")
    browser.send({"action": "publish"}, action="/nota/publiceren")
    browser.get("/nota/downloaden")
    assert "Je nota veranderde intussen, in een ander venster of door een collega." in browser.text()
    assert "Publiceer als webpagina" in browser.text(), "nothing was published"


def test_a_published_note_stays_while_published_and_goes_with_its_note(browser, client, runner, db_path):
    zottegem(browser)
    publish(browser)
    path = address(browser)
    db = database.connect(db_path)
    with database.write(db):
        db.execute("UPDATE drafts SET touched_at = strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now', '-200 days')")
    browser.get("/nota/overzicht")
    assert "Je nota werd lang niet gewijzigd" not in browser.text(), "no removal to warn about"
    result = runner.invoke(args=["drafts", "purge"])
    assert "Removed 0 draft(s)" in result.output
    page = reader(client)
    page.get(path)
    browser.fill("/nota/publiceren/intrekken", {})
    result = runner.invoke(args=["drafts", "purge"])
    assert "Removed 0 draft(s)" in result.output, "revoking starts the retention period again"
    publish(browser)
    path = address(browser)
    browser.get("/nota/verwijderen")
    assert "Ook de webpagina van je nota gaat offline" in browser.text()
    browser.send({}, action="/nota/verwijderen")
    page.get(path, status=404)


def test_each_article_of_meer_lezen_links_to_the_agreements_it_goes_with(browser, client):
    zottegem(browser)
    browser.submit("/nota/onderdeel/5.3", {f"include_{i}": "y" for i in range(8)} | {"action": "done"})
    publish(browser)
    page = reader(client)
    page.get(address(browser))
    appendix = page.page.split("Meer lezen</h2>")[1].split("</section>")[0]
    linked = re.findall(r' – bij afspra(?:ak|ken) (<a href="#afspraak-\d+">\d+</a>(?:, )?)+</li>', appendix)
    assert len(linked) == 4, "each article bound to agreements names them as links"
    assert 'Dossier - Wetgeving – bij afspraken <a href="#afspraak-' in appendix
    for number, shown in re.findall(r'<a href="#afspraak-(\d+)">(\d+)</a>', appendix):
        assert number == shown and f'id="afspraak-{number}"' in page.page
