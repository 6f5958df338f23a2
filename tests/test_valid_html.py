"""Every page is valid HTML, by the W3C Nu HTML checker (vnu.jar, which `make test` installs), in every state.

Pages are fetched with the test client in their empty, filled and error states, written to a
folder, and checked in one run of the checker.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import Browser, downloaded, edited_in_word, publish_2024_1, upload
from word_templates import dutch_template, png

from builder import PROJECT_ROOT

pytestmark = pytest.mark.slow  # needs Java for the W3C Nu checker: `make test` runs it, `make check` does not

VNU = Path(os.environ.get("VNU_JAR", PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))


def checker() -> list[str]:
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(f"the Nu HTML checker is not at {VNU} (or Java is missing): run `make test`, which installs both")
    return ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]


def wizard_pages(user: Browser) -> dict[str, str]:
    """Every wizard page a user meets, in the states that change its markup."""
    pages = {}

    def keep(name: str, url: str, data: dict | None = None, status: int = 200) -> None:
        if data is None:
            user.get(url, status)
        else:
            user.submit(url, data, status)
        pages[name] = user.page

    keep("start", "/")
    user.post("/hervat", {"link": "https://example.org/hervat/fout"}, 400)
    pages["start-error"] = user.page
    user.start()
    pages["bewaarlink"] = user.page
    keep("organisation-empty", "/nota/organisatie")
    keep("organisation-error", "/nota/organisatie", {"name": ""}, 400)
    user.organisation()
    keep("organisation-filled", "/nota/organisatie")
    keep("introduction", "/nota/inleiding")
    keep("overview-empty", "/nota/overzicht")
    keep("section-empty", "/nota/onderdeel/5.2")
    fields = {"include_0": "y", "text_1": "Eigen tekst.", "variant_5": "Variant", "fill_5": "de dienst Onthaal"}
    user.submit("/nota/onderdeel/5.2", {**fields, "own_text_new": "Onze regel.", "action": "save"})
    keep("section-filled", "/nota/onderdeel/5.2")
    user.fill("/nota/onderdeel/5.2", {"fill_5": "x" * 301, "action": "save"}, 400)  # the rest of the page is saved
    pages["section-error"] = user.page
    keep("section-intro", "/nota/onderdeel/5.9")
    keep("suggestion", "/nota/onderdeel/5.2/suggestie")
    keep("suggestion-error", "/nota/onderdeel/5.2/suggestie", {"text": ""}, 400)
    keep("own-sections", "/nota/eigen-onderdelen")
    keep("own-sections-error", "/nota/eigen-onderdelen", {"new_title": "", "action": "add"}, 400)
    user.submit("/nota/eigen-onderdelen", {"new_title": "Nieuwsbrief", "action": "add"})
    keep("own-section", "/nota/eigen-onderdelen/eigen-1")
    keep("overview-filled", "/nota/overzicht")
    keep("review", "/nota/nalezen")
    keep("review-error", "/nota/nalezen", {"approved_on": "31/02/2026"}, 400)
    keep("reviewing-empty", "/nota/beoordeling")
    keep("reviewing-error", "/nota/beoordeling", {"label": "", "expires_on": "31/02/2026"}, 400)
    link = user.review_link("managementteam")
    pages["reviewing-new-link"] = user.page
    reviewer = Browser(user.client.application.test_client())
    keep_for(reviewer, pages, "reviewer-empty", link)
    reviewer.post(link, {"agreement": "", "author": "Jan", "text": "Over het geheel."})
    reviewer.post(link, {"agreement": "begeleiding-van-diensten", "author": "Jan", "verdict": "akkoord", "text": ""})
    keep_for(reviewer, pages, "reviewer-with-comments", link)
    reviewer.post(link, {"agreement": "begeleiding-van-diensten", "author": "", "text": "x" * 2001}, 400)
    pages["reviewer-error"] = reviewer.page
    keep("reviewing-comments", "/nota/beoordeling")
    user.post(answer_url(user.page), {"text": "", "action": "reply"}, 400)
    pages["reviewing-reply-error"] = user.page
    user.post(answer_url(user.page), {"text": "Dank je.", "action": "resolve"})
    keep("reviewing-resolved", "/nota/beoordeling")
    keep("section-with-comments", "/nota/onderdeel/5.2")
    keep("overview-with-comments", "/nota/overzicht")
    keep("review-with-comments", "/nota/nalezen")
    user.submit("/nota/nalezen", {"approved_on": "20/12/2026", "decision": "CBS 1"})
    keep("reviewing-approved", "/nota/beoordeling")
    keep("download", "/nota/downloaden")
    keep("house-style", "/nota/huisstijl")
    user.post_files("/nota/huisstijl/logo", {"alt": "", "logo_file": (io.BytesIO(png()), "logo.png")}, 400)
    pages["house-style-error"] = user.page
    template = dutch_template(headings=False)
    user.post_files("/nota/huisstijl/sjabloon", {"template_file": (io.BytesIO(template), "huisstijl.dotx")})
    user.post_files("/nota/huisstijl/logo", {"alt": "Logo", "logo_file": (io.BytesIO(png()), "logo.png")})
    keep("house-style-in-use", "/nota/huisstijl")
    user.get("/nota/beoordeling")
    user.post(revoke_url(user.page), {})
    keep_for(reviewer, pages, "reviewer-closed", link, 410)
    user.organisation("Provincie Vlaams-Brabant", type="provincie")  # tailored words: <mark> on the pages
    keep("section-tailored", "/nota/onderdeel/5.4")
    user.submit("/nota/onderdeel/5.4", {"include_1": "y", "untailored_1": "y", "action": "save"})
    keep("section-tailored-off", "/nota/onderdeel/5.4")
    keep("introduction-tailored", "/nota/inleiding")
    keep("review-tailored", "/nota/nalezen")
    keep("delete", "/nota/verwijderen")
    keep("not-found", "/bestaat-niet", status=404)
    return pages


def keep_for(user: Browser, pages: dict[str, str], name: str, url: str, status: int = 200) -> None:
    """Another browser's page (a reviewer's), kept under `name`."""
    user.get(url, status)
    pages[name] = user.page


def answer_url(page: str) -> str:
    return re.search(r'action="(/nota/beoordeling/opmerking/\d+)"', page).group(1)


def revoke_url(page: str) -> str:
    return re.search(r'action="(/nota/beoordeling/link/\d+/intrekken)"', page).group(1)


def curation_pages(app, user: Browser, other: Browser) -> dict[str, str]:
    """Every curation page a curator meets, in the states that change its markup.

    `user` is marthe, logged in with edition 2026 in preparation; `other` is pieter, for a conflict.
    """
    pages = {}
    edition = "/beheer/edities/2026"
    agreement = f"{edition}/afspraken/beelddatabank"

    def keep(name: str, url: str, data: dict | None = None, status: int = 200) -> None:
        if data is None:
            user.get(url, status)
        else:
            user.fill(url, data, status)
        pages[name] = user.page

    suggest = Browser(app.test_client())
    suggest.start()
    suggest.submit("/nota/onderdeel/5.1/suggestie", {"text": "Een afspraak over podcasts."})
    stranger = Browser(app.test_client())
    stranger.get("/beheer/login")
    pages["login"] = stranger.page
    stranger.post("/beheer/login", {"name": "marthe", "password": "fout"}, 400)
    pages["login-error"] = stranger.page
    keep("editions", "/beheer/")
    user.post("/beheer/edities/nieuw", {"edition_id": "2027", "title": "Nog een"}, 400)
    pages["editions-error"] = user.page
    keep("edition", edition)
    keep("edition-meta", f"{edition}/gegevens")
    keep("edition-meta-error", f"{edition}/gegevens", {"title": ""}, 400)
    keep("chapter", f"{edition}/hoofdstukken/hoofdrollen")
    keep("chapter-error", f"{edition}/hoofdstukken/hoofdrollen", {"title": ""}, 400)
    keep("new-chapter", f"{edition}/hoofdstukken/nieuw")
    keep("section", f"{edition}/onderdelen/diensten")
    keep("section-error", f"{edition}/onderdelen/diensten", {"title": "", "new_reference-url": "www"}, 400)
    keep("new-section", f"{edition}/onderdelen/nieuw")
    keep("agreement", agreement)
    keep("agreement-error", agreement, {"text": "", "action": "bewaren"}, 400)
    keep("new-agreement", f"{edition}/afspraken/nieuw?onderdeel=pers")
    keep("remove-agreement", f"{agreement}/verwijderen")
    keep("publish-nothing-changed", f"{edition}/publiceren")
    keep("publish-error", f"{edition}/publiceren", {"summary": ""}, 400)
    keep("migrations-nothing-missing", f"{edition}/overgang")
    user.fill(agreement, {"action": "verwijderen"})
    user.fill(f"{agreement}/verwijderen", {})
    user.fill(f"{edition}/afspraken/nieuw?onderdeel=diensten", {"title": "Beeldbank", "text": "Een beeldbank."})
    keep("migrations", f"{edition}/overgang")
    keep("migrations-error", f"{edition}/overgang", {"rows-0-kind": "split", "rows-0-into-0": ""}, 400)
    keep("tailoring", f"{edition}/maatwerk/provincie")
    wording = f"{edition}/maatwerk/provincie/goedkeuring-persberichten/1"
    keep("tailored-text", wording)
    keep("tailored-text-error", wording, {"text": "Anders.", "reason": ""}, 400)
    keep("publish", f"{edition}/publiceren")
    keep("history", f"{edition}/geschiedenis")
    keep("agreement-history", f"{edition}/afspraken/persplanning/geschiedenis")
    keep("search", f"{edition}/zoeken?q=pers")
    keep("search-nothing", f"{edition}/zoeken?q=zzzzqqq")
    keep("usage", "/beheer/gebruik")
    keep("suggestions", "/beheer/suggesties")
    keep("reject", "/beheer/suggesties/1/afwijzen")
    keep("reject-error", "/beheer/suggesties/1/afwijzen", {"reason": ""}, 400)
    page = f"{edition}/afspraken/persplanning"
    user.get(page)
    other.fill(page, {"text": "Pieters versie van de persplanning."})
    user.send({"text": "Marthes versie van de persplanning."}, status=409)
    pages["conflict"] = user.page
    pages.update(curation_pages_of_issue_27(user, other))
    return pages


def curation_pages_of_issue_27(user: Browser, other: Browser) -> dict[str, str]:
    """The pages and states added for issue 27: line conflicts, a removed agreement, undo, rename, delete…"""
    pages = {}
    edition = "/beheer/edities/2026"
    terms = f"{edition}/terminologie/provincie"
    user.get(terms)
    other.get(terms)
    lines = dict(other.form_values())["lines"]
    other.send({"lines": lines.replace("burgemeester → gouverneur", "burgemeester → de gouverneur")})
    mine = lines.replace("burgemeester → gouverneur", "burgemeester → de voorzitter") + "\nzonnepaneel → paneel"
    user.send({"lines": mine}, status=409)
    pages["conflict-lines"] = user.page
    user.send({"keuze:lines": "mijn"}, action=terms)
    user.get(terms)
    pages["terminology-unused"] = user.page
    removed = f"{edition}/afspraken/redactieraad"
    user.get(removed)
    other.fill(f"{removed}/verwijderen", {})
    user.send({"text": "Marthes redactieraad."}, status=409)
    pages["agreement-removed-meanwhile"] = user.page
    user.get(removed, status=410)
    pages["agreement-removed"] = user.page
    agreement = f"{edition}/afspraken/opmaak-persberichten"
    user.fill(agreement, {"text": "Tweede versie."})
    user.fill(agreement, {"text": "Derde versie."})
    user.get(f"{agreement}/geschiedenis")
    change = min(int(n) for n in re.findall(r"/geschiedenis/(\d+)/herstellen", user.page))  # the first edit
    user.send({"versie": "voor"}, status=409, action=f"{edition}/geschiedenis/{change}/herstellen")
    pages["restore-confirm"] = user.page
    user.fill(agreement, {"text": "Zie [[bestaat-niet]] en [een dienst (specifieer)."}, status=400)
    pages["agreement-reference-error"] = user.page
    user.get(f"{edition}/onderdelen/diensten")
    user.send({"reference": "", "action": "verwijzing"}, status=400)
    pages["section-reference-error"] = user.page
    user.get(agreement)
    other.fill(agreement, {"new_variant-text": "Pieters variant.", "action": "variant-toevoegen"})
    user.send({"new_variant-text": "Marthes variant.", "action": "variant-toevoegen"}, status=400)
    pages["variant-added-meanwhile"] = user.page
    user.get(f"{edition}/naam")
    pages["edition-name"] = user.page
    user.send({"edition_id": "2027."}, status=400)
    pages["edition-name-error"] = user.page
    user.get(f"{edition}/verwijderen")
    pages["edition-delete"] = user.page
    return pages


def validate(tmp_path: Path, pages: dict[str, str]) -> list[str]:
    """The checker's errors for these pages, as "page:line: message"."""
    command = checker()
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{Path(m['url']).stem}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_every_wizard_page_is_valid_html_in_every_state(tmp_path, client):
    pages = wizard_pages(Browser(client))
    assert len(pages) >= 20
    problems = validate(tmp_path, pages)
    assert problems == [], "\n".join(problems)


def test_every_curation_page_is_valid_html_in_every_state(tmp_path, app, draft, pieter):
    pages = curation_pages(app, draft, pieter)
    assert len(pages) >= 40
    problems = validate(tmp_path, pages)
    assert problems == [], "\n".join(problems)


def continuity_pages(user: Browser, app, db_path) -> dict[str, str]:
    """The pages of a note brought back from Word and moved to a new edition, in their states."""
    pages = {}
    word_file = edited_in_word(downloaded(user))
    user.submit(
        "/nota/onderdeel/5.8", {"include_3": "y", "variant_3": "Variant 2", "text_3": "Eigen.", "action": "done"}
    )
    publish_2024_1(db_path)
    newcomer = Browser(app.test_client())
    upload(newcomer, b"geen nota", "nota.docx", status=400)
    pages["start-upload-error"] = newcomer.page
    upload(newcomer, word_file)
    newcomer.get("/nota/bewaarlink")
    pages["bewaarlink-uploaded"] = newcomer.page
    newcomer.get("/nota/wijzigingen-uit-word")
    pages["word-changes"] = newcomer.page
    newcomer.post("/nota/wijzigingen-uit-word", {}, status=400)
    pages["word-changes-error"] = newcomer.page
    user.get("/nota/overzicht")
    pages["overview-new-edition"] = user.page
    user.get("/nota/nieuwe-editie")
    pages["new-edition"] = user.page
    user.post("/nota/nieuwe-editie", {}, status=400)
    pages["new-edition-error"] = user.page
    user.post("/nota/nieuwe-editie", {"keuze-goedkeuring-persberichten": "own"})
    user.get("/nota/overzicht")
    pages["overview-kept-version"] = user.page
    return pages


def test_the_continuity_pages_are_valid_html(tmp_path, client, app, db_path):
    pages = continuity_pages(Browser(client), app, db_path)
    problems = validate(tmp_path, pages)
    assert problems == [], "\n".join(problems)


def test_the_upgrade_page_with_moves_variants_and_news_is_valid_html(tmp_path, browser, draft):
    from test_upgrade_explained import NEW_ID, moved_in_2026

    user = moved_in_2026.__wrapped__(browser, draft)
    pages = {}
    user.get("/nota/nieuwe-editie")
    pages["new-edition-moves"] = user.page
    user.send({"nieuw": NEW_ID, f"formulering-{NEW_ID}": "Variant 1", "version": "0"}, status=409)
    pages["new-edition-moves-error"] = user.page
    problems = validate(tmp_path, pages)
    assert problems == [], "\n".join(problems)
