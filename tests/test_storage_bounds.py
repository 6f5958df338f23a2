"""One client cannot fill the database (issue 24, item 6).

The attacker saved the organisation page and downloaded with the sharing box ticked, again and
again: every version stored another full copy of the note (30 → 48 MB in 4.8 s). A draft now keeps
one shared copy and ten earlier versions, and the database has a size cap by default, with a Dutch
page when it is reached.
"""

from __future__ import annotations

import dataclasses

from builder import db as database
from builder.db import drafts
from builder.model.building import new_choices


def shared_copies(db_path) -> int:
    db = database.connect(db_path)
    try:
        return db.execute("SELECT count(*) FROM exports WHERE shared_choices IS NOT NULL").fetchone()[0]
    finally:
        db.close()


def test_saving_and_sharing_again_and_again_keeps_one_shared_copy(browser, db_path):
    browser.start()
    for round_ in range(12):
        browser.organisation(name=f"Gemeente Zottegem {round_}")
        browser.submit("/nota/downloaden", {"share": "y"}, status=200)
    assert shared_copies(db_path) == 1
    db = database.connect(db_path)
    (shared,) = db.execute("SELECT shared_choices FROM exports WHERE shared_choices IS NOT NULL").fetchone()
    db.close()
    assert "Gemeente Zottegem 11" in shared, "the copy kept is the latest download's"


def test_a_draft_keeps_at_most_ten_earlier_versions(db_path, catalogue):
    import datetime as dt

    db = database.connect(db_path)
    choices = new_choices(catalogue, dt.date(2026, 12, 7))
    draft = drafts.create(db, drafts.new_token(), choices)
    for n in range(25):
        changed = dataclasses.replace(choices, title=f"Versie {n}")
        draft = drafts.replace_note(db, draft.id, draft.version, changed, {}, "terug")
    kept = drafts.kept_versions(db, draft.id)
    db.close()
    assert len(kept) == drafts.KEPT_VERSIONS == 10
    assert kept[0].version == draft.version - 1, "the newest are kept"


def test_the_database_has_a_size_cap_by_default(app):
    assert app.config["DATABASE_MAX_PAGES"] == 1_048_576


def test_a_full_database_says_so_in_dutch_and_gives_the_text_back(app, browser, db_path):
    browser.start()
    browser.get("/nota/inleiding")
    db = database.connect(db_path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    app.config["DATABASE_MAX_PAGES"] = pages
    vision = "Een visie die niet verloren mag gaan. " * 400
    response = browser.post("/nota/inleiding", {"vision": vision}, status=503)
    page = response.get_data(as_text=True)
    assert "De opslag van Bouwpakket is vol." in page
    assert vision.strip()[:200] in page
