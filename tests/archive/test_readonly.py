import hashlib

import pytest

from archive import QueryError, QueryTimeout, ReadOnlyError
from archive.readonly import query
from archive.writes import upsert_article

WRITES = [
    "INSERT INTO sources (id, name, url, updated_at) VALUES ('x', 'x', 'http://x/', 'now')",
    "UPDATE articles SET title = 'hacked'",
    "DELETE FROM articles",
    "REPLACE INTO settings (key, value) VALUES ('a', 'b')",
    "DROP TABLE articles",
    "DROP VIEW articles_view",
    "CREATE TABLE evil (x)",
    "CREATE TEMP TABLE evil (x)",
    "CREATE INDEX evil ON articles(title)",
    "CREATE TRIGGER evil AFTER INSERT ON articles BEGIN DELETE FROM articles; END",
    "ALTER TABLE articles ADD COLUMN evil",
    "ATTACH DATABASE ':memory:' AS other",
    "DETACH DATABASE main",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA writable_schema = ON",
    "PRAGMA user_version = 7",
    "PRAGMA foreign_keys = OFF",
    "PRAGMA query_only = OFF",
    "SELECT load_extension('/tmp/evil.so')",
    "VACUUM",
    "VACUUM INTO '/tmp/newsdesk-copy.db'",
    "REINDEX",
    "ANALYZE",
    "BEGIN IMMEDIATE",
    "SAVEPOINT s1",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "UPDATE sqlite_master SET sql = ''",
    "WITH x AS (SELECT 1) DELETE FROM articles",
]


@pytest.fixture
def filled(archive, make_article, archive_path):
    with archive.transaction() as conn:
        upsert_article(conn, make_article())
    return archive_path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql", WRITES)
def test_every_kind_of_write_is_refused_and_changes_nothing(filled, archive, sql):
    archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(filled)
    with pytest.raises(ReadOnlyError, match="read-only"):
        query(filled, sql)
    assert digest(filled) == before
    assert archive.conn.execute("SELECT title FROM articles").fetchone() == (
        "Syrian army storms Al-Qusayr",
    )


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) FROM articles_view",
        "WITH t AS (SELECT title FROM articles) SELECT * FROM t",
        "EXPLAIN QUERY PLAN SELECT * FROM articles WHERE published > '2020'",
        "PRAGMA table_info(articles)",
        "SELECT name FROM pragma_table_info('articles') LIMIT 1",
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'qusayr'",
        "SELECT json_extract(agencies, '$[0]') FROM articles_view",
    ],
)
def test_reads_are_allowed(filled, sql):
    result = query(filled, sql)
    assert len(result.rows) >= 1


def test_a_query_past_its_time_limit_is_stopped(filled):
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(QueryTimeout, match="time limit of 0.2 s"):
        query(filled, slow, time_limit_s=0.2)


def test_rows_are_capped(filled):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 50) SELECT i FROM n"
    result = query(filled, sql, max_rows=10)
    assert (len(result.rows), result.truncated) == (10, True)
    assert query(filled, sql, max_rows=50).truncated is False


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELEC 1", "syntax error"),
        ("SELECT * FROM no_such_table", "no such table"),
        ("SELECT 1; SELECT 2", "one statement"),
    ],
)
def test_bad_sql_is_a_clear_error(filled, sql, message):
    with pytest.raises(QueryError, match=message):
        query(filled, sql)


def test_parameters_are_bound(filled):
    result = query(filled, "SELECT count(*) FROM articles WHERE source_id = :s", {"s": "levant"})
    assert result.rows == [(1,)]
