"""Shared fixtures: temporary archives, article factories, the bench site location."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from archive import Article, Comment, Image, open_archive

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # testkit, beside this file

from testkit import make_bench_site  # noqa: E402

SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"
BENCH_REASON = f"needs the synthetic news sites of {BENCH} (../shared/bench), absent here"

BEIRUT = timezone(timedelta(hours=3))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BENCH.is_dir():
        return
    skip = pytest.mark.skip(reason=BENCH_REASON)
    for item in items:
        if "bench_site" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def archive(archive_path: Path):
    with open_archive(archive_path) as arc:
        with arc.transaction() as conn:
            conn.execute(
                "INSERT INTO sources (id, name, url, updated_at) VALUES "
                "('levant', 'The Levant Post', 'http://levant.example.com/', '2024-01-01T00:00:00Z'),"
                "('courier', 'Daily Courier', 'http://courier.example.com/', '2024-01-01T00:00:00Z')"
            )
        yield arc


def article(**overrides: Any) -> Article:
    """A small valid article; override any field."""
    base = Article(
        url="http://levant.example.com/news/1-syrian-army-storms-qusayr?utm_source=rss",
        canonical_url="http://levant.example.com/news/1-syrian-army-storms-qusayr",
        url_key="levant.example.com/news/1-syrian-army-storms-qusayr",
        source_id="levant",
        title="Syrian army storms Al-Qusayr",
        subtitle="The regime has made recapturing Al-Qusayr a key objective.",
        body="Syrian troops have entered Al-Qusayr.\n\nThe advance came Sunday.",
        fetched_at=datetime(2013, 5, 19, 18, 0, tzinfo=UTC),
        language="en",
        authors=(),
        agencies=("AFP",),
        published=datetime(2013, 5, 19, 20, 31, tzinfo=BEIRUT),
        published_source="meta",
        published_precision="minute",
        images=(Image("http://levant.example.com/a.jpg", "Al-Qusayr fighting.", "AFP/Joseph Eid"),),
        comments=(Comment("Not part of the story.", author="Beiruti", published="2013-05-20"),),
        extractor="test",
        extractor_version="1",
    )
    return replace(base, **overrides)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return article


# -- synthetic news sites (../shared/bench) ------------------------------------------------------


class BenchSite:
    """A generated site tree served by the bench's serve.py on 127.0.0.1."""

    def __init__(self, directory: Path, log: Path) -> None:
        import json
        import signal
        import subprocess
        import sys
        import time

        self.dir = directory
        self.log = log
        port_file = directory.parent / f"{directory.name}.port"
        port_file.unlink(missing_ok=True)
        self._proc = subprocess.Popen(
            [
                sys.executable,
                str(BENCH / "serve.py"),
                str(directory),
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
        else:
            self._proc.kill()
            raise RuntimeError("serve.py did not start")
        self.port = int(port_file.read_text())
        self.base = f"http://127.0.0.1:{self.port}"
        with open(directory / "truth.jsonl", encoding="utf-8") as handle:
            self.truth = [json.loads(line) for line in handle]
        self._signal = signal
        self._json = json
        self._time = time

    def access_log(self) -> list[dict[str, Any]]:
        self._time.sleep(0.5)  # the server flushes its log every 0.2 s
        if not self.log.exists():
            return []
        return [self._json.loads(line) for line in self.log.read_text().splitlines() if line]

    def rotate_log(self) -> None:
        """Start a fresh access log (the server appends, so truncate in place)."""
        self._time.sleep(0.5)
        self.log.write_text("")

    def stop(self) -> None:
        self._proc.send_signal(self._signal.SIGTERM)
        self._proc.wait(timeout=10)


@pytest.fixture(scope="session")
def bench_sites(tmp_path_factory):
    """``bench_sites(*make_sites_args)`` -> a served :class:`BenchSite`, one per distinct
    argument list for the whole session (generating and serving cost seconds)."""
    started: dict[tuple[str, ...], BenchSite] = {}

    def get(*args: str) -> BenchSite:
        if args not in started:
            out = tmp_path_factory.mktemp("bench-site") / "site"
            make_bench_site(out, *args)
            started[args] = BenchSite(out, out.parent / "access.log")
        return started[args]

    yield get
    for site in started.values():
        site.stop()
