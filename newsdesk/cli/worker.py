"""``newsdesk worker``: a crawl worker of a distributed crawl on Redis."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .. import __version__
from .service import _duration

REDIS_HINT = "pip install 'newsdesk[redis]'"


def add_redis_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--redis", metavar="URL", default=None, help=what)


def redis_url(args: argparse.Namespace) -> str | None:
    return args.redis or os.environ.get("NEWSDESK_REDIS") or None


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "worker",
        parents=[common],
        help="a crawl worker of a distributed crawl: takes jobs from Redis (any number, anywhere)",
        description="Run a crawl worker until stopped. Workers share one request queue, one "
        "seen-set and the per-host limits (robots.txt, delay, concurrency) in Redis, poll the "
        "sources that newsdesk run --redis enqueues, fetch, extract and tag the articles, and "
        "hand them to the service, the archive's one writer. SIGTERM or Ctrl-C: the worker "
        "gives back what it holds and stops; a killed worker's requests are taken over by the "
        "others once its heartbeat expires. Needs no archive and no sources file.",
    )
    add_redis_option(p, "Redis server, e.g. redis://10.0.0.5:6379/0 (default: $NEWSDESK_REDIS)")
    p.add_argument("--id", metavar="NAME", help="worker name (default: HOST-PID)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="extraction processes (default: 1; 0 = in the crawl process)",
    )
    p.add_argument(
        "--heartbeat",
        type=_duration,
        default="15s",
        metavar="DURATION",
        help="a worker silent this long is counted dead and its requests requeued (default: 15s)",
    )
    p.add_argument(
        "--exit-when-idle",
        type=_duration,
        default=None,
        metavar="DURATION",
        help="stop once no work has been left anywhere for this long (default: never)",
    )
    p.set_defaults(handler=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    url = redis_url(args)
    if not url:
        print("error: no Redis server: give --redis URL (or set NEWSDESK_REDIS)", file=sys.stderr)
        return 2
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError

        from crawler.distributed.worker import WorkerOptions, run_worker
    except ImportError as exc:
        print(f"error: {exc.name} is not installed: {REDIS_HINT}", file=sys.stderr)
        return 1
    options = WorkerOptions(
        redis_url=url,
        worker_id=args.id,
        workers=args.workers,
        heartbeat_s=float(args.heartbeat),
        exit_when_idle_s=float(args.exit_when_idle) if args.exit_when_idle else None,
        version=__version__,
    )
    try:
        run_worker(options, out=sys.stdout)
    except RedisConnectionError as exc:
        print(f"error: cannot reach Redis at {url}: {exc}", file=sys.stderr)
        return 1
    except TimeoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
