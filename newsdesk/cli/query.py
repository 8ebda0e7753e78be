"""Verbs that read the archive: ``sql``, ``search``, ``stats``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive import ensure_archive, open_reader
from archive.queries import SEARCH_WINDOW, ArticleFilter, search, stats, time_bound
from archive.readonly import DEFAULT_MAX_ROWS, DEFAULT_TIME_LIMIT_S, run_query

from ..output import FORMATS, write_rows


def _add_format(parser: argparse.ArgumentParser, default: str = "table") -> None:
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=default,
        help=f"output format (default: {default})",
    )


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "sql",
        parents=[common],
        help="run read-only SQL against the archive",
        description="Run one read-only SQL statement (SELECT, WITH, EXPLAIN, read-only PRAGMAs). "
        "Writes, ATTACH, load_extension and writing PRAGMAs are refused before anything runs.",
    )
    p.add_argument("query", help='SQL, e.g. "select count(*) from articles_view"')
    p.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        default=[],
        help="bind :NAME to VALUE (repeatable)",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT_S,
        metavar="SECONDS",
        help=f"stop the query after this long (default: {DEFAULT_TIME_LIMIT_S:g})",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=DEFAULT_MAX_ROWS,
        help=f"return at most this many rows (default: {DEFAULT_MAX_ROWS})",
    )
    _add_format(p)
    p.set_defaults(handler=cmd_sql)

    p = subparsers.add_parser(
        "search",
        parents=[common],
        help="full-text search, ranked, with snippets",
        description="Full-text search over titles, standfirsts and bodies (FTS5, ranked with "
        'bm25; the headline weighs most). Words are AND-ed; use "quotes" for a phrase, '
        "word* for a prefix, OR between alternatives.",
    )
    p.add_argument("terms", nargs="+", help="search terms")
    p.add_argument("--topic", help="only this topic slug, e.g. conflict-war-peace")
    p.add_argument("--region", help="only this country code (sy) or world region (middle-east)")
    p.add_argument("--source", help="only this source id")
    p.add_argument("--since", help="published on or after (YYYY-MM-DD or ISO 8601 with zone)")
    p.add_argument("--until", help="published on or before (YYYY-MM-DD or ISO 8601 with zone)")
    p.add_argument("--limit", type=int, default=20, help="at most this many results (default: 20)")
    p.add_argument(
        "--all",
        action="store_true",
        help=f"rank every match (default: the {SEARCH_WINDOW:,} newest matches, which keeps "
        "a common word fast on a large archive)",
    )
    _add_format(p)
    p.set_defaults(handler=cmd_search)

    p = subparsers.add_parser(
        "stats",
        parents=[common],
        help="article counts by source, topic, region and day",
        description="Article counts by source, topic, primary region and publication day.",
    )
    p.add_argument("--days", type=int, default=14, help="days to list, back from the newest (14)")
    _add_format(p)
    p.set_defaults(handler=cmd_stats)


def cmd_sql(args: argparse.Namespace) -> int:
    ensure_archive(args.archive)
    conn = open_reader(args.archive)
    try:
        result = run_query(
            conn,
            args.query,
            dict(args.param),
            time_limit_s=args.time_limit,
            max_rows=args.max_rows,
        )
    finally:
        conn.close()
    write_rows(result.columns, result.rows, args.format, sys.stdout)
    if result.truncated:
        print(f"note: stopped at {args.max_rows} rows (--max-rows)", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    try:
        filters = ArticleFilter(
            topic=args.topic,
            region=args.region,
            source=args.source,
            since=time_bound(args.since),
            until=time_bound(args.until, end=True),
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    ensure_archive(args.archive)
    conn = open_reader(args.archive)
    try:
        results = search(
            conn,
            " ".join(args.terms),
            filters,
            limit=args.limit,
            window=None if args.all else SEARCH_WINDOW,
        )
    finally:
        conn.close()
    if args.format == "table":
        columns = ["published", "source", "title", "snippet"]
        rows = [
            [(r["published"] or "")[:16], r["source"], r["title"], r["snippet"]] for r in results
        ]
        write_rows(columns, rows, "table", sys.stdout, max_width=70)
        print(f"{len(results)} result(s)", file=sys.stderr)
    else:
        columns = list(results[0]) if results else ["id"]
        write_rows(columns, [list(r.values()) for r in results], args.format, sys.stdout)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    ensure_archive(args.archive)
    conn = open_reader(args.archive)
    try:
        tables = stats(conn, days=args.days)
    finally:
        conn.close()
    if args.format in ("json", "jsonl"):
        import json

        if args.format == "json":
            print(json.dumps(tables, ensure_ascii=False, indent=2))
        else:
            for name, rows in tables.items():
                for row in rows:
                    print(json.dumps({"table": name, **row}, ensure_ascii=False))
        return 0
    for name, rows in tables.items():
        if args.format == "table":
            print(f"\n{name}:")
        columns = list(rows[0]) if rows else [name]
        if args.format == "csv":
            columns = ["table", *columns]
            write_rows(columns, [[name, *r.values()] for r in rows], "csv", sys.stdout)
        else:
            write_rows(columns, [list(r.values()) for r in rows], "table", sys.stdout)
    return 0
