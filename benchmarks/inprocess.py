"""Server time of the heaviest wizard pages against a bare Flask route, in one process (issue 25's targets).

Both are called straight through their WSGI function, turn about, and timed in CPU seconds of the
calling thread, so the machine's speed and load fall out of the ratio: the figure is how many bare
requests one page costs. A full note (all 87
agreements, every section done) is shown; the section page is a municipality's with twelve downloaded notes
of municipalities beside it, so it says per agreement what they chose:

    overview of the note     ≤ 15×      section page 5.8     ≤ 20×      review (87 agreements) ≤ 40×

.venv/bin/python benchmarks/inprocess.py [--requests 400]; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from benchmarks.common import call, full_note_page  # noqa: E402

PAGES = {"overview": ("/nota/overzicht", 15.0, {}), "section page 5.8": ("/nota/onderdeel/5.8", 20.0, {})}
PAGES["section page 5.8, with peers"] = ("/nota/onderdeel/5.8", 20.0, {"organisation": "gemeente", "peers": 12})
PAGES["review (87 agreements)"] = ("/nota/nalezen", 40.0, {})


def floor() -> tuple[Flask, dict]:
    """The smallest Flask app there is, and a request for its one route."""
    bare = Flask("floor")
    bare.add_url_rule("/", "hello", lambda: "Hallo")
    return bare, EnvironBuilder(path="/").get_environ()


def ratio(app, environ: dict, bare, bare_environ: dict, requests: int) -> tuple[float, float, float]:
    """Median page time, median bare time (ms), and their ratio, sampled turn about."""
    for _ in range(50):
        call(app, environ), call(bare, bare_environ)
    pages, floors = [], []
    for _ in range(requests):
        pages.append(call(app, environ, time.thread_time))
        floors.append(call(bare, bare_environ, time.thread_time))
    page, base = statistics.median(pages), statistics.median(floors)
    return page * 1000, base * 1000, page / base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    bare, bare_environ = floor()
    missed = 0
    print(f"{'page':<30}{'ms':>8}{'floor ms':>10}{'x floor':>9}{'target':>8}")
    for name, (path, target, note) in PAGES.items():
        app, environ = full_note_page(path, **note)
        page, base, times = ratio(app, environ, bare, bare_environ, args.requests)
        missed += times > target
        print(f"{name:<30}{page:>8.2f}{base:>10.3f}{times:>8.1f}x{target:>7.0f}x")
        print(json.dumps({"benchmark": "inprocess", "page": name, "ms": round(page, 3), "ratio": round(times, 1)}))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
