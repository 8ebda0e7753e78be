"""HTTP for cacheable documents: ETag, Last-Modified, 304s, gzip, Cache-Control.

A :class:`Cached` response is built once per document version (both the identity and the
gzip bodies, each with its own strong ETag, RFC 9110 8.8.3) and then answered many times
with no work beyond comparing validators.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .dates import http_date

FEED_CACHE_CONTROL = "public, max-age=300"
#: Bodies smaller than this are sent as they are: gzip would save nothing worth the CPU.
GZIP_MIN_BYTES = 512
GZIP_LEVEL = 6

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    headers: Headers = field(default_factory=list)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def gzip_bytes(body: bytes) -> bytes:
    """gzip with no timestamp and no file name, so the same body always gives the same bytes."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def accepts_gzip(accept_encoding: str) -> bool:
    """True unless the client did not list gzip or refused it with q=0."""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if "q=" in params else "1"
            try:
                return float(q) > 0
            except ValueError:
                return True
    return False


def _opaque(tag: str) -> str:
    """Weak comparison (RFC 9110 13.1.2): ignore W/ and our -gzip suffix."""
    tag = tag.strip()
    tag = tag.removeprefix("W/")
    return tag.replace('-gzip"', '"')


@dataclass(frozen=True)
class Cached:
    """One document version, ready to answer GET, HEAD and conditional requests."""

    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: datetime | None
    content_type: str
    cache_control: str

    @classmethod
    def build(
        cls,
        body: bytes,
        content_type: str,
        *,
        last_modified: datetime | None = None,
        cache_control: str = FEED_CACHE_CONTROL,
    ) -> Cached:
        gzipped = gzip_bytes(body) if len(body) >= GZIP_MIN_BYTES else None
        return cls(body, gzipped, etag_of(body), last_modified, content_type, cache_control)

    def _headers(self, etag: str, length: int, gzipped: bool) -> Headers:
        headers = [
            (b"content-type", self.content_type.encode()),
            (b"etag", etag.encode()),
            (b"cache-control", self.cache_control.encode()),
            (b"vary", b"Accept-Encoding"),
        ]
        if self.last_modified is not None:
            headers.append((b"last-modified", http_date(self.last_modified).encode()))
        if gzipped:
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(length).encode()))
        return headers

    def is_fresh(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """RFC 9110 13.2.2: If-None-Match wins; If-Modified-Since only without it."""
        if if_none_match is not None:
            if if_none_match.strip() == "*":
                return True
            mine = _opaque(self.etag)
            return any(_opaque(t) == mine for t in if_none_match.split(","))
        if if_modified_since and self.last_modified is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return self.last_modified.replace(microsecond=0) <= since
        return False

    def respond(self, request_headers: Mapping[str, str], *, head: bool = False) -> Response:
        use_gzip = self.gzipped is not None and accepts_gzip(
            request_headers.get("accept-encoding", "")
        )
        etag = self.etag[:-1] + '-gzip"' if use_gzip else self.etag
        if self.is_fresh(
            request_headers.get("if-none-match"), request_headers.get("if-modified-since")
        ):
            headers = [h for h in self._headers(etag, 0, False) if h[0] != b"content-length"]
            return Response(304, b"", [h for h in headers if h[0] != b"content-type"])
        body = self.gzipped if use_gzip and self.gzipped is not None else self.body
        return Response(200, b"" if head else body, self._headers(etag, len(body), use_gzip))


def plain(status: int, text: str) -> Response:
    body = (text + "\n").encode()
    return Response(
        status,
        body,
        [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"content-length", str(len(body)).encode()),
        ],
    )


def uncached(status: int, body: bytes, content_type: str) -> Response:
    return Response(
        status,
        body,
        [
            (b"content-type", content_type.encode()),
            (b"cache-control", b"no-cache"),
            (b"content-length", str(len(body)).encode()),
        ],
    )
