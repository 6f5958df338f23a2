"""The hostile tests' replay (benchmarks/abuse.py --quick) against a real gunicorn server passes.

Since security round 3 (issue 24) it includes 16 worst-case uploads in parallel: the start page's
95th percentile stays within 1 s and the worker grows by at most 50 MB."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from builder import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.solo]  # a real server under load: `make test` runs it alone


def test_memory_floods_slow_clients_headers_and_uploads_hold_against_a_real_server():
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
    uploads = by_name["issue 24 uploads (16)"]
    assert uploads["start_page_ms"]["p95"] <= 1000, "the start page answers within 1 s during 16 worst uploads"
    assert uploads["growth_mb"] <= 50
    assert not any(status.startswith("5") for status in uploads["statuses"])
