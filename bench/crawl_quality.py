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
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from newsdesk.benchsites import bench_sources, write_sources_toml  # noqa: E402
from newsdesk.evaluate import score_archive  # noqa: E402


def serve(site: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port_file = site.parent / "port"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(BENCH / "serve.py"),
            str(site),
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "--access-log",
            str(log),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        if port_file.exists() and port_file.read_text().strip():
            break
        time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port_file.read_text().strip()}"


def read_log(log: Path) -> list[dict]:
    time.sleep(0.5)
    return [json.loads(line) for line in log.read_text().splitlines() if line]


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
    site = work / "site"
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "make_sites.py"),
            "--publishers",
            str(args.publishers),
            "--articles",
            str(args.articles),
            "--seed",
            str(args.seed),
            "--out",
            str(site),
            "--force",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = work / "access.log"
    proc, base = serve(site, log)
    try:
        settings = {"download_delay": 0.0, "concurrency_per_host": 16}
        write_sources_toml(work / "sources.toml", bench_sources(site, base), settings)
        command = [
            sys.executable,
            "-m",
            "newsdesk",
            "crawl",
            "--archive",
            "archive.db",
            "--no-progress",
        ]
        started = time.perf_counter()
        first = subprocess.run(command, cwd=work, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        read_log(log)
        log.write_text("")
        second = subprocess.run(command, cwd=work, capture_output=True, text=True, check=True)
        second_log = read_log(log)
    finally:
        proc.terminate()
        proc.wait()
    with open(site / "truth.jsonl", encoding="utf-8") as handle:
        truth = [json.loads(line) for line in handle]
    articles = [t for t in truth if t["id"] is not None]
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
        import shutil

        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
