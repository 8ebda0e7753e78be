import zlib
from dataclasses import replace
from datetime import UTC, datetime

from archive import RawPage
from archive.writes import make_guid, prune_raw_pages, upsert_article


def fts_matches_table(conn) -> bool:
    """FTS5's own check compares the index with the content table; it raises if they differ."""
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    return True


def search_ids(conn, term: str) -> list[int]:
    rows = conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", [term]
    )
    return [r[0] for r in rows]


def test_new_article_gets_a_guid_and_children(archive, make_article):
    with archive.transaction() as conn:
        result = upsert_article(conn, make_article())
    assert result.status == "new"
    assert result.guid == make_guid("levant.example.com/news/1-syrian-army-storms-qusayr")
    row = archive.conn.execute(
        "SELECT published, authors, agencies, topics FROM articles_view"
    ).fetchone()
    assert row == ("2013-05-19T17:31:00Z", "[]", '["AFP"]', "[]")  # published is UTC
    local = archive.conn.execute("SELECT published_local FROM articles").fetchone()[0]
    assert local == "2013-05-19T20:31:00+03:00"
    images = archive.conn.execute("SELECT url, caption, credit FROM images").fetchall()
    assert images == [("http://levant.example.com/a.jpg", "Al-Qusayr fighting.", "AFP/Joseph Eid")]


def test_same_article_twice_is_one_row_and_no_revision(archive, make_article):
    with archive.transaction() as conn:
        first = upsert_article(conn, make_article())
        second = upsert_article(conn, make_article(fetched_at=datetime(2013, 5, 20, tzinfo=UTC)))
    assert (first.status, second.status) == ("new", "unchanged")
    assert first.guid == second.guid and first.article_id == second.article_id
    conn = archive.conn
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM images").fetchone()[0] == 1
    assert fts_matches_table(conn)
    assert search_ids(conn, "qusayr") == [first.article_id]


def test_changed_content_keeps_the_old_version(archive, make_article):
    original = make_article()
    changed = replace(original, body=original.body + "\n\nA ceasefire was announced.")
    with archive.transaction() as conn:
        first = upsert_article(conn, original)
        second = upsert_article(conn, changed)
    assert second.status == "updated"
    assert second.guid == first.guid
    conn = archive.conn
    assert conn.execute("SELECT count(*), max(revision) FROM articles").fetchone() == (1, 2)
    assert conn.execute("SELECT revision, body FROM revisions").fetchall() == [(1, original.body)]
    assert fts_matches_table(conn)
    assert search_ids(conn, "ceasefire") == [first.article_id]
    # The FTS index holds exactly one entry for the row, with the new text.
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1


def test_repeated_upserts_keep_fts_consistent(archive, make_article):
    with archive.transaction() as conn:
        for i in range(20):
            upsert_article(conn, make_article(body=f"Version {i} of the story about truce{i}."))
    conn = archive.conn
    assert fts_matches_table(conn)
    assert search_ids(conn, "truce19") == [1]
    assert search_ids(conn, "truce3") == []
    assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 19


def test_a_failed_transaction_leaves_nothing(archive, make_article):
    try:
        with archive.transaction() as conn:
            upsert_article(conn, make_article())
            raise RuntimeError("crash in the middle of a batch")
    except RuntimeError:
        pass
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert archive.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 0


def test_raw_html_is_stored_compressed_and_pruned(archive, make_article):
    html = b"<html><body>" + b"<p>words</p>" * 500 + b"</body></html>"
    raw = RawPage(
        url="http://levant.example.com/x",
        html=html,
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
        encoding="utf-8",
    )
    with archive.transaction() as conn:
        upsert_article(conn, make_article(), raw)
    size, blob = archive.conn.execute("SELECT size, html FROM raw_pages").fetchone()
    assert size == len(html) and len(blob) < len(html) // 10
    assert zlib.decompress(blob) == html
    with archive.transaction() as conn:
        assert prune_raw_pages(conn, 0, now=datetime(2025, 1, 1, tzinfo=UTC)) == 0
        assert prune_raw_pages(conn, 30, now=datetime(2024, 1, 15, tzinfo=UTC)) == 0
        assert prune_raw_pages(conn, 30, now=datetime(2024, 3, 1, tzinfo=UTC)) == 1


def test_naive_datetimes_are_rejected(archive, make_article):
    import pytest

    with pytest.raises(ValueError, match="naive"), archive.transaction() as conn:
        upsert_article(conn, make_article(published=datetime(2013, 5, 19, 20, 31)))


def test_the_fts_check_catches_a_stale_index(archive, make_article):
    """The consistency check used above can fail: bypass the trigger and it does."""
    import sqlite3

    import pytest

    with archive.transaction() as conn:
        upsert_article(conn, make_article())
    archive.conn.execute("DROP TRIGGER articles_fts_au")
    archive.conn.execute("UPDATE articles SET body = 'something else entirely'")
    with pytest.raises(sqlite3.DatabaseError):
        fts_matches_table(archive.conn)


def test_stale_runs_are_marked_interrupted(archive):
    from archive.writes import mark_stale_runs, start_run

    with archive.transaction() as conn:
        dead = start_run(conn, trigger="cli", sources=["a"], pid=999_999)
        alive = start_run(conn, trigger="cli", sources=["b"], pid=1234)
        assert mark_stale_runs(conn, [1234]) == 1
        assert mark_stale_runs(conn) == 1  # no process alive: every running run is stale
    statuses = archive.conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
    assert statuses == [(dead, "interrupted"), (alive, "interrupted")]
