"""Fixtures of the distributed-crawl tests: a real redis-server on loopback, processes in
their own groups, all stopped at the end."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # scalekit, beside this file

import testkit  # noqa: E402
from scalekit import RedisServer  # noqa: E402
from testkit import Process  # noqa: E402


@pytest.fixture(scope="module")
def redis(tmp_path_factory) -> Iterator[RedisServer]:
    """A redis-server for the module's tests (empty it with ``client.flushall()``)."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (Debian package redis-server; .ci/run installs it)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def processes() -> Iterator[Callable[..., Process]]:
    """``start(argv, cwd, name, env=None)``; every process started is killed (its whole
    group) when the module's tests are done."""
    with testkit.processes() as start:
        yield start
