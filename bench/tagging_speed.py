"""What tagging and story linking cost per article, and whether it stays flat as the archive grows.

    python bench/tagging_speed.py                        # generates a small bench site
    python bench/tagging_speed.py --truth DIR/truth.jsonl --sizes 1000 10000 100000

A real archive (WAL, the writer's connection, archive/ writes) is grown to each size with
synthetic articles: random text, random MinHash signatures (so the LSH table is as large and
as selective as real unrelated articles make it), a few labels each. At each size, real news
articles from a synthetic news site are archived (``upsert_article``, not counted) and then
tagged and linked (counted): ``tag_article`` + ``set_labels`` + ``set_places`` +
``fingerprint`` + ``link_article``, committed every 50 articles like the crawler's writer.
Prints wall-clock ms per article (mean, median, 95th percentile) at each size, the split
between tagging and linking, and the CPU ms per article (unaffected by other processes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import Article, Label, open_archive  # noqa: E402
from archive.stories import Fingerprint, link_article  # noqa: E402
from archive.writes import set_labels, set_places, sync_sources, upsert_article  # noqa: E402
from crawler.dedup import _band_keys, fingerprint  # noqa: E402
from crawler.tagging import tag_article  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
BATCH = 50
WORDS_TEXT = (
    "government minister said talks would continue after the army announced a ceasefire in "
    "the north while officials warned that prices could rise again next month as the central "
    "bank kept rates unchanged and the opposition called for new elections"
)
WORDS = WORDS_TEXT.split()


def real_articles(truth: Path, limit: int) -> list[dict]:
    with truth.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    records = [r for r in records if r.get("id") is not None and r.get("region")]
    return sorted(records, key=lambda r: r["published"])[:limit]


def synthetic(conn, start: int, stop: int, rnd: random.Random) -> None:
    base = datetime(2023, 1, 1, tzinfo=UTC)
    for i in range(start, stop):
        body = "\n\n".join(" ".join(rnd.choices(WORDS, k=60)) for _ in range(4))
        url = f"https://filler.example.com/{i}"
        when = base + timedelta(minutes=7 * i)
        article = Article(
            url=url,
            canonical_url=url,
            url_key=url.removeprefix("https://"),
            source_id="filler",
            title=" ".join(rnd.choices(WORDS, k=8)),
            body=body,
            fetched_at=when,
            language="en",
            published=when,
        )
        article_id = upsert_article(conn, article).article_id
        set_labels(conn, article_id, [Label("topic", "politics", 0.8, "text")])
        signature = rnd.randbytes(512)
        link_article(
            conn,
            article_id,
            Fingerprint(f"{i:040x}", 230, signature, _band_keys(signature)),
            now=when,
        )


def measure(archive, records: list[dict]) -> tuple[list[float], float, float, float]:
    """(wall ms per article, tagging s, linking s, CPU s) for one slice of real articles.

    Wall time is what a crawl waits; CPU time is what it costs, and does not move when other
    processes share the cores (as on a shared 2-core machine)."""
    per_article: list[float] = []
    tagging = linking = cpu = 0.0
    for start in range(0, len(records), BATCH):
        chunk = records[start : start + BATCH]
        with archive.transaction() as conn:
            ids = []
            for r in chunk:
                url = "http://" + r["publisher"] + r["path"]
                when = datetime.fromisoformat(r["published"])
                article = Article(
                    url=url,
                    canonical_url=url,
                    url_key=r["publisher"] + r["path"],
                    source_id=r["publisher"].replace(".", "-"),
                    title=r["title"],
                    subtitle=r["subtitle"],
                    body="\n\n".join(r["body"]),
                    fetched_at=when,
                    language=r["language"],
                    section=r["section"],
                    published=when,
                )
                ids.append((upsert_article(conn, article).article_id, article))
        cpu_start = time.process_time()
        with archive.transaction() as conn:
            batch_start = time.perf_counter()
            for article_id, a in ids:
                t0 = time.perf_counter()
                tags = tag_article(
                    a.title,
                    a.subtitle,
                    a.body,
                    language=a.language,
                    section=a.section,
                    url=a.url,
                )
                set_labels(conn, article_id, tags.labels())
                set_places(conn, article_id, tags.places)
                t1 = time.perf_counter()
                link_article(conn, article_id, fingerprint(a.title, a.body))
                t2 = time.perf_counter()
                tagging += t1 - t0
                linking += t2 - t1
                per_article.append((t2 - t0) * 1000)
        cpu += time.process_time() - cpu_start
        commit_ms = (time.perf_counter() - batch_start) * 1000 - sum(per_article[-len(ids) :])
        # The commit is part of the cost: spread it over the batch.
        per_article[-len(ids) :] = [ms + commit_ms / len(ids) for ms in per_article[-len(ids) :]]
    return per_article, tagging, linking, cpu


def generate(out: Path, articles: int) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "make_sites.py"),
            "--publishers",
            "10",
            "--articles",
            str(articles),
            "--seed",
            "3",
            "--no-bad",
            "--out",
            str(out),
            "--force",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "truth.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, help="truth.jsonl of a generated site")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--sample", type=int, default=400, help="real articles measured per size")
    args = parser.parse_args(argv)
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        truth = args.truth or generate(Path(tmp) / "site", args.sample * len(args.sizes))
        records = real_articles(truth, args.sample * len(args.sizes))
        # Warm up the lookup tables (built once per process, about a second) outside the timing.
        tag_article("Warm-up in Beirut", None, "Talks in Paris.", language="en")
        for language in ("fr", "de", "ar"):
            tag_article("x", None, "y", language=language)
        path = Path(tmp) / "archive.db"
        print(f"cpus={os.cpu_count()} python={sys.version.split()[0]} sample={args.sample}")
        print(
            f"{'archive size':>12}  {'mean ms':>8}  {'median':>8}  {'p95':>8}  "
            f"{'tag ms':>7}  {'link ms':>7}  {'cpu ms':>7}  {'grow s':>7}"
        )
        with open_archive(path) as archive:
            with archive.transaction() as conn:
                sync_sources(
                    conn,
                    [{"id": "filler", "name": "Filler", "url": "https://filler.example.com/"}]
                    + [
                        {"id": p.replace(".", "-"), "name": p, "url": f"http://{p}/"}
                        for p in sorted({r["publisher"] for r in records})
                    ],
                )
            size = 0
            for n, target in enumerate(args.sizes):
                grow_started = time.perf_counter()
                while size < target - args.sample * n:
                    step = min(5000, target - args.sample * n - size)
                    with archive.transaction() as conn:
                        synthetic(conn, size, size + step, rnd)
                    size += step
                grown_s = time.perf_counter() - grow_started
                chunk = records[n * args.sample : (n + 1) * args.sample]
                per_article, tagging, linking, cpu = measure(archive, chunk)
                total = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                per_article.sort()
                print(
                    f"{total:>12,}  {statistics.mean(per_article):>8.2f}  "
                    f"{statistics.median(per_article):>8.2f}  "
                    f"{per_article[int(0.95 * (len(per_article) - 1))]:>8.2f}  "
                    f"{tagging * 1000 / len(chunk):>7.2f}  {linking * 1000 / len(chunk):>7.2f}  "
                    f"{cpu * 1000 / len(chunk):>7.2f}  {grown_s:>7.1f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
