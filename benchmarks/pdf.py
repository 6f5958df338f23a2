"""PDF, and the .docx laid out: the full note through a warm LibreOffice, as the download page makes them.

The full note (all intro chapters, all 87 agreements, approval block and both appendices) is
rendered with page tokens and converted by builder/formats/pdf.py's converter, warmed by one
conversion first. p50 of 20 conversions, rendering included. Target: p50 <= 0.5 s. The .docx
download lays the same note out through the same converter and writes the pages into its table
of contents (`word.note_docx`); same runs, same target. Without LibreOffice this benchmark says so
and fails: `make bench` installs it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import emit  # noqa: E402
from benchmarks.notes import full_note  # noqa: E402
from builder.formats.catalogue_files import read_tree  # noqa: E402
from builder.formats.pdf import Converter  # noqa: E402
from builder.formats.word import note_docx, render_note, to_bytes  # noqa: E402

RUNS = 20
TARGET_S = 0.5


def main() -> int:
    """Warm the converter, then time RUNS full notes from choices to PDF bytes."""
    converter = Converter()
    if not converter.available:
        emit({"benchmark": "pdf", "error": "LibreOffice is not installed (make bench installs it)", "pass": False})
        return 1
    root = Path(__file__).resolve().parent.parent / "agreements"
    (catalogue,) = [c for c in read_tree(root) if c.edition.id == "2024"]
    choices = full_note(catalogue)
    try:
        _pdf, pages = converter.convert(to_bytes(render_note(choices, catalogue, page_tokens=True)))
        made = {
            "pdf": lambda: converter.convert(to_bytes(render_note(choices, catalogue, page_tokens=True))),
            "docx-laid-out": lambda: note_docx(choices, catalogue, converter),
        }
        times = {name: _timed(make) for name, make in made.items()}
    finally:
        converter.stop()
    print(f"{'full note, warm':<28}{'p50 s':>8}{'max s':>8}{'pages':>7}")
    ok = True
    for name, found in times.items():
        p50 = statistics.median(found)
        ok = ok and p50 <= TARGET_S
        print(f"{name:<28}{p50:>8.3f}{max(found):>8.3f}{pages:>7}")
        emit(
            {
                "benchmark": name,
                "p50_s": round(p50, 3),
                "max_s": round(max(found), 3),
                "pages": pages,
                "target_s": TARGET_S,
                "pass": p50 <= TARGET_S,
            }
        )
    return 0 if ok else 1


def _timed(make) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        make()
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    sys.exit(main())
