"""Downloader middlewares: politeness that Scrapy does not do out of the box.

- :class:`BackoffRetryMiddleware`: Scrapy's retries, but waiting between attempts:
  exponential backoff, or the server's ``Retry-After`` when it gives one (a Retry-After
  longer than we are willing to wait within a run is honoured by not retrying now; the
  feed's next poll is then scheduled after it).
- :class:`RobotsCacheMiddleware`: every robots.txt is fetched once per run and
  conditionally (its ETag and body are kept in the archive), so the spider's look at its
  ``Sitemap:`` lines and Scrapy's RobotsTxtMiddleware share one request, and an unchanged
  robots.txt costs a 304.
- :class:`MetaRefreshMiddleware`: Scrapy's, without decoding every page to learn that it
  has no ``<meta http-equiv="refresh">``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as _MetaRefresh
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.response import response_status_message

from archive.crawlstate import CachedRobots, get_robots, save_robots
from archive.timestamps import to_utc_text, utcnow

from .errors import retry_after_seconds

log = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_s = settings.getfloat("NEWSDESK_RETRY_BACKOFF_S", 1.0)
        self.max_wait_s = settings.getfloat("NEWSDESK_RETRY_AFTER_MAX_S", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.max_wait_s:
            return response  # the server asks for a long pause: give up for this run
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await asyncio.sleep(self._delay(request, wait))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        await asyncio.sleep(self._delay(request, None))
        return retry

    def _delay(self, request: Request, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        return self.backoff_s * 2 ** request.meta.get("retry_times", 0)


class MetaRefreshMiddleware(_MetaRefresh):
    """Scrapy's looks for a refresh in the first 4,096 characters of ``response.text``, which
    decodes the whole page (about 0.13 ms for a news page, on every page, in the crawl's one
    thread; the extraction processes decode it anyway). Those characters are at most the
    first 16 KB, and a page whose first 16 KB do not hold the ASCII letters "refresh" has
    no refresh there, whatever its encoding, unless it is one of the rare encodings that do
    not keep ASCII as ASCII (UTF-16 and UTF-32, with their NUL bytes): those go to Scrapy's."""

    HEAD = 4096 * 4

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        head = response.body[: self.HEAD]
        if b"\x00" not in head and b"refresh" not in head.lower():
            return response
        return super().process_response(request, response)


class RobotsCacheMiddleware:
    """One conditional fetch of each robots.txt per run (see the module docstring).

    Needs the crawl's writer connection: ``crawler.newsdesk_writer`` (set by the runner).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._done: dict[str, tuple[int, bytes, dict[bytes, Any], bool]] = {}
        self._pending: dict[str, asyncio.Future[None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsCacheMiddleware:
        return cls(crawler)

    @staticmethod
    def _is_robots(request: Request) -> bool:
        return request.url.endswith("/robots.txt") and bool(request.meta.get("dont_obey_robotstxt"))

    def _conn(self) -> Any:
        writer = getattr(self.crawler, "newsdesk_writer", None)
        return writer.conn if writer is not None else None

    async def process_request(self, request: Request, spider: Any = None) -> Response | None:
        if not self._is_robots(request):
            return None
        url = request.url
        owner = request.meta.get("newsdesk_robots_owner", False)  # carried by retries
        if url not in self._done and url in self._pending and not owner:
            await self._pending[url]
        if url in self._done:
            status, body, headers, not_modified = self._done[url]
            flags = ["cached"] + (["not_modified"] if not_modified else [])
            return Response(
                url, status=status, body=body, headers=headers, flags=flags, request=request
            )
        if not owner:
            self._pending[url] = asyncio.get_running_loop().create_future()
            request.meta["newsdesk_robots_owner"] = True
        conn = self._conn()
        cached = get_robots(conn, url) if conn is not None else None
        if cached is not None:
            if cached.etag:
                request.headers[b"If-None-Match"] = cached.etag
            if cached.last_modified:
                request.headers[b"If-Modified-Since"] = cached.last_modified
        return None

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Response:
        if not self._is_robots(request):
            return response
        url = request.url
        conn = self._conn()
        not_modified = False
        if response.status == 304 and conn is not None:
            cached = get_robots(conn, url)
            if cached is not None:
                response = response.replace(status=cached.status, body=cached.body)
                response.flags.append("not_modified")
                not_modified = True
        elif response.status in (200, 404, 410) and conn is not None:
            save_robots(
                conn,
                CachedRobots(
                    url=url,
                    status=response.status,
                    body=response.body,
                    etag=_text(response.headers.get(b"ETag")),
                    last_modified=_text(response.headers.get(b"Last-Modified")),
                ),
                to_utc_text(utcnow()),
            )
        self._done[url] = (response.status, response.body, dict(response.headers), not_modified)
        self._release(url)
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> None:
        if self._is_robots(request):
            self._release(request.url)

    def _release(self, url: str) -> None:
        future = self._pending.pop(url, None)
        if future is not None and not future.done():
            future.set_result(None)


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
