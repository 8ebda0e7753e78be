"""Date formats of the three feed formats; every datetime here is timezone-aware."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from archive.timestamps import require_aware


def rfc3339(value: datetime) -> str:
    """Atom and JSON Feed: ``2013-05-19T20:31:00+03:00``, ``Z`` for UTC."""
    text = require_aware(value).replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rfc822(value: datetime) -> str:
    """RSS 2.0: ``Sun, 19 May 2013 20:31:00 +0300`` (RFC 822 with a four-digit year)."""
    return format_datetime(require_aware(value).replace(microsecond=0))


def http_date(value: datetime) -> str:
    """HTTP: ``Sun, 19 May 2013 17:31:00 GMT`` (RFC 9110 5.6.7)."""
    return format_datetime(require_aware(value).astimezone(UTC).replace(microsecond=0), usegmt=True)
