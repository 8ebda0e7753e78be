"""Politeness, seen from the server's access log: identification, robots.txt, retries that
wait (exponential backoff, or the server's Retry-After), a Retry-After too long to wait within
a run honoured across runs, timeouts, per-host delays."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive import Source
from newsdesk.benchsites import bench_sources, write_sources_toml

pytestmark = [pytest.mark.bench_site, pytest.mark.slow]

SITE = ("--publishers", "1", "--articles", "12", "--seed", "3", "--no-bad")


def crawl(work: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "crawl", "--archive", "archive.db", "--workers", "1"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def faults(bench_sites, tmp_path_factory):
    site = bench_sites(*SITE)
    work = tmp_path_factory.mktemp("polite")
    base = site.base
    fault_source = Source(
        id="faults",
        name="Fault routes",
        url=f"{base}/_fault/",
        feeds=(
            f"{base}/_fault/flaky/polite-feed/2",
            f"{base}/_fault/status/503?retry_after=3600",
            f"{base}/_fault/status/500",
            f"{base}/_fault/slow?delay=8",
        ),
    )
    (publisher,) = bench_sources(site.dir, base)
    settings = {
        "download_delay": 0.5,
        "concurrency_per_host": 1,
        "timeout": 3.0,
        "contact": "https://ops.example.org/newsdesk",
    }
    write_sources_toml(work / "sources.toml", [publisher, fault_source], settings)
    site.rotate_log()
    first = crawl(work)
    first_log = site.access_log()
    site.rotate_log()
    second = crawl(work)
    second_log = site.access_log()
    return {
        "work": work,
        "first": first,
        "second": second,
        "first_log": first_log,
        "second_log": second_log,
    }


def hits(log, fragment):
    return [e for e in log if fragment in e["path"]]


def seconds(entry) -> float:
    return float(entry["ts"])


def test_crawls_succeed(faults):
    for name in ("first", "second"):
        assert faults[name].returncode == 0, faults[name].stderr[-3000:]


def test_we_say_who_we_are(faults):
    agents = {e["ua"] for e in faults["first_log"]}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("newsdesk/") and agent.endswith("(+https://ops.example.org/newsdesk)")


def test_retry_after_is_waited_for(faults):
    flaky = hits(faults["first_log"], "/_fault/flaky/polite-feed/2")
    assert [e["status"] for e in flaky] == [503, 503, 200]
    gaps = [seconds(b) - seconds(a) for a, b in itertools.pairwise(flaky)]
    assert all(gap >= 0.9 for gap in gaps), gaps  # Retry-After: 1


def test_server_errors_are_retried_with_backoff(faults):
    errors = hits(faults["first_log"], "/_fault/status/500")
    assert [e["status"] for e in errors] == [500, 500, 500]  # one try and two retries
    first_gap, second_gap = (seconds(b) - seconds(a) for a, b in itertools.pairwise(errors))
    assert first_gap >= 0.9 and second_gap >= 1.9  # 1 s, then 2 s


def test_a_long_retry_after_is_honoured_across_runs(faults):
    url = "/_fault/status/503?retry_after=3600"
    assert [e["status"] for e in hits(faults["first_log"], url)] == [503]  # not retried now
    assert hits(faults["second_log"], url) == []  # and not asked again before the hour
    with sqlite3.connect(faults["work"] / "archive.db") as conn:
        due, status = conn.execute(
            "SELECT next_due_at, last_status FROM source_urls WHERE url LIKE '%retry_after=3600'"
        ).fetchone()
        deferred = conn.execute("SELECT deferred FROM runs WHERE id = 2").fetchone()[0]
    wait = datetime.fromisoformat(due.replace("Z", "+00:00")) - datetime.now(UTC)
    assert status == 503 and 3000 < wait.total_seconds() <= 3600
    assert deferred == 1


def test_timeouts_and_statuses_are_recorded(faults):
    with sqlite3.connect(faults["work"] / "archive.db") as conn:
        kinds = conn.execute(
            "SELECT kind, http_status, url FROM fetch_errors WHERE run_id = 1 ORDER BY url"
        ).fetchall()
    assert [(k, s) for k, s, _ in kinds] == [
        ("not-a-feed", None),  # the flaky route's final 200 is plain text, not a feed
        ("timeout", None),
        ("http", 500),
        ("http", 503),
    ]


def test_requests_to_one_host_are_spaced(faults):
    pages = [e for e in faults["first_log"] if e["path"].endswith(".html")]
    times = sorted(seconds(e) for e in pages)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(pages) >= 10
    assert min(gaps) >= 0.2, gaps  # DOWNLOAD_DELAY 0.5, randomized 0.5x-1.5x


def test_summary_counts_errors_by_kind(faults):
    last = faults["first"].stdout.splitlines()[-1]
    assert "errors=4 (http=2, not-a-feed=1, timeout=1)" in last


def test_a_host_never_gets_more_than_its_concurrency(bench_sites, tmp_path):
    """Without a delay, concurrency_per_host is what keeps a host's load down; each
    connection carries one request at a time, so the connections it saw are an upper bound
    on the requests it had at once."""
    site = bench_sites("--publishers", "1", "--articles", "60", "--seed", "5", "--no-bad")
    (publisher,) = bench_sources(site.dir, site.base)
    settings = {"download_delay": 0.0, "concurrency_per_host": 3}
    write_sources_toml(tmp_path / "sources.toml", [publisher], settings)
    site.rotate_log()
    result = crawl(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    log = site.access_log()
    articles = [e for e in log if e["path"].endswith(".html")]
    assert len(articles) >= 60
    assert 1 <= len({e["client"] for e in log}) <= 3
