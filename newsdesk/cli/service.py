"""The service verbs: ``run`` (schedule crawls, serve feeds and status) and ``status``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from archive import ensure_archive, open_reader
from archive.sources import parse_duration
from archive.timestamps import utcnow

from ..output import write_rows
from . import DEFAULT_SOURCES, add_sources_option, configure_logging
from .feeds import DEFAULT_HOST, DEFAULT_PORT

#: Loggers that would otherwise add lines per request or per job to the service's log.
_CHATTY = ("apscheduler", "uvicorn", "uvicorn.error", "feeds.app", "feeds.publish")


def _duration(text: str) -> int:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "run",
        parents=[common],
        help="the service: crawl every source on schedule, serve the feeds and a status page",
        description="Run until stopped (Ctrl-C or SIGTERM: the running crawl finishes cleanly, "
        "exit code 0). Each source is crawled at its interval (jitter, missed runs "
        "coalesced, failing sources backed off exponentially and retried), each crawl in a "
        "child process, one at a time; the feeds are served over HTTP with /status (HTML), "
        "/status.json and /metrics (Prometheus). The schedule lives in the archive: a "
        "restart crawls what is due, including a crawl that a crash cut short. One service "
        "per archive. With no sources file, the built-in demo news site is served on "
        "127.0.0.1 and crawled.",
    )
    add_sources_option(p)
    p.add_argument(
        "--demo",
        action="store_true",
        help="crawl the built-in demo news site even if there is a sources file",
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST})"
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port of the feeds and status (default: {DEFAULT_PORT}; 0: any free port)",
    )
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="public URL of the feeds, for self links (default: [settings] base_url, else "
        "http://HOST:PORT/)",
    )
    p.add_argument(
        "--out", metavar="DIR", help="also write the feeds as static files after each crawl"
    )
    p.add_argument(
        "--crawl-timeout",
        type=_duration,
        default="30m",
        metavar="DURATION",
        help="kill a crawl that runs longer (default: 30m)",
    )
    p.add_argument(
        "--max-backoff",
        type=_duration,
        default="1h",
        metavar="DURATION",
        help="longest wait between attempts at a failing source (default: 1h)",
    )
    p.add_argument(
        "--misfire-grace",
        type=_duration,
        default="5m",
        metavar="DURATION",
        help="a crawl starting later than this (or its interval) is coalesced with the "
        "next (default: 5m)",
    )
    p.add_argument(
        "--stop-grace",
        type=_duration,
        default="30s",
        metavar="DURATION",
        help="on stop, how long the running crawl may take to finish (default: 30s)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="extraction processes per crawl (default: as newsdesk crawl)",
    )
    p.add_argument(
        "--redis",
        metavar="URL",
        help="distributed crawl: queue each due source as a job for newsdesk worker "
        "processes in this Redis, and write what they extract into the archive "
        "(default: $NEWSDESK_REDIS; unset: crawl here)",
    )
    p.add_argument(
        "--demo-interval",
        type=_duration,
        default="1m",
        metavar="DURATION",
        help="how often the demo's sources are crawled (default: 1m)",
    )
    p.add_argument(
        "--demo-publish-every",
        type=_duration,
        default="20s",
        metavar="DURATION",
        help="how often the demo site publishes a new article (default: 20s)",
    )
    p.set_defaults(handler=cmd_run)

    p = subparsers.add_parser(
        "status",
        parents=[common],
        help="per source: last crawl, result, next crawl, counts, errors and backoff",
        description="The service's view of each source, from the archive (works whether or "
        "not newsdesk run is running): its last scheduled crawl and result, the next one, "
        "the last run's counts, articles archived, failures in a row, backoff and the last "
        "error. The same data as the service's /status.json.",
    )
    p.add_argument(
        "-f",
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default: table)",
    )
    p.set_defaults(handler=cmd_status)


def _use_demo(args: argparse.Namespace) -> bool:
    if args.demo:
        if args.sources:
            raise SystemExit("error: give either --demo or --sources, not both")
        return True
    return args.sources is None and not Path(DEFAULT_SOURCES).exists()


def _service_logging(verbosity: int) -> None:
    """The service logs plain INFO lines (one per run and per source) unless told otherwise."""
    if verbosity == 0 and "NEWSDESK_LOG_LEVEL" not in os.environ:
        configure_logging(1, os.environ)
    if verbosity < 2:
        for name in _CHATTY:
            logging.getLogger(name).setLevel(logging.WARNING)


def cmd_run(args: argparse.Namespace) -> int:
    from ..service import ServiceError, ServiceOptions, run_service

    demo = _use_demo(args)
    _service_logging(args.verbose)
    options = ServiceOptions(
        archive_path=Path(args.archive),
        sources_path=None if demo else Path(args.sources or DEFAULT_SOURCES),
        host=args.host,
        port=args.port,
        base_url=args.base_url,
        out_dir=Path(args.out) if args.out else None,
        crawl_timeout_s=args.crawl_timeout,
        stop_grace_s=args.stop_grace,
        max_backoff_s=args.max_backoff,
        misfire_grace_s=args.misfire_grace,
        workers=args.workers,
        demo_interval_s=args.demo_interval,
        demo_publish_every_s=args.demo_publish_every,
        access_log=args.verbose > 1,
        redis_url=args.redis or os.environ.get("NEWSDESK_REDIS") or None,
    )
    try:
        return run_service(options)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_status(args: argparse.Namespace) -> int:
    from ..service.lock import holder_pid, is_locked
    from ..service.pages import TABLE_COLUMNS, table_rows
    from ..service.status import collect

    archive = Path(args.archive)
    ensure_archive(archive)
    running = is_locked(archive)
    service = {"running": running, "pid": holder_pid(archive) if running else None}
    conn = open_reader(archive)
    try:
        status = collect(conn, utcnow(), service=service)
    finally:
        conn.close()
    if args.format == "json":
        json.dump(status.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.format == "table":
        state = f"running (pid {service['pid']})" if running else "not running"
        total = status.totals.get("articles", 0)
        print(f"service: {state}; {total} articles in {archive}")
    write_rows(TABLE_COLUMNS, table_rows(status), args.format, sys.stdout, max_width=60)
    return 0
