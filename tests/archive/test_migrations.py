import sqlite3

import pytest

from archive import SchemaError, ensure_archive, open_archive, open_reader
from archive.db import applied_migrations
from archive.schema import DOCS, code_migration_names, migrations
from archive.schema_doc import build_schema


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    }


def test_empty_archive_gets_every_migration(archive_path):
    with open_archive(archive_path) as arc:
        assert arc.schema_version() == code_migration_names()
        assert {"articles", "articles_fts", "articles_view", "runs", "raw_pages"} <= table_names(
            arc.conn
        )


def test_pragmas_on_open(archive_path):
    with open_archive(archive_path) as arc:
        assert arc.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert arc.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert arc.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
        assert arc.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_existing_archive_is_migrated_and_keeps_its_rows(archive_path):
    # An archive made by an older version: only the first migration applied.
    conn = sqlite3.connect(archive_path)
    from sqlite_utils import Database

    db = Database(conn)
    migrations.apply(db, stop_before="0002_full_text_search")
    conn.execute(
        "INSERT INTO sources (id, name, url, updated_at) VALUES ('s', 'S', 'http://s/', 'now')"
    )
    conn.execute(
        "INSERT INTO articles (guid, url, canonical_url, url_key, source_id, title, body, "
        "first_seen, fetched_at, content_hash, extractor, extractor_version) VALUES "
        "('g1', 'http://s/a', 'http://s/a', 's/a', 's', 'Old war story', 'Body of war', "
        "'t', 't', 'h', 'x', '1')"
    )
    conn.commit()
    assert applied_migrations(conn) == ["0001_initial"]
    conn.close()

    with pytest.raises(SchemaError, match="run newsdesk migrate"):
        open_reader(archive_path)
    with open_archive(archive_path) as arc:
        assert arc.schema_version() == code_migration_names()
        # The FTS index was built from the rows already there.
        hits = arc.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'war'"
        ).fetchall()
        assert hits == [(1,)]


def test_archive_newer_than_code_is_refused(archive_path):
    with open_archive(archive_path) as arc, arc.transaction() as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('newsdesk', '0999_from_the_future', 'now')"
        )
    with pytest.raises(SchemaError, match=r"newer than this version of newsdesk"):
        open_archive(archive_path)
    with pytest.raises(SchemaError, match=r"upgrade newsdesk"):
        open_reader(archive_path)


def test_ensure_archive_creates_then_is_a_no_op(archive_path):
    ensure_archive(archive_path)
    mtime = archive_path.stat().st_mtime_ns
    ensure_archive(archive_path)
    assert archive_path.stat().st_mtime_ns == mtime


def test_docs_describe_exactly_the_schema():
    schema = build_schema()
    assert set(schema) == set(DOCS)
    for name, (_, columns) in schema.items():
        assert list(DOCS[name][1]) == columns, name
