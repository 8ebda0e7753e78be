"""Stories: the copies of one story (a wire story in several outlets, an update at a new URL)
linked together, incrementally, as articles arrive.

Each article's fingerprint (made by :mod:`crawler.dedup`) is kept in ``story_fingerprints``
and its LSH band keys in ``story_bands``, a table indexed by key. Linking a new article costs
one lookup of its content key and one indexed lookup per band, then a comparison with the
few candidates found; it never scans the archive, so it costs the same at 1,000 articles as
at a million.

A candidate is the same story when, estimated from the two MinHash signatures, their bodies
have a Jaccard similarity of at least :data:`MIN_JACCARD` and the smaller body is at least
:data:`MIN_CONTAINMENT` contained in the larger (a trimmed copy is contained in the full
one), and both were published within :data:`WINDOW_DAYS` of each other. The best candidate
wins; a new article never merges two existing stories.

The story's representative is its first-published copy (``first_published`` and
``representative_id`` follow it when an earlier copy arrives late); the others are the
"also published by" list, :func:`story_copies`.
"""

from __future__ import annotations

import sqlite3
import struct
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .timestamps import parse_text, to_utc_text, utcnow

MIN_JACCARD = 0.4
MIN_CONTAINMENT = 0.75
WINDOW_DAYS = 7
MAX_CANDIDATES = 200  # a band shared by many articles (boilerplate) is not worth more

# Articles sharing a band with the new one: one index range per band key.
CANDIDATES_SQL = """
    SELECT f.article_id, f.signature, f.shingles, f.published_at, a.story_id
    FROM story_fingerprints f JOIN articles a ON a.id = f.article_id
    WHERE f.article_id IN (
        SELECT DISTINCT article_id FROM story_bands WHERE band_key IN ({marks})
    ) AND f.article_id != ?
    LIMIT ?
"""


@dataclass(frozen=True)
class Fingerprint:
    """What story linking needs to know about an article's text."""

    content_key: str  # hash of the folded body words
    shingles: int  # number of distinct 5-word shingles
    signature: bytes = b""  # MinHash values, little-endian uint32; empty if too short
    band_keys: tuple[int, ...] = ()  # LSH band keys; empty if too short


@dataclass(frozen=True)
class StoryLink:
    """How one article was linked."""

    article_id: int
    story_id: int
    linked_by: str  # "new" (first copy), "content" (same text) or "minhash" (near copy)
    matched_article_id: int | None = None
    similarity: float | None = None  # containment of the smaller body, estimated

    @property
    def is_new_story(self) -> bool:
        return self.linked_by == "new"


def estimate(sig_a: bytes, shingles_a: int, sig_b: bytes, shingles_b: int) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set) estimated from two MinHash signatures."""
    a, b = array("I", sig_a), array("I", sig_b)
    if not a or len(a) != len(b):
        return 0.0, 0.0
    jaccard = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    common = jaccard * (shingles_a + shingles_b) / (1 + jaccard)
    return jaccard, min(1.0, common / max(1, min(shingles_a, shingles_b)))


def _pack(keys: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(keys)}q", *keys)


def _unpack(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}q", blob) if blob else ()


def _dated(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute(
        "SELECT coalesce(published, first_seen) FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        raise KeyError(f"no article {article_id}")
    return str(row[0])


def link_article(
    conn: sqlite3.Connection,
    article_id: int,
    fingerprint: Fingerprint,
    *,
    now: datetime | None = None,
    window_days: float = WINDOW_DAYS,
) -> StoryLink:
    """Put an archived article into a story (a new one, or the story of its closest copy).

    Linking again an article whose fingerprint did not change keeps its story; a changed one
    leaves its old story first. The caller holds the transaction.
    """
    old = conn.execute(
        "SELECT content_key, signature, linked_by, matched_article_id, similarity "
        "FROM story_fingerprints WHERE article_id = ?",
        [article_id],
    ).fetchone()
    if old is not None:
        current = conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", [article_id]
        ).fetchone()[0]
        if old[0] == fingerprint.content_key and old[1] == fingerprint.signature and current:
            return StoryLink(article_id, current, old[2], old[3], old[4])
        unlink_article(conn, article_id, now=now)

    now_text = to_utc_text(now or utcnow())
    dated = _dated(conn, article_id)
    match = _best_match(conn, article_id, fingerprint, dated, window_days)
    if match is None:
        story_id = conn.execute(
            "INSERT INTO stories (representative_id, first_published, article_count, "
            "created_at, updated_at) VALUES (?, ?, 1, ?, ?) RETURNING id",
            [article_id, dated, now_text, now_text],
        ).fetchone()[0]
        link = StoryLink(article_id, story_id, "new")
    else:
        story_id, matched_id, linked_by, similarity = match
        conn.execute(
            """
            UPDATE stories SET
                article_count = article_count + 1,
                updated_at = :now,
                representative_id = CASE WHEN first_published IS NULL OR :dated < first_published
                    THEN :article ELSE representative_id END,
                first_published = CASE WHEN first_published IS NULL OR :dated < first_published
                    THEN :dated ELSE first_published END
            WHERE id = :story
            """,
            {"now": now_text, "dated": dated, "article": article_id, "story": story_id},
        )
        link = StoryLink(article_id, story_id, linked_by, matched_id, similarity)
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])
    conn.execute(
        "INSERT INTO story_fingerprints (article_id, content_key, shingles, signature, "
        "band_keys, published_at, linked_by, matched_article_id, similarity) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            fingerprint.content_key,
            fingerprint.shingles,
            fingerprint.signature,
            _pack(fingerprint.band_keys),
            dated,
            link.linked_by,
            link.matched_article_id,
            link.similarity,
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_bands (band_key, article_id) VALUES (?, ?)",
        [(key, article_id) for key in fingerprint.band_keys],
    )
    return link


def _best_match(
    conn: sqlite3.Connection,
    article_id: int,
    fp: Fingerprint,
    dated: str,
    window_days: float,
) -> tuple[int, int, str, float] | None:
    """(story id, matched article, how, similarity) of the closest copy, if any."""
    if not fp.signature:
        return None  # too short to tell: "Watch the video" is not a story
    when = parse_text(dated)
    window = timedelta(days=window_days)
    same = conn.execute(
        "SELECT f.article_id, f.published_at, a.story_id FROM story_fingerprints f "
        "JOIN articles a ON a.id = f.article_id "
        "WHERE f.content_key = ? AND f.article_id != ? AND a.story_id IS NOT NULL "
        "ORDER BY f.published_at LIMIT 20",
        [fp.content_key, article_id],
    ).fetchall()
    for other_id, other_dated, story_id in same:
        if abs(parse_text(other_dated) - when) <= window:
            return story_id, other_id, "content", 1.0
    if not fp.band_keys:
        return None
    marks = ", ".join("?" for _ in fp.band_keys)
    rows = conn.execute(
        CANDIDATES_SQL.format(marks=marks),
        [*fp.band_keys, article_id, MAX_CANDIDATES],
    ).fetchall()
    best: tuple[float, float, int, int] | None = None
    for other_id, signature, shingles, other_dated, story_id in rows:
        if story_id is None or abs(parse_text(other_dated) - when) > window:
            continue
        jaccard, containment = estimate(fp.signature, fp.shingles, signature, shingles)
        if jaccard < MIN_JACCARD or containment < MIN_CONTAINMENT:
            continue
        key = (containment, jaccard, -other_id, story_id)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    containment, _, negative_id, story_id = best
    return story_id, -negative_id, "minhash", round(containment, 3)


def unlink_article(
    conn: sqlite3.Connection, article_id: int, *, now: datetime | None = None
) -> None:
    """Take an article out of its story (the story goes when its last copy does)."""
    row = conn.execute(
        "SELECT band_keys FROM story_fingerprints WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is not None:
        conn.executemany(
            "DELETE FROM story_bands WHERE band_key = ? AND article_id = ?",
            [(key, article_id) for key in _unpack(row[0])],
        )
        conn.execute("DELETE FROM story_fingerprints WHERE article_id = ?", [article_id])
    found = conn.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
    story_id = found[0] if found else None
    if story_id is None:
        return
    conn.execute("UPDATE articles SET story_id = NULL WHERE id = ?", [article_id])
    first = conn.execute(
        "SELECT id, coalesce(published, first_seen) AS dated FROM articles "
        "WHERE story_id = ? ORDER BY dated, id LIMIT 1",
        [story_id],
    ).fetchone()
    if first is None:
        conn.execute("DELETE FROM stories WHERE id = ?", [story_id])
        return
    conn.execute(
        "UPDATE stories SET article_count = article_count - 1, representative_id = ?, "
        "first_published = ?, updated_at = ? WHERE id = ?",
        [first[0], first[1], to_utc_text(now or utcnow()), story_id],
    )


def reset_stories(conn: sqlite3.Connection) -> None:
    """Forget every story and fingerprint (``newsdesk reclassify`` links them again)."""
    conn.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
    conn.execute("DELETE FROM story_bands")
    conn.execute("DELETE FROM story_fingerprints")
    conn.execute("DELETE FROM stories")


# -- reading ---------------------------------------------------------------------------------


def story_copies(conn: sqlite3.Connection, story_id: int) -> list[dict[str, Any]]:
    """The copies of one story, first-published first: the representative, then "also
    published by"."""
    cursor = conn.execute(
        """
        SELECT a.id, a.source_id, s.name AS source_name, a.url, a.title,
               coalesce(a.published, a.first_seen) AS dated,
               a.id = st.representative_id AS is_representative
        FROM articles a
        JOIN stories st ON st.id = a.story_id
        LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.story_id = ?
        ORDER BY is_representative DESC, dated, a.id
        """,
        [story_id],
    )
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


@dataclass(frozen=True)
class TaggingInput:
    """The fields of an archived article that tagging reads."""

    article_id: int
    title: str
    subtitle: str | None
    body: str
    language: str | None
    section: str | None
    url: str
    keywords: tuple[str, ...]
    source_country: str | None
    source_topics: tuple[str, ...]


def tagging_order(conn: sqlite3.Connection) -> list[int]:
    """Every article id, first-published first: the order in which stories are rebuilt."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM articles ORDER BY coalesce(published, first_seen), id"
        )
    ]


def tagging_inputs(conn: sqlite3.Connection, article_ids: Sequence[int]) -> Iterator[TaggingInput]:
    """The tagging inputs of the given articles, in the given order."""
    import json

    if not article_ids:
        return
    marks = ", ".join("?" for _ in article_ids)
    rows = conn.execute(
        f"""
        SELECT a.id, a.title, a.subtitle, a.body, a.language, a.section, a.canonical_url,
               a.keywords, s.country, s.topics
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.id IN ({marks})
        """,
        list(article_ids),
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    for article_id in article_ids:
        row = by_id.get(article_id)
        if row is None:
            continue
        yield TaggingInput(
            article_id=row[0],
            title=row[1],
            subtitle=row[2],
            body=row[3],
            language=row[4],
            section=row[5],
            url=row[6],
            keywords=tuple(json.loads(row[7] or "[]")),
            source_country=row[8],
            source_topics=tuple(json.loads(row[9] or "[]")),
        )


def story_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(stories, stories with more than one copy)."""
    row = conn.execute(
        "SELECT count(*), coalesce(sum(article_count > 1), 0) FROM stories"
    ).fetchone()
    return int(row[0]), int(row[1])
