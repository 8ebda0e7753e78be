"""SIGKILL the archive writer (`newsdesk run --redis`) in the middle of draining the
workers' outbox, start it again: every article is archived once, none is lost, nothing is
left in Redis."""

from __future__ import annotations

import os
import signal

import pytest
from scalekit import newsdesk, synthetic_events
from testkit import free_port, query, wait_for

from archive import Source
from crawler.distributed.keys import Keys
from newsdesk.benchsites import write_sources_toml

pytestmark = [pytest.mark.slow]

N = 3000
KEYS = Keys()
ARTICLES = "SELECT count(*), count(DISTINCT url_key) FROM articles"


def articles(archive) -> tuple[int, int]:
    rows = query(archive, ARTICLES)
    return rows[0] if rows else (0, 0)


def start_writer(processes, tmp_path, redis, name):
    argv = newsdesk("run", "--archive", "archive.db", "--sources", "sources.toml",
                    "--port", str(free_port()), "--redis", redis.url)  # fmt: skip
    writer = processes(argv, tmp_path, name)
    wait_for("the writer", lambda: "crawled by" in writer.stdout(), 60)
    return writer


@pytest.fixture(scope="module")
def crashed(redis, processes, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("writer")
    source = Source(id="levant", name="The Levant Post", url="http://levant.example.com/",
                    feeds=("http://levant.example.com/rss.xml",), interval_s=3600)  # fmt: skip
    write_sources_toml(tmp_path / "sources.toml", [source])
    redis.client.flushall()
    events = synthetic_events(N, seed=7)
    for chunk in range(0, N, 500):
        redis.client.lpush(KEYS.outbox, *events[chunk : chunk + 500])
    archive = tmp_path / "archive.db"
    first = start_writer(processes, tmp_path, redis, "first")
    wait_for("a few batches committed", lambda: articles(archive)[0] >= 400, 120, 0.02)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(10)
    at_kill = articles(archive)[0]
    in_redis = redis.client.llen(KEYS.outbox) + redis.client.llen(KEYS.processing)
    second = start_writer(processes, tmp_path, redis, "second")
    wait_for("the outbox drained", lambda: articles(archive)[0] >= N, 120, 0.2)
    wait_for("the batch forgotten", lambda: redis.client.llen(KEYS.processing) == 0, 30)
    assert second.terminate() == 0, second.stderr()[-3000:]
    return {"archive": archive, "at_kill": at_kill, "in_redis": in_redis, "redis": redis}


def test_the_writer_was_killed_mid_drain(crashed):
    assert 400 <= crashed["at_kill"] < N
    assert crashed["in_redis"] >= N - crashed["at_kill"]  # the rest waited in Redis


def test_nothing_lost_nothing_duplicated(crashed):
    assert articles(crashed["archive"]) == (N, N)
    assert query(crashed["archive"], "PRAGMA integrity_check") == [("ok",)]


def test_redis_holds_nothing_left_and_knows_every_article(crashed):
    client = crashed["redis"].client
    assert client.llen(KEYS.outbox) == client.llen(KEYS.processing) == 0
    assert client.hlen(KEYS.archived) == N


def test_every_story_linked_once(crashed):
    rows = query(crashed["archive"], "SELECT count(*) FROM articles WHERE story_id IS NULL")
    assert rows == [(0,)]
