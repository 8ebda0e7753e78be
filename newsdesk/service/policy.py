"""The scheduling rules, as plain functions over :class:`~archive.service_state.ScheduleState`:
when a source is due after a restart, how a crawl's output becomes one outcome per source,
how far a failing source backs off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from archive.service_state import ScheduleState
from archive.timestamps import parse_text, to_utc_text

#: The first retry of a failing source waits its interval, but never more than this; each
#: further failure doubles the wait, up to the service's maximum backoff.
BACKOFF_BASE_MAX_S = 300
#: Jitter added to each scheduled time: a tenth of the interval, at most a minute, so that
#: sources declared together do not all hit their hosts in the same second.
JITTER_SHARE = 0.1
JITTER_MAX_S = 60.0

_SOURCE_LINE = re.compile(r"^source (\S+): (.*)$")
_RUN_LINE = re.compile(r"^run (\d+) (\w+): (.*)$")
_COUNT = re.compile(r"(\w+)=(\d+)")


def jitter_s(interval_s: int) -> float:
    return min(interval_s * JITTER_SHARE, JITTER_MAX_S)


def misfire_grace_s(interval_s: int, limit_s: int) -> int:
    """How late a scheduled crawl may start and still run: at most one interval (a later
    one is coalesced into the next), at most ``limit_s``."""
    return max(1, min(interval_s, limit_s))


def backoff_s(failures: int, interval_s: int, max_backoff_s: int) -> int:
    """Seconds to wait after ``failures`` failed crawls in a row: interval (at most 5 min),
    doubled at each failure, capped at ``max_backoff_s``. Never infinite: a source that keeps
    failing is still tried at the cap."""
    base = min(interval_s, BACKOFF_BASE_MAX_S)
    return int(min(base * 2 ** min(max(failures, 1) - 1, 30), max(max_backoff_s, base)))


def first_run_at(state: ScheduleState | None, now: datetime, interval_s: int) -> datetime:
    """When a (re)started service should first crawl a source.

    Never crawled, cut off by a stop or a crash (``running``, ``interrupted``), or missed
    while the service was down: now, once (missed runs are coalesced). Backing off: when the
    backoff ends. Otherwise the time the last service planned, at most one interval away.
    """
    if state is None or state.next_run_at is None:
        return now
    if state.last_result in ("running", "interrupted"):
        return now
    if state.retry_at is not None:
        return max(now, parse_text(state.retry_at))
    planned = parse_text(state.next_run_at)
    return min(max(now, planned), now + timedelta(seconds=interval_s))


def is_backing_off(state: ScheduleState, now: datetime) -> bool:
    return state.retry_at is not None and parse_text(state.retry_at) > now


# -- what a crawl child said --------------------------------------------------------------------


@dataclass(frozen=True)
class ChildResult:
    """How one ``newsdesk crawl`` child ended."""

    exit_code: int | None
    duration_s: float
    run_id: int | None = None
    run_status: str | None = None  # as the child printed it: ok, interrupted, failed
    run_summary: str = ""
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)
    timed_out: bool = False
    stopped: bool = False  # we asked it to stop (service shutdown)
    error: str | None = None  # last meaningful stderr line


def parse_output(lines: list[str]) -> tuple[int | None, str | None, str, dict[str, dict[str, int]]]:
    """``(run_id, status, summary, counts per source)`` from ``newsdesk crawl``'s stdout."""
    run_id, status, summary = None, None, ""
    per_source: dict[str, dict[str, int]] = {}
    for line in lines:
        if match := _SOURCE_LINE.match(line):
            per_source[match[1]] = {k: int(v) for k, v in _COUNT.findall(match[2])}
        elif match := _RUN_LINE.match(line):
            run_id, status, summary = int(match[1]), match[2], match[3]
    return run_id, status, summary, per_source


def finished_ok(result: ChildResult) -> bool:
    """The crawl completed (asked to stop just as it finished, it still counts)."""
    return result.exit_code == 0 and result.run_status == "ok"


def run_result(result: ChildResult) -> str:
    """One word for the whole run: ok, failed, timeout or interrupted."""
    if result.timed_out:
        return "timeout"
    if result.stopped and not finished_ok(result):
        return "interrupted"
    if result.exit_code != 0:
        return "failed"
    return result.run_status or "ok"


@dataclass(frozen=True)
class SourceOutcome:
    source_id: str
    result: str  # ok, failed, timeout, interrupted
    counts: dict[str, int]
    error: str | None = None


def is_source_failure(counts: dict[str, int]) -> bool:
    """Errors and nothing reached at all: the source's server is down or refusing us."""
    reached = counts.get("discovered", 0) + counts.get("fetched", 0)
    return counts.get("errors", 0) > 0 and reached + counts.get("not_modified", 0) == 0


def source_outcome(source_id: str, result: ChildResult, timeout_s: float) -> SourceOutcome:
    counts = result.per_source.get(source_id, {})
    if result.timed_out:
        return SourceOutcome(
            source_id, "timeout", counts, f"crawl still running after {timeout_s:g}s: killed"
        )
    if result.stopped and not finished_ok(result):
        return SourceOutcome(source_id, "interrupted", counts, "stopped with the service")
    if result.exit_code != 0:
        reason = result.error or f"crawl exited with code {result.exit_code}"
        return SourceOutcome(source_id, "failed", counts, reason)
    if not counts:
        return SourceOutcome(source_id, "failed", counts, "the crawl printed no summary for it")
    if is_source_failure(counts):
        return SourceOutcome(source_id, "failed", counts, f"{counts['errors']} errors")
    return SourceOutcome(source_id, "ok", counts)


# -- state transitions ---------------------------------------------------------------------------


def started(state: ScheduleState, now: datetime) -> ScheduleState:
    return replace(state, last_started_at=to_utc_text(now), last_result="running")


def finished(
    state: ScheduleState,
    outcome: SourceOutcome,
    *,
    now: datetime,
    run_id: int | None,
    duration_s: float,
    interval_s: int,
    max_backoff_s: int,
) -> ScheduleState:
    """The state after a crawl: a success clears the backoff, a failure extends it."""
    done = replace(
        state,
        last_finished_at=to_utc_text(now),
        last_result=outcome.result,
        last_run_id=run_id if run_id is not None else state.last_run_id,
        last_duration_s=round(duration_s, 1),
    )
    if outcome.result == "ok":
        return replace(done, consecutive_failures=0, retry_at=None, last_error=None)
    if outcome.result == "interrupted":
        return replace(done, last_error=outcome.error)
    failures = state.consecutive_failures + 1
    wait = backoff_s(failures, interval_s, max_backoff_s)
    return replace(
        done,
        consecutive_failures=failures,
        retry_at=to_utc_text(now + timedelta(seconds=wait)),
        last_error=(outcome.error or "failed")[:500],
    )
