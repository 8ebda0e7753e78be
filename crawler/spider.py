"""The news spider: discovery (feeds, sitemaps, robots.txt, section pages, autodiscovery),
conditional GET on everything we poll, and article requests for what is new or changed.

A thin adapter: parsing lives in :mod:`crawler.discovery`, decisions about known articles in
:mod:`crawler.writer`, extraction in the pipelines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from archive import Source
from archive.timestamps import to_utc_text

from .discovery import (
    DiscoveryError,
    Listing,
    feed_links,
    merge_listings,
    parse_feed,
    parse_section,
    parse_sitemap,
    robots_sitemaps,
)
from .errors import classify_failure
from .items import PageItem, SourceHints
from .urls import canonical_url, url_key
from .writer import ArchiveWriter, listing_changed

log = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 4
MAX_SECTION_PAGES = 50
POLLED_STATUSES = [304]
#: Feeds and sitemaps first, then the articles they list, section pages last: by the time a
#: section page is read its articles are already known, so its pagination is not followed
#: (pagination is for articles that no feed or sitemap announces).
POLL_PRIORITY = {"robots": 20, "sitemap": 10, "feed": 10, "home": 10, "section": -10}


class NewsSpider(scrapy.Spider):
    name = "newsdesk"

    def __init__(
        self,
        *,
        sources: list[Source],
        writer: ArchiveWriter,
        revisit_days: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sources = {s.id: s for s in sources}
        self.writer = writer
        self.revisit_days = revisit_days
        self.hints = {
            s.id: SourceHints(s.id, s.language, s.country, s.topics, s.timezone) for s in sources
        }
        self.patterns = {
            s.id: (
                tuple(re.compile(p) for p in s.article_patterns),
                tuple(re.compile(p) for p in s.exclude_patterns),
            )
            for s in sources
        }
        self.queued = 0  # article requests made, and answered (for the progress bar)
        self.answered = 0
        self._seen_articles: set[str] = set()
        # Article requests not answered yet, by URL key: None, or what a later listing of the
        # same article added to the listing its request carries (merged). The requests
        # themselves wait in Scrapy's queue, on disk (crawler.run): not here.
        self._waiting: dict[str, Listing | None] = {}
        self._seen_polled: set[str] = set()

    # -- start -------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources.values():
            for request in self._source_requests(source):
                yield request

    def _source_requests(self, source: Source) -> Iterator[scrapy.Request]:
        robots = canonical_url("/robots.txt", base=source.url)
        yield self._poll(robots, source.id, "robots", self.parse_robots)
        for url in source.sitemaps:
            yield self._poll(url, source.id, "sitemap", self.parse_sitemap)
        if source.feeds:
            for url in source.feeds:
                yield self._poll(url, source.id, "feed", self.parse_feed)
        else:
            yield self._poll(source.url, source.id, "home", self.parse_home)
        for url in source.sections:
            yield self._poll(url, source.id, "section", self.parse_section, page=1)

    def _poll(self, url: str, source_id: str, kind: str, callback: Any, **meta: Any) -> Any:
        """A request for something we poll every run, made conditional on what it answered
        last time (ETag / Last-Modified), so an unchanged feed costs one 304."""
        if canonical_url(url) in self._seen_polled:
            return None
        self._seen_polled.add(canonical_url(url))
        headers = {}
        state = self.writer.fetch_state(url)
        if (
            state is not None
            and state.last_status in (429, 503)
            and state.next_due_at
            and state.next_due_at > to_utc_text(datetime.now(UTC))
        ):
            # The server asked us (Retry-After) to come back later than now.
            self.writer.count(source_id, "deferred")
            return None
        if state is not None and kind != "robots":  # robots.txt: see crawler.robots
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.polled_failed,
            headers=headers,
            dont_filter=True,
            priority=POLL_PRIORITY[kind],
            meta={
                "source_id": source_id,
                "kind": kind,
                "handle_httpstatus_list": POLLED_STATUSES,
                "dont_obey_robotstxt": kind == "robots",
                "polled_url": url,  # the URL we poll, whatever it redirects to
                **meta,
            },
        )

    def _polled_ok(self, response: Response) -> bool:
        """Record the answer; True when there is a body to parse (not a 304)."""
        meta = response.meta
        if meta["kind"] == "robots":
            if "not_modified" in response.flags:
                self.writer.count(meta["source_id"], "not_modified")
            return True
        url, source_id = meta["polled_url"], meta["source_id"]
        if response.status == 304:
            self.writer.count(source_id, "not_modified")
            previous = self.writer.fetch_state(url)
            if previous is not None and previous.last_status == 200 and previous.last_error:
                # Unchanged, and what it said last time was unusable: still broken. Say so
                # again (the operator sees it every run) without downloading it again.
                kind, _, reason = previous.last_error.partition(": ")
                self._record_unusable(response, kind, f"unchanged since: {reason}")
            else:
                self.writer.save_fetch_state(url, source_id, meta["kind"], status=304)
            return False
        self.writer.save_fetch_state(
            url,
            source_id,
            meta["kind"],
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )
        return True

    def polled_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source_id, kind = request.meta["source_id"], request.meta["kind"]
        error = classify_failure(failure)
        if kind == "robots" and error.http_status in (404, 410):
            return  # no robots.txt is normal: nothing disallowed, no sitemaps announced
        self.writer.save_fetch_state(
            request.meta["polled_url"],
            source_id,
            kind,
            status=error.http_status or 0,
            error=f"{error.kind}: {error.reason}",
            retry_after_s=error.retry_after_s,
        )
        self.writer.error(
            source_id, request.meta["polled_url"], error.kind, error.reason, error.http_status
        )

    def _discovery_failed(self, response: Response, exc: DiscoveryError) -> None:
        self._record_unusable(response, exc.kind, exc.reason)

    def _record_unusable(self, response: Response, error_kind: str, reason: str) -> None:
        """A feed, sitemap or page we fetched but cannot use: an error for this run, and a
        failing state for the URL (its validators kept, so unchanged it costs a 304)."""
        meta = response.meta
        url, source_id, kind = meta["polled_url"], meta["source_id"], meta["kind"]
        self.writer.save_fetch_state(
            url, source_id, kind, status=200, error=f"{error_kind}: {reason}"
        )
        self.writer.error(source_id, url, error_kind, f"{kind}: {reason}")

    # -- discovery callbacks -----------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """robots.txt for its ``Sitemap:`` lines (the rules are Scrapy's RobotsTxtMiddleware's;
        both read one conditional, cached fetch: see :mod:`crawler.robots`)."""
        source = self.sources[response.meta["source_id"]]
        self._polled_ok(response)
        text = response.body.decode("utf-8", "replace") if response.status == 200 else ""
        for url in robots_sitemaps(text, source.url):
            if request := self._poll(url, source.id, "sitemap", self.parse_sitemap):
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        source_id = response.meta["source_id"]
        depth = response.meta.get("depth_sitemap", 0)
        if not self._polled_ok(response):
            if response.status == 304:
                # An unchanged index does not mean unchanged children (many indexes carry no
                # lastmod): ask each sitemap seen before, conditionally.
                for url in self.writer.known_urls(source_id, "sitemap"):
                    request = self._poll(
                        url, source_id, "sitemap", self.parse_sitemap, depth_sitemap=depth + 1
                    )
                    if request is not None:
                        yield request
            return
        try:
            result = parse_sitemap(response.body, response.url)
        except DiscoveryError as exc:
            self._discovery_failed(response, exc)
            return
        if result.is_index:
            if depth >= MAX_SITEMAP_DEPTH:
                self.writer.error(
                    source_id, response.url, "sitemap-depth", "sitemaps nest too deep"
                )
                return
            # The sitemaps above this one: an index listing one of them (or itself) is a
            # loop, reported once per index; each sitemap is read once a run anyway.
            chain = (*response.meta.get("sitemap_chain", ()), response.meta["polled_url"])
            above = {canonical_url(u) for u in chain}
            back = [url for url, _ in result.sitemaps if canonical_url(url) in above]
            if back:
                reason = f"sitemap: lists sitemaps that list it (a loop): {', '.join(back)}"
                self.writer.error(source_id, chain[-1], "sitemap-loop", reason[:500])
            for url, _lastmod in result.sitemaps:
                if canonical_url(url) in above:
                    continue
                request = self._poll(
                    url,
                    source_id,
                    "sitemap",
                    self.parse_sitemap,
                    depth_sitemap=depth + 1,
                    sitemap_chain=chain,
                )
                if request is not None:
                    yield request
            return
        yield from self._articles(source_id, result.listings, response.meta["polled_url"])

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        source_id = response.meta["source_id"]
        if not self._polled_ok(response):
            return
        try:
            result = parse_feed(response.body, response.url)
        except DiscoveryError as exc:
            self._discovery_failed(response, exc)
            return
        if result.warning:
            self.writer.error(source_id, response.url, "feed-malformed", result.warning)
        yield from self._articles(source_id, result.listings, response.meta["polled_url"])

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        source_id = response.meta["source_id"]
        if not self._polled_ok(response):
            # Unchanged home page: poll the feeds found last time.
            for url in self.writer.known_urls(source_id, "feed"):
                if request := self._poll(url, source_id, "feed", self.parse_feed):
                    yield request
            return
        found = feed_links(response.body, response.url)
        if not found:
            self.writer.error(
                source_id, response.url, "no-feed", "no feed configured and none advertised"
            )
        for url in found:
            if request := self._poll(url, source_id, "feed", self.parse_feed):
                yield request

    def parse_section(self, response: Response) -> Iterator[scrapy.Request]:
        source_id = response.meta["source_id"]
        page = response.meta.get("page", 1)
        if not self._polled_ok(response):
            return
        source = self.sources[source_id]
        patterns, excludes = self.patterns[source_id]
        result = parse_section(
            response.body, response.url, source.url, patterns=patterns, excludes=excludes
        )
        listings = [Listing(u, via="section") for u in result.articles]
        new = list(self._articles(source_id, listings, response.meta["polled_url"]))
        yield from new
        # Listings are newest first: a page with nothing new means the rest is known too.
        if new and page < MAX_SECTION_PAGES:
            for url in result.next_pages:
                request = self._poll(url, source_id, "section", self.parse_section, page=page + 1)
                if request is not None:
                    yield request

    # -- articles ----------------------------------------------------------------------------

    def _articles(self, source_id: str, listings: Any, listed_by: str) -> Iterator[scrapy.Request]:
        for listing in listings:
            url = canonical_url(listing.url)
            key = url_key(url)
            if key in self._seen_articles:
                if key in self._waiting:  # not fetched yet: keep what each listing knows
                    known = self._waiting[key]
                    self._waiting[key] = (
                        listing if known is None else merge_listings(known, listing)
                    )
                continue
            self._seen_articles.add(key)
            if url in self._seen_polled:
                continue  # a section or home page we poll anyway (sitemaps list them too)
            skipped = self.writer.skipped(key)
            if skipped is not None and not (
                listing.modified is not None and to_utc_text(listing.modified) > skipped
            ):
                continue  # a known non-article (section page, ...) that did not change
            self.writer.count(source_id, "discovered")
            known = self.writer.known(key)
            if known is not None and not listing_changed(
                known, listing.modified, self.revisit_days
            ):
                continue
            self.queued += 1
            request = scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.article_failed,
                # Articles are deduplicated above (by URL key); Scrapy's filter would only
                # drop a redirect back to a URL seen before, silently: a loop must end in
                # an error we record.
                dont_filter=True,
                meta={
                    "source_id": source_id,
                    "listing": listing,
                    "url_key": key,
                    "listed_by": listed_by,
                },
            )
            self._waiting[key] = None
            yield request

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        source_id = response.meta["source_id"]
        self.answered += 1
        listing = response.meta.get("listing")
        later = self._waiting.pop(response.meta["url_key"], None)
        if later is not None:
            listing = later if listing is None else merge_listings(listing, later)
        self.writer.count(source_id, "fetched")
        content_type = _header(response, b"Content-Type")
        yield PageItem(
            source_id=source_id,
            requested_url=response.request.url,
            url=response.url,
            status=response.status,
            body=response.body,
            content_type=content_type,
            fetched_at=datetime.now(UTC),
            hints=self.hints[source_id],
            listing=listing,
        )

    def article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source_id = request.meta["source_id"]
        self.answered += 1
        self._waiting.pop(request.meta["url_key"], None)
        error = classify_failure(failure)
        if error.kind == "robots":
            self.writer.drop(source_id, "robots-disallowed")
            return
        if error.is_transient:
            # Try again next run: the listing that announced it must not answer 304 then.
            self.writer.taint(request.meta["listed_by"])
        listed_url = (request.meta.get("redirect_urls") or [request.url])[0]
        self.writer.error(source_id, listed_url, error.kind, error.reason, error.http_status)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
