"""Only logged-in curators reach /beheer; logins are rate-limited; sessions end."""

from __future__ import annotations

import re

import pytest
from support import CURATOR_PASSWORD, Browser

from builder import create_app


def curation_urls():
    """Every /beheer route of the app, with made-up arguments, and its methods."""
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": ":memory:"})
    samples = {
        "edition_id": "2024",
        "agreement_id": "beelddatabank",
        "section_id": "diensten",
        "chapter_id": "hoofdrollen",
        "action": "hoger",
        "number": "5.2",
        "suggestion_id": 1,
        "draft_id": 1,
        "kind": "provincie",
        "change_id": 1,
        "index": 0,
    }
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("curation.") or rule.endpoint == "curation.login":
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+:)?{arg}>", str(samples[arg]), url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, url))
    return found


CURATION_URLS = curation_urls()


def test_the_list_of_curation_routes_is_complete():
    assert len(CURATION_URLS) >= 20
    assert ("POST", "/beheer/edities/2024/publiceren") in CURATION_URLS


@pytest.mark.parametrize(("method", "url"), CURATION_URLS, ids=[f"{m} {u}" for m, u in CURATION_URLS])
def test_every_curation_route_needs_a_login(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 302
    assert response.location.startswith("/beheer/login")


def test_the_wizard_needs_no_login(client):
    assert client.get("/").status_code == 200


def test_wrong_password_gets_a_dutch_message(app, client, curator):
    other = Browser(app.test_client())
    other.get("/beheer/login")
    response = other.post("/beheer/login", {"name": "marthe", "password": "fout"}, status=400)
    assert "Deze naam en dit wachtwoord horen niet bij elkaar." in response.get_data(as_text=True)
    assert 'value="marthe"' in response.get_data(as_text=True)


def test_five_failures_lock_the_account_from_that_address_even_for_the_right_password(app, curator):
    other = Browser(app.test_client())
    other.get("/beheer/login")
    for _attempt in range(5):
        other.post("/beheer/login", {"name": "marthe", "password": "geraden"}, status=400)
    response = other.post("/beheer/login", {"name": "marthe", "password": CURATOR_PASSWORD}, status=429)
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)


def login_from(app, address: str, password: str):
    """A login attempt for marthe from another computer."""
    user = Browser(app.test_client())
    user.get("/beheer/login")
    form = {**user.hidden_fields(), "name": "marthe", "password": password}
    return user.client.post("/beheer/login", data=form, environ_overrides={"REMOTE_ADDR": address})


def test_an_attacker_who_knows_a_name_cannot_lock_the_curator_out(app, curator):
    """Security round 3 (issue 24, item 8): five wrong passwords locked a curator out by name alone."""
    for _attempt in range(6):
        assert login_from(app, "203.0.113.66", "geraden").status_code in (400, 429)
    assert login_from(app, "203.0.113.66", CURATOR_PASSWORD).status_code == 429
    assert login_from(app, "192.0.2.7", CURATOR_PASSWORD).status_code == 302, "marthe at her own desk"


def test_guessing_one_account_from_many_addresses_is_stopped_too(app, curator):
    app.config["LOGIN_LIMIT_PER_ACCOUNT_ANYWHERE"] = 8
    for n in range(8):
        assert login_from(app, f"203.0.113.{n}", "geraden").status_code == 400
    assert login_from(app, "203.0.113.200", CURATOR_PASSWORD).status_code == 429


def test_many_failures_from_one_address_lock_that_address(app, curator):
    other = Browser(app.test_client())
    other.get("/beheer/login")
    for n in range(20):
        other.post("/beheer/login", {"name": f"gok{n}", "password": "geraden"}, status=400)
    other.post("/beheer/login", {"name": "marthe", "password": CURATOR_PASSWORD}, status=429)
    elsewhere = Browser(app.test_client())
    elsewhere.get("/beheer/login")
    response = elsewhere.client.post(
        "/beheer/login",
        data={**elsewhere.hidden_fields(), "name": "marthe", "password": CURATOR_PASSWORD},
        environ_overrides={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 302


def test_logout_ends_the_session_on_the_server(app, curator):
    stolen = curator.client.get_cookie("session").value
    curator.get("/beheer/")
    curator.post("/beheer/logout", {})
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/beheer/").status_code == 302


def test_idle_sessions_expire(app, curator):
    app.config["CURATOR_IDLE_MINUTES"] = 0
    assert curator.client.get("/beheer/").status_code == 302


def test_passwords_are_stored_as_argon2id(app, curator):
    from builder.db import connect

    stored = connect(app.config["DATABASE"]).execute("SELECT password_hash FROM curators").fetchone()[0]
    assert stored.startswith("$argon2id$")


def test_session_cookie_flags(app, curator):
    response = curator.client.get("/beheer/login")
    assert response.status_code == 302
    https = app.test_client()
    https.get("/beheer/login", base_url="https://localhost")
    page = https.get("/beheer/login", base_url="https://localhost").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]*)"', page).group(1)
    login = https.post(
        "/beheer/login",
        data={"csrf_token": csrf, "name": "marthe", "password": CURATOR_PASSWORD},
        base_url="https://localhost",
    )
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["curator", "add", "kort"], "kort\nkort\n", "Password refused: Use at least 12 characters."),
        (
            ["curator", "passwd", "niemand"],
            "lang genoeg wachtwoord\nlang genoeg wachtwoord\n",
            "No curator named 'niemand'.",
        ),
        (["curator", "remove", "niemand"], "", "No curator named 'niemand'."),
    ],
)
def test_curator_commands_refuse_with_a_reason(runner, args, stdin, message):
    result = runner.invoke(args=args, input=stdin)
    assert result.exit_code == 1
    assert message in result.output


def test_passwd_and_remove(app, runner, curator):
    result = runner.invoke(args=["curator", "passwd", "marthe"], input="een heel nieuw wachtwoord\n" * 2)
    assert result.exit_code == 0, result.output
    assert curator.client.get("/beheer/").status_code == 302, "a new password ends open sessions"
    assert runner.invoke(args=["curator", "remove", "marthe"]).exit_code == 0
    other = Browser(app.test_client())
    other.get("/beheer/login")
    other.post("/beheer/login", {"name": "marthe", "password": "een heel nieuw wachtwoord"}, status=400)
