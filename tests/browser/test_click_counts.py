"""How many clicks a note takes: the fast path through 87 agreements (targets in docs/accessibility.md).

Every click, tick and focus of a text box counts as one; typing does not. The typical note is issue 26's:
about 40 agreements, 3 variants, 2 rewordings, 1 own agreement and 1 own section.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

WHOLE_CATALOGUE_TARGET = 20
TYPICAL_NOTE_TARGET = 70


class Clicks:
    """A user's hand on the mouse: each action on the page is one click."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()

    def type_into(self, locator, text: str) -> None:
        self.click(locator)
        locator.fill(text)


def organisation(page, hand: Clicks) -> None:
    hand.type_into(page.get_by_label("Naam van je organisatie"), "Gemeente Zottegem")
    hand.click(page.get_by_role("button", name="Bewaar en ga verder"))
    hand.click(page.get_by_role("button", name="Bewaar en ga verder"))  # the introduction, as it is


def start(page, hand: Clicks) -> None:
    page.goto(page.base + "/")
    hand.click(page.get_by_role("button", name="Nieuwe afsprakennota"))
    hand.click(page.get_by_role("link", name="Verder naar je organisatie"))


def finish(page, hand: Clicks):
    hand.click(page.get_by_role("button", name="Bewaar en ga naar downloaden"))
    with page.expect_download() as info:
        hand.click(page.get_by_role("button", name="Downloaden (.docx)"))
    return info.value


def test_the_whole_catalogue_as_it_is_takes_at_most_twenty_clicks(page):
    hand = Clicks(page)
    start(page, hand)
    organisation(page, hand)
    hand.click(page.get_by_role("button", name=re.compile("Neem de hele catalogus over")))
    hand.click(page.get_by_role("link", name="Je nota nalezen"))
    assert page.locator("li.agreement").count() == 87
    assert finish(page, hand).suggested_filename.endswith(".docx")
    assert hand.count <= WHOLE_CATALOGUE_TARGET, hand.count
    print(f"whole catalogue: {hand.count} clicks")


# About 40 of 87 agreements: how many to tick in each section (the first ones), in catalogue order;
# in three sections a variant is chosen (which takes it in), in two an agreement is reworded.
TICKS = [3, 3, 3, 2, 3, 2, 2, 3, 2, 2, 2, 3, 3, 2]
VARIANT_IN = {0, 1, 7}
REWORDED_IN = {2, 11}


def tick_section(page, hand: Clicks, position: int) -> None:
    boxes = page.locator("input[name^='include_']")
    for i in range(TICKS[position]):
        hand.click(boxes.nth(i))
    if position in VARIANT_IN:
        choice = page.locator("fieldset.fieldset--variants").last.locator("input[type=radio]").nth(1)
        hand.click(choice)
    if position in REWORDED_IN:
        pick = page.locator("article.pick").nth(TICKS[position])
        hand.click(pick.locator("summary"))  # opening the box puts the cursor in it
        expect(pick.locator("textarea")).to_be_focused()
        pick.locator("textarea").fill("Onze eigen formulering van deze afspraak.")
    if position == len(TICKS) - 1:
        hand.type_into(page.get_by_label("Nieuwe eigen afspraak"), "Elke dienst heeft een communicatiepeter.")
    hand.click(page.get_by_role("button", name=re.compile("^Bewaar en ga naar (het volgende onderdeel|eigen)")))


def test_a_typical_note_takes_at_most_seventy_clicks(page):
    hand = Clicks(page)
    start(page, hand)
    organisation(page, hand)
    hand.click(page.get_by_role("link", name=re.compile(r"^5\.1 ")))
    for position in range(len(TICKS)):
        page.wait_for_load_state()
        tick_section(page, hand, position)
    hand.type_into(page.get_by_label("Titel van het nieuwe onderdeel"), "Nieuwsbrief")
    hand.type_into(page.get_by_label(re.compile("Eerste afspraak van het onderdeel")), "De nieuwsbrief is maandelijks.")
    hand.click(page.get_by_role("button", name="Onderdeel toevoegen"))
    hand.click(page.get_by_role("button", name="Bewaar en ga naar nalezen"))
    assert finish(page, hand).suggested_filename.endswith(".docx")
    page.goto(page.base + "/nota/overzicht")
    total = int(re.search(r"Je nota telt (\d+) afspraken", page.inner_text("main")).group(1))
    assert 39 <= total <= 46, total
    assert "1 afspraak" in page.get_by_role("link", name="Nieuwsbrief").locator("..").inner_text()
    assert hand.count <= TYPICAL_NOTE_TARGET, hand.count
    print(f"typical note ({total} agreements): {hand.count} clicks")
