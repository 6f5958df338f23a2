"""`note import` and `note upgrade --plan`: the same continuity for whoever runs the app."""

from __future__ import annotations

import datetime as dt
import json

from support import Browser, downloaded, edited_in_word, publish_2024_1

from builder.db import connect, drafts, editions
from builder.model import upgrade
from builder.model.building import new_choices


def test_note_import_makes_a_draft_and_prints_a_working_link(browser, runner, app, tmp_path):
    path = tmp_path / "nota.docx"
    path.write_bytes(edited_in_word(downloaded(browser)))
    result = runner.invoke(args=["note", "import", str(path)])
    assert result.exit_code == 0, result.output
    link, waiting = result.output.strip().splitlines()
    assert waiting.startswith("3 change(s) made in Word wait")
    newcomer = Browser(app.test_client())
    newcomer.get(link, status=302)
    newcomer.get("/nota/overzicht")
    assert "Er zijn nog 3 wijzigingen uit Word na te kijken." in newcomer.text()


def test_note_import_refuses_what_the_web_refuses(runner, tmp_path):
    path = tmp_path / "brief.docx"
    path.write_bytes(b"Geen Word-bestand")
    result = runner.invoke(args=["note", "import", str(path)])
    assert result.exit_code == 1
    assert "Dit is geen Word-bestand (.docx)." in result.output


def test_note_upgrade_plan_prints_every_agreement_without_changing_anything(browser, runner, db_path):
    browser.start()
    browser.submit(
        "/nota/onderdeel/5.1", {"include_0": "y", "include_4": "y", "variant_4": "Variant", "action": "done"}
    )
    publish_2024_1(db_path)
    result = runner.invoke(args=["note", "show", "--", browser_token(browser)])
    before = result.output
    result = runner.invoke(args=["note", "upgrade", "--edition", "2024.1", "--plan", "--", browser_token(browser)])
    assert result.exit_code == 0, result.output
    plan = {step["id"]: step for step in json.loads(result.output)}
    assert plan["communicatieverantwoordelijke-in-managementteam"]["status"] == upgrade.REWORDED
    assert plan["communicatiebeleidsplan-op-basis-van-organisatiedoelen"]["status"] == upgrade.UNCHANGED
    assert set(plan["communicatieverantwoordelijke-in-managementteam"]) >= {"id", "status", "old_text", "new_text"}
    assert runner.invoke(args=["note", "show", "--", browser_token(browser)]).output == before


def test_note_upgrade_without_plan_says_where_users_choose(browser, runner):
    browser.start()
    result = runner.invoke(args=["note", "upgrade", "--edition", "2024", "--", browser_token(browser)])
    assert result.exit_code == 1 and "/nota/nieuwe-editie" in result.output


def browser_token(browser) -> str:
    with browser.client.session_transaction() as session:
        return session["draft_token"]


def test_a_token_that_starts_with_a_dash_is_shown_after_a_double_dash(runner, db_path):
    """One private link in 64 starts with "-": click would read it as an option (README says to put `--` first)."""
    token = "-V" + "a" * 41
    db = connect(db_path)
    drafts.create(db, token, new_choices(editions.load(db, editions.latest_published(db)), dt.date(2026, 12, 7)))
    db.close()
    assert runner.invoke(args=["note", "show", token]).exit_code == 2
    shown = runner.invoke(args=["note", "show", "--", token])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["format"] == "bouwpakket-choices/1"
