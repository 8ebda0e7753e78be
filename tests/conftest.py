"""Shared fixtures: temporary archives, article factories, the bench site location."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from archive import Article, Comment, Image, open_archive

ROOT = Path(__file__).resolve().parents[1]
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
