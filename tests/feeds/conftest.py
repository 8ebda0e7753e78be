"""Fixtures of the feed tests: the fixture archive, its published feeds, a running server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # feedfixture and w3c_rules, beside this file

import feedfixture  # noqa: E402
from testkit import free_port  # noqa: E402

from archive import Config, parse_config  # noqa: E402
from feeds.documents import FeedSettings  # noqa: E402
from feeds.publish import publish  # noqa: E402

ROOT = HERE.parents[1]
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


@pytest.fixture(scope="session")
def fixture_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return feedfixture.build_archive(tmp_path_factory.mktemp("archive") / "archive.db")


@pytest.fixture(scope="session")
def feed_config() -> Config:
    return parse_config(feedfixture.SOURCES_TOML)


@pytest.fixture(scope="session")
def feed_settings(feed_config: Config) -> FeedSettings:
    return FeedSettings(feedfixture.BASE_URL, feed_config.settings.feed_items)


@pytest.fixture(scope="session")
def published(
    fixture_archive: Path,
    feed_config: Config,
    feed_settings: FeedSettings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    out = tmp_path_factory.mktemp("public")
    publish(fixture_archive, feed_config, feed_settings, out, archives=True)
    return out


def feed_files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.suffix in (".rss", ".atom", ".json") and p.name != ".newsdesk-publish.json"
    }


@pytest.fixture(scope="session")
def documents(published: Path) -> dict[str, bytes]:
    """Every published feed document (archive pages included) by path."""
    return feed_files(published)


class Server:
    """``newsdesk serve -v`` in its own process on 127.0.0.1; its log is the access log."""

    def __init__(
        self, archive: Path, workdir: Path, sources_toml: str = feedfixture.SOURCES_TOML
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        sources = workdir / "sources.toml"
        sources.write_text(sources_toml, encoding="utf-8")
        self.log_path = workdir / f"serve-{self.port}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [NEWSDESK, "serve", "-v", "--archive", str(archive), "--sources", str(sources),
             "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=self._log, cwd=workdir,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.url + "healthz", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"newsdesk serve did not start: {self.log()}") from None
                time.sleep(0.05)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def get(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as exc:
        body = exc.read()
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, body


@pytest.fixture(scope="module")
def server(fixture_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on a copy of the fixture archive, stopped after the module."""
    workdir = tmp_path_factory.mktemp("serve")
    archive = workdir / "archive.db"
    shutil.copy(fixture_archive, archive)
    running = Server(archive, workdir)
    try:
        yield running
    finally:
        running.stop()
