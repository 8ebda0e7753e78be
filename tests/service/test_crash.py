"""SIGKILL the service and its crawl child in the middle of a crawl, then start it again: the
archive is intact, the cut-off run is marked interrupted, the missed crawl runs at once (the
interval is an hour), and every article of the site is archived exactly once."""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from urllib.parse import urlsplit

import pytest
from servicekit import http_get, service_argv
from testkit import free_port, query, wait_for

from newsdesk.benchsites import bench_sources, write_sources_toml

pytestmark = [pytest.mark.slow, pytest.mark.bench_site]

# Slow enough to be caught in the middle: a few hundred pages, 20 ms apart.
SITE = ("--publishers", "2", "--articles", "160", "--seed", "11", "--no-bad")
SETTINGS = {"download_delay": 0.02, "concurrency_per_host": 1, "timeout": 10.0}


def running_run(archive):
    rows = query(archive, "SELECT id, pid, new FROM runs WHERE status = 'running'")
    return rows[0] if rows and rows[0][2] >= 10 else None  # 10 articles committed


def start(processes, tmp_path, archive, port, name):
    argv = service_argv(archive, port, "--sources", "sources.toml", "--stop-grace", "5s")
    proc = processes(argv, tmp_path, name)
    wait_for("the service", lambda: http_get(f"http://127.0.0.1:{port}/healthz", 2)[0] == 200, 60)
    return proc


def test_sigkill_mid_crawl_then_restart(tmp_path, bench_server, processes):
    bench = bench_server(*SITE)
    sources = bench_sources(bench.site_dir, bench.base, interval=3600, with_sections=False)
    write_sources_toml(tmp_path / "sources.toml", sources, SETTINGS)
    archive, port = tmp_path / "archive.db", free_port()

    first = start(processes, tmp_path, archive, port, "first")
    run_id, child_pid, _ = wait_for("a crawl half done", lambda: running_run(archive), 120, 0.1)
    os.kill(first.pid, signal.SIGKILL)
    os.kill(child_pid, signal.SIGKILL)
    first.proc.wait(timeout=10)
    wait_for("the child to die", lambda: not os.path.exists(f"/proc/{child_pid}"), 10)

    second = start(processes, tmp_path, archive, port, "second")
    done = "SELECT id, status, trigger, sources FROM runs WHERE id > ? AND finished_at IS NOT NULL"
    rerun = wait_for("the missed run", lambda: query(archive, done, (run_id,)), 180, 0.2)[0]
    assert second.terminate() == 0

    assert query(archive, "PRAGMA integrity_check") == [("ok",)]
    assert query(archive, "SELECT status FROM runs WHERE id = ?", (run_id,)) == [("interrupted",)]
    assert rerun[1:3] == ("ok", "scheduler")
    assert json.loads(rerun[3]) == ["dailycourier", "quotidiendumatin"]
    urls = Counter(urlsplit(u).path for (u,) in query(archive, "SELECT url FROM articles"))
    assert [url for url, n in urls.items() if n > 1] == []  # none twice
    assert {t["url_path"] for t in bench.truth()} - set(urls) == set()  # none lost
    assert len(bench.truth()) == 160
