"""What ``/status``, ``/status.json``, ``/metrics`` and ``newsdesk status`` show, as plain data.

Per source: the last run and its result, the next run, counts, errors and backoff (from the
archive's ``service_schedule`` and ``run_sources``; a running service passes its live schedule,
which is fresher); the recent runs; articles per day by topic and by region for the chart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from archive.service_state import (
    Connection,
    ScheduleState,
    articles_per_day,
    load_schedule,
    recent_runs,
    source_overview,
    totals,
)
from archive.timestamps import to_utc_text

#: Days the chart shows, ending today (UTC).
CHART_DAYS = 14


@dataclass(frozen=True)
class SourceStatus:
    source: str
    name: str
    enabled: bool
    interval_s: int | None
    articles: int
    last_run_id: int | None
    last_started_at: str | None
    last_result: str | None
    last_duration_s: float | None
    next_run_at: str | None
    new: int | None
    fetched: int | None
    not_modified: int | None
    errors: int | None
    consecutive_failures: int
    retry_at: str | None
    last_error: str | None


@dataclass(frozen=True)
class Status:
    generated_at: str
    service: dict[str, Any]
    sources: list[SourceStatus]
    runs: list[dict[str, Any]]
    days: list[str]
    by_topic: list[tuple[str, str, int]]
    by_region: list[tuple[str, str, int]]
    totals: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_topic"] = [{"day": d, "topic": t, "articles": n} for d, t, n in self.by_topic]
        data["by_region"] = [{"day": d, "region": r, "articles": n} for d, r, n in self.by_region]
        return data


def _source_status(
    source_id: str, row: dict[str, Any] | None, state: ScheduleState | None
) -> SourceStatus:
    row = row or {}
    state = state or ScheduleState(source_id)
    return SourceStatus(
        source=source_id,
        name=row.get("name") or source_id,
        enabled=bool(row.get("enabled", 1)),
        interval_s=row.get("interval_s"),
        articles=int(row.get("articles") or 0),
        last_run_id=state.last_run_id or row.get("run_id"),
        last_started_at=state.last_started_at or row.get("run_started_at"),
        last_result=state.last_result or row.get("run_status"),
        last_duration_s=state.last_duration_s,
        next_run_at=state.next_run_at,
        new=row.get("new"),
        fetched=row.get("fetched"),
        not_modified=row.get("not_modified"),
        errors=row.get("errors"),
        consecutive_failures=state.consecutive_failures,
        retry_at=state.retry_at,
        last_error=state.last_error,
    )


def chart_days(now: datetime, days: int = CHART_DAYS) -> list[str]:
    today = now.date()
    return [(today - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]


def collect(
    conn: Connection,
    now: datetime,
    *,
    live: dict[str, ScheduleState] | None = None,
    service: dict[str, Any] | None = None,
    runs: int = 10,
) -> Status:
    """Everything the status views show, from a reader connection (plus the live schedule)."""
    rows = {r["source"]: r for r in source_overview(conn)}
    states = load_schedule(conn)
    states.update(live or {})
    ids = sorted(set(rows) | set(states))
    sources = [_source_status(sid, rows.get(sid), states.get(sid)) for sid in ids]
    days = chart_days(now)
    until = days[-1]
    return Status(
        generated_at=to_utc_text(now),
        service=service or {},
        sources=[s for s in sources if s.enabled or s.source in states],
        runs=recent_runs(conn, runs),
        days=days,
        by_topic=[r for r in articles_per_day(conn, "topic", days[0]) if r[0] <= until],
        by_region=[r for r in articles_per_day(conn, "region", days[0]) if r[0] <= until],
        totals=totals(conn),
    )
