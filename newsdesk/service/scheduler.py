"""Scheduled crawls: APScheduler decides when each source is due, one runner crawls.

Each enabled source is an APScheduler interval job (its ``interval``, with jitter, an explicit
misfire grace time, missed runs coalesced, one instance at most). A job only marks its source
due; one runner task takes the sources that are due and crawls them in one child process, so
a source is never crawled twice at once and the archive has one writer. After each crawl the
runner records each source's outcome in the archive, backs off the sources that failed
(exponentially, never giving up), logs one line for the run and one per source, and calls
``after_run`` (the feeds are rebuilt and, with ``--out``, published).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from archive import Source
from archive.service_state import ScheduleState
from archive.timestamps import parse_text, to_utc_text, utcnow

from . import policy
from .child import CrawlChild, crawl_argv
from .store import StateStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    archive_path: Path
    sources_file: Path
    crawl_timeout_s: float = 1800.0
    stop_grace_s: float = 30.0
    max_backoff_s: int = 3600
    misfire_grace_s: int = 300
    gather_s: float = 2.0  # wait this long for other due sources to join a crawl
    max_batch: int = 50  # sources per crawl at most
    workers: int | None = None


@dataclass(frozen=True)
class RunRecord:
    """A finished crawl, as the status page and the metrics show it."""

    run_id: int | None
    result: str
    sources: tuple[str, ...]
    started_at: datetime
    duration_s: float


class Dispatcher(Protocol):
    """Crawls run by workers elsewhere (``newsdesk run --redis``, :mod:`.distributed`)."""

    async def start(self, on_done: Callable[[str, str, dict[str, int]], None]) -> None: ...

    async def enqueue(self, source_ids: list[str]) -> dict[str, str]: ...

    async def release(self, source_id: str) -> None: ...

    async def stop(self) -> None: ...


#: How often jobs handed to workers are checked against the crawl timeout.
JOB_CHECK_S = 10


class CrawlScheduler:
    def __init__(
        self,
        sources: list[Source],
        options: CrawlOptions,
        store: StateStore,
        after_run: Callable[[], Awaitable[None]] | None = None,
        dispatcher: Dispatcher | None = None,
    ) -> None:
        self.sources = {s.id: s for s in sources if s.enabled}
        self.dispatcher = dispatcher
        self.options = options
        self.store = store
        self.after_run = after_run
        self.states: dict[str, ScheduleState] = {}
        self.running: tuple[str, ...] = ()
        self.running_since: datetime | None = None
        self.last_run: RunRecord | None = None
        self.run_results: Counter[str] = Counter()  # since the service started
        self.source_results: Counter[tuple[str, str]] = Counter()
        self.crawl_seconds = 0.0
        self._due: dict[str, datetime] = {}
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._child: CrawlChild | None = None
        self._runner: asyncio.Task[None] | None = None
        self._jobs: dict[str, datetime] = {}  # with --redis: sources the workers crawl
        self._after_run_due = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._aps = AsyncIOScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1}
        )

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        stored = await self.store.call(self.store.load)
        now = utcnow()
        for source in self.sources.values():
            state = stored.get(source.id) or ScheduleState(source.id)
            interval = source.interval_s
            first = policy.first_run_at(state, now, interval)
            self._aps.add_job(
                self._fire,
                IntervalTrigger(seconds=interval, jitter=policy.jitter_s(interval), timezone=UTC),
                args=[source.id],
                id=source.id,
                name=f"crawl {source.id}",
                next_run_time=first,
                misfire_grace_time=policy.misfire_grace_s(interval, self.options.misfire_grace_s),
            )
            self.states[source.id] = replace(state, next_run_at=to_utc_text(first))
        await self._persist()
        if self.dispatcher is not None:
            await self.dispatcher.start(self.job_done)
            self._aps.add_job(self._expire_jobs, "interval", seconds=JOB_CHECK_S, id="job-timeouts")
        self._aps.start()
        self._runner = asyncio.create_task(self._run_forever(), name="newsdesk-runner")

    async def stop(self) -> None:
        """No new crawls; the running one is asked to stop (and killed after the grace)."""
        self._stopping.set()
        self._wake.set()
        if self._aps.running:
            self._aps.shutdown(wait=False)
        if self._child is not None:
            self._child.request_stop()
        if self._runner is not None:
            await self._runner
        if self.dispatcher is not None:
            await self.dispatcher.stop()
        await self._persist()

    # -- queries ----------------------------------------------------------------------------

    def next_run_time(self, source_id: str) -> datetime | None:
        job = self._aps.get_job(source_id)
        return getattr(job, "next_run_time", None) if job is not None else None

    def live_states(self) -> dict[str, ScheduleState]:
        """The states with the jobs' current next run times."""
        states = {}
        for source_id, state in self.states.items():
            nxt = self.next_run_time(source_id)
            states[source_id] = replace(state, next_run_at=to_utc_text(nxt)) if nxt else state
        return states

    # -- the job: mark due --------------------------------------------------------------------

    async def _fire(self, source_id: str) -> None:
        if self._stopping.is_set() or source_id in self.running:
            return
        state = self.states[source_id]
        if policy.is_backing_off(state, utcnow() + timedelta(seconds=1)):
            log.debug("source %s: backing off until %s", source_id, state.retry_at)
            return
        self._due.setdefault(source_id, utcnow())
        self._wake.set()

    # -- the runner ---------------------------------------------------------------------------

    async def _run_forever(self) -> None:
        while not self._stopping.is_set():
            await self._wake.wait()
            self._wake.clear()
            if self._stopping.is_set() or not self._due:
                continue
            await self._pause(self.options.gather_s)
            if self._stopping.is_set():
                break
            batch = self._next_batch()
            for source_id in batch:
                del self._due[source_id]
            await self._crawl(tuple(batch))
            if self._due:
                self._wake.set()

    def _next_batch(self) -> list[str]:
        """The due sources to crawl together, longest due first. A failing source is
        crawled alone, so that a source whose crawl fails or hangs cannot take the healthy
        ones down with it (after a failed crawl of several, each is retried alone)."""
        due = sorted(self._due, key=lambda s: self._due[s])
        failing = [s for s in due if self.states[s].consecutive_failures > 0]
        if failing and failing[0] == due[0]:
            return failing[:1]
        healthy = [s for s in due if s not in failing]
        return healthy[: self.options.max_batch]

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def _crawl(self, batch: tuple[str, ...]) -> None:
        if self.dispatcher is not None:
            await self._dispatch(batch)
            return
        started_at = utcnow()
        self.running, self.running_since = batch, started_at
        for source_id in batch:
            self.states[source_id] = policy.started(self.states[source_id], started_at)
        await self._persist()
        if self._stopping.is_set():  # stopped meanwhile: these stay due for the next start
            self.running, self.running_since = (), None
            return
        argv = crawl_argv(
            self.options.archive_path,
            self.options.sources_file,
            batch,
            workers=self.options.workers,
        )
        self._child = CrawlChild(argv)
        try:
            result = await self._child.run(
                timeout_s=self.options.crawl_timeout_s, stop_grace_s=self.options.stop_grace_s
            )
        finally:
            self._child = None
        if result.exit_code != 0:
            await self.store.call(self.store.mark_stale)
        outcomes = [await self._outcome(s, result) for s in batch]
        self._record(batch, result, outcomes, started_at)
        self.running, self.running_since = (), None
        await self._persist()
        self._log(result, outcomes)
        if self.after_run is not None and not self._stopping.is_set():
            await self.after_run()

    # -- crawls by workers (--redis) --------------------------------------------------------------

    async def _dispatch(self, batch: tuple[str, ...]) -> None:
        """Hand the batch to the workers as jobs; each source's outcome comes with its
        job's end (:meth:`job_done`). A source whose job from before a restart is still
        running waits for that one."""
        assert self.dispatcher is not None
        started_at = utcnow()
        for source_id in batch:
            self.states[source_id] = policy.started(self.states[source_id], started_at)
            self._jobs[source_id] = started_at
        self.running = tuple(self._jobs)
        self.running_since = self.running_since or started_at
        jobs = await self.dispatcher.enqueue(list(batch))
        already = len(batch) - len(jobs)
        log.info("%d job(s) queued for the workers (%d still running)", len(jobs), already)
        await self._persist()

    def job_done(self, job_id: str, source_id: str, counts: dict[str, int]) -> None:
        """A worker finished a source's job (called on the event loop)."""
        if source_id not in self.sources:
            return
        started_at = self._jobs.pop(source_id, None) or utcnow()
        duration_s = (utcnow() - started_at).total_seconds()
        # A job that counted nothing (all answered from shared caches) still finished.
        per_source = {source_id: counts or {"errors": 0}}
        result = policy.ChildResult(0, duration_s, run_status="ok", per_source=per_source)
        self._finish_job(source_id, result, started_at)

    async def _expire_jobs(self) -> None:
        assert self.dispatcher is not None
        now = utcnow()
        timeout = timedelta(seconds=self.options.crawl_timeout_s)
        for source_id, started_at in list(self._jobs.items()):
            if now - started_at > timeout:
                del self._jobs[source_id]
                await self.dispatcher.release(source_id)
                result = policy.ChildResult(
                    None, (now - started_at).total_seconds(), timed_out=True
                )
                self._finish_job(source_id, result, started_at)

    def _finish_job(self, source_id: str, result: policy.ChildResult, started_at: datetime) -> None:
        outcome = policy.source_outcome(source_id, result, self.options.crawl_timeout_s)
        self._record((source_id,), result, [outcome], started_at)
        self.running = tuple(self._jobs)
        if not self._jobs:
            self.running_since = None
        self._log_source(outcome)
        self._background(self._persist())
        if self.after_run is not None and not self._after_run_due:
            self._after_run_due = True
            asyncio.get_running_loop().call_later(1.0, lambda: self._background(self._after_jobs()))

    def _background(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _after_jobs(self) -> None:
        """Feeds rebuilt (and published) once for the jobs that ended within a second."""
        self._after_run_due = False
        if self.after_run is not None and not self._stopping.is_set():
            await self.after_run()

    async def _outcome(self, source_id: str, result: policy.ChildResult) -> policy.SourceOutcome:
        outcome = policy.source_outcome(source_id, result, self.options.crawl_timeout_s)
        if outcome.result == "failed" and outcome.counts and result.run_id is not None:
            detail = await self.store.call(self.store.source_error, result.run_id, source_id)
            if detail:
                outcome = replace(outcome, error=f"{outcome.error}, last {detail}")
        return outcome

    def _record(
        self,
        batch: tuple[str, ...],
        result: policy.ChildResult,
        outcomes: list[policy.SourceOutcome],
        started_at: datetime,
    ) -> None:
        now = utcnow()
        for outcome in outcomes:
            source = self.sources[outcome.source_id]
            state = policy.finished(
                self.states[outcome.source_id],
                outcome,
                now=now,
                run_id=result.run_id,
                duration_s=result.duration_s,
                interval_s=source.interval_s,
                max_backoff_s=self.options.max_backoff_s,
            )
            if state.retry_at is not None and not self._stopping.is_set():
                # Crawl again when the backoff ends; the interval grid resumes from there.
                self._aps.modify_job(source.id, next_run_time=parse_text(state.retry_at))
            self.states[source.id] = state
            self.source_results[(source.id, outcome.result)] += 1
        run_result = policy.run_result(result)
        self.run_results[run_result] += 1
        self.crawl_seconds += result.duration_s
        self.last_run = RunRecord(result.run_id, run_result, batch, started_at, result.duration_s)

    async def _persist(self) -> None:
        await self.store.call(self.store.save, list(self.live_states().values()))

    # -- one line per run and per source --------------------------------------------------------

    def _log(self, result: policy.ChildResult, outcomes: list[policy.SourceOutcome]) -> None:
        word = policy.run_result(result)
        run = f"run {result.run_id}" if result.run_id is not None else "run -"
        detail = result.run_summary or (outcomes[0].error if outcomes else "") or ""
        level = logging.INFO if word in ("ok", "interrupted") else logging.WARNING
        log.log(
            level,
            "%s %s in %.1fs (%d source%s): %s",
            run,
            word,
            result.duration_s,
            len(outcomes),
            "" if len(outcomes) == 1 else "s",
            detail,
        )
        for outcome in outcomes:
            self._log_source(outcome)

    def _log_source(self, outcome: policy.SourceOutcome) -> None:
        state = self.states[outcome.source_id]
        counts = " ".join(
            f"{k}={outcome.counts.get(k, 0)}"
            for k in ("new", "updated", "fetched", "not_modified", "errors")
        )
        if outcome.result == "ok":
            nxt = self.next_run_time(outcome.source_id)
            when = f"next run {to_utc_text(nxt)}" if nxt else "stopping"
            log.info("source %s: ok, %s; %s", outcome.source_id, counts, when)
        elif outcome.result == "interrupted":
            log.info("source %s: interrupted, %s; due again at start", outcome.source_id, counts)
        else:
            log.warning(
                "source %s: %s (%d in a row): %s; retry at %s",
                outcome.source_id,
                outcome.result,
                state.consecutive_failures,
                outcome.error,
                state.retry_at,
            )
