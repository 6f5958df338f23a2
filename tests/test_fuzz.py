"""Hostile and random input: never a 500, Dutch messages, and the note still exports.

Hypothesis drives every form of the wizard with text from the whole of Unicode
(control characters, right-to-left marks, emoji, combining marks) in sizes up
to ten times the limit.
"""

from __future__ import annotations

import io
import sys

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import Browser, add_curator

from builder import create_app
from builder.model.text import clean

LIMIT = 20_000
SPECIAL = "\u200f\u202e\u0301\u0000\u0007\u000b\ufeff\U0001f600\u00e9e\u0301<w:p>]]>{ DDEAUTO }"
any_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(SPECIAL), max_size=30),
    st.builds(lambda piece, n: (piece * n)[: LIMIT * 10], st.text(min_size=1, max_size=8), st.integers(1, LIMIT * 10)),
)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, loaded_db_template):
    import shutil

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    shutil.copy(loaded_db_template, path)
    return create_app({"TESTING": True, "SECRET_KEY": "f" * 40, "DATABASE": str(path)})


@pytest.fixture(scope="module")
def user(fuzz_app):
    person = Browser(fuzz_app.test_client())
    person.start()
    person.submit("/nota/eigen-onderdelen", {"new_title": "Eigen", "new_after": "5.14", "action": "add"})
    return person


FORMS = {
    "/nota/organisatie": ("name", "title", "date", "note_version", "author_name", "author_function", "type"),
    "/nota/inleiding": ("vision", "chapters"),
    "/nota/onderdeel/5.2": ("text_5", "fill_5", "variant_5", "own_text_new", "own_after_new", "include_5"),
    "/nota/onderdeel/5.2/suggestie": ("text", "name", "email", "kind", "agreement"),
    "/nota/eigen-onderdelen": ("new_title", "new_after", "action"),
    "/nota/eigen-onderdelen/eigen-1": ("title", "after", "new_text", "action"),
    "/nota/nalezen": ("approved_by", "approved_on", "references", "decision", "signatory_1"),
    "/nota/beoordeling": ("label", "expires_on"),
}


def form_strategy(fields):
    return st.fixed_dictionaries({field: any_text for field in fields})


@pytest.mark.parametrize("url", sorted(FORMS))
def test_forms_answer_every_input_without_a_server_error(fuzz_app, user, url):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=form_strategy(FORMS[url]))
    def check(data):
        user.get(url)
        response = user.client.post(url, data={**user.hidden_fields(), **data})
        assert response.status_code in (200, 302, 303, 400, 409, 413), response.status_code
        if response.status_code == 400:
            page = response.get_data(as_text=True)
            assert 'lang="nl"' in page and ("Er is een probleem" in page or "Fout" in page)

    check()
    user.organisation()  # the download needs a name on the title page
    user.get("/nota/downloaden")
    response = user.post("/nota/downloaden", {}, status=200)
    assert docx.Document(io.BytesIO(response.data)).paragraphs


@pytest.mark.slow  # Hypothesis hashes passwords as the app does: seconds
def test_resume_and_login_forms_take_anything(fuzz_app):
    client = fuzz_app.test_client()

    @settings(max_examples=30, deadline=None)
    @given(link=any_text, name=any_text, password=st.text(max_size=200))
    def check(link, name, password):
        visitor = Browser(client)
        visitor.get("/")
        assert client.post("/hervat", data={**visitor.hidden_fields(), "link": link}).status_code in (302, 400, 413)
        visitor.get("/beheer/login")
        response = client.post("/beheer/login", data={**visitor.hidden_fields(), "name": name, "password": password})
        assert response.status_code in (400, 413, 429)

    check()


def test_every_code_point_survives_the_sanitizer_and_python_docx():
    """All 1,114,112 code points, in chunks, cleaned and written into a Word document."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    written = 0
    for start in range(0, sys.maxunicode + 1, 8192):
        chunk = "".join(chr(c) for c in range(start, min(start + 8192, sys.maxunicode + 1)))
        cleaned = clean(chunk)
        paragraph.add_run(cleaned)
        written += len(chunk)
    buffer = io.BytesIO()
    document.save(buffer)
    assert written == sys.maxunicode + 1 == 1_114_112
    assert docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[0].text


CURATION_FORMS = {
    "/beheer/edities/2026/gegevens": ("title", "subtitle", "publisher", "introduction"),
    "/beheer/edities/2026/hoofdstukken/hoofdrollen": ("title", "body", "references"),
    "/beheer/edities/2026/hoofdstukken/nieuw": ("title", "body", "references"),
    "/beheer/edities/2026/onderdelen/diensten": (
        "title",
        "intro",
        "references-0-title",
        "references-0-url",
        "new_reference-title",
        "new_reference-url",
    ),
    "/beheer/edities/2026/onderdelen/nieuw": ("title", "intro"),
    "/beheer/edities/2026/afspraken/beelddatabank": (
        "text",
        "notes",
        "subheading",
        "action",
        "variants-0-label",
        "new_variant-label",
        "new_variant-text",
        "place",
    ),
    "/beheer/edities/2026/afspraken/nieuw": ("title", "text", "place"),
    "/beheer/edities/2026/publiceren": ("summary",),
}


@pytest.fixture(scope="module")
def staff(tmp_path_factory, loaded_db_template):
    """A curator with an edition in preparation, on a database of its own (the login fuzz trips the rate limit)."""
    import shutil

    from support import CURATOR_PASSWORD

    path = tmp_path_factory.mktemp("fuzz-staff") / "staff.sqlite3"
    shutil.copy(loaded_db_template, path)
    app = create_app({"TESTING": True, "SECRET_KEY": "s" * 40, "DATABASE": str(path)})
    add_curator(app, "fuzz")
    person = Browser(app.test_client())
    person.submit("/beheer/login", {"name": "fuzz", "password": CURATOR_PASSWORD})
    person.get("/beheer/")
    person.post("/beheer/edities/nieuw", {"edition_id": "2026", "title": "Fuzz"})
    return person


@pytest.mark.parametrize("url", sorted(CURATION_FORMS))
def test_curation_forms_answer_every_input_without_a_server_error(staff, url):
    page_url = url.rsplit("/", 1)[0] if url.endswith(("/verwijzingen", "/varianten")) else url

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=form_strategy(CURATION_FORMS[url]))
    def check(data):
        page = staff.client.get(page_url)
        if page.status_code == 409:  # a valid summary published the edition: it no longer takes edits
            return
        staff.page = page.get_data(as_text=True)
        response = staff.client.post(url, data={**staff.hidden_fields(), **data})
        assert response.status_code in (200, 302, 303, 400, 409, 413), response.status_code

    check()


def test_the_reviewers_comment_form_takes_anything(fuzz_app, user):
    link = user.review_link("fuzz")
    reviewer = Browser(fuzz_app.test_client())

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=form_strategy(("agreement", "author", "verdict", "text")))
    def check(data):
        reviewer.get(link)
        response = reviewer.client.post(link, data={"csrf_token": reviewer.hidden("csrf_token"), **data})
        assert response.status_code in (302, 400, 413, 429), response.status_code

    check()
    user.get("/nota/beoordeling")
    assert user.client.get("/nota/overzicht").status_code == 200
    user.organisation()
    user.get("/nota/downloaden")
    response = user.post("/nota/downloaden", {"comments": "y"}, status=200)
    assert docx.Document(io.BytesIO(response.data)).paragraphs
