"""Three `newsdesk worker` processes and one `newsdesk run --redis` (the archive's writer)
crawl a bench site of three publishers, each on its own host (the bench server as HTTP
proxy), through a real redis-server: every article archived exactly once, no article URL
fetched twice, each host's request rate within the limit over all workers together; then
the same with one worker killed (SIGKILL) mid-crawl, whose requests the others take over."""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scalekit import host_scheme, newsdesk
from testkit import free_port, query, wait_for

from crawler.distributed.dispatch import work_left
from crawler.distributed.keys import Keys
from newsdesk.benchsites import bench_sources, write_sources_toml

pytestmark = [pytest.mark.bench_site, pytest.mark.slow]

SITE = ("--publishers", "3", "--articles", "150", "--seed", "21", "--no-bad")
DELAY_S = 0.1  # per host, over all workers: at most 10 requests a second
SETTINGS = {"download_delay": DELAY_S, "concurrency_per_host": 2, "timeout": 10.0}
KEYS = Keys()


def start_service(processes, work: Path, redis_url: str):
    argv = newsdesk("run", "--archive", "archive.db", "--sources", "sources.toml",
                    "--port", str(free_port()), "--redis", redis_url, "--stop-grace", "5s")  # fmt: skip
    service = processes(argv, work, "service")
    wait_for("the service", lambda: "crawled by" in service.stdout(), 60)
    return service


def start_workers(processes, work: Path, redis_url: str, proxy: str, n: int):
    env = {"http_proxy": proxy, "HTTP_PROXY": proxy, "no_proxy": "", "NO_PROXY": ""}
    argv = newsdesk("worker", "--redis", redis_url, "--workers", "0", "--heartbeat", "3s",
                    "--exit-when-idle", "3s", "-v")  # fmt: skip
    return [processes([*argv, "--id", f"w{i}"], work, f"w{i}", env) for i in range(1, n + 1)]


def finish(redis, service, workers, timeout_s: float = 240) -> None:
    """Workers stop once no work is left anywhere; the writer drains the outbox; stop it."""
    for worker in workers:
        if worker.proc.poll() is None:
            worker.wait(timeout_s)
    left = (KEYS.outbox, KEYS.processing)
    wait_for("the writer to drain", lambda: sum(redis.client.llen(k) for k in left) == 0, 60)
    time.sleep(1.5)  # the job reports reach the scheduler
    assert service.terminate() == 0, service.stderr()[-3000:]


def crawl(site, tmp_path, processes, redis, *, kill: bool = False):
    sources = host_scheme(bench_sources(site.dir, site.base, interval=3600), site.base)
    write_sources_toml(tmp_path / "sources.toml", sources, SETTINGS)
    site.rotate_log()
    service = start_service(processes, tmp_path, redis.url)
    workers = start_workers(processes, tmp_path, redis.url, site.base, 3)
    killed = None
    if kill:
        killed = kill_mid_crawl(redis, workers[0])
    finish(redis, service, workers if not kill else workers[1:])
    return {
        "archive": tmp_path / "archive.db",
        "log": site.access_log(),
        "workers": workers,
        "killed": killed,
        "work_left": work_left(redis.client, KEYS),
    }


def kill_mid_crawl(redis, worker) -> dict[str, object]:
    """SIGKILL a worker while it holds requests, once a third of the articles are archived:
    what it held (URL -> is an article) and when it died."""
    inflight = KEYS.inflight("w1")

    def holding() -> list[bytes]:
        if redis.client.hlen(KEYS.archived) < 50:
            return []
        return [entry.split(b"\n", 1)[1] for entry in redis.client.hvals(inflight)]

    held = wait_for("worker w1 to hold requests mid-crawl", holding, 120, 0.02)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.proc.wait(timeout=10)
    requests = [pickle.loads(data) for data in held]
    return {
        "at": time.time(),
        "held": {r["url"]: "url_key" in r["meta"] for r in requests},
    }


@pytest.fixture(scope="module")
def normal(bench_sites, tmp_path_factory, redis, processes):
    return crawl(bench_sites(*SITE), tmp_path_factory.mktemp("normal"), processes,
                 redis)  # fmt: skip


def article_urls(result) -> Counter[str]:
    rows = query(result["archive"], "SELECT url FROM articles")
    return Counter("/" + urlsplit(u).netloc + urlsplit(u).path for (u,) in rows)


def truth_paths(site) -> set[str]:
    return {t["url_path"] for t in site.truth}


def test_every_article_archived_exactly_once(normal, bench_sites):
    urls = article_urls(normal)
    assert [u for u, n in urls.items() if n > 1] == []
    assert truth_paths(bench_sites(*SITE)) - set(urls) == set()
    assert len(urls) == 150
    assert normal["work_left"] == 0


def test_no_article_url_fetched_twice(normal, bench_sites):
    wanted = {"http:/" + p for p in truth_paths(bench_sites(*SITE))}
    fetched = Counter(e["path"] for e in normal["log"] if e["path"] in wanted)
    assert len(fetched) == 150
    assert [p for p, n in fetched.items() if n > 1] == []


def test_each_worker_fetched_articles(normal):
    lines = [w.stdout().strip().splitlines()[-1] for w in normal["workers"]]
    counts = [int(line.rsplit(" ", 1)[1]) for line in lines]
    assert all(n > 0 for n in counts), lines
    assert sum(counts) >= 150


def max_per_second(times: list[float]) -> int:
    """The most requests that started within any one second."""
    times = sorted(times)
    most, first = 0, 0
    for last, t in enumerate(times):
        while t - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def test_per_host_rate_within_the_limit_over_all_workers(normal):
    by_host: dict[str, list[float]] = {}
    for entry in normal["log"]:
        by_host.setdefault(entry["pub"], []).append(float(entry["ts"]))
    assert sorted(by_host) == ["dailycourier.test", "northernchronicle.test",
                               "quotidiendumatin.test"]  # fmt: skip
    # 10 starts a second at most; one more for the server's logging clock against Redis's.
    rates = {host: max_per_second(times) for host, times in by_host.items()}
    assert all(rate <= 11 for rate in rates.values()), rates
    gaps = [b - a for times in by_host.values() for a, b in itertools.pairwise(sorted(times))]
    assert sorted(gaps)[len(gaps) // 20] >= DELAY_S * 0.8  # 95% of the gaps keep the delay


def test_robots_txt_is_fetched_once_per_host_and_obeyed(normal):
    paths = [e["path"] for e in normal["log"]]
    robots = Counter(urlsplit(p).netloc for p in paths if p.endswith("/robots.txt"))
    assert robots == {"dailycourier.test": 1, "northernchronicle.test": 1,
                      "quotidiendumatin.test": 1}  # fmt: skip
    assert [p for p in paths if "/private/" in p or "/search/" in p] == []


def test_the_service_hears_each_job_end(normal):
    rows = query(normal["archive"], "SELECT source_id, last_result FROM service_schedule")
    assert sorted(rows) == [("dailycourier", "ok"), ("northernchronicle", "ok"),
                            ("quotidiendumatin", "ok")]  # fmt: skip


def test_runs_count_the_distributed_crawl(normal):
    rows = query(
        normal["archive"], "SELECT sum(new), sum(fetched) FROM runs WHERE trigger = 'redis'"
    )
    ((new, fetched),) = rows
    assert new == 150 and fetched >= 150


@pytest.fixture(scope="module")
def killed(bench_sites, tmp_path_factory, redis, processes, normal):
    redis.client.flushall()
    return crawl(bench_sites(*SITE), tmp_path_factory.mktemp("killed"), processes,
                 redis, kill=True)  # fmt: skip


def test_killed_worker_loses_nothing(killed, bench_sites):
    urls = article_urls(killed)
    assert [u for u, n in urls.items() if n > 1] == []
    assert truth_paths(bench_sites(*SITE)) - set(urls) == set()
    assert killed["work_left"] == 0


def test_what_the_killed_worker_held_was_taken_over(killed):
    held = killed["killed"]["held"]
    assert held
    archived = {u for (u,) in query(killed["archive"], "SELECT url FROM articles")}
    # An article it held was not in the outbox yet (the push acks it): someone else did it.
    assert [u for u, is_article in held.items() if is_article and u not in archived] == []
    later = {e["path"] for e in killed["log"] if float(e["ts"]) > killed["killed"]["at"]}
    assert [u for u, is_article in held.items() if not is_article and u not in later] == []


def test_a_survivor_requeued_the_dead_workers_requests(killed):
    logs = "".join(worker.stderr() for worker in killed["workers"][1:])
    assert "worker w1 stopped answering" in logs
    assert "request(s) requeued" in logs
