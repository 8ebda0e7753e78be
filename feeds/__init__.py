"""Feeds: RSS 2.0, Atom and JSON Feed from the archive, served over HTTP or published as files.

It reads the archive through :mod:`archive` only, and never imports :mod:`crawler`.

One concern per module: ``catalog`` (which feeds exist, their URLs), ``documents`` (entries
and RFC 5005 pages from the archive), ``entries`` (archive row -> entry), ``sanitize`` (nh3),
``rss``/``atom``/``jsonfeed`` (formats), ``render`` (formats from cached entry fragments),
``pages`` and ``opml`` (HTML index, search page, OPML), ``http`` (ETag, 304, gzip),
``service`` and ``app`` (the ASGI server), ``serve`` (uvicorn), ``publish`` (static files),
``websub`` (hub pings).
"""

from .app import FeedApp, Request, create_app
from .documents import FeedSettings
from .http import Response
from .publish import PublishReport, publish
from .serve import serve, server

__all__ = [
    "FeedApp",
    "FeedSettings",
    "PublishReport",
    "Request",
    "Response",
    "create_app",
    "publish",
    "serve",
    "server",
]
