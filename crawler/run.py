"""One crawl run: ``newsdesk crawl``. Scrapy in this process, extraction in a process pool.

Scrapy's reactor cannot be restarted within a process, so a run is a process: the CLI calls
:func:`crawl` once and exits; the service starts ``newsdesk crawl`` as a child process.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.defer import deferred_from_coro

from archive import Config, ConfigError, RunCounts, Source, open_archive

from . import settings as crawl_settings
from .spider import NewsSpider
from .work import extraction_pool
from .writer import ArchiveWriter

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    run_id: int
    status: str  # ok, interrupted, failed
    total: RunCounts
    per_source: dict[str, RunCounts] = field(default_factory=dict)
    reason: str = "finished"


def select_sources(config: Config, source_ids: list[str] | None) -> list[Source]:
    if source_ids:
        return [config.source(sid) for sid in dict.fromkeys(source_ids)]
    enabled = config.enabled_sources()
    if not enabled:
        raise ConfigError(f"{config.path}: no enabled sources to crawl")
    return enabled


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def crawl(
    config: Config,
    archive_path: str | Path,
    *,
    source_ids: list[str] | None = None,
    trigger: str = "cli",
    workers: int | None = None,
    version: str = "0",
    progress: bool = False,
    out: TextIO | None = None,
    scrapy_log_level: int = logging.WARNING,
) -> RunReport:
    """Crawl the sources once and archive what is new or changed; print one summary line
    per source and one for the run."""
    sources = select_sources(config, source_ids)
    out = out or sys.stdout
    archive = open_archive(archive_path)
    writer = ArchiveWriter(
        archive,
        sources,
        declared=config.sources,
        trigger=trigger,
        raw_retention_days=config.settings.raw_retention_days,
    )
    workers = default_workers() if workers is None else workers
    executor = extraction_pool(workers) if workers > 0 else None
    # Scrapy's queue of requests waits on disk, not in memory: a first crawl of a large site
    # discovers every article of its sitemaps at once (about 2 KB of memory per request).
    # A fresh directory per run: nothing of an interrupted run is resumed from it (the
    # archive is what a next run continues from).
    queue_dir = tempfile.mkdtemp(prefix="newsdesk-queue-")
    scrapy_settings = crawl_settings.build(config.settings, version=version)
    scrapy_settings["JOBDIR"] = queue_dir
    process = CrawlerProcess(scrapy_settings)
    # Scrapy's logging setup puts its loggers at DEBUG; our summary lines are the report.
    logging.getLogger("scrapy").setLevel(scrapy_log_level)
    crawler = process.create_crawler(NewsSpider)
    crawler.newsdesk_writer = writer  # type: ignore[attr-defined]
    crawler.newsdesk_executor = executor  # type: ignore[attr-defined]
    # The archive cannot be written (disk full...): stop fetching; finish() raises the error.
    writer.on_failure = lambda: deferred_from_coro(
        crawler.engine.close_spider_async(reason="archive-error")
    )
    closed: dict[str, str] = {}
    crawler.signals.connect(  # weak=False: the dispatcher would drop a lambda at once
        lambda spider, reason: closed.setdefault("reason", reason),
        signal=signals.spider_closed,
        weak=False,
    )
    bar = _Progress(crawler, writer) if progress else None
    status, message = "failed", None
    try:
        process.crawl(
            crawler, sources=sources, writer=writer, revisit_days=config.settings.revisit_days
        )
        if bar:
            bar.start()
        process.start()
        reason = closed.get("reason", "unknown")
        status = "ok" if reason == "finished" else "interrupted"
        message = None if status == "ok" else f"spider closed: {reason}"
    except BaseException as exc:
        message = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        if bar:
            bar.stop()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(queue_dir, ignore_errors=True)
        try:
            writer.finish(status, message)
        finally:
            archive.close()
    report = RunReport(
        writer.run_id, status, writer.total, writer.per_source, closed.get("reason", "")
    )
    for source_id, counts in report.per_source.items():
        print(f"source {source_id}: {counts.summary()}", file=out)
    print(f"run {report.run_id} {report.status}: {report.total.summary()}", file=out)
    own, pool = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    log.info(
        "run %d cpu: crawl process %.1f s, extraction workers %.1f s",
        report.run_id,
        own.ru_utime + own.ru_stime,
        pool.ru_utime + pool.ru_stime,
    )
    return report


class _Progress:
    """A progress bar on a terminal: articles queued vs. done, refreshed by the reactor."""

    def __init__(self, crawler: Any, writer: ArchiveWriter) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.crawler = crawler
        self.writer = writer
        self.progress = Progress(
            TextColumn("[bold]crawl"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            transient=True,
        )
        self.task = self.progress.add_task("crawl", total=None, detail="")
        self._loop: Any = None

    def _refresh(self) -> None:
        counts = self.writer.total.counts
        spider = self.crawler.spider
        queued = getattr(spider, "queued", 0)
        done = getattr(spider, "answered", 0)
        detail = (
            f"new {counts['new']}  updated {counts['updated']}  "
            f"304 {counts['not_modified']}  errors {counts['errors']}"
        )
        self.progress.update(
            self.task, total=max(queued, done) or None, completed=done, detail=detail
        )

    def start(self) -> None:
        from twisted.internet import task

        self.progress.start()
        self._loop = task.LoopingCall(self._refresh)
        self._loop.start(0.25, now=False)

    def stop(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.progress.stop()
