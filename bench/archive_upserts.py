"""How long 1,000 article upserts take in a fresh archive (issue: the foundation).

    python bench/archive_upserts.py [--n 1000] [--batch 100]

Articles are realistic in size (about 700 words, 2 authors, 2 images, 3 comments, a 60 KB raw
page stored compressed). Three passes over the same articles: all new, all unchanged (same
content: metadata refreshed, no revision), all updated (content changed: a revision each).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive import Article, Comment, Image, RawPage, open_archive
from archive.writes import upsert_article

WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "would",
    "continue",
    "after",
    "the",
    "army",
    "announced",
    "a",
    "ceasefire",
    "in",
    "the",
    "north",
    "while",
    "officials",
    "warned",
    "that",
    "prices",
    "could",
    "rise",
    "again",
    "next",
    "month",
    "as",
    "the",
    "central",
    "bank",
    "kept",
    "rates",
    "unchanged",
    "and",
    "the",
    "opposition",
    "called",
    "for",
    "new",
    "elections",
]


def make_articles(n: int) -> list[tuple[Article, RawPage]]:
    rnd = random.Random(1)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        paragraphs = [" ".join(rnd.choices(WORDS, k=70)) for _ in range(10)]
        body = "\n\n".join(paragraphs)
        url = f"https://news.example.com/world/2024/{i:06d}-story"
        article = Article(
            url=url,
            canonical_url=url,
            url_key=url.removeprefix("https://"),
            source_id="bench",
            title=" ".join(rnd.choices(WORDS, k=9)).capitalize(),
            subtitle=" ".join(rnd.choices(WORDS, k=20)),
            body=body,
            fetched_at=start + timedelta(minutes=i),
            language="en",
            authors=(f"Reporter {i % 50}", f"Writer {i % 7}"),
            agencies=("AFP",) if i % 3 == 0 else (),
            published=start + timedelta(minutes=i),
            published_source="jsonld",
            published_precision="second",
            images=(Image(f"{url}/1.jpg", "A caption.", "AFP/Name"), Image(f"{url}/2.jpg")),
            comments=tuple(Comment(f"Comment {k}", author="reader") for k in range(3)),
            extractor="bench",
            extractor_version="1",
        )
        html = "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
        raw = RawPage(url=url, html=(html * 6).encode(), fetched_at=article.fetched_at)
        items.append((article, raw))
    return items


def timed_pass(arc, items, batch: int) -> tuple[float, dict[str, int]]:
    statuses: dict[str, int] = {}
    started = time.perf_counter()
    for i in range(0, len(items), batch):
        with arc.transaction() as conn:
            for article, raw in items[i : i + batch]:
                status = upsert_article(conn, article, raw).status
                statuses[status] = statuses.get(status, 0) + 1
    return time.perf_counter() - started, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction")
    args = parser.parse_args()
    items = make_articles(args.n)
    changed = [(replace(a, body=a.body + "\n\nUpdate: more."), r) for a, r in items]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.db"
        with open_archive(path) as arc:
            with arc.transaction() as conn:
                conn.execute(
                    "INSERT INTO sources (id, name, url, updated_at) "
                    "VALUES ('bench', 'Bench', 'https://news.example.com/', 'now')"
                )
            for label, data in (("new", items), ("unchanged", items), ("updated", changed)):
                seconds, statuses = timed_pass(arc, data, args.batch)
                print(
                    f"{args.n} upserts ({label:9s}, {args.batch}/transaction): {seconds:6.3f} s "
                    f"= {seconds / args.n * 1000:5.2f} ms/article  {statuses}"
                )
        size = path.stat().st_size + (
            path.with_name("archive.db-wal").stat().st_size
            if path.with_name("archive.db-wal").exists()
            else 0
        )
        print(
            f"archive size after the three passes: {size / 1e6:.1f} MB "
            f"({size / args.n / 1024:.1f} KB/article incl. raw HTML and one revision)"
        )


if __name__ == "__main__":
    main()
