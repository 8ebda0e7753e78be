"""Distributed crawl throughput: articles/s with 1, 2 and 3 ``newsdesk worker`` processes on
one machine, where the time goes, and the archive writer's articles/s on its own.

    python bench/scaling.py [--publishers 10] [--articles 1500] [--workers 1 2 3]

A synthetic site (one host per publisher, the bench server as HTTP proxy, no per-host
delay) is crawled from scratch for each worker count, through a fresh redis-server on
loopback, with no writer running; the workers' outbox is then drained into a fresh archive
by the writer alone. Prints, per worker count: wall time, articles/s, CPU seconds of the
workers, the bench server and Redis, and per article; then the writer's figures and what
Redis held.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from archive import Config, Settings  # noqa: E402
from crawler.distributed.dispatch import (  # noqa: E402
    enqueue_jobs,
    publish_config,
    redis_sizes,
    work_left,
)
from crawler.distributed.drain import Drain  # noqa: E402
from crawler.distributed.keys import Keys, connect  # noqa: E402
from crawler.distributed.messages import decode_event  # noqa: E402
from newsdesk.benchsites import bench_sources  # noqa: E402

KEYS = Keys()
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def redis_cpu_s(server: object) -> float:
    info = server.info("cpu")  # type: ignore[attr-defined]
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def start(argv: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)  # type: ignore[call-overload]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def host_scheme_sources(site: Path, origin: str) -> list:
    from dataclasses import replace

    def move(url: str) -> str:
        return "http://" + url[len(origin) + 1 :] if url.startswith(origin + "/") else url

    return [
        replace(s, url=move(s.url), feeds=tuple(map(move, s.feeds)),
                sitemaps=tuple(map(move, s.sitemaps)), sections=tuple(map(move, s.sections)))
        for s in bench_sources(site, origin, interval=3600)
    ]  # fmt: skip


def crawl(n: int, server: object, config: Config, redis_url: str, proxy: str, work: Path) -> dict:
    server.flushall()  # type: ignore[attr-defined]
    publish_config(server, KEYS, config)
    redis_before = redis_cpu_s(server)
    commands_before = int(server.info("stats")["total_commands_processed"])  # type: ignore[attr-defined]
    cpu_before = children_cpu_s()
    env = {**os.environ, "http_proxy": proxy, "no_proxy": ""}
    argv = [sys.executable, "-m", "newsdesk", "worker", "--redis", redis_url, "--workers", "0",
            "--exit-when-idle", "2s"]  # fmt: skip
    started = time.monotonic()
    enqueue_jobs(server, KEYS, config.sources, timeout_s=3600)
    workers = []
    for i in range(n):
        with open(work / f"w{n}-{i}.out", "wb") as out, open(work / f"w{n}-{i}.err", "wb") as err:
            workers.append(
                start([*argv, "--id", f"w{i}"], env=env, cwd=ROOT, stdout=out, stderr=err)
            )
    time.sleep(1.0)
    while work_left(server, KEYS) > 0 or server.keys(KEYS.active("*")):  # type: ignore[attr-defined]
        time.sleep(0.05)
    wall = time.monotonic() - started
    for worker in workers:
        worker.wait(timeout=120)
    return {
        "workers": n,
        "wall_s": wall,
        "worker_cpu_s": children_cpu_s() - cpu_before,
        "redis_cpu_s": redis_cpu_s(server) - redis_before,
        "redis_commands": int(server.info("stats")["total_commands_processed"]) - commands_before,  # type: ignore[attr-defined]
    }


def stored_events(server: object) -> list[bytes]:
    return list(server.lrange(KEYS.outbox, 0, -1))  # type: ignore[attr-defined]


def drain_alone(server: object, config: Config, archive: Path) -> dict:
    """The writer on its own: the outbox of the last crawl into a fresh archive."""
    events = stored_events(server)
    stores = sum(1 for e in events if decode_event(e)[0] == "store")
    drain = Drain(archive, config, server, KEYS)
    cpu = time.process_time()
    started = time.monotonic()
    while drain.step(timeout_s=0.05):
        pass
    wall = time.monotonic() - started
    cpu = time.process_time() - cpu
    drain.close()
    return {"events": len(events), "articles": stores, "wall_s": wall, "cpu_s": cpu,
            "archive_mb": archive.stat().st_size / 2**20}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishers", type=int, default=10)
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-scaling-"))
    site = work / "site"
    subprocess.run(
        [sys.executable, str(BENCH / "make_sites.py"), "--publishers", str(args.publishers),
         "--articles", str(args.articles), "--seed", str(args.seed), "--no-bad",
         "--out", str(site), "--force"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    port, redis_port = free_port(), free_port()
    bench = start([sys.executable, str(BENCH / "serve.py"), str(site), "--port", str(port),
                   "--access-log", "none"], stdout=subprocess.DEVNULL)  # fmt: skip
    redis = start(["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port),
                   "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        time.sleep(1.0)
        origin = f"http://127.0.0.1:{port}"
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        server = connect(redis_url)
        settings = Settings(download_delay=0.0, concurrency_per_host=4, timeout=30.0)
        config = Config(None, tuple(host_scheme_sources(site, origin)), (), settings)
        print(f"site: {args.publishers} publishers, {args.articles} articles, one host each; "
              f"{os.cpu_count()} cores")  # fmt: skip
        results = []
        for n in args.workers:
            server_cpu = cpu_s(bench.pid)
            result = crawl(n, server, config, redis_url, origin, work)
            result["server_cpu_s"] = cpu_s(bench.pid) - server_cpu
            result["articles"] = sum(
                1 for e in stored_events(server) if decode_event(e)[0] == "store"
            )
            results.append(result)
            per = result["articles"]
            print(
                f"{n} worker(s): {per} articles in {result['wall_s']:.1f} s = "
                f"{per / result['wall_s']:.1f} articles/s; CPU s: workers "
                f"{result['worker_cpu_s']:.1f}, bench server {result['server_cpu_s']:.1f}, "
                f"redis {result['redis_cpu_s']:.1f} "
                f"({1000 * result['worker_cpu_s'] / per:.0f} ms of worker CPU and "
                f"{result['redis_commands'] / per:.0f} Redis commands per article)"
            )
        sizes = redis_sizes(server, KEYS)
        writer = drain_alone(server, config, work / "archive.db")
        print(
            f"writer alone: {writer['articles']} articles ({writer['events']} events) in "
            f"{writer['wall_s']:.2f} s = {writer['articles'] / writer['wall_s']:.0f} articles/s "
            f"({1000 * writer['cpu_s'] / writer['articles']:.2f} ms CPU per article); "
            f"archive {writer['archive_mb']:.1f} MB"
        )
        articles = max(writer["articles"], 1)
        print(
            "redis after the crawl: "
            + json.dumps({k: v for k, v in sizes.items() if v})
            + f"; per article: outbox {sizes['outbox_bytes'] / articles / 1024:.1f} KB, "
            f"seen-set {sizes['dupefilter_bytes'] / articles:.0f} B"
        )
        after = redis_sizes(server, KEYS)
        print(f"redis after the drain: archived hash {after['archived_bytes'] / articles:.0f} B "
              f"per article, used_memory {after['used_memory'] / 2**20:.1f} MB")  # fmt: skip
    finally:
        for proc in (bench, redis):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
