"""Helpers of the service tests: processes in their own group, polling, archive reads,
the bench server on a port that can be stopped and started again."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from testkit import Process, query, wait_for

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench"


def http_get(url: str, timeout_s: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def finished_runs(archive: Path) -> list[tuple[Any, ...]]:
    return query(
        archive,
        "SELECT id, status, started_at, finished_at, sources FROM runs "
        "WHERE finished_at IS NOT NULL ORDER BY id",
    )


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
