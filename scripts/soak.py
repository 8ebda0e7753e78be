"""Soak: ``newsdesk run`` for many crawl cycles against a bench site and the growing demo site,
with faults injected at random; nothing committed may be lost.

    .venv/bin/python scripts/soak.py [--cycles 20] [--fault-rate 0.25] [--kill-rate 0.15] [--seed 1]

Needs ../shared/bench (the synthetic news sites and their server). Both sites are reached
through a fault-injecting proxy on loopback that, for a share of requests (``--fault-rate``),
answers 503 with Retry-After, 500, resets the connection, answers slowly, never answers, or
cuts the body short. The service crawls every source every ``--interval``; at random
(``--kill-rate`` of the crawls) its crawl child is killed with SIGKILL mid-crawl, and at
random (``--outage-rate``) one of the two sites goes down for 3-10 s as a crawl starts.

After every finished crawl the archive's article GUIDs are read: an article seen once and
missing later is *lost*. After ``--cycles`` crawls the faults stop and the script waits for a
clean crawl, then checks that every article of the bench site is archived, that the archive
is whole (``archive.integrity``), and that the service stops with exit code 0. It prints the
runs completed, the faults injected, the errors recorded by kind, the articles lost (must be
0) and peak memory; it exits 1 if anything is lost, missing or damaged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from archive.integrity import consistency_problems  # noqa: E402
from archive.timestamps import to_utc_text, utcnow  # noqa: E402
from newsdesk.benchsites import bench_sources, write_sources_toml  # noqa: E402
from newsdesk.demo import demo_sources  # noqa: E402
from newsdesk.evaluate import score_archive  # noqa: E402
from newsdesk.proctree import descendants, rss_kb  # noqa: E402

#: What a faulty request gets (each equally likely).
FAULTS = ("503", "500", "reset", "slow", "hang", "truncated")
SETTINGS = {"download_delay": 0.0, "concurrency_per_host": 8, "timeout": 5.0}


class ChaosProxy:
    """A reverse proxy on loopback for one upstream server that breaks some requests.

    One request per connection (answers carry ``Connection: close``); the upstream's origin
    is rewritten to the proxy's in heads and bodies, so that links lead back through it.
    """

    def __init__(self, upstream_port: int, rng: random.Random, rate: float) -> None:
        self.upstream_port = upstream_port
        self.rng = rng
        self.rate = rate
        self.outage_until = 0.0
        self.injected: Counter[str] = Counter()
        self.requests = 0
        self.port = 0

    async def start(self) -> None:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]

    def outage(self, seconds: float) -> None:
        self.outage_until = time.monotonic() + seconds
        self.injected["outage"] += 1

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, OSError):
            writer.close()
            return
        self.requests += 1
        fault = None
        if time.monotonic() < self.outage_until:
            fault = "reset"
        elif self.rng.random() < self.rate:
            fault = self.rng.choice(FAULTS)
            self.injected[fault] += 1
        try:
            await self._answer(head, writer, fault)
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            pass
        finally:
            with contextlib.suppress(OSError):
                writer.close()

    async def _answer(self, head: bytes, writer: asyncio.StreamWriter, fault: str | None) -> None:
        if fault == "reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return
        if fault in ("503", "500"):
            reason = "Service Unavailable" if fault == "503" else "Internal Server Error"
            writer.write(
                f"HTTP/1.1 {fault} {reason}\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                "Connection: close\r\n\r\n".encode()
            )
            await writer.drain()
            return
        if fault == "hang":
            await asyncio.sleep(20)  # longer than the crawler's timeout
            return
        if fault == "slow":
            await asyncio.sleep(self.rng.uniform(1.0, 4.0))
        response_head, body = await self._forward(head)
        if fault == "truncated" and body:
            writer.write(response_head + body[: len(body) // 2])
            await writer.drain()
            writer.transport.abort()
            return
        writer.write(response_head + body)
        await writer.drain()

    async def _forward(self, head: bytes) -> tuple[bytes, bytes]:
        lines = head.decode("latin-1").split("\r\n")
        dropped = ("connection:", "keep-alive:", "accept-encoding:", "proxy-connection:")
        kept = [line for line in lines[1:] if line and not line.lower().startswith(dropped)]
        request = "\r\n".join([lines[0], *kept, "Connection: close", "", ""]).encode("latin-1")
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            up_writer.write(request)
            await up_writer.drain()
            response_head = await asyncio.wait_for(up_reader.readuntil(b"\r\n\r\n"), 30)
            length = None
            for line in response_head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            status = response_head.split(b" ", 2)[1]
            if status == b"304" or lines[0].startswith("HEAD ") or length == 0:
                body = b""
            elif length is not None:
                body = await asyncio.wait_for(up_reader.readexactly(length), 30)
            else:
                body = await asyncio.wait_for(up_reader.read(), 30)
        finally:
            up_writer.close()
        old = f"127.0.0.1:{self.upstream_port}".encode()
        new = f"127.0.0.1:{self.port}".encode()
        body = body.replace(old, new)
        out = []
        for line in response_head.replace(old, new).split(b"\r\n"):
            name = line.partition(b":")[0].strip().lower()
            if name == b"connection":
                continue
            if name == b"content-length" and length is not None:
                line = b"Content-Length: %d" % len(body)
            out.append(line)
        response_head = b"\r\n".join(out[:-2]) + b"\r\nConnection: close\r\n\r\n"
        return response_head, body


def in_background(coroutine_factory) -> asyncio.AbstractEventLoop:  # type: ignore[no-untyped-def]
    """An event loop in a thread of its own, running what the factory starts."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(coroutine_factory())
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True, name="chaos-proxy").start()
    ready.wait(30)
    return loop


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rows(archive: Path, sql: str) -> list[tuple]:
    if not archive.exists():
        return []
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def wait_for_port_file(path: Path, timeout_s: float = 60) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return int(path.read_text().strip())
        time.sleep(0.05)
    raise SystemExit(f"soak: {path.name} never appeared")


def start(argv: list[str], work: Path, name: str) -> subprocess.Popen:
    with open(work / f"{name}.log", "ab") as log:
        return subprocess.Popen(
            argv, cwd=work, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip


def stop_group(proc: subprocess.Popen) -> None:
    """SIGKILL to a child's process group (it runs in a session of its own)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=20, help="finished crawls with faults")
    parser.add_argument("--interval", default="3s", help="how often each source is due")
    parser.add_argument("--fault-rate", type=float, default=0.25, help="share of broken requests")
    parser.add_argument("--kill-rate", type=float, default=0.15, help="share of crawls killed")
    parser.add_argument(
        "--outage-rate", type=float, default=0.15, help="share of crawls hit by an outage"
    )
    parser.add_argument("--publishers", type=int, default=4)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if not (BENCH / "make_sites.py").exists():
        print(f"soak: needs the bench sites and server at {BENCH}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-soak-"))
    site = work / "site"
    subprocess.run(
        [sys.executable, str(BENCH / "make_sites.py"), "--publishers", str(args.publishers),
         "--articles", str(args.articles), "--seed", str(args.seed), "--no-bad", "--out",
         str(site)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    bench_port = free_port()
    upstreams = [
        start([sys.executable, str(BENCH / "serve.py"), str(site), "--port", str(bench_port),
               "--access-log", "none"], work, "bench-serve"),
        start([sys.executable, "-m", "newsdesk.demo", "--port-file", str(work / "demo.port"),
               "--publish-every", "1s"], work, "demo"),
    ]  # fmt: skip
    demo_port = wait_for_port_file(work / "demo.port")
    proxies = [
        ChaosProxy(bench_port, random.Random(rng.random()), args.fault_rate),
        ChaosProxy(demo_port, random.Random(rng.random()), args.fault_rate),
    ]

    async def start_proxies() -> None:
        for proxy in proxies:
            await proxy.start()

    loop = in_background(start_proxies)
    bench_base, demo_base = (f"http://127.0.0.1:{p.port}" for p in proxies)
    time.sleep(1.0)  # serve.py binds its port
    interval_s = int(args.interval.rstrip("s"))
    sources = bench_sources(site, bench_base, interval=interval_s) + demo_sources(
        demo_base, interval_s
    )
    write_sources_toml(work / "sources.toml", sources, SETTINGS)
    archive, port = work / "archive.db", free_port()
    argv = [sys.executable, "-m", "newsdesk", "run", "--sources", "sources.toml", "--archive",
            str(archive), "--port", str(port), "--workers", "0", "--crawl-timeout", "60s",
            "--max-backoff", "8s", "--stop-grace", "10s"]  # fmt: skip
    service = start(argv, work, "service")
    started = time.monotonic()
    seen: set[str] = set()
    lost: set[str] = set()
    killed = 0
    decided: set[int] = set()
    peak_service = peak_child = 0
    finished = 0
    faults_on = True
    clean_since: str | None = None
    code = 1
    try:
        while True:
            if service.poll() is not None:
                print(f"soak: the service exited with {service.returncode}; see {work}")
                return 1
            peak_service = max(peak_service, rss_kb(service.pid))
            for child in descendants(service.pid):
                peak_child = max(peak_child, rss_kb(child))
            for run_id, pid in rows(archive, "SELECT id, pid FROM runs WHERE status = 'running'"):
                if run_id in decided or not faults_on:
                    continue
                decided.add(run_id)
                draw = rng.random()
                if pid and draw < args.kill_rate:
                    time.sleep(rng.uniform(0.2, 3.0))
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(pid, signal.SIGKILL)
                        killed += 1
                elif draw < args.kill_rate + args.outage_rate:
                    proxy = rng.choice(proxies)
                    loop.call_soon_threadsafe(proxy.outage, rng.uniform(3.0, 10.0))
            done = rows(archive, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL")
            now_finished = done[0][0] if done else 0
            if now_finished > finished:
                finished = now_finished
                guids = {g for (g,) in rows(archive, "SELECT guid FROM articles")}
                lost |= seen - guids
                seen |= guids
                print(f"crawl {finished:3d}: {len(guids)} articles archived, "
                      f"{time.monotonic() - started:.0f} s", flush=True)  # fmt: skip
                if faults_on and finished >= args.cycles:
                    faults_on = False
                    for proxy in proxies:
                        proxy.rate, proxy.outage_until = 0.0, 0.0
                    clean_since = to_utc_text(utcnow())
                elif clean_since is not None and clean_crawl_done(archive, clean_since, sources):
                    break
            if time.monotonic() - started > 3600:
                print("soak: over an hour; stopping")
                break
            time.sleep(0.1)
    finally:
        service.send_signal(signal.SIGTERM)
        try:
            code = service.wait(timeout=60)
        except subprocess.TimeoutExpired:  # reported as a failure (code stays 1)
            stop_group(service)
        for upstream in upstreams:
            upstream.terminate()
            try:
                upstream.wait(timeout=30)
            except subprocess.TimeoutExpired:
                stop_group(upstream)
    return report(args, work, archive, site, proxies, seen, lost, killed, finished, code,
                  peak_service, peak_child, time.monotonic() - started)  # fmt: skip


def clean_crawl_done(archive: Path, since: str, sources: list) -> bool:  # type: ignore[type-arg]
    """Every source has finished a run that started after the faults stopped."""
    got: set[str] = set()
    sql = f"SELECT sources FROM runs WHERE started_at > '{since}' AND status = 'ok'"
    for (names,) in rows(archive, sql):
        got |= set(json.loads(names))
    return {s.id for s in sources} <= got


def report(args, work, archive, site, proxies, seen, lost, killed, finished, code,  # type: ignore[no-untyped-def]
           peak_service, peak_child, wall_s) -> int:  # fmt: skip
    statuses = Counter(dict(rows(archive, "SELECT status, count(*) FROM runs GROUP BY status")))
    errors = dict(
        rows(archive, "SELECT kind, count(*) FROM fetch_errors GROUP BY kind ORDER BY 2 DESC")
    )
    injected: Counter[str] = Counter()
    requests = 0
    for proxy in proxies:
        injected += proxy.injected
        requests += proxy.requests
    truth = [json.loads(line) for line in (site / "truth.jsonl").read_text().splitlines() if line]
    scores = score_archive(archive, truth)
    problems = consistency_problems(archive)
    total = rows(archive, "SELECT count(*) FROM articles")[0][0]
    print()
    print(f"soak: {finished} crawls in {wall_s:.0f} s ({args.cycles} with faults, then clean); "
          f"fault rate {args.fault_rate}, seed {args.seed}")  # fmt: skip
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    print(f"runs completed: {sum(statuses.values())} ({by_status}); "
          f"crawl children killed with SIGKILL: {killed}")  # fmt: skip
    print(
        f"requests through the proxies: {requests}; faults injected: {dict(injected.most_common())}"
    )
    print(f"errors recorded by kind: {errors}")
    print(f"articles archived: {total} (bench site: {scores.found} of {scores.expected} found, "
          f"body F1 {scores.mean_body_f1:.4f}; the rest from the demo site)")  # fmt: skip
    print(f"articles lost: {len(lost)} (of {len(seen)} ever seen archived)")
    print(f"archive checks: {problems or 'ok'}")
    print(
        f"peak memory: service {peak_service / 1024:.0f} MB, crawl child {peak_child / 1024:.0f} MB"
    )
    print(f"service exit code: {code}")
    ok = not lost and not problems and code == 0 and not scores.missing
    if args.keep or not ok:
        print(f"work folder: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
