"""newsdesk: crawl news sources, archive articles in SQLite, publish RSS, Atom and JSON Feed.

The command line (:mod:`newsdesk.cli`) and the service tie together the three packages that do
the work: ``crawler`` (Scrapy, extraction, tagging), ``archive`` (the SQLite file) and
``feeds`` (feed rendering and HTTP).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
