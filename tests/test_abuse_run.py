"""The hostile test's replay (benchmarks/abuse.py --quick) against a real gunicorn server passes."""

from __future__ import annotations

import json
import subprocess
import sys

from builder import PROJECT_ROOT


def test_memory_floods_slow_clients_and_headers_hold_against_a_real_server():
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "benchmarks" / "abuse.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PROJECT_ROOT,
    )
    findings = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0, result.stdout + result.stderr
    by_name = {f["finding"]: f for f in findings}
    assert by_name["1 memory"]["growth_mb"] < 20
    assert by_name["10 floods"]["new_notes"].get("429", 0) > 0
    assert by_name["16 slow clients"]["worst_wait_s"] < 1
    assert not by_name["13, 17 headers"]["secure_cookie_from_forwarded_proto"]
