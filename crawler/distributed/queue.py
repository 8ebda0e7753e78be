"""scrapy-redis, made reliable: its scheduler, priority queue and dupefilter, with every pop
recorded as in flight (:mod:`crawler.distributed.inflight`).

Settings: ``SCHEDULER = "crawler.distributed.queue.ReliableScheduler"``,
``SCHEDULER_QUEUE_CLASS = "crawler.distributed.queue.ReliableQueue"``,
``DUPEFILTER_CLASS = "crawler.distributed.queue.ArticleDupeFilter"``. The spider provides
``inflight`` (an :class:`~crawler.distributed.inflight.Inflight`) and ``request_done``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scrapy import Request
from scrapy.utils.python import to_unicode
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from w3lib.url import canonicalize_url

#: request.meta key of the in-flight ticket of a request this worker took from the queue.
TICKET = "newsdesk_ticket"
#: request.meta key of the job a request belongs to.
JOB = "job"


class ReliableQueue(PriorityQueue):
    """scrapy-redis's priority queue (a sorted set), popped into this worker's in-flight
    hash. A request pushed while it carries a ticket (a retry, a redirect) replaces the
    request it came from."""

    def push(self, request: Request) -> None:
        ticket = request.meta.pop(TICKET, None)
        data = self._encode_request(request)
        self.spider.inflight.push(-request.priority, data, request.meta.get(JOB), ticket)

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self.spider.inflight.pop()
        if popped is None:
            return None
        ticket, data = popped
        request: Request = self._decode_request(data)
        request.meta[TICKET] = ticket
        return request


class ReliableScheduler(Scheduler):
    """scrapy-redis's scheduler; a request the seen-set filters out that came from an
    in-flight one (a redirect to a URL already fetched) finishes that one."""

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            self.spider.request_done(request)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


#: How long the seen-set remembers a request: long enough for every listing that announced
#: it in the meantime, short enough that Redis does not grow with the archive (whether an
#: article is archived and unchanged is the writer's ``archived`` hash's to say).
SEEN_DAYS = 2


def seen_keys(base: str, today: date | None = None) -> list[str]:
    """The seen-set is one set per UTC day: today's, then yesterday's."""
    today = today or datetime.now(UTC).date()
    return [f"{base}:{today - timedelta(days=n)}" for n in range(SEEN_DAYS)]


def fingerprint(request: Request) -> str:
    """scrapy-redis's request fingerprint, plus when the listing says the article changed."""
    listing: Any = request.meta.get("listing")
    modified = getattr(listing, "modified", None)
    data = {
        "method": to_unicode(request.method),
        "url": canonicalize_url(request.url),
        "body": (request.body or b"").hex(),
        "modified": modified.isoformat() if modified is not None else None,
    }
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()


def forget(server: Any, base: str, request: Request) -> None:
    """A request that failed: let the next listing that announces it ask again."""
    fp = fingerprint(request)
    with server.pipeline(transaction=False) as pipe:
        for key in seen_keys(base):
            pipe.srem(key, fp)
        pipe.execute()


class ArticleDupeFilter(RFPDupeFilter):
    """scrapy-redis's persistent seen-set, keyed also by when the listing says the article
    last changed (an article announced as modified is fetched again, once, by one worker),
    and kept per day for :data:`SEEN_DAYS` days. A redirect is not filtered (a loop back to
    the first URL must end in a recorded error, which Scrapy's redirect limit gives)."""

    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_urls"):
            return False
        fp = self.request_fingerprint(request)
        today, *before = seen_keys(self.key)
        with self.server.pipeline(transaction=False) as pipe:
            pipe.sadd(today, fp)
            pipe.expire(today, SEEN_DAYS * 86400 + 3600)
            for key in before:
                pipe.sismember(key, fp)
            added, _, *earlier = pipe.execute()
        return added == 0 or any(earlier)

    def request_fingerprint(self, request: Request) -> str:
        return fingerprint(request)
