"""Item pipelines: thin adapters over :func:`crawler.work.process_page` and the writer.

``ProcessPipeline`` sends each page to a process pool (extraction and tagging are CPU-bound
and Scrapy runs on one thread), ``ArchivePipeline`` stores the result through the run's
single :class:`~crawler.writer.ArchiveWriter`.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from archive import WriteError

from .items import PageItem, Processed
from .work import Dropped, process_page
from .writer import ArchiveWriter

log = logging.getLogger(__name__)


class ProcessPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProcessPipeline:
        return cls(crawler)

    @property
    def executor(self) -> Executor | None:
        return getattr(self.crawler, "newsdesk_executor", None)

    @property
    def writer(self) -> ArchiveWriter:
        return self.crawler.newsdesk_writer  # type: ignore[attr-defined, no-any-return]

    async def process_item(self, item: PageItem, spider: Any = None) -> Processed:
        if self.executor is None:
            result = process_page(item)
        else:
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(self.executor, process_page, item)
        if isinstance(result, Dropped):
            self.writer.drop(item.source_id, result.reason, (item.url, item.requested_url))
            log.debug("dropped %s: %s %s", item.url, result.reason, result.detail)
            raise DropItem(f"{result.reason}: {item.url}")
        return result


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def process_item(self, item: Processed, spider: Any = None) -> Processed:
        writer: ArchiveWriter = self.crawler.newsdesk_writer  # type: ignore[attr-defined]
        try:
            status = writer.store(item)
        except WriteError:  # the run stops and reports it (crawler.run)
            raise DropItem(f"archive-error: {item.article.canonical_url}") from None
        log.debug("%s %s", status, item.article.canonical_url)
        return item
