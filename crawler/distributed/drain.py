"""The one archive writer of a distributed crawl: drains the workers' outbox into the
archive with :class:`~crawler.writer.ArchiveWriter`, the code path of a local crawl (upserts,
labels, story linking, revisions, fetch state, errors, run counts).

Reliable queue: a batch of events is moved (``BLMOVE``/``LMOVE``) from the outbox to a
processing list, applied in one transaction, committed, and only then removed. A writer
killed in between finds the batch in the processing list when it starts again and applies it
again first; storing is idempotent on ``url_key``, so an article is never archived twice.
After each commit the URL keys of the stored articles go to a Redis hash with their modified
and fetched times, which is how the workers know an article is archived and unchanged.

Runs: the drain records its work as runs (trigger ``redis``), a new one every
``run_seconds`` while events arrive, so the runs table and the status page count a
distributed crawl like a local one.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive import Config, WriteError, open_archive
from archive import writes as w
from archive.timestamps import to_utc_text

from ..items import Processed
from ..urls import url_key
from ..writer import ArchiveWriter
from .keys import Keys
from .messages import archived_value, decode_event

log = logging.getLogger(__name__)

JobDone = Callable[[str, str, dict[str, int]], None]


class Drain:
    def __init__(
        self,
        archive_path: str | Path,
        config: Config,
        server: Any,
        keys: Keys | None = None,
        *,
        batch_size: int = 200,
        run_seconds: float = 60.0,
        on_job_done: JobDone | None = None,
    ) -> None:
        self.archive = open_archive(archive_path)
        self.config = config
        self.server = server
        self.keys = keys or Keys()
        self.batch_size = batch_size
        self.run_seconds = run_seconds
        self.on_job_done = on_job_done
        self.known_sources = {s.id for s in config.sources}
        self.writer = self._new_writer(declared=config.sources)
        self.run_started = time.monotonic()
        self.events = 0  # applied since this drain started
        self.stored = 0

    def _new_writer(self, declared: Any = ()) -> ArchiveWriter:
        # Commits are the drain's (one per batch), never the writer's own.
        return ArchiveWriter(
            self.archive,
            [],
            declared=declared,
            trigger="redis",
            batch_size=10**9,
            batch_seconds=float("inf"),
            raw_retention_days=self.config.settings.raw_retention_days,
        )

    def step(self, timeout_s: float = 1.0) -> int:
        """Archive one batch of events (waiting up to ``timeout_s`` for the first); returns
        how many were applied. A failed write (:class:`archive.WriteError`) is raised, and
        the batch stays in Redis for the next step."""
        if self.writer.failure is not None:
            self._renew_writer()
        batch = self.server.lrange(self.keys.processing, 0, -1)
        if not batch:
            self._take(timeout_s)
            batch = self.server.lrange(self.keys.processing, 0, -1)
        if batch:
            self._apply(list(reversed(batch)))  # the oldest was moved first
        if time.monotonic() - self.run_started >= self.run_seconds and self._has_counts():
            self.rotate()
        return len(batch)

    def _take(self, timeout_s: float) -> None:
        first = self.server.blmove(
            self.keys.outbox, self.keys.processing, max(timeout_s, 0.01), "RIGHT", "LEFT"
        )
        if first is None:
            return
        with self.server.pipeline(transaction=False) as pipe:
            for _ in range(self.batch_size - 1):
                pipe.lmove(self.keys.outbox, self.keys.processing, "RIGHT", "LEFT")
            pipe.execute()

    def _apply(self, batch: list[bytes]) -> None:
        archived: dict[str, str] = {}
        done: list[tuple[str, str, dict[str, int]]] = []
        conn = self.writer.conn
        for data in batch:
            event = decode_event(data)
            try:
                with w.savepoint(conn, "event"):
                    self._apply_one(event, archived, done)
            except WriteError:
                raise
            except Exception:
                log.exception("event %s could not be archived: skipped", event[0])
        if self.writer.failure is not None:
            raise self.writer.failure
        self.writer.commit()
        with self.server.pipeline() as pipe:
            if archived:
                pipe.hset(self.keys.archived, mapping=archived)
            pipe.delete(self.keys.processing)
            pipe.execute()
        self.events += len(batch)
        for job_id, source_id, counts in done:
            if self.on_job_done is not None:
                self.on_job_done(job_id, source_id, counts)

    def _apply_one(
        self,
        event: tuple[Any, ...],
        archived: dict[str, str],
        done: list[tuple[str, str, dict[str, int]]],
    ) -> None:
        kind, *args = event
        writer = self.writer
        if kind == "store":
            processed: Processed = args[0]
            if self._known(processed.article.source_id):
                writer.store(processed)
                archived.update(_archived_keys(processed))
                self.stored += 1
        elif kind == "counts":
            for source_id, counts in args[0].items():
                if self._known(source_id):
                    for counter, n in counts.items():
                        writer.count(source_id, counter, n)
        elif kind == "drop":
            source_id, reason, urls = args
            if self._known(source_id):
                writer.drop(source_id, reason, urls)
        elif kind == "error":
            source_id, url, error_kind, reason, http_status = args
            if self._known(source_id):
                writer.error(source_id, url, error_kind, reason, http_status)
        elif kind == "fetch_state":
            url, source_id, url_kind, status, etag, last_modified, error, retry_after_s = args
            if self._known(source_id):
                writer.save_fetch_state(
                    url,
                    source_id,
                    url_kind,
                    status=status,
                    etag=etag,
                    last_modified=last_modified,
                    error=error,
                    retry_after_s=retry_after_s,
                )
        elif kind == "taint":
            writer.taint(args[0])
        elif kind == "job_done":
            done.append((args[0], args[1], args[2]))
        else:
            log.warning("unknown event %r: skipped", kind)

    def _known(self, source_id: str) -> bool:
        if source_id in self.known_sources:
            return True
        log.warning(
            "event for source %r, which sources.toml no longer declares: skipped", source_id
        )
        return False

    def _has_counts(self) -> bool:
        return any(self.writer.total.counts.values())

    def _renew_writer(self) -> None:
        """After a failed write: close that run as failed, and start another."""
        with contextlib.suppress(WriteError):
            self.writer.finish("failed", str(self.writer.failure))
        self.writer = self._new_writer()
        self.run_started = time.monotonic()

    def rotate(self) -> None:
        """Close this run (its counts final) and start the next."""
        self.finish()
        self.writer = self._new_writer()
        self.run_started = time.monotonic()

    def finish(self, status: str = "ok") -> None:
        self.writer.finish(status)
        log.info("run %d %s: %s", self.writer.run_id, status, self.writer.total.summary())

    def close(self, status: str = "ok") -> None:
        self.finish(status)
        self.archive.close()


def _archived_keys(processed: Processed) -> dict[str, str]:
    """Every URL key the writer files this article under, with its modified and fetched
    times (what :func:`crawler.writer.listing_changed` compares with a listing)."""
    article, page = processed.article, processed.page
    modified = to_utc_text(article.modified) if article.modified else None
    value = archived_value(modified, to_utc_text(page.fetched_at))
    keys = [article.url_key, url_key(page.url), url_key(page.requested_url)]
    if page.listing is not None:
        keys.append(url_key(page.listing.url))
    return dict.fromkeys(keys, value)
