"""Run every benchmark (make bench), then one summary line each; exit 1 when a target is missed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "latency.py",
    "inprocess.py",
    "export.py",
    "pdf.py",
    "growth.py",
    "footprint.py",
    "proxy.py",
    "load.py",
    "abuse.py",
]


def main() -> int:
    results = []
    for name in BENCHMARKS:
        print(f"\n=== {name} ===", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(HERE / name)])
        results.append((name, code, time.monotonic() - started))
    print("\n=== summary ===")
    for name, code, seconds in results:
        print(f"{name:<14}{'PASS' if code == 0 else 'FAIL':>6}{seconds:>8.0f} s")
    return 0 if all(code == 0 for _name, code, _s in results) else 1


if __name__ == "__main__":
    sys.exit(main())
