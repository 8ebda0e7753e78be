"""Helpers of the service tests: processes in their own group, polling, archive reads,
the bench server on a port that can be stopped and started again."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], timeout_s: float, step_s: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step_s)
    raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")


def http_get(url: str, timeout_s: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def query(archive: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if not archive.exists():
        return []
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def finished_runs(archive: Path) -> list[tuple[Any, ...]]:
    return query(
        archive,
        "SELECT id, status, started_at, finished_at, sources FROM runs "
        "WHERE finished_at IS NOT NULL ORDER BY id",
    )


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux /proc), children first."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            with contextlib.suppress(OSError, ValueError):
                kids = [int(k) for k in (task / "children").read_text().split()]
                found += kids
                todo += kids
    return found


class Process:
    """A child in its own process group, its output in files."""

    def __init__(self, argv: list[str], cwd: Path, name: str, env: dict[str, str] | None = None):
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

    def terminate(self, timeout_s: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout_s)

    def kill_group(self) -> None:
        """SIGKILL to its group and to the groups of all its descendants (a crawl child
        runs in a session of its own)."""
        for pid in [self.proc.pid, *descendants(self.proc.pid)]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)


def kill_crawl_children(archive: Path) -> None:
    for (pid,) in query(archive, "SELECT pid FROM runs WHERE status = 'running'"):
        with contextlib.suppress(ProcessLookupError, PermissionError, TypeError):
            os.killpg(pid, signal.SIGKILL)


def service_argv(archive: Path, port: int, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk", "run", "--archive", str(archive),
            "--port", str(port), "--workers", "0", *args]  # fmt: skip


class BenchServer:
    """The bench's serve.py for one site on a fixed port, that a test can stop and restart."""

    def __init__(self, site_dir: Path, port: int, start: Callable[..., Process], cwd: Path):
        self.site_dir, self.port, self._start, self.cwd = site_dir, port, start, cwd
        self.base = f"http://127.0.0.1:{port}"
        self.process: Process | None = None

    def truth(self) -> list[dict[str, Any]]:
        lines = (self.site_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def up(self) -> None:
        argv = [sys.executable, str(BENCH / "serve.py"), str(self.site_dir), "--port",
                str(self.port), "--access-log", "none"]  # fmt: skip
        self.process = self._start(argv, self.cwd, "bench-serve")
        wait_for("serve.py", lambda: http_get(self.base + "/robots.txt", 2)[0] == 200, 30)

    def down(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process = None


def source_lines(toml_text: str) -> list[str]:
    return [line for line in toml_text.splitlines() if line.startswith("id = ")]


def status_json(base: str) -> dict[str, Any]:
    status, body = http_get(base + "status.json")
    assert status == 200
    return json.loads(body)
