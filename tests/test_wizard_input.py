"""Bad input gets a Dutch message next to the field, and nothing typed is lost."""

from __future__ import annotations

import io
import re

import docx
import pytest
from support import Browser


def error_messages(page):
    return re.findall(
        r'class="field__error" id="([^"]+)-error"><span class="visually-hidden">Fout: </span>([^<]*)<', page
    )


def test_organisation_name_is_required(browser):
    browser.start()
    response = browser.submit("/nota/organisatie", {"name": "   ", "author_name": "An Peeters"}, status=400)
    page = response.get_data(as_text=True)
    assert ("name", "Vul de naam van je organisatie in.") in error_messages(page)
    assert "<title>Fout: Je organisatie" in page
    assert 'id="foutmeldingen"' in page and 'href="#name"' in page
    assert 'value="An Peeters"' in page, "what was typed stays"


def test_an_impossible_date_is_refused_with_an_example(browser):
    browser.start()
    response = browser.submit("/nota/organisatie", {"name": "Gemeente Ronse", "date": "31/02/2026"}, status=400)
    assert ("date", "Vul een geldige datum in, bijvoorbeeld 23/11/2026.") in error_messages(
        response.get_data(as_text=True)
    )


def test_too_long_texts_are_refused_and_kept(browser):
    browser.start()
    vision = "Onze visie. " * 2000
    response = browser.submit("/nota/inleiding", {"vision": vision}, status=400)
    page = response.get_data(as_text=True)
    ((field, message),) = error_messages(page)
    assert field == "vision"
    assert message == f"Deze tekst is {len(vision.strip())} tekens lang; het maximum is 20000. Maak hem korter."
    assert vision.strip() in page


def test_too_long_rewording_on_a_section_page(browser):
    browser.start()
    response = browser.submit("/nota/onderdeel/5.1", {"include_0": "y", "text_0": "x" * 20001}, status=400)
    page = response.get_data(as_text=True)
    assert ("text_0", "Deze tekst is 20001 tekens lang; het maximum is 20000. Maak hem korter.") in error_messages(page)
    assert "x" * 20001 in page
    assert re.search(r'<details class="reword" open>', page), "the field with the error is open"


def test_a_too_long_rewording_does_not_block_the_rest_of_the_page(browser, app):
    """Issue 26: a 20,169-character rewording kept the tick on another agreement from being saved."""
    from builder.db import connect, drafts

    browser.start()
    browser.get("/nota/onderdeel/5.1")
    long = "Onze eigen tekst. " * 1121  # 20,178 characters
    response = browser.send({"include_0": "y", "text_0": long, "include_2": "y", "action": "next"}, status=400)
    page = response.get_data(as_text=True)
    assert [k for k, _m in error_messages(page)] == ["text_0"], "the message stands at the box that is too long"
    assert long.strip() in page, "what was typed stays"
    assert "De rest van dit onderdeel is bewaard." in browser.text()
    db = connect(app.config["DATABASE"])
    (row,) = db.execute("SELECT id FROM drafts").fetchall()
    stored = drafts.get(db, row[0]).choices.part("5.1")
    db.close()
    assert [a.id for a in stored.agreements] == ["overleg-schepen-en-communicatieverantwoordelijke"]
    browser.send({"text_0": "Korter."}, status=302)  # the page shown again can be sent as it is, corrected


def test_a_background_save_with_a_too_long_text_saves_the_rest_and_says_what_waits(browser, app):
    browser.start()
    browser.get("/nota/onderdeel/5.1")
    fields = dict(browser.form_values())
    fields.update(include_0="y", text_0="x" * 20_001, include_2="y", background="1")
    response = browser.client.post("/nota/onderdeel/5.1", data=fields, headers={"X-Autosave": "1"})
    answer = response.get_json()
    assert response.status_code == 400 and answer["saved"] is False and answer["version"] == 2
    assert "De rest is bewaard, dit niet" in answer["status"] and answer["errors"][0][0] == "text_0"


def test_a_too_long_service_and_an_unknown_wording_are_refused_next_to_their_inputs(browser):
    """Agreement 13 has a variant that asks which service: both inputs are checked, the rest of the page is kept."""
    browser.start()
    service = "de dienst Burgerzaken " * 20
    response = browser.submit(
        "/nota/onderdeel/5.2",
        {
            "include_5": "y",
            "variant_5": "Variant 7",
            "fill_5": service,
            "include_1": "y",
            "text_1": "Onze eigen tekst.",
        },
        status=400,
    )
    page = response.get_data(as_text=True)
    assert ("fill_5", f"Deze tekst is {len(service.strip())} tekens lang; het maximum is 300. Maak hem korter.") in (
        error_messages(page)
    )
    assert 'href="#fill_5"' in page and 'href="#variant_5-0"' in page, "the summary links to each input"
    assert "Kies een van de formuleringen van afspraak 13." in page
    assert service.strip() in page and "Onze eigen tekst." in page, "what was typed stays"
    assert re.search(r'id="include_1"[^>]*checked', page)
    browser.get("/nota/overzicht")
    assert "Niet begonnen" in browser.page.split("5.2", 1)[1].split("</tr>", 1)[0], "nothing was saved"


def test_control_characters_are_removed_and_the_export_works(browser):
    browser.start()
    browser.organisation(name="Gemeente\x00 Zele\x0b")
    browser.submit(
        "/nota/onderdeel/5.1", {"include_0": "y", "text_0": "Tekst met \x01belletje\x07 en \ufffe.", "action": "done"}
    )
    browser.get("/nota/downloaden")
    response = browser.post("/nota/downloaden", {}, status=200)
    texts = [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    assert "Tekst met belletje en ." in texts
    assert "Communicatieafspraken Gemeente\u00a0Zele" in texts, "the name kept on one line"


HOSTILE = "<script>alert(1)</script> <w:p> ]]> { DDEAUTO c:\\\\windows } javascript:alert(1)"


def test_text_that_looks_like_html_or_word_xml_stays_text(browser):
    browser.start()
    browser.organisation(name="Gemeente <b>Vet</b>")
    browser.submit("/nota/onderdeel/5.1", {"own_text_new": HOSTILE, "action": "done"})
    browser.submit("/nota/eigen-onderdelen", {"new_title": '<b onclick="x()">Eigen</b>', "action": "add"})
    browser.get("/nota/nalezen")
    assert "<script>alert(1)</script>" not in browser.page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.page
    assert '<span class="visually-hidden"> &lt;b onclick=&#34;x()&#34;&gt;Eigen&lt;/b&gt;</span>' in browser.page
    assert "<b onclick" not in browser.page, "an own section's title is text in its Wijzig link too"
    browser.get("/nota/downloaden")
    data = browser.post("/nota/downloaden", {}, status=200).data
    document = docx.Document(io.BytesIO(data))
    assert HOSTILE in [p.text for p in document.paragraphs]
    assert "Communicatieafspraken Gemeente\u00a0<b>Vet</b>" in [p.text for p in document.paragraphs]
    fields = [e.text.split()[0] for e in document.element.iter() if e.tag.endswith("instrText")]
    assert set(fields) <= {"TOC", "PAGEREF", "REF", "SEQ"}, "only our own fields; none from user text"
    assert "DDEAUTO" not in "".join(e.text or "" for e in document.element.iter() if e.tag.endswith("instrText"))


def test_missing_csrf_token_is_refused_and_the_input_comes_back(browser):
    browser.start()
    browser.get("/nota/organisatie")
    response = browser.client.post(
        "/nota/organisatie", data={"version": browser.hidden("version"), "name": "Gemeente Lede"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Je sessie was verlopen" in page
    assert 'value="Gemeente Lede"' in page
    browser.page = page
    assert browser.post("/nota/organisatie", {"name": "Gemeente Lede"}).status_code == 302


@pytest.mark.parametrize("path", ["/nota/onderdeel/9.9", "/nota/onderdeel/x", "/nota/eigen-onderdelen/eigen-99"])
def test_unknown_parts_of_a_note_are_a_dutch_404(browser, path):
    browser.start()
    response = browser.client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_a_too_long_new_own_agreement_keeps_its_text_and_place_and_never_reaches_another_page(app):
    """The empty box for a new own agreement is drawn once per section; a refused one is drawn as it was typed."""
    anna, bert = Browser(app.test_client()), Browser(app.test_client())
    anna.start()
    bert.start()
    bert.get("/nota/onderdeel/5.8")  # the empty box, as every user first sees it
    own = "Onze eigen regel. " * 1200
    anna.get("/nota/onderdeel/5.8")
    anna.send({"own_text_new": own, "own_after_new": "persplanning", "action": "add-own"}, status=400)
    assert [field for field, _message in error_messages(anna.page)] == ["own_text_new"]
    assert own.strip() in anna.page, "what was typed stays"
    assert re.search(r'<option value="persplanning" selected>', anna.page), "and where it was to go"
    for user in (anna, bert):
        user.get("/nota/onderdeel/5.8")
        box = user.page.split('id="own_text_new"')[1].split("</textarea>")[0]
        assert box.endswith(">\n") and "aria-invalid" not in box, "the box is empty again"
        assert re.search(r'<option value="" selected>Bovenaan dit onderdeel</option>', user.page)


def test_one_users_input_and_errors_never_reach_another_users_form(app):
    """Form fields are copied from a prototype per form class: data and errors stay with their own form."""
    anna, bert = Browser(app.test_client()), Browser(app.test_client())
    anna.start()
    bert.start()
    anna.submit("/nota/onderdeel/5.8", {"include_3": "y", "text_3": "x" * 20001, "action": "save"}, status=400)
    assert ("text_3", "Deze tekst is 20001 tekens lang; het maximum is 20000. Maak hem korter.") in error_messages(
        anna.page
    )
    bert.get("/nota/onderdeel/5.8")
    assert error_messages(bert.page) == []
    assert "x" * 100 not in bert.page and not re.search(r'id="include_3"[^>]*checked', bert.page)
    bert.submit("/nota/organisatie", {"name": ""}, status=400)
    anna.get("/nota/organisatie")
    assert error_messages(anna.page) == []
