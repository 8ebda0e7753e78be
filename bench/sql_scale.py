"""SQL at scale: full-text search and a day-by-region aggregate on a 1,000,000-article archive.

    python bench/sql_scale.py [--articles 1000000] [--queries 300]

Builds (once; kept in --workdir) a synthetic archive with the real schema: short articles
(about 120 words drawn with a Zipf law from a 5,000-word vocabulary, so some words are in
half the archive and most in a few hundred articles), 30 sources, topics and regions labels,
the FTS index filled by its triggers. Then measures, through the code newsdesk itself uses
(``archive.queries.search`` on a read-only connection):

- ``newsdesk search`` p50/p99 over a mix of one- and two-word queries drawn like the text;
- the per-day-by-region view for the last 30 days, and the whole view;
- archive bytes per article;
- ``newsdesk publish`` of every feed, and an incremental publish after 100 new articles.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import open_archive, open_reader  # noqa: E402
from archive.geo import world_region  # noqa: E402
from archive.queries import ArticleFilter, search  # noqa: E402
from archive.taxonomy import TOPICS  # noqa: E402

VOCABULARY = 5_000
COUNTRIES = ["SY", "LB", "FR", "DE", "US", "GB", "EG", "IQ", "JO", "MA", "DZ", "TN", "SN", "NG",
             "KE", "ZA", "BR", "AR", "MX", "IN", "CN", "JP", "RU", "UA", "TR", "IR", "SA", "AE",
             "QA", "IL"]  # fmt: skip


def word(i: int) -> str:
    """A pronounceable made-up word per rank (stable across runs)."""
    syllables = ["ba", "ke", "ti", "lo", "mu", "ra", "se", "no", "vi", "da", "go", "pe"]
    out, n = "", i + 13
    while n:
        out += syllables[n % len(syllables)]
        n //= len(syllables)
    return out


def zipf_sampler(rnd: random.Random):  # type: ignore[no-untyped-def]
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(VOCABULARY)))
    words = [word(i) for i in range(VOCABULARY)]
    return lambda k: rnd.choices(words, cum_weights=cumulative, k=k)


def build(workdir: Path, n: int) -> Path:
    path = workdir / f"sql-{n}.db"
    done = workdir / f"sql-{n}.done"
    if done.exists():
        print(f"reusing {path}")
        return path
    for stale in workdir.glob(f"sql-{n}.db*"):
        stale.unlink()
    started = time.perf_counter()
    rnd = random.Random(7)
    draw = zipf_sampler(rnd)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with open_archive(path) as archive:
        conn = archive.conn
        conn.execute("PRAGMA synchronous = OFF")  # a throwaway bench file
        # Bulk load: the per-row triggers (FTS, feed stamps) are set aside and their work
        # done once at the end, which is several times faster than row by row.
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            "('articles', 'labels')"
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.executemany(
            "INSERT INTO sources (id, name, url, updated_at) VALUES (?, ?, ?, 'now')",
            [(f"s{i}", f"Source {i}", f"https://s{i}.example.com/") for i in range(30)],
        )
        batch = 20_000
        for first in range(0, n, batch):
            rows, labels = [], []
            for i in range(first, min(first + batch, n)):
                when = (start + timedelta(seconds=i * 30)).strftime("%Y-%m-%dT%H:%M:%SZ")
                body = " ".join(draw(120))
                rows.append(
                    (i + 1, f"urn:uuid:{i:032x}", f"https://s{i % 30}.example.com/a/{i}",
                     f"https://s{i % 30}.example.com/a/{i}", f"s{i % 30}.example.com/a/{i}",
                     f"s{i % 30}", " ".join(draw(9)).capitalize(), " ".join(draw(20)), body,
                     "en", when, when, when, f"{i:064x}", 120, "bench", "1")
                )  # fmt: skip
                topic = TOPICS[rnd.randrange(len(TOPICS))].slug
                country = rnd.choice(COUNTRIES)
                labels += [
                    (i + 1, "topic", topic, 0, 0.9, "text"),
                    (i + 1, "region", country, 0, 0.8, "gazetteer"),
                    (i + 1, "world_region", world_region(country).slug, 0, 0.8, "country"),
                ]
            with archive.transaction():
                conn.executemany(
                    "INSERT INTO articles (id, guid, url, canonical_url, url_key, source_id, "
                    "title, subtitle, body, language, published, first_seen, fetched_at, "
                    "content_hash, word_count, extractor, extractor_version) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                conn.executemany(
                    "INSERT INTO labels (article_id, kind, value, rank, score, method) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    labels,
                )
            print(f"  {first + len(rows):,} articles ({time.perf_counter() - started:.0f} s)",
                  end="\r", flush=True)  # fmt: skip
        with archive.transaction():
            for _, sql in triggers:
                conn.execute(sql)
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            conn.execute(
                "INSERT OR REPLACE INTO feed_stamps (article_id, seq) SELECT id, id FROM articles"
            )
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    done.write_text("ok\n")
    print(f"\nbuilt {n:,} articles in {time.perf_counter() - started:.0f} s")
    return path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsdesk-bench-sql"))
    parser.add_argument("--no-publish", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = build(args.workdir, args.articles)
    size = sum(p.stat().st_size for p in args.workdir.glob(path.name + "*"))
    print(f"archive: {args.articles:,} articles, {size / 1e9:.2f} GB, "
          f"{size / args.articles:,.0f} bytes per article (FTS index included)")  # fmt: skip

    conn = open_reader(path)
    rnd = random.Random(11)
    draw = zipf_sampler(rnd)
    # What people search a news archive for are names, places and topics: words found in a
    # few per cent of the articles at most. The second mix draws words as the text does,
    # stop-word-like ones included (found in most articles): the worst case, as bm25 reads a
    # word's whole posting list to weigh it.
    content = [word(i) for i in range(100, VOCABULARY)]
    most = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [f'"{content[0]}"']
    ).fetchone()[0]
    mixes = {
        f"content words (each in at most {most / args.articles:.0%} of articles)": [
            " ".join(rnd.sample(content, rnd.choice((1, 1, 2)))) for _ in range(args.queries)
        ],
        "words drawn like the text (incl. words in most articles)": [
            " ".join(draw(rnd.choice((1, 1, 2)))) for _ in range(args.queries)
        ],
    }
    search(conn, mixes[next(iter(mixes))][0], limit=20)  # warm the page cache
    for label, queries in mixes.items():
        times = [timed(lambda q=q: search(conn, q, limit=20))[0] for q in queries]
        filtered = [
            timed(lambda q=q: search(conn, q, ArticleFilter(region="SY"), limit=20))[0]
            for q in queries[:100]
        ]
        print(
            f"search, {label}: p50 {percentile(times, 50):.1f} ms, "
            f"p99 {percentile(times, 99):.1f} ms; with --region sy: p50 "
            f"{percentile(filtered, 50):.1f} ms, p99 {percentile(filtered, 99):.1f} ms"
        )
    since = conn.execute("SELECT date(max(published), '-30 days') FROM articles").fetchone()[0]
    recent = []
    for _ in range(5):
        ms, rows = timed(
            lambda: conn.execute(
                "SELECT substr(a.published, 1, 10) AS day, l.value AS region, count(*) "
                "FROM articles a CROSS JOIN labels l ON l.article_id = a.id AND l.kind = 'region' "
                "AND l.rank = 0 WHERE a.published >= ? GROUP BY day, region",
                [since],
            ).fetchall()
        )
        recent.append(ms)
    whole_ms, whole = timed(
        lambda: conn.execute(
            "SELECT day, region, articles FROM articles_per_day_by_region"
        ).fetchall()
    )
    print(
        f"articles per day by region, last 30 days (range on published): median "
        f"{statistics.median(recent):.0f} ms ({len(rows)} rows); the whole view "
        f"articles_per_day_by_region: {whole_ms:.0f} ms ({len(whole)} rows)"
    )
    conn.close()

    if not args.no_publish:
        out = args.workdir / "public"
        newsdesk = str(Path(sys.executable).with_name("newsdesk"))
        command = [newsdesk, "publish", "--archive", str(path), "--out", str(out),
                   "--base-url", "https://feeds.example.com/", "--full"]  # fmt: skip
        ms, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
        print(f"newsdesk publish --full (every feed): {ms / 1000:.2f} s")
        with open_archive(path) as archive, archive.transaction() as wconn:
            top = wconn.execute("SELECT max(id) FROM articles").fetchone()[0]
            wconn.executemany(
                "INSERT INTO articles (guid, url, canonical_url, url_key, source_id, title, "
                "body, published, first_seen, fetched_at, content_hash, extractor, "
                "extractor_version) VALUES (?, ?, ?, ?, 's1', ?, ?, ?, ?, ?, ?, 'bench', '1')",
                [
                    (f"urn:uuid:new-{top + i}", f"https://s1.example.com/new/{top + i}",
                     f"https://s1.example.com/new/{top + i}", f"s1.example.com/new/{top + i}",
                     f"New story {i}", " ".join(draw(120)), "2030-01-01T00:00:00Z",
                     "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", f"new{top + i}")
                    for i in range(1, 101)
                ],
            )  # fmt: skip
        ms, done = timed(
            lambda: subprocess.run(command[:-1], check=True, capture_output=True, text=True)
        )
        print(
            f"newsdesk publish after 100 new articles (incremental): {ms / 1000:.2f} s  "
            f"[{done.stdout.strip()}]"
        )
        with open_archive(path) as archive, archive.transaction() as wconn:
            wconn.execute("DELETE FROM articles WHERE guid LIKE 'urn:uuid:new-%'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
