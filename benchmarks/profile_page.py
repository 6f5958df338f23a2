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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import call, full_note_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--time", action="store_true", help="time the WSGI call instead of profiling")
    parser.add_argument("--organisation", default="", help="the note's kind of organisation, e.g. provincie")
    args = parser.parse_args()
    app, environ = full_note_page(args.path, args.organisation)
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
