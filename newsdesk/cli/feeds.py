"""Verbs that publish the feeds: ``serve`` (HTTP) and ``publish`` (static files)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive import ensure_archive, load_config
from archive.errors import ConfigError
from archive.sources import Config

from . import add_sources_option, sources_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "serve",
        parents=[common],
        help="serve the feeds over HTTP (RSS, Atom, JSON Feed, OPML, search, read-only SQL)",
        description="Serve every feed over HTTP with ETag/Last-Modified, 304s and gzip, plus an "
        "HTML index with autodiscovery links, /feeds.opml, /search, /sql?q= (read-only) and "
        "/healthz. Readers never block the crawler (WAL).",
    )
    add_sources_option(p)
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST})"
    )
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to bind (default: {DEFAULT_PORT})"
    )
    _add_base_url(p, "default: [settings] base_url, else http://HOST:PORT/")
    p.set_defaults(handler=cmd_serve)

    p = subparsers.add_parser(
        "publish",
        parents=[common],
        help="write the feeds as static files (only those that changed)",
        description="Write every feed, feeds.opml and index.html under DIR, with the same "
        "paths as newsdesk serve (with --archives, also the RFC 5005 archive pages, and the "
        "same bytes). A later run rewrites only the documents whose entries changed "
        "(DIR/.newsdesk-publish.json remembers).",
    )
    add_sources_option(p)
    p.add_argument("--out", required=True, metavar="DIR", help="output directory")
    _add_base_url(p, "required here or as [settings] base_url")
    p.add_argument("--full", action="store_true", help="rebuild every document")
    p.add_argument(
        "--archives",
        action="store_true",
        help="also write every feed's RFC 5005 archive pages (a copy of the archive per feed: "
        "large) and link the feeds to them",
    )
    p.set_defaults(handler=cmd_publish)


def _add_base_url(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help=f"public URL of the feeds, for self links ({default})",
    )


def _config(args: argparse.Namespace) -> Config:
    """The sources file if there is one; with none (and none asked for), the defaults."""
    path = sources_path(args)
    if args.sources is None and not path.exists():
        return Config(path=None)
    return load_config(path)


def _base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def _settings(config: Config, base_url: str) -> Any:
    from feeds.documents import FeedSettings

    return FeedSettings(
        base_url=_base_url(base_url),
        page_size=config.settings.feed_items,
        hub=config.settings.websub_hub,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from feeds.app import create_app
    from feeds.serve import serve

    config = _config(args)
    host = "localhost" if args.host in ("0.0.0.0", "::") else args.host
    base_url = args.base_url or config.settings.base_url or f"http://{host}:{args.port}/"
    ensure_archive(args.archive)
    app = create_app(args.archive, config, _settings(config, base_url))
    print(f"serving {args.archive} at {_base_url(base_url)}", file=sys.stderr)
    serve(app, args.host, args.port, access_log=args.verbose > 0)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from feeds.publish import publish

    config = _config(args)
    base_url = args.base_url or config.settings.base_url
    if not base_url:
        raise ConfigError(
            "publish needs the public URL of the files for self links: "
            "give --base-url or set base_url in [settings]"
        )
    ensure_archive(args.archive)
    report = publish(
        args.archive,
        config,
        _settings(config, base_url),
        args.out,
        full=args.full,
        archives=args.archives,
    )
    print(report.summary())
    return 0
