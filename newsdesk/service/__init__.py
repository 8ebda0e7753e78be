"""The service, ``newsdesk run``: scheduled crawls (APScheduler, one child process per
crawl), the feeds and the status over HTTP, and the embedded demo.

One concern per module: ``policy`` (when a source is due, backoff, outcomes: plain
functions), ``child`` (a crawl child process), ``scheduler`` (APScheduler jobs and the one
runner), ``store`` (the service's archive writes), ``lock`` (one scheduler per archive),
``status``, ``chart``, ``pages``, ``metrics`` and ``web`` (what the status shows and where),
``http`` (uvicorn in the service's loop), ``runner`` (start-up, signals, shutdown).
"""

from .errors import ServiceError
from .runner import ServiceOptions, run_service

__all__ = ["ServiceError", "ServiceOptions", "run_service"]
