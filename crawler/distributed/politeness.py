"""Per-host politeness across all workers together, enforced in Redis.

- :class:`HostSlotMiddleware`: before a request goes to the network it takes a slot of its
  host in Redis (a Lua script on Redis's clock): at most ``NEWSDESK_HOST_CONCURRENCY``
  requests to a host in progress at once over all workers, and starts spaced at least
  ``NEWSDESK_HOST_DELAY_S`` apart. A slot is a lease that expires, so a killed worker's slots
  free themselves. Within a worker one request per host waits for a slot; the others wait
  behind it, so waiting costs Redis one question per host and per worker at a time.
- :class:`SharedRobotsCacheMiddleware`: each robots.txt is fetched by one worker at a time,
  conditionally, and shared through Redis; within ``NEWSDESK_ROBOTS_FRESH_S`` every worker
  uses the shared copy without asking the host.
- :class:`SharedRobotsTxtMiddleware`: Scrapy's robots.txt rules, re-read from that shared copy
  when they are older than the same freshness (a worker lives longer than a run).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from .keys import Keys

#: request.meta key of the host slot a request holds.
LEASE = "newsdesk_host_lease"
#: Longest single wait before asking Redis again for a slot.
MAX_POLL_S = 0.25

#: Take a slot of a host: 0, or how many ms to wait before asking again.
_ACQUIRE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if next_at > now then return next_at - now end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return math.max(1, math.min(tonumber(first[2]) - now, 20))
end
local delay = tonumber(ARGV[1])
if delay > 0 then redis.call('SET', KEYS[1], now + delay, 'PX', delay + 60000) end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 60000)
return 0
"""


def _redis(crawler: Crawler) -> tuple[Any, Keys]:
    return crawler.newsdesk_server, crawler.newsdesk_keys  # type: ignore[attr-defined]


class HostSlotMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.server, self.keys = _redis(crawler)
        self.delay_ms = int(settings.getfloat("NEWSDESK_HOST_DELAY_S") * 1000)
        self.max_active = max(1, settings.getint("NEWSDESK_HOST_CONCURRENCY"))
        self.lease_ms = int((settings.getfloat("DOWNLOAD_TIMEOUT") + 30) * 1000)
        self._acquire = self.server.register_script(_ACQUIRE)
        self._waiting: dict[str, asyncio.Lock] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostSlotMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlparse_cached(request).netloc
        lease = uuid.uuid4().hex
        keys = [self.keys.host_next(host), self.keys.host_active(host)]
        args = [self.delay_ms, self.max_active, lease, self.lease_ms]
        async with self._waiting.setdefault(host, asyncio.Lock()):
            while (wait_ms := int(self._acquire(keys=keys, args=args))) > 0:
                await asyncio.sleep(min(wait_ms / 1000, MAX_POLL_S))
        request.meta[LEASE] = (host, lease)

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        held = request.meta.pop(LEASE, None)
        if held is not None:
            host, lease = held
            self.server.zrem(self.keys.host_active(host), lease)


class SharedRobotsCacheMiddleware:
    """One conditional fetch of a robots.txt at a time over all workers (see the module
    docstring). Sits where :class:`crawler.middlewares.RobotsCacheMiddleware` sits locally."""

    LOCK_MS = 30_000

    def __init__(self, crawler: Crawler) -> None:
        self.server, self.keys = _redis(crawler)
        self.fresh_s = crawler.settings.getfloat("NEWSDESK_ROBOTS_FRESH_S")
        self.owner = uuid.uuid4().hex

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedRobotsCacheMiddleware:
        return cls(crawler)

    @staticmethod
    def _is_robots(request: Request) -> bool:
        return request.url.endswith("/robots.txt") and bool(request.meta.get("dont_obey_robotstxt"))

    def _cached(self, url: str) -> dict[str, Any] | None:
        raw = self.server.hget(self.keys.robots, url)
        return json.loads(raw) if raw is not None else None

    def _save(self, url: str, status: int, body: bytes, response: Response | None) -> None:
        entry = {"status": status, "body": body.decode("latin-1"), "fetched_at": time.time()}
        if response is not None:
            entry["etag"] = _text(response.headers.get(b"ETag"))
            entry["last_modified"] = _text(response.headers.get(b"Last-Modified"))
        else:
            entry.update({k: v for k, v in (self._cached(url) or {}).items() if k in _VALIDATORS})
        self.server.hset(self.keys.robots, url, json.dumps(entry))

    async def process_request(self, request: Request, spider: Any = None) -> Response | None:
        if not self._is_robots(request):
            return None
        url = request.url
        deadline = time.monotonic() + self.LOCK_MS / 1000
        while True:
            cached = self._cached(url)
            if cached is not None and time.time() - cached["fetched_at"] < self.fresh_s:
                body = cached["body"].encode("latin-1")
                return Response(
                    url, status=cached["status"], body=body, flags=["cached"], request=request
                )
            lock = self.keys.robots_lock(url)
            if self.server.set(lock, self.owner, nx=True, px=self.LOCK_MS):
                break
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        if cached is not None:
            if cached.get("etag"):
                request.headers[b"If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                request.headers[b"If-Modified-Since"] = cached["last_modified"]
        return None

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Response:
        if not self._is_robots(request):
            return response
        url = request.url
        cached = self._cached(url)
        if response.status == 304 and cached is not None:
            body = cached["body"].encode("latin-1")
            self._save(url, cached["status"], body, None)
            response = response.replace(status=cached["status"], body=body)
            response.flags.append("not_modified")
        elif response.status in (200, 404, 410):
            self._save(url, response.status, response.body, response)
        self._unlock(url)
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> None:
        if self._is_robots(request):
            self._unlock(request.url)

    def _unlock(self, url: str) -> None:
        lock = self.keys.robots_lock(url)
        if self.server.get(lock) == self.owner.encode():
            self.server.delete(lock)


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt rules, each host's parser dropped when older than
    ``NEWSDESK_ROBOTS_FRESH_S`` (and read again, from the shared copy)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.fresh_s = crawler.settings.getfloat("NEWSDESK_ROBOTS_FRESH_S")
        self._parsed_at: dict[str, float] = {}

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        parsed_at = self._parsed_at.get(netloc)
        if (
            parsed_at is not None
            and time.monotonic() - parsed_at > self.fresh_s
            and not isinstance(self._parsers.get(netloc), Deferred)
        ):
            self._parsers.pop(netloc, None)
        if netloc not in self._parsers:
            self._parsed_at[netloc] = time.monotonic()
        return await super().robot_parser(request)


_VALIDATORS = ("etag", "last_modified")


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
