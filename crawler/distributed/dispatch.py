"""The service's side of a distributed crawl: publish the sources and settings the workers
need, enqueue a job per due source, and look at what Redis holds. Plain Redis, no Scrapy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archive import Config, Source

from .inflight import JOB_TTL_S
from .keys import Keys
from .messages import Job, settings_to_json, source_to_json


def publish_config(server: Any, keys: Keys, config: Config) -> None:
    """What every worker reads: the ``[settings]`` and each source's definition."""
    with server.pipeline() as pipe:
        pipe.set(keys.config, settings_to_json(config.settings))
        pipe.delete(keys.sources)
        for source in config.sources:
            pipe.hset(keys.sources, source.id, source_to_json(source))
        pipe.execute()


def enqueue_jobs(
    server: Any, keys: Keys, sources: Iterable[Source], *, timeout_s: float
) -> list[Job]:
    """A job for each source that has none in progress (a source is crawled once at a time;
    a job not done within ``timeout_s`` no longer blocks the next)."""
    jobs = []
    for source in sources:
        job = Job.new(source.id)
        if not server.set(keys.active(source.id), job.id, nx=True, ex=max(1, int(timeout_s))):
            continue
        with server.pipeline() as pipe:
            # The job message itself counts as pending until a worker has queued its requests.
            pipe.set(keys.pending(job.id), 1, ex=JOB_TTL_S)
            pipe.lpush(keys.jobs, job.to_json())
            pipe.execute()
        jobs.append(job)
    return jobs


def release(server: Any, keys: Keys, source_id: str, job_id: str) -> None:
    """Forget a job that timed out, so that the source can be crawled again."""
    if server.get(keys.active(source_id)) == job_id.encode():
        server.delete(keys.active(source_id))


def work_left(server: Any, keys: Keys) -> int:
    """Requests queued or in flight, and jobs waiting or being queued, over all workers."""
    with server.pipeline(transaction=False) as pipe:
        pipe.zcard(keys.requests)
        pipe.llen(keys.jobs)
        pipe.smembers(keys.workers)
        queued, jobs, workers = pipe.execute()
    with server.pipeline(transaction=False) as pipe:
        for raw in workers:
            pipe.hlen(keys.inflight(raw.decode()))
            pipe.llen(keys.worker_jobs(raw.decode()))
        held = pipe.execute()
    return int(queued) + int(jobs) + sum(int(n) for n in held)


def redis_sizes(server: Any, keys: Keys) -> dict[str, int]:
    """Entries and bytes of the big keys (``docs/scaling.md`` explains each)."""
    sizes: dict[str, int] = {"dupefilter_entries": 0, "dupefilter_bytes": 0}
    for key in server.scan_iter(match=keys.dupefilter + ":*"):  # one set per day
        sizes["dupefilter_entries"] += int(server.scard(key))
        sizes["dupefilter_bytes"] += int(server.memory_usage(key, samples=0) or 0)
    for name, key, length in (
        ("requests", keys.requests, server.zcard),
        ("archived", keys.archived, server.hlen),
        ("fetch_state", keys.fetch_state, server.hlen),
        ("skipped", keys.skipped, server.hlen),
        ("robots", keys.robots, server.hlen),
        ("outbox", keys.outbox, server.llen),
    ):
        sizes[f"{name}_entries"] = int(length(key))
        sizes[f"{name}_bytes"] = int(server.memory_usage(key, samples=0) or 0)
    sizes["used_memory"] = int(server.info("memory")["used_memory"])
    return sizes
