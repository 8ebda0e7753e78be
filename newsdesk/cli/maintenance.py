"""``newsdesk migrate``: create the archive or bring its schema up to date."""

from __future__ import annotations

import argparse
from typing import Any

from archive.db import migrate_archive
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
    before, after = migrate_archive(args.archive)
    new = [name for name in after if name not in before]
    if args.list:
        for name in code_migration_names():
            print(f"{name}  {'applied now' if name in new else 'applied'}")
    elif new:
        print(f"{args.archive}: applied {len(new)} migration(s): {', '.join(new)}")
    else:
        print(f"{args.archive}: schema up to date ({len(after)} migrations, latest {after[-1]})")
    return 0
