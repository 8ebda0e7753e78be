"""One crawl as a child process: ``python -m newsdesk crawl --source ... --trigger scheduler``.

Scrapy's reactor cannot be restarted inside a process, and a crawl's memory and crashes stay
its own. The child runs in its own session (process group): a Ctrl-C on the terminal reaches
only the service, which then asks the child to stop (SIGTERM: Scrapy closes the spider, the
open batch is committed or rolled back and the run is recorded ``interrupted``); a child that
does not stop in time, or hangs past the crawl timeout, is killed with its whole group
(extraction workers included).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from .policy import ChildResult, parse_output

log = logging.getLogger(__name__)

#: A log line as the CLI formats it: "2024-05-03 10:15:00,123 WARNING name: message".
_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (\w+) ")
_SHOWN_LEVELS = frozenset({"WARNING", "ERROR", "CRITICAL"})
#: Lines kept from the child's stderr to explain a failure.
STDERR_TAIL = 40


def crawl_argv(
    archive: Path,
    sources_file: Path,
    source_ids: Sequence[str],
    *,
    workers: int | None = None,
) -> list[str]:
    argv = [sys.executable, "-m", "newsdesk", "crawl", "--archive", str(archive)]
    argv += ["--sources", str(sources_file), "--trigger", "scheduler", "--no-progress"]
    for source_id in source_ids:
        argv += ["--source", source_id]
    if workers is not None:
        argv += ["--workers", str(workers)]
    return argv


class _StderrFilter:
    """Pass the child's warnings and errors (and tracebacks) on to our stderr; keep a tail."""

    def __init__(self) -> None:
        self.tail: deque[str] = deque(maxlen=STDERR_TAIL)
        self._showing = False

    def feed(self, line: str) -> None:
        self.tail.append(line)
        match = _LOG_LINE.match(line)
        if match:
            self._showing = match[1] in _SHOWN_LEVELS
        elif line.startswith(("Traceback", "error:")):
            self._showing = True
        if self._showing:
            print(line, file=sys.stderr, flush=True)

    def last_error(self) -> str | None:
        for line in reversed(self.tail):
            text = line.strip()
            if text.startswith("error:"):
                return text.removeprefix("error:").strip()
            if re.match(r"^[A-Za-z_.]+(Error|Exception|Interrupt)\b", text):
                return text
        return None


class CrawlChild:
    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.pid: int | None = None
        self._stop = asyncio.Event()

    def request_stop(self) -> None:
        """Ask the crawl to stop (at once, or as soon as it has started)."""
        self._stop.set()

    async def run(self, *, timeout_s: float, stop_grace_s: float) -> ChildResult:
        started = time.monotonic()
        env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_LOG_LEVEL"}
        proc = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            env=env,
        )
        self.pid = proc.pid
        out: list[str] = []
        errors = _StderrFilter()
        assert proc.stdout is not None and proc.stderr is not None
        readers = [
            asyncio.create_task(_read_lines(proc.stdout, out.append)),
            asyncio.create_task(_read_lines(proc.stderr, errors.feed)),
        ]
        exited = asyncio.create_task(proc.wait())
        stop = asyncio.create_task(self._stop.wait())
        timed_out = stopped = False
        try:
            done, _ = await asyncio.wait(
                {exited, stop}, timeout=timeout_s, return_when="FIRST_COMPLETED"
            )
            if exited not in done:
                stopped, timed_out = stop in done, stop not in done
                await _terminate(proc, exited, stop_grace_s)
        finally:
            stop.cancel()
            await exited
            _kill_group(proc.pid)  # leftovers of a killed child (its extraction workers)
            await asyncio.gather(*readers)
        run_id, status, summary, per_source = parse_output(out)
        return ChildResult(
            exit_code=proc.returncode,
            duration_s=time.monotonic() - started,
            run_id=run_id,
            run_status=status,
            run_summary=summary,
            per_source=per_source,
            timed_out=timed_out,
            stopped=stopped,
            error=errors.last_error(),
        )


async def _terminate(
    proc: asyncio.subprocess.Process, exited: asyncio.Task[int], grace_s: float
) -> None:
    """SIGTERM (the crawl stops cleanly), then SIGKILL to the group after ``grace_s``."""
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGTERM)
    done, _ = await asyncio.wait({exited}, timeout=grace_s)
    if not done:
        log.warning("crawl (pid %d) did not stop within %gs: killed", proc.pid, grace_s)
        _kill_group(proc.pid)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


async def _read_lines(stream: asyncio.StreamReader, sink: Callable[[str], None]) -> None:
    while True:
        try:
            raw = await stream.readline()
        except ValueError:  # a line longer than the stream limit: skip it
            continue
        if not raw:
            return
        sink(raw.decode("utf-8", "replace").rstrip("\n"))
