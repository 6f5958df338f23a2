"""A municipality's officer sees what other municipalities chose, once there are enough of them (issue 29, item 3)."""

from __future__ import annotations

from helpers import axe_violations, fill_organisation, horizontal_overflow, open_section, screenshot, start_note
from test_peer_counts import a_note

from builder.db import connect, drafts, editions
from builder.model.usage import MIN_PEERS


def downloaded_notes(live_server, count: int, kind: str = "gemeente") -> None:
    """`count` notes of `kind` that were downloaded, as other officers left them."""
    db = connect(live_server.app.config["DATABASE"])
    catalogue = editions.load(db, "2024")
    for n in range(count):
        note = a_note(catalogue, kind, name=f"Gemeente {n}")
        drafts.record_export(db, drafts.create(db, drafts.new_token(), note))
    db.close()


def test_the_counts_appear_only_once_ten_municipalities_downloaded_their_note(page, live_server, artifacts):
    downloaded_notes(live_server, MIN_PEERS - 1)
    start_note(page)
    fill_organisation(page)
    open_section(page, "5.1")
    assert page.locator(".pick__peers").count() == 0
    assert axe_violations(page) == []
    downloaded_notes(live_server, 1)
    page.reload()
    lines = page.locator(".pick__peers")
    assert lines.count() == 7
    assert lines.first.inner_text().startswith(f"Gekozen in {MIN_PEERS} van de {MIN_PEERS} nota’s van gemeenten")
    assert axe_violations(page) == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, artifacts, "29-gekozen-door-gemeenten")
