"""What flows through the crawl: a downloaded page, and what processing made of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from archive import Article, Label, Place

from .discovery import Listing


@dataclass(frozen=True)
class SourceHints:
    """What sources.toml says about a source that helps extraction and tagging."""

    source_id: str
    language: str | None = None
    country: str | None = None
    topics: tuple[str, ...] = ()
    timezone: str | None = None


@dataclass(frozen=True)
class PageItem:
    """An article page as downloaded, before extraction (the Scrapy item)."""

    source_id: str
    requested_url: str
    url: str  # after redirects
    status: int
    body: bytes = field(repr=False)  # Scrapy logs an item it failed on: not its whole page
    content_type: str | None
    fetched_at: datetime
    hints: SourceHints
    listing: Listing | None = None


@dataclass(frozen=True)
class Processed:
    """A page turned into an article with its labels and fingerprint, ready to store.

    Built in a worker process (extraction and tagging are CPU-bound), so everything here
    pickles.
    """

    page: PageItem
    article: Article
    labels: tuple[Label, ...]
    places: tuple[Place, ...]
    fingerprint: Any  # crawler.dedup.Fingerprint
    encoding: str | None
    #: The page, compressed in the worker (page.body travels back empty).
    raw_zlib: bytes = field(default=b"", repr=False)
    raw_size: int = 0
