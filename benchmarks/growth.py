"""Growth: does a page, a save and the curators' usage view stay flat as drafts pile up?

With 10, 1,000 and 100,000 drafts in the database (inserted directly, with their
usage counts), times the section page, a save and /beheer/gebruik in-process.
Target: the 100,000-draft case within 1.5x the 10-draft case for each.
The three databases take turns, in rounds, so that each sees the same machine conditions:
a slow spell of a shared machine then falls on all three, not on one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import browser_form, emit, fresh_database, hidden, p50_p95, refreshed  # noqa: E402
from benchmarks.notes import small_note  # noqa: E402
from builder import create_app  # noqa: E402
from builder.db import connect, now, write  # noqa: E402
from builder.db.drafts import hash_token, new_token  # noqa: E402
from builder.formats.catalogue_files import read_tree  # noqa: E402
from builder.model.usage import usage_keys  # noqa: E402

PASSWORD = "benchmark password 2026"
ROUNDS = 10


def fill(database: Path, count: int, catalogue) -> None:
    """`count` drafts with small, varied notes, and the usage counts that go with them."""
    samples = [small_note(catalogue, n) for n in range(50)]
    rows, usage = [], Counter()
    stamp = now()
    for n in range(count):
        choices = samples[n % len(samples)]
        rows.append((hash_token(new_token()), "2024", json.dumps(choices.to_data()), stamp, stamp, stamp))
        usage.update(usage_keys(choices))
    db = connect(database)
    with write(db):
        db.conn.executemany(
            "INSERT INTO drafts (token_hash, edition_id, choices, created_at, updated_at, touched_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO usage (edition_id, agreement_id, variant, reworded, drafts) VALUES ('2024', ?, ?, ?, ?)",
            [(a, v, int(r), c) for (a, v, r), c in usage.items()],
        )
        db.execute("INSERT INTO draft_counts (edition_id, drafts) VALUES ('2024', ?)", [count])
    db.close()


def prepare(count: int, catalogue) -> dict[str, Callable[[], None]]:
    """An app on a database with `count` drafts, and what is timed on it: a user's page and save, the usage view."""
    database = fresh_database()
    fill(database, count, catalogue)
    app = create_app({"SECRET_KEY": "g" * 40, "DATABASE": str(database)})
    app.test_cli_runner().invoke(args=["curator", "add", "bench"], input=f"{PASSWORD}\n{PASSWORD}\n")
    user = app.test_client()
    page = user.get("/").get_data(as_text=True)
    user.post("/nota/nieuw", data={"csrf_token": hidden(page, "csrf_token"), "start": hidden(page, "start")})
    curator = app.test_client()
    page = curator.get("/beheer/login").get_data(as_text=True)
    curator.post(
        "/beheer/login", data={"csrf_token": hidden(page, "csrf_token"), "name": "bench", "password": PASSWORD}
    )
    rng = random.Random(count)

    def section_page():
        assert user.get("/nota/onderdeel/5.8").status_code == 200

    whole_form = browser_form(user.get("/nota/onderdeel/5.2").get_data(as_text=True), "section-form")

    def save():
        page = user.get("/nota/onderdeel/5.2").get_data(as_text=True)
        form = {**refreshed(whole_form, page), "action": "save", f"include_{rng.randrange(10)}": "y"}
        assert user.post("/nota/onderdeel/5.2", data=form).status_code == 302

    def usage_view():
        assert curator.get("/beheer/gebruik").status_code == 200

    return {"section page": section_page, "save (page + post)": save, "usage view": usage_view}


def measure(counts: list[int], catalogue, runs: int) -> dict[int, dict[str, dict]]:
    """Per count of drafts, the p50 and p95 (ms) of each action: `runs` calls each (the usage view half as many),
    after 20 to warm up, in ROUNDS rounds that go through every count in turn."""
    actions = {count: prepare(count, catalogue) for count in counts}
    samples: dict[int, dict[str, list[float]]] = {count: {name: [] for name in actions[count]} for count in counts}
    for named in actions.values():
        for action in named.values():
            for _ in range(20):
                action()
    for _ in range(ROUNDS):
        for count, named in actions.items():
            for name, action in named.items():
                for _ in range(max(1, (runs // 2 if name == "usage view" else runs) // ROUNDS)):
                    started = time.perf_counter()
                    action()
                    samples[count][name].append(time.perf_counter() - started)
    return {count: {name: p50_p95(found) for name, found in named.items()} for count, named in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="10,1000,100000")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    (catalogue,) = [
        c for c in read_tree(Path(__file__).resolve().parent.parent / "agreements") if c.edition.id == "2024"
    ]
    counts = [int(c) for c in args.counts.split(",")]
    results = measure(counts, catalogue, args.runs)
    smallest, largest = counts[0], counts[-1]
    ok = True
    print(f"\n{'measure':<22}" + "".join(f"{f'{c:,} p50':>14}" for c in counts) + f"{'ratio':>8}{'target':>8}")
    for name in results[smallest]:
        ratio = round(results[largest][name]["p50"] / results[smallest][name]["p50"], 2)
        passed = ratio <= 1.5
        ok &= passed
        for count in counts:
            emit({"benchmark": "growth", "measure": name, "drafts": count, **results[count][name]})
        emit(
            {"benchmark": "growth", "measure": name, "ratio_largest_to_smallest": ratio, "target": 1.5, "pass": passed}
        )
        print(f"{name:<22}" + "".join(f"{results[c][name]['p50']:>14}" for c in counts) + f"{ratio:>8}{'1.5x':>8}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
