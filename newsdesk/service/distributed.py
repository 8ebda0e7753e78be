"""``newsdesk run --redis URL``: the workers crawl, this service schedules and writes.

Due sources become jobs in Redis for ``newsdesk worker`` processes (anywhere); the archive's
one writer is a thread of this service that drains the workers' outbox into the archive
(:mod:`crawler.distributed.drain`) and reports each finished job back to the scheduler.
Redis and scrapy-redis are imported only here and only with ``--redis``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from archive import Config, WriteError

from .errors import ServiceError

log = logging.getLogger(__name__)

OnDone = Callable[[str, str, dict[str, int]], None]


class RedisCrawls:
    """The scheduler's :class:`~newsdesk.service.scheduler.Dispatcher` for ``--redis``."""

    def __init__(self, url: str, archive_path: Path, config: Config, *, timeout_s: float) -> None:
        try:
            from redis.exceptions import RedisError

            from crawler.distributed.dispatch import publish_config
            from crawler.distributed.keys import Keys, connect
        except ImportError as exc:
            raise ServiceError(f"--redis needs {exc.name}: pip install 'newsdesk[redis]'") from None
        self.url = url
        self.archive_path = archive_path
        self.config = config
        self.timeout_s = timeout_s
        self.keys = Keys()
        self.server = connect(url)
        self._errors: tuple[type[BaseException], ...] = (RedisError, OSError)
        try:
            publish_config(self.server, self.keys, config)
        except self._errors as exc:
            raise ServiceError(f"cannot reach Redis at {url}: {exc}") from None
        self._stop = threading.Event()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="newsdesk-drain")
        self._task: asyncio.Future[None] | None = None
        self.drain: Any = None

    async def start(self, on_done: OnDone) -> None:
        from crawler.distributed.drain import Drain

        loop = asyncio.get_running_loop()

        def done(job_id: str, source_id: str, counts: dict[str, int]) -> None:
            loop.call_soon_threadsafe(on_done, job_id, source_id, counts)

        self.drain = await loop.run_in_executor(
            self._executor,
            lambda: Drain(self.archive_path, self.config, self.server, on_job_done=done),
        )
        self._task = loop.run_in_executor(self._executor, self._drain_forever)
        log.info("archive writer draining %s", self.url)

    def _drain_forever(self) -> None:
        while not self._stop.is_set():
            try:
                self.drain.step(timeout_s=1.0)
            except self._errors as exc:
                log.warning("Redis at %s: %s; trying again", self.url, exc)
                time.sleep(1.0)
            except WriteError as exc:
                log.error("%s; the batch stays in Redis, trying again in 10s", exc)
                self._stop.wait(10.0)

    async def enqueue(self, source_ids: list[str]) -> dict[str, str]:
        from crawler.distributed.dispatch import enqueue_jobs

        sources = [self.config.source(s) for s in source_ids]
        try:
            jobs = await asyncio.to_thread(
                enqueue_jobs, self.server, self.keys, sources, timeout_s=self.timeout_s
            )
        except self._errors as exc:
            log.warning("could not queue jobs in Redis at %s: %s", self.url, exc)
            return {}
        return {job.source_id: job.id for job in jobs}

    async def release(self, source_id: str) -> None:
        await asyncio.to_thread(self.server.delete, self.keys.active(source_id))

    async def stop(self) -> None:
        """The batch in hand is committed; the rest waits in Redis for the next start."""
        self._stop.set()
        if self._task is not None:
            await self._task
        if self.drain is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, self.drain.close)
        self._executor.shutdown(wait=True)
