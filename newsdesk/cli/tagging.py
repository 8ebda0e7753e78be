"""``newsdesk reclassify``: tag every archived article again and rebuild its stories."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_BATCH = 500


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "reclassify",
        parents=[common],
        help="tag every archived article again and relink the copies of each story",
        description="Run tagging again over the whole archive (topics, regions, world region, "
        "places) and rebuild the stories from the articles' text, first-published first, as "
        "the crawler would have linked them. Use it after an upgrade that changes the tagging "
        "rules. Writes in batched transactions: an interrupted run leaves a consistent "
        "archive and can simply be run again.",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"articles per transaction (default: {DEFAULT_BATCH})",
    )
    p.add_argument(
        "--no-stories",
        action="store_true",
        help="only tag again; keep the stories as they are",
    )
    p.set_defaults(handler=cmd_reclassify)


def cmd_reclassify(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from archive import open_archive
    from archive.stories import reset_stories, story_counts, tagging_inputs, tagging_order
    from crawler.tagging import tag_and_store

    if args.batch_size < 1:
        print("error: --batch-size must be at least 1", file=sys.stderr)
        return 2
    started = time.monotonic()
    link = not args.no_stories
    with open_archive(args.archive) as archive:
        with archive.transaction() as conn:
            order = tagging_order(conn)
            if link:
                reset_stories(conn)
        with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("reclassify", total=len(order))
            for start in range(0, len(order), args.batch_size):
                batch = order[start : start + args.batch_size]
                with archive.transaction() as conn:
                    for item in tagging_inputs(conn, batch):
                        tag_and_store(
                            conn,
                            item.article_id,
                            item.title,
                            item.subtitle,
                            item.body,
                            language=item.language,
                            section=item.section,
                            url=item.url,
                            keywords=item.keywords,
                            source_country=item.source_country,
                            source_topics=item.source_topics,
                            link=link,
                        )
                progress.advance(task, len(batch))
        stories, shared = story_counts(archive.conn)
    elapsed = time.monotonic() - started
    print(
        f"{args.archive}: reclassified {len(order)} article(s) in {elapsed:.1f} s; "
        f"{stories} stories, {shared} published more than once"
    )
    log.info("reclassify: %d articles, %d stories", len(order), stories)
    return 0
