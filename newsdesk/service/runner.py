"""``newsdesk run``: one process that schedules the crawls, serves the feeds and the status,
and (with no sources file) serves the demo news site it crawls.

Start-up order: take the archive's lock (one scheduler per archive), bind the feeds port
(a clear error if it is taken), recover what a killed predecessor left (its crawl child is
stopped, its runs marked interrupted), then serve and schedule. SIGTERM or SIGINT: no new
crawl starts, the running crawl gets SIGTERM (Scrapy finishes cleanly; killed after the
grace), the schedule is saved, the servers close, exit code 0.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from archive import Config, load_config
from archive.sources import format_duration
from archive.timestamps import parse_text, to_utc_text, utcnow
from feeds import FeedApp, FeedSettings, create_app, publish, server

from .. import __version__
from ..benchsites import write_sources_toml
from ..demo import DEMO_SETTINGS, demo_app, demo_sources
from .errors import ServiceError
from .http import Served, bind, plain_server, port_of
from .lock import ArchiveLock
from .scheduler import CrawlOptions, CrawlScheduler
from .store import StateStore
from .web import StatusRoutes

log = logging.getLogger(__name__)

DEMO_HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServiceOptions:
    archive_path: Path
    sources_path: Path | None  # None: crawl the built-in demo site
    host: str = "127.0.0.1"
    port: int = 8080
    base_url: str | None = None
    out_dir: Path | None = None
    crawl_timeout_s: float = 1800.0
    stop_grace_s: float = 30.0
    max_backoff_s: int = 3600
    misfire_grace_s: int = 300
    workers: int | None = None
    demo_interval_s: int = 60
    demo_publish_every_s: float = 20.0
    access_log: bool = False
    redis_url: str | None = None  # workers crawl (newsdesk worker); this service writes


def run_service(options: ServiceOptions, out: TextIO = sys.stdout) -> int:
    if options.sources_path is not None:
        load_config(options.sources_path)  # a bad file: one clear error, before anything starts
    with ArchiveLock(options.archive_path):
        return asyncio.run(_serve(options, out))


class _Demo:
    """The demo site: its server, and the sources file its crawls read."""

    def __init__(self, served: Served, base: str, sources_file: Path, tmpdir: Path) -> None:
        self.served, self.base, self.sources_file, self.tmpdir = served, base, sources_file, tmpdir

    async def stop(self) -> None:
        await self.served.stop()
        shutil.rmtree(self.tmpdir, ignore_errors=True)


async def _start_demo(options: ServiceOptions, store: StateStore) -> _Demo:
    """Serve the demo site, on the port and with the start time it had before (kept in the
    archive, so its article URLs and dates stay the same across restarts)."""
    epoch_text = await store.call(store.setting, "demo_started_at")
    epoch = parse_text(epoch_text) if epoch_text else utcnow()
    port_text = await store.call(store.setting, "demo_port")
    try:
        sock = bind(DEMO_HOST, int(port_text or 0), "the demo site")
    except ServiceError:
        sock = bind(DEMO_HOST, 0, "the demo site")
    port = port_of(sock)
    await store.call(store.set_setting, "demo_started_at", to_utc_text(epoch))
    await store.call(store.set_setting, "demo_port", str(port))
    base = f"http://{DEMO_HOST}:{port}"
    app = demo_app(base, epoch, options.demo_publish_every_s, utcnow)
    served = Served(plain_server(app), sock)
    await served.started()
    tmpdir = Path(tempfile.mkdtemp(prefix="newsdesk-demo-"))
    sources = demo_sources(base, options.demo_interval_s)
    sources_file = write_sources_toml(tmpdir / "sources.toml", sources, DEMO_SETTINGS)
    return _Demo(served, base, sources_file, tmpdir)


def _feed_settings(config: Config, base_url: str) -> FeedSettings:
    return FeedSettings(
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        page_size=config.settings.feed_items,
        hub=config.settings.websub_hub,
    )


async def _serve(options: ServiceOptions, out: TextIO) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    feed_sock = bind(options.host, options.port, "the feeds")
    store = StateStore(options.archive_path)
    demo: _Demo | None = None
    try:
        stale = await store.call(store.recover, options.stop_grace_s)
        if stale:
            log.info("%d run(s) left running by a stopped process marked interrupted", stale)
        if options.sources_path is None:
            demo = await _start_demo(options, store)
            sources_file = demo.sources_file
        else:
            sources_file = options.sources_path
        config = load_config(sources_file)
        await _run(options, config, sources_file, store, feed_sock, demo, stop, out)
    finally:
        if demo is not None:
            await demo.stop()
        await loop.run_in_executor(None, store.shutdown)
        feed_sock.close()
    return 0


async def _run(
    options: ServiceOptions,
    config: Config,
    sources_file: Path,
    store: StateStore,
    feed_sock: socket.socket,
    demo: _Demo | None,
    stop: asyncio.Event,
    out: TextIO,
) -> None:
    port = port_of(feed_sock)
    shown_host = "localhost" if options.host in ("0.0.0.0", "::") else options.host
    base_url = options.base_url or config.settings.base_url or f"http://{shown_host}:{port}/"
    settings = _feed_settings(config, base_url)
    app = create_app(options.archive_path, config, settings)
    after_run = _after_run(app, options, config, settings)
    crawl = CrawlOptions(
        archive_path=options.archive_path,
        sources_file=sources_file,
        crawl_timeout_s=options.crawl_timeout_s,
        stop_grace_s=options.stop_grace_s,
        max_backoff_s=options.max_backoff_s,
        misfire_grace_s=options.misfire_grace_s,
        workers=options.workers,
    )
    dispatcher = None
    if options.redis_url:
        from .distributed import RedisCrawls

        dispatcher = RedisCrawls(
            options.redis_url, options.archive_path, config, timeout_s=options.crawl_timeout_s
        )
    scheduler = CrawlScheduler(config.enabled_sources(), crawl, store, after_run, dispatcher)
    routes = StatusRoutes(app, options.archive_path, scheduler, settings.base_url)
    feeds_served = Served(server(app, options.host, port, access_log=options.access_log), feed_sock)
    try:
        await feeds_served.started()
        await scheduler.start()
        _banner(out, options, config, settings.base_url, demo)
        if options.redis_url:
            print(
                f"  crawled by: newsdesk worker --redis {options.redis_url}", file=out, flush=True
            )
        await stop.wait()
        log.info("stopping: %s", "waiting for the crawl to stop" if scheduler.running else "idle")
        await scheduler.stop()
    finally:
        await feeds_served.stop()
        routes.close()
        app.close()
    log.info("stopped")


def _after_run(
    app: FeedApp, options: ServiceOptions, config: Config, settings: FeedSettings
) -> Callable[[], Awaitable[None]]:
    async def after_run() -> None:
        app.check_state(force=True)  # the feeds that changed are rebuilt on their next request
        if options.out_dir is None:
            return
        try:
            report = await asyncio.to_thread(
                publish, options.archive_path, config, settings, options.out_dir
            )
        except OSError as exc:
            log.warning("publishing to %s failed: %s", options.out_dir, exc)
            return
        log.debug("published to %s: %s", options.out_dir, report.summary())

    return after_run


def _banner(
    out: TextIO, options: ServiceOptions, config: Config, base: str, demo: _Demo | None
) -> None:
    sources = config.enabled_sources()
    every = sorted({s.interval_s for s in sources})
    intervals = ", ".join(format_duration(i) for i in every) or "-"
    lines = [f"newsdesk {__version__} is running on {options.archive_path}"]
    if demo is not None:
        lines.append(
            f"  built-in demo news site ({len(sources)} made-up publishers, a new article "
            f"every {options.demo_publish_every_s:g}s): {demo.base}/"
        )
    lines += [
        f"  crawling {len(sources)} source(s) every {intervals}; the first crawls start now",
        "",
        f"Feeds: {base}",
        "Subscribe in any feed reader to:",
        f"  {base}feeds/all.atom   (every article; also .rss and .json)",
        *(f"  {base}feeds/source/{s.id}.atom   ({s.name})" for s in sources[:8]),
        f"  {base}feeds.opml   (all feeds at once, for your reader's import)",
        "Topic and region feeds appear on the index as articles arrive.",
        "",
        f"Status: {base}status   metrics: {base}metrics   (Ctrl-C stops)",
    ]
    print("\n".join(lines), file=out, flush=True)
