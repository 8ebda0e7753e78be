"""Is the archive whole? SQLite's own checks, the full-text index against its table, and
articles missing a part that is written in the same transaction as they are.

For operators after a crash or a full disk, and for the robustness tests and the soak script:
``consistency_problems(path)`` is empty when everything holds.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: Parts written in the same transaction as their article: none may be missing.
PARTS = {
    "their stored page": "SELECT id FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM raw_pages r WHERE r.article_id = a.id)",
    "their URL key": "SELECT id FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM article_urls u WHERE u.article_id = a.id AND u.url_key = a.url_key)",
    "a full-text entry": "SELECT id FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)",
    "a topic label": "SELECT id FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM labels l WHERE l.article_id = a.id AND l.kind = 'topic')",
}


def consistency_problems(path: str | Path) -> list[str]:
    """What is wrong with the archive at ``path`` as a whole (empty: nothing)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    problems: list[str] = []
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:5]}")
        keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        if keys:
            problems.append(f"foreign_key_check: {keys[:5]}")
        problems += fts_problems(path)
        for what, sql in PARTS.items():
            missing = conn.execute(sql).fetchall()
            if missing:
                problems.append(f"articles without {what}: {[m[0] for m in missing[:5]]}")
    finally:
        conn.close()
    return problems


def fts_problems(path: str | Path) -> list[str]:
    """FTS5's own check of the index against the articles table (a command that needs a
    writable connection, though it changes nothing)."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"full-text index: {exc}"]
    finally:
        conn.close()
    return []
