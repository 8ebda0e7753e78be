"""What the crawler asks the archive while it runs: is this article known, what did this feed
answer last time. Called on the writer's connection, so a crawl sees its own uncommitted batch.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .models import FetchState


@dataclass(frozen=True)
class KnownArticle:
    article_id: int
    modified: str | None  # UTC text
    fetched_at: str
    published: str | None
    content_hash: str


def known_article(conn: sqlite3.Connection, url_key: str) -> KnownArticle | None:
    row = conn.execute(
        """
        SELECT a.id, a.modified, a.fetched_at, a.published, a.content_hash
        FROM article_urls u JOIN articles a ON a.id = u.article_id
        WHERE u.url_key = ?
        """,
        [url_key],
    ).fetchone()
    return KnownArticle(*row) if row else None


def add_url_keys(conn: sqlite3.Connection, article_id: int, url_keys: Iterable[str]) -> None:
    """Remember more keys for an article (first owner wins: a key never moves)."""
    conn.executemany(
        "INSERT OR IGNORE INTO article_urls (url_key, article_id) VALUES (?, ?)",
        [(key, article_id) for key in dict.fromkeys(url_keys)],
    )


def same_content_elsewhere(
    conn: sqlite3.Connection, source_id: str, content_hash: str, url_key: str
) -> int | None:
    """An article of the same source with exactly this content under another URL."""
    row = conn.execute(
        # Without INDEXED BY the planner picks the source_id index and scans a whole source.
        "SELECT id FROM articles INDEXED BY articles_content_hash "
        "WHERE content_hash = ? AND source_id = ? AND url_key != ? LIMIT 1",
        [content_hash, source_id, url_key],
    ).fetchone()
    return row[0] if row else None


def get_fetch_state(conn: sqlite3.Connection, url: str) -> FetchState | None:
    row = conn.execute(
        "SELECT url, source_id, kind, etag, last_modified, last_status, last_fetched_at, "
        "last_success_at, consecutive_errors, last_error, next_due_at "
        "FROM source_urls WHERE url = ?",
        [url],
    ).fetchone()
    return FetchState(*row) if row else None


def source_urls(conn: sqlite3.Connection, source_id: str, kind: str) -> list[str]:
    rows = conn.execute(
        "SELECT url FROM source_urls WHERE source_id = ? AND kind = ? ORDER BY url",
        [source_id, kind],
    )
    return [url for (url,) in rows]


@dataclass(frozen=True)
class CachedRobots:
    url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None


def get_robots(conn: sqlite3.Connection, url: str) -> CachedRobots | None:
    row = conn.execute(
        "SELECT url, status, body, etag, last_modified FROM robots_txt WHERE url = ?", [url]
    ).fetchone()
    return CachedRobots(*row) if row else None


def save_robots(conn: sqlite3.Connection, robots: CachedRobots, fetched_at: str) -> None:
    conn.execute(
        "INSERT INTO robots_txt (url, status, body, etag, last_modified, fetched_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET status = excluded.status, "
        "body = excluded.body, etag = excluded.etag, last_modified = excluded.last_modified, "
        "fetched_at = excluded.fetched_at",
        [robots.url, robots.status, robots.body, robots.etag, robots.last_modified, fetched_at],
    )


def skipped_at(conn: sqlite3.Connection, url_key: str) -> str | None:
    """When a page was found not to be an article, if it was (UTC text)."""
    row = conn.execute("SELECT at FROM skipped_urls WHERE url_key = ?", [url_key]).fetchone()
    return row[0] if row else None


def remember_skipped(conn: sqlite3.Connection, url_key: str, reason: str, at: str) -> None:
    conn.execute(
        "INSERT INTO skipped_urls (url_key, reason, at) VALUES (?, ?, ?) "
        "ON CONFLICT (url_key) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        [url_key, reason, at],
    )


@dataclass(frozen=True)
class StoredPage:
    article_id: int
    source_id: str
    url: str
    html: bytes
    fetched_at: str
    http_status: int
    content_type: str | None


def raw_page_ids(conn: sqlite3.Connection, source_ids: Iterable[str] = ()) -> list[int]:
    """Articles whose downloaded HTML is still kept, oldest first."""
    wanted = list(source_ids)
    where = f"WHERE a.source_id IN ({', '.join('?' for _ in wanted)})" if wanted else ""
    rows = conn.execute(
        f"SELECT r.article_id FROM raw_pages r JOIN articles a ON a.id = r.article_id {where} "
        "ORDER BY r.article_id",
        wanted,
    )
    return [article_id for (article_id,) in rows]


def stored_page(conn: sqlite3.Connection, article_id: int) -> StoredPage:
    import zlib

    row = conn.execute(
        "SELECT r.article_id, a.source_id, r.url, r.compression, r.html, r.fetched_at, "
        "r.http_status, r.content_type FROM raw_pages r JOIN articles a ON a.id = r.article_id "
        "WHERE r.article_id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise KeyError(f"no stored page for article {article_id}")
    article_id, source_id, url, compression, blob, fetched_at, status, content_type = row
    if compression != "zlib":
        raise ValueError(f"unknown compression {compression!r} for article {article_id}")
    return StoredPage(
        article_id, source_id, url, zlib.decompress(blob), fetched_at, status, content_type
    )


def source_hint_rows(
    conn: sqlite3.Connection,
) -> list[tuple[str, str | None, str | None, str, str | None]]:
    """(id, language, country, topics JSON, timezone) of every source."""
    return conn.execute(
        "SELECT id, language, country, topics, json_extract(config, '$.timezone') FROM sources"
    ).fetchall()
