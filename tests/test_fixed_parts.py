"""The parts of pages that read the same for everyone are drawn once per language (web/fixed.py).

What a user sees must not depend on whether a part came from the cache: a page drawn the first
time (each fixed part through the template) and drawn again (each from the cache, its slots
filled) are the same, for two users with different notes, in both languages. A template that
would keep something a request sends in a fixed part does not even compile.
"""

from __future__ import annotations

import re

import pytest
from jinja2 import TemplateSyntaxError
from support import Browser

from builder import caches

PAGES = ["/", "/nota/overzicht", "/nota/onderdeel/5.2", "/nota/nalezen", "/nota/inleiding"]


def note_with(client, name: str, ticks: int) -> Browser:
    """A user whose note is for `name`, with `ticks` agreements of section 5.2 chosen."""
    user = Browser(client)
    user.start()
    user.organisation(name=name)
    user.submit("/nota/onderdeel/5.2", {f"include_{i}": "y" for i in range(ticks)} | {"action": "save"})
    user.get("/nota/overzicht")  # shows "Bewaard." once: the pages compared below carry no message
    return user


def drawn(user: Browser, url: str) -> str:
    """The page without its one-time tokens (every form token, the start token), which change with every drawing.

    A form token is signed with the second it was made in: the footer's language form writes its
    attributes in another order, and left in, it failed the comparison whenever a second ticked by."""
    user.get(url)
    return re.sub(r'(name="(?:csrf_token|start)"[^>]*?value=")[^"]*', r"\1TOKEN", user.page)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_reads_the_same_from_the_cache_as_drawn_for_the_first_time(app, url):
    first, second = note_with(app.test_client(), "Gemeente Zottegem", 2), note_with(app.test_client(), "Stad Gent", 5)
    caches.clear_all()
    cold = drawn(first, url), drawn(second, url)
    warm = drawn(first, url), drawn(second, url)
    assert [page.splitlines() for page in warm] == [page.splitlines() for page in cold]


def resume_link(page: str) -> str:
    """The private link in the page's link box."""
    return page.split('id="bewaarlink" type="text" value="')[1].split('"')[0]


def test_each_user_sees_their_own_link_and_count_in_a_fixed_part(app):
    first, second = note_with(app.test_client(), "Gemeente Zottegem", 2), note_with(app.test_client(), "Stad Gent", 5)
    caches.clear_all()
    links = set()
    for user, count in ((first, 2), (second, 5)):
        user.get("/nota/onderdeel/5.2")
        assert f"Je koos hier {count} afspraken." in user.page
        user.get("/nota/overzicht")
        links.add(resume_link(user.page))
    assert len(links) == 2
    opened = app.test_client().get(links.pop().replace("http://localhost", ""), follow_redirects=True)
    assert "Je nota" in opened.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/nota/bewaarlink", "/nota/overzicht", "/nota/downloaden"])
def test_every_page_with_the_link_box_shows_the_notes_own_link(app, url):
    user = note_with(app.test_client(), "Gemeente Zottegem", 2)
    user.get(url)
    link = resume_link(user.page)
    assert link.startswith("http://localhost/hervat/") and len(link.rsplit("/", 1)[1]) == 43
    mail = re.search(r'href="(mailto:[^"]+)"', user.page).group(1)
    assert link.rsplit("/", 1)[1] in mail, "the mail link carries it too"
    user.get("/nota/onderdeel/5.2")
    assert "/hervat/" not in user.page, "a page without the box does not make the link"


def test_a_fixed_part_speaks_the_language_the_user_chose(app):
    user = note_with(app.test_client(), "Gemeente Zottegem", 2)
    user.get("/nota/overzicht")
    assert "Je nota nalezen" in user.page
    user.client.post("/taal", data={"lang": "en", "csrf_token": user.hidden("csrf_token"), "next": "/nota/overzicht"})
    user.get("/nota/overzicht")
    english = user.page
    assert "Je nota nalezen" not in english
    assert "Bouwpakket communicatieafspraken" not in english.split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize(
    "source, refused",
    [
        ("{% fixed %}<p>{{ request.path }}</p>{% endfixed %}", "put request in a slot"),
        ("{% fixed %}<p>{{ draft.title }}</p>{% endfixed %}", "put draft in a slot"),
        ("{% fixed %}<a href=\"{{ url_for('wizard.index') }}\">x</a>{% endfixed %}", "put url_for in a slot"),
        ("{% fixed %}{% for x in y %}{{ slot(x) }}{% endfor %}{% endfixed %}", "outside loops and macros"),
        ("{% fixed %}<p title=\"{{ slot(a) ~ 'b' }}\"></p>{% endfixed %}", "a slot is a whole"),
        ("{% fixed %}{% block b %}{% endblock %}{% endfixed %}", "cannot hold a {% block %}"),
        ("{% fixed %}{% set a = 1 %}{{ slot(a) }}{% endfixed %}", "a slot cannot use what the fixed part sets"),
    ],
)
def test_a_fixed_part_that_would_keep_what_a_request_sends_does_not_compile(app, source, refused):
    with pytest.raises(TemplateSyntaxError, match=refused.replace("{", r"\{").replace("}", r"\}")):
        app.jinja_env.from_string(source)


def test_a_fixed_part_is_kept_per_catalogue_data_only(app):
    template = app.jinja_env.from_string("{% fixed who %}<p>{{ _('Klaar') }}</p>{% endfixed %}")
    with app.test_request_context("/"), pytest.raises(TypeError, match="not per str"):
        template.render(who="Gemeente Zottegem")
