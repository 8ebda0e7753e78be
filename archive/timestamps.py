"""Timestamps as the archive stores them: timezone-aware inside, ISO 8601 text in SQLite.

A naive datetime is a bug, so every function here rejects one instead of guessing a zone.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def require_aware(value: datetime, what: str = "datetime") -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} is naive ({value.isoformat()}): give it a time zone")
    return value


def to_utc_text(value: datetime) -> str:
    """``2013-05-19T17:31:00Z``: sortable, comparable as text, what SQL sees."""
    value = require_aware(value).astimezone(UTC)
    if value.microsecond:
        value = value.replace(microsecond=0)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_local_text(value: datetime) -> str:
    """ISO 8601 with the offset the publisher stated, e.g. ``2013-05-19T20:31:00+03:00``."""
    return require_aware(value).replace(microsecond=0).isoformat()


def parse_text(text: str) -> datetime:
    """Inverse of :func:`to_utc_text` / :func:`to_local_text` (accepts a trailing ``Z``)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return require_aware(value, f"timestamp {text!r}")
