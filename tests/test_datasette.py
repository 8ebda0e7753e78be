"""The archive works with Datasette as it comes: tables, the view, and its search box."""

import json
import subprocess
import sys

import pytest

from archive.writes import upsert_article


@pytest.fixture
def filled(archive, make_article, archive_path):
    with archive.transaction() as conn:
        upsert_article(conn, make_article())
    archive.close()
    return archive_path


def datasette_get(db_path, path: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "datasette", str(db_path), "--get", path],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_articles_view_answers_with_rows(filled):
    data = datasette_get(filled, "/archive/articles_view.json?_shape=objects")
    (row,) = data["rows"]
    assert (row["title"], row["source"], row["agencies"]) == (
        "Syrian army storms Al-Qusayr",
        "levant",
        '["AFP"]',
    )


def test_search_box_uses_the_fts_index(filled):
    hit = datasette_get(filled, "/archive/articles.json?_search=qusayr&_shape=objects")
    miss = datasette_get(filled, "/archive/articles.json?_search=ceasefire&_shape=objects")
    assert [r["title"] for r in hit["rows"]] == ["Syrian army storms Al-Qusayr"]
    assert miss["rows"] == []
