"""``newsdesk sources``: list the declared sources, import and export OPML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive import ensure_archive, load_config, open_reader
from archive.opml import append_sources, feeds_to_sources, parse_opml, sources_to_opml
from archive.sources import Config, format_duration

from ..output import FORMATS, write_rows
from . import add_sources_option, sources_path


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "sources",
        parents=[common],
        help="list sources, import or export OPML",
        description="The sources declared in sources.toml.",
    )
    verbs = p.add_subparsers(dest="sources_command", metavar="ACTION", required=True)

    q = verbs.add_parser("list", parents=[common], help="list the declared sources")
    add_sources_option(q)
    q.add_argument("-f", "--format", choices=FORMATS, default="table", help="output format")
    q.set_defaults(handler=cmd_list)

    q = verbs.add_parser(
        "import-opml",
        parents=[common],
        help="add the feeds of an OPML file (any feed reader's export) to sources.toml",
        description="Add the feeds of an OPML export to sources.toml. Feeds already declared "
        "are skipped; feeds whose web pages share a host become one source.",
    )
    add_sources_option(q)
    q.add_argument("file", type=Path, help="OPML file")
    q.add_argument(
        "--dry-run", action="store_true", help="show what would be added, change nothing"
    )
    q.set_defaults(handler=cmd_import)

    q = verbs.add_parser(
        "export-opml", parents=[common], help="write the sources' feeds as OPML 2.0"
    )
    add_sources_option(q)
    q.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    q.set_defaults(handler=cmd_export)


def _load(args: argparse.Namespace, *, missing_ok: bool = False) -> Config:
    path = sources_path(args)
    if missing_ok and not path.exists():
        return Config(path=path)
    return load_config(path)


def _article_counts(archive_path: str) -> dict[str, int]:
    if not Path(archive_path).exists():
        return {}
    ensure_archive(archive_path)
    conn = open_reader(archive_path)
    try:
        rows = conn.execute("SELECT source_id, count(*) FROM articles GROUP BY source_id")
        return dict(rows.fetchall())
    finally:
        conn.close()


def cmd_list(args: argparse.Namespace) -> int:
    config = _load(args)
    counts = _article_counts(args.archive)
    columns = ["id", "name", "enabled", "interval", "feeds", "sitemaps", "sections", "articles"]
    rows = [
        [
            s.id,
            s.name,
            "yes" if s.enabled else "no",
            format_duration(s.interval_s),
            len(s.feeds),
            len(s.sitemaps),
            len(s.sections),
            counts.get(s.id, 0),
        ]
        for s in config.sources
    ]
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    config = _load(args, missing_ok=True)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"error: {args.file}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    feeds = parse_opml(data, str(args.file))
    new_sources = feeds_to_sources(feeds, config.sources)
    skipped = len(feeds) - sum(len(s.feeds) for s in new_sources)
    for src in new_sources:
        print(
            f"{'would add' if args.dry_run else 'added'} {src.id}: {src.name} "
            f"({len(src.feeds)} feed{'s' if len(src.feeds) != 1 else ''})"
        )
    if not args.dry_run:
        append_sources(config.path or "sources.toml", new_sources)
        # Read the result back: what we wrote must load, or we say so now rather than at
        # the next crawl.
        load_config(config.path or "sources.toml")
    print(
        f"{len(feeds)} feed(s) in {args.file}: {len(new_sources)} new source(s), "
        f"{skipped} feed(s) already declared",
        file=sys.stderr,
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    config = _load(args)
    without_feeds = [s.id for s in config.sources if not s.feeds]
    if without_feeds:
        print(
            f"note: {len(without_feeds)} source(s) have no feed and are not in the OPML: "
            + ", ".join(without_feeds),
            file=sys.stderr,
        )
    data = sources_to_opml(config.sources)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0
