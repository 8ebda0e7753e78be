"""The crawler a user would write by hand, and the fetch-only limit: the references that
bench/e2e.py measures newsdesk against.

    python bench/handwritten.py extract ROBOTS_URL OUT.db [--max-items N]
    python bench/handwritten.py fetch ROBOTS_URL [--max-items N]

``extract``: a plain Scrapy ``SitemapSpider`` (sitemaps from robots.txt), the project
template's settings, ``trafilatura.bare_extraction(..., with_metadata=True)`` in the callback
and one sqlite-utils insert per item. ``fetch``: the same spider, downloading every article
and doing nothing else. The template asks for one request per second per domain
(``DOWNLOAD_DELAY = 1``, ``CONCURRENT_REQUESTS_PER_DOMAIN = 1``), which is right for real
sites but would measure the delay, not the crawler, on a local server: both references run
with Scrapy's default concurrency and no delay, as newsdesk does in the benchmark.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import scrapy
import sqlite_utils
import trafilatura
from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider

TEMPLATE_SETTINGS: dict[str, Any] = {
    "ROBOTSTXT_OBEY": True,
    "FEED_EXPORT_ENCODING": "utf-8",
    # The template's politeness (1 request/s per domain) is lifted for the benchmark:
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "WARNING",
}


class HandwrittenSpider(SitemapSpider):
    name = "handwritten"

    def __init__(self, robots: str, db_path: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sitemap_urls = [robots]
        self.db = sqlite_utils.Database(db_path)

    def parse(self, response: scrapy.http.Response) -> None:
        document = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True)
        if document is None:
            return
        data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
        self.db["articles"].insert(
            {
                "url": response.url,
                "title": data.get("title"),
                "author": data.get("author"),
                "date": data.get("date"),
                "text": data.get("text"),
            }
        )


class FetchOnlySpider(SitemapSpider):
    name = "fetchonly"

    def __init__(self, robots: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sitemap_urls = [robots]

    def parse(self, response: scrapy.http.Response) -> None:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("extract", "fetch"))
    parser.add_argument("robots", help="robots.txt URL listing the sitemaps")
    parser.add_argument("db", nargs="?", help="SQLite file for extract mode")
    parser.add_argument("--max-items", type=int, default=0, help="stop after N pages")
    args = parser.parse_args()
    settings = dict(TEMPLATE_SETTINGS)
    if args.max_items:
        settings["CLOSESPIDER_PAGECOUNT"] = args.max_items
    process = CrawlerProcess(settings)
    if args.mode == "extract":
        process.crawl(HandwrittenSpider, robots=args.robots, db_path=args.db)
    else:
        process.crawl(FetchOnlySpider, robots=args.robots)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
