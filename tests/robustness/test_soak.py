"""scripts/soak.py in a short run: service cycles with faults injected and crawl children
killed, then a clean crawl; nothing lost, nothing missing, the archive whole. (The full soak,
20 cycles, is run by hand: its figures are in BENCHMARKS.md.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.bench_site]


@pytest.fixture(scope="module")
def soak() -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, str(ROOT / "scripts" / "soak.py"), "--cycles", "4", "--publishers",
            "2", "--articles", "40", "--fault-rate", "0.3", "--kill-rate", "0.3", "--seed", "3"]  # fmt: skip
    return subprocess.run(argv, capture_output=True, text=True, timeout=900, cwd=ROOT)


def figure(output: str, pattern: str) -> str:
    found = re.search(pattern, output, re.MULTILINE)
    assert found, f"no line matching {pattern!r} in:\n{output}"
    return found.group(1)


def test_the_soak_passes(soak):
    assert soak.returncode == 0, soak.stdout[-3000:] + soak.stderr[-3000:]


def test_faults_were_injected_and_nothing_was_lost(soak):
    injected = figure(soak.stdout, r"^requests through the proxies: \d+; faults injected: (.*)$")
    assert re.search(r"'(503|500|reset|hang|truncated|slow)': [1-9]", injected)
    assert figure(soak.stdout, r"^articles lost: (\d+) ") == "0"
    assert figure(soak.stdout, r"bench site: (\d+ of \d+) found") == "40 of 40"
    assert figure(soak.stdout, r"^archive checks: (.*)$") == "ok"
    assert figure(soak.stdout, r"^service exit code: (.*)$") == "0"
