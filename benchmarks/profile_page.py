"""Profile one wizard page in-process with pyinstrument, for a note with every agreement chosen.

.venv/bin/python benchmarks/profile_page.py /nota/onderdeel/5.8
.venv/bin/python benchmarks/profile_page.py /nota/nalezen --requests 300
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import fresh_database, hidden  # noqa: E402
from builder import create_app  # noqa: E402


def main() -> None:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    app = create_app({"SECRET_KEY": "p" * 40, "DATABASE": str(fresh_database())})
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    client.post("/nota/nieuw", data={"csrf_token": hidden(page, "csrf_token"), "token": hidden(page, "token")})
    for n in range(1, 15):
        page = client.get(f"/nota/onderdeel/5.{n}").get_data(as_text=True)
        form = {"csrf_token": hidden(page, "csrf_token"), "version": hidden(page, "version"), "action": "done"}
        form.update({f"include_{i}": "y" for i in range(13)})
        client.post(f"/nota/onderdeel/5.{n}", data=form)
    for _ in range(30):
        client.get(args.path).close()
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(args.requests):
        client.get(args.path).close()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
