import pytest

from archive import Label, open_reader
from archive.queries import ArticleFilter, fts_query, search
from archive.writes import set_labels, upsert_article


@pytest.fixture
def reader(archive, make_article, archive_path):
    with archive.transaction() as conn:
        for i in range(30):
            a = upsert_article(
                conn,
                make_article(
                    url_key=f"levant.example.com/{i}",
                    title=f"Story {i}" + (" ceasefire" if i in (3, 28) else ""),
                    body=f"Talks about a ceasefire, part {i}.",
                ),
            )
            set_labels(conn, a.article_id, [Label("region", "SY" if i < 5 else "LB", 1, "t")])
    conn = open_reader(archive_path)
    yield conn
    conn.close()


def titles(results):
    return [r["title"] for r in results]


def test_exhaustive_ranking_puts_headline_matches_first(reader):
    results = search(reader, "ceasefire", limit=2, window=None)
    assert set(titles(results)) == {"Story 3 ceasefire", "Story 28 ceasefire"}  # equal scores


def test_the_window_ranks_the_newest_matches(reader):
    # Window of 10: articles 20..29 are ranked; article 3's headline match is too old.
    assert titles(search(reader, "ceasefire", limit=1, window=10)) == ["Story 28 ceasefire"]


def test_a_narrow_filter_looks_past_the_window(reader):
    results = search(reader, "ceasefire", ArticleFilter(region="sy"), limit=3, window=10)
    assert len(results) == 3  # the five SY articles are all older than the window


@pytest.mark.parametrize(
    ("terms", "query"),
    [
        ("war", '"war"'),
        ("don't panic", '"don\'t" "panic"'),
        ('"peace talks" OR truce', '"peace talks" OR "truce"'),
        ("econ*", '"econ"*'),
        ("AND OR", ""),
        ('say "hi', '"say" "hi"'),
    ],
)
def test_fts_query(terms, query):
    assert fts_query(terms) == query


def test_snippets_mark_the_match(reader):
    (first,) = search(reader, "ceasefire", limit=1, window=None)
    assert "[ceasefire]" in first["snippet"]
