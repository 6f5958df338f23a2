"""The browser forgot which note it worked on (cookies cleared, another browser, a session that ended):
what was typed is kept, and saved once the officer opens the note again with the private link."""

from __future__ import annotations

import re

from support import Browser

from builder.db import connect, drafts

REWORDING = "Wij begeleiden elke dienst, ook zonder afspraak."


def stored(app):
    db = connect(app.config["DATABASE"])
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    found = drafts.get(db, row[0]).choices
    db.close()
    return found


def forgotten(app):
    """A note with a section page open, whose browser then lost its cookies; and the private link."""
    user = Browser(app.test_client())
    link = user.start()
    user.get("/nota/onderdeel/5.2")
    page = user.page
    user.client = app.test_client()  # the cookies are gone; the page is still on the screen
    user.get("/")  # a new session, as a browser gets on any page
    user.page, user.url = page, "/nota/onderdeel/5.2"
    return user, link


def test_a_save_without_the_note_open_keeps_what_was_typed_and_says_what_happened(app):
    user, _link = forgotten(app)
    response = user.send({"include_1": "y", "text_0": REWORDING, "include_0": "y", "action": "save"}, status=401)
    text = user.text()
    assert "Je nota is niet meer open in deze browser" in text
    assert REWORDING in text, "what was typed is on the page, to copy"
    assert 'name="text_0"' in response.get_data(as_text=True) and 'name="include_1" value="y"' in user.page
    assert stored(app).part("5.2") is None, "nothing was saved into any note"


def test_pasting_the_private_link_opens_the_note_and_saves_everything_typed(app):
    user, link = forgotten(app)
    user.send({"include_1": "y", "text_0": REWORDING, "include_0": "y", "action": "save"}, status=401)
    user.send({"bewaarlink": link}, status=302)
    part = stored(app).part("5.2")
    assert [(a.id, a.text) for a in part.agreements] == [
        ("begeleiding-van-diensten", REWORDING),
        ("geen-last-minute-inzet", ""),
    ]
    user.get("/nota/onderdeel/5.2")  # and the browser has the note open again


def test_a_wrong_link_says_so_next_to_the_field_and_keeps_the_input(app):
    user, _link = forgotten(app)
    user.send({"include_1": "y", "action": "save"}, status=401)
    user.send({"bewaarlink": "https://localhost/hervat/" + "x" * 43}, status=401)
    assert "We vinden geen nota bij deze link." in user.text()
    assert re.search(r'name="include_1" value="y"', user.page), "still carried"


def test_opening_the_link_in_another_tab_is_enough(app):
    user, link = forgotten(app)
    user.send({"include_1": "y", "action": "save"}, status=401)
    user.client.get(link.replace("http://localhost", ""))  # the private link, opened in another tab
    user.send({}, status=302)
    assert [a.id for a in stored(app).part("5.2").agreements] == ["geen-last-minute-inzet"]


def test_a_background_save_says_the_note_is_no_longer_open_not_that_the_connection_failed(app):
    user, _link = forgotten(app)
    fields = dict(user.form_values())
    fields.update(include_1="y", background="1")
    response = user.client.post("/nota/onderdeel/5.2", data=fields, headers={"X-Autosave": "1"})
    assert response.status_code == 401
    answer = response.get_json()
    assert answer["saved"] is False and "niet meer open in deze browser" in answer["status"]
