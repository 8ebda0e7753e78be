"""Plain data the archive reads and writes: frozen dataclasses, no behaviour.

The crawler builds these from pages; the feeds read them back. Datetimes are always
timezone-aware (see :mod:`archive.timestamps`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: The counters kept per crawl run and per source, in the order the summary prints them.
RUN_COUNTERS: tuple[str, ...] = (
    "discovered",
    "fetched",
    "not_modified",
    "deferred",
    "new",
    "updated",
    "unchanged",
    "duplicate",
    "dropped",
    "errors",
)

#: Where a publication date came from, strongest evidence first.
DATE_SOURCES: tuple[str, ...] = (
    "jsonld",
    "microdata",
    "meta",
    "time",
    "text",
    "url",
    "feed",
    "sitemap",
)

#: How precise a stored date is: a page that shows only a day gives ``day``.
DATE_PRECISIONS: tuple[str, ...] = ("second", "minute", "day")


@dataclass(frozen=True)
class Image:
    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Comment:
    """A reader comment: stored beside the article, never part of its body."""

    text: str
    author: str | None = None
    published: str | None = None  # ISO 8601 as precise as the page shows (a bare date is fine)
    reply_to: int | None = None  # position of the comment this one answers


@dataclass(frozen=True)
class Article:
    """One extracted, normalized article, ready to be archived."""

    url: str  # the URL it was fetched from
    canonical_url: str
    url_key: str  # canonical URL normalized for dedup decisions
    source_id: str
    title: str
    body: str  # paragraphs separated by one blank line
    fetched_at: datetime
    subtitle: str | None = None
    language: str | None = None
    section: str | None = None
    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    published: datetime | None = None
    published_source: str | None = None  # one of DATE_SOURCES
    published_precision: str | None = None  # one of DATE_PRECISIONS
    modified: datetime | None = None
    images: tuple[Image, ...] = ()
    comments: tuple[Comment, ...] = ()
    pull_quotes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    extractor: str = "newsdesk"
    extractor_version: str = "0"


@dataclass(frozen=True)
class RawPage:
    """The page as downloaded, kept compressed so it can be re-extracted later."""

    url: str
    html: bytes  # may be empty when ``compressed`` is given
    fetched_at: datetime
    http_status: int = 200
    content_type: str | None = None
    encoding: str | None = None
    compressed: bytes | None = None  # zlib of the page, made where CPU is cheap (a worker)
    size: int | None = None  # uncompressed size when only ``compressed`` travels


@dataclass(frozen=True)
class Label:
    """A topic or region label, with how it was decided (so "why?" has an answer in SQL)."""

    kind: str  # "topic", "region" or "world_region"
    value: str  # topic slug, ISO 3166-1 alpha-2 code, or world-region slug
    score: float
    method: str  # e.g. "text", "section", "hint", "gazetteer"
    rank: int = 0  # 0 = primary


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    type: str | None = None
    is_metonym: bool = False


@dataclass(frozen=True)
class UpsertResult:
    article_id: int
    guid: str
    status: str  # "new", "updated" or "unchanged"


@dataclass(frozen=True)
class FetchState:
    """What we remember about one feed, sitemap or section URL between runs."""

    url: str
    source_id: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_fetched_at: str | None = None
    last_success_at: str | None = None
    consecutive_errors: int = 0
    last_error: str | None = None
    next_due_at: str | None = None


@dataclass
class RunCounts:
    """Mutable tally for one run or one source in a run."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RUN_COUNTERS, 0))
    dropped_by_reason: dict[str, int] = field(default_factory=dict)
    errors_by_kind: dict[str, int] = field(default_factory=dict)

    def add(self, counter: str, n: int = 1) -> None:
        self.counts[counter] += n

    def drop(self, reason: str) -> None:
        self.counts["dropped"] += 1
        self.dropped_by_reason[reason] = self.dropped_by_reason.get(reason, 0) + 1

    def error(self, kind: str) -> None:
        self.counts["errors"] += 1
        self.errors_by_kind[kind] = self.errors_by_kind.get(kind, 0) + 1

    def merge(self, other: RunCounts) -> None:
        for key, n in other.counts.items():
            self.counts[key] += n
        for mine, theirs in (
            (self.dropped_by_reason, other.dropped_by_reason),
            (self.errors_by_kind, other.errors_by_kind),
        ):
            for key, n in theirs.items():
                mine[key] = mine.get(key, 0) + n

    def summary(self) -> str:
        """``new=3 updated=1 ... dropped=2 (empty=1, future-date=1) errors=0``"""
        parts = []
        for key in RUN_COUNTERS:
            text = f"{key}={self.counts[key]}"
            detail = {"dropped": self.dropped_by_reason, "errors": self.errors_by_kind}.get(key)
            if detail:
                text += " (" + ", ".join(f"{k}={v}" for k, v in sorted(detail.items())) + ")"
            parts.append(text)
        return " ".join(parts)
