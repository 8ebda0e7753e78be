"""The news spider as a long-lived worker: :class:`~crawler.spider.NewsSpider`'s discovery,
conditional GET and article requests, with its per-run memory moved to Redis.

What a local run keeps in the process (which URLs it polled, which articles it listed, the
sources it crawls) is kept per job in Redis here, because the requests of one job are
handled by whichever workers pop them. Each callback runs "within" its request's job, and
when it is done (its requests queued, its item in the outbox) the request is acked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from archive import Source

from ..items import PageItem, SourceHints
from ..spider import NewsSpider
from .inflight import JOB_TTL_S, Inflight
from .keys import Keys
from .messages import Job, encode_event, source_from_json
from .queue import JOB, TICKET, forget
from .remote import RemoteWriter

log = logging.getLogger(__name__)

#: Jobs a worker turns into requests per tick at most (the requests are shared anyway).
JOBS_PER_TICK = 10


class _JobSet:
    """A set kept in Redis for the job being handled (``polled`` URLs, ``listed`` keys)."""

    def __init__(self, spider: DistributedSpider, key: Callable[[str], str]) -> None:
        self.spider = spider
        self.key = key

    def _name(self) -> str:
        return self.key(self.spider.job or "none")

    def __contains__(self, member: object) -> bool:
        return bool(self.spider.server.sismember(self._name(), str(member)))

    def add(self, member: str) -> None:
        with self.spider.server.pipeline(transaction=False) as pipe:
            pipe.sadd(self._name(), member)
            pipe.expire(self._name(), JOB_TTL_S)
            pipe.execute()


class _Unkept(dict[str, Any]):
    """NewsSpider merges what two listings know of an article still waiting; here the
    waiting request may be in another worker, so nothing is kept."""

    def __setitem__(self, key: str, value: Any) -> None:
        pass


class _Book(dict[str, Any]):
    """A per-source table filled from Redis on first use."""

    def __init__(self, load: Callable[[str], None]) -> None:
        super().__init__()
        self._load = load

    def __missing__(self, source_id: str) -> Any:
        self._load(source_id)
        return dict.__getitem__(self, source_id)


class DistributedSpider(NewsSpider):
    name = "newsdesk"

    def __init__(
        self,
        *,
        server: Any,
        keys: Keys,
        inflight: Inflight,
        writer: RemoteWriter,
        revisit_days: int = 0,
        **kwargs: Any,
    ) -> None:
        # The remote writer answers what NewsSpider asks of an ArchiveWriter.
        super().__init__(
            sources=[],
            writer=writer,  # type: ignore[arg-type]
            revisit_days=revisit_days,
            **kwargs,
        )
        self.server = server
        self.keys = keys
        self.inflight = inflight
        self.remote = writer
        self.job: str | None = None
        self.sources = _Book(self.load_source)
        self.hints = _Book(self.load_source)
        self.patterns = _Book(self.load_source)
        self._seen_polled = _JobSet(self, keys.job_polled)  # type: ignore[assignment]
        self._seen_articles = _JobSet(self, keys.job_listed)  # type: ignore[assignment]
        self._waiting = _Unkept()
        #: Article pages on their way through the pipelines: requested URL -> request meta.
        self.tickets: dict[str, dict[str, Any]] = {}
        self.jobs_done = 0

    @property
    def stopping(self) -> bool:
        crawler = getattr(self, "crawler", None)
        return crawler is not None and not crawler.crawling

    async def start(self) -> Any:
        """No start requests: work arrives as jobs (:meth:`take_jobs`) and through the
        shared queue."""
        return
        yield

    # -- sources --------------------------------------------------------------------------------

    def load_source(self, source_id: str) -> None:
        raw = self.server.hget(self.keys.sources, source_id)
        if raw is None:
            raise KeyError(f"source {source_id!r} is not in Redis ({self.keys.sources})")
        self.add_source(source_from_json(raw))

    def add_source(self, s: Source) -> None:
        dict.__setitem__(self.sources, s.id, s)
        hints = SourceHints(s.id, s.language, s.country, s.topics, s.timezone)
        dict.__setitem__(self.hints, s.id, hints)
        patterns = (
            tuple(re.compile(p) for p in s.article_patterns),
            tuple(re.compile(p) for p in s.exclude_patterns),
        )
        dict.__setitem__(self.patterns, s.id, patterns)

    # -- jobs -------------------------------------------------------------------------------------

    def take_jobs(self, crawl: Callable[[scrapy.Request], None]) -> int:
        """Turn waiting source jobs into requests on the shared queue."""
        taken = 0
        while taken < JOBS_PER_TICK:
            data = self.inflight.take_job()
            if data is None:
                break
            job = Job.from_json(data)
            self._enter(job.id)
            try:
                self.load_source(job.source_id)  # the service's latest definition
                requests = [r for r in self._source_requests(self.sources[job.source_id]) if r]
            except KeyError as exc:
                log.warning("job %s dropped: %s", job.id, exc)
                requests = []
            for request in requests:
                crawl(request)
            self._after_ack(self.inflight.job_queued(data, job.id), job.id, job.source_id)
            taken += 1
        return taken

    def _enter(self, job: str | None) -> None:
        self.job = job
        self.remote.job = job

    def _after_ack(self, pending: int, job: str | None, source_id: str | None) -> None:
        if pending == 0 and job is not None and source_id is not None:
            self._job_done(job, source_id)

    def _job_done(self, job: str, source_id: str) -> None:
        """The job's last request is done: tell the writer (and through it the service)."""
        counts = {
            k.decode(): int(v) for k, v in self.server.hgetall(self.keys.job_counts(job)).items()
        }
        event = encode_event(("job_done", job, source_id, counts))
        with self.server.pipeline() as pipe:
            pipe.lpush(self.keys.outbox, event)
            pipe.delete(
                self.keys.pending(job),
                self.keys.job_counts(job),
                self.keys.job_polled(job),
                self.keys.job_listed(job),
            )
            pipe.execute()
        if self.server.get(self.keys.active(source_id)) == job.encode():
            self.server.delete(self.keys.active(source_id))
        self.jobs_done += 1
        log.info("job %s (source %s) done: %s", job, source_id, counts)

    # -- acks -------------------------------------------------------------------------------------

    def request_done(self, request: scrapy.Request) -> None:
        """Ack a request this worker took (once): everything it led to is queued."""
        if self.stopping:
            return  # a clean stop puts what this worker holds back in the queue
        ticket = request.meta.pop(TICKET, None)
        if ticket is None:
            return
        job = request.meta.get(JOB)
        self.remote.flush()
        self._after_ack(self.inflight.ack(ticket, job), job, request.meta.get("source_id"))

    def item_stored(self, item: PageItem, store: Callable[[Any], list[Any]]) -> None:
        """An article went to the outbox: ack its request in the same transaction."""
        meta = self.tickets.pop(item.requested_url, None)
        ticket = meta.pop(TICKET, None) if meta else None
        job = meta.get(JOB) if meta else None
        self._enter(job)
        self.remote.flush()
        if meta is None or ticket is None:
            store(None)
            return
        results = store(lambda pipe: self.inflight.ack(ticket, job, client=pipe))
        self._after_ack(int(results[-1]), job, meta.get("source_id"))

    def item_dropped(self, item: Any, response: Response, *args: Any, **kwargs: Any) -> None:
        """Signal handler (``item_dropped``, ``item_error``)."""
        if isinstance(item, PageItem):
            self.tickets.pop(item.requested_url, None)
        self.request_done(response.request)  # type: ignore[arg-type]

    # -- callbacks, each within its request's job -----------------------------------------------

    def _within(
        self, response: Response, results: Iterable[Any], *, article: bool
    ) -> Iterator[Any]:
        request = response.request
        assert request is not None
        job = request.meta.get(JOB)
        handed_over = False
        try:
            iterator = iter(results)
            while True:
                self._enter(job)
                try:
                    out = next(iterator)
                except StopIteration:
                    break
                if article and isinstance(out, PageItem):
                    self.tickets[out.requested_url] = request.meta
                    handed_over = True
                yield out
            self._enter(job)
            if not article:
                self.remote.settle(request.meta["polled_url"])
        finally:
            if not handed_over:
                self.request_done(request)

    def _failed(self, failure: Failure, handler: Callable[[Failure], None]) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if self.stopping:
            return  # cancelled by the stop, not failed: it goes back to the queue
        self._enter(request.meta.get(JOB))
        try:
            handler(failure)
        finally:
            self.request_done(request)

    def _poll(self, url: str, source_id: str, kind: str, callback: Any, **meta: Any) -> Any:
        request = super()._poll(url, source_id, kind, callback, **meta)
        if request is not None:
            request.meta[JOB] = self.job
        return request

    def _articles(self, source_id: str, listings: Any, listed_by: str) -> Iterator[scrapy.Request]:
        for request in super()._articles(source_id, listings, listed_by):
            request.meta[JOB] = self.job
            # Through the shared seen-set: an article listed by two jobs at once (or by a
            # job requeued from a dead worker) is fetched once (see ArticleDupeFilter).
            request.dont_filter = False
            yield request

    def parse_robots(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_robots(response), article=False)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_sitemap(response), article=False)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_feed(response), article=False)

    def parse_home(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_home(response), article=False)

    def parse_section(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_section(response), article=False)

    def parse_article(self, response: Response) -> Iterator[Any]:
        return self._within(response, super().parse_article(response), article=True)

    def polled_failed(self, failure: Failure) -> None:
        self._failed(failure, super().polled_failed)

    def article_failed(self, failure: Failure) -> None:
        if not self.stopping:
            forget(self.server, self.keys.dupefilter, failure.request)  # type: ignore[attr-defined]
        self._failed(failure, super().article_failed)
