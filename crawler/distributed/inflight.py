"""Reliable hand-over of requests between workers: nothing a dead worker took is lost.

scrapy-redis pops a request from the shared queue, so a worker killed before it finished a
request would lose it. Here a pop also records the request in the worker's in-flight hash,
in the same Lua script; the worker acks it when the request is done (its callback has run
and what it yielded is queued, or its article is in the writer's outbox). Each worker
refreshes a heartbeat key; every worker runs a reaper that puts the in-flight requests and
the taken jobs of a worker whose heartbeat expired back in the queue. A request is acked
once, so each job knows how many of its requests are queued or in flight (``pending``): the
job is done when that count drops to zero.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from .keys import Keys

log = logging.getLogger(__name__)

#: Pending counters and job bookkeeping outlive any crawl by far, then expire.
JOB_TTL_S = 2 * 86400

#: Pop the most urgent request and record it as in flight: {ticket, data}, or nil.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local ticket = redis.sha1hex(top[1])
redis.call('HSET', KEYS[2], ticket, top[2] .. '\\n' .. top[1])
return {ticket, top[1]}
"""

#: Queue a request; one that replaces an in-flight request (a retry, a redirect) takes over
#: its place in the job's pending count. Returns the job's pending count.
_PUSH = """
local replaced = 0
if ARGV[3] ~= '' then replaced = redis.call('HDEL', KEYS[2], ARGV[3]) end
local added = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
local pending = redis.call('INCRBY', KEYS[3], added - replaced)
redis.call('EXPIRE', KEYS[3], ARGV[4])
return pending
"""

#: A request is done: forget it; returns the job's pending count, or -1 if it was not ours
#: any more (reaped while we were slow: someone else has it now).
_ACK = """
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return -1 end
return redis.call('DECR', KEYS[2])
"""

#: A taken job has queued its first requests: forget it, and count it done.
_JOB_QUEUED = """
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return -1 end
return redis.call('DECR', KEYS[2])
"""

#: A worker whose heartbeat expired (or, forced, one that stops): its in-flight requests go
#: back in the queue and its taken jobs back in the job list. Returns how many requests.
_REAP = """
if ARGV[2] == '' and redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local n = 0
for _, entry in ipairs(redis.call('HVALS', KEYS[3])) do
  local sep = string.find(entry, '\\n', 1, true)
  redis.call('ZADD', KEYS[4], string.sub(entry, 1, sep - 1), string.sub(entry, sep + 1))
  n = n + 1
end
while redis.call('LMOVE', KEYS[6], KEYS[5], 'RIGHT', 'RIGHT') do end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[1], ARGV[1])
return n
"""


class Inflight:
    """One worker's side of the reliable queue (see the module docstring)."""

    def __init__(self, server: Any, keys: Keys, worker_id: str, heartbeat_ttl_s: float) -> None:
        self.server = server
        self.keys = keys
        self.worker_id = worker_id
        self.heartbeat_ttl_ms = int(heartbeat_ttl_s * 1000)
        self._pop = server.register_script(_POP)
        self._push = server.register_script(_PUSH)
        self._ack = server.register_script(_ACK)
        self._job_queued = server.register_script(_JOB_QUEUED)
        self._reap = server.register_script(_REAP)

    @property
    def inflight_key(self) -> str:
        return self.keys.inflight(self.worker_id)

    def pop(self) -> tuple[str, bytes] | None:
        popped = self._pop(keys=[self.keys.requests, self.inflight_key])
        if not popped:
            return None
        ticket, data = popped
        return ticket.decode(), data

    def push(self, score: float, data: bytes, job_id: str | None, replaces: str | None) -> int:
        keys = [self.keys.requests, self.inflight_key, self.keys.pending(job_id or "none")]
        return int(self._push(keys=keys, args=[score, data, replaces or "", JOB_TTL_S]))

    def ack(self, ticket: str, job_id: str | None, client: Any = None) -> Any:
        """The job's pending count after this ack (-1: not ours any more); with ``client``
        (a transaction), queued on it."""
        keys = [self.inflight_key, self.keys.pending(job_id or "none")]
        if client is not None:
            return self._ack(keys=keys, args=[ticket], client=client)
        return int(self._ack(keys=keys, args=[ticket]))

    # -- jobs -------------------------------------------------------------------------------------

    def take_job(self) -> bytes | None:
        """The oldest job, moved to this worker's list until its requests are queued."""
        data: bytes | None = self.server.lmove(
            self.keys.jobs, self.keys.worker_jobs(self.worker_id), "RIGHT", "LEFT"
        )
        return data

    def job_queued(self, data: bytes, job_id: str) -> int:
        keys = [self.keys.worker_jobs(self.worker_id), self.keys.pending(job_id)]
        return int(self._job_queued(keys=keys, args=[data]))

    # -- liveness ---------------------------------------------------------------------------------

    def beat_in_background(self) -> threading.Event:
        """Beat from a thread of its own: a worker busy extracting (its reactor thread
        blocked for a while) is alive all the same. Set the returned event to stop."""
        stop = threading.Event()

        def beat() -> None:
            while not stop.is_set():
                try:
                    self.heartbeat()
                except Exception as exc:  # Redis away for a moment: beat again soon
                    log.warning("heartbeat failed: %s", exc)
                stop.wait(self.heartbeat_ttl_ms / 3000)

        threading.Thread(target=beat, name="newsdesk-heartbeat", daemon=True).start()
        return stop

    def heartbeat(self) -> None:
        with self.server.pipeline() as pipe:
            pipe.set(self.keys.alive(self.worker_id), b"1", px=self.heartbeat_ttl_ms)
            pipe.sadd(self.keys.workers, self.worker_id)
            pipe.execute()

    def reap(self, worker_id: str, *, force: bool = False) -> int:
        keys = [
            self.keys.workers,
            self.keys.alive(worker_id),
            self.keys.inflight(worker_id),
            self.keys.requests,
            self.keys.jobs,
            self.keys.worker_jobs(worker_id),
        ]
        return int(self._reap(keys=keys, args=[worker_id, "force" if force else ""]))

    def reap_dead(self) -> int:
        """Requeue what dead workers held; returns how many requests."""
        total = 0
        for raw in self.server.smembers(self.keys.workers):
            worker_id = raw.decode()
            if worker_id == self.worker_id:
                continue
            n = self.reap(worker_id)
            if n >= 0:
                log.warning("worker %s stopped answering: %d request(s) requeued", worker_id, n)
                total += n
        return total

    def leave(self) -> int:
        """A clean stop: what this worker holds goes back to the others."""
        n = self.reap(self.worker_id, force=True)
        self.server.delete(self.keys.alive(self.worker_id))
        return n
