"""End-to-end crawl quality: generate a synthetic multi-publisher site, serve it on 127.0.0.1,
run ``newsdesk crawl`` twice, and score the archive against the generator's truth.

    python bench/crawl_quality.py [--publishers 10] [--articles 400] [--seed 7]

Prints: the crawl's own summary line, scores per template and per language (articles found,
body token F1, published to the minute or to the day, authors and agencies exact, comment
leaks), and what the second crawl of the unchanged site asked the server.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sites import BENCH, Server, generate, truth  # noqa: E402

from newsdesk.benchsites import bench_sources, write_sources_toml  # noqa: E402
from newsdesk.evaluate import score_archive  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishers", type=int, default=10)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"skipped: needs {BENCH} (../shared/bench)")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsdesk-crawl-quality-"))
    work.mkdir(parents=True, exist_ok=True)
    site = generate(work / "site", articles=args.articles, publishers=args.publishers,
                    seed=args.seed)  # fmt: skip
    server = Server(site, work / "access.log")
    try:
        settings = {"download_delay": 0.0, "concurrency_per_host": 16}
        write_sources_toml(work / "sources.toml", bench_sources(site, server.base), settings)
        command = [sys.executable, "-m", "newsdesk", "crawl", "--archive", "archive.db",
                   "--no-progress"]  # fmt: skip
        started = time.perf_counter()
        first = subprocess.run(command, cwd=work, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        server.clear_log()
        second = subprocess.run(command, cwd=work, capture_output=True, text=True, check=True)
        second_log = server.entries()
    finally:
        server.stop()
    articles = [t for t in truth(site) if t["id"] is not None]
    print(f"first crawl ({wall:.1f} s wall): {first.stdout.splitlines()[-1]}")
    for group in ("template", "language"):
        scores = score_archive(work / "archive.db", articles, group_by=group)
        print(f"\nby {group}:")
        for name, part in sorted(scores.by_group.items()):
            print(part.line(name))
    print(scores.line("all"))
    statuses = collections.Counter(e["status"] for e in second_log)
    conditional = sum(1 for e in second_log if e["if_none_match"] or e["if_modified_since"])
    print(f"\nsecond crawl: {second.stdout.splitlines()[-1]}")
    print(
        f"second crawl requests: {len(second_log)}, statuses {dict(statuses)}, "
        f"conditional {conditional}"
    )
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
