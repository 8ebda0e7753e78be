"""End to end: ``newsdesk run`` with 2-second intervals against the growing demo site (a new
article every second) and a bench site. Over the scheduled cycles no source is crawled twice
at once and new articles reach the feeds after every cycle; when the bench server goes down
its source backs off (2, 4, 8 s) and recovers when the server is back; SIGTERM exits 0."""

from __future__ import annotations

import itertools
import json
import re

import feedparser
import pytest
from servicekit import finished_runs, http_get, service_argv
from testkit import free_port, query, wait_for

from archive.timestamps import parse_text
from newsdesk.benchsites import bench_sources, write_sources_toml
from newsdesk.demo import demo_sources

pytestmark = [pytest.mark.slow, pytest.mark.bench_site]

SETTINGS = {"download_delay": 0.0, "concurrency_per_host": 8, "timeout": 5.0}
CYCLES = 5


@pytest.fixture
def service(tmp_path, demo_site, bench_server, processes):
    bench = bench_server("--publishers", "1", "--articles", "20", "--seed", "5", "--no-bad")
    sources = demo_sources(demo_site, 2) + bench_sources(bench.site_dir, bench.base, interval=2)
    write_sources_toml(tmp_path / "sources.toml", sources, SETTINGS)
    port = free_port()
    archive = tmp_path / "archive.db"
    argv = service_argv(archive, port, "--sources", "sources.toml", "--max-backoff", "8s",
                        "--crawl-timeout", "10s", "--stop-grace", "3s")  # fmt: skip
    proc = processes(argv, tmp_path, "service")
    base = f"http://127.0.0.1:{port}/"
    wait_for("the service", lambda: http_get(base + "healthz", 2)[0] == 200, 60)
    return {"proc": proc, "archive": archive, "base": base, "bench": bench}


def entry_ids(base: str) -> set[str]:
    status, body = http_get(base + "feeds/all.atom")
    return {e.id for e in feedparser.parse(body).entries} if status == 200 else set()


def schedule(archive, source_id):
    rows = query(
        archive,
        "SELECT consecutive_failures, last_result, last_finished_at, retry_at "
        "FROM service_schedule WHERE source_id = ?",
        (source_id,),
    )
    return rows[0] if rows else None


def runs_of(archive, source_id):
    """(started, finished) of every run of the source; a killed run has no finish."""
    rows = query(archive, "SELECT started_at, finished_at, sources FROM runs ORDER BY id")
    return [(start, end) for start, end, sources in rows if source_id in json.loads(sources)]


def overlapping(runs):
    return [(a, b) for a, b in itertools.pairwise(runs) if b[0] < (a[1] or a[0])]


def full_cycles(archive) -> int:
    """Finished crawls of every demo source at once (jitter can split a cycle in two)."""
    demo = {"levantpost", "gulfcourier", "courrier", "rundschau", "sada"}
    return sum(demo <= set(json.loads(r[4])) for r in finished_runs(archive))


def watch_cycles(svc) -> list[set[str]]:
    """The feed's entries after each of CYCLES full cycles."""
    seen: list[set[str]] = []
    done = 0
    while len(seen) < CYCLES:
        count = lambda n=done: (k := full_cycles(svc["archive"])) > n and k  # noqa: E731
        done = wait_for("a crawl", count, 60, 0.1)
        seen.append(wait_for("the feed", lambda: entry_ids(svc["base"]), 10))
    return seen


def watch_backoff(svc) -> list[tuple[int, float]]:
    """(failures in a row, seconds of backoff) at each failed crawl of the bench source."""
    seen: dict[int, float] = {}

    def third_failure():
        row = schedule(svc["archive"], "dailycourier")
        if row and row[0] and row[3]:
            seen[row[0]] = (parse_text(row[3]) - parse_text(row[2])).total_seconds()
        return len(seen) >= 3

    wait_for("three failures in a row", third_failure, 120, 0.1)
    return sorted(seen.items())[:3]


def test_cycles_backoff_and_recovery(service):
    feeds = watch_cycles(service)
    for before, after in itertools.pairwise(feeds):
        assert after - before  # every cycle brought new entries (the feed keeps the last 50)

    service["bench"].down()
    assert watch_backoff(service) == [(1, 2.0), (2, 4.0), (3, 8.0)]
    service["bench"].up()
    wait_for(
        "the source to recover",
        lambda: (row := schedule(service["archive"], "dailycourier")) and row[:2] == (0, "ok"),
        60,
    )

    assert service["proc"].terminate() == 0
    # Each source ran in the cycles (jitter can split a cycle into two crawls), and
    # dailycourier three more times failing and once recovering.
    for source_id, at_least in (("levantpost", CYCLES), ("dailycourier", 4)):
        runs = runs_of(service["archive"], source_id)
        assert len(runs) >= at_least
        assert overlapping(runs) == []
    assert query(service["archive"], "SELECT count(*) FROM runs WHERE status = 'running'") == [(0,)]
    # A crawl of a source whose server is down fails, or hangs until the crawl timeout.
    assert re.search(
        r"source dailycourier: (failed|timeout) \(3 in a row\)", service["proc"].stderr()
    )
