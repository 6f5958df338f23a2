"""Load: 50 simulated users doing whole wizard journeys against the shipped server, then a check that nothing was lost.

Mix: 70 % saves, 25 % page views, 5 % exports, for --duration seconds (default 60)
or --max-requests requests, on loopback only, against `flask --app wsgi serve`'s setup
(nginx in front of 2 sync workers). Afterwards every acknowledged save must be in the
database exactly as sent (per user and section: the last one), with no write crossed
into another user's note.

Then the same users, with the same mix and the same requests (a page before every save
and export, bodies of the same size), run for as long against the floor
(benchmarks/floor_app.py) served the same way: per kind of request, throughput and p95
are compared with the floor's under the same load in the same run.

Pass: zero 5xx, zero "database is locked", zero lost or crossed writes. The comparison
with the floor is reported (no target).
Prints requests/s and p50/p95/p99 (one JSON line per measure, then a table).
Run: `make bench` (all benchmarks) or `.venv/bin/python benchmarks/load.py`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Client, ProxiedServer, emit, fresh_database, hidden, percentiles  # noqa: E402
from builder.db.drafts import hash_token  # noqa: E402

SECTIONS = {"5.1": 7, "5.2": 10, "5.3": 8, "5.8": 13, "5.9": 6, "5.12": 4}
PAGES = ["/nota/overzicht", "/nota/nalezen", "/nota/onderdeel/5.8", "/nota/organisatie", "/"]


class User(threading.Thread):
    def __init__(self, number: int, port: int, until: float, budget: list, lock: threading.Lock, seed: int):
        super().__init__(daemon=True)
        self.number, self.client, self.until = number, Client(port), until
        self.budget, self.lock, self.rng = budget, lock, random.Random(seed)
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.statuses: list[int] = []
        self.expected: dict[str, tuple[list[int], str]] = {}
        self.acked = 0
        self.token = ""
        self.errors: list[str] = []

    def take(self) -> bool:
        with self.lock:
            if self.budget[0] <= 0 or time.monotonic() > self.until:
                return False
            self.budget[0] -= 1
            return True

    def call(self, kind: str, method: str, path: str, form: dict | None = None):
        status, location, body, elapsed = self.client.request(method, path, form)
        self.timings[kind].append(elapsed)
        self.statuses.append(status)
        return status, location, body

    def start_note(self) -> None:
        _s, _l, page = self.call("view", "GET", "/")
        start = hidden(page, "start")
        self.call("save", "POST", "/nota/nieuw", {"csrf_token": hidden(page, "csrf_token"), "start": start})
        _s, _l, page = self.call("view", "GET", "/nota/bewaarlink")  # the private link the server made
        self.token = re.search(r"/hervat/([\w-]{43})", page.decode()).group(1)
        _s, _l, page = self.call("view", "GET", "/nota/organisatie")
        form = {
            "csrf_token": hidden(page, "csrf_token"),
            "version": hidden(page, "version"),
            "name": f"Gemeente Last {self.number}",
        }
        if self.call("save", "POST", "/nota/organisatie", form)[0] == 302:
            self.acked += 1

    def save(self) -> None:
        number = self.rng.choice(list(SECTIONS))
        _s, _l, page = self.call("view", "GET", f"/nota/onderdeel/{number}")
        chosen = sorted(self.rng.sample(range(SECTIONS[number]), self.rng.randint(0, 3)))
        own = f"gebruiker-{self.number} schrijft {self.rng.random():.12f}"
        form = {
            "csrf_token": hidden(page, "csrf_token"),
            "version": hidden(page, "version"),
            "own_text_new": own,
            "action": "save",
        }
        form.update({f"include_{i}": "y" for i in chosen})
        status, _l, _b = self.call("save", "POST", f"/nota/onderdeel/{number}", form)
        if status == 302:
            self.acked += 1
            self.expected[number] = (chosen, own)
        elif status != 409:
            self.errors.append(f"save {number}: {status}")

    def export(self) -> None:
        _s, _l, page = self.call("view", "GET", "/nota/downloaden")
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version")}
        status, _l, body = self.call("export", "POST", "/nota/downloaden", form)
        if status != 200 or not body.startswith(b"PK"):
            self.errors.append(f"export: {status}")

    def run(self) -> None:
        try:
            self.start_note()
            while self.take():
                roll = self.rng.random()
                if roll < 0.70:
                    self.save()
                elif roll < 0.95:
                    self.call("view", "GET", self.rng.choice(PAGES))
                else:
                    self.export()
        except Exception as error:  # a crashed user is a failure to report, not to hide
            self.errors.append(f"{type(error).__name__}: {error}")


class FloorUser(User):
    """The same journey against the floor: every request goes to `/`, with the same method and a body as large."""

    def call(self, kind: str, method: str, path: str, form: dict | None = None):
        return super().call(kind, method, "/", form)

    def form(self, **fields: str) -> dict:
        return {"csrf_token": "c" * 91, "version": "12", **fields}  # a real token and version are as long

    def start_note(self) -> None:
        self.call("view", "GET", "/")
        self.call("save", "POST", "/", {"csrf_token": "c" * 91, "start": "s" * 40})
        self.call("view", "GET", "/")
        self.call("view", "GET", "/")
        self.call("save", "POST", "/", self.form(name=f"Gemeente Last {self.number}"))

    def save(self) -> None:
        self.call("view", "GET", "/")
        chosen = sorted(self.rng.sample(range(13), self.rng.randint(0, 3)))
        own = f"gebruiker-{self.number} schrijft {self.rng.random():.12f}"
        form = self.form(own_text_new=own, action="save", **{f"include_{i}": "y" for i in chosen})
        if self.call("save", "POST", "/", form)[0] != 200:
            self.errors.append("floor save")

    def export(self) -> None:
        self.call("view", "GET", "/")
        if self.call("export", "POST", "/", self.form())[0] != 200:
            self.errors.append("floor export")


def drive(port: int, kind: type[User], args) -> tuple[list[User], float]:
    """`args.users` users of `kind` against the server on `port` for `args.duration` s; they and the time taken."""
    lock, budget = threading.Lock(), [args.max_requests]
    started = time.monotonic()
    users = [kind(n, port, started + args.duration, budget, lock, seed=n) for n in range(args.users)]
    for user in users:
        user.start()
    for user in users:
        user.join(args.duration + 120)
    return users, time.monotonic() - started


def by_kind(users: list[User], elapsed: float) -> dict[str, dict]:
    """Per kind of request: how many, per second, and p50/p95/p99."""
    timings = defaultdict(list)
    for user in users:
        for kind, samples in user.timings.items():
            timings[kind].extend(samples)
    return {
        kind: {"requests": len(samples), "requests_per_s": round(len(samples) / elapsed, 1), **percentiles(samples)}
        for kind, samples in sorted(timings.items())
    }


def compare(app: dict[str, dict], floor: dict[str, dict]) -> None:
    """One JSON line and one table row per kind: the app's throughput and p95 next to the floor's."""
    header = ("app req/s", 11), ("floor req/s", 13), ("x floor", 9), ("app p95", 10), ("floor p95", 11), ("x floor", 9)
    print(f"\n{'kind':<8}" + "".join(f"{name:>{width}}" for name, width in header))
    for kind, mine in app.items():
        base = floor.get(kind, {})
        rate = round(mine["requests_per_s"] / base["requests_per_s"], 3) if base.get("requests_per_s") else None
        p95 = round(mine["p95"] / base["p95"], 2) if base.get("p95") else None
        emit(
            {
                "benchmark": "load",
                "kind": kind,
                **mine,
                "floor": base,
                "throughput_ratio_to_floor": rate,
                "p95_ratio_to_floor": p95,
            }
        )
        print(
            f"{kind:<8}{mine['requests_per_s']:>11}{base.get('requests_per_s', '-'):>13}{rate:>9}"
            f"{mine['p95']:>10}{base.get('p95', '-'):>11}{p95:>9}"
        )


def verify(database: Path, users: list[User]) -> list[str]:
    """Every acknowledged save is in the database as sent; nothing crossed between users."""
    problems = []
    conn = sqlite3.connect(database)
    ids = {}
    for number, section_id in conn.execute("SELECT number, id FROM sections WHERE edition_id = '2024'"):
        rows = conn.execute(
            "SELECT id FROM agreements WHERE edition_id = '2024' AND section_id = ? ORDER BY position", [section_id]
        )
        ids[number] = [row[0] for row in rows]
    for user in users:
        row = conn.execute(
            "SELECT choices, version FROM drafts WHERE token_hash = ?", [hash_token(user.token)]
        ).fetchone()
        if row is None:
            problems.append(f"user {user.number}: draft missing")
            continue
        choices, version = json.loads(row[0]), row[1]
        if version != 1 + user.acked:
            problems.append(f"user {user.number}: version {version}, expected {1 + user.acked} (lost or extra writes)")
        parts = {p.get("number"): p for p in choices["sections"]}
        for number, (chosen, own) in user.expected.items():
            part = parts.get(number)
            texts = [a.get("text", "") for a in part["agreements"] if "id" not in a] if part else []
            included = [a["id"] for a in part["agreements"] if "id" in a] if part else []
            if texts != [own] or included != [ids[number][i] for i in chosen]:
                problems.append(f"user {user.number}: last save of {number} is not in the database as sent")
        for part in choices["sections"]:
            for agreement in part["agreements"]:
                text = agreement.get("text", "")
                if text.startswith("gebruiker-") and not text.startswith(f"gebruiker-{user.number} "):
                    problems.append(f"user {user.number}: crossed write {text[:30]}")
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds against the app, and again the floor")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (make run uses 2)")
    args = parser.parse_args()

    database = fresh_database()
    server = ProxiedServer(database, workers=args.workers)
    try:
        users, elapsed = drive(server.port, User, args)
    finally:
        server.stop()
    floor = ProxiedServer(database, workers=args.workers, app_spec="benchmarks.floor_app:app")
    try:
        floor_users, floor_elapsed = drive(floor.port, FloorUser, args)
    finally:
        floor.stop()

    log = server.log_path.read_text()
    statuses = [s for u in users for s in u.statuses]
    problems = [e for u in users for e in u.errors] + verify(database, users)
    problems += [f"floor: {e}" for u in floor_users for e in u.errors]
    server_errors = sum(1 for s in statuses if s >= 500)
    locked = log.count("database is locked")
    floor_statuses = [s for u in floor_users for s in u.statuses]
    summary = {
        "benchmark": "load",
        "users": args.users,
        "seconds": round(elapsed, 1),
        "requests": len(statuses),
        "requests_per_s": round(len(statuses) / elapsed, 1),
        **percentiles([t for u in users for samples in u.timings.values() for t in samples]),
        "floor_requests_per_s": round(len(floor_statuses) / floor_elapsed, 1),
        "acknowledged_saves": sum(u.acked for u in users),
        "conflicts": statuses.count(409),
        "server_errors": server_errors,
        "database_locked": locked,
        "lost_or_crossed": len(problems),
    }
    emit(summary)
    compare(by_kind(users, elapsed), by_kind(floor_users, floor_elapsed))
    print(
        f"\n{summary['requests_per_s']} requests/s (floor under the same load: {summary['floor_requests_per_s']}); "
        f"{server_errors} 5xx; {locked} 'database is locked'; {len(problems)} lost or crossed writes"
    )
    for problem in problems[:20]:
        print("  -", problem)
    ok = server_errors == 0 and locked == 0 and not problems
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
