"""Search: how fast curators search the whole catalogue, and what keeping the index in step costs a save.

In-process, on the 2024 catalogue and a draft copy of it: the FTS5 query alone (db/search.py)
for a dozen typical queries, the whole search page through Flask's test client, and storing the
draft edition as a curator's save does, with and without rewriting its search rows. No target:
the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import emit, hidden, timed  # noqa: E402
from builder import create_app  # noqa: E402
from builder.db import connect, editions, migrate, search, write  # noqa: E402
from builder.formats.catalogue_files import read_tree  # noqa: E402
from builder.model.editing import new_edition  # noqa: E402

PASSWORD = "benchmark password 2026"
QUERIES = [
    "communicatiedienst",
    "pers",
    "beeld",
    "sociale media",
    "college schepen",
    "kortompedia",
    "afspraak 37",
    "klachtencoordinator",
    "website toegankelijk",
    "crisis",
    "participatie burgers",
    "zonnepanelen",
]


def database(folder: Path):
    """A database with edition 2024 and a draft edition 2026 copied from it."""
    (catalogue,) = [
        c for c in read_tree(Path(__file__).resolve().parent.parent / "agreements") if c.edition.id == "2024"
    ]
    path = folder / "search.sqlite3"
    db = connect(path)
    migrate(db)
    draft = new_edition(catalogue, "2026", catalogue.edition.title)
    with write(db):
        editions.insert_catalogue(db, catalogue)
        editions.insert_catalogue(db, draft)
    return path, db, draft


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    path, db, draft = database(Path(tempfile.mkdtemp(prefix="bouwpakket-search-")))
    rows = db.execute("SELECT count(*) FROM search_entries WHERE edition_id = '2026'").fetchone()[0]
    queries = iter(QUERIES * (args.runs + 20))
    results = {"query (FTS5 only)": timed(lambda: search.search(db, "2026", next(queries)), args.runs)}

    def store_edition():
        with write(db):
            editions.replace_edition(db, draft)

    def index_only():
        with write(db):
            search.index_edition(db, draft)

    results["save: store the edition"] = timed(store_edition, args.runs // 3, warmup=10)
    results["save: of which the index"] = timed(index_only, args.runs // 3, warmup=10)
    app = create_app({"SECRET_KEY": "s" * 40, "DATABASE": str(path)})
    app.test_cli_runner().invoke(args=["curator", "add", "bench"], input=f"{PASSWORD}\n{PASSWORD}\n")
    client = app.test_client()
    page = client.get("/beheer/login").get_data(as_text=True)
    client.post("/beheer/login", data={"csrf_token": hidden(page, "csrf_token"), "name": "bench", "password": PASSWORD})
    pages = iter(QUERIES * (args.runs + 20))
    results["search page (whole request)"] = timed(
        lambda: client.get("/beheer/edities/2026/zoeken", query_string={"q": next(pages)}), args.runs
    )
    print(f"\nsearch rows in one edition: {rows}\n{'measure':<30}{'p50 ms':>10}{'p95 ms':>10}")
    for name, figures in results.items():
        emit({"benchmark": "search", "measure": name, "rows": rows, **figures})
        print(f"{name:<30}{figures['p50']:>10}{figures['p95']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
