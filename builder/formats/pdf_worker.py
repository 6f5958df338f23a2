"""The PDF converter's worker: one warm LibreOffice, driven through UNO, converting .docx files on request.

Run as a separate process by builder/formats/pdf.py under the Python that has LibreOffice's `uno`
module (Debian's python3-uno belongs to Debian's /usr/bin/python3, not to the app's venv), so this
file imports nothing of the app. It starts `soffice` headless with its own profile folder (a shared
profile's lock makes conversions fail silently), then reads one JSON request per line on standard
input, {"docx": path, "pdf": path}, and answers one JSON line: {"ok": true, "pages": N} or
{"ok": false, "error": text}.

LibreOffice is told, in the profile and when each file is loaded, never to update links, run
macros or load anything a document points at outside itself (the converter's sandbox, in pdf.py,
is what makes sure; this is the second wall).

Per request: the .docx is loaded hidden; each table of contents entry's page token
("{p:_Toc3}", written by render_note for this converter) is replaced by the page of its heading's
bookmark as LibreOffice laid it out; the document is stored with `writer_pdf_Export` as a tagged
PDF (PDF/UA) with bookmarks from the headings and the document title shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import uno  # noqa: F401  (Debian's python3-uno; makes `com.sun.star` importable)
from com.sun.star.beans import PropertyValue

TOKEN_START, MAX_TOKEN = "{p:", 20  # a page token is "{p:_Toc12}" (word_writer.page_token)
SETTINGS = (  # (path, name, value) in LibreOffice's configuration
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),  # never update links
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
)
NO_UPDATE, NEVER_EXECUTE = 0, 0  # com.sun.star.document.UpdateDocMode, MacroExecMode


def write_settings(profile: str) -> None:
    """The profile's configuration, written before soffice first starts with it."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in SETTINGS
    )
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            f'xmlns:xs="http://www.w3.org/2001/XMLSchema">{items}</oor:items>'
        )


def _property(name: str, value) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def start(profile: str, pipe: str):
    """Start soffice with its own profile and connect to it; returns (process, desktop)."""
    write_settings(profile)
    process = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return process, desktop


def _fill_pages(document) -> dict[str, int]:
    """Replace every page token of the table of contents by the page its bookmark is on; returns those pages.

    The numbers take less room than the tokens, which may shorten the table of contents by a line and
    move the headings after it: when the first heading after it moved, the pages are looked up again
    until they hold. A call that hands back an object costs about a millisecond (one that returns a
    number a tenth of that), so each object is fetched once."""
    controller = document.getCurrentController()
    cursor = controller.getViewCursor()
    bookmarks = document.getBookmarks()
    tokens = _tokens(document)
    marks = {name: bookmarks.getByName(name) for _, name in tokens if bookmarks.hasByName(name)}
    pages: dict[str, int] = {}
    for _round in range(3):
        now = {}
        for name, mark in marks.items():
            controller.select(mark)
            now[name] = cursor.getPage()
        if now == pages:
            break
        pages = now
        before = _position(controller, cursor, marks)
        for token, name in tokens:
            token.setString(str(pages[name]) if name in pages else "")
        if _position(controller, cursor, marks) == before:  # the table kept its length: nothing after it moved
            break
    return pages


def _position(controller, cursor, marks: dict) -> tuple[int, int, int] | None:
    """Where the first heading of the table of contents stands: its page and place on it (None without one)."""
    if not marks:
        return None
    controller.select(next(iter(marks.values())))
    point = cursor.getPosition()
    return cursor.getPage(), point.X, point.Y


def _tokens(document) -> list[tuple[object, str]]:
    """The page tokens as text ranges with their bookmark's name: found as plain text "{p:", up to their "}".

    A regular expression searched every paragraph: 34 s in the largest note the limits allow
    (1,627 pages), against 0.1 s for the plain text. Each token is then read in one go: a step per
    character cost a round trip each. The table of contents is in the body text; a "{p:" elsewhere
    (in a table, or typed by a user) is no token."""
    search = document.createSearchDescriptor()
    search.SearchString = TOKEN_START
    found = document.findAll(search)
    body = document.getText()
    tokens = []
    for i in range(found.getCount()):
        try:
            token = body.createTextCursorByRange(found.getByIndex(i))
        except Exception:  # not in the body text
            continue
        token.collapseToStart()
        token.goRight(MAX_TOKEN, True)
        text = token.getString()
        end = text.find("}")
        if not text.startswith(TOKEN_START) or end < 0:
            continue
        token.collapseToStart()
        token.goRight(end + 1, True)
        tokens.append((token, text[len(TOKEN_START) : end]))
    return tokens


def _load(desktop, docx: str):
    """A .docx loaded hidden, with nothing from outside updated or run."""
    load = (
        _property("Hidden", True),
        _property("UpdateDocMode", NO_UPDATE),
        _property("MacroExecutionMode", NEVER_EXECUTE),
    )
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(docx), "_blank", 0, load)


def layout(desktop, docx: str) -> dict:
    """The page of each table of contents entry's heading as LibreOffice lays the note out, and the page count."""
    document = _load(desktop, docx)
    try:
        toc = _fill_pages(document)
        return {"pages": document.getCurrentController().PageCount, "toc": toc}
    finally:
        document.close(True)


def convert(desktop, docx: str, pdf: str) -> int:
    """Convert one file; returns the PDF's page count."""
    document = _load(desktop, docx)
    try:
        _fill_pages(document)
        pages = document.getCurrentController().PageCount
        options = (
            _property("UseTaggedPDF", True),
            _property("PDFUACompliance", True),
            _property("ExportBookmarks", True),
            _property("DisplayPDFDocumentTitle", True),
            _property("ExportNotes", False),
        )
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", options)
        store = (_property("FilterName", "writer_pdf_Export"), _property("FilterData", filter_data))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(pdf), store))
        return pages
    finally:
        document.close(True)


def main() -> int:
    """Serve conversions until standard input closes."""
    profile, pipe = sys.argv[1], sys.argv[2]
    process, desktop = start(profile, pipe)
    print(json.dumps({"ok": True, "ready": os.getpid()}), flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                if request.get("layout"):
                    answer = {"ok": True, **layout(desktop, request["docx"])}
                else:
                    answer = {"ok": True, "pages": convert(desktop, request["docx"], request["pdf"])}
            except Exception as error:  # reported to the app, which restarts us when we are broken
                answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer), flush=True)
            if process.poll() is not None:
                return 1
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
