"""Longer fuzz runs than CI's: the properties of tests/robustness/test_fuzz.py with many random
examples (hypothesis), for extraction, crawl processing, discovery and feed building.

    .venv/bin/python scripts/fuzz.py [--examples 5000] [-k extraction] [--seed N]

CI runs the same properties with 150 fixed (derandomized) examples each. Here every run draws
new random inputs; a failure is printed with the smallest input hypothesis found, and its
seed, so that it can be replayed with ``--seed``. Prints per property the examples run, the
time taken and the outcome; exits non-zero if any property failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "robustness" / "test_fuzz.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property")
    parser.add_argument("-k", dest="keyword", default="", help="only properties matching this")
    parser.add_argument("--seed", type=int, help="replay a run (hypothesis --hypothesis-seed)")
    args = parser.parse_args()
    env = {**os.environ, "NEWSDESK_FUZZ_EXAMPLES": str(args.examples), "NEWSDESK_FUZZ_RANDOM": "1"}
    argv = [sys.executable, "-m", "pytest", str(TESTS), "-v", "-p", "no:cacheprovider",
            "--hypothesis-show-statistics", "--tb=short", "-rN"]  # fmt: skip
    if args.keyword:
        argv += ["-k", args.keyword]
    if args.seed is not None:
        argv += [f"--hypothesis-seed={args.seed}"]
    started = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    print(_report(done.stdout), end="")
    if done.returncode not in (0, 1):
        print(done.stdout[-5000:], done.stderr[-5000:], sep="\n")
    elif done.returncode == 1:
        print(done.stdout[-20000:])
    print(f"fuzz: {args.examples} examples per property, {time.monotonic() - started:.0f} s in all")
    return done.returncode


def _report(stdout: str) -> str:
    """One line per property: outcome, examples and time from hypothesis's statistics."""
    outcomes = dict(re.findall(r"test_fuzz\.py::(\w+) (PASSED|FAILED)", stdout))
    _, _, statistics = stdout.partition("Hypothesis Statistics")
    lines = []
    for name, block in re.findall(r"test_fuzz\.py::(\w+):\n(.*?)(?=\n\S|\Z)", statistics, re.S):
        counts = re.findall(r"(\d+) passing, (\d+) failing, and (\d+) invalid", block)
        seconds = sum(float(s) for s in re.findall(r"phase \(([\d.]+) seconds\)", block))
        passing, failing, invalid = (sum(int(c[i]) for c in counts) for i in range(3))
        lines.append(
            f"{outcomes.get(name, '?'):6} {name}: {passing} passing, {failing} failing, "
            f"{invalid} invalid examples in {seconds:.1f} s\n"
        )
    return "".join(lines)


if __name__ == "__main__":
    sys.exit(main())
