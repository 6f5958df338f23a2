"""With JavaScript the section and review pages say at once what a click did (issue 26, item 7)."""

from __future__ import annotations

from helpers import include, open_section, start_note
from playwright.sync_api import expect


def test_the_counter_follows_the_ticks(page):
    start_note(page)
    open_section(page, "5.3")
    counter = page.locator("#gekozen")
    assert counter.inner_text() == "Je koos hier 0 afspraken."
    include(page, 18)
    assert counter.inner_text() == "Je koos hier 1 afspraak."
    include(page, 19)
    assert counter.inner_text() == "Je koos hier 2 afspraken."
    page.get_by_role("button", name="Geen enkele").click()
    expect(counter).to_have_text("Je koos hier 0 afspraken.")  # the page's CSP forbids evaluated checks
    page.get_by_role("button", name="Neem alle afspraken over").click()
    total = page.locator("input[name^='include_']").count()
    expect(counter).to_have_text(f"Je koos hier {total} afspraken.")


def test_back_to_the_catalogue_text_stays_ticked_until_the_text_is_changed_again(page):
    start_note(page)
    open_section(page, "5.3")
    agreement = page.locator("article.pick").first
    agreement.get_by_text("Herschrijf deze afspraak").click()
    box = agreement.get_by_role("textbox")
    original = box.input_value()
    box.fill("Onze eigen woorden.")
    back = agreement.get_by_label("Terug naar de tekst uit de catalogus")
    back.check()
    assert back.is_checked() and box.input_value() == original
    box.fill("Toch weer anders.")
    assert not back.is_checked()


def test_filling_in_the_approval_ticks_the_approval_block(page):
    start_note(page)
    page.goto(page.base + "/nota/nalezen")
    block = page.get_by_label("Goedkeuringsblok", exact=False)
    assert not block.is_checked()
    page.get_by_label("Referentie van de beslissing").fill("CBS 2026/7")
    assert block.is_checked()


def test_the_saved_line_never_covers_the_text_being_typed_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 700})
    start_note(page)
    open_section(page, "5.3")
    agreement = page.locator("article.pick").first
    agreement.get_by_text("Herschrijf deze afspraak").click()
    box = agreement.get_by_role("textbox")
    box.click()
    page.keyboard.type(" en meer", delay=10)
    page.get_by_role("status").filter(has_text="Bewaard om").wait_for()
    box.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().bottom - window.innerHeight + 2)")
    page.keyboard.type(" woorden", delay=10)
    bottom = box.evaluate("b => b.getBoundingClientRect().bottom")
    line = page.locator("#bewaarstatus").evaluate("s => s.getBoundingClientRect().top")
    assert bottom <= line, (bottom, line)
