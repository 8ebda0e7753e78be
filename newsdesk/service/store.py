"""The service's own writes to the archive: its schedule, its settings, stale runs.

One writer connection used from one dedicated thread, so the event loop never waits on
SQLite. The service writes only between crawls (and at start and stop), so while a crawl
child runs it is the archive's only writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from archive import Archive, open_archive
from archive import writes as w
from archive.service_state import (
    RunningRun,
    ScheduleState,
    get_setting,
    last_source_error,
    load_schedule,
    running_runs,
    save_schedule,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_our_crawl(pid: int) -> bool:
    """Is ``pid`` a ``newsdesk crawl`` started by a scheduler (Linux: its command line)?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return pid_alive(pid)
    return b"crawl" in cmdline and b"scheduler" in cmdline


class StateStore:
    def __init__(self, archive_path: Path) -> None:
        self.archive_path = archive_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-state")
        self._archive: Archive | None = None

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    # -- run in the store's thread (or before the loop starts) ------------------------------

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = open_archive(self.archive_path)
        return self._archive

    def load(self) -> dict[str, ScheduleState]:
        return load_schedule(self.archive.conn)

    def save(self, states: Iterable[ScheduleState]) -> None:
        with self.archive.transaction() as conn:
            save_schedule(conn, states)

    def setting(self, key: str) -> str | None:
        return get_setting(self.archive.conn, key)

    def set_setting(self, key: str, value: str) -> None:
        with self.archive.transaction() as conn:
            w.set_setting(conn, key, value)

    def source_error(self, run_id: int, source_id: str) -> str | None:
        return last_source_error(self.archive.conn, run_id, source_id)

    def mark_stale(self) -> int:
        """Runs left ``running`` by a dead process become ``interrupted``."""
        with self.archive.transaction() as conn:
            alive = [r.pid for r in running_runs(conn) if r.pid and pid_alive(r.pid)]
            return w.mark_stale_runs(conn, alive)

    def recover(self, stop_grace_s: float) -> int:
        """At start: stop a crawl an earlier (killed) scheduler left running, so that this
        service's crawls stay the only writer; then mark the dead runs interrupted."""
        orphans = [
            r for r in running_runs(self.archive.conn) if r.trigger == "scheduler" and _alive(r)
        ]
        for run in orphans:
            assert run.pid is not None
            log.warning(
                "stopping crawl run %d (pid %d) left by an earlier service", run.run_id, run.pid
            )
            _stop_process(run.pid, stop_grace_s)
        return self.mark_stale()

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def shutdown(self) -> None:
        self._executor.submit(self.close).result()
        self._executor.shutdown(wait=True)


def _alive(run: RunningRun) -> bool:
    return run.pid is not None and pid_alive(run.pid) and is_our_crawl(run.pid)


def _stop_process(pid: int, grace_s: float) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline and pid_alive(pid):
        time.sleep(0.1)
    if pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
