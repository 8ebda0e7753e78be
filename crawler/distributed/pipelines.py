"""The worker's last pipeline: the processed article goes to the writer's outbox, and its
request is acked in the same Redis transaction (so it is neither lost nor sent twice by a
worker that dies in between)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy.crawler import Crawler

from ..items import Processed
from .messages import encode_event


class OutboxPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutboxPipeline:
        return cls(crawler)

    def process_item(self, item: Processed, spider: Any = None) -> Processed:
        spider = self.crawler.spider
        event = encode_event(("store", item))
        server, keys = spider.server, spider.keys

        def push(extra: Callable[[Any], Any] | None) -> list[Any]:
            with server.pipeline() as pipe:
                pipe.lpush(keys.outbox, event)
                if extra is not None:
                    extra(pipe)
                results: list[Any] = pipe.execute()
            return results

        spider.item_stored(item.page, push)
        return item
