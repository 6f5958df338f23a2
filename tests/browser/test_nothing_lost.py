"""Nothing a user does on a wizard page is lost: not by leaving it, nor by an edit left unticked.

Each way off a section page is tried with and without JavaScript; with JavaScript the page
also saves in the background and says so in a live status line.
"""

from __future__ import annotations

import re

import pytest
from helpers import axe_violations, include, open_section, screenshot, start_note

WAYS_OFF = {
    "back link": lambda page: page.get_by_role("button", name="Terug naar het overzicht", exact=True).click(),
    "header link": lambda page: page.get_by_role("button", name="Overzicht van mijn nota").click(),
    "bewaarlink": lambda page: page.get_by_role("button", name="Bewaarlink").click(),
    "header logo": lambda page: page.get_by_role("button", name="Bouwpakket communicatieafspraken").click(),
    "language switch": lambda page: page.get_by_role("button", name="English").click(),
    "next section": lambda page: page.get_by_role("button", name="Bewaar en ga naar het volgende onderdeel").click(),
}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def user(request, chromium, live_server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    yield page
    context.close()


def chosen_on_overview(page, number: str) -> str:
    page.goto(page.base + "/nota/overzicht")
    row = page.locator("li.task", has=page.get_by_role("link", name=re.compile(rf"^{re.escape(number)} ")))
    return row.locator(".task__hint").inner_text()


@pytest.mark.parametrize("way", WAYS_OFF)
def test_every_way_off_a_section_page_keeps_what_was_ticked(user, way):
    start_note(user)
    open_section(user, "5.3")
    for agreement in range(18, 26):
        include(user, agreement)
    WAYS_OFF[way](user)
    user.wait_for_load_state()
    assert re.match(r"8 (van de|of) 8 (afspraken gekozen|agreements chosen)", chosen_on_overview(user, "5.3")), way


def test_without_javascript_the_page_says_the_back_button_saves_nothing(chromium, live_server):
    context = chromium.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.base = live_server.url
    start_note(page)
    open_section(page, "5.3")
    assert page.get_by_text("De terugknop van je browser bewaart niets").is_visible()
    context.close()


def test_with_javascript_the_back_button_hint_is_not_shown(page):
    start_note(page)
    open_section(page, "5.3")
    assert not page.get_by_text("De terugknop van je browser bewaart niets").is_visible()


def test_a_change_is_saved_in_the_background_and_the_status_says_so(page, artifacts):
    start_note(page)
    open_section(page, "5.3")
    include(page, 19)
    status = page.get_by_role("status").filter(has_text=re.compile(r"Bewaard om \d\d:\d\d"))
    status.wait_for()
    screenshot(page, artifacts, "20-achtergrond-bewaard")
    assert axe_violations(page) == []
    page.goto(page.base + "/nota/overzicht")  # an ordinary link away: the save was already made
    assert chosen_on_overview(page, "5.3").startswith("1 van de 8 afspraken gekozen")


def test_a_background_save_from_an_outdated_page_keeps_both_tabs_work(page, context):
    start_note(page)
    open_section(page, "5.3")
    other = context.new_page()
    other.goto(page.base + "/nota/onderdeel/5.3")
    other.get_by_label("Afspraak 20 opnemen in mijn nota").check()
    other.get_by_role("button", name="Bewaar en blijf hier").click()
    include(page, 19)
    page.get_by_role("status").filter(has_text="Bewaard om").wait_for()
    other.reload()
    assert other.get_by_label("Afspraak 19 opnemen in mijn nota").is_checked()
    assert other.get_by_label("Afspraak 20 opnemen in mijn nota").is_checked()


def test_the_same_agreement_reworded_in_two_tabs_says_so_instead_of_overwriting(page, context):
    start_note(page)
    open_section(page, "5.3")
    other = context.new_page()
    other.goto(page.base + "/nota/onderdeel/5.3")
    first = other.locator("article.pick").first
    first.get_by_text("Herschrijf deze afspraak").click()
    first.get_by_role("textbox").fill("Zo zegt het andere tabblad het.")
    other.get_by_role("button", name="Bewaar en blijf hier").click()
    mine = page.locator("article.pick").first
    mine.get_by_text("Herschrijf deze afspraak").click()
    mine.get_by_role("textbox").fill("Zo zeg ik het.")
    page.get_by_role("status").filter(has_text="ergens anders aangepast").wait_for()
    page.get_by_role("button", name="Bewaar en blijf hier").click()
    assert page.get_by_role("heading", name="Je nota werd intussen ook ergens anders bewaard").is_visible()
    assert page.get_by_role("heading", name="Afspraak 18").is_visible()


def test_choosing_a_variant_or_rewording_takes_the_agreement_in(user):
    start_note(user)
    open_section(user, "5.1")
    user.get_by_role("group", name="Formulering van afspraak 5").get_by_label("Variant").check()
    rewording = user.locator("article.pick").nth(5)
    rewording.get_by_text("Herschrijf deze afspraak").click()
    rewording.get_by_role("textbox").fill("Onze eigen woorden voor afspraak 6.")
    user.get_by_role("button", name="Bewaar en blijf hier").click()
    assert user.get_by_label("Afspraak 5 opnemen in mijn nota").is_checked()
    assert user.get_by_label("Afspraak 6 opnemen in mijn nota").is_checked()
    assert chosen_on_overview(user, "5.1").startswith("2 van de")


def test_welke_dienst_shows_only_for_the_wording_that_needs_it(page):
    start_note(page)
    open_section(page, "5.2")
    service = page.get_by_label(re.compile("Welke dienst"))
    assert not service.is_visible()
    page.get_by_role("group", name="Formulering van afspraak 13").get_by_label("Variant").check()
    assert service.is_visible()
    assert page.get_by_label("Afspraak 13 opnemen in mijn nota").is_checked()


def test_take_all_and_none_work_without_a_reload(page):
    start_note(page)
    open_section(page, "5.4")
    page.get_by_role("button", name="Neem alle afspraken over").click()
    boxes = page.locator("input[name^='include_']")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_role("status").filter(has_text=re.compile(r"Bewaard om")).wait_for()
    page.get_by_role("button", name="Geen enkele").click()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))


def test_own_agreements_stand_where_they_will_be_in_the_note(page):
    start_note(page)
    open_section(page, "5.1")
    page.get_by_label("Nieuwe eigen afspraak").fill("Onze eigen regel na afspraak 2.")
    page.get_by_label("Plaats van de nieuwe afspraak").select_option(label="Na afspraak 2")
    page.get_by_role("button", name="Eigen afspraak toevoegen").click()
    order = page.locator("article.pick h3, .own__item textarea").evaluate_all(
        "nodes => nodes.map(n => n.tagName === 'H3' ? n.textContent.trim() : 'eigen')"
    )
    assert order[:4] == ["Afspraak 1", "Afspraak 2", "eigen", "Afspraak 3"]


def test_the_next_section_opens_at_its_top_after_an_own_agreement_was_added(page):
    """A redirect without a #fragment keeps the one of the address it answers; the form's own address has none."""
    start_note(page)
    open_section(page, "5.2")
    page.get_by_label("Nieuwe eigen afspraak").fill("Onze eigen regel in 5.2.")
    page.get_by_role("button", name="Eigen afspraak toevoegen").click()
    open_section(page, "5.1")
    page.get_by_label("Nieuwe eigen afspraak").fill("Onze eigen regel in 5.1.")
    page.get_by_role("button", name="Eigen afspraak toevoegen").click()
    assert page.url.endswith("/nota/onderdeel/5.1#eigen-afspraak-1")
    page.get_by_role("button", name="Bewaar en ga naar het volgende onderdeel").click()
    page.wait_for_url("**/nota/onderdeel/5.2")
    assert "#" not in page.url, "5.2 opens at its top, not at its own agreement 1"


def test_the_review_prints_from_a_visible_button(page):
    start_note(page)
    page.goto(page.base + "/nota/nalezen")
    assert page.get_by_role("button", name="Afdrukken").is_visible()
