"""A crawl that hangs (its feed never answers) is killed at the crawl timeout, recorded, and
backed off; SIGTERM while a crawl runs stops the child too and exits 0."""

from __future__ import annotations

import os

import pytest
from servicekit import http_get, service_argv
from testkit import free_port, query, wait_for

from archive import Source
from newsdesk.benchsites import write_sources_toml

pytestmark = [pytest.mark.slow, pytest.mark.bench_site]


def schedule(archive):
    rows = query(
        archive,
        "SELECT last_result, consecutive_failures, last_error FROM service_schedule",
    )
    return rows[0] if rows else None


def running_pid(archive):
    rows = query(archive, "SELECT pid FROM runs WHERE status = 'running'")
    return rows[0][0] if rows else None


def test_a_hung_crawl_is_killed_and_sigterm_stops_cleanly(tmp_path, bench_server, processes):
    bench = bench_server("--publishers", "1", "--articles", "5", "--seed", "3", "--no-bad")
    hung = Source(
        id="hung",
        name="Hung",
        url=f"{bench.base}/dailycourier.test/",
        feeds=(f"{bench.base}/_fault/hang?max_s=120",),
        interval_s=2,
    )
    write_sources_toml(tmp_path / "sources.toml", [hung], {"timeout": 60.0})
    archive, port = tmp_path / "archive.db", free_port()
    argv = service_argv(archive, port, "--sources", "sources.toml", "--crawl-timeout", "3s",
                        "--stop-grace", "2s", "--max-backoff", "4s")  # fmt: skip
    service = processes(argv, tmp_path, "service")
    wait_for("the service", lambda: http_get(f"http://127.0.0.1:{port}/healthz", 2)[0] == 200, 60)

    wait_for("the timeout", lambda: (row := schedule(archive)) and row[0] == "timeout", 60)
    assert schedule(archive) == ("timeout", 1, "crawl still running after 3s: killed")
    assert query(archive, "SELECT status FROM runs") == [("interrupted",)]

    pid = wait_for("the retry", lambda: running_pid(archive), 30, 0.1)
    assert service.terminate(timeout_s=30) == 0
    assert not os.path.exists(f"/proc/{pid}")
    assert query(archive, "SELECT count(*) FROM runs WHERE status = 'running'") == [(0,)]
    assert "source hung: timeout (1 in a row): crawl still running after 3s: killed" in (
        service.stderr()
    )
