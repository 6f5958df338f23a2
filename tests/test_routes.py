"""Every route is classified, and every state-changing route checks its CSRF token."""

from __future__ import annotations

import re
import shutil
import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from support import CURATOR_PASSWORD, Browser, add_curator

from builder import create_app
from builder.db import connect

PUBLIC, DRAFT, CURATOR = "public", "needs draft session", "needs curator"
REVIEW = "needs a review link"
PUBLISHED = "needs a publication's address"
ACCESS = {
    "static": PUBLIC,
    "wizard.index": PUBLIC,
    "wizard.favicon": PUBLIC,
    "wizard.take_everything": DRAFT,
    "wizard.new": PUBLIC,
    "wizard.resume": PUBLIC,
    "wizard.resume_pasted": PUBLIC,
    "wizard.language": PUBLIC,
    "curation.login": PUBLIC,
    "wizard.saved_link": DRAFT,
    "wizard.overview": DRAFT,
    "wizard.organisation": DRAFT,
    "wizard.introduction": DRAFT,
    "wizard.section": DRAFT,
    "wizard.suggest": DRAFT,
    "wizard.own_sections": DRAFT,
    "wizard.own_section": DRAFT,
    "wizard.review": DRAFT,
    "wizard.download": DRAFT,
    "wizard.amendment_note": DRAFT,
    "wizard.keep": DRAFT,
    "wizard.delete": DRAFT,
    "curation.migration_map_page": CURATOR,
    "wizard.upload": PUBLIC,
    "wizard.new_edition": DRAFT,
    "wizard.restore_version": DRAFT,
    "wizard.word_changes_page": DRAFT,
    "wizard.reviewing": DRAFT,
    "wizard.revoke_link": DRAFT,
    "wizard.answer_comment": DRAFT,
    "wizard.house_style": DRAFT,
    "wizard.upload_template": DRAFT,
    "wizard.upload_logo": DRAFT,
    "wizard.switch_style": DRAFT,
    "wizard.house_style_again": DRAFT,
    "wizard.publish": DRAFT,
    "wizard.revoke_publication": DRAFT,
    "review.note": REVIEW,
    "review.comment": REVIEW,
    "published.note": PUBLISHED,
    "published.logo": PUBLISHED,
}
SAMPLES = {
    "number": "5.2",
    "key": "eigen-1",
    "token": "A" * 43,
    "filename": "style.css",
    "edition_id": "2026",
    "agreement_id": "beelddatabank",
    "section_id": "diensten",
    "chapter_id": "hoofdrollen",
    "action": "hoger",
    "suggestion_id": "1",
    "draft_id": "1",
    "change_id": "1",
    "kept_id": "1",
    "link_id": "1",
    "comment_id": "1",
    "kind": "provincie",
    "index": "0",
}
SAMPLE_REVIEW_PATH = "/beoordelen/" + "A" * 43


def access(endpoint: str) -> str | None:
    if endpoint in ACCESS:
        return ACCESS[endpoint]
    if endpoint.startswith("curation."):
        return CURATOR
    return ACCESS.get(endpoint)


def rules():
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": ":memory:"})
    found = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+:)?{arg}>", SAMPLES[arg], url)
        found.append((rule.endpoint, url, sorted(rule.methods - {"HEAD", "OPTIONS"})))
    return found


RULES = rules()
POSTS = [(endpoint, url) for endpoint, url, methods in RULES if "POST" in methods]


def test_every_route_is_classified():
    unclassified = sorted({endpoint for endpoint, _url, _m in RULES if access(endpoint) is None})
    assert unclassified == [], "add these routes to the ACCESS table"


@pytest.mark.parametrize(("endpoint", "url", "methods"), RULES, ids=[f"{e} {u}" for e, u, _m in RULES])
def test_routes_behave_as_classified(client, endpoint, url, methods):
    method = "GET" if "GET" in methods else "POST"
    response = client.open(url, method=method)
    response.close()
    kind = access(endpoint)
    if kind == CURATOR:
        assert response.status_code == 302 and response.location.startswith("/beheer/login")
    elif kind == DRAFT and method == "GET":
        assert response.status_code == 302 and response.location == "/"
    elif kind == DRAFT:  # what was posted is kept, for the note to be opened with its private link
        assert response.status_code == 401
    elif kind in (REVIEW, PUBLISHED):
        assert response.status_code == 404, "a token no link or publication has opens nothing"
    else:
        assert not (response.location or "").startswith("/beheer/login")


@pytest.fixture(scope="module")
def everyone(loaded_db_template, tmp_path_factory):
    """One browser with a draft (with an own section) and a curator session, an edition in preparation
    and a suggestion: every POST route has something to act on. Made once: a refused post changes nothing."""
    path = tmp_path_factory.mktemp("routes") / "bouwpakket.sqlite3"
    shutil.copy(loaded_db_template, path)
    app = create_app({"TESTING": True, "SECRET_KEY": "r" * 40, "DATABASE": str(path), "PDF": False})
    user = Browser(app.test_client())
    user.app = app
    user.start()
    user.submit("/nota/eigen-onderdelen", {"new_title": "Eigen", "new_after": "5.14", "action": "add"})
    user.submit("/nota/onderdeel/5.2/suggestie", {"kind": "nieuw", "text": "Een voorstel."})
    user.review_path = user.review_link("managementteam")
    user.submit(user.review_path, {"author": "Jan", "text": "Een opmerking.", "agreement": ""})
    add_curator(app, "marthe")
    user.submit("/beheer/login", {"name": "marthe", "password": CURATOR_PASSWORD})
    user.get("/beheer/")
    user.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Editie 2026"})
    response = user.fill("/beheer/edities/2026/afspraken/klachtencoordinatie", {"action": "verwijderen"})
    user.fill(response.location, {})  # the migration map has a row to fill in
    return user


MARKER = "Mijn-getypte-tekst-42"
TEXT_FIELDS = (
    "name",
    "vision",
    "own_text_new",
    "text",
    "title",
    "new_title",
    "summary",
    "link",
    "approved_by",
    "new_text",
    "rows-0-reason",
    "edition_id",
    "onderdeel-title",
    "nieuw-title",
    "nieuw-label",
    "nieuw-text",
    "ref0-title",
    "label",
    "alt",
    "author",
    "lines",
    "intro",
    "body",
    "reason",
    "new_variant-text",
    "new_reference-title",
    "references-0-title",
)
NO_FREE_TEXT = {
    "wizard.delete",
    "wizard.download",
    "wizard.section",
    "wizard.upload",
    "wizard.upload_template",
    "wizard.switch_style",
    "curation.remove_agreement",
    "curation.remove_variant",
    "curation.delete_edition",
    "curation.remove_chapter",
    "curation.remove_section",
}


def expired_token(app, client) -> str:
    with client.session_transaction() as session:
        raw = session["csrf_token"]

    class ThirteenHoursAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 13 * 3600

    return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token", signer=ThirteenHoursAgo).dumps(raw)


def database_state(app) -> str:
    db = connect(app.config["DATABASE"])
    try:
        return "\n".join(line for line in db.conn.iterdump() if "login_failures" not in line)
    finally:
        db.close()


@pytest.mark.parametrize("token", ["missing", "wrong", "expired"])
@pytest.mark.parametrize(("endpoint", "url"), POSTS, ids=[f"{e} {u}" for e, u in POSTS])
def test_state_changing_routes_refuse_bad_csrf_tokens(everyone, endpoint, url, token):
    app = everyone.app
    before = database_state(app)
    data = {field: MARKER for field in TEXT_FIELDS}
    data["version"] = everyone.hidden("version") or "1"
    data["action"] = "toevoegen"
    if token == "wrong":
        data["csrf_token"] = "IjAwMDAi.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbb"
    elif token == "expired":
        data["csrf_token"] = expired_token(app, everyone.client)
    response = everyone.client.post(url.replace(SAMPLE_REVIEW_PATH, everyone.review_path), data=data)
    page = response.get_data(as_text=True)
    assert database_state(app) == before, "nothing changed"
    assert response.status_code in (302, 400, 409), response.status_code
    if response.status_code == 400 and endpoint not in NO_FREE_TEXT:
        assert MARKER in page, "the form comes back with the input"
    assert "CSRF" not in page


def test_a_valid_token_works_for_a_whole_working_day(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= 8 * 3600
