"""Profile or time one wizard page in-process, for a note with every agreement chosen.

.venv/bin/python benchmarks/profile_page.py /nota/onderdeel/5.8              # pyinstrument profile
.venv/bin/python benchmarks/profile_page.py /nota/nalezen --requests 300
.venv/bin/python benchmarks/profile_page.py /nota/overzicht --time            # median/p95 of the WSGI call
.venv/bin/python benchmarks/profile_page.py /nota/nalezen --time --organisation provincie   # a tailored note

--time calls the app's WSGI function directly with the browser's cookie, so the figure is the
server's own time: no HTTP, no test client. docs/performance.md quotes these.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.test import EnvironBuilder  # noqa: E402

from benchmarks.common import fresh_database, hidden  # noqa: E402
from builder import create_app  # noqa: E402


def call(app, environ: dict) -> float:
    """One request straight through the WSGI function; seconds."""
    statuses: list[str] = []
    started = time.perf_counter()
    body = app(dict(environ), lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    elapsed = time.perf_counter() - started
    assert statuses[0].startswith("200"), statuses
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--time", action="store_true", help="time the WSGI call instead of profiling")
    parser.add_argument("--organisation", default="", help="the note's kind of organisation, e.g. provincie")
    args = parser.parse_args()
    app = create_app({"SECRET_KEY": "p" * 40, "DATABASE": str(fresh_database())})
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    client.post("/nota/nieuw", data={"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")})
    if args.organisation:
        page = client.get("/nota/organisatie").get_data(as_text=True)
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")}
        client.post("/nota/organisatie", data={**form, "name": "Organisatie", "type": args.organisation})
    for n in range(1, 15):
        page = client.get(f"/nota/onderdeel/5.{n}").get_data(as_text=True)
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "action": "done"}
        form.update({f"include_{i}": "y" for i in range(13)})
        client.post(f"/nota/onderdeel/5.{n}", data=form)
    client.get("/nota/overzicht")  # shows the last "klaar" message, so the cookie below carries none
    cookie = client.get_cookie("session").value
    environ = EnvironBuilder(path=args.path, headers={"Cookie": f"session={cookie}"}).get_environ()
    for _ in range(100):
        call(app, environ)
    if args.time:
        samples = sorted(call(app, environ) for _ in range(args.requests))
        cuts = statistics.quantiles(samples, n=20)
        print(f"{args.path}: median {statistics.median(samples) * 1000:.2f} ms, p95 {cuts[18] * 1000:.2f} ms")
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(args.requests):
        call(app, environ)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
