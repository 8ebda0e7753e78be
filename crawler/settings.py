"""Scrapy settings that differ from Scrapy's defaults, each with its reason.

Built from ``sources.toml`` ``[settings]`` (:class:`archive.Settings`) by :func:`build`.
"""

from __future__ import annotations

from typing import Any

from archive import Settings

USER_AGENT_PRODUCT = "newsdesk"


def user_agent(version: str, contact: str | None) -> str:
    """Name ourselves and say how to reach us: polite crawlers are identifiable."""
    suffix = f" (+{contact})" if contact else " (+https://pypi.org/project/newsdesk/)"
    return f"{USER_AGENT_PRODUCT}/{version}{suffix}"


def build(settings: Settings, *, version: str) -> dict[str, Any]:
    per_host = settings.concurrency_per_host
    return {
        # Identify ourselves and obey robots.txt (Scrapy's default ignores it).
        "USER_AGENT": user_agent(version, settings.contact),
        "ROBOTSTXT_OBEY": True,
        # Per-host politeness: a few parallel requests at most, a delay between them that
        # AutoThrottle adapts to the server's latency (never faster than DOWNLOAD_DELAY).
        "CONCURRENT_REQUESTS": 64,
        # Scrapy starts this many asyncio tasks for every callback's output, whatever its
        # size; an article page yields one item, so 100 (the default) costs ~3 ms of CPU per
        # page for nothing. Parallelism comes from the many responses in flight.
        "CONCURRENT_ITEMS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
        # Scrapy's own downloader lets a host have CONCURRENT_REQUESTS at once (see there).
        "DOWNLOADER": "crawler.downloader.PoliteDownloader",
        "DOWNLOAD_DELAY": settings.download_delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if settings.download_delay > 0 else 0.0,
        "AUTOTHROTTLE_ENABLED": settings.download_delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(settings.download_delay, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(per_host),
        # A timeout on every request, and a size limit (Scrapy's default is 1 GB), also on
        # what a gzip body inflates to.
        "DOWNLOAD_TIMEOUT": settings.timeout,
        "DNS_TIMEOUT": min(settings.timeout, 20.0),
        "DOWNLOAD_MAXSIZE": settings.max_page_mb * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": settings.max_page_mb * 1024 * 1024 // 2,
        # Retries with backoff honouring Retry-After (crawler.middlewares).
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "NEWSDESK_RETRY_BACKOFF_S": 1.0,
        "NEWSDESK_RETRY_AFTER_MAX_S": 30.0,
        "REDIRECT_MAX_TIMES": 10,
        # A request that fails for good is recorded in fetch_errors and counted in the run
        # summary; Scrapy's own ERROR line for it would say the same thing twice.
        "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            # Between RobotsTxtMiddleware (100) and the network, so Scrapy's own robots.txt
            # request goes through it too.
            "crawler.middlewares.RobotsCacheMiddleware": 120,
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "crawler.middlewares.MetaRefreshMiddleware": 580,
            # Parts of Scrapy's chain that do nothing for us, and each cost a little on every
            # request: we set no HTTP credentials and keep our own counts (the run summary).
            "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
            "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
        },
        "EXTENSIONS": {"scrapy.extensions.corestats.CoreStats": None},
        "ITEM_PIPELINES": {
            "crawler.pipelines.ProcessPipeline": 100,
            "crawler.pipelines.ArchivePipeline": 800,
        },
        # News sites set cookies for consent banners and tracking; articles never need them.
        "COOKIES_ENABLED": False,
        # No remote console on a service.
        "TELNETCONSOLE_ENABLED": False,
        # Our run summary is the report; Scrapy's per-item drop lines would flood the log.
        "DEFAULT_DROPITEM_LOG_LEVEL": "DEBUG",
        "LOG_LEVEL": "WARNING",
        # Entry points configure logging (newsdesk's own handler), not Scrapy.
        "LOG_INSTALL_ROOT_HANDLER": False,
        "LOGSTATS_INTERVAL": 0,
        # Breadth first, so one slow source does not starve the others.
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
    }
