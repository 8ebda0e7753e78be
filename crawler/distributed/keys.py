"""Every Redis key of a distributed crawl, in one place (``docs/scaling.md`` lists them with
their sizes). All keys share one prefix, so several deployments can share a Redis server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_PREFIX = "newsdesk"


def connect(url: str) -> Any:
    """A redis-py client for ``url`` (``redis://host:port/db``); bytes in, bytes out."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


@dataclass(frozen=True)
class Keys:
    prefix: str = DEFAULT_PREFIX

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # -- work: the request queue and seen-set (scrapy-redis), source jobs ----------------------
    @property
    def requests(self) -> str:
        """Sorted set of pending requests (scrapy-redis priority queue)."""
        return self._k("requests")

    @property
    def dupefilter(self) -> str:
        """Request fingerprints seen (scrapy-redis dupefilter): one set per day, ``:DATE``."""
        return self._k("dupefilter")

    @property
    def jobs(self) -> str:
        """List of source jobs the service enqueued, not yet taken by a worker."""
        return self._k("jobs")

    def active(self, source_id: str) -> str:
        """The job id of a source being crawled (set by the service, cleared when done)."""
        return self._k("active", source_id)

    def pending(self, job_id: str) -> str:
        """Requests of a job queued or in flight: the job is done when it drops to zero."""
        return self._k("job", job_id, "pending")

    def job_counts(self, job_id: str) -> str:
        return self._k("job", job_id, "counts")

    def job_polled(self, job_id: str) -> str:
        """URLs a job has polled (a feed is asked once per job)."""
        return self._k("job", job_id, "polled")

    def job_listed(self, job_id: str) -> str:
        """Article URL keys a job has seen in its listings."""
        return self._k("job", job_id, "listed")

    # -- workers: liveness and what each has taken ----------------------------------------------
    @property
    def workers(self) -> str:
        return self._k("workers")

    def alive(self, worker_id: str) -> str:
        return self._k("worker", worker_id, "alive")

    def inflight(self, worker_id: str) -> str:
        """Hash of the requests a worker has taken from the queue and not finished."""
        return self._k("worker", worker_id, "inflight")

    def worker_jobs(self, worker_id: str) -> str:
        return self._k("worker", worker_id, "jobs")

    # -- shared crawl state -----------------------------------------------------------------------
    @property
    def config(self) -> str:
        """The ``[settings]`` of sources.toml, as the service last published them (JSON)."""
        return self._k("config")

    @property
    def sources(self) -> str:
        """Hash: source id -> its sources.toml entry (JSON)."""
        return self._k("sources")

    @property
    def fetch_state(self) -> str:
        """Hash: polled URL -> what it answered last (validators, errors, backoff)."""
        return self._k("fetch")

    def source_urls(self, source_id: str, kind: str) -> str:
        return self._k("urls", source_id, kind)

    @property
    def archived(self) -> str:
        """Hash: url_key -> ``modified|fetched_at`` of archived articles (the writer's)."""
        return self._k("archived")

    @property
    def skipped(self) -> str:
        """Hash: url_key -> when a page was found not to be an article."""
        return self._k("skipped")

    @property
    def robots(self) -> str:
        """Hash: robots.txt URL -> the last answer (status, validators, body)."""
        return self._k("robots")

    def robots_lock(self, url: str) -> str:
        return self._k("robots-lock", url)

    def host_next(self, host: str) -> str:
        """When the next request to a host may start (ms since the epoch, Redis clock)."""
        return self._k("host", host, "next")

    def host_active(self, host: str) -> str:
        """Sorted set of the requests to a host in progress (lease -> expiry)."""
        return self._k("host", host, "active")

    # -- to the writer ----------------------------------------------------------------------------
    @property
    def outbox(self) -> str:
        """List of events for the archive writer (articles, fetch states, errors, counts)."""
        return self._k("outbox")

    @property
    def processing(self) -> str:
        """Events the writer has taken and not yet committed (re-drained after a crash)."""
        return self._k("outbox", "processing")
