"""Real people in a real browser: a newcomer, a returning user, a keyboard user."""

from __future__ import annotations

import re

from helpers import download, fill_organisation, include, open_section, section_done, start_note


def test_a_newcomer_builds_and_downloads_a_note(page):
    start_note(page)
    fill_organisation(page)
    page.get_by_label("Waarom maak je afspraken?").check()
    page.get_by_label("Jullie visie en communicatiedoelen").fill("Wij communiceren helder, tijdig en voor iedereen.")
    page.get_by_role("button", name="Bewaar en ga verder").click()

    open_section(page, "5.1")
    include(page, 1)
    include(page, 5)
    page.get_by_role("group", name="Formulering van afspraak 5").get_by_label("Variant").check()
    section_done(page)

    open_section(page, "5.2")
    include(page, 8)
    page.locator("#afspraak-begeleiding-van-diensten").get_by_text("Herschrijf deze afspraak").click()
    page.get_by_label("Jouw formulering van afspraak 8").fill(
        "De communicatiedienst van Zottegem begeleidt alle diensten."
    )
    page.get_by_label("Nieuwe eigen afspraak").fill("Elke dienst heeft een communicatiepeter of -meter.")
    page.get_by_label("Plaats van de nieuwe afspraak").select_option(label="Na afspraak 8")
    section_done(page)

    for number, agreement in (("5.3", 19), ("5.8", 43), ("5.14", 86)):
        open_section(page, number)
        include(page, agreement)
        section_done(page)

    page.get_by_role("link", name="Eigen onderdelen toevoegen of ordenen").click()
    page.get_by_label("Titel van het nieuwe onderdeel").fill("Nieuwsbrief")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    page.get_by_label("Nieuwe afspraak").fill("De digitale nieuwsbrief verschijnt elke maand.")
    page.get_by_role("button", name="Bewaar en terug").click()

    page.goto(page.base + "/nota/nalezen")
    assert page.get_by_text("De communicatieverantwoordelijke is enkel waarnemend lid").is_visible()
    page.get_by_role("button", name="Bewaar en ga naar downloaden").click()

    name, document = download(page)
    assert re.fullmatch(r"Gemeente Zottegem - afsprakennota \d{4}-\d{2}-\d{2}\.docx", name)
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[1].startswith("De communicatieverantwoordelijke is enkel waarnemend lid")
    assert "De communicatiedienst van Zottegem begeleidt alle diensten." in numbered
    assert numbered.index("Elke dienst heeft een communicatiepeter of -meter.") == 3
    assert numbered[-1] == "De digitale nieuwsbrief verschijnt elke maand."
    assert len(numbered) == 8
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["1. Inleiding", "2. Afspraken die helpen om beleid te vertalen naar communicatiebeleid"]
    titles = [h.split(". ", 1)[-1] for h in headings]
    assert "Nieuwsbrief" in titles and "Artificiële Intelligentie" in titles
    texts = [p.text for p in document.paragraphs]
    assert "Wij communiceren helder, tijdig en voor iedereen." in texts


def test_a_user_closes_the_browser_and_resumes_with_the_link(chromium, page, live_server):
    link = start_note(page)
    fill_organisation(page, name="Stad Halle")
    open_section(page, "5.7")
    include(page, 41)
    page.get_by_role("button", name="Bewaar en blijf hier").click()
    page.get_by_role("status").get_by_text("Bewaard.").wait_for()
    page.context.close()

    fresh = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        again = fresh.new_page()
        again.goto(link)
        assert again.url == live_server.url + "/nota/onderdeel/5.7", "the token is gone from the address bar"
        assert again.get_by_label("Afspraak 41 opnemen in mijn nota").is_checked()
        again.get_by_role("button", name="Overzicht van mijn nota").click()  # a button: it saves the page first
        assert again.get_by_text(re.compile(r"^1 van de \d+ afspraken gekozen")).first.is_visible()
        again.goto(again.url.replace("/nota/overzicht", "/nota/organisatie"))
        assert again.get_by_label("Naam van je organisatie").input_value() == "Stad Halle"
    finally:
        fresh.close()


FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


def tab_to(page, name: str, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element with this accessible text has focus; focus must show."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        label = page.evaluate(
            """() => { const el = document.activeElement; if (!el) return '';
                 const id = el.id && document.querySelector(`label[for="${el.id}"]`);
                 return ((id && id.innerText) || el.innerText || el.value || '').trim(); }"""
        )
        if label == name or label.startswith(name):
            assert page.evaluate(FOCUS_VISIBLE), f"focus on “{name}” is not visible"
            return
    raise AssertionError(f"could not reach “{name}” with {key}")


def test_the_whole_wizard_with_the_keyboard_only(page):
    page.goto(page.base + "/")
    tab_to(page, "Nieuwe afsprakennota")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Bewaar je link").wait_for()
    tab_to(page, "Verder naar je organisatie")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Je organisatie").wait_for()
    tab_to(page, "Naam van je organisatie")
    page.keyboard.type("Gemeente Toetsenbord")
    tab_to(page, "Gemeente")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # arrows move within the radio group: Stad
    assert page.get_by_label("Stad", exact=True).is_checked()
    tab_to(page, "Bewaar en ga verder")
    tab_to(page, "Jouw functie", backwards=True)
    page.keyboard.type("communicatieverantwoordelijke")
    tab_to(page, "Bewaar en ga verder")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Inleiding van je nota").wait_for()
    tab_to(page, "Waarom maak je afspraken?")
    page.keyboard.press("Space")
    tab_to(page, "Jullie visie en communicatiedoelen")
    page.keyboard.type("Helder en tijdig.")
    tab_to(page, "Bewaar en ga verder")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name=re.compile("Communicatieafspraken Gemeente Toetsenbord")).wait_for()
    tab_to(page, "5.3 Kwaliteitszorg")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("Kwaliteitszorg")).wait_for()
    tab_to(page, "Afspraak 18 opnemen in mijn nota")
    page.keyboard.press("Space")
    tab_to(page, "Herschrijf deze afspraak")
    page.keyboard.press("Enter")  # opens the disclosure
    tab_to(page, "Jouw formulering van afspraak 18")
    page.keyboard.press("Control+A")
    page.keyboard.type("Wij bewaken de decretale normen.")
    tab_to(page, "Bewaar en terug naar het overzicht")
    page.keyboard.press("Enter")

    page.get_by_text("Onderdeel 5.3 is klaar.").wait_for()
    tab_to(page, "Je nota nalezen")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Je nota nalezen").wait_for()
    assert page.get_by_text("Wij bewaken de decretale normen.").is_visible()
    tab_to(page, "Bewaar en ga naar downloaden")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Je nota downloaden").wait_for()
    tab_to(page, "Downloaden (.docx)")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.startswith("Gemeente Toetsenbord - afsprakennota ")


def test_the_wizard_works_without_javascript(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False, accept_downloads=True)
    try:
        page = context.new_page()
        page.base = live_server.url
        start_note(page)
        fill_organisation(page, name="Gemeente Zonder Script")
        open_section(page, "5.6")
        include(page, 38)
        section_done(page)
        name, document = download(page)
        assert name.startswith("Gemeente Zonder Script - afsprakennota ")
        assert any(
            p.text.startswith("De communicatiedienst wordt altijd op voorhand betrokken") for p in document.paragraphs
        )
    finally:
        context.close()


def test_choosing_a_variant_fills_the_rewording_box(page):
    start_note(page)
    open_section(page, "5.1")
    page.get_by_role("group", name="Formulering van afspraak 5").get_by_label("Variant").check()
    box = page.get_by_label("Jouw formulering van afspraak 5")
    assert box.input_value().startswith("De communicatieverantwoordelijke is enkel waarnemend lid")
