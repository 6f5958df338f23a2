"""Wizard latency against the physical floor, both served by gunicorn (2 workers) in the same run.

Measures the overview, the section page with 13 agreements (5.8), the review of a
full note (all 87 agreements) and a save, next to the smallest Flask route.
Targets: section page and save p95 <= 3x the floor; full review p95 <= 5x.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Client, Server, browser_form, emit, fresh_database, hidden, percentiles, refreshed  # noqa: E402

TARGETS = {"section page": 3.0, "save": 3.0, "background save": 3.0, "review (87 agreements)": 5.0, "overview": 3.0}


def prepared_client(port: int, full: bool) -> Client:
    """A user with a note; with `full`, every agreement of every section is chosen."""
    client = Client(port)
    _s, _l, page, _t = client.request("GET", "/")
    client.request("POST", "/nota/nieuw", {"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")})
    _s, _l, page, _t = client.request("GET", "/nota/organisatie")
    client.request(
        "POST",
        "/nota/organisatie",
        {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "name": "Gemeente Snel"},
    )
    if full:
        for number, count in ((f"5.{n}", 13) for n in range(1, 15)):
            _s, _l, page, _t = client.request("GET", f"/nota/onderdeel/{number}")
            form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "action": "done"}
            form.update({f"include_{i}": "y" for i in range(count)})
            client.request("POST", f"/nota/onderdeel/{number}", form)
    return client


def run(clients: list[Client], requests: int, action) -> list[float]:
    """`requests` timed calls spread over the clients, one thread per client."""
    samples: list[float] = []
    lock = threading.Lock()

    def work(client: Client) -> None:
        mine = []
        for _ in range(requests // len(clients)):
            mine.append(action(client))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def get(path):
    def action(client: Client) -> float:
        status, _l, _b, elapsed = client.request("GET", path)
        assert status == 200, (path, status)
        return elapsed

    return action


class Save:
    """Tick two agreements on 5.8 and save: the whole form as a browser posts it (13 text boxes, 3.1 kB).

    The form is read from the page once per user; after that only the token and version are
    taken from each page (`refreshed`): the load generator shares the CPUs with the server.
    """

    def __init__(self) -> None:
        self.forms: dict[int, dict[str, str]] = {}

    def form(self, client: Client) -> dict[str, str]:
        _s, _l, page, _t = client.request("GET", "/nota/onderdeel/5.8")
        if id(client) not in self.forms:
            self.forms[id(client)] = browser_form(page, "section-form")
        return {**refreshed(self.forms[id(client)], page), "include_2": "y", "include_5": "y", "action": "save"}

    def __call__(self, client: Client) -> float:
        status, _l, _b, elapsed = client.request("POST", "/nota/onderdeel/5.8", self.form(client))
        assert status == 302, status
        return elapsed


class BackgroundSave(Save):
    """A background save as enhance.js sends it: the whole form with action=autosave, the version from its last answer.

    These users have notes of their own: a page save of the same note would make the kept version stale.
    """

    def __init__(self) -> None:
        super().__init__()
        self.current: dict[int, dict[str, str]] = {}

    def __call__(self, client: Client) -> float:
        form = self.current.get(id(client)) or {**self.form(client), "action": "autosave", "background": "1"}
        status, _l, body, elapsed = client.request("POST", "/nota/onderdeel/5.8", form)
        assert status == 200, status
        self.current[id(client)] = {**form, "version": str(json.loads(body)["version"])}
        return elapsed


def floor_post(body: dict[str, str]):
    """The floor's POST carries the same body as a save: sending and reading it is not the app's cost."""

    def action(client: Client) -> float:
        return client.request("POST", "/", body)[3]

    return action


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="per measure (bounded)")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    database = fresh_database()
    app = Server(database, workers=2)
    floor = Server(database, workers=2, app_spec="benchmarks.floor_app:app", log=database.with_name("floor.log"))
    try:
        users = [prepared_client(app.port, full=False) for _ in range(args.concurrency)]
        full_users = [prepared_client(app.port, full=True) for _ in range(args.concurrency)]
        floor_users = [Client(floor.port) for _ in range(args.concurrency)]
        typing_users = [prepared_client(app.port, full=False) for _ in range(args.concurrency)]
        save = Save()
        plan = {
            "floor GET": (floor_users, get("/")),
            "floor POST": (floor_users, floor_post(save.form(users[0]))),
            "overview": (users, get("/nota/overzicht")),
            "section page": (users, get("/nota/onderdeel/5.8")),
            "save": (users, save),
            "background save": (typing_users, BackgroundSave()),
            "review (87 agreements)": (full_users, get("/nota/nalezen")),
        }
        for people, action in plan.values():  # warm every code path and cache first
            run(people, max(2 * args.concurrency, args.requests // 10), action)
        # Interleaved rounds: every measure sees the same machine conditions as the floor.
        measures: dict[str, list[float]] = {name: [] for name in plan}
        rounds = 10
        for _ in range(rounds):
            for name, (people, action) in plan.items():
                measures[name] += run(people, max(args.concurrency, args.requests // rounds), action)
    finally:
        app.stop()
        floor.stop()

    floor_p95 = {"GET": percentiles(measures["floor GET"])["p95"], "POST": percentiles(measures["floor POST"])["p95"]}
    print(f"\n{'measure':<24}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}{'x floor':>9}{'target':>8}")
    ok = True
    for name, samples in measures.items():
        p = percentiles(samples)
        throughput = round(len(samples) / sum(samples) * args.concurrency, 1)
        base = floor_p95["POST" if name in ("save", "background save", "floor POST") else "GET"]
        ratio = round(p["p95"] / base, 2) if base else 0
        target = TARGETS.get(name)
        passed = target is None or ratio <= target
        ok &= passed
        emit(
            {
                "benchmark": "latency",
                "measure": name,
                "requests": len(samples),
                **p,
                "requests_per_s": throughput,
                "ratio_p95_to_floor": ratio,
                "target": target,
                "pass": passed,
            }
        )
        print(
            f"{name:<24}{len(samples):>6}{p['p50']:>9}{p['p95']:>9}{p['p99']:>9}{throughput:>8}{ratio:>9}"
            f"{(str(target) + 'x') if target else '':>8}"
        )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
