"""Characters a user never means to type do not reach pages, documents or file names (issue 24, item 9).

The attacker typed the two private-use characters the wizard uses to mark tailored words
(U+E000, U+E001), which became <mark> tags on the review pages, and a right-to-left override
(U+202E), which turned the download's name around. Both are removed when text comes in.
"""

from __future__ import annotations

import io

import docx
import pytest

from builder.model.text import clean, clean_line

UNSEEN = [
    ("mark start and end", "Een \ue000gemarkeerd\ue001 woord", "Een gemarkeerd woord"),
    ("right-to-left override", "Gemeente Zele\u202excod.exe", "Gemeente Zelexcod.exe"),
    ("embeddings and isolates", "a\u202ab\u202bc\u202cd\u2066e\u2067f\u2068g\u2069", "abcdefg"),
    ("private use, far planes", "a\U000f0001b\U0010fffdc", "abc"),
    ("marks for direction stay", "\u200fשלום\u200e", "\u200fשלום\u200e"),
]


@pytest.mark.parametrize(("kind", "typed", "stored"), UNSEEN, ids=[c[0] for c in UNSEEN])
def test_unseen_characters_are_removed_from_typed_text(kind, typed, stored):
    assert clean(typed) == stored, kind
    assert clean_line(typed) == stored, kind


def test_a_typed_mark_never_becomes_a_highlight_on_the_review_page(browser):
    browser.start()
    browser.organisation(name="Gemeente \ue000Zele\ue001")
    browser.submit("/nota/onderdeel/5.1", {"own_text_new": "Wij \ue000markeren\ue001 niets.", "action": "done"})
    browser.get("/nota/nalezen")
    assert "Wij markeren niets." in browser.text()
    assert "<mark>markeren" not in browser.page and "\ue000" not in browser.page


def test_a_right_to_left_override_reaches_neither_the_document_nor_its_name(browser):
    browser.start()
    browser.organisation(name="Gemeente Zele\u202excod.exe")
    browser.submit("/nota/onderdeel/5.1", {"own_text_new": "Eigen \u202eafspraak", "action": "done"})
    browser.get("/nota/downloaden")
    assert "\u202e" not in browser.page
    response = browser.post("/nota/downloaden", {}, status=200)
    assert "%E2%80%AE" not in response.headers["Content-Disposition"]
    texts = [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    assert "Eigen afspraak" in texts
    assert not any("\u202e" in text for text in texts)
