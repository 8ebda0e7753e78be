"""The Redis side of the reliable queue and of the per-host limits, on a real redis-server:
what a pop, a push, an ack and a reaper do to the queue, the in-flight hashes and a job's
pending count; a host's slots over several workers."""

from __future__ import annotations

import pytest

from crawler.distributed.inflight import Inflight
from crawler.distributed.keys import Keys
from crawler.distributed.politeness import _ACQUIRE

KEYS = Keys()


@pytest.fixture
def client(redis):
    redis.client.flushall()
    return redis.client


def worker(client, name: str) -> Inflight:
    inflight = Inflight(client, KEYS, name, heartbeat_ttl_s=60)
    inflight.heartbeat()
    return inflight


def pending(client, job: str) -> int:
    return int(client.get(KEYS.pending(job)) or 0)


def test_a_pop_is_in_flight_until_acked(client):
    a = worker(client, "a")
    assert [a.push(-10, b"feed", "j", None), a.push(0, b"article", "j", None)] == [1, 2]
    ticket, data = a.pop()
    assert data == b"feed"  # the higher priority first
    assert (client.zcard(KEYS.requests), client.hlen(KEYS.inflight("a"))) == (1, 1)
    assert a.ack(ticket, "j") == 1
    assert a.ack(ticket, "j") == -1  # once
    assert client.hlen(KEYS.inflight("a")) == 0


def test_a_retry_takes_the_place_of_its_request(client):
    a = worker(client, "a")
    a.push(0, b"article", "j", None)
    ticket, _ = a.pop()
    assert a.push(0, b"article, retry 1", "j", ticket) == 1
    assert client.hlen(KEYS.inflight("a")) == 0
    assert pending(client, "j") == 1


def test_a_dead_workers_requests_and_jobs_go_back(client):
    a, b = worker(client, "a"), worker(client, "b")
    a.push(-10, b"feed", "j", None)
    a.push(0, b"article", "j", None)
    client.lpush(KEYS.jobs, b'{"job": 2}')
    a.pop(), a.pop(), a.take_job()
    assert b.reap_dead() == 0  # a is alive
    client.delete(KEYS.alive("a"))
    assert b.reap_dead() == 2
    assert sorted(client.zrange(KEYS.requests, 0, -1)) == [b"article", b"feed"]
    assert client.lrange(KEYS.jobs, 0, -1) == [b'{"job": 2}']
    assert client.smembers(KEYS.workers) == {b"b"}
    assert pending(client, "j") == 2  # still to do, by someone


def test_a_job_is_done_when_its_last_request_is(client):
    a = worker(client, "a")
    client.set(KEYS.pending("j"), 1)  # the job message, as the service queues it
    client.lpush(KEYS.jobs, b"job j")
    data = a.take_job()
    a.push(0, b"robots", "j", None)
    assert a.job_queued(data, "j") == 1
    ticket, _ = a.pop()
    assert a.ack(ticket, "j") == 0


def acquire(client, host: str, lease: str, *, delay_ms: int, most: int) -> int:
    script = client.register_script(_ACQUIRE)
    keys = [KEYS.host_next(host), KEYS.host_active(host)]
    return int(script(keys=keys, args=[delay_ms, most, lease, 60_000]))


def test_host_slots_keep_the_delay_and_the_concurrency(client):
    assert acquire(client, "h", "1", delay_ms=0, most=2) == 0
    assert acquire(client, "h", "2", delay_ms=0, most=2) == 0
    assert acquire(client, "h", "3", delay_ms=0, most=2) > 0  # two in progress
    client.zrem(KEYS.host_active("h"), "1")
    assert acquire(client, "h", "3", delay_ms=0, most=2) == 0
    assert acquire(client, "other", "4", delay_ms=5000, most=2) == 0
    assert 4000 < acquire(client, "other", "5", delay_ms=5000, most=2) <= 5000
