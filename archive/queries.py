"""Read queries shared by the CLI and the feeds: search and statistics.

All of them take a reader connection (:func:`archive.db.open_reader`) and return plain rows.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .timestamps import to_utc_text

#: bm25 weights for title, subtitle and body: a word in the headline counts ten times.
BM25_WEIGHTS = (10.0, 5.0, 1.0)
_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"[^"]*"|\S+')


def fts_query(terms: str) -> str:
    """Turn what a person types into a safe FTS5 query.

    Words are quoted (so ``don't``, ``U.S.`` or ``C++`` never raise a syntax error), quoted
    phrases stay phrases, ``word*`` is a prefix search, and upper-case AND/OR/NOT stay
    operators. Everything else is implicitly AND-ed, as in a search box.
    """
    parts: list[str] = []
    for token in _TOKEN.findall(terms):
        if token in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(token)
            continue
        prefix = token.endswith("*") and len(token) > 1
        word = token[:-1] if prefix else token
        word = word.strip('"').replace('"', '""')
        if not word.strip():
            continue
        parts.append(f'"{word}"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts)


def time_bound(text: str | None, *, end: bool = False) -> str | None:
    """``2024-05-03`` or any ISO 8601 time -> the archive's UTC text.

    A bare date as an end bound means the end of that day (so ``--until 2024-05-03``
    includes the 3rd).
    """
    if text is None:
        return None
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = date.fromisoformat(text) + timedelta(days=1 if end else 0)
        return f"{day.isoformat()}T00:00:00Z"
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone: add Z or an offset such as +02:00")
    return to_utc_text(value)


@dataclass(frozen=True)
class ArticleFilter:
    """Restrictions shared by search and feeds. ``region`` is a country code or a world region."""

    topic: str | None = None
    region: str | None = None
    source: str | None = None
    since: str | None = None  # UTC text, inclusive
    until: str | None = None  # UTC text, exclusive

    def where(self, alias: str = "a") -> tuple[str, dict[str, Any]]:
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if self.topic:
            clauses.append(
                f"EXISTS (SELECT 1 FROM labels l WHERE l.article_id = {alias}.id "
                "AND l.kind = 'topic' AND l.value = :topic)"
            )
            params["topic"] = self.topic
        if self.region:
            clauses.append(
                f"EXISTS (SELECT 1 FROM labels l WHERE l.article_id = {alias}.id "
                "AND l.kind IN ('region', 'world_region') AND l.value = :region)"
            )
            params["region"] = self.region.upper() if len(self.region) == 2 else self.region
        if self.source:
            clauses.append(f"{alias}.source_id = :source")
            params["source"] = self.source
        if self.since:
            clauses.append(f"{alias}.published >= :since")
            params["since"] = self.since
        if self.until:
            clauses.append(f"{alias}.published < :until")
            params["until"] = self.until
        return (" AND ".join(clauses) or "1"), params


#: How many of the newest matches a search ranks by bm25. Scoring costs about 2 µs per
#: matching row: a word found in a tenth of a million-article archive would cost 200 ms to
#: rank exhaustively; the newest few thousand matches hold what a news search is after, and
#: a query with fewer matches (or too few results inside the window) is ranked in full.
SEARCH_WINDOW = 4_000


def search(
    conn: sqlite3.Connection,
    terms: str,
    filters: ArticleFilter = ArticleFilter(),
    *,
    limit: int = 20,
    window: int | None = SEARCH_WINDOW,
) -> list[dict[str, Any]]:
    """Full-text search ranked by bm25, best first, each with a snippet of the body.

    Ranks the ``window`` newest matches (``None``: every match); see :data:`SEARCH_WINDOW`.
    """
    match = fts_query(terms)
    if not match:
        return []
    floor = 0
    if window:
        row = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [match, window - 1],
        ).fetchone()
        floor = row[0] if row else 0
    results = _ranked(conn, match, filters, limit, floor)
    if floor and len(results) < limit:
        results = _ranked(conn, match, filters, limit, 0)  # a narrow filter: look further back
    return results


def _ranked(
    conn: sqlite3.Connection, match: str, filters: ArticleFilter, limit: int, floor: int
) -> list[dict[str, Any]]:
    where, params = filters.where("a")
    w_title, w_subtitle, w_body = BM25_WEIGHTS
    join = "" if where == "1" else "JOIN articles a ON a.id = articles_fts.rowid"
    # Rank first, then build snippets for the winners only: SQLite computes every output
    # column before it sorts, and a snippet costs far more than a bm25 score. CROSS JOIN
    # keeps the winners as the outer loop (one FTS lookup by rowid each).
    sql = f"""
        WITH best AS (
            SELECT articles_fts.rowid AS id,
                   bm25(articles_fts, {w_title}, {w_subtitle}, {w_body}) AS rank
            FROM articles_fts {join}
            WHERE articles_fts MATCH :match AND articles_fts.rowid >= :floor AND {where}
            ORDER BY rank
            LIMIT :limit
        )
        SELECT a.id, a.guid, a.source_id AS source, a.published, a.title, a.url,
               snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet, best.rank
        FROM best
        CROSS JOIN articles_fts ON articles_fts.rowid = best.id
        CROSS JOIN articles a ON a.id = best.id
        WHERE articles_fts MATCH :match
        ORDER BY best.rank
    """
    params.update(match=match, limit=limit, floor=floor)
    cursor = conn.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def stats(conn: sqlite3.Connection, *, days: int = 14) -> dict[str, list[dict[str, Any]]]:
    """Counts by source, topic, primary region and (recent) day."""

    def rows(sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = conn.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    return {
        "sources": rows(
            """
            SELECT s.id AS source, s.name, count(a.id) AS articles,
                   max(a.published) AS newest, max(a.first_seen) AS last_archived
            FROM sources s LEFT JOIN articles a ON a.source_id = s.id
            GROUP BY s.id ORDER BY articles DESC, s.id
            """
        ),
        "topics": rows(
            """
            SELECT value AS topic, count(*) AS articles FROM labels
            WHERE kind = 'topic' GROUP BY value ORDER BY articles DESC, value
            """
        ),
        "regions": rows(
            """
            SELECT value AS region, count(*) AS articles FROM labels
            WHERE kind = 'region' AND rank = 0 GROUP BY value ORDER BY articles DESC, value
            """
        ),
        "days": rows(
            """
            SELECT substr(published, 1, 10) AS day, count(*) AS articles FROM articles
            WHERE published >= strftime('%Y-%m-%d', (SELECT max(published) FROM articles),
                                        ?)
            GROUP BY day ORDER BY day DESC
            """,
            (f"-{max(days - 1, 0)} days",),
        ),
    }
