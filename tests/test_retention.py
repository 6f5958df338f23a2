"""Drafts untouched for the retention period are removed, after a warning on the draft."""

from __future__ import annotations

from builder import db as database


def age(db_path, days):
    db = database.connect(db_path)
    with database.write(db):
        db.execute("UPDATE drafts SET touched_at = strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now', ?)", [f"-{days} days"])


def test_an_old_draft_shows_a_warning_and_can_be_kept(browser, db_path):
    browser.start()
    browser.get("/nota/overzicht")
    assert "wordt op" not in browser.page
    age(db_path, 160)
    browser.get("/nota/overzicht")
    assert "Je nota werd lang niet gewijzigd en wordt op" in browser.text()
    browser.post("/nota/bewaren", {"next": "/nota/overzicht"})
    browser.get("/nota/overzicht")
    assert "Je nota werd lang niet gewijzigd" not in browser.text()


def test_purge_removes_only_untouched_drafts(app, browser, runner, db_path):
    browser.start()
    from support import Browser

    fresh = Browser(app.test_client())
    fresh.start()
    db = database.connect(db_path)
    with database.write(db):
        db.execute(
            "UPDATE drafts SET touched_at = strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now', '-200 days') "
            "WHERE id = (SELECT min(id) FROM drafts)"
        )
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0 and "Removed 1 draft(s) untouched for 180 days." in result.output
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    assert browser.client.get("/nota/overzicht").status_code == 302, "the old draft is gone"
    assert fresh.client.get("/nota/overzicht").status_code == 200
