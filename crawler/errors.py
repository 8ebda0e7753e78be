"""Turning a failed request into one recorded reason: a short kind for the run summary, a
sentence for the operator, the HTTP status if there was one, and any Retry-After."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer, error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from archive.timestamps import utcnow


@dataclass(frozen=True)
class FetchError:
    kind: str  # timeout, dns, connection, http, robots, too-large, redirect-loop, redirects...
    reason: str
    http_status: int | None = None
    retry_after_s: float | None = None

    @property
    def is_transient(self) -> bool:
        """Worth trying again later (the page may well be there next time)."""
        if self.kind == "http":
            return self.http_status is None or self.http_status >= 500 or self.http_status == 429
        return self.kind in ("timeout", "connection", "dns", "truncated", "bad-encoding", "other")


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - utcnow()).total_seconds(), 0.0)


def classify_failure(failure: Failure) -> FetchError:
    exc = failure.value
    if isinstance(exc, HttpError):
        response = exc.response
        retry = retry_after_seconds(response.headers.get(b"Retry-After"))
        return FetchError("http", f"HTTP {response.status}", response.status, retry)
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots.txt" in message.lower():
            return FetchError("robots", "disallowed by robots.txt")
        if "redirect" in message.lower():
            return _redirects(failure)
        if "maxsize" in message.lower() or "max size" in message.lower():
            return FetchError("too-large", message)
        return FetchError("ignored", message or "request ignored")
    if isinstance(exc, CannotResolveHostError | error.DNSLookupError):
        return FetchError("dns", "host name not found")
    if isinstance(
        exc, DownloadTimeoutError | defer.TimeoutError | error.TimeoutError | error.TCPTimedOutError
    ):
        return FetchError("timeout", str(exc) or "no answer in time")
    if isinstance(exc, DownloadCancelledError | defer.CancelledError):
        return FetchError("too-large", str(exc) or "download cancelled: over the size limit")
    if isinstance(exc, DownloadConnectionRefusedError | error.ConnectionRefusedError):
        return FetchError("connection", "connection refused")
    if isinstance(exc, ResponseDataLossError):
        return FetchError("truncated", str(exc) or "the response ended before its announced size")
    if isinstance(exc, DownloadFailedError):
        # Scrapy wraps Twisted's ResponseFailed, whose text is the repr of a list of failures.
        cause = exc.__cause__
        if not isinstance(cause, ResponseNeverReceived | ResponseFailed):
            return FetchError("connection", str(exc) or "download failed")
        exc = cause
    if isinstance(exc, ResponseNeverReceived | ResponseFailed):
        reasons = getattr(exc, "reasons", None) or []
        detail = "; ".join(str(r.value) for r in reasons if hasattr(r, "value"))
        if "size" in detail.lower() and "max" in detail.lower():
            return FetchError("too-large", detail)
        if "decompress" in detail.lower() or "gzip" in detail.lower():
            return FetchError("bad-encoding", detail)
        return FetchError("connection", f"connection lost: {detail or type(exc).__name__}")
    if isinstance(exc, error.ConnectionLost | error.ConnectionDone | error.ConnectError):
        return FetchError("connection", f"connection lost: {exc}")
    name = type(exc).__name__
    text = str(exc)
    if "decompress" in text.lower() or "gzip" in text.lower() or "zlib" in name.lower():
        return FetchError("bad-encoding", f"{name}: {text}")
    return FetchError("other", f"{name}: {text}"[:300])


def _redirects(failure: Failure) -> FetchError:
    """Too many redirects: a loop (a URL comes back) or a chain longer than we follow."""
    request = getattr(failure, "request", None)
    chain = [*request.meta.get("redirect_urls", ()), request.url] if request is not None else []
    for i, url in enumerate(chain):
        if url in chain[:i]:
            loop = " -> ".join(chain[chain.index(url) : i + 1])
            return FetchError("redirect-loop", f"redirect loop: {loop}"[:500])
    last = chain[-1] if chain else "?"
    return FetchError(
        "redirects", f"more than {max(len(chain) - 1, 1)} redirects (to {last})"[:500]
    )
