"""Helpers shared by the tests (imported by name; conftest.py files only hold fixtures)."""

from __future__ import annotations

import copy
import io
import re
from html import unescape
from html.parser import HTMLParser

import docx
from argon2 import PasswordHasher
from docx.oxml.ns import qn
from werkzeug.test import EnvironBuilder

from builder import PROJECT_ROOT
from builder.db import connect, curators, editions, write
from builder.formats.catalogue_files import read_tree
from builder.model.catalogue import Catalogue

CURATOR_PASSWORD = "correct horse battery staple"
# Curators' passwords, hashed once with argon2id at its lowest cost: a login checks them in microseconds,
# where the app's own cost (curation/passwords.py) would spend a second of every curation test on it.
CHEAP_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(CURATOR_PASSWORD)

REWORDED = "communicatiebeleidsplan-op-basis-van-organisatiedoelen"  # 1
RETIRED = "planning-realisatie-evaluatie-beleidsplan"  # 2
RENAMED, RENAMED_TO = "overleg-schepen-en-communicatieverantwoordelijke", "overleg-schepen-communicatie"  # 3
SPLIT, SPLIT_INTO = "inzage-agenda-college-en-managementteam", ("inzage-agenda", "informatie-na-vergadering")  # 6
UNTOUCHED = "communicatieparagraaf-bij-beslissingen"  # 7
NEW = "jaarverslag-communicatie"


def newer_edition(old: Catalogue, edition_id: str = "2025") -> Catalogue:
    """Edition 2025 on top of `old`: one reworded, one retired, one renamed, one split, one new agreement."""
    data = copy.deepcopy(old.to_plain())
    data["edition"].update(id=edition_id, based_on=old.edition.id, subtitle="Update 2025")
    data["edition"]["migrations"] = [
        {"agreement": RETIRED, "kind": "retired", "into": [], "reason": "Zit nu in afspraak 1."},
        {"agreement": RENAMED, "kind": "renamed", "into": [RENAMED_TO], "reason": ""},
        {"agreement": SPLIT, "kind": "split", "into": list(SPLIT_INTO), "reason": "Twee aparte afspraken."},
    ]
    agreements = data["sections"][0]["agreements"]
    by_id = {a["id"]: a for a in agreements}
    by_id[REWORDED]["text"] = ["De communicatiedienst maakt, plant en evalueert het communicatiebeleidsplan."]
    by_id[RENAMED]["id"] = RENAMED_TO
    split = by_id[SPLIT]
    first = dict(split, id=SPLIT_INTO[0], text=["De communicatieverantwoordelijke heeft inzage in de agenda."])
    second = dict(split, id=SPLIT_INTO[1], text=["De communicatieverantwoordelijke krijgt meteen de beslissingen."])
    new = dict(by_id[UNTOUCHED], id=NEW, text=["De communicatiedienst maakt elk jaar een jaarverslag."], variants=[])
    rebuilt = []
    for agreement in agreements:
        if agreement["id"] == RETIRED:
            continue
        rebuilt += [first, second] if agreement is split else [agreement]
    rebuilt.append(new)
    number = 1
    for section in data["sections"]:
        if section is data["sections"][0]:
            section["agreements"] = rebuilt
        for agreement in section["agreements"]:
            agreement["number"] = number
            number += 1
    return Catalogue.from_plain(data)


class Browser:
    """A user clicking through the wizard with the Flask test client.

    Forms are filled from the page itself: the CSRF token and the draft
    version come from the hidden fields, as a browser would send them.
    """

    def __init__(self, client):
        self.client = client
        self.page = ""

    def get(self, url, status=200):
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        self.page = response.get_data(as_text=True)
        self.url = url
        return response

    def hidden_fields(self, page=None) -> dict:
        """Every hidden input of the page, as a browser would send it with the form."""
        fields = {}
        for tag in re.findall(r"<input[^>]*>", page or self.page):
            if 'type="hidden"' in tag:
                name = re.search(r'name="([^"]*)"', tag).group(1)
                value = re.search(r'value="([^"]*)"', tag)
                fields.setdefault(name, unescape(value.group(1)) if value else "")
        return fields

    def hidden(self, name, page=None):
        return self.hidden_fields(page).get(name, "")

    def submit(self, url, data, status=302):
        """Open the page at `url`, fill in its form and send it."""
        self.get(url)
        return self.post(url, data, status)

    def post(self, url, data, status=302):
        """Send the form of the page that is open now."""
        fields = {**self.hidden_fields(), **data}
        response = self.client.post(url, data=fields)
        assert response.status_code == status, (url, response.status_code, response.data[:2000])
        if response.mimetype == "text/html" and response.status_code != 302:
            self.page = response.get_data(as_text=True)
        return response

    def post_files(self, url, data, status=302):
        """Send a form with files (multipart) and the open page's CSRF token; files are (BytesIO, name) pairs."""
        form = {"csrf_token": self.hidden("csrf_token"), **data}
        environ = EnvironBuilder(path=url, method="POST", data=form, content_type="multipart/form-data").get_environ()
        try:
            response = self.client.open(environ)
        finally:
            environ["wsgi.input"].close()  # the test client spools large bodies to a file it leaves open
        assert response.status_code == status, (url, response.status_code, response.data[:2000])
        if response.status_code != 302:
            self.page = response.get_data(as_text=True)
        return response

    def form_values(self, action: str | None = None, page=None) -> list[tuple[str, str]]:
        """What a browser sends for the form posting to `action` (the page's main form when None), as shown."""
        reader = _FormReader()
        reader.feed(page or self.page)
        here = getattr(self, "url", "")
        forms = [f for f in reader.forms if action is None or (f["action"] or here) == action]
        forms = [f for f in forms if not f["action"].endswith(("/logout", "/taal"))]
        assert forms, f"no form posting to {action}"
        return forms[0]["fields"]

    def fill(self, url, data, status=302, action=None):
        """Open `url`, keep every field of its form as shown, change those in `data`, and send it."""
        self.get(url)
        return self.send(data, status, action or url)

    def send(self, data, status=302, action=None, page=None):
        """Send the form of the open page as a browser does: every field as shown, with `data` changed."""
        target = action or self.action()
        fields = [(k, v) for k, v in self.form_values(target, page) if k not in data]
        fields += [(k, v) for k, values in data.items() for v in (values if isinstance(values, list) else [values])]
        response = self.client.post(target, data=_multi(fields))
        assert response.status_code == status, (target, response.status_code, response.data[:3000])
        if response.mimetype == "text/html" and response.status_code != 302:
            self.page = response.get_data(as_text=True)
        return response

    def action(self) -> str:
        """Where the main form of the open page posts (its own address when the form says nothing)."""
        reader = _FormReader()
        reader.feed(self.page)
        found = next(f["action"] for f in reader.forms if not f["action"].endswith(("/logout", "/taal")))
        return found or self.url

    def start(self):
        """Click "Nieuwe afsprakennota" on the start page; returns the private link."""
        self.get("/")
        token = self.hidden("start")
        response = self.client.post("/nota/nieuw", data={"csrf_token": self.hidden("csrf_token"), "start": token})
        assert response.status_code == 302
        self.get(response.location)
        return re.search(r'id="bewaarlink" type="text" value="([^"]+)"', self.page).group(1)

    def organisation(self, name="Gemeente Zottegem", **extra):
        data = {"name": name, "type": "gemeente", "date": "23/11/2026", "note_version": "1.0"}
        data.update(extra)
        return self.submit("/nota/organisatie", data)

    def review_link(self, label="managementteam", expires_on=""):
        """Make a review link on /nota/beoordeling, as the author; returns its path (/beoordelen/<token>)."""
        response = self.submit("/nota/beoordeling", {"label": label, "expires_on": expires_on})
        self.get(response.location)
        link = re.search(r'id="beoordelingslink" type="text" value="([^"]+)"', self.page).group(1)
        return "/beoordelen/" + link.rsplit("/beoordelen/", 1)[1]

    def text(self):
        """The visible text of the current page."""
        return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.page)))


def add_curator(app, name: str) -> None:
    """A curator account with CURATOR_PASSWORD, stored as the CLI would (the hash made once, see CHEAP_HASH)."""
    db = connect(app.config["DATABASE"])
    with write(db):
        curators.add_curator(db, name, CHEAP_HASH)
    db.close()


def logged_in(app, name: str) -> Browser:
    """A new browser in which the curator `name` is logged in to /beheer."""
    user = Browser(app.test_client())
    user.get("/beheer/login")
    user.post("/beheer/login", {"name": name, "password": CURATOR_PASSWORD})
    return user


def _multi(fields):
    from werkzeug.datastructures import MultiDict

    return MultiDict(fields)


class _FormReader(HTMLParser):
    """The forms of a page with the values a browser would send (buttons left out: a test names the one it clicks)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._textarea, self._select, self._option = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1]["fields"].append((a["name"], a.get("value", "y" if a.get("type") == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            self._option = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = self._option
            if "selected" in a:
                self._select[2] = self._option

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.forms[-1]["fields"].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.forms[-1]["fields"].append((name, chosen if chosen is not None else first or ""))
            self._select = None


def agreement_paragraph(document, number: int):
    for p in document.paragraphs:
        if p._p.find(f".//{qn('w:bookmarkStart')}[@{qn('w:name')}='_RefAfspraak{number}']") is not None:
            return p
    raise AssertionError(number)


def edited_in_word(data: bytes) -> bytes:
    """Reword agreement 2, delete agreement 3, add a numbered paragraph after agreement 5."""
    document = docx.Document(io.BytesIO(data))
    second = agreement_paragraph(document, 2)
    for run in second.runs[1:]:
        run._r.getparent().remove(run._r)
    second.runs[0].text = "De communicatiedienst van Zottegem schrijft elk jaar een plan."
    third = agreement_paragraph(document, 3)
    third._p.getparent().remove(third._p)
    fifth = agreement_paragraph(document, 5)
    added = copy.deepcopy(fifth._p)
    for mark in added.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        mark.getparent().remove(mark)
    fifth._p.addnext(added)
    new = docx.text.paragraph.Paragraph(added, fifth._parent)
    for run in new.runs[1:]:
        run._r.getparent().remove(run._r)
    new.runs[0].text = "Elke dienst heeft een communicatiepeter."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def publish_2024_1(db_path):
    """Kortom publishes the fix edition 2024.1, as `catalogue load` would."""
    (fix,) = [c for c in read_tree(PROJECT_ROOT / "agreements") if c.edition.id == "2024.1"]
    db = connect(db_path)
    with write(db):
        editions.insert_catalogue(db, fix)
    db.close()


def upload(browser, data: bytes | None, name: str = "nota.docx", status: int = 302):
    browser.get("/")
    form = {"csrf_token": browser.hidden("csrf_token")}
    if data is not None:
        form["note_file"] = (io.BytesIO(data), name)
    response = browser.client.post("/nota/uit-bestand", data=form, content_type="multipart/form-data")
    assert response.status_code == status, response.data[:1500]
    if status != 302:
        browser.page = response.get_data(as_text=True)
    return response


def downloaded(browser) -> bytes:
    """Zottegem's note with all of 5.1, as the download button gives it."""
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {**{f"include_{i}": "y" for i in range(7)}, "action": "done"})
    response = browser.submit("/nota/downloaden", {}, status=200)
    assert response.mimetype.endswith("wordprocessingml.document")
    return response.data


def textarea(user, name: str) -> str:
    """The text in the page's text box `name`, as the browser shows it."""
    return unescape(re.search(rf'name="{name}"[^>]*>\n?(.*?)</textarea>', user.page, re.S).group(1))


def stored_terminology(app, kind: str = "provincie"):
    """Edition 2026's terminology table for `kind`, as stored."""
    db = connect(app.config["DATABASE"])
    try:
        return editions.load(db, "2026").terminology_for(kind)
    finally:
        db.close()


def expire_curator_session(app, name: str = "marthe") -> None:
    """The curator's session has been idle for longer than allowed."""
    db = connect(app.config["DATABASE"])
    with write(db):
        db.execute(
            "UPDATE curator_sessions SET last_seen = '2020-01-01T00:00:00.000000Z' "
            "WHERE curator_id = (SELECT id FROM curators WHERE name = ?)",
            [name],
        )
    db.close()


def measured_alone(script: str, argument: str) -> dict:
    """The last line `script` prints, as JSON, run with `argument` in a fresh Python that inherits nothing.

    A measurement of time and memory must not share a process with the test run."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", script, argument],
        cwd=PROJECT_ROOT,
        env={"PYTHONPATH": f"{PROJECT_ROOT}:{PROJECT_ROOT / 'tests'}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])
