"""Footprint: resident memory per gunicorn worker after 1,000 requests, and the cold start of create_app.

Targets: <= 80 MB per worker; create_app (imports included, in a fresh process) <= 300 ms (median of 10).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    BIN,
    ROOT,
    Client,
    Server,
    browser_form,
    emit,
    fresh_database,
    hidden,
    rss_mb,
    worker_pids,
)

COLD_START = """
import time
started = time.perf_counter()
from builder import create_app
create_app()
print(time.perf_counter() - started)
"""


def drive(port: int, requests: int) -> None:
    """A realistic mix: pages, saves and a few exports, from a handful of users; some saves carry long
    rewordings of their own (~14,000 characters each), the worst case for what workers keep in memory."""
    rng = random.Random(7)
    users = []
    for n in range(5):
        client = Client(port)
        _s, _l, page, _t = client.request("GET", "/")
        client.request(
            "POST", "/nota/nieuw", {"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")}
        )
        _s, _l, page, _t = client.request("GET", "/nota/organisatie")
        client.request(
            "POST",
            "/nota/organisatie",
            {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "name": f"Gemeente {n}"},
        )
        users.append(client)
    done = 0
    while done < requests:
        client = rng.choice(users)
        roll = rng.random()
        if roll < 0.5:
            client.request("GET", rng.choice(["/nota/overzicht", "/nota/onderdeel/5.8", "/nota/nalezen", "/"]))
            done += 1
        elif roll < 0.95:
            number = rng.choice(["5.1", "5.2", "5.8"])
            _s, _l, page, _t = client.request("GET", f"/nota/onderdeel/{number}")
            form = {**browser_form(page, "section-form"), "action": "save", f"include_{rng.randrange(4)}": "y"}
            if rng.random() < 0.3:  # a long rewording nobody else has: must not pile up in the caches
                form[f"include_{rng.randrange(4, 8)}"] = "y"
                form[f"text_{rng.randrange(4, 8)}"] = f"Eigen tekst {done}. " + "Lange herschreven afspraak. " * 500
            client.request("POST", f"/nota/onderdeel/{number}", form)
            done += 2
        else:
            _s, _l, page, _t = client.request("GET", "/nota/downloaden")
            client.request(
                "POST",
                "/nota/downloaden",
                {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")},
            )
            done += 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    database = fresh_database()
    server = Server(database, workers=2)
    try:
        drive(server.port, args.requests)
        memory = {pid: round(rss_mb(pid), 1) for pid in worker_pids(server.process.pid)}
    finally:
        server.stop()
    env = {**os.environ, "BOUWPAKKET_DATABASE": str(database), "BOUWPAKKET_SECRET_KEY": "f" * 64}
    # A deployed app starts from its compiled modules (`make run` compiles them, as pip does for an installed
    # package); without this, a fresh clone under PYTHONDONTWRITEBYTECODE compiled ~90 modules on every start.
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", "builder", "wsgi.py"], cwd=ROOT, check=True)
    starts = []
    for _ in range(10):
        out = subprocess.run(
            [str(BIN / "python"), "-c", COLD_START], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        starts.append(float(out.stdout.strip()) * 1000)
    cold = round(statistics.median(starts), 1)
    worst = max(memory.values()) if memory else 0.0
    ok = worst <= 80 and cold <= 300
    for pid, mb in memory.items():
        emit({"benchmark": "footprint", "worker_pid": pid, "rss_mb_after_requests": mb, "requests": args.requests})
    emit({"benchmark": "footprint", "cold_start_ms_median": cold, "cold_start_ms_all": [round(s) for s in starts]})
    emit(
        {"benchmark": "footprint", "max_worker_rss_mb": worst, "target_mb": 80, "target_cold_start_ms": 300, "pass": ok}
    )
    print(
        f"\nworker RSS after {args.requests} requests: "
        + ", ".join(f"{mb} MB" for mb in memory.values())
        + " (target <= 80 MB)"
    )
    print(f"create_app cold start: {cold} ms median of 10 (target <= 300 ms)")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
