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


ANSWERS = [
    {},
    {"include": True},
    {"include": True, "variant": "Variant", "fill": "de dienst <Onthaal> & co"},
    {"include": True, "text": 'Eigen "woorden" <b>vet</b>\n\n- een punt', "reset": True},
    {"include": True, "untailored": True},
]


@pytest.mark.parametrize("answer", ANSWERS, ids=range(len(ANSWERS)))
@pytest.mark.parametrize("note_number", [0, 3])
def test_an_agreement_filled_in_from_its_frame_is_what_the_macro_draws(app, catalogue, answer, note_number):
    """The fast path (frames.py) and the macro itself draw every state of an agreement the same."""
    import dataclasses

    from flask import get_template_attribute

    from builder.model.building import AgreementAnswer
    from builder.web.section_page.drawing import AgreementControl, _frame, _static
    from builder.web.section_page.frames import filled

    agreement = catalogue.agreement("klachtencoordinatie")  # a variant that asks "(specifieer)"
    section = catalogue.section_of(agreement.id)
    with app.test_request_context("/"):
        static = _static(agreement, tuple(section.references_for(agreement.id)), None, False)
        control = AgreementControl(
            agreement=agreement,
            inputs=AgreementInputs.numbered(4),
            answer=AgreementAnswer(**answer),
            errors={},
            static=static,
            reworded=bool(answer.get("text")),
            fillable=True,
            note_number=note_number,
        )
        control = dataclasses.replace(control, state=control.described())
        by_macro = str(get_template_attribute("wizard/_pick.html", "pick")(control))
        assert str(filled(_frame(control), control.state)) == by_macro
