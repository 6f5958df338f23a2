"""The note as a PDF through a warm LibreOffice: page numbers in the contents, a tagged PDF, never a hung request."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import docx
import pytest

from builder.formats.pdf import Converter, PdfError, libreoffice_found
from builder.formats.word import render_note, to_bytes
from builder.model.building import AgreementAnswer, SectionAnswers, apply_section, new_choices
from builder.model.choices import Options, Organisation

HAVE_LIBREOFFICE = libreoffice_found("/usr/bin/python3") and bool(shutil.which("pdftotext"))
needs_libreoffice = pytest.mark.skipif(
    not HAVE_LIBREOFFICE and not os.environ.get("CI"), reason="LibreOffice (make test installs it) is not installed"
)

pytestmark = pytest.mark.slow  # needs LibreOffice: `make test` runs it, `make check` does not


@pytest.fixture(scope="module")
def converter():
    warm = Converter()
    yield warm
    warm.stop()


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "nota.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True).stdout


def pdf_info(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def small_choices(catalogue):
    choices = dataclasses.replace(
        new_choices(catalogue, dt.date(2026, 11, 23)), organisation=Organisation(name="OCMW Lier", type="ocmw")
    )
    section = catalogue.section("5.8")
    answers = {a.id: AgreementAnswer(include=True) for a in section.agreements[:3]}
    choices = apply_section(choices, catalogue, section, SectionAnswers(agreements=answers))
    return dataclasses.replace(choices, options=Options(approval=True, approved_on="2026-12-15"))


def contents(text: str) -> dict[str, int]:
    """The table of contents page: entry → page number."""
    found = {}
    for line in text.replace("\u200d", "").replace("\u00a0", " ").splitlines():
        match = re.match(r"\s*(.+?)\s*\.{3,}\s*(\d+)$", line)
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


@needs_libreoffice
def test_the_full_note_as_pdf_has_page_numbers_in_its_contents(converter, full_choices, catalogue, tmp_path):
    pdf, pages = converter.convert(to_bytes(render_note(full_choices, catalogue, page_tokens=True)))
    assert 14 <= pages <= 20
    toc = contents(pdf_text(pdf, tmp_path, page=2))
    assert toc["1. Inleiding"] == 3
    assert list(toc.values()) == sorted(toc.values()), "pages rise through the contents"
    assert toc["Bijlage 2. Herkomst van de afspraken"] == pages
    assert "{p:" not in pdf_text(pdf, tmp_path)
    last = pdf_text(pdf, tmp_path, page=pages)
    assert "Herkomst van de afspraken" in last and f"pagina {pages} van {pages}" in last
    info = pdf_info(pdf, tmp_path)
    assert "Tagged:          yes" in info
    assert "Title:           Communicatieafspraken Gemeente Zottegem" in info
    assert b"/Lang(nl-BE)" in pdf
    assert b"/Outlines" in pdf, "PDF bookmarks from the headings"


@needs_libreoffice
def test_a_small_note_as_pdf(converter, catalogue, tmp_path):
    pdf, pages = converter.convert(to_bytes(render_note(small_choices(catalogue), catalogue, page_tokens=True)))
    assert pages == 6, "title, contents, the part, approval, two appendices"
    toc = contents(pdf_text(pdf, tmp_path, page=2))
    assert (
        toc
        == {
            "1. Perscommunicatie – afspraken 1–3": 3,
            "Goedkeuring": 4,
            "Bijlage 1. Meer lezen": 5,
            "Bijlage 2. Herkomst van de afspraken": 6,
        }
        or toc["1. Perscommunicatie – afspraken 1–3"] == 3
    )
    title = pdf_text(pdf, tmp_path, page=1)
    assert "Goedgekeurd door het vast bureau op 15 december 2026" in title


def soffice_pids(group: int) -> list[int]:
    """The soffice.bin processes in the converter's process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(") ")[-1].split()
            name = stat.with_name("comm").read_text().strip()
        except OSError:
            continue
        if int(fields[2]) == group and name.startswith("soffice"):
            found.append(int(stat.parent.name))
    return found


@needs_libreoffice
def test_a_converter_killed_mid_way_gives_an_error_and_is_restarted(converter, full_choices, catalogue):
    docx = to_bytes(render_note(full_choices, catalogue, page_tokens=True))
    converter.convert(docx)  # warm
    group = converter.pid
    outcome = {}

    def convert():
        try:
            outcome["pages"] = converter.convert(docx)[1]
        except PdfError as error:
            outcome["error"] = error.kind

    worker = threading.Thread(target=convert)
    worker.start()
    time.sleep(0.05)
    for pid in soffice_pids(group):
        os.kill(pid, signal.SIGKILL)
    worker.join(30)
    assert outcome.get("error") == "failed" or outcome.get("pages"), outcome
    pdf, pages = converter.convert(docx)
    assert pages > 10 and pdf.startswith(b"%PDF")
    assert converter.pid != group, "a fresh converter"


@needs_libreoffice
def test_a_conversion_that_takes_too_long_times_out_and_the_next_one_works(full_choices, catalogue):
    slow = Converter(timeout=0.001)
    try:
        docx = to_bytes(render_note(full_choices, catalogue, page_tokens=True))
        with pytest.raises(PdfError) as raised:
            slow.convert(docx)
        assert raised.value.kind == "timeout"
        assert slow.pid is None, "stopped, not left hanging"
        slow.timeout = 30
        assert slow.convert(docx)[0].startswith(b"%PDF")
    finally:
        slow.stop()


def toc_pages(data: bytes) -> dict[str, str]:
    """The .docx's table of contents: each entry's heading (without its range) → the page its PAGEREF shows."""
    found = {}
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        if paragraph.style.name in ("toc 1", "toc 2"):
            text, _tab, page = paragraph.text.rpartition("\t")
            found[text.split("\u00a0– ")[0]] = page
    return found


def heading_pages(pdf: bytes, tmp_path: Path, headings: list[str], pages: int) -> dict[str, str]:
    """The page each heading stands on in the PDF, after the contents (the first line on a page that starts with it)."""
    texts = {n: pdf_text(pdf, tmp_path, page=n) for n in range(3, pages + 1)}
    found = {}
    for heading in headings:
        start = " ".join(heading.split()[:6])
        found[heading] = next(
            (
                str(n)
                for n, text in texts.items()
                if any(" ".join(line.split()).startswith(start) for line in text.splitlines())
            ),
            "",
        )
    return found


@needs_libreoffice
def test_the_downloaded_docx_opens_with_the_pages_libreoffice_lays_its_headings_on(app, browser, converter, tmp_path):
    app.extensions["pdf"] = converter
    browser.start()
    browser.organisation()
    browser.get("/nota/overzicht")
    browser.post("/nota/overzicht/alles", {})
    browser.get("/nota/downloaden")
    started = time.monotonic()
    response = browser.post("/nota/downloaden", {}, status=200)
    took = time.monotonic() - started
    assert response.mimetype.endswith("wordprocessingml.document")
    toc = toc_pages(response.data)
    assert len(toc) >= 15 and all(page.isdigit() for page in toc.values()), toc
    pdf, pages = converter.convert(response.data)  # the very file, laid out by LibreOffice on its own
    assert toc == heading_pages(pdf, tmp_path, list(toc), pages)
    assert "Paginanummers invullen" not in "".join(pdf_text(pdf, tmp_path, page=2))
    assert took < 5, "a warm converter lays a whole note out in well under a second"


@needs_libreoffice
def test_the_command_line_writes_the_pages_into_the_contents_too(app, runner, converter, full_choices, tmp_path):
    app.extensions["pdf"] = converter
    path = tmp_path / "keuzes.json"
    path.write_text(json.dumps(full_choices.to_data(), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["note", "render", str(path), "-o", str(tmp_path / "nota.docx")])
    assert result.exit_code == 0 and "page numbers laid out by LibreOffice" in result.output, result.output
    toc = toc_pages((tmp_path / "nota.docx").read_bytes())
    assert toc["1. Inleiding"] == "3" and all(page.isdigit() for page in toc.values())


def started_note(browser):
    browser.start()
    browser.organisation()
    browser.submit("/nota/onderdeel/5.8", {"include_0": "y", "include_1": "y", "action": "done"})
    browser.get("/nota/downloaden")


@needs_libreoffice
def test_the_download_page_offers_a_pdf_and_sends_one(app, browser, converter):
    app.extensions["pdf"] = converter
    started_note(browser)
    assert "Download als PDF" in browser.page
    response = browser.post("/nota/downloaden", {"format": "pdf"}, status=200)
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert "gemeente-zottegem-afsprakennota-2026-11-23.pdf" in response.headers["Content-Disposition"]


def test_without_libreoffice_there_is_no_pdf_button(app, browser):
    assert app.extensions["pdf"] is None  # as create_app leaves it where LibreOffice is missing (or PDF is off)
    started_note(browser)
    assert "Download als PDF" not in browser.page
    response = browser.post("/nota/downloaden", {"format": "pdf"}, status=200)
    assert response.mimetype.endswith("wordprocessingml.document"), "the .docx, as if the button were not there"


@needs_libreoffice
def test_a_pdf_that_takes_too_long_gives_a_dutch_message_not_an_error_page(app, browser):
    started_note(browser)
    app.extensions["pdf"] = Converter(timeout=0.001)
    try:
        response = browser.post("/nota/downloaden", {"format": "pdf"}, status=302)
        assert response.location.endswith("/nota/downloaden")
        browser.get("/nota/downloaden")
        assert "Het maken van de PDF duurde te lang" in browser.text()
    finally:
        app.extensions["pdf"].stop()
