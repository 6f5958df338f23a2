"""Helpers shared by the tests (imported by name; conftest.py files only hold fixtures)."""

from __future__ import annotations

import copy
import io
import re
from html import unescape

import docx
from docx.oxml.ns import qn

from builder import PROJECT_ROOT
from builder.db import connect, editions, write
from builder.formats.catalogue_files import read_tree
from builder.model.catalogue import Catalogue

CURATOR_PASSWORD = "correct horse battery staple"

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
