"""``newsdesk worker``: one crawl worker of a distributed crawl (any number, any machines).

A Scrapy process with scrapy-redis's scheduler and dupefilter (made reliable: see
:mod:`crawler.distributed.queue`), the news spider in its distributed form, extraction and
tagging in a process pool as in a local crawl, and the processed articles pushed to the
archive writer's outbox in Redis. A thread of its own beats its heart; every half second it
turns waiting source jobs into requests and requeues what dead workers held. SIGTERM or
SIGINT: it stops cleanly and gives back what it holds; SIGKILL: the others take it over once
its heartbeat expires.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from dataclasses import dataclass
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import DontCloseSpider

from archive import Settings

from .. import settings as crawl_settings
from ..work import extraction_pool, warm_up
from .dispatch import work_left
from .inflight import Inflight
from .keys import Keys, connect
from .messages import settings_from_json
from .remote import RemoteWriter
from .spider import DistributedSpider

log = logging.getLogger(__name__)

TICK_S = 0.5
#: How long a robots.txt fetched by one worker serves them all.
ROBOTS_FRESH_S = 600.0
#: Requests one worker holds at once (waiting for their host's slot, or downloading).
CONCURRENT_REQUESTS = 16


@dataclass(frozen=True)
class WorkerOptions:
    redis_url: str
    worker_id: str | None = None
    workers: int = 1  # extraction processes; 0: in the Scrapy process
    heartbeat_s: float = 15.0  # silent this long: counted dead, its requests requeued
    exit_when_idle_s: float | None = None  # stop once there is no work anywhere this long
    config_wait_s: float = 600.0
    version: str = "0"


@dataclass
class WorkerReport:
    worker_id: str
    jobs_done: int = 0
    fetched: int = 0
    reason: str = ""


def worker_settings(
    settings: Settings, *, redis_url: str, keys: Keys, version: str
) -> dict[str, Any]:
    """A local crawl's settings, with the queue, seen-set, politeness and outbox in Redis."""
    base = crawl_settings.build(settings, version=version)
    per_host = settings.concurrency_per_host
    middlewares = dict(base["DOWNLOADER_MIDDLEWARES"])
    middlewares.update(
        {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.distributed.politeness.SharedRobotsTxtMiddleware": 100,
            "crawler.middlewares.RobotsCacheMiddleware": None,
            "crawler.distributed.politeness.SharedRobotsCacheMiddleware": 120,
            # Last before the network: a retry's or redirect's wait does not hold a slot.
            "crawler.distributed.politeness.HostSlotMiddleware": 950,
        }
    )
    return {
        **base,
        "SCHEDULER": "crawler.distributed.queue.ReliableScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.ReliableQueue",
        "DUPEFILTER_CLASS": "crawler.distributed.queue.ArticleDupeFilter",
        "SCHEDULER_PERSIST": True,  # the queue and the seen-set outlive every worker
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "REDIS_URL": redis_url,
        # The per-host delay and concurrency hold over all workers (HostSlotMiddleware);
        # Scrapy's own apply per process and would only add to them.
        "DOWNLOAD_DELAY": 0.0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": CONCURRENT_REQUESTS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
        "NEWSDESK_HOST_DELAY_S": settings.download_delay,
        "NEWSDESK_HOST_CONCURRENCY": per_host,
        "NEWSDESK_ROBOTS_FRESH_S": ROBOTS_FRESH_S,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "ITEM_PIPELINES": {
            "crawler.pipelines.ProcessPipeline": 100,
            "crawler.distributed.pipelines.OutboxPipeline": 800,
        },
    }


def wait_for_settings(server: Any, keys: Keys, wait_s: float) -> Settings:
    """The settings the service published (``newsdesk run --redis``)."""
    deadline = time.monotonic() + wait_s
    told = False
    while (raw := server.get(keys.config)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no settings in Redis ({keys.config}): is newsdesk run --redis up?")
        if not told:
            log.info("waiting for the service to publish its settings (%s)", keys.config)
            told = True
        time.sleep(1.0)
    return settings_from_json(raw)


def run_worker(options: WorkerOptions, out: TextIO | None = None) -> WorkerReport:
    keys = Keys()
    server = connect(options.redis_url)
    settings = wait_for_settings(server, keys, options.config_wait_s)
    worker_id = options.worker_id or f"{socket.gethostname()}-{os.getpid()}"
    inflight = Inflight(server, keys, worker_id, options.heartbeat_s)
    beating = inflight.beat_in_background()
    if options.workers == 0:
        warm_up()  # the tagging tables, before the first article rather than during it
    writer = RemoteWriter(server, keys)
    executor = extraction_pool(options.workers) if options.workers > 0 else None
    process = CrawlerProcess(
        worker_settings(settings, redis_url=options.redis_url, keys=keys, version=options.version)
    )
    logging.getLogger("scrapy").setLevel(logging.WARNING)
    crawler = process.create_crawler(DistributedSpider)
    crawler.newsdesk_writer = writer  # type: ignore[attr-defined]
    crawler.newsdesk_executor = executor  # type: ignore[attr-defined]
    crawler.newsdesk_server = server  # type: ignore[attr-defined]
    crawler.newsdesk_keys = keys  # type: ignore[attr-defined]
    report = WorkerReport(worker_id)
    loop = _Loop(crawler, inflight, writer, options, report)
    crawler.signals.connect(loop.opened, signal=signals.spider_opened, weak=False)
    crawler.signals.connect(loop.closed, signal=signals.spider_closed, weak=False)
    crawler.signals.connect(_keep_open, signal=signals.spider_idle, weak=False)
    crawler.signals.connect(loop.item_dropped, signal=signals.item_dropped, weak=False)
    crawler.signals.connect(loop.item_dropped, signal=signals.item_error, weak=False)
    log.info("worker %s: taking jobs from %s", worker_id, options.redis_url)
    try:
        process.crawl(
            crawler,
            server=server,
            keys=keys,
            inflight=inflight,
            writer=writer,
            revisit_days=settings.revisit_days,
        )
        process.start()
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        beating.set()
        inflight.leave()
    line = (
        f"worker {worker_id} stopped ({report.reason}): jobs done {report.jobs_done}, "
        f"articles fetched {report.fetched}"
    )
    log.info("%s", line)
    if out is not None:
        print(line, file=out, flush=True)
    return report


def _keep_open(spider: Any) -> None:
    """A worker waits for work; an empty queue does not end it."""
    raise DontCloseSpider


class _Loop:
    """The worker's periodic duties, on the reactor's event loop."""

    def __init__(
        self,
        crawler: Any,
        inflight: Inflight,
        writer: RemoteWriter,
        options: WorkerOptions,
        report: WorkerReport,
    ) -> None:
        self.crawler = crawler
        self.inflight = inflight
        self.writer = writer
        self.options = options
        self.report = report
        self._task: asyncio.Task[None] | None = None
        self._idle_since: float | None = None
        self._last_reap = 0.0
        self._stopper: asyncio.Future[None] | None = None

    def opened(self, spider: Any) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def item_dropped(self, item: Any, response: Any, **kwargs: Any) -> None:
        """A page the pipelines dropped (not an article, say) or failed on: its request is
        done all the same."""
        self.crawler.spider.item_dropped(item, response)

    def closed(self, spider: Any, reason: str) -> None:
        if self._task is not None:
            self._task.cancel()
        self.writer.flush()
        self.report.reason = self.report.reason or reason
        self.report.jobs_done = spider.jobs_done
        self.report.fetched = spider.answered

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            try:
                done = self._tick(time.monotonic())
            except Exception:  # Redis away for a moment, say: the next tick tries again
                log.exception("worker tick failed")
                continue
            if done:
                self.report.reason = "idle"
                # Not awaited here: stopping the crawler cancels this task.
                self._stopper = asyncio.ensure_future(self.crawler.stop_async())
                return

    def _tick(self, now: float) -> bool:
        """One round of duties; True when the worker should stop (idle long enough)."""
        if now - self._last_reap >= self.options.heartbeat_s / 3:
            self.inflight.reap_dead()
            self._last_reap = now
        self.crawler.spider.take_jobs(self.crawler.engine.crawl)
        self.writer.flush()
        self._wake_engine()
        return self._idle_long_enough(now)

    def _wake_engine(self) -> None:
        """Requests other workers queued are popped on the engine's next call; without a
        nudge an idle engine looks only every five seconds."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _idle_long_enough(self, now: float) -> bool:
        if self.options.exit_when_idle_s is None:
            return False
        engine = self.crawler.engine
        busy = bool(engine.downloader.active) or not engine.scraper.slot.is_idle()
        if busy or work_left(self.inflight.server, self.inflight.keys) > 0:
            self._idle_since = None
            return False
        if self._idle_since is None:
            self._idle_since = now
        return now - self._idle_since >= self.options.exit_when_idle_s
