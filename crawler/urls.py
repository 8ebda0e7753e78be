"""URL canonicalization: one article, one URL, before any dedup decision.

``canonical_url`` is what we show and link to: tracking parameters (``utm_*``, ``fbclid``, ...),
fragments and default ports removed, scheme and host lower-cased, percent-encoding normalized.
``url_key`` is what dedup compares: the canonical URL without scheme or ``www.`` and with
sorted query parameters, so ``http://www.x.com/a?b=1&a=2`` and ``https://x.com/a?a=2&b=1``
are one article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

#: Query parameters that only say how a reader arrived, never which article it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "cmpid",
        "ocid",
        "ito",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "share",
        "smid",
        "sr_share",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "at_custom3",
        "at_custom4",
        "xtor",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


@lru_cache(maxsize=65_536)
def canonical_url(url: str, base: str | None = None) -> str:
    """The clean absolute URL of a page (see module docstring). Cached: a crawl asks about
    the same URLs many times (listings, requests, redirects, the writer)."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    url = safe_url_string(url)  # percent-encode what must be, IDNA hosts
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_param(k)
        ],
        doseq=True,
    )
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


@lru_cache(maxsize=65_536)
def url_key(url: str) -> str:
    """The dedup key of a URL: canonical, then scheme, ``www.`` and query order ignored."""
    canon = canonicalize_url(canonical_url(url))
    parts = urlsplit(canon)
    host = parts.netloc.removeprefix("www.")
    key = host + parts.path
    if parts.query:
        key += "?" + parts.query
    return key
