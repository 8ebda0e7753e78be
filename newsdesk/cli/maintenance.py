"""``newsdesk migrate``: create the archive or bring its schema up to date."""

from __future__ import annotations

import argparse
from typing import Any

from archive.db import applied_migrations, open_archive
from archive.schema import code_migration_names


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "migrate",
        parents=[common],
        help="create the archive or apply pending schema migrations",
        description="Create the archive if needed and apply the schema migrations it lacks. "
        "Writers (crawl, run) do this on open; run it by hand after an upgrade to see what "
        "changed.",
    )
    p.add_argument("--list", action="store_true", help="list the migrations and whether applied")
    p.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    import sqlite3
    from pathlib import Path

    path = Path(args.archive)
    before: list[str] = []
    if path.exists():
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            before = applied_migrations(conn)
        finally:
            conn.close()
    archive = open_archive(path)
    try:
        after = archive.schema_version()
    finally:
        archive.close()
    new = [name for name in after if name not in before]
    if args.list:
        for name in code_migration_names():
            mark = "applied now" if name in new else "applied"
            print(f"{name}  {mark}")
    elif new:
        print(f"{path}: applied {len(new)} migration(s): {', '.join(new)}")
    else:
        print(f"{path}: schema up to date ({len(after)} migrations, latest {after[-1]})")
    return 0
