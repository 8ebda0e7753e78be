"""``newsdesk``: one command, a verb per job.

Every verb has ``--help`` and takes ``--archive PATH``. ``main(argv)`` returns the exit code so
tests call it directly; ``run()`` is the console-script entry point. Results go to stdout,
logs and errors to stderr. Configuration precedence: defaults < sources.toml < ``NEWSDESK_*``
environment < flags; only this module reads the environment.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import import_module
from pathlib import Path

from archive.errors import ArchiveError

from .. import __version__

log = logging.getLogger(__name__)

#: Modules that register verbs, in the order ``--help`` lists them. Each defines
#: ``register(subparsers, common)``; heavy imports happen inside the handlers, so that
#: ``newsdesk --help`` stays fast.
COMMAND_MODULES = (
    "newsdesk.cli.query",
    "newsdesk.cli.sources",
    "newsdesk.cli.crawl",
    "newsdesk.cli.maintenance",
    "newsdesk.cli.extract",
    "newsdesk.cli.tagging",
    "newsdesk.cli.feeds",
    "newsdesk.cli.service",
    "newsdesk.cli.worker",
)

DEFAULT_ARCHIVE = "archive.db"
DEFAULT_SOURCES = "sources.toml"

Handler = Callable[[argparse.Namespace], int]


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--archive",
        metavar="PATH",
        help=f"archive file (default: $NEWSDESK_ARCHIVE or ./{DEFAULT_ARCHIVE})",
    )
    common.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)"
    )
    return common


def add_sources_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources",
        metavar="FILE",
        help=f"sources file (default: $NEWSDESK_SOURCES or ./{DEFAULT_SOURCES})",
    )


def sources_path(args: argparse.Namespace) -> Path:
    """The sources file: --sources, else $NEWSDESK_SOURCES, else ./sources.toml."""
    return Path(getattr(args, "sources", None) or DEFAULT_SOURCES)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Crawl news sources, archive articles in SQLite, publish RSS, Atom and "
        "JSON Feed.",
        epilog="Run 'newsdesk COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = common_options()
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers, common)
    return parser


def _resolve_paths(args: argparse.Namespace, env: Mapping[str, str]) -> None:
    if getattr(args, "archive", None) is None:
        args.archive = env.get("NEWSDESK_ARCHIVE") or DEFAULT_ARCHIVE
    if hasattr(args, "sources") and args.sources is None:
        args.sources = env.get("NEWSDESK_SOURCES") or None


def configure_logging(verbosity: int, env: Mapping[str, str]) -> None:
    level_name = env.get("NEWSDESK_LOG_LEVEL")
    if verbosity >= 2:
        level = logging.DEBUG
    elif verbosity == 1 or level_name is None:
        level = logging.INFO if verbosity else logging.WARNING
    else:
        level = getattr(logging, level_name.upper(), logging.INFO)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_newsdesk", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    if verbosity < 2:
        handler.addFilter(_quiet_libraries)
    handler._newsdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


#: Library loggers whose failures newsdesk records itself (fetch_errors, the run summary):
#: robots.txt fetches, and downloads cut short (data loss, over the size limit, a body that
#: inflates past it).
_RECORDED_ELSEWHERE = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.core.downloader.handlers.http11",
    "scrapy.downloadermiddlewares.httpcompression",
)


def _quiet_libraries(record: logging.LogRecord) -> bool:
    """Scrapy and Twisted set their own loggers to DEBUG; below -vv only their warnings
    reach the operator (our own INFO lines are the report)."""
    if record.name.startswith(_RECORDED_ELSEWHERE):
        return record.levelno >= logging.CRITICAL
    if record.name.split(".")[0] in ("scrapy", "twisted", "py"):
        return record.levelno >= logging.WARNING
    return True


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    parser = build_parser()
    args = parser.parse_args(argv)
    _resolve_paths(args, env)
    configure_logging(args.verbose, env)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ArchiveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `newsdesk sql ... | head`: the reader went away; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run() -> None:
    sys.exit(main())
