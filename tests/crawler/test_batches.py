"""Pages go to the extraction processes in batches: each page gets its own result, a page
that raises fails alone, and a pool that cannot take work fails the pages, not the crawl."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.items import PageItem, Processed, SourceHints
from crawler.pipelines import Batches
from crawler.work import WORKER_NICENESS, Dropped, Failed, extraction_pool, process_pages, warm_up

SEED = Path(__file__).parents[1] / "fixtures" / "seed"


def page(n: int, body: bytes) -> PageItem:
    return PageItem(
        source_id="seed",
        requested_url=f"https://news.example/{n}.html",
        url=f"https://news.example/{n}.html",
        status=200,
        body=body,
        content_type="text/html; charset=utf-8",
        fetched_at=datetime(2024, 5, 1, tzinfo=UTC),
        hints=SourceHints("seed"),
    )


@pytest.fixture(scope="module")
def pool():
    with extraction_pool(1) as executor:
        yield executor


def pages() -> list[PageItem]:
    article = (SEED / "article.html").read_bytes()
    good = [page(n, article) for n in range(9)]
    empty = page(9, b"<html><body></body></html>")
    broken = replace(page(10, article), hints=None)  # process_page cannot read its hints
    return [*good, empty, broken]


async def process_all(batches: Batches, items: list[PageItem]) -> list:
    return await asyncio.gather(*(batches.process(item) for item in items))


def test_each_page_gets_its_own_result(pool):
    items = pages()
    batches = Batches(pool, size=4, wait_s=0.01)
    results = asyncio.run(process_all(batches, items))
    assert len(results) == len(items)
    for item, result in zip(items[:9], results[:9], strict=True):
        assert isinstance(result, Processed)
        assert result.page.url == item.url
        assert result.article.title
    assert isinstance(results[9], Dropped) and results[9].page.url == items[9].url
    assert isinstance(results[10], Failed) and results[10].page.url == items[10].url
    assert "AttributeError" in results[10].error and "process_page" in results[10].traceback


def test_batches_match_one_page_at_a_time(pool):
    items = pages()[:9]
    one_by_one = [process_pages([item])[0] for item in items]
    batched = asyncio.run(process_all(Batches(pool, size=8, wait_s=0.05), items))
    assert [r.article for r in batched] == [r.article for r in one_by_one]
    assert [r.labels for r in batched] == [r.labels for r in one_by_one]


def test_a_pool_that_is_shut_down_fails_each_page():
    executor = extraction_pool(1)
    executor.shutdown()
    with pytest.raises(RuntimeError):
        asyncio.run(process_all(Batches(executor, size=2, wait_s=0.01), pages()[:3]))


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_extraction_processes_yield_to_the_crawl_process(pool):
    ours = os.nice(0)
    assert pool.submit(os.nice, 0).result() == min(ours + WORKER_NICENESS, 19)
    warm_up()  # what a crawl process may call itself: it keeps its priority
    assert os.nice(0) == ours
