"""Helpers of the robustness tests: bench sites with extra (hostile) publishers, crawls as
processes with their peak memory, archive checks."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench"

#: Runs argv[1:] and writes the peak resident memory of it and everything it waited for
#: (its extraction workers) to the file named by argv[0], in kilobytes.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(done.returncode)
"""


def add_publisher(site: Path, host: str, files: dict[str, str | bytes]) -> None:
    """Files of one more publisher, served under /<host>/ (http://site.invalid in them
    becomes the server's origin)."""
    for path, content in files.items():
        target = site / "sites" / host / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)


class SiteServer:
    """The bench's serve.py for one site tree on a free port, with an access log."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.log = site.parent / f"{site.name}-access.log"
        port_file = site.parent / f"{site.name}.port"
        port_file.unlink(missing_ok=True)
        argv = [sys.executable, str(BENCH / "serve.py"), str(site), "--port", "0",
                "--port-file", str(port_file), "--access-log", str(self.log)]  # fmt: skip
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("serve.py did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{int(port_file.read_text())}"

    def truth(self) -> list[dict[str, Any]]:
        lines = (self.site / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def access_log(self) -> list[dict[str, Any]]:
        time.sleep(0.5)  # flushed every 0.2 s
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=10)


@dataclass
class Crawl:
    done: subprocess.CompletedProcess[str]
    peak_rss_mb: float
    seconds: float

    @property
    def summary(self) -> str:
        lines = self.done.stdout.splitlines()
        return lines[-1] if lines else ""


def newsdesk_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk", *args]


def crawl(work: Path, *args: str, timeout_s: float = 600, fsize_limit: int | None = None) -> Crawl:
    """``newsdesk crawl`` in ``work`` (its sources.toml, archive.db), measured."""
    peak = work / "peak-rss.kb"
    peak.unlink(missing_ok=True)
    argv = [sys.executable, "-c", _MEASURE, str(peak),
            *newsdesk_argv("crawl", "--archive", "archive.db", "--no-progress", *args)]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(
        argv,
        cwd=work,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        preexec_fn=(lambda: limit_file_size(fsize_limit)) if fsize_limit else None,
    )
    rss_kb = int(peak.read_text()) if peak.exists() else 0
    return Crawl(done, rss_kb / 1024, time.monotonic() - started)


def limit_file_size(limit: int) -> None:
    """In the child: files may not grow past ``limit`` bytes (a full disk, as far as SQLite
    is concerned: writes fail with EFBIG instead of the process being killed)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def rows(archive: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def archive_text(archive: Path) -> str:
    """Every text value in the archive (stored pages inflated), for looking for a secret."""
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    parts: list[str] = []
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        parts.append(value)
                    elif isinstance(value, bytes):
                        with contextlib.suppress(zlib.error):
                            value = zlib.decompress(value)
                        parts.append(value.decode("utf-8", "replace"))
    finally:
        conn.close()
    return "\n".join(parts)


def article_digests(archive: Path) -> dict[str, tuple[Any, ...]]:
    """url_key -> what an article is made of (its row and its children), to compare one
    archive's articles with another's."""
    sql = """
        SELECT a.url_key, a.title, a.subtitle, length(a.body), a.content_hash, a.published,
               (SELECT group_concat(name, '|') FROM (SELECT au.name FROM article_authors x
                  JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id
                  ORDER BY x.position)),
               (SELECT count(*) FROM images i WHERE i.article_id = a.id),
               (SELECT count(*) FROM comments c WHERE c.article_id = a.id),
               (SELECT group_concat(label, '|') FROM (SELECT l.kind || ':' || l.value AS label
                  FROM labels l WHERE l.article_id = a.id ORDER BY 1)),
               (SELECT size FROM raw_pages r WHERE r.article_id = a.id)
        FROM articles a
    """
    return {row[0]: row[1:] for row in rows(archive, sql)}


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
