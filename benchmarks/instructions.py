"""Instructions per request of one wizard page (Valgrind's callgrind): a count the machine's load does not move.

On a shared VM a page's time varies by 20-40 % between spells; the number of instructions one
request executes varies by about 0.3 %. Use it to compare two commits step by step (run it in a
worktree of each); `make bench` and its targets stay in time.

.venv/bin/python benchmarks/instructions.py /nota/onderdeel/5.8
.venv/bin/python benchmarks/instructions.py /nota/onderdeel/5.8 --organisation gemeente --peers 12

The page (a note with every agreement chosen, as in inprocess.py) runs twice under callgrind: with
no measured requests and with --requests of them; the difference per request is printed. The
garbage collector is off while measuring and PYTHONHASHSEED is fixed, so that runs compare.
Needs Debian's `valgrind` (not installed by make); about 45 s per page.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import call, full_note_page  # noqa: E402

WARM_UP = 30


def collected(args: argparse.Namespace, requests: int) -> int:
    """The instructions callgrind counted for the whole process, with `requests` measured requests."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, args.path]
    command += ["--organisation", args.organisation, "--peers", str(args.peers), "--inside", str(requests)]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or found is None:
        sys.exit(f"callgrind did not finish:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def inside(args: argparse.Namespace) -> None:
    """What runs under callgrind: the page set up and warmed, then `--inside` requests with the collector off."""
    app, environ = full_note_page(args.path, args.organisation, args.peers)
    for _ in range(WARM_UP):
        call(app, environ)
    gc.collect()
    gc.disable()
    for _ in range(args.inside):
        call(app, environ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--organisation", default="", help="the note's kind of organisation, e.g. gemeente")
    parser.add_argument("--peers", type=int, default=0, help="downloaded notes of the same kind beside it")
    parser.add_argument("--inside", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside is not None:
        return inside(args)
    if shutil.which("valgrind") is None:
        sys.exit("Needs valgrind: sudo apt-get install valgrind")
    per_request = (collected(args, args.requests) - collected(args, 0)) / args.requests
    print(f"{args.path}: {per_request / 1e6:.3f} M instructions per request")


if __name__ == "__main__":
    main()
