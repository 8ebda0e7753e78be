"""The service's routes on the feeds app: ``/status``, ``/status.json`` and ``/metrics``.

Archive reads run in the feeds app's worker thread on a reader connection of their own; the
live schedule is copied on the event loop first, so no thread touches the scheduler.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive import open_reader
from archive.timestamps import to_utc_text, utcnow
from feeds import FeedApp, Request, Response
from feeds.http import plain, uncached

from .metrics import CONTENT_TYPE, ServiceCounters, metrics_text
from .pages import status_page
from .scheduler import CrawlScheduler
from .status import Status, collect


class StatusRoutes:
    def __init__(
        self,
        app: FeedApp,
        archive_path: Path,
        scheduler: CrawlScheduler,
        base_url: str,
    ) -> None:
        self.app = app
        self.archive_path = archive_path
        self.scheduler = scheduler
        self.base_url = base_url
        self.started = time.time()
        self.started_at = to_utc_text(utcnow())
        self._conn: Any = None
        app.route("/status", self._guard(self.page))
        app.route("/status.json", self._guard(self.json))
        app.route("/metrics", self._guard(self.metrics))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    @staticmethod
    def _guard(handler: Callable[[], Any]) -> Callable[[Request], Any]:
        async def route(request: Request) -> Response:
            if request.method not in ("GET", "HEAD"):
                return plain(405, "only GET and HEAD")
            response: Response = await handler()
            if request.method == "HEAD":
                return Response(response.status, b"", response.headers)
            return response

        return route

    def _service_info(self) -> dict[str, Any]:
        s = self.scheduler
        upcoming = [t for t in (s.next_run_time(sid) for sid in s.sources) if t is not None]
        return {
            "pid": os.getpid(),
            "started_at": self.started_at,
            "archive": str(self.archive_path),
            "running": list(s.running),
            "running_since": to_utc_text(s.running_since) if s.running_since else None,
            "next_run_at": to_utc_text(min(upcoming)) if upcoming else None,
        }

    async def _status(self) -> Status:
        live = self.scheduler.live_states()
        info = self._service_info()
        status: Status = await self.app.run_in_worker(self._collect, live, info)
        return status

    def _collect(self, live: dict[str, Any], info: dict[str, Any]) -> Status:
        if self._conn is None:
            self._conn = open_reader(self.archive_path)
        return collect(self._conn, utcnow(), live=live, service=info)

    def counters(self) -> ServiceCounters:
        s = self.scheduler
        return ServiceCounters(
            started_at=self.started,
            crawls=dict(s.run_results),
            source_crawls=dict(s.source_results),
            crawl_seconds=s.crawl_seconds,
            crawling=bool(s.running),
        )

    async def page(self) -> Response:
        status = await self._status()
        return uncached(200, status_page(status, self.base_url), "text/html; charset=utf-8")

    async def json(self) -> Response:
        status = await self._status()
        body = json.dumps(status.as_json(), ensure_ascii=False, indent=1).encode("utf-8")
        return uncached(200, body + b"\n", "application/json; charset=utf-8")

    async def metrics(self) -> Response:
        status = await self._status()
        return uncached(200, metrics_text(status, self.counters()).encode(), CONTENT_TYPE)
