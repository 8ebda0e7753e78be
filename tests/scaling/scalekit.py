"""Helpers of the distributed-crawl tests: redis-server, polling, the bench
site in the host scheme (one host per publisher, reached through the bench server as an
HTTP proxy), archive reads."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from testkit import free_port, wait_for

from archive import Source
from crawler.distributed.keys import connect


class RedisServer:
    """redis-server on 127.0.0.1, a free port, no persistence (the tests need none)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        argv = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--dir", str(directory)]  # fmt: skip
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        self.client = connect(self.url)
        wait_for("redis-server", self._ping, 10)

    def _ping(self) -> bool:
        with contextlib.suppress(Exception):
            return bool(self.client.ping())
        return False

    def stop(self) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def newsdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk", *args]


def host_scheme(sources: list[Source], origin: str) -> list[Source]:
    """Bench sources under ``http://<publisher>/...``: one host per publisher."""

    def move(url: str) -> str:
        prefix = origin.rstrip("/") + "/"
        if not url.startswith(prefix):
            return url
        return "http://" + url[len(prefix) :]

    return [
        replace(
            s,
            url=move(s.url),
            feeds=tuple(map(move, s.feeds)),
            sitemaps=tuple(map(move, s.sitemaps)),
            sections=tuple(map(move, s.sections)),
        )
        for s in sources
    ]


WORDS = [
    "army",
    "storms",
    "city",
    "talks",
    "stall",
    "budget",
    "vote",
    "court",
    "rules",
    "minister",
    "resigns",
    "flood",
    "warning",
    "election",
    "results",
    "trade",
    "deal",
    "league",
    "final",
    "vaccine",
    "rollout",
    "rocket",
    "launch",
    "festival",
    "opens",
    "strike",
    "ends",
    "port",
    "reopens",
    "ceasefire",
    "holds",
    "bridge",
    "collapses",
    "drought",
    "spreads",
    "market",
    "falls",
]


def synthetic_events(n: int, source_id: str = "levant", seed: int = 1) -> list[bytes]:
    """``n`` distinct processed articles as workers would push them (store events)."""
    import random
    from datetime import UTC, datetime, timedelta

    from archive import Article
    from crawler.dedup import fingerprint
    from crawler.distributed.messages import encode_event
    from crawler.items import PageItem, Processed, SourceHints

    rng = random.Random(seed)
    start = datetime(2024, 5, 1, tzinfo=UTC)
    events = []
    for i in range(n):
        url = f"http://{source_id}.example.com/news/{i}-story"
        title = f"Story {i}: " + " ".join(rng.choices(WORDS, k=6))
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=40)) for _ in range(4))
        when = start + timedelta(minutes=i)
        article = Article(url=url, canonical_url=url, url_key=url.removeprefix("http://"),
                          source_id=source_id, title=title, subtitle=None, body=body,
                          fetched_at=when, language="en", published=when,
                          extractor="test", extractor_version="1")  # fmt: skip
        page = PageItem(source_id, url, url, 200, b"", "text/html", when, SourceHints(source_id))
        processed = Processed(page, article, (), (), fingerprint(title, body), "utf-8")
        events.append(encode_event(("store", processed)))
    return events
