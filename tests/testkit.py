"""Helpers shared by the tests of every folder (the root conftest puts this folder on
sys.path): a free port, a generated bench site, a child process in its own process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsdesk.proctree import descendants

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def wait_for(what: str, check: Callable[[], Any], timeout_s: float, step_s: float = 0.1) -> Any:
    """``check()``'s first true value, polled every ``step_s``; fails after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step_s)
    raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_bench_site(out: Path, *args: str) -> Path:
    """``../shared/bench/make_sites.py ARGS --out OUT`` (replacing what is there)."""
    subprocess.run(
        [sys.executable, str(BENCH / "make_sites.py"), *args, "--out", str(out), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def query(archive: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on an archive that another process writes ([] while the
    file or its tables do not exist yet)."""
    if not archive.exists():
        return []
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


class Process:
    """A child in its own process group (its extraction processes too), output in files."""

    def __init__(self, argv: list[str], cwd: Path, name: str, env: dict[str, str] | None = None):
        self.name = name
        self.out = cwd / f"{name}.out"
        self.err = cwd / f"{name}.err"
        with open(self.out, "ab") as out, open(self.err, "ab") as err:
            self.proc = subprocess.Popen(
                argv,
                cwd=cwd,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, **(env or {})},
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stdout(self) -> str:
        return self.out.read_text(errors="replace")

    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def wait(self, timeout_s: float) -> int:
        return self.proc.wait(timeout=timeout_s)

    def terminate(self, timeout_s: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout_s)

    def kill(self) -> None:
        """SIGKILL to its group."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)

    def kill_group(self) -> None:
        """SIGKILL to its group and to the groups of all its descendants (a crawl child
        runs in a session of its own)."""
        for pid in [self.proc.pid, *descendants(self.proc.pid)]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)


@contextlib.contextmanager
def processes() -> Iterator[Callable[..., Process]]:
    """``start(argv, cwd, name, env=None)`` -> :class:`Process`; at the end, every process
    started is killed with its group and its descendants' groups, the newest first."""
    started: list[Process] = []

    def start(argv: list[str], cwd: Path, name: str, env: dict[str, str] | None = None) -> Process:
        process = Process(argv, cwd, name, env)
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in reversed(started):
            process.kill_group()
