"""The shipped server (nginx in front of sync workers) against plain sync workers, side by side in one run.

Throughput: `wrk -t1 -c20` on a full note's overview and section page (5.8), against gunicorn's
2 sync workers alone and behind nginx (`flask --app wsgi serve`), in alternating rounds so that
both see the same machine. Target: behind nginx >= 0.9 x the requests/s of the workers alone.

Slow clients: 30 clients send their headers a byte at a time for 12 s while one normal user asks
for the start page again and again. Target: behind nginx every normal request answers within 1 s.
The same against the workers alone is printed for comparison (no target: they stall).
`--with-gthread` adds what was shipped before, 2 gthread workers of 8 threads alone (no target).

Needs Debian's `wrk` (`make bench` installs it). Run: `.venv/bin/python benchmarks/proxy.py`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ProxiedServer, Server, emit, fresh_database, slow_clients  # noqa: E402
from benchmarks.latency import prepared_client  # noqa: E402

PAGES = {"overview": "/nota/overzicht", "section page": "/nota/onderdeel/5.8"}
THROUGHPUT_TARGET = 0.9
SLOW_TARGET_S = 1.0
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    """One wrk run: requests/s, latency percentiles in ms, and answers that were not 2xx/3xx or failed."""
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "-H", f"Cookie: {cookie}"]
        + [f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    found = {"requests": int(re.search(r"(\d+) requests in", out).group(1))}
    found["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    for cut in ("50", "90", "99"):
        value, unit = re.search(rf"^\s+{cut}%\s+([\d.]+)(us|ms|s)\b", out, re.M).groups()
        found[f"p{cut}"] = round(float(value) * UNITS[unit], 2)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    found["bad"] = int(bad.group(1)) if bad else 0
    found["socket_errors"] = sum(int(n) for n in errors.groups()) if errors else 0
    return found


def throughput(servers: dict, cookie: str, rounds: int, seconds: float, connections: int) -> dict:
    """Alternating wrk rounds per page and server; requests/s summed over the rounds."""
    totals = {(page, name): [] for page in PAGES for name in servers}
    for path in PAGES.values():  # warm every worker's caches
        for server in servers.values():
            wrk(server.port, path, cookie, 1, connections)
    for _ in range(rounds):
        for page, path in PAGES.items():
            for name, server in servers.items():
                totals[(page, name)].append(wrk(server.port, path, cookie, seconds, connections))
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5, help="per wrk run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slow", type=int, default=30, help="slow clients")
    parser.add_argument("--slow-seconds", type=float, default=12)
    parser.add_argument("--with-gthread", action="store_true", help="also 2 gthread workers of 8 threads, alone")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: `make bench` installs Debian's (apt-get install wrk)")
        return 1

    database = fresh_database()
    servers = {"plain": Server(database, workers=args.workers), "nginx": ProxiedServer(database, workers=args.workers)}
    if args.with_gthread:
        threads, log = ["--worker-class", "gthread", "--threads", "8"], database.with_name("gthread.log")
        servers["gthread"] = Server(database, workers=args.workers, log=log, extra=threads)
    try:
        cookie = prepared_client(servers["plain"].port, full=True).cookie  # same key and database: valid on both
        runs = throughput(servers, cookie, args.rounds, args.seconds, args.connections)
        slow = {name: slow_clients(server.port, args.slow, args.slow_seconds) for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()

    ok = True
    print(f"\n{'page':<14}{'server':<8}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'bad':>6}{'x plain':>9}")
    for page in PAGES:
        plain_rate = sum(r["requests_per_s"] for r in runs[(page, "plain")]) / args.rounds
        for name in servers:
            done = runs[(page, name)]
            rate = sum(r["requests_per_s"] for r in done) / args.rounds
            middle = sorted(done, key=lambda r: r["p90"])[len(done) // 2]  # the median round's latency
            bad = sum(r["bad"] + r["socket_errors"] for r in done) if name == "nginx" else sum(r["bad"] for r in done)
            ratio = round(rate / plain_rate, 3)
            passed = name != "nginx" or (ratio >= THROUGHPUT_TARGET and bad == 0)
            ok &= passed
            target = THROUGHPUT_TARGET if name == "nginx" else None
            record = {"benchmark": "proxy", "measure": f"throughput {page}", "server": name}
            record.update(requests_per_s=round(rate, 1), p50=middle["p50"], p90=middle["p90"], p99=middle["p99"])
            emit({**record, "bad": bad, "ratio_to_plain": ratio, "target": target, "pass": passed})
            print(
                f"{page:<14}{name:<8}{rate:>9.1f}{middle['p50']:>9}{middle['p90']:>9}{middle['p99']:>9}{bad:>6}"
                f"{ratio:>9}"
            )
    print(f"\n{args.slow} slow clients for {args.slow_seconds:g} s: a normal GET / waits at worst")
    for name, found in slow.items():
        all_answered = found["answered_200"] == found["requests"]
        passed = name != "nginx" or (found["worst_wait_s"] < SLOW_TARGET_S and all_answered)
        ok &= passed
        emit({"benchmark": "proxy", "measure": "slow clients", "server": name, **found, "pass": passed})
        target = f"(target < {SLOW_TARGET_S:g} s)" if name == "nginx" else "(no target: workers alone)"
        print(f"  {name:<8}{found['worst_wait_s']:>8} s over {found['requests']} requests {target}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
