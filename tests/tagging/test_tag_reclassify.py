"""``newsdesk reclassify``: tags every article again and rebuilds the stories."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive import Label
from archive.writes import set_labels, upsert_article
from newsdesk.cli import main

SEED = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "expected.json").read_text(
        encoding="utf-8"
    )
)


@pytest.fixture
def filled(archive, make_article, archive_path, wire):
    """The seed article, a copy of it in another outlet, and an unrelated story; old labels."""
    with archive.transaction() as conn:
        conn.execute("UPDATE sources SET country = 'LB' WHERE id = 'levant'")
        for n, (source, body, hours) in enumerate(
            [
                ("courier", SEED["body"], 3),
                ("levant", SEED["body"], 0),
                ("levant", wire["other"], 1),
            ]
        ):
            article = make_article(
                url=f"http://{source}.example.com/{n}",
                canonical_url=f"http://{source}.example.com/{n}",
                url_key=f"{source}.example.com/{n}",
                source_id=source,
                title=SEED["title"] if n < 2 else "Central bank holds rates",
                subtitle=SEED["subtitle"] if n < 2 else None,
                body=body,
                published=datetime(2013, 5, 19, 17, 31, tzinfo=UTC) + timedelta(hours=hours),
            )
            article_id = upsert_article(conn, article).article_id
            set_labels(conn, article_id, [Label("topic", "weather", 1.0, "old-rules")])
    return str(archive_path)


def query(path, sql):
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_reclassify_tags_and_links(filled, capsys):
    assert main(["reclassify", "--archive", filled, "--batch-size", "2"], env={}) == 0
    out = capsys.readouterr().out
    assert "reclassified 3 article(s)" in out
    assert "2 stories, 1 published more than once" in out
    assert query(filled, "SELECT id, topics, regions, world_region FROM articles_view") == [
        (1, '["conflict-war-peace","politics"]', '["SY","LB"]', "middle-east"),
        (2, '["conflict-war-peace","politics"]', '["SY","LB"]', "middle-east"),
        (3, '["economy-business-finance"]', '["LB"]', "middle-east"),
    ]
    # Article 3 names no place: its region is only the publisher's country, and says so.
    assert query(filled, "SELECT method FROM labels WHERE article_id = 3 AND kind = 'region'") == [
        ("hint",)
    ]
    # The first-published copy (article 2, published 3 hours before article 1) represents it.
    assert query(filled, "SELECT representative_id, article_count FROM stories ORDER BY id") == [
        (2, 2),
        (3, 1),
    ]
    assert query(filled, "SELECT count(*) FROM places WHERE article_id = 2") == [(6,)]


def partition(path):
    groups = {}
    for article_id, story_id in query(path, "SELECT id, story_id FROM articles"):
        groups.setdefault(story_id, set()).add(article_id)
    return sorted(sorted(g) for g in groups.values())


def test_reclassify_twice_gives_the_same_archive(filled, capsys):
    main(["reclassify", "--archive", filled], env={})
    labels = query(filled, "SELECT * FROM labels ORDER BY 1, 2, 3")
    stories = partition(filled)
    main(["reclassify", "--archive", filled], env={})
    assert query(filled, "SELECT * FROM labels ORDER BY 1, 2, 3") == labels
    assert partition(filled) == stories == [[1, 2], [3]]


def test_no_stories_keeps_the_stories(filled, capsys):
    assert main(["reclassify", "--archive", filled, "--no-stories"], env={}) == 0
    assert query(filled, "SELECT count(*) FROM stories") == [(0,)]
    assert query(filled, "SELECT count(*) FROM labels WHERE method = 'old-rules'") == [(0,)]


def test_bad_batch_size(filled, capsys):
    assert main(["reclassify", "--archive", filled, "--batch-size", "0"], env={}) == 2
    assert "error: --batch-size" in capsys.readouterr().err
