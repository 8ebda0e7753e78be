"""Read queries for the feeds: which articles a feed holds, their entry data, what changed.

A feed is a :class:`Selection` (all articles, or by topic, region, source, search terms, or a
mix). Its entries are articles in archive order (``articles.id``, the order newsdesk archived
them), one per story: an article whose story has another representative is left out, and the
representative lists the other outlets (:attr:`EntryRecord.also`).

Every function takes a reader connection (:func:`archive.db.open_reader`). Each query drives
from the narrowest index (labels, source, full-text) so a feed of a 100,000-article archive
costs a range scan of its own entries, never a scan of the archive.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .queries import fts_query

#: What the feeds hold to read the archive (they never import sqlite3 themselves).
Connection = sqlite3.Connection

#: An article is an entry unless its story names another article as representative.
IS_ENTRY = (
    "(a.story_id IS NULL OR NOT EXISTS (SELECT 1 FROM stories st WHERE st.id = a.story_id "
    "AND st.representative_id IS NOT NULL AND st.representative_id != a.id))"
)

#: Only the start of a body is needed for a summary when the full text is not published.
SUMMARY_BODY_CHARS = 4000


def region_kind(value: str) -> str:
    """Country codes are two letters (labels kind ``region``); world regions are slugs."""
    return "region" if len(value) == 2 else "world_region"


def region_value(value: str) -> str:
    """``sy`` (as in URLs) -> ``SY`` (as stored); world-region slugs are stored as they are."""
    return value.upper() if len(value) == 2 else value.lower()


@dataclass(frozen=True)
class Selection:
    """Which articles a feed holds. Empty means all of them."""

    q: str | None = None
    topic: str | None = None
    region: str | None = None  # country code (any case) or world-region slug
    source: str | None = None

    def _sql(self) -> tuple[str, str, dict[str, Any]]:
        """FROM clause, WHERE clause and parameters; the FROM drives from the best index."""
        params: dict[str, Any] = {}
        clauses = [IS_ENTRY]
        labels = []
        if self.topic:
            labels.append(("topic", self.topic))
        if self.region:
            labels.append((region_kind(self.region), region_value(self.region)))
        source = "a.source_id = :source"
        if self.source:
            params["source"] = self.source
        if self.q:
            params["match"] = fts_query(self.q) or '""'
            clauses.append(
                "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match)"
            )
        for i, (kind, value) in enumerate(labels):
            params[f"kind{i}"], params[f"value{i}"] = kind, value
            if i == 0 and not self.q:
                continue
            clauses.append(
                f"EXISTS (SELECT 1 FROM labels l{i} WHERE l{i}.article_id = a.id "
                f"AND l{i}.kind = :kind{i} AND l{i}.value = :value{i})"
            )
        if labels and not self.q:
            table = (
                "labels l0 JOIN articles a ON a.id = l0.article_id "
                "AND l0.kind = :kind0 AND l0.value = :value0"
            )
            if self.source:
                clauses.append(source)
            return table, " AND ".join(clauses), params
        if self.source:
            clauses.append(source)
        return "articles a", " AND ".join(clauses), params

    def _order_column(self) -> str:
        # With labels driving, order by the index column so no sort is needed.
        return "l0.article_id" if (self.topic or self.region) and not self.q else "a.id"


def selection_ids(
    conn: sqlite3.Connection,
    selection: Selection,
    *,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = True,
) -> list[int]:
    """Entry article ids of a feed in archive order (newest first unless told otherwise)."""
    table, where, params = selection._sql()
    order = f"{selection._order_column()} {'DESC' if newest_first else 'ASC'}"
    sql = f"SELECT a.id FROM {table} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    return [row[0] for row in conn.execute(sql, params)]


def selection_count(conn: sqlite3.Connection, selection: Selection) -> int:
    table, where, params = selection._sql()
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0])


def explain(conn: sqlite3.Connection, selection: Selection, *, limit: int = 50) -> list[str]:
    """The query plan of :func:`selection_ids`, one line per step (for tests and tuning)."""
    table, where, params = selection._sql()
    sql = (
        f"EXPLAIN QUERY PLAN SELECT a.id FROM {table} WHERE {where} "
        f"ORDER BY {selection._order_column()} DESC LIMIT {int(limit)}"
    )
    return [row[3] for row in conn.execute(sql, params)]


# -- entry data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageRecord:
    url: str
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class OutletRecord:
    """Another outlet's copy of the same story."""

    source_id: str
    source_name: str
    url: str
    title: str


@dataclass(frozen=True)
class EntryRecord:
    """Everything a feed entry shows about one article, as stored."""

    id: int
    guid: str
    url: str
    canonical_url: str
    title: str
    subtitle: str | None
    body: str  # the whole body when the source allows full text, else its start
    language: str | None
    published: str | None  # UTC text
    published_local: str | None  # with the publisher's offset
    modified: str | None  # UTC text
    first_seen: str  # UTC text
    revised_at: str | None  # UTC text: when the newest content change was archived
    story_id: int | None
    source_id: str
    source_name: str
    source_url: str
    source_language: str | None
    full_text: bool
    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, primary first
    world_regions: tuple[str, ...] = ()
    images: tuple[ImageRecord, ...] = ()
    also: tuple[OutletRecord, ...] = ()


_ENTRY_FIELDS = (
    "id", "guid", "url", "canonical_url", "title", "subtitle", "body", "language", "published",
    "published_local", "modified", "first_seen", "revised_at", "story_id", "source_id",
    "source_name", "source_url", "source_language",
)  # fmt: skip
_ENTRY_SQL = f"""
    SELECT a.id, a.guid, a.url, a.canonical_url, a.title, a.subtitle,
           CASE WHEN s.full_text THEN a.body ELSE substr(a.body, 1, {SUMMARY_BODY_CHARS}) END,
           a.language, a.published, a.published_local, a.modified, a.first_seen,
           (SELECT max(r.replaced_at) FROM revisions r WHERE r.article_id = a.id),
           a.story_id, a.source_id, s.name, s.url, s.language, s.full_text
    FROM articles a JOIN sources s ON s.id = a.source_id
    WHERE a.id IN (SELECT value FROM json_each(:ids))
"""

_CHILD_SQL = {
    "authors": """
        SELECT aa.article_id, au.name FROM article_authors aa
        JOIN authors au ON au.id = aa.author_id
        WHERE aa.article_id IN (SELECT value FROM json_each(:ids))
        ORDER BY aa.article_id, aa.position
    """,
    "agencies": """
        SELECT ag2.article_id, ag.name FROM article_agencies ag2
        JOIN agencies ag ON ag.id = ag2.agency_id
        WHERE ag2.article_id IN (SELECT value FROM json_each(:ids))
        ORDER BY ag2.article_id, ag2.position
    """,
    "labels": """
        SELECT article_id, kind, value FROM labels
        WHERE article_id IN (SELECT value FROM json_each(:ids))
        ORDER BY article_id, kind, rank, score DESC, value
    """,
    "images": """
        SELECT article_id, url, caption, credit FROM images
        WHERE article_id IN (SELECT value FROM json_each(:ids))
        ORDER BY article_id, position
    """,
    "also": """
        SELECT r.id, o.source_id, s.name, o.url, o.title
        FROM articles r
        JOIN articles o ON o.story_id = r.story_id AND o.id != r.id
        JOIN sources s ON s.id = o.source_id
        WHERE r.id IN (SELECT value FROM json_each(:ids)) AND r.story_id IS NOT NULL
        ORDER BY r.id, o.id
    """,
}


def _grouped(conn: sqlite3.Connection, sql: str, ids_json: str) -> dict[int, list[tuple[Any, ...]]]:
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in conn.execute(sql, {"ids": ids_json}):
        groups[row[0]].append(row[1:])
    return groups


def entry_records(conn: sqlite3.Connection, ids: Sequence[int]) -> list[EntryRecord]:
    """The entries of these articles, in the order given (unknown ids are skipped)."""
    if not ids:
        return []
    ids_json = json.dumps(list(ids))
    rows = {row[0]: row for row in conn.execute(_ENTRY_SQL, {"ids": ids_json})}
    children = {name: _grouped(conn, sql, ids_json) for name, sql in _CHILD_SQL.items()}
    records = []
    for article_id in ids:
        row = rows.get(article_id)
        if row is None:
            continue
        labels = children["labels"].get(article_id, [])
        records.append(
            EntryRecord(
                **dict(zip(_ENTRY_FIELDS, row[:18], strict=True)),
                full_text=bool(row[18]),
                authors=tuple(r[0] for r in children["authors"].get(article_id, [])),
                agencies=tuple(r[0] for r in children["agencies"].get(article_id, [])),
                topics=tuple(v for k, v in labels if k == "topic"),
                regions=tuple(v for k, v in labels if k == "region"),
                world_regions=tuple(v for k, v in labels if k == "world_region"),
                images=tuple(ImageRecord(*r) for r in children["images"].get(article_id, [])),
                also=tuple(OutletRecord(*r) for r in children["also"].get(article_id, [])),
            )
        )
    return records


# -- what feeds exist, what changed ----------------------------------------------------------


@dataclass(frozen=True)
class SourceRecord:
    id: str
    name: str
    url: str
    language: str | None
    enabled: bool


def sources(conn: sqlite3.Connection) -> list[SourceRecord]:
    rows = conn.execute("SELECT id, name, url, language, enabled FROM sources ORDER BY id")
    return [SourceRecord(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def label_values(conn: sqlite3.Connection, kind: str) -> list[str]:
    """Distinct label values of one kind, sorted (skips the index's article ids)."""
    rows = conn.execute(
        "SELECT DISTINCT value FROM labels WHERE kind = ? ORDER BY value", [kind]
    ).fetchall()
    return [r[0] for r in rows]


def feed_state(conn: sqlite3.Connection) -> int:
    """The newest feed stamp: it grows whenever any feed entry may have changed."""
    return int(conn.execute("SELECT ifnull(max(seq), 0) FROM feed_stamps").fetchone()[0])


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's counter of commits by other connections: a cheap "did anything change?"."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def changed_since(conn: sqlite3.Connection, seq: int) -> set[int]:
    """Articles whose feed entry may have changed after stamp ``seq``."""
    rows = conn.execute("SELECT article_id FROM feed_stamps WHERE seq > ?", [seq])
    return {r[0] for r in rows}


def newest_first_seen(conn: sqlite3.Connection) -> str | None:
    """When the archive last grew (UTC text), or None if it has no article."""
    row = conn.execute("SELECT max(first_seen) FROM articles").fetchone()
    return row[0] if row else None


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction, so that counts, ids and rows all see the same archive state
    (WAL keeps it while the crawler commits)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")
