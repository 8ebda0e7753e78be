"""Every benchmark, one after the other, with their figures: the command behind BENCHMARKS.md.

    python bench/run_all.py            # default mode, under 15 minutes on 2 cores
    python bench/run_all.py --long     # adds the 100,000-article crawl and tagging growth

Needs ../shared/bench (the synthetic news sites and their server), wrk and nginx (Debian).
Each part prints its own figures; this script adds the machine and the time each part took.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def parts(long: bool) -> list[tuple[str, list[str]]]:
    bench = ROOT / "bench"
    selected = [
        ("archive writes", [PY, str(bench / "archive_upserts.py")]),
        ("extraction alone (1,000 pages)", [PY, str(bench / "extract_quality.py"),
                                            "--articles", "1000", "--seed", "1"]),
        ("end to end (10,000 articles)", [PY, str(bench / "e2e.py"), "--articles", "10000"]),
        ("an extraction process, stage by stage (600 pages)",
         [PY, str(bench / "worker_stages.py")]),
        ("feeds: serve and publish (100,000 articles)", [PY, str(bench / "serve_feeds.py")]),
        ("SQL at 1,000,000 articles", [PY, str(bench / "sql_scale.py")]),
    ]  # fmt: skip
    if long:
        selected += [
            ("end to end, long mode (100,000 articles, newsdesk only)",
             [PY, str(bench / "e2e.py"), "--articles", "100000", "--skip-references"]),
            ("tagging and story linking as the archive grows",
             [PY, str(bench / "tagging_speed.py")]),
        ]  # fmt: skip
    return selected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {os.cpu_count()} cores, {memory_gb:.0f} GB, {platform.machine()}, "
          f"Python {platform.python_version()}")  # fmt: skip
    started = time.perf_counter()
    failed = 0
    for title, command in parts(args.long):
        print(f"\n== {title}\n$ {' '.join(Path(c).name if c == PY else c for c in command)}",
              flush=True)  # fmt: skip
        begun = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT)
        failed += done.returncode != 0
        print(f"[{time.perf_counter() - begun:.0f} s]", flush=True)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
