"""The changes from Word stay cheap to show, whatever the file holds (issue 24, item 5).

The attacker wrote one own agreement of 20,000 characters, downloaded the note, rewrote that
agreement throughout in Word (a 25 kB file) and uploaded it: each view of the changes page took
33 s. Text read from a file is now bounded like typed text, and the word diff is linear.
"""

from __future__ import annotations

import io
import random
import re
import time

import docx
import pytest
from support import agreement_paragraph, upload

from builder.model.text_diff import word_diff

WORDS = "de het communicatie dienst een van en afspraak gemeente plan college burgemeester".split()


def long_text(seed: int, length: int = 20_000) -> str:
    """A text of `length` characters of common words, different for every seed."""
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(length // 3))
    return text[:length].rsplit(" ", 1)[0]


def rewritten_in_word(data: bytes, number: int, text: str) -> bytes:
    """Agreement `number` of a downloaded note, its whole text replaced in Word."""
    document = docx.Document(io.BytesIO(data))
    paragraph = agreement_paragraph(document, number)
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repeated(pattern: str, length: int = 20_000) -> str:
    """The attacker's text: a few words repeated, the worst case for a word-by-word comparison."""
    return (pattern * (length // len(pattern) + 1))[:length].strip()


def note_with_a_long_own_agreement(browser) -> bytes:
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.1", {"own_text_new": repeated("ja nee "), "action": "done"})
    return browser.submit("/nota/downloaden", {}, status=200).data


@pytest.mark.solo  # a timing: no other test may share the cores
def test_a_long_agreement_rewritten_in_word_shows_its_changes_within_a_second(browser, app):
    from support import Browser

    edited = rewritten_in_word(note_with_a_long_own_agreement(browser), 1, repeated("nee ja dus "))
    newcomer = Browser(app.test_client())
    upload(newcomer, edited)
    started = time.monotonic()
    newcomer.get("/nota/wijzigingen-uit-word")
    assert time.monotonic() - started < 1
    assert "Afspraak 1" in newcomer.text()


def test_an_agreement_longer_than_typed_text_may_be_is_refused_next_to_the_field(browser, app, db_path):
    from support import Browser

    edited = rewritten_in_word(note_with_a_long_own_agreement(browser), 1, long_text(3, 25_000) + " " * 5 + "x" * 500)
    newcomer = Browser(app.test_client())
    upload(newcomer, edited, status=400)
    error = re.search(r'id="note_file-error">(.*?)</p>', newcomer.page, re.S)
    assert error and "Afspraak 1 in dit Word-bestand is langer dan 20000 tekens" in error.group(1)


def test_the_word_diff_of_two_long_texts_is_linear_and_complete():
    old, new = repeated("ja nee "), repeated("nee ja dus ")
    started = time.monotonic()
    pieces = word_diff(old, new)
    assert time.monotonic() - started < 0.1
    assert " ".join(t for op, t in pieces if op != "insert" and t) == " ".join(old.split())
    assert " ".join(t for op, t in pieces if op != "delete" and t) == " ".join(new.split())


def test_a_small_change_in_a_long_text_is_still_shown_word_by_word():
    old = long_text(6)
    words = old.split()
    words[len(words) // 2] = "Zottegem"
    pieces = word_diff(old, " ".join(words))
    assert ("insert", "Zottegem") in pieces
    assert sum(len(t) for op, t in pieces if op == "equal") > len(old) * 0.9
