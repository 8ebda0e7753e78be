"""Crash safety: a crawl killed (SIGKILL) at random moments, ten times over, leaves an archive
that passes every check, holds no partial article and keeps everything it had committed, and
the next run completes; a full disk ends a crawl with one clear error and no damage; readers
(the feed server, read-only SQL) never fail with "database is locked" while a crawl writes.

The service's side of a kill (its child killed with it, the run marked interrupted, the
missed crawl run at restart) is tests/service/test_crash.py.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from robustkit import (
    SiteServer,
    article_digests,
    crawl,
    newsdesk_argv,
    rows,
)
from testkit import free_port, make_bench_site

from archive import QueryError
from archive.integrity import consistency_problems
from archive.readonly import query
from newsdesk.benchsites import bench_sources, write_sources_toml

pytestmark = [pytest.mark.bench_site, pytest.mark.slow]

ARTICLES = 500
SITE = ("--publishers", "2", "--articles", str(ARTICLES), "--seed", "13", "--no-bad")
#: Slow enough for ten kills to land in the middle of the work: ~500 pages, 30 ms apart.
SLOW = {"download_delay": 0.03, "concurrency_per_host": 1, "timeout": 10.0}
FAST = {"download_delay": 0.0, "concurrency_per_host": 8, "timeout": 10.0}
KILLS = 10


@dataclass
class CrashSite:
    server: SiteServer
    reference: dict[str, tuple[object, ...]]  # url_key -> article digest, from a whole crawl

    def sources_toml(self, work: Path, settings: dict[str, object]) -> None:
        sources = bench_sources(self.server.site, self.server.base, with_sections=False)
        write_sources_toml(work / "sources.toml", sources, settings)


@pytest.fixture(scope="module")
def crash_site(tmp_path_factory) -> Iterator[CrashSite]:
    root = tmp_path_factory.mktemp("crash")
    server = SiteServer(make_bench_site(root / "site", *SITE))
    try:
        work = root / "reference"
        work.mkdir()
        site = CrashSite(server, {})
        site.sources_toml(work, FAST)
        done = crawl(work).done
        assert done.returncode == 0, done.stderr[-3000:]
        site.reference = article_digests(work / "archive.db")
        assert len(site.reference) == ARTICLES
        yield site
    finally:
        server.stop()


def start_crawl(work: Path) -> subprocess.Popen[bytes]:
    """A crawl in its own process group (its extraction workers with it)."""
    return subprocess.Popen(
        newsdesk_argv("crawl", "--archive", "archive.db", "--no-progress", "--workers", "1"),
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def committed_keys(archive: Path) -> set[str]:
    if not archive.exists():
        return set()
    try:
        return {k for (k,) in rows(archive, "SELECT url_key FROM articles")}
    except sqlite3.Error:  # its first migration not committed yet
        return set()


def read_only_count(archive: Path) -> int:
    """What `newsdesk sql` and the HTTP /sql endpoint run, on the archive as the kill left it."""
    return int(query(archive, "SELECT count(*) FROM articles_view").rows[0][0])


@dataclass
class Round:
    moment_s: float
    running: bool  # the crawl was still running when it was killed
    problems: list[str]
    partial: list[str]  # articles that differ from the same article crawled whole
    lost: list[str]  # committed before the kill, missing after it
    articles: int
    readable: bool


def running_new(archive: Path, pid: int) -> int | None:
    """Articles committed so far by the run of crawl ``pid`` (None before it started)."""
    try:
        found = rows(archive, "SELECT new FROM runs WHERE pid = ? AND status = 'running'", (pid,))
    except sqlite3.Error:  # no archive yet, or not migrated yet
        return None
    return found[0][0] if found else None


@dataclass(frozen=True)
class Moment:
    """When to kill: once the run has committed ``after_articles`` articles (None: do not
    wait for the run to start), ``then_s`` seconds later, so mostly inside a batch."""

    after_articles: int | None
    then_s: float


def kill_once(work: Path, moment: Moment, reference: dict[str, tuple[object, ...]]) -> Round:
    archive = work / "archive.db"
    proc = start_crawl(work)
    started = time.monotonic()
    try:
        while proc.poll() is None and moment.after_articles is not None:
            new = running_new(archive, proc.pid)
            if new is not None and new >= moment.after_articles:
                break
            time.sleep(0.02)
        deadline = time.monotonic() + moment.then_s
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        committed = committed_keys(archive)
        running = proc.poll() is None
    finally:
        kill_group(proc)
    digests = article_digests(archive) if archive.exists() else {}
    try:
        readable = read_only_count(archive) == len(digests)
    except (QueryError, FileNotFoundError):
        readable = not archive.exists()
    return Round(
        moment_s=time.monotonic() - started,
        running=running,
        problems=consistency_problems(archive) if archive.exists() else [],
        partial=sorted(k for k, d in digests.items() if d != reference.get(k)),
        lost=sorted(committed - set(digests)),
        articles=len(digests),
        readable=readable,
    )


@pytest.fixture(scope="module")
def killed(crash_site, tmp_path_factory) -> tuple[list[Round], Path]:
    """Ten crawls of one archive, each SIGKILLed at a random moment: the first within its
    start-up (creating the archive, its migrations), the others after a random number of
    articles (at most 25 and a batch, of the 500: there is always work left) and a random
    fraction of the next batch. Then a crawl left to finish."""
    work = tmp_path_factory.mktemp("killed")
    crash_site.sources_toml(work, SLOW)
    rng = random.Random(7)
    moments = [Moment(None, rng.uniform(0.05, 1.0))] + [
        Moment(rng.randint(0, 25), rng.uniform(0.0, 1.0)) for _ in range(KILLS - 1)
    ]
    rounds = [kill_once(work, m, crash_site.reference) for m in moments]
    return rounds, work


def test_every_kill_landed_during_a_crawl(killed):
    rounds, _ = killed
    assert [r.running for r in rounds] == [True] * KILLS


def test_the_archive_passes_every_check_after_each_kill(killed):
    rounds, _ = killed
    assert [(round(r.moment_s, 2), r.problems) for r in rounds if r.problems] == []


def test_no_partial_article_after_any_kill(killed):
    """Every article there is the same, to its children and labels, as when crawled whole."""
    rounds, _ = killed
    assert [r.partial[:3] for r in rounds] == [[]] * KILLS


def test_nothing_committed_is_lost(killed):
    rounds, _ = killed
    assert [r.lost[:3] for r in rounds] == [[]] * KILLS
    counts = [r.articles for r in rounds]
    assert counts == sorted(counts) and 0 < counts[-1] < ARTICLES  # progress, but never the end


def test_readers_work_on_a_killed_writers_archive(killed):
    rounds, _ = killed
    assert all(r.readable for r in rounds)


def test_the_next_run_completes_with_every_article_once(killed, crash_site):
    rounds, work = killed
    done = crawl(work, "--workers", "1").done
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.match(r"run \d+ ok: ", done.stdout.splitlines()[-1])
    archive = work / "archive.db"
    assert consistency_problems(archive) == []
    assert article_digests(archive) == crash_site.reference


# -- a full disk ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit_kb", "articles"), [(16, 0), (1024, None)], ids=["at-once", "mid-run"]
)
def test_a_full_disk_is_one_clear_error_and_no_damage(crash_site, tmp_path, limit_kb, articles):
    """No file of the crawl's may grow past ``limit_kb`` (the archive's write-ahead log
    included): an RLIMIT_FSIZE, which SQLite sees as it sees a full disk. 16 KB: not even
    the run's first transaction fits; 1 MB: a few batches do."""
    crash_site.sources_toml(tmp_path, FAST)
    archive = tmp_path / "archive.db"
    subprocess.run(newsdesk_argv("migrate", "--archive", str(archive)), check=True,
                   capture_output=True)  # fmt: skip
    full = crawl(tmp_path, "--workers", "1", fsize_limit=limit_kb * 1024)
    assert full.done.returncode == 1
    assert "Traceback" not in full.done.stderr
    (line,) = full.done.stderr.splitlines()
    assert line.startswith("error: archive.db: cannot write (")
    assert line.endswith("): is the disk full, or the file over a size limit?")
    assert consistency_problems(archive) == []
    stored = rows(archive, "SELECT count(*) FROM articles")[0][0]
    assert stored == articles if articles is not None else 0 < stored < ARTICLES
    assert rows(archive, "SELECT count(*) FROM source_urls WHERE etag IS NOT NULL") == [(0,)]
    assert rows(archive, "SELECT status FROM runs") == ([] if articles == 0 else [("failed",)])

    again = crawl(tmp_path, "--workers", "1").done
    assert again.returncode == 0, again.stderr[-3000:]
    assert article_digests(archive) == crash_site.reference


# -- readers while a crawl writes ----------------------------------------------------------------


class Readers:
    """Threads reading the archive as hard as they can: over HTTP from a `newsdesk serve`,
    and with read-only SQL in this process. Every failure is kept."""

    PATHS = ("/feeds/all.atom", "/feeds/all.json", "/feeds/all.rss", "/",
             "/search?q=minister", "/sql?q=select+count(*)+from+articles_view", "/healthz")  # fmt: skip

    def __init__(self, base: str, archive: Path) -> None:
        self.base, self.archive = base, archive
        self.failures: list[str] = []
        self.reads = 0
        self.counts: list[int] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._http, args=(i,)) for i in range(3)]
        self._threads.append(threading.Thread(target=self._sql))

    def __enter__(self) -> Readers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _http(self, offset: int) -> None:
        i = offset
        while not self._stop.is_set():
            path = self.PATHS[i % len(self.PATHS)]
            i += 1
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:
                    response.read()
            except urllib.error.HTTPError as exc:
                self.failures.append(f"{path}: {exc.code} {exc.read()[:200]!r}")
            except OSError as exc:
                self.failures.append(f"{path}: {exc}")
            self.reads += 1

    def _sql(self) -> None:
        while not self._stop.is_set():
            try:
                self.counts.append(read_only_count(self.archive))
            except Exception as exc:  # anything at all is a failure here
                self.failures.append(f"sql: {type(exc).__name__}: {exc}")
            self.reads += 1


def test_readers_never_see_a_locked_database(crash_site, tmp_path):
    crash_site.sources_toml(tmp_path, FAST)
    archive = tmp_path / "archive.db"
    subprocess.run(newsdesk_argv("migrate", "--archive", str(archive)), check=True,
                   capture_output=True)  # fmt: skip
    port = free_port()
    serve = subprocess.Popen(
        newsdesk_argv("serve", "--archive", str(archive), "--port", str(port)),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_health(base)
        with Readers(base, archive) as readers:
            done = crawl(tmp_path, "--workers", "1").done
    finally:
        serve.send_signal(signal.SIGTERM)
        _, server_log = serve.communicate(timeout=30)
    assert done.returncode == 0, done.stderr[-3000:]
    assert readers.failures == []
    assert readers.reads > 100
    assert readers.counts == sorted(readers.counts) and readers.counts[0] < ARTICLES  # progress
    assert read_only_count(archive) == ARTICLES
    assert b"locked" not in server_log


def wait_for_health(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("newsdesk serve did not answer /healthz")
