"""A note brought back from a file meets the note's limits and never gives a 500 (issue 24, items 7 and 8).

The attacker uploaded choices files and .docx files with deeply nested JSON (a 500 from Python's
parser), with 75,000 agreements (accepted: the reviewer's page of that note was 168 MB) and with
a title of 4 MB. Each is refused in Dutch next to the upload field, and nothing is stored.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from hostile_files import rezipped
from support import downloaded, upload

from builder import db as database


def drafts_stored(db_path) -> int:
    db = database.connect(db_path)
    try:
        return db.execute("SELECT count(*) FROM drafts").fetchone()[0]
    finally:
        db.close()


def refused(browser, data: bytes, name: str) -> str:
    """Upload `data` on the start page; the Dutch message next to the field."""
    upload(browser, data, name=name, status=400)
    error = re.search(r'id="note_file-error">(.*?)</p>', browser.page, re.S)
    assert error, browser.page[:2000]
    return error.group(1)


def choices(**changes) -> dict:
    found = {
        "format": "bouwpakket-choices/1",
        "edition": "2024",
        "organisation": {"name": "Gemeente Zottegem", "type": "gemeente"},
        "date": "2026-12-07",
        "sections": [{"number": "5.2", "agreements": [{"id": "begeleiding-van-diensten"}]}],
    }
    found.update(changes)
    return found


NESTED = [
    ("a hundred thousand brackets", b"[" * 100_000 + b"]" * 100_000),
    ("nested inside a field", json.dumps(choices(vision=json.loads("[" * 500 + "]" * 500))).encode()),
    ("nested just past the bound", json.dumps(choices(options=json.loads('{"a":' * 20 + "1" + "}" * 20))).encode()),
]


@pytest.mark.parametrize(("kind", "data"), NESTED, ids=[c[0] for c in NESTED])
def test_deeply_nested_json_in_a_choices_file_is_refused_in_dutch(browser, db_path, kind, data):
    before = drafts_stored(db_path)
    assert "te diep genest" in refused(browser, data, "keuzes.json"), kind
    assert drafts_stored(db_path) == before


def test_deeply_nested_json_inside_a_docx_is_refused_in_dutch(browser, app, db_path):
    from support import Browser

    note = downloaded(browser)

    def nested(parts):
        for name, content in parts.items():
            if name.startswith("customXml/item") and b"<choices " in content[:400]:
                start = content.index(b">", content.index(b"<choices")) + 1
                end = content.rindex(b"</")
                parts[name] = content[:start] + b"[" * 5000 + b"]" * 5000 + content[end:]

    newcomer = Browser(app.test_client())
    before = drafts_stored(db_path)
    assert "te diep genest" in refused(newcomer, rezipped(note, nested), "nota.docx")
    assert drafts_stored(db_path) == before


LIMITS = [
    (
        "75,000 agreements",
        json.dumps(choices(sections=[{"number": "5.2", "agreements": [{"id": "begeleiding-van-diensten"}] * 75_000}])),
    ),
    ("a title of 4 MB", json.dumps(choices(title="Titel " * 700_000))),
]


@pytest.mark.parametrize(("kind", "data"), LIMITS, ids=[c[0] for c in LIMITS])
def test_a_choices_file_beyond_the_notes_limits_is_refused_in_dutch(browser, db_path, kind, data):
    before = drafts_stored(db_path)
    browser.get("/")
    response = browser.post_files("/nota/uit-bestand", {"note_file": (io.BytesIO(data.encode()), "keuzes.json")}, 400)
    assert re.search(r'id="note_file-error">', response.get_data(as_text=True)), kind
    assert drafts_stored(db_path) == before
