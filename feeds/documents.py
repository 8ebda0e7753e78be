"""Feed documents from the archive: the subscription document and RFC 5005 archive pages.

Entries are in archive order (the order newsdesk archived them), newest first. A feed's
archive pages are fixed slices of ``page_size`` entries counted from its oldest entry: page 1
holds entries 1 to ``page_size`` and never changes once complete, so readers and caches can
keep it. The subscription document holds the newest ``page_size`` entries and points at the
newest complete page with ``prev-archive``; it may share entries with that page (RFC 5005
section 4 lets a client see an entry twice and keep the newest copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from archive.feed_queries import (
    Connection,
    entry_records,
    newest_first_seen,
    selection_count,
    selection_ids,
)
from archive.timestamps import parse_text

from .entries import build_entry
from .model import Document, Entry, FeedSpec, Page

#: The updated time of a feed with no entry in an archive with no article at all.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedSettings:
    """What every document needs besides its entries."""

    base_url: str  # public URL ending in "/"
    page_size: int  # entries per document (Settings.feed_items)
    hub: str | None = None  # WebSub hub

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            raise ValueError(f"base_url {self.base_url!r} must end with /")
        if self.page_size <= 0:
            raise ValueError("page_size must be positive")


class EntryStore:
    """Entries built from archive rows, kept while the archive state they came from holds."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._entries: dict[int, Entry] = {}

    def get(self, conn: Connection, ids: Sequence[int]) -> list[Entry]:
        missing = [i for i in ids if i not in self._entries]
        for record in entry_records(conn, missing):
            self._entries[record.id] = build_entry(record, self.base_url)
        return [self._entries[i] for i in ids if i in self._entries]

    def discard(self, ids: Sequence[int]) -> None:
        for article_id in ids:
            self._entries.pop(article_id, None)

    def clear(self) -> None:
        self._entries.clear()


def archive_page_count(total: int, spec: FeedSpec, page_size: int) -> int:
    return total // page_size if spec.has_archive else 0


def empty_updated(conn: Connection) -> datetime:
    """A feed with no entry was last updated when the archive last grew (never "now")."""
    newest = newest_first_seen(conn)
    return parse_text(newest) if newest else EPOCH


def make_document(
    spec: FeedSpec,
    entries: Sequence[Entry],
    page: Page,
    settings: FeedSettings,
    fallback_updated: datetime,
) -> Document:
    """Feed-level ``updated`` is the newest entry's (RFC 4287 4.2.15), in UTC."""
    updated = max((e.updated for e in entries), default=fallback_updated).astimezone(UTC)
    return Document(spec, tuple(entries), updated, page, settings.base_url, settings.hub)


def page_ids(
    conn: Connection, spec: FeedSpec, number: int | None, page_size: int
) -> tuple[list[int], int] | None:
    """(entry ids newest first, archive pages) of one document; None if the page does not exist."""
    total = selection_count(conn, spec.selection)
    pages = archive_page_count(total, spec, page_size)
    if number is None:
        return selection_ids(conn, spec.selection, limit=page_size), pages
    if not 1 <= number <= pages:
        return None
    ids = selection_ids(
        conn, spec.selection, limit=page_size, offset=(number - 1) * page_size, newest_first=False
    )
    return ids[::-1], pages


def load_document(
    conn: Connection,
    spec: FeedSpec,
    number: int | None,
    settings: FeedSettings,
    store: EntryStore,
) -> Document | None:
    """The subscription document (``number`` None) or archive page ``number`` of a feed."""
    found = page_ids(conn, spec, number, settings.page_size)
    if found is None:
        return None
    ids, pages = found
    entries = store.get(conn, ids)
    fallback = empty_updated(conn) if not entries else EPOCH
    return make_document(spec, entries, Page(number, pages), settings, fallback)
