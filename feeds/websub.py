"""WebSub (W3C Recommendation, 2018): tell the hub that feeds changed, so it fetches them
and pushes the news to subscribers. Feeds advertise the hub with ``rel="hub"`` links."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urlencode

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0


def ping(hub: str, urls: Sequence[str], *, timeout_s: float = TIMEOUT_S) -> list[str]:
    """POST ``hub.mode=publish`` for each URL; returns the URLs the hub did not accept.

    A hub that is down must not stop publishing: failures are logged, not raised.
    """
    failed = []
    for url in urls:
        body = urlencode({"hub.mode": "publish", "hub.url": url}).encode()
        request = urllib.request.Request(
            hub,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                status = response.status
        except (urllib.error.URLError, OSError) as exc:
            log.warning("WebSub hub %s: ping for %s failed: %s", hub, url, exc)
            failed.append(url)
            continue
        if status >= 300:
            log.warning("WebSub hub %s answered %d for %s", hub, status, url)
            failed.append(url)
    return failed
