"""The crawl's single archive writer: batched transactions, counts, fetch state, errors.

Lives in the crawl process's main thread (Scrapy's reactor thread). Writes go into an open
transaction that is committed every ``batch_size`` articles or ``batch_seconds``, and at the
end; a crash loses at most the open batch, and those articles are simply fetched again by the
next run. Run counts are saved with every commit, so even a killed run leaves its progress.

A write that fails (disk full, a file size limit, an I/O error) rolls the open batch back and
becomes the writer's :attr:`~ArchiveWriter.failure`, a :class:`archive.WriteError`: it is
raised there, later writes are skipped, and ``commit`` and ``finish`` raise it again, so a run
that could not write never claims it did (nor keeps its listings' validators).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta

from archive import Archive, FetchState, RawPage, RunCounts, Source, WriteError
from archive import writes as w
from archive.crawlstate import (
    KnownArticle,
    add_url_keys,
    get_fetch_state,
    known_article,
    remember_skipped,
    same_content_elsewhere,
    skipped_at,
    source_urls,
)
from archive.timestamps import to_utc_text, utcnow

from .items import Processed
from .urls import url_key

log = logging.getLogger(__name__)

#: Drop reasons that say what a page is, not what went wrong this time.
NOT_ARTICLE_REASONS = frozenset({"listing", "no-body", "no-title", "not-html"})

#: Backoff of a failing feed or sitemap URL: 2, 4, 8, ... minutes, at most a day.
MAX_BACKOFF = timedelta(days=1)


def backoff(consecutive_errors: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(consecutive_errors, 1)), MAX_BACKOFF)


class ArchiveWriter:
    def __init__(
        self,
        archive: Archive,
        sources: Iterable[Source],
        *,
        declared: Iterable[Source] = (),
        trigger: str = "cli",
        batch_size: int = 50,
        batch_seconds: float = 2.0,
        raw_retention_days: int = 90,
    ) -> None:
        self.archive = archive
        self.conn = archive.conn
        self.sources = {s.id: s for s in sources}
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.raw_retention_days = raw_retention_days
        self.total = RunCounts()
        self.per_source: dict[str, RunCounts] = defaultdict(RunCounts)
        self.per_source.update({sid: RunCounts() for sid in self.sources})
        self._pending = 0
        self._last_commit = time.monotonic()
        self._stored_keys: set[str] = set()
        # ETag / Last-Modified of listings (feeds, sitemaps, sections) are kept only once
        # everything they announced has been archived: until then, a killed or failed run
        # must find the listing "changed" next time, not get a 304 and miss the rest.
        self._new_validators: dict[str, tuple[str | None, str | None]] = {}
        self._tainted: set[str] = set()
        #: Set by the first write that failed; see the module docstring.
        self.failure: WriteError | None = None
        #: Called once, when that happens (the crawl stops: see crawler.run).
        self.on_failure: Callable[[], object] | None = None
        with self._writes(), archive.transaction() as conn:
            declared = list(declared)
            if declared:  # a crawl syncs every declared source (reextract has none)
                w.sync_sources(conn, [s.as_row() for s in declared])
            self.run_id = w.start_run(
                conn, trigger=trigger, sources=list(self.sources), pid=os.getpid()
            )

    # -- counting --------------------------------------------------------------------------

    def count(self, source_id: str, counter: str, n: int = 1) -> None:
        self.total.add(counter, n)
        self.per_source[source_id].add(counter, n)

    def drop(self, source_id: str, reason: str, urls: Iterable[str] = ()) -> None:
        """Count a page we will not archive; a page that is not an article at all is
        remembered, so that the next run does not fetch it again."""
        self.total.drop(reason)
        self.per_source[source_id].drop(reason)
        if reason in NOT_ARTICLE_REASONS and self.failure is None:
            with self._writes():
                self._begin()
                now = to_utc_text(utcnow())
                for key in {url_key(u) for u in urls}:
                    remember_skipped(self.conn, key, reason, now)
                self._maybe_commit()

    def error(
        self,
        source_id: str,
        url: str,
        kind: str,
        reason: str,
        http_status: int | None = None,
    ) -> None:
        self.total.error(kind)
        self.per_source[source_id].error(kind)
        log.debug("error %s %s: %s", kind, url, reason)
        if self.failure is not None:
            return
        with self._writes():
            self._begin()
            w.record_error(
                self.conn,
                url=url,
                kind=kind,
                reason=reason,
                run_id=self.run_id,
                source_id=source_id,
                http_status=http_status,
            )
            self._maybe_commit()

    # -- reads on the writer's connection ----------------------------------------------------

    def known(self, key: str) -> KnownArticle | None:
        return known_article(self.conn, key)

    def fetch_state(self, url: str) -> FetchState | None:
        return get_fetch_state(self.conn, url)

    def skipped(self, key: str) -> str | None:
        return skipped_at(self.conn, key)

    def known_urls(self, source_id: str, kind: str) -> list[str]:
        return source_urls(self.conn, source_id, kind)

    # -- writes ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writes(self) -> Iterator[None]:
        """Around every write: a failed write (disk full, I/O error, a lock held too long)
        rolls the open batch back and becomes :attr:`failure`."""
        try:
            with w.failed_writes(self.conn, self.archive.path):
                yield
        except WriteError as exc:
            self.failure = exc
            if self.on_failure is not None:
                self.on_failure()
            raise

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def _maybe_commit(self) -> None:
        self._pending += 1
        if (
            self._pending >= self.batch_size
            or time.monotonic() - self._last_commit >= self.batch_seconds
        ):
            self.commit()

    def commit(self) -> None:
        if self.failure is not None:
            raise self.failure
        with self._writes():
            self._begin()
            w.save_run_counts(self.conn, self.run_id, self.total, self.per_source)
            self.conn.commit()
        self._pending = 0
        self._last_commit = time.monotonic()

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
        """Remember what a polled URL answered (validators only from a 200)."""
        if self.failure is not None:
            return
        previous = self.fetch_state(url) or FetchState(url=url, source_id=source_id, kind=kind)
        if status == 200 and error is None:
            self._new_validators[url] = (etag, last_modified)
        state = next_fetch_state(previous, source_id, kind, status, error, retry_after_s)
        with self._writes():
            self._begin()
            w.save_fetch_state(self.conn, state)
            self._maybe_commit()

    def store(self, processed: Processed) -> str:
        """Archive one processed page; returns new, updated, unchanged or duplicate (or
        failed, once a write has failed)."""
        if self.failure is not None:
            return "failed"
        with self._writes():
            return self._store(processed)

    def _store(self, processed: Processed) -> str:
        article = processed.article
        page = processed.page
        source_id = article.source_id
        keys = [article.url_key, url_key(page.url), url_key(page.requested_url)]
        if page.listing:
            keys.append(url_key(page.listing.url))
        self._begin()
        known = self.known(article.url_key)
        copy_of = known.article_id if known and article.url_key in self._stored_keys else None
        if copy_of is None and known is None:
            digest = w.content_hash(article.title, article.subtitle, article.body)
            copy_of = same_content_elsewhere(self.conn, source_id, digest, article.url_key)
        if copy_of is not None:
            # The same article under another URL (tracking parameters, a second section,
            # a mislabelled copy): stored once, reachable under every URL it was seen at.
            add_url_keys(self.conn, copy_of, keys)
            self.count(source_id, "duplicate")
            self._maybe_commit()
            return "duplicate"
        raw = RawPage(
            url=page.url,
            html=page.body,
            fetched_at=page.fetched_at,
            http_status=page.status,
            content_type=page.content_type,
            encoding=processed.encoding,
            compressed=processed.raw_zlib or None,
            size=processed.raw_size or None,
        )
        result = w.upsert_article(self.conn, article, raw)
        add_url_keys(self.conn, result.article_id, keys)
        w.set_labels(self.conn, result.article_id, processed.labels)
        w.set_places(self.conn, result.article_id, processed.places)
        self._after_store(result.article_id, processed)
        self._stored_keys.add(article.url_key)
        self.count(source_id, result.status)
        self._maybe_commit()
        return result.status

    def _after_store(self, article_id: int, processed: Processed) -> None:
        """Story linking (copies of one story across sources), on the same transaction."""
        from archive.stories import link_article

        link_article(self.conn, article_id, processed.fingerprint)

    def taint(self, listing_url: str) -> None:
        """Something this listing announced could not be archived this run."""
        self._tainted.add(listing_url)

    def finish(self, status: str, message: str | None = None) -> None:
        """Record how the run ended; with a failed write, record it failed (if the archive
        takes that much) and raise the failure."""
        if self.failure is not None:
            with contextlib.suppress(WriteError), w.failed_writes(self.conn, self.archive.path):
                w.finish_run(
                    self.conn,
                    self.run_id,
                    status="failed",
                    total=self.total,
                    per_source=self.per_source,
                    message=str(self.failure),
                )
                self.conn.commit()
            raise self.failure
        with self._writes():
            self._finish(status, message)

    def _finish(self, status: str, message: str | None) -> None:
        self._begin()
        if status == "ok":
            for url, (etag, last_modified) in self._new_validators.items():
                if url not in self._tainted:
                    w.set_validators(self.conn, url, etag, last_modified)
        if status == "ok" and self.raw_retention_days:
            w.prune_raw_pages(self.conn, self.raw_retention_days)
        w.finish_run(
            self.conn,
            self.run_id,
            status=status,
            total=self.total,
            per_source=self.per_source,
            message=message,
        )
        self.conn.commit()


def next_fetch_state(
    previous: FetchState,
    source_id: str,
    kind: str,
    status: int,
    error: str | None,
    retry_after_s: float | None,
) -> FetchState:
    """A polled URL's state after an answer: a success clears its errors; a failure counts
    one more and sets when to ask again (Retry-After, else backoff). Validators are kept:
    new ones are set once what the listing announced is archived."""
    now = utcnow()
    if error is None:
        return replace(
            previous,
            source_id=source_id,
            kind=kind,
            last_status=status,
            last_fetched_at=to_utc_text(now),
            last_success_at=to_utc_text(now),
            consecutive_errors=0,
            last_error=None,
            next_due_at=None,
        )
    errors = previous.consecutive_errors + 1
    wait = timedelta(seconds=retry_after_s) if retry_after_s else backoff(errors)
    return replace(
        previous,
        source_id=source_id,
        kind=kind,
        last_status=status,
        last_fetched_at=to_utc_text(now),
        consecutive_errors=errors,
        last_error=error[:500],
        next_due_at=to_utc_text(now + wait),
    )


def listing_changed(known: KnownArticle, modified: datetime | None, revisit_days: int) -> bool:
    """Fetch a known article again only if its listing says it changed, or it is due."""
    if modified is not None and to_utc_text(modified) > (known.modified or known.fetched_at):
        return True
    if revisit_days > 0:
        due = to_utc_text(utcnow() - timedelta(days=revisit_days))
        return known.fetched_at < due
    return False
