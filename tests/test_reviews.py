"""Colleagues review a note: the author hands out review links, reviewers comment, the author answers."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from docx import Document
from support import Browser

from builder.db import connect, drafts, reviews, write
from builder.web.serving import redact

AGREEMENT = "beelddatabank"  # catalogue agreement 14, the seventh of section 5.2: the note's only agreement
INCLUDE, TEXT = "include_6", "text_6"


def comment(reviewer: Browser, path: str, status=302, **data):
    """The reviewer fills in the comment form of one agreement (or of the whole note) and sends it."""
    reviewer.get(path)
    fields = {"csrf_token": reviewer.hidden("csrf_token"), "agreement": "", "author": "", "text": ""}
    fields.update(data)
    response = reviewer.client.post(path, data=fields)
    assert response.status_code == status, (response.status_code, response.data[:3000])
    if status != 302:
        reviewer.page = response.get_data(as_text=True)
    return response


@pytest.fixture
def author(browser):
    """An author with a named note that holds agreement 5.2 'beelddatabank'."""
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.2", {INCLUDE: "y"})
    return browser


@pytest.fixture
def reviewer(app):
    """A colleague in another browser, with no draft of their own."""
    return Browser(app.test_client())


def draft_of(app):
    db = connect(app.config["DATABASE"])
    try:
        (row,) = db.execute("SELECT id FROM drafts").fetchall()
        return drafts.get(db, row[0])
    finally:
        db.close()


def stored_comments(app):
    db = connect(app.config["DATABASE"])
    try:
        return [(c.author, c.verdict, c.text) for c in reviews.comments(db, draft_of(app).id)]
    finally:
        db.close()


def test_a_review_link_is_shown_once_and_listed_with_its_label_and_thirty_days(author):
    path = author.review_link("managementteam")
    assert re.fullmatch(r"/beoordelen/[A-Za-z0-9_-]{43}", path)
    last_day = (dt.date.today() + dt.timedelta(days=30)).strftime("%-d")
    assert "managementteam" in author.text() and "Werkt" in author.text()
    mail = re.search(r'href="mailto:\?subject=([^"&]+)&amp;body=([^"]+)"', author.page)
    assert path.rsplit("/", 1)[1] in mail.group(2), "the link can be mailed to the reviewer"
    assert last_day in author.text()
    author.get("/nota/beoordeling")
    assert path not in author.page, "the token is shown once, right after the link was made"
    assert "managementteam" in author.text()


def test_a_reviewer_reads_the_note_without_ways_to_change_it(author, reviewer):
    path = author.review_link()
    reviewer.get(path)
    assert "Nota beoordelen" in reviewer.text()
    assert "Gemeente Zottegem" in reviewer.text()
    assert "Wijzig" not in reviewer.text()
    assert 'action="/nota' not in reviewer.page, "no form of the reviewer's page changes the note"
    assert "Reageer op de nota als geheel" in reviewer.text()
    assert "Reageer op afspraak 1" in reviewer.text()
    assert "/hervat/" not in reviewer.page and "bewaarlink" not in reviewer.page.lower()


def test_a_comment_reaches_the_author_everywhere_the_agreement_is(author, reviewer):
    path = author.review_link()
    comment(reviewer, path, agreement=AGREEMENT, author="Schepen Els", verdict="niet-akkoord", text="Te vaag.")
    reviewer.get(path)
    assert "Je opmerking is bewaard." in reviewer.text()
    assert "Te vaag." in reviewer.text() and "Niet akkoord" in reviewer.text()
    author.get("/nota/beoordeling")
    assert "1 opmerking staat open." in author.text()
    assert "Schepen Els" in author.text() and "Te vaag." in author.text()
    author.get("/nota/overzicht")
    assert "1 opmerking open" in author.text()
    author.get("/nota/onderdeel/5.2")
    assert "1 opmerking van een beoordelaar" in author.text() and "Te vaag." in author.text()
    author.get("/nota/nalezen")
    assert "Te vaag." in author.text()
    assert "Een beoordelaar liet 1 opmerking achter die nog open staat." in author.text()


def test_a_reviewer_sees_only_what_came_through_their_own_link(author, app):
    first, second = author.review_link("managementteam"), author.review_link("schepen")
    one, other = Browser(app.test_client()), Browser(app.test_client())
    comment(one, first, author="Directeur", text="Opmerking van het managementteam.")
    comment(other, second, author="Schepen", text="Opmerking van de schepen.")
    one.get(first)
    assert "Opmerking van het managementteam." in one.text()
    assert "Opmerking van de schepen." not in one.text()
    assert "schepen" not in one.text().lower().replace("van burgemeester en schepenen", "")
    author.get("/nota/beoordeling")
    assert "Opmerking van het managementteam." in author.text() and "Opmerking van de schepen." in author.text()


def test_revoking_a_link_closes_it_on_the_next_request_and_keeps_its_comments(author, reviewer, app):
    path = author.review_link("managementteam")
    comment(reviewer, path, author="Directeur", text="Eerst dit.")
    reviewer.get(path)
    token = reviewer.hidden("csrf_token")
    author.get("/nota/beoordeling")
    form = re.search(r'action="(/nota/beoordeling/link/\d+/intrekken)"', author.page).group(1)
    author.post(form, {})
    author.get("/nota/beoordeling")
    assert "Ingetrokken" in author.text()
    assert "Trek in de link" not in author.text()
    closed = reviewer.client.get(path)
    assert closed.status_code == 410
    assert "De auteur van de nota heeft deze link ingetrokken." in closed.get_data(as_text=True)
    late = reviewer.client.post(path, data={"csrf_token": token, "author": "Directeur", "text": "Nog iets."})
    assert late.status_code == 410
    assert "Nog iets." in late.get_data(as_text=True), "what the reviewer typed is shown, to copy"
    assert stored_comments(app) == [("Directeur", "", "Eerst dit.")]
    assert "Eerst dit." in author.text(), "the comments of a revoked link stay"


def test_an_expired_link_says_so_in_dutch(author, reviewer, app):
    path = author.review_link("managementteam")
    db = connect(app.config["DATABASE"])
    with write(db):
        db.execute("UPDATE review_links SET expires_on = ?", [(dt.date.today() - dt.timedelta(days=1)).isoformat()])
    db.close()
    response = reviewer.client.get(path)
    assert response.status_code == 410
    assert "De termijn om deze nota te beoordelen is voorbij." in response.get_data(as_text=True)
    author.get("/nota/beoordeling")
    assert "Verlopen" in author.text()


@pytest.mark.parametrize("path", ["/beoordelen/" + "A" * 43, "/beoordelen/kort", "/beoordelen/" + "é" * 43])
def test_a_token_no_link_has_is_a_plain_404(client, path):
    assert client.get(path).status_code == 404


def test_the_link_stops_when_the_note_is_deleted(author, reviewer):
    path = author.review_link()
    author.submit("/nota/verwijderen", {})
    assert reviewer.client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"author": "", "text": "Goed zo."},
            "author",
            "Vul je naam in, zodat de auteur weet van wie de opmerking komt.",
        ),
        ({"author": "Jan", "text": ""}, "text", "Schrijf je opmerking, of kies akkoord of niet akkoord."),
        ({"author": "Jan", "text": "x" * 2001}, "text", "Deze tekst is 2001 tekens lang; het maximum is 2000."),
        ({"author": "J" * 101, "text": "Goed."}, "author", "het maximum is 100"),
        ({"author": "Jan", "text": "Goed.", "verdict": "misschien"}, "verdict", None),
        ({"author": "Jan", "text": "Goed.", "agreement": "bestaat-niet"}, "opslaan", "Deze afspraak staat niet meer"),
    ],
)
def test_a_refused_comment_keeps_what_was_typed_and_says_why(author, reviewer, app, data, field, message):
    path = author.review_link()
    comment(reviewer, path, status=400, **data)
    if message:
        assert message in reviewer.text()
    if data.get("text"):
        assert data["text"][:50] in reviewer.page, "what was typed is still there"
    assert '<details class="comment-form no-print" open>' in reviewer.page
    assert stored_comments(app) == []


def test_a_verdict_alone_is_a_comment(author, reviewer, app):
    path = author.review_link()
    comment(reviewer, path, author="Jan", verdict="akkoord", agreement=AGREEMENT)
    assert stored_comments(app) == [("Jan", "akkoord", "")]
    reviewer.get(path)
    assert 'value="Jan"' in reviewer.page, "the reviewer's name is offered again"


def test_a_comment_without_a_valid_csrf_token_is_refused_and_the_text_kept(author, reviewer, app):
    path = author.review_link()
    reviewer.get(path)
    response = reviewer.client.post(path, data={"author": "Jan", "text": "Mijn opmerking blijft staan."})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Je sessie was verlopen" in page and "Mijn opmerking blijft staan." in page
    assert stored_comments(app) == []


def test_comments_are_rate_limited_with_a_dutch_page(app, author, reviewer):
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "comment": [100, 3, 60]}
    path = author.review_link()
    for n in range(3):
        comment(reviewer, path, author="Jan", text=f"Opmerking {n}.")
    response = comment(reviewer, path, status=429, author="Jan", text="Een te veel.")
    assert "Even geduld" in response.get_data(as_text=True)
    assert len(stored_comments(app)) == 3


MARKUP = '<b onmouseover="alert(1)">vet</b><script>alert(2)</script>'


def test_markup_in_every_field_is_shown_as_text_on_every_page(author, reviewer):
    path = author.review_link(f"mt {MARKUP}")
    comment(reviewer, path, agreement=AGREEMENT, author=f"Jan {MARKUP}", text=f"Tekst {MARKUP}")
    comment(reviewer, path, author=f"Els {MARKUP}", text=f"Geheel {MARKUP}")
    author.get("/nota/beoordeling")
    first = re.search(r'action="(/nota/beoordeling/opmerking/\d+)"', author.page).group(1)
    author.post(first, {"text": f"Antwoord {MARKUP}", "action": "reply"})
    approval = {"approved_by": f"college {MARKUP}", "approved_on": "20/12/2026", "decision": f"ref {MARKUP}"}
    author.submit("/nota/nalezen", {**approval, "signatory_1": f"An {MARKUP}", "signatory_2": f"Bo {MARKUP}"})
    pages = [reviewer.client.get(path)] + [
        author.client.get(url)
        for url in ("/nota/beoordeling", "/nota/overzicht", "/nota/onderdeel/5.2", "/nota/nalezen")
    ]
    for page in pages:
        html = page.get_data(as_text=True)
        assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in pages[0].get_data(as_text=True)
    assert "Antwoord &lt;b" in pages[0].get_data(as_text=True), "the reviewer reads the author's reply"
    assert "referentie ref &lt;b" in pages[1].get_data(as_text=True), "the approval record on the author's page"


def test_the_author_replies_resolves_and_reopens_and_history_is_kept(author, reviewer):
    path = author.review_link()
    comment(reviewer, path, agreement=AGREEMENT, author="Jan", text="Wie beheert dat?")
    author.get("/nota/beoordeling")
    form = re.search(r'action="(/nota/beoordeling/opmerking/\d+)"', author.page).group(1)
    author.post(form, {"text": "De communicatiedienst.", "action": "resolve"})
    author.get("/nota/beoordeling")
    assert "Er staan geen opmerkingen open." in author.text()
    assert "1 afgehandelde opmerking" in author.text()
    assert "De communicatiedienst." in author.text(), "an answer typed before resolving is kept"
    author.get("/nota/overzicht")
    assert "opmerking open" not in author.text()
    author.get("/nota/beoordeling")
    author.post(form, {"action": "reopen"})
    author.get("/nota/beoordeling")
    assert "1 opmerking staat open." in author.text()
    reviewer.get(path)
    assert "De communicatiedienst." in reviewer.text()


def test_an_empty_reply_is_refused_next_to_its_box(author, reviewer):
    path = author.review_link()
    comment(reviewer, path, author="Jan", text="Vraag.")
    author.get("/nota/beoordeling")
    form = re.search(r'action="(/nota/beoordeling/opmerking/(\d+))"', author.page)
    author.post(form.group(1), {"text": "", "action": "reply"}, status=400)
    assert "Schrijf je antwoord." in author.text()
    assert f'href="#antwoord-{form.group(2)}"' in author.page


def test_a_comment_on_a_changed_agreement_shows_the_wording_it_was_made_on(author, reviewer, app):
    path = author.review_link()
    comment(reviewer, path, agreement=AGREEMENT, author="Jan", text="Klopt dit?")
    author.get("/nota/onderdeel/5.2")
    before = author.text()
    author.post("/nota/onderdeel/5.2", {INCLUDE: "y", TEXT: "Onze eigen tekst."})
    author.get("/nota/beoordeling")
    assert "zoals ze toen luidde" in author.text()
    assert "beelddatabank" in before.lower()
    author.get("/nota/onderdeel/5.2")
    author.post("/nota/onderdeel/5.2", {INCLUDE: ""})
    author.get("/nota/beoordeling")
    assert "die niet meer in de nota staat" in author.text()


def test_nobody_answers_another_notes_comments_or_revokes_its_links(author, app, reviewer):
    path = author.review_link()
    comment(reviewer, path, author="Jan", text="Vraag.")
    stranger = Browser(app.test_client())
    stranger.start()
    stranger.get("/nota/beoordeling")
    assert (
        stranger.client.post(
            "/nota/beoordeling/opmerking/1", data={"csrf_token": stranger.hidden("csrf_token"), "action": "resolve"}
        ).status_code
        == 404
    )
    assert (
        stranger.client.post(
            "/nota/beoordeling/link/1/intrekken", data={"csrf_token": stranger.hidden("csrf_token")}
        ).status_code
        == 404
    )
    assert reviewer.client.get(path).status_code == 200


WIZARD_POSTS = ["/nota/nalezen", "/nota/organisatie", "/nota/onderdeel/5.2", "/nota/beoordeling", "/nota/verwijderen"]


@pytest.mark.parametrize("url", WIZARD_POSTS)
def test_a_reviewer_cannot_post_to_the_wizard(author, reviewer, app, url):
    path = author.review_link()
    reviewer.get(path)
    before = draft_of(app)
    response = reviewer.client.post(
        url, data={"csrf_token": reviewer.hidden("csrf_token"), "version": str(before.version), "name": "Overgenomen"}
    )
    assert response.status_code == 401, "the page that reopens a note with its private link, which a reviewer has not"
    assert "Je nota is niet meer open in deze browser" in response.get_data(as_text=True)
    after = draft_of(app)
    assert (after.version, after.choices) == (before.version, before.choices)


def test_review_tokens_are_hidden_in_logs():
    token = "gGjIVL-X2pU4hxtuvy7yNMR2FJMMVNhp2Vg54zYrr94"
    line = f'"GET /beoordelen/{token} HTTP/1.1" 200 "https://x.be/beoordelen/{token}?a=1"'
    assert token not in redact(line)
    assert redact(line).count("/beoordelen/[verborgen]") == 2


def test_review_pages_are_never_cached(author, reviewer):
    path = author.review_link()
    assert reviewer.client.get(path).headers["Cache-Control"] == "no-store"
    assert author.client.get("/nota/beoordeling").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        ("31/02/2026", "Vul een geldige datum in"),
        ("01/01/2020", "Kies een dag vanaf vandaag."),
        ("01/01/2099", "Een beoordelingslink werkt hoogstens een jaar."),
    ],
)
def test_a_link_needs_a_sensible_last_day(author, expires_on, message):
    author.submit("/nota/beoordeling", {"label": "mt", "expires_on": expires_on}, status=400)
    assert message in author.text()
    assert 'value="mt"' in author.page


@pytest.mark.parametrize(
    ("label", "message"),
    [("", "Zeg voor wie de link is"), ("m" * 101, "Deze tekst is 101 tekens lang; het maximum is 100.")],
)
def test_a_link_needs_a_short_label(author, label, message):
    author.submit("/nota/beoordeling", {"label": label}, status=400)
    assert message in author.text()
    assert f'value="{label}"' in author.page


def test_the_approval_is_recorded_with_the_version_it_approved(author):
    author.submit(
        "/nota/nalezen",
        {"approved_on": "20/12/2026", "decision": "CBS 2026/123", "signatory_1": "An Peeters", "signatory_2": "Bo"},
    )
    author.get("/nota/beoordeling")
    version = int(re.search(r"Je nota staat nu op versie (\d+)", author.text()).group(1))
    assert (
        f"Versie {version} werd goedgekeurd door het college van burgemeester en schepenen op 20 december 2026 "
        "(referentie CBS 2026/123)." in author.text()
    )
    author.submit("/nota/organisatie", {"name": "Gemeente Zottegem", "author_name": "Nieuw"})
    author.get("/nota/beoordeling")
    assert "Sindsdien is de nota gewijzigd." in author.text()
    response = author.submit("/nota/downloaden", {}, status=200)
    text = "\n".join(p.text for p in Document(BytesIO(response.data)).paragraphs).replace("\u00a0", " ")
    assert "Goedgekeurd door het college van burgemeester en schepenen op 20 december 2026" in text
    cells = [c.text for t in Document(BytesIO(response.data)).tables for row in t.rows for c in row.cells]
    assert "CBS 2026/123" in cells and "Naam: An Peeters" in cells and "Naam: Bo" in cells


def word_comments(docx: bytes) -> list[tuple[str, str]]:
    document = Document(BytesIO(docx))
    return [(c.author, c.text) for c in document.comments]


def test_open_comments_go_into_word_only_when_asked(author, reviewer):
    path = author.review_link()
    comment(reviewer, path, agreement=AGREEMENT, author="Jan Peeters", verdict="niet-akkoord", text="Te vaag.")
    comment(reviewer, path, author="Els", verdict="akkoord")
    author.get("/nota/downloaden")
    assert "2 opmerkingen staan open." in author.text()
    plain = author.post("/nota/downloaden", {}, status=200)
    assert word_comments(plain.data) == []
    with_comments = author.post("/nota/downloaden", {"comments": "y"}, status=200)
    found = word_comments(with_comments.data)
    assert ("Jan Peeters", "Niet akkoord: Te vaag.") in found and ("Els", "Akkoord") in found
    document = Document(BytesIO(with_comments.data))
    anchored = [p.text for p in document.paragraphs if "commentRangeStart" in p._p.xml]
    assert any("beelddatabank" in t.lower() for t in anchored), anchored


def test_the_download_offers_no_comment_box_without_open_comments(author):
    author.get("/nota/downloaden")
    assert 'name="comments"' not in author.page


def test_typing_on_an_approval_corrects_it_and_another_date_is_another_decision(author):
    for reference in ("CBS", "CBS 2026/1", "CBS 2026/12"):
        author.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": reference, "background": "1"}, 200)
    author.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": "CBS 2026/12", "references": "y"})
    author.get("/nota/beoordeling")
    assert author.text().count("werd goedgekeurd") == 1
    assert "(referentie CBS 2026/12)" in author.text()
    author.submit("/nota/nalezen", {"approved_on": "10/01/2027", "decision": "CBS 2027/4"})
    author.get("/nota/beoordeling")
    assert author.text().count("werd goedgekeurd") == 2
    assert author.text().index("10 januari 2027") < author.text().index("20 december 2026"), "newest first"


def test_a_comment_on_an_own_agreement_stands_beside_it_on_the_section_page(author, reviewer):
    author.submit("/nota/onderdeel/5.2", {INCLUDE: "y", "own_text_new": "Wij fotograferen elk evenement."})
    path = author.review_link()
    reviewer.get(path)
    key = re.findall(r'name="agreement" value="(eigen:[^"]+)"', reviewer.page)
    assert key == ["eigen:5.2:1"]
    comment(reviewer, path, agreement=key[0], author="Jan", text="Ook de kleine?")
    author.get("/nota/onderdeel/5.2")
    own_box = author.page.index("Wij fotograferen elk evenement.")
    assert author.page.index("Ook de kleine?") > own_box


def test_a_review_link_opens_its_own_note_and_no_other(app, author, reviewer):
    other = Browser(app.test_client())
    other.start()
    other.organisation("Stad Anderland")
    other.submit("/nota/onderdeel/5.1", {"include_0": "y"})
    theirs = other.review_link()
    path = author.review_link()
    reviewer.get(path)
    assert "Gemeente Zottegem" in reviewer.text() and "Anderland" not in reviewer.text()
    foreign = re.search(r'name="agreement" value="([^"]+)"', Browser(app.test_client()).get(theirs).get_data(True))
    comment(reviewer, path, status=400, agreement=foreign.group(1), author="Jan", text="Elders.")
    assert "Deze afspraak staat niet meer in de nota." in reviewer.text()
    other.get("/nota/beoordeling")
    assert "Er staan geen opmerkingen open." in other.text()


def test_the_approval_keeps_the_note_as_it_was_approved(author, app):
    author.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": "CBS 2026/123"})
    approved = draft_of(app).choices
    author.submit("/nota/onderdeel/5.2", {INCLUDE: "", "own_text_new": "Wij fotograferen elk evenement."})
    author.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": "CBS 2026/123"})
    db = connect(app.config["DATABASE"])
    try:
        (approval,) = reviews.approvals(db, draft_of(app).id)
        assert approval.choices == approved != draft_of(app).choices, "saved again unchanged: still the approved note"
        with write(db):
            db.execute("UPDATE approvals SET choices = ''")  # as recorded before the note was kept
        assert reviews.approvals(db, draft_of(app).id)[0].choices is None
    finally:
        db.close()
