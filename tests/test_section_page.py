"""A section page draws each agreement's inputs exactly as forms.html draws any input."""

from __future__ import annotations

import re

import pytest
from support import Browser

from builder.web.section_page import AgreementInputs


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def macro(app, call: str, **values) -> str:
    with app.test_request_context("/"):
        template = app.jinja_env.from_string('{% import "forms.html" as forms %}' + call)
        return squeeze(template.render(**values))


def block(page: str, start: str, end: str) -> str:
    found = re.search(re.escape(start) + r".*?" + re.escape(end), squeeze(page))
    assert found, f"{start!r} not on the page"
    return found.group(0)


@pytest.fixture
def section_5_1(client):
    user = Browser(client)
    user.start()
    user.get("/nota/onderdeel/5.1")
    return user


def test_the_include_box_is_the_checkbox_forms_html_draws(app, section_5_1):
    inputs = AgreementInputs.numbered(0)
    expected = macro(app, "{{ forms.tick(i.include, i.include, 'Afspraak 1 opnemen in mijn nota') }}", i=inputs)
    assert block(section_5_1.page, '<div class="checkbox"><input class="checkbox__input" id="include_0"', "</div>") == (
        expected
    )


def test_the_rewording_box_is_the_textarea_forms_html_draws(app, section_5_1):
    page = section_5_1.page
    text = re.search(r'<textarea[^>]*id="text_0"[^>]*>\n(.*?)</textarea>', page, re.S).group(1)
    expected = macro(
        app,
        "{{ forms.control('textarea', 'text_0', 'text_0', 'Jouw formulering van afspraak 1', text, "
        "classes='input--wide', rows=6) }}",
        text=text,
    )
    assert block(page, '<div class="field"><label class="field__label" for="text_0">', "</textarea></div>") == (
        expected
    )


def test_a_too_long_service_name_is_marked_as_forms_html_marks_errors(app, client):
    user = Browser(client)
    user.start()
    user.submit("/nota/onderdeel/5.2", {"include_5": "y", "fill_5": "x" * 301, "action": "save"}, status=400)
    message = "Deze tekst is 301 tekens lang; het maximum is 300. Maak hem korter."
    expected = macro(
        app,
        "{{ forms.control('text', 'fill_5', 'fill_5', label, 'x' * 301, [message], hint) }}",
        hint="Bijvoorbeeld: de dienst Burgerzaken. Enkel nodig als je kiest voor: Variant.",
        label="Welke dienst? (vult “(specifieer)” in bij afspraak 13)",
        message=message,
    )
    assert block(user.page, '<div class="field field--error"><label class="field__label" for="fill_5">', "</div>") == (
        expected
    )
