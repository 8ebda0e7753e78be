"""``newsdesk crawl``: one crawl run over the enabled sources."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive import load_config

from .. import __version__
from . import add_sources_option, sources_path


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "crawl",
        parents=[common],
        help="crawl the sources once and archive what is new or changed",
        description="One crawl run with Scrapy: discover articles in the sources' feeds, "
        "sitemaps and section pages (conditional GET: an unchanged feed costs one 304), fetch "
        "what is new or changed (robots.txt, per-host limits, retries honouring Retry-After), "
        "extract, tag, link stories, archive. Prints one summary line per source and one "
        "for the run; the same counts go to the archive's runs and run_sources tables.",
    )
    add_sources_option(p)
    p.add_argument(
        "--source",
        action="append",
        metavar="ID",
        dest="source_ids",
        help="crawl only this source (repeatable; default: every enabled source)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="extraction processes (default: one per core, at most 4; 0 = in the crawl process)",
    )
    p.add_argument(
        "--trigger", default="cli", help=argparse.SUPPRESS
    )  # who started the run, recorded in runs.trigger (the service passes "scheduler")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.set_defaults(handler=cmd_crawl)

    p = subparsers.add_parser(
        "reextract",
        parents=[common],
        help="run extraction and tagging again over the stored pages",
        description="Extract and tag every article again from its stored HTML (raw_pages), "
        "with this version's extractor, without fetching anything. Changed articles keep "
        "their previous version as a revision; the run is recorded with trigger reextract.",
    )
    p.add_argument(
        "--source",
        action="append",
        metavar="ID",
        dest="source_ids",
        help="only this source's articles (repeatable)",
    )
    p.add_argument("--workers", type=int, default=None, help="extraction processes")
    p.set_defaults(handler=cmd_reextract)


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.run import crawl

    config = load_config(sources_path(args))
    report = crawl(
        config,
        args.archive,
        source_ids=args.source_ids,
        trigger=args.trigger,
        workers=args.workers,
        version=__version__,
        progress=sys.stderr.isatty() and not args.no_progress,
    )
    return 0 if report.status in ("ok", "interrupted") else 1


def cmd_reextract(args: argparse.Namespace) -> int:
    from crawler.reextract import reextract

    report = reextract(args.archive, source_ids=args.source_ids, workers=args.workers)
    return 0 if report.status == "ok" else 1
