"""The private link is the only key to a note: it must not leak."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from email.utils import parsedate_to_datetime

from flask import Response

from builder.db import connect
from builder.web.security import add_headers
from builder.web.serving import redact


def test_the_token_is_stored_only_as_a_hash(browser, db_path):
    link = browser.start()
    token = link.rsplit("/", 1)[1]
    db = connect(db_path)
    dump = "\n".join(db.conn.iterdump())
    assert token not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in dump


def test_draft_pages_are_not_cached_and_send_no_referrer(browser):
    browser.start()
    for path in ("/nota/overzicht", "/nota/organisatie", "/nota/onderdeel/5.1", "/nota/nalezen"):
        response = browser.client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
        assert response.headers["Referrer-Policy"] == "no-referrer", path


def test_every_response_has_security_headers(client):
    for path in ("/", "/bestaat-niet", "/static/style.css"):
        response = client.get(path)
        response.close()
        csp = response.headers["Content-Security-Policy"]
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert len(response.headers.getlist("Content-Security-Policy")) == 1


def test_a_security_header_a_page_sets_itself_is_kept(app):
    with app.test_request_context("/"):
        response = add_headers(Response("x", headers={"referrer-policy": "same-origin"}))
    assert response.headers.getlist("Referrer-Policy") == ["same-origin"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_access_log_lines_hide_the_token():
    line = '127.0.0.1 - - "GET /hervat/Abc_DEF-123456789012345678901234567890123 HTTP/1.1" 302'
    assert redact(line) == '127.0.0.1 - - "GET /hervat/[verborgen] HTTP/1.1" 302'


def test_the_session_cookie_lasts_30_days_from_the_last_save_and_reading_leaves_it_alone(browser):
    browser.start()
    browser.get("/nota/inleiding")
    saved = browser.post("/nota/inleiding", {"vision": "Wij communiceren helder."})
    cookie = saved.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    assert abs(expires - dt.datetime.now(dt.UTC) - dt.timedelta(days=30)) < dt.timedelta(minutes=5)
    browser.get("/nota/overzicht")  # shows (and so removes) the "Opgeslagen." message: the session changes
    read = browser.get("/nota/overzicht")
    assert "Set-Cookie" not in read.headers, "a page that changes nothing does not re-sign the cookie"
