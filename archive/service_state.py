"""What the service (``newsdesk run``) keeps in the archive and reads back for its status.

The schedule of every source (``service_schedule``): when it is due, how its last crawl ended,
how far it has backed off. A restarted service reads it to know what is due, and ``newsdesk
status`` reads it with no service running. The service writes it only between crawls, so the
crawl child stays the archive's one writer while it runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from .timestamps import to_utc_text, utcnow

#: Results a scheduled crawl of a source can end with.
RESULTS = ("running", "ok", "failed", "timeout", "interrupted")

Connection = sqlite3.Connection


@dataclass(frozen=True)
class ScheduleState:
    """One source's row of ``service_schedule`` (timestamps as UTC text)."""

    source_id: str
    next_run_at: str | None = None
    last_started_at: str | None = None
    last_finished_at: str | None = None
    last_result: str | None = None
    last_run_id: int | None = None
    last_duration_s: float | None = None
    consecutive_failures: int = 0
    retry_at: str | None = None
    last_error: str | None = None


_COLUMNS = [f.name for f in fields(ScheduleState)]


def load_schedule(conn: Connection) -> dict[str, ScheduleState]:
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM service_schedule ORDER BY source_id")
    return {row[0]: ScheduleState(*row) for row in rows}


def save_schedule(conn: Connection, states: Iterable[ScheduleState]) -> None:
    """Upsert these rows (the caller holds the transaction)."""
    now = to_utc_text(utcnow())
    names = ", ".join([*_COLUMNS, "updated_at"])
    marks = ", ".join("?" for _ in range(len(_COLUMNS) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*_COLUMNS[1:], "updated_at"])
    conn.executemany(
        f"INSERT INTO service_schedule ({names}) VALUES ({marks}) "
        f"ON CONFLICT (source_id) DO UPDATE SET {updates}",
        [[getattr(s, c) for c in _COLUMNS] + [now] for s in states],
    )


@dataclass(frozen=True)
class RunningRun:
    run_id: int
    pid: int | None
    trigger: str
    started_at: str


def running_runs(conn: Connection) -> list[RunningRun]:
    """Runs still marked ``running``: in progress, or left so by a process that died."""
    rows = conn.execute(
        "SELECT id, pid, trigger, started_at FROM runs WHERE status = 'running' ORDER BY id"
    )
    return [RunningRun(*row) for row in rows]


def get_setting(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def last_source_error(conn: Connection, run_id: int, source_id: str) -> str | None:
    """The last error recorded for a source in a run, as ``kind: reason (url)``."""
    row = conn.execute(
        "SELECT kind, reason, url FROM fetch_errors WHERE run_id = ? AND source_id = ? "
        "ORDER BY id DESC LIMIT 1",
        [run_id, source_id],
    ).fetchone()
    return f"{row[0]}: {row[1]} ({row[2]})" if row else None


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def source_overview(conn: Connection) -> list[dict[str, Any]]:
    """Per known source: its declaration, article count and the counts of its last run."""
    return _dicts(
        conn.execute(
            """
            WITH last AS (
                SELECT rs.source_id, max(rs.run_id) AS run_id FROM run_sources rs
                GROUP BY rs.source_id
            )
            SELECT s.id AS source, s.name, s.enabled, s.interval_s,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
                   r.id AS run_id, r.started_at AS run_started_at,
                   r.finished_at AS run_finished_at, r.status AS run_status,
                   rs.discovered, rs.fetched, rs.not_modified, rs.new, rs.updated,
                   rs.errors, rs.errors_by_kind
            FROM sources s
            LEFT JOIN last ON last.source_id = s.id
            LEFT JOIN run_sources rs ON rs.run_id = last.run_id AND rs.source_id = s.id
            LEFT JOIN runs r ON r.id = last.run_id
            ORDER BY s.id
            """
        )
    )


def recent_runs(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    return _dicts(
        conn.execute(
            "SELECT id, started_at, finished_at, status, trigger, sources, discovered, fetched, "
            "not_modified, new, updated, errors, message FROM runs ORDER BY id DESC LIMIT ?",
            [limit],
        )
    )


def articles_per_day(conn: Connection, kind: str, since_day: str) -> list[tuple[str, str, int]]:
    """``(day, label, articles)`` from ``since_day`` (YYYY-MM-DD) on, by publication day (UTC):
    ``kind`` is ``topic`` (every topic label) or ``region`` (the primary country)."""
    view = {"topic": "articles_per_day_by_topic", "region": "articles_per_day_by_region"}[kind]
    rows = conn.execute(
        f"SELECT day, {kind}, articles FROM {view} WHERE day >= ? ORDER BY day, {kind}",
        [since_day],
    )
    return [(day, label, int(n)) for day, label, n in rows]


def totals(conn: Connection) -> dict[str, Any]:
    """Archive-wide counts for the metrics: articles, runs by status, new articles by source."""
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    runs = dict(conn.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())
    new = dict(
        conn.execute("SELECT source_id, sum(new) FROM run_sources GROUP BY source_id").fetchall()
    )
    errors = dict(
        conn.execute(
            "SELECT source_id, count(*) FROM fetch_errors WHERE source_id IS NOT NULL "
            "GROUP BY source_id"
        ).fetchall()
    )
    return {"articles": int(articles), "runs": runs, "new": new, "errors": errors}
