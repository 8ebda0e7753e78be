"""Plain data of the feeds: what a feed is (:class:`FeedSpec`), an entry ready to render
(:class:`Entry`) and one feed document (:class:`Document`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from archive.feed_queries import Selection

#: Feed formats by URL extension.
FORMATS: tuple[str, ...] = ("rss", "atom", "json")

#: Kinds of named feeds, in the order the index and the OPML list them.
KINDS: tuple[str, ...] = ("all", "topic", "region", "source", "query")
KIND_TITLES: dict[str, str] = {
    "all": "Everything",
    "topic": "Topics",
    "region": "Regions",
    "source": "Sources",
    "query": "Saved queries",
    "search": "Searches",
}


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it selects and where it lives (``path`` has no extension)."""

    kind: str  # all, topic, region, source, query or search
    key: str  # topic slug, region code or slug, source id, query id; "" for all and search
    title: str
    description: str
    selection: Selection
    path: str  # e.g. /feeds/topic/politics
    query_string: str = ""  # search feeds: the canonical query (q=...&topic=...)
    language: str | None = None
    #: The HTML page that lists the feed (the alternate link): its line in the index, which
    #: exists both served and published; searches link to their /search page.
    html_path: str = "/"

    @property
    def has_archive(self) -> bool:
        """Named feeds have RFC 5005 archive pages; ad hoc searches do not."""
        return self.kind != "search"

    def url(self, base_url: str, fmt: str, page: int | None = None) -> str:
        path = self.path if page is None else f"{self.path}/archive/{page}"
        query = f"?{self.query_string}" if self.query_string else ""
        return f"{base_url}{path.lstrip('/')}.{fmt}{query}"


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str  # URL prefix of the feeds of this kind, e.g. https://.../feeds/topic/


@dataclass(frozen=True)
class Picture:
    url: str
    media_type: str | None  # guessed from the URL; None when it does not say
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class Outlet:
    """An outlet that carried the story: the entry's own source or another copy."""

    name: str
    url: str  # home page for the source; the article URL for other copies
    feed_url: str | None = None  # newsdesk's feed of that source (for ``source`` elements)
    title: str | None = None


@dataclass(frozen=True)
class Entry:
    """One feed entry, every field final: renderers only format and escape."""

    article_id: int
    guid: str  # permanent (articles.guid), never recomputed
    title: str
    link: str
    summary_text: str
    summary_html: str
    content_html: str | None  # only where the source allows its full text
    authors: tuple[str, ...]
    categories: tuple[Category, ...]
    published: datetime | None  # with the publisher's offset
    updated: datetime  # with the publisher's offset; >= published
    language: str | None
    image: Picture | None
    source: Outlet
    also: tuple[Outlet, ...] = ()


@dataclass(frozen=True)
class Page:
    """Where a document sits in the RFC 5005 archive of its feed."""

    number: int | None  # None for the subscription document (the newest entries)
    archive_pages: int  # complete archive pages of the feed


@dataclass(frozen=True)
class Document:
    spec: FeedSpec
    entries: tuple[Entry, ...]
    updated: datetime  # newest entry update, never "now"
    page: Page
    base_url: str
    hub: str | None = None

    def url(self, fmt: str) -> str:
        return self.spec.url(self.base_url, fmt, self.page.number)

    def archive_url(self, fmt: str, number: int) -> str:
        return self.spec.url(self.base_url, fmt, number)

    def current_url(self, fmt: str) -> str:
        return self.spec.url(self.base_url, fmt)

    @property
    def prev_archive(self) -> int | None:
        """The page of older entries: the newest archive page, or the one before this."""
        if self.page.number is None:
            return self.page.archive_pages or None
        return self.page.number - 1 or None

    @property
    def next_archive(self) -> int | None:
        if self.page.number is None or self.page.number >= self.page.archive_pages:
            return None
        return self.page.number + 1

    def history_links(self, fmt: str) -> list[tuple[str, str]]:
        """RFC 5005 section 4: (rel, href) of current, prev-archive and next-archive."""
        links = []
        if self.page.number is not None:
            links.append(("current", self.current_url(fmt)))
        if self.prev_archive:
            links.append(("prev-archive", self.archive_url(fmt, self.prev_archive)))
        if self.next_archive:
            links.append(("next-archive", self.archive_url(fmt, self.next_archive)))
        return links

    @property
    def alternate_url(self) -> str:
        return self.base_url + self.spec.html_path.lstrip("/")
