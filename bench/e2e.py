"""End to end: newsdesk crawl against the hand-written crawler and the fetch-only limit, on the
same synthetic site, in one run.

    python bench/e2e.py                      # 10,000-article site (default mode)
    python bench/e2e.py --articles 100000    # long mode (newsdesk only; memory flatness)
    python bench/e2e.py --profile            # also a py-spy profile of the newsdesk crawl

Each crawler gets a fresh bench server (cold cache) on the same generated site; the server's
CPU is not counted. Prints articles/s, CPU seconds per article and peak RSS (the whole
process tree) for each, the two ratios, and the quality of what each archived (bench truth).
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from procstats import Measured, run_measured  # noqa: E402
from sites import BENCH, Server, generate  # noqa: E402

from newsdesk.benchsites import bench_sources, write_sources_toml  # noqa: E402
from newsdesk.evaluate import same_time, score_archive, token_f1  # noqa: E402


def article_fetches(log: list[dict], article_paths: set[str]) -> int:
    return sum(1 for e in log if e["status"] == 200 and e["path"] in article_paths)


def describe(name: str, m: Measured, items: int, unit: str) -> str:
    rate = items / m.wall_s if m.wall_s else 0.0
    cpu_ms = m.cpu_s / items * 1000 if items else 0.0
    return (
        f"{name:28s} {items:6d} {unit:8s} in {m.wall_s:7.1f} s = {rate:7.1f} {unit}/s   "
        f"CPU {m.cpu_s:7.1f} s ({cpu_ms:5.1f} ms/{unit[:-1]})   peak RSS {m.peak_rss_mb:6.0f} MB"
    )


def score_handwritten(db: Path, truth: list[dict]) -> str:
    by_path = {t["url_path"]: t for t in truth}
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, author, date, text FROM articles").fetchall()
    conn.close()
    f1s, dates, people = [], [], []
    for url, author, date, text in rows:
        path = "/" + url.split("/", 3)[3]
        record = by_path.get(path)
        if record is None:
            continue
        f1s.append(token_f1(text or "", "\n\n".join(record["body"])))
        # trafilatura gives the day only: compare to the day
        dates.append(
            bool(date) and same_time(f"{date}T12:00:00Z", record["published"], to_day=True)
        )
        names = {a.strip() for a in (author or "").replace(";", ",").split(",") if a.strip()}
        people.append(names == set(record["authors"]) and not record["agencies"])
    n = len(f1s) or 1
    return (
        f"{'hand-written (trafilatura)':24s} pages {len(f1s)}  body F1 {sum(f1s) / n:.4f}  "
        f"published (day) {sum(dates) / n:.4f}  authors+agencies {sum(people) / n:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--publishers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--handwritten-pages",
        type=int,
        default=0,
        help="stop the hand-written crawler after this many pages (default 0: the whole "
        "site; its first pages come from the cheapest templates, so a sample flatters it)",
    )
    parser.add_argument(
        "--skip-references", action="store_true", help="measure newsdesk only (long mode)"
    )
    parser.add_argument("--profile", action="store_true", help="py-spy profile of the crawl")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"skipped: needs {BENCH} (../shared/bench)")
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsdesk-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    if not (site / "truth.jsonl").exists():
        started = time.perf_counter()
        generate(site, articles=args.articles, publishers=args.publishers, seed=args.seed,
                 bad_inputs=False)  # fmt: skip
        print(f"site: {args.articles} articles, {args.publishers} publishers, generated in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    with open(site / "truth.jsonl", encoding="utf-8") as handle:
        truth = [json.loads(line) for line in handle]
    lines = []

    # 1. newsdesk crawl
    server = Server(site, work / "access-newsdesk.log")
    archive = work / "archive.db"
    for stale in work.glob("archive.db*"):
        stale.unlink()
    write_sources_toml(
        work / "sources.toml",
        bench_sources(site, server.base),
        {"download_delay": 0.0, "concurrency_per_host": 16},
    )
    command = [
        sys.executable,
        "-m",
        "newsdesk",
        "crawl",
        "--archive",
        str(archive),
        "--no-progress",
    ]
    if args.profile:
        py_spy = Path(sys.executable).with_name("py-spy")
        command = [
            str(py_spy),
            "record",
            "--subprocesses",
            "--format",
            "raw",
            "--rate",
            "50",
            "-o",
            str(work / "profile.txt"),
            "--",
            *command,
        ]
    ours = run_measured(command, cwd=work)
    log = server.stop()
    if ours.returncode != 0:
        print(ours.stderr[-3000:])
        return 1
    conn = sqlite3.connect(archive)
    archived = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    statuses = collections.Counter(e["status"] for e in log)
    lines.append(describe("newsdesk crawl", ours, archived, "articles"))
    print(lines[-1], f"  [{len(log)} requests {dict(statuses)}]", flush=True)
    if args.profile:
        print(profile_summary(work / "profile.txt"))

    if not args.skip_references:
        # 2. the hand-written crawler
        server = Server(site, work / "access-handwritten.log")
        hand_db = work / "handwritten.db"
        hand_db.unlink(missing_ok=True)
        hand = run_measured(
            [
                sys.executable,
                str(ROOT / "bench" / "handwritten.py"),
                "extract",
                f"{server.base}/robots.txt",
                str(hand_db),
                "--max-items",
                str(args.handwritten_pages),
            ],
            cwd=work,
        )
        server.stop()
        conn = sqlite3.connect(hand_db)
        hand_items = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        lines.append(describe("hand-written crawler", hand, hand_items, "articles"))
        print(lines[-1], flush=True)

        # 3. fetch-only
        server = Server(site, work / "access-fetch.log")
        fetch = run_measured(
            [
                sys.executable,
                str(ROOT / "bench" / "handwritten.py"),
                "fetch",
                f"{server.base}/robots.txt",
            ],
            cwd=work,
        )
        fetched = article_fetches(server.stop(), {t["url_path"] for t in truth})
        lines.append(describe("fetch-only limit", fetch, fetched, "pages"))
        print(lines[-1], flush=True)

        ours_rate = archived / ours.wall_s
        print(
            f"\nnewsdesk / hand-written: {ours_rate / (hand_items / hand.wall_s):.2f}x "
            f"articles/s;  newsdesk / fetch-only: {ours_rate / (fetched / fetch.wall_s):.0%} "
            f"of the limit"
        )
        print(
            f"CPU per article: newsdesk {ours.cpu_s / archived * 1000:.1f} ms, hand-written "
            f"{hand.cpu_s / hand_items * 1000:.1f} ms"
        )

    articles = [t for t in truth if t["id"] is not None]
    print("\nquality (bench truth):")
    print(score_archive(archive, articles).line("newsdesk"))
    if not args.skip_references:
        print(score_handwritten(work / "handwritten.db", articles))
    if args.workdir is None:
        shutil.rmtree(work)
    return 0


def profile_summary(path: Path, top: int = 25) -> str:
    """Self time and inclusive time per function from py-spy's raw (collapsed) output."""
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    processes: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        frames = stack.split(";")
        total += count
        processes[frames[0].split(" ")[0]] += count
        own[frames[-1]] += count
        for frame in set(frames[1:]):
            inclusive[frame] += count
    out = [f"profile: {total} samples"]
    out += [f"  {share / total:6.1%}  {name}" for name, share in processes.most_common(5)]
    out.append("self time:")
    out += [f"  {share / total:6.1%}  {name}" for name, share in own.most_common(top)]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
