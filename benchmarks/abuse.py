"""Replay the hostile tests against a real gunicorn server on 127.0.0.1: memory, floods, slow clients, headers,
and 16 worst-case uploads in parallel (security round 3, issue 24).

Bounded in count and time, loopback only. Prints one JSON line per finding, then a table, and exits 1
when a worker's memory grows by 20 MB or more (50 MB under the uploads), any answer is a 5xx, a flood
is not stopped, a normal request waits 1 s or more behind slow clients (30 for 12 s; 8 for 3 s with
`--quick`), or the start page's 95th percentile passes 1 s while 16 worst-case uploads are in flight.
Slow clients meet the shipped setup, nginx in front of the sync workers (`flask --app wsgi serve`):
sync workers alone stall behind them by design. `--quick` is the version tests/ runs; `make bench`
runs the full one.

.venv/bin/python benchmarks/abuse.py            # the figures in docs/operations.md
.venv/bin/python benchmarks/abuse.py --quick
"""

from __future__ import annotations

import argparse
import io
import random
import socket
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.common import (  # noqa: E402
    Client,
    ProxiedServer,
    Server,
    emit,
    fresh_database,
    hidden,
    percentiles,
    rss_mb,
    worker_pids,
)

GROWTH_LIMIT_MB = 20
UPLOAD_GROWTH_LIMIT_MB = 50
UPLOAD_P95_LIMIT_MS = 1000


def started_note(port: int) -> Client:
    """A user who has just clicked "Nieuwe afsprakennota"."""
    client = Client(port)
    page = client.request("GET", "/")[2]
    client.request("POST", "/nota/nieuw", {"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")})
    return client


def memory(server: Server, requests: int) -> dict:
    """Item 1: posts to a section page with a different number of own_text_N fields each time."""
    client = started_note(server.port)
    rng = random.Random(13)
    statuses: dict[int, int] = {}

    def post(count: int) -> None:
        page = client.request("GET", "/nota/onderdeel/5.1")[2]
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "action": "save"}
        form.update({f"own_text_{k}": f"eigen {k}" for k in range(count)})
        status = client.request("POST", "/nota/onderdeel/5.1", form)[0]
        statuses[status] = statuses.get(status, 0) + 1

    for _ in range(10):
        post(rng.randrange(1, 40))
    workers = worker_pids(server.process.pid)
    before = {pid: rss_mb(pid) for pid in workers}
    for _ in range(requests):
        post(rng.randrange(1, 2000))
    after = {pid: rss_mb(pid) for pid in workers}
    started = time.perf_counter()
    page = client.request("GET", "/nota/onderdeel/5.1")[2]
    form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")}
    form.update({f"own_text_{k}": "x" for k in range(30_000)})
    big_status, _l, big_body, _t = client.request("POST", "/nota/onderdeel/5.1", form)
    growth = max(after[pid] - before[pid] for pid in workers)
    return {
        "finding": "1 memory",
        "requests": requests,
        "statuses": statuses,
        "rss_before_mb": [round(before[p], 1) for p in workers],
        "rss_after_mb": [round(after[p], 1) for p in workers],
        "growth_mb": round(growth, 1),
        "post_30000_fields": {"status": big_status, "seconds": round(time.perf_counter() - started, 2)},
        "post_30000_fields_page_kb": round(len(big_body) / 1024, 1),
        "pass": growth < GROWTH_LIMIT_MB and big_status == 413 and not any(s >= 500 for s in statuses),
    }


def floods(server: Server, notes: int, suggestions: int) -> dict:
    """Item 10: many new notes from one browser, many long suggestions."""
    client = Client(server.port)
    note_statuses: dict[int, int] = {}
    started = time.perf_counter()
    for _ in range(notes):
        page = client.request("GET", "/")[2]
        form = {"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")}
        status = client.request("POST", "/nota/nieuw", form)[0]
        note_statuses[status] = note_statuses.get(status, 0) + 1
    suggestion_statuses: dict[int, int] = {}
    user = started_note(server.port)
    for n in range(suggestions):
        page = user.request("GET", "/nota/onderdeel/5.2/suggestie")[2]
        text = ("Een voorstel. " * 1500)[:20_000] if n % 2 else f"Voorstel {n}."
        form = {"csrf_token": hidden(page, "csrf_token"), "kind": "nieuw", "text": text}
        status = user.request("POST", "/nota/onderdeel/5.2/suggestie", form)[0]
        suggestion_statuses[status] = suggestion_statuses.get(status, 0) + 1
    created = note_statuses.get(302, 0)
    return {
        "finding": "10 floods",
        "new_notes": note_statuses,
        "suggestions": suggestion_statuses,
        "seconds": round(time.perf_counter() - started, 2),
        "pass": created <= 10
        and note_statuses.get(429, 0) == notes - created
        and suggestion_statuses.get(302, 0) <= 10
        and not any(s >= 500 for s in [*note_statuses, *suggestion_statuses]),
    }


def slow_clients(database: Path, slow: int, seconds: float) -> dict:
    """Item 16: clients that send their headers a byte at a time, while others want a page (through nginx)."""
    server = ProxiedServer(database, workers=2, real_limits=True)
    try:
        found = common.slow_clients(server.port, slow, seconds)
    finally:
        server.stop()
    return {
        "finding": "16 slow clients",
        **found,
        "pass": found["worst_wait_s"] < 1.0 and found["answered_200"] == found["requests"],
    }


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


def _paragraphs(count: int, seed: int) -> bytes:
    """`count` empty paragraphs, each with a random attribute: just under the compression ratio rule."""
    noise = random.Random(seed).randbytes(4 * count).hex()
    return "".join(f'<w:p w:rsidR="{noise[8 * n : 8 * n + 8]}"/>' for n in range(count)).encode()


def worst_template() -> bytes:
    """The costliest template the checks accept: header and body full up to the element bounds."""
    import docx

    from builder.formats.house_style import MAX_HEADER_ELEMENTS
    from builder.formats.upload import MAX_ELEMENTS, MAX_ELEMENTS_PART

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Kop van de organisatie"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    used = sum(content.count(b"<") for content in parts.values())
    header = next(name for name in parts if name.startswith("word/header"))
    in_header = MAX_HEADER_ELEMENTS - parts[header].count(b"<") - 10
    parts[header] = parts[header].replace(b"</w:hdr>", _paragraphs(in_header, 1) + b"</w:hdr>")
    in_body = min(MAX_ELEMENTS - used - in_header, MAX_ELEMENTS_PART - parts["word/document.xml"].count(b"<")) - 10
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:sectPr", _paragraphs(in_body, 2) + b"<w:sectPr", 1
    )
    return _package(parts)


def attackers_files() -> list[bytes]:
    """The two files of security round 3: 39 compressible 1 MB parts (the stall), 36 headers of empty paragraphs."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    stall = {**parts, **{f"customXml/item{100 + n}.xml": b"<a>" + b" " * 999_993 + b"</a>" for n in range(39)}}
    empty = b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + b"<w:p/>" * 166_000
    hog = {**parts, **{f"word/header{100 + n}.xml": empty + b"</w:hdr>" for n in range(36)}}
    return [_package(stall), _package(hog)]


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    """A form with one file, as a browser posts it."""
    boundary = uuid.uuid4().hex
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return body + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def send_template(server: Server | ProxiedServer, client: Client, data: bytes) -> str:
    """Upload `data` as the note's Word template; the status, or "busy" when it was turned away to wait."""
    import http.client

    page = client.request("GET", "/nota/huisstijl")[2]
    body, kind = multipart({"csrf_token": hidden(page, "csrf_token")}, "template_file", "huisstijl.docx", data)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    conn.request("POST", "/nota/huisstijl/sjabloon", body=body, headers={"Content-Type": kind, "Cookie": client.cookie})
    response = conn.getresponse()
    answer = response.read()
    conn.close()
    return "busy" if b"tegelijk opgeladen" in answer else str(response.status)


def uploads(server: Server | ProxiedServer, parallel: int, rounds: int) -> dict:
    """Issue 24: `parallel` users upload the worst templates at once, `rounds` each; another opens the start page."""
    files = [worst_template(), *attackers_files()]
    users = [started_note(server.port) for _ in range(parallel)]
    for user in users[:4]:  # every worker has imported python-docx, Pillow and lxml before the baseline
        send_template(server, user, files[0])
    workers = worker_pids(server.process.pid)
    before = {pid: rss_mb(pid) for pid in workers}
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def upload(user: Client, offset: int) -> None:
        for n in range(rounds):
            status = send_template(server, user, files[(offset + n) % len(files)])
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=upload, args=(u, i)) for i, u in enumerate(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    waits, visitor = [], Client(server.port)
    while any(t.is_alive() for t in threads):
        waits.append(visitor.request("GET", "/")[3])
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    after = {pid: rss_mb(pid) for pid in workers}
    growth = max(after[pid] - before[pid] for pid in workers)
    start_page = percentiles(waits)
    return {
        "finding": f"issue 24 uploads ({parallel})",
        "uploads": sum(statuses.values()),
        "statuses": statuses,
        "worst_template_kb": round(len(files[0]) / 1024),
        "seconds": round(seconds, 1),
        "start_page_ms": start_page,
        "start_page_requests": len(waits),
        "rss_before_mb": [round(before[p], 1) for p in workers],
        "rss_after_mb": [round(after[p], 1) for p in workers],
        "growth_mb": round(growth, 1),
        "pass": start_page["p95"] <= UPLOAD_P95_LIMIT_MS
        and growth <= UPLOAD_GROWTH_LIMIT_MB
        and not any(s.startswith("5") for s in statuses),
    }


def shipped_uploads(database: Path, parallel: int, rounds: int) -> dict:
    """The uploads finding against the shipped setup: nginx lets one upload at a time through to the workers."""
    server = ProxiedServer(database, workers=2, real_limits=True)
    try:
        return uploads(server, parallel, rounds)
    finally:
        server.stop()


def headers(server: Server) -> dict:
    """Items 13 and 17: forwarded headers are not trusted; long addresses get the app's Dutch page."""
    client = started_note(server.port)
    conn = socket.create_connection(("127.0.0.1", server.port))
    conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n")
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    conn.close()
    secure_cookie = b"; Secure" in answer
    link = client.request("GET", "/nota/bewaarlink")[2]
    long_status, _l, long_body, _t = client.request("GET", "/nota/" + "x" * 3000)
    return {
        "finding": "13, 17 headers",
        "secure_cookie_from_forwarded_proto": secure_cookie,
        "https_link_from_forwarded_proto": b"https://" in link,
        "long_address": {"status": long_status, "dutch": "te lang" in long_body.decode()},
        "pass": not secure_cookie and long_status == 414 and "te lang" in long_body.decode(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests: what the test suite runs")
    args = parser.parse_args()
    database = fresh_database()
    server = Server(database, workers=1 if args.quick else 2, real_limits=True)
    try:
        results = [
            memory(server, 40 if args.quick else 100),
            floods(server, 30 if args.quick else 200, 14 if args.quick else 60),
            slow_clients(database, 8 if args.quick else 30, 3.0 if args.quick else 12.0),
            headers(server),
            shipped_uploads(database, 16, 2 if args.quick else 3),
        ]
    finally:
        server.stop()
    for result in results:
        emit({"benchmark": "abuse", **result})
    print(f"\n{'finding':<28}{'pass':>6}")
    for result in results:
        print(f"{result['finding']:<28}{'PASS' if result['pass'] else 'FAIL':>6}")
    return 0 if all(r["pass"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
