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


class ArticleDupeFilter(RFPDupeFilter):
    """scrapy-redis's persistent seen-set, keyed also by when the listing says the article
    last changed: an article announced as modified is fetched again, once, by one worker."""

    def request_fingerprint(self, request: Request) -> str:
        listing: Any = request.meta.get("listing")
        modified = getattr(listing, "modified", None)
        data = {
            "method": to_unicode(request.method),
            "url": canonicalize_url(request.url),
            "body": (request.body or b"").hex(),
            "modified": modified.isoformat() if modified is not None else None,
        }
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()
