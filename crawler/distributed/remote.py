"""The worker's stand-in for :class:`crawler.writer.ArchiveWriter`.

:class:`~crawler.spider.NewsSpider` and :class:`~crawler.pipelines.ProcessPipeline` talk to
"the writer"; in a worker that is this class. What the crawl must know right away is shared
through Redis (conditional GET state, archived and skipped URLs, known sitemaps); what the
archive must record goes to the writer's outbox as events, which the one archive writer
applies with the same code as a local crawl (:mod:`crawler.distributed.drain`).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from archive import FetchState
from archive.crawlstate import KnownArticle
from archive.timestamps import to_utc_text, utcnow

from ..urls import url_key
from ..writer import NOT_ARTICLE_REASONS, next_fetch_state
from .inflight import JOB_TTL_S
from .keys import Keys
from .messages import (
    encode_event,
    fetch_state_from_json,
    fetch_state_to_json,
    known_from_archived,
)

log = logging.getLogger(__name__)


class RemoteWriter:
    def __init__(self, server: Any, keys: Keys) -> None:
        self.server = server
        self.keys = keys
        #: The job of the request being handled (set by the spider around each callback).
        self.job: str | None = None
        self._run_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._job_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._new_validators: dict[str, tuple[str | None, str | None]] = {}

    # -- counting ---------------------------------------------------------------------------

    def count(self, source_id: str, counter: str, n: int = 1) -> None:
        self._run_counts[source_id][counter] += n
        if self.job is not None:
            self._job_counts[self.job][counter] += n

    def _count_job(self, counter: str) -> None:
        if self.job is not None:
            self._job_counts[self.job][counter] += 1

    def flush(self) -> None:
        """Send the counts gathered since the last flush: to the jobs' tallies (read when a
        job is done) and to the writer (the archive's run counts)."""
        if not self._run_counts and not self._job_counts:
            return
        with self.server.pipeline(transaction=False) as pipe:
            for job_id, counts in self._job_counts.items():
                key = self.keys.job_counts(job_id)
                for counter, n in counts.items():
                    pipe.hincrby(key, counter, n)
                pipe.expire(key, JOB_TTL_S)
            if self._run_counts:
                counts_by_source = {s: dict(c) for s, c in self._run_counts.items()}
                pipe.lpush(self.keys.outbox, encode_event(("counts", counts_by_source)))
            pipe.execute()
        self._run_counts.clear()
        self._job_counts.clear()

    def drop(self, source_id: str, reason: str, urls: Any = ()) -> None:
        urls = tuple(urls)
        self._count_job("dropped")
        with self.server.pipeline(transaction=False) as pipe:
            if reason in NOT_ARTICLE_REASONS:
                now = to_utc_text(utcnow())
                for key in {url_key(u) for u in urls}:
                    pipe.hset(self.keys.skipped, key, now)
            pipe.lpush(self.keys.outbox, encode_event(("drop", source_id, reason, urls)))
            pipe.execute()

    def error(
        self,
        source_id: str,
        url: str,
        kind: str,
        reason: str,
        http_status: int | None = None,
    ) -> None:
        self._count_job("errors")
        event = ("error", source_id, url, kind, reason, http_status)
        self.server.lpush(self.keys.outbox, encode_event(event))
        log.debug("error %s %s: %s", kind, url, reason)

    # -- what the crawl asks --------------------------------------------------------------------

    def known(self, key: str) -> KnownArticle | None:
        value = self.server.hget(self.keys.archived, key)
        return known_from_archived(value) if value is not None else None

    def fetch_state(self, url: str) -> FetchState | None:
        value = self.server.hget(self.keys.fetch_state, url)
        return fetch_state_from_json(value) if value is not None else None

    def skipped(self, key: str) -> str | None:
        value = self.server.hget(self.keys.skipped, key)
        return value.decode() if value is not None else None

    def known_urls(self, source_id: str, kind: str) -> list[str]:
        members = self.server.smembers(self.keys.source_urls(source_id, kind))
        return sorted(m.decode() for m in members)

    # -- fetch state ------------------------------------------------------------------------------

    def save_fetch_state(
        self,
        url: str,
        source_id: str,
        kind: str,
        *,
        status: int,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        """Share what a polled URL answered; its new validators wait for :meth:`settle`."""
        previous = self.fetch_state(url) or FetchState(url=url, source_id=source_id, kind=kind)
        if status == 200 and error is None:
            self._new_validators[url] = (etag, last_modified)
        state = next_fetch_state(previous, source_id, kind, status, error, retry_after_s)
        event = ("fetch_state", url, source_id, kind, status, etag, last_modified, error)
        with self.server.pipeline(transaction=False) as pipe:
            pipe.hset(self.keys.fetch_state, url, fetch_state_to_json(state))
            pipe.sadd(self.keys.source_urls(source_id, kind), url)
            pipe.lpush(self.keys.outbox, encode_event((*event, retry_after_s)))
            pipe.execute()

    def settle(self, url: str) -> None:
        """Everything this listing announced is queued: its validators may be used next
        time (an unchanged listing then costs a 304)."""
        validators = self._new_validators.pop(url, None)
        if validators is not None:
            self._set_validators(url, *validators)

    def taint(self, listing_url: str) -> None:
        """Something this listing announced could not be fetched: ask for it in full next
        time, so that it is not missed behind a 304."""
        self._new_validators.pop(listing_url, None)
        self._set_validators(listing_url, None, None)
        self.server.lpush(self.keys.outbox, encode_event(("taint", listing_url)))

    def _set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        state = self.fetch_state(url)
        if state is not None:
            state = replace(state, etag=etag, last_modified=last_modified)
            self.server.hset(self.keys.fetch_state, url, fetch_state_to_json(state))
