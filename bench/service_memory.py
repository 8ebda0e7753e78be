"""Does the service's memory stay flat? ``newsdesk run`` on the demo for N crawl cycles.

    python bench/service_memory.py [--cycles 50] [--interval 2s] [--publish-every 1s]

Starts the service on a temporary archive with the built-in demo (a new article every
second, every source due every 2 s), and after each finished crawl samples the resident
memory (RSS) of the service process and reads the feed index, a feed and /status so that
the feed cache and the status page are exercised too. Crawl children are sampled separately
(peak RSS of each, polled every 0.1 s). Prints the service's RSS after the warm-up and at the
end, the change, and the children's peaks; exits 1 if the service grew by more than 10%.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from newsdesk.proctree import children, rss_kb

WARMUP = 5  # cycles before the baseline: imports, caches, first feeds built
LIMIT = 0.10


def finished_runs(archive: Path) -> int:
    if not archive.exists():
        return 0
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def get(url: str) -> None:
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--interval", default="2s")
    parser.add_argument("--publish-every", default="1s")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-memory-"))
    archive, port = work / "archive.db", free_port()
    argv = [sys.executable, "-m", "newsdesk", "run", "--demo", "--archive", str(archive),
            "--port", str(port), "--workers", "0", "--demo-interval", args.interval,
            "--demo-publish-every", args.publish_every]  # fmt: skip
    with open(work / "service.log", "wb") as log:
        service = subprocess.Popen(argv, stdout=log, stderr=log, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    samples: list[int] = []
    child_peaks: dict[int, int] = {}
    started = time.monotonic()
    try:
        while len(samples) < args.cycles:
            for child in children(service.pid):
                child_peaks[child] = max(child_peaks.get(child, 0), rss_kb(child))
            if finished_runs(archive) > len(samples):
                for path in ("", "feeds/all.atom", "feeds/source/levantpost.rss", "status"):
                    get(base + path)
                samples.append(rss_kb(service.pid))
                print(f"cycle {len(samples):3d}: service RSS {samples[-1] / 1024:.1f} MB",
                      flush=True)  # fmt: skip
            if service.poll() is not None:
                print(f"the service exited with {service.returncode}; see {work}/service.log")
                return 1
            time.sleep(0.1)
    finally:
        service.send_signal(signal.SIGTERM)
        code = service.wait(timeout=60)
    base_kb, end_kb = samples[WARMUP - 1], samples[-1]
    growth = (end_kb - base_kb) / base_kb
    peaks = sorted(child_peaks.values())
    print(f"service exit code {code}; {args.cycles} cycles in {time.monotonic() - started:.0f} s")
    print(f"service RSS after cycle {WARMUP}: {base_kb / 1024:.1f} MB; after cycle "
          f"{args.cycles}: {end_kb / 1024:.1f} MB ({growth:+.1%}); min {min(samples) / 1024:.1f}"
          f" MB, max {max(samples) / 1024:.1f} MB")  # fmt: skip
    print(
        f"crawl children: {len(peaks)}, peak RSS each: min {peaks[0] / 1024:.1f} MB, "
        f"median {peaks[len(peaks) // 2] / 1024:.1f} MB, max {peaks[-1] / 1024:.1f} MB"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0 if growth <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
