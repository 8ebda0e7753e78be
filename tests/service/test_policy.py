"""The scheduling rules as plain functions: due times after a restart, backoff, outcomes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archive.service_state import ScheduleState
from newsdesk.service import policy
from newsdesk.service.policy import ChildResult

NOW = datetime(2024, 5, 3, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "interval_s", "max_backoff_s", "expected"),
    [
        (1, 2, 8, 2),
        (2, 2, 8, 4),
        (3, 2, 8, 8),
        (4, 2, 8, 8),
        (1, 900, 3600, 300),
        (2, 900, 3600, 600),
        (5, 900, 3600, 3600),
        (500, 900, 3600, 3600),
        (1, 60, 30, 60),
    ],
)
def test_backoff_doubles_up_to_the_cap(failures, interval_s, max_backoff_s, expected):
    assert policy.backoff_s(failures, interval_s, max_backoff_s) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, "2024-05-03T10:00:00+00:00"),
        (ScheduleState("a"), "2024-05-03T10:00:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T09:00:00Z", last_result="ok"),
         "2024-05-03T10:00:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T10:05:00Z", last_result="ok"),
         "2024-05-03T10:05:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T12:00:00Z", last_result="ok"),
         "2024-05-03T10:15:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T10:05:00Z", last_result="running"),
         "2024-05-03T10:00:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T10:05:00Z", last_result="interrupted"),
         "2024-05-03T10:00:00+00:00"),
        (ScheduleState("a", next_run_at="2024-05-03T10:05:00Z", last_result="failed",
                       retry_at="2024-05-03T10:08:00Z"),
         "2024-05-03T10:08:00+00:00"),
    ],
)  # fmt: skip
def test_first_run_after_a_restart(state, expected):
    assert policy.first_run_at(state, NOW, 900).isoformat() == expected


def test_parse_output_reads_the_summary_lines():
    lines = [
        "source a: discovered=3 fetched=2 not_modified=1 new=2 errors=0",
        "source b: discovered=0 fetched=0 not_modified=0 new=0 errors=4",
        "run 7 ok: discovered=3 fetched=2 new=2 errors=4",
    ]
    assert policy.parse_output(lines) == (
        7,
        "ok",
        "discovered=3 fetched=2 new=2 errors=4",
        {
            "a": {"discovered": 3, "fetched": 2, "not_modified": 1, "new": 2, "errors": 0},
            "b": {"discovered": 0, "fetched": 0, "not_modified": 0, "new": 0, "errors": 4},
        },
    )


COUNTS_OK = {"discovered": 3, "fetched": 2, "not_modified": 1, "errors": 0}
COUNTS_DOWN = {"discovered": 0, "fetched": 0, "not_modified": 0, "errors": 4}
COUNTS_304 = {"discovered": 0, "fetched": 0, "not_modified": 3, "errors": 1}


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (ChildResult(0, 1.0, 7, "ok", per_source={"a": COUNTS_OK}), ("ok", None)),
        (ChildResult(0, 1.0, 7, "ok", per_source={"a": COUNTS_304}), ("ok", None)),
        (ChildResult(0, 1.0, 7, "ok", per_source={"a": COUNTS_DOWN}), ("failed", "4 errors")),
        (ChildResult(0, 1.0, 7, "ok", per_source={}),
         ("failed", "the crawl printed no summary for it")),
        (ChildResult(1, 1.0, error="sources.toml: no such file"),
         ("failed", "sources.toml: no such file")),
        (ChildResult(2, 1.0), ("failed", "crawl exited with code 2")),
        (ChildResult(-9, 5.0, timed_out=True), ("timeout", "crawl still running after 5s: killed")),
        (ChildResult(0, 1.0, 7, "interrupted", stopped=True),
         ("interrupted", "stopped with the service")),
    ],
)  # fmt: skip
def test_source_outcome(result, expected):
    outcome = policy.source_outcome("a", result, 5.0)
    assert (outcome.result, outcome.error) == expected


def test_a_failure_backs_off_and_a_success_clears_it():
    state = policy.started(ScheduleState("a", consecutive_failures=2), NOW)
    failed = policy.finished(
        state,
        policy.SourceOutcome("a", "failed", COUNTS_DOWN, "4 errors"),
        now=NOW, run_id=9, duration_s=1.25, interval_s=60, max_backoff_s=3600,
    )  # fmt: skip
    assert failed == ScheduleState(
        "a",
        last_started_at="2024-05-03T10:00:00Z",
        last_finished_at="2024-05-03T10:00:00Z",
        last_result="failed",
        last_run_id=9,
        last_duration_s=1.2,
        consecutive_failures=3,
        retry_at="2024-05-03T10:04:00Z",
        last_error="4 errors",
    )
    ok = policy.finished(
        failed, policy.SourceOutcome("a", "ok", COUNTS_OK),
        now=NOW, run_id=10, duration_s=2.0, interval_s=60, max_backoff_s=3600,
    )  # fmt: skip
    assert (ok.last_result, ok.consecutive_failures, ok.retry_at, ok.last_error) == (
        "ok",
        0,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (ChildResult(0, 1.0, 7, "ok"), "ok"),
        (ChildResult(1, 1.0), "failed"),
        (ChildResult(-9, 1.0, timed_out=True), "timeout"),
        (ChildResult(0, 1.0, 7, "interrupted", stopped=True), "interrupted"),
    ],
)
def test_run_result(result, expected):
    assert policy.run_result(result) == expected
