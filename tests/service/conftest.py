"""Fixtures of the service tests: ``newsdesk run`` as a real process, the demo site alone,
a bench site on a port that can be stopped and started again. Every process started here is
stopped by its fixture (its whole process group; crawl children run in their own group and
are killed through the archive's running runs by the tests that leave them)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # servicekit, beside this file

import testkit  # noqa: E402
from servicekit import BENCH, BenchServer  # noqa: E402
from testkit import Process, free_port, wait_for  # noqa: E402


@pytest.fixture
def processes() -> Iterator[Callable[..., Process]]:
    """``start(argv, cwd, name)``; everything started is killed at the end (and crawl
    children, which run in their own group, through the archive's running runs)."""
    with testkit.processes() as start:
        yield start


@pytest.fixture
def demo_site(tmp_path, processes) -> str:
    """The demo site alone (``python -m newsdesk.demo``), an article a second: its base URL."""
    port_file = tmp_path / "demo.port"
    argv = [sys.executable, "-m", "newsdesk.demo", "--port-file", str(port_file),
            "--publish-every", "1s"]  # fmt: skip
    processes(argv, tmp_path, "demo")
    port = wait_for("the demo site", lambda: port_file.exists() and port_file.read_text(), 30)
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def bench_server(tmp_path, processes) -> Callable[..., BenchServer]:
    def make(*make_args: str) -> BenchServer:
        site = tmp_path / "bench-site"
        subprocess.run(
            [sys.executable, str(BENCH / "make_sites.py"), *make_args, "--out", str(site),
             "--force"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        server = BenchServer(site, free_port(), processes, tmp_path)
        server.up()
        return server

    return make
