"""The schema reference, generated from the migrations and :data:`archive.schema.DOCS`."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from .db import open_archive
from .schema import DOCS


def live_schema(conn: sqlite3.Connection) -> dict[str, tuple[str, list[str]]]:
    """name -> (type, columns) for every user table and view (FTS shadow tables left out)."""
    rows = conn.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY rowid"
    ).fetchall()
    shadow = {f"articles_fts_{s}" for s in ("data", "idx", "content", "docsize", "config")}
    result = {}
    for name, kind, sql in rows:
        if name in shadow:
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_xinfo([{name}])") if r[6] == 0]
        kind = "fts5 table" if "VIRTUAL TABLE" in (sql or "").upper() else kind
        result[name] = (kind, columns)
    return result


def build_schema() -> dict[str, tuple[str, list[str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = open_archive(Path(tmp) / "schema.db")
        try:
            return live_schema(archive.conn)
        finally:
            archive.close()


def schema_markdown() -> str:
    schema = build_schema()
    lines = []
    for name, (kind, columns) in schema.items():
        description, column_docs = DOCS[name]
        lines.append(f"#### `{name}` ({kind})")
        lines.append("")
        lines.append(description)
        lines.append("")
        lines.append("| column | meaning |")
        lines.append("| --- | --- |")
        for column in columns:
            lines.append(f"| `{column}` | {column_docs[column]} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
