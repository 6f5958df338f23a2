"""The PDF converter cannot be made to fetch an address or read a file, even by a file the checks let through.

The attacker of security round 3 (issue 24, item 1) uploaded a template whose header picture was
`<a:blip r:link>` on a hyperlink relationship to a listener on loopback, and another to a file of
the app; "Download als PDF" made LibreOffice fetch both. The upload checks refuse such files now
(tests/hostile_files.py); these tests give the converter the hostile file directly, as if a check
had missed it, and prove that the converter's sandbox holds on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import logging
import shutil
import threading

import pytest
from hostile_files import field, linked_picture, rezipped
from test_pdf import needs_libreoffice

from builder import PROJECT_ROOT
from builder.formats.pdf import Converter, FairTurns, conversion_seconds, sandbox_command
from builder.formats.word import render_note, to_bytes
from builder.model.building import new_choices
from builder.model.choices import Organisation, from_data
from builder.model.limits import OWN_PER_NOTE, OWN_PER_SECTION

FAVICON = PROJECT_ROOT / "builder" / "static" / "favicon.png"


@pytest.fixture
def listener():
    """A web server on loopback that writes down every request it gets."""
    heard: list[str] = []

    class Ear(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            heard.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(FAVICON.read_bytes())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ear)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], heard
    server.shutdown()
    server.server_close()


def hostile_note(catalogue, *changes) -> bytes:
    """A small note, with each change of the attacker applied to its package."""
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 12, 7)), organisation=Organisation(name="Gemeente Zottegem")
    )
    data = to_bytes(render_note(choices, catalogue, page_tokens=True))
    for change in changes:
        data = rezipped(data, change)
    return data


@needs_libreoffice
def test_a_picture_linked_to_a_listener_is_never_fetched(catalogue, listener):
    port, heard = listener
    address = f"http://127.0.0.1:{port}/e2e.png?from=pdf-converter"
    docx = hostile_note(
        catalogue,
        linked_picture("hyperlink", address),
        field(f'INCLUDEPICTURE "http://127.0.0.1:{port}/include.png"'),
    )
    converter = Converter()
    try:
        pdf, pages = converter.convert(docx)
        assert converter.sandbox in ("bubblewrap", "unshare")
    finally:
        converter.stop()
    assert pdf.startswith(b"%PDF") and pages >= 1
    assert heard == [], "the converter reached the network"


@needs_libreoffice
def test_a_picture_linked_to_a_file_of_the_app_is_not_in_the_pdf(catalogue):
    docx = hostile_note(catalogue, linked_picture("hyperlink", FAVICON.as_uri()))
    converter = Converter()
    try:
        pdf, _pages = converter.convert(docx)
    finally:
        converter.stop()
    if converter.sandbox == "unshare":
        pytest.skip("without bubblewrap the sandbox has no network, but sees the machine's files")
    assert b"/Subtype/Image" not in pdf.replace(b" ", b""), "a file outside the work folder was read"


@needs_libreoffice
def test_without_a_sandbox_there_is_no_pdf_and_the_log_says_why(monkeypatch, tmp_path, caplog):
    (tmp_path / "soffice").symlink_to(shutil.which("soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))  # LibreOffice is there, but neither bwrap nor unshare
    assert sandbox_command(str(tmp_path)) is None
    with caplog.at_level(logging.ERROR, logger="bouwpakket.pdf"):
        converter = Converter()
    assert not converter.available
    assert "No sandbox for the PDF converter" in caplog.text


def test_a_sandbox_is_found_where_namespaces_work(tmp_path):
    found = sandbox_command(str(tmp_path))
    assert found is not None, "neither bubblewrap nor unshare -n works here: the PDF would be off"
    kind, prefix = found
    assert kind in ("bubblewrap", "unshare")
    assert "--unshare-all" in prefix or prefix[:2] in (["unshare", "-n"], ["unshare", "-rn"])


def test_turns_at_the_converter_go_round_the_clients():
    turns = FairTurns()
    served: list[str] = []
    assert turns.acquire("eerste", 1)  # a conversion running now
    waiting = []
    for client in ("aanvaller", "aanvaller", "slachtoffer"):

        def wait(who=client):
            if turns.acquire(who, 10):
                served.append(who)
                turns.release()

        thread = threading.Thread(target=wait)
        thread.start()
        waiting.append(thread)
        threading.Event().wait(0.05)
    assert not turns.acquire("aanvaller", 0.01), "a third request of one client is refused at once"
    turns.release()
    for thread in waiting:
        thread.join(5)
    assert served == ["aanvaller", "slachtoffer", "aanvaller"], "the victim waits behind one of the attacker's"


def largest_note(full_choices, catalogue) -> bytes:
    """The largest note the limits allow: every agreement, and 300 own agreements of 20,000 characters."""
    data = full_choices.to_data()
    text = ("De communicatiedienst overlegt met elke dienst over de planning van de campagnes. " * 250)[:20_000]
    for n in range(OWN_PER_NOTE // OWN_PER_SECTION):
        own = [{"text": text.strip()} for _ in range(OWN_PER_SECTION)]
        data["sections"].append({"key": f"eigen-{n + 10}", "title": f"Eigen onderdeel {n}", "agreements": own})
    return to_bytes(render_note(from_data(data), catalogue, page_tokens=True))


def test_a_long_note_gets_more_time_to_convert(full_choices, catalogue):
    assert conversion_seconds(largest_note(full_choices, catalogue), 20) > 40
    assert conversion_seconds(to_bytes(render_note(full_choices, catalogue)), 20) < 21


@pytest.mark.slow  # a 40-second conversion: `make test` runs it, `make check` does not
@pytest.mark.solo  # its time limit is the converter's: no other test may share the cores
@needs_libreoffice
def test_the_largest_note_the_limits_allow_becomes_a_pdf_within_its_time(full_choices, catalogue):
    """Security round 3 (issue 24, item 8): this note timed out at 20.8 s every time."""
    converter = Converter(timeout=20)
    try:
        pdf, pages = converter.convert(largest_note(full_choices, catalogue))
    finally:
        converter.stop()
    assert pdf.startswith(b"%PDF") and pages > 1000
