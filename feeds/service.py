"""The feeds' synchronous core for the server: URL -> cached response, from one reader.

It owns one read-only connection and caches built entries and rendered fragments while the
archive state they came from holds; the ASGI app calls it from a single worker thread and
tells it the current state generation.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import re
from base64 import b64encode
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from archive.db import open_reader
from archive.errors import QueryError, ReadOnlyError
from archive.feed_queries import feed_state, selection_ids, snapshot
from archive.queries import ArticleFilter, search
from archive.readonly import DEFAULT_MAX_ROWS, run_query
from archive.sources import Config

from .catalog import named_feeds, resolve, search_spec
from .dates import rfc3339
from .documents import EntryStore, FeedSettings, empty_updated, load_document
from .http import Cached, Response, plain, uncached
from .model import FORMATS, FeedSpec
from .opml import feeds_opml
from .pages import index_page, search_page, search_values
from .render import CONTENT_TYPES, FragmentCache, render

log = logging.getLogger(__name__)

#: /feeds/{kind}/{key}[/archive/{n}].{fmt}, /feeds/all[/archive/{n}].{fmt}
FEED_PATH = re.compile(
    r"^/feeds/(?:(all)|(topic|region|source|query)/([a-z0-9][a-z0-9_-]{0,63}))"
    r"(?:/archive/([1-9][0-9]{0,8}))?\.(rss|atom|json)$"
)
SEARCH_PATH = re.compile(r"^/feeds/search\.(rss|atom|json)$")
PAGE_CACHE_CONTROL = "public, max-age=60"
SQL_TIME_LIMIT_S = 5.0
SQL_MAX_TIME_LIMIT_S = 30.0
SEARCH_PAGE_RESULTS = 50


class FeedService:
    def __init__(self, archive_path: str | Path, config: Config, settings: FeedSettings) -> None:
        self.archive_path = Path(archive_path)
        self.config = config
        self.settings = settings
        self.conn = open_reader(self.archive_path)
        self.store = EntryStore(settings.base_url)
        self.fragments = FragmentCache()
        self._generation = -1

    def close(self) -> None:
        self.conn.close()

    def sync(self, generation: int) -> None:
        """Forget built entries when the archive changed (a new generation)."""
        if generation != self._generation:
            self.store.clear()
            self.fragments.clear()
            self._generation = generation

    # -- documents ------------------------------------------------------------------------

    def feed(self, path: str, query: Mapping[str, str]) -> Cached | None:
        """The response for a feed URL, or None for a 404."""
        match = FEED_PATH.match(path)
        if match:
            is_all, kind, key, number, fmt = match.groups()
            spec = resolve(self.conn, self.config, "all" if is_all else kind, key or "")
            if spec is None:
                return None
            return self._render(spec, int(number) if number else None, fmt)
        match = SEARCH_PATH.match(path)
        if match:
            return self._render(search_spec(query), None, match.group(1))
        return None

    def _render(self, spec: FeedSpec, number: int | None, fmt: str) -> Cached | None:
        with self._snapshot():
            doc = load_document(self.conn, spec, number, self.settings, self.store)
        if doc is None:
            return None
        body = render(doc, fmt, self.fragments)
        return Cached.build(body, CONTENT_TYPES[fmt], last_modified=doc.updated)

    def _snapshot(self) -> contextlib.AbstractContextManager[None]:
        return snapshot(self.conn)

    def subscription_etags(self) -> dict[str, str]:
        """URL -> ETag of every named feed's subscription document, in every format."""
        with self._snapshot():
            specs = named_feeds(self.conn, self.config)
        etags = {}
        for spec in specs:
            for fmt in FORMATS:
                cached = self._render(spec, None, fmt)
                if cached is not None:
                    etags[spec.url(self.settings.base_url, fmt)] = cached.etag
        return etags

    def index(self) -> Cached:
        with self._snapshot():
            specs = named_feeds(self.conn, self.config)
            updated = empty_updated(self.conn)
        body = index_page(specs, self.settings.base_url)
        return Cached.build(
            body,
            "text/html; charset=utf-8",
            last_modified=updated,
            cache_control=PAGE_CACHE_CONTROL,
        )

    def opml(self) -> Cached:
        with self._snapshot():
            specs = named_feeds(self.conn, self.config)
            updated = empty_updated(self.conn)
        return Cached.build(
            feeds_opml(specs, self.settings.base_url),
            "text/x-opml; charset=utf-8",
            last_modified=updated,
            cache_control=PAGE_CACHE_CONTROL,
        )

    def search(self, query: Mapping[str, str]) -> Cached:
        """Search results as HTML: ranked by relevance with terms, else newest first."""
        values = search_values(dict(query))
        spec = search_spec(values)
        with self._snapshot():
            if values.get("q"):
                region = values.get("region")
                filters = ArticleFilter(
                    topic=values.get("topic"), region=region, source=values.get("source")
                )
                rows = search(self.conn, values["q"], filters, limit=SEARCH_PAGE_RESULTS)
                ids = [r["id"] for r in rows]
            else:
                ids = selection_ids(self.conn, spec.selection, limit=SEARCH_PAGE_RESULTS)
            entries = self.store.get(self.conn, ids)
        body = search_page(spec, entries, values, self.settings.base_url)
        return Cached.build(body, "text/html; charset=utf-8", cache_control=PAGE_CACHE_CONTROL)

    # -- read-only SQL and health ------------------------------------------------------

    def sql(self, query: Mapping[str, str]) -> Response:
        """``/sql?q=...&format=json|csv&time_limit=S``: one read-only statement."""
        sql = query.get("q", "").strip()
        fmt = query.get("format", "json")
        if not sql:
            return plain(400, "give the SQL in ?q=")
        if fmt not in ("json", "csv"):
            return plain(400, "format must be json or csv")
        try:
            limit_s = min(float(query.get("time_limit", SQL_TIME_LIMIT_S)), SQL_MAX_TIME_LIMIT_S)
        except ValueError:
            return plain(400, "time_limit must be a number of seconds")
        try:
            result = run_query(self.conn, sql, time_limit_s=limit_s, max_rows=DEFAULT_MAX_ROWS)
        except (QueryError, ReadOnlyError) as exc:
            return uncached(
                400, json.dumps({"error": str(exc)}).encode() + b"\n", "application/json"
            )
        rows = [[_jsonable(v) for v in row] for row in result.rows]
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(result.columns)
            writer.writerows(rows)
            return uncached(200, out.getvalue().encode("utf-8"), "text/csv; charset=utf-8")
        payload = {
            "columns": result.columns,
            "rows": rows,
            "truncated": result.truncated,
            "elapsed_s": round(result.elapsed_s, 4),
        }
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n"
        return uncached(200, body, "application/json; charset=utf-8")

    def health(self) -> Response:
        state = feed_state(self.conn)
        updated = empty_updated(self.conn)
        body = json.dumps({"status": "ok", "feed_state": state, "updated": rfc3339(updated)})
        return uncached(200, body.encode() + b"\n", "application/json")


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": b64encode(value).decode()}
    return value
