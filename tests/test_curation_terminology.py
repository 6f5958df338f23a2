"""Curators keep the terminology tables in /beheer: per kind of organisation, for a draft edition."""

from __future__ import annotations

import re
from html import unescape

import pytest
from support import Browser, stored_terminology, textarea

PAGE = "/beheer/edities/2026/terminologie/provincie"


@pytest.fixture
def drafting(curator):
    """A curator with a draft edition 2026, copied from 2024 with its tables."""
    curator.get("/beheer/")
    curator.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Inspiratienota 2026"})
    return curator


def test_the_edition_page_lists_a_table_per_kind_and_the_page_shows_its_lines(drafting):
    drafting.get("/beheer/edities/2026")
    assert 'href="/beheer/edities/2026/terminologie/provincie">Provincie</a>: ' in drafting.page
    assert "/terminologie/gemeente" not in drafting.page
    drafting.get(PAGE)
    assert textarea(drafting, "lines").splitlines()[0] == "het college van burgemeester en schepenen → de deputatie"
    assert "gemeentelijke noodfase" in textarea(drafting, "keep")
    assert re.search(r"In editie 2026 verandert deze tabel \d+ keer woorden\.", drafting.page)


def test_a_curator_changes_a_table_and_the_history_says_so(app, drafting):
    drafting.get(PAGE)
    lines = textarea(drafting, "lines").replace(
        "burgemeester → gouverneur", "burgemeester → voorzitter van de deputatie"
    )
    drafting.post(PAGE, {"lines": lines, "keep": "gemeentelijke noodfase"})
    table = stored_terminology(app)
    assert [r.replace for r in table.replacements if r.find == "burgemeester"] == ["voorzitter van de deputatie"]
    assert table.keep == ("gemeentelijke noodfase",)
    drafting.get("/beheer/edities/2026/geschiedenis")
    assert "voorzitter van de deputatie" in drafting.page


def test_emptying_a_table_removes_it(app, drafting):
    drafting.submit(PAGE, {"lines": "", "keep": ""})
    assert stored_terminology(app) is None
    assert stored_terminology(app, "stad") is not None


@pytest.mark.parametrize(
    "lines, keep, message",
    [
        ("gemeente provincie", "", "Regel 1: schrijf “oud → nieuw”."),
        ("gemeente → provincie\n\ngemeente → provinciebestuur", "", "Regel 3: “gemeente” staat al in regel 1."),
        ("gemeente → gemeente", "", "Regel 1: “gemeente” blijft hetzelfde; zet het bij “Blijft staan”."),
        ("gemeente → provincie", "gemeente", "“gemeente” staat ook bij de vervangingen."),
        ("→ provincie", "", "Regel 1: schrijf “oud → nieuw”."),
        # security round 3 (issue 24, item 8): a table of 2,110 lines took 9 s per view
        ("\n".join(f"woord{n} → provincie{n}" for n in range(301)), "", "Een tabel heeft hoogstens 300 regels."),
        (
            "gemeente → " + ("provincie " * 1996).strip(),
            "",
            "Regel 1 is te lang: hoogstens 120 tekens aan elke kant van de pijl.",
        ),
        ("gemeente → provincie", ("lokaal " * 30).strip(), "is te lang: hoogstens 120 tekens."),
    ],
)
def test_a_line_that_cannot_apply_is_named_and_what_was_typed_stays(app, drafting, lines, keep, message):
    drafting.get(PAGE)
    drafting.post(PAGE, {"lines": lines, "keep": keep}, status=400)
    assert message in unescape(drafting.page)
    assert textarea(drafting, "lines") == lines and textarea(drafting, "keep") == keep
    assert stored_terminology(app).replacements[0].find == "het college van burgemeester en schepenen", "nothing stored"


def with_lines(user: Browser, *extra: str, change: tuple[str, str] | None = None) -> str:
    """The table's box as shown on the open page, with lines added at the end and one line rewritten."""
    lines = textarea(user, "lines")
    if change:
        lines = lines.replace(*change)
    return "\n".join((lines, *extra))


def test_two_curators_adding_lines_to_one_table_both_keep_theirs(app, draft, pieter):
    draft.get(PAGE)
    pieter.get(PAGE)
    pieter.send({"lines": with_lines(pieter, "de gemeentelijke website → de provinciale website")})
    rewritten = ("burgemeester → gouverneur", "burgemeester → voorzitter van de deputatie")
    draft.send({"lines": with_lines(draft, "het lokaal bestuur → het provinciebestuur", change=rewritten)})
    table = {r.find: r.replace for r in stored_terminology(app).replacements}
    assert table["de gemeentelijke website"] == "de provinciale website", "pieter's line stays"
    assert table["het lokaal bestuur"] == "het provinciebestuur"
    assert table["burgemeester"] == "voorzitter van de deputatie"
    assert set(list(table)[-2:]) == {"de gemeentelijke website", "het lokaal bestuur"}


def test_a_line_both_changed_is_shown_with_both_versions_and_nothing_else_is_lost(app, draft, pieter):
    draft.get(PAGE)
    pieter.get(PAGE)
    theirs = ("burgemeester → gouverneur", "burgemeester → de gouverneur")
    pieter.send({"lines": with_lines(pieter, "de gemeentelijke website → de provinciale website", change=theirs)})
    mine = ("burgemeester → gouverneur", "burgemeester → voorzitter van de deputatie")
    draft.send({"lines": with_lines(draft, "het lokaal bestuur → het provinciebestuur", change=mine)}, status=409)
    text = draft.text()
    assert "Jullie veranderden allebei 1 regel." in text
    assert "burgemeester → voorzitter van de deputatie" in text and "burgemeester → de gouverneur" in text
    assert "de gemeentelijke website" not in re.search(r"<table.*?</table>", draft.page, re.S).group(0)
    assert {r.find: r.replace for r in stored_terminology(app).replacements}["burgemeester"] == "de gouverneur", (
        "nothing yet"
    )
    draft.send({"keuze:lines": "mijn"}, action=PAGE)
    table = {r.find: r.replace for r in stored_terminology(app).replacements}
    assert table["burgemeester"] == "voorzitter van de deputatie"
    assert table["de gemeentelijke website"] == "de provinciale website", "pieter's other line was not deleted"
    assert table["het lokaal bestuur"] == "het provinciebestuur"


def test_keeping_the_colleagues_version_of_a_line_still_saves_my_other_lines(app, draft, pieter):
    draft.get(PAGE)
    pieter.get(PAGE)
    pieter.send({"lines": with_lines(pieter, change=("schepenen → gedeputeerden", "schepenen → leden"))})
    change = ("schepenen → gedeputeerden", "schepenen → gedeputeerde leden")
    draft.send({"lines": with_lines(draft, "het lokaal bestuur → het provinciebestuur", change=change)}, status=409)
    draft.send({"keuze:lines": "bewaard"}, action=PAGE)
    table = {r.find: r.replace for r in stored_terminology(app).replacements}
    assert table["schepenen"] == "leden" and table["het lokaal bestuur"] == "het provinciebestuur"


def test_a_published_edition_shows_its_tables_and_refuses_a_change(curator):
    curator.get("/beheer/edities/2024/terminologie/provincie")
    assert "Een gepubliceerde editie verandert niet meer." in curator.page and "<textarea" not in curator.page
    assert "het college van burgemeester en schepenen → de deputatie" in curator.page
    response = curator.client.post(
        "/beheer/edities/2024/terminologie/provincie",
        data={"csrf_token": curator.hidden("csrf_token"), "lines": "x → y", "keep": ""},
    )
    assert response.status_code == 409


@pytest.mark.parametrize("kind", ["gemeente", "bestaat-niet"])
def test_only_the_kinds_a_note_can_be_tailored_to_have_a_page(drafting, kind):
    drafting.get(f"/beheer/edities/2026/terminologie/{kind}", status=404)
