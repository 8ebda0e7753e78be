"""The HTTP server of the feeds: a raw ASGI app with an in-memory cache of responses.

Every document is rendered once per archive state and then answered from memory: a request
costs a dictionary lookup and a validator comparison. The archive state is SQLite's
``PRAGMA data_version`` (did another connection commit?) and, when it moved, the newest feed
stamp (did anything a feed shows change?); a new stamp starts a new cache generation.
Rendering runs in one worker thread with its own read-only connection, so the event loop
keeps answering cached documents while a new one is built.

The service process adds its own routes (``/status``, ``/metrics``) with :meth:`FeedApp.route`
and runs the same app in-process with :func:`feeds.serve.server`.

Routes: ``/``, ``/feeds.opml``, ``/feeds/...`` (see the README), ``/search``, ``/sql``,
``/healthz``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from archive.db import open_reader
from archive.feed_queries import data_version, feed_state
from archive.sources import Config

from .documents import FeedSettings
from .http import Cached, Response, plain
from .service import FeedService
from .websub import ping

log = logging.getLogger(__name__)

#: Cached responses kept at most (search feeds and archive pages are many); the oldest half
#: is dropped when it is full.
MAX_CACHED = 4096
#: How often the archive state is read at most; a request in between uses the last answer.
STATE_CHECK_INTERVAL_S = 0.2

#: Paths whose response depends on the query string (everything else ignores it).
_QUERY_PATHS = frozenset(
    {"/search", "/feeds/search.rss", "/feeds/search.atom", "/feeds/search.json"}
)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]  # first value of each parameter
    headers: dict[str, str]  # lower-case names


Handler = Callable[[Request], Awaitable[Response]]


def _request(scope: Scope) -> Request:
    raw_query = scope.get("query_string", b"").decode("latin-1")
    query: dict[str, str] = {}
    for key, value in parse_qsl(raw_query, keep_blank_values=True):
        query.setdefault(key, value)
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
    return Request(scope["method"], scope["path"], query, headers)


class FeedApp:
    """ASGI application: ``create_app(...)`` builds one; any ASGI server can run it."""

    def __init__(self, archive_path: str | Path, config: Config, settings: FeedSettings) -> None:
        self.archive_path = Path(archive_path)
        self.settings = settings
        self.service = FeedService(archive_path, config, settings)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-feeds")
        self._state_conn = open_reader(self.archive_path)
        self._data_version = data_version(self._state_conn)
        self._feed_state = feed_state(self._state_conn)
        self._checked_at = time.monotonic()
        self.generation = 0
        self._cache: dict[str, Cached] = {}
        self._routes: dict[str, Handler] = {
            "/healthz": self._healthz,
            "/sql": self._sql,
        }
        self._listeners: list[Callable[[int], None]] = []
        self._hub_etags: dict[str, str] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        if settings.hub:
            self.on_change(self._schedule_ping)

    # -- public surface ---------------------------------------------------------------

    def route(self, path: str, handler: Handler) -> None:
        """Serve ``handler`` at exactly ``path`` (e.g. the service's ``/status``)."""
        self._routes[path] = handler

    def on_change(self, listener: Callable[[int], None]) -> None:
        """Call ``listener(generation)`` on the event loop whenever the feeds changed."""
        self._listeners.append(listener)

    async def run_in_worker(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` in the worker thread that owns the reader connection."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    def close(self) -> None:
        self._worker.shutdown(wait=True)
        self.service.close()
        self._state_conn.close()

    # -- archive state ----------------------------------------------------------------

    def check_state(self, *, force: bool = False) -> int:
        """The cache generation, after looking at the archive if it is time to."""
        now = time.monotonic()
        if not force and now - self._checked_at < STATE_CHECK_INTERVAL_S:
            return self.generation
        self._checked_at = now
        version = data_version(self._state_conn)
        if version != self._data_version:
            self._data_version = version
            state = feed_state(self._state_conn)
            if state != self._feed_state:
                self._feed_state = state
                self.generation += 1
                self._cache.clear()
                log.info("archive changed (feed stamp %d): feeds will be rebuilt", state)
                for listener in self._listeners:
                    listener(self.generation)
        return self.generation

    # -- ASGI -------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = _request(scope)
        response = await self.handle(request)
        await send(
            {"type": "http.response.start", "status": response.status, "headers": response.headers}
        )
        await send({"type": "http.response.body", "body": response.body})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.settings.hub:
                    self._hub_etags = await self.run_in_worker(self._current_etags, self.generation)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def handle(self, request: Request) -> Response:
        handler = self._routes.get(request.path)
        if handler is not None:
            return await handler(request)
        if request.method not in ("GET", "HEAD"):
            return plain(405, "only GET and HEAD")
        generation = self.check_state()
        key = request.path
        if request.path in _QUERY_PATHS:
            key += "?" + urlencode(sorted(request.query.items()))
        cached = self._cache.get(key)
        if cached is None:
            cached = await self.run_in_worker(self._build, generation, request.path, request.query)
            if cached is None:
                return plain(404, f"no such feed or page: {request.path}")
            if generation == self.generation:
                if len(self._cache) >= MAX_CACHED:
                    for old in list(self._cache)[: MAX_CACHED // 2]:
                        del self._cache[old]
                self._cache[key] = cached
        return cached.respond(request.headers, head=request.method == "HEAD")

    def _build(self, generation: int, path: str, query: dict[str, str]) -> Cached | None:
        """In the worker thread: render what a path names (None for a 404)."""
        self.service.sync(generation)
        if path == "/":
            return self.service.index()
        if path == "/feeds.opml":
            return self.service.opml()
        if path == "/search":
            return self.service.search(query)
        if path.startswith("/feeds/"):
            return self.service.feed(path, query)
        return None

    # -- WebSub ------------------------------------------------------------------------

    def _current_etags(self, generation: int) -> dict[str, str]:
        """In the worker thread: the ETag of every feed's subscription document."""
        self.service.sync(generation)
        return self.service.subscription_etags()

    def _schedule_ping(self, generation: int) -> None:
        task = asyncio.get_running_loop().create_task(self._ping_changed(generation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _ping_changed(self, generation: int) -> None:
        """Tell the hub which feeds changed with this archive state (WebSub publish)."""
        etags = await self.run_in_worker(self._current_etags, generation)
        before = self._hub_etags or {}
        self._hub_etags = etags
        changed = sorted(url for url, tag in etags.items() if before.get(url) != tag)
        if changed and self.settings.hub:
            await asyncio.to_thread(ping, self.settings.hub, changed)

    async def _healthz(self, request: Request) -> Response:
        return await self.run_in_worker(self.service.health)

    async def _sql(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return plain(405, "only GET and HEAD")
        return await self.run_in_worker(self.service.sql, request.query)


def create_app(archive_path: str | Path, config: Config, settings: FeedSettings) -> FeedApp:
    """The feeds app for one archive; add routes with :meth:`FeedApp.route`."""
    return FeedApp(archive_path, config, settings)
