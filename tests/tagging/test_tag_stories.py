"""Story linking in a real archive: copies join, strangers do not, the first-published copy
represents the story, and candidates come from the index, not from a scan."""

from datetime import UTC, datetime, timedelta

import pytest

from archive.stories import link_article, story_copies, story_counts, unlink_article
from archive.writes import upsert_article
from crawler.dedup import fingerprint

T0 = datetime(2024, 5, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def add(archive, make_article):
    """Archive an article and link it; returns (article id, link)."""
    count = iter(range(1000))

    def add(body, *, source="levant", hours=0.0, title="Headline"):
        n = next(count)
        article = make_article(
            url=f"http://{source}.example.com/{n}",
            canonical_url=f"http://{source}.example.com/{n}",
            url_key=f"{source}.example.com/{n}",
            source_id=source,
            title=title,
            body=body,
            published=T0 + timedelta(hours=hours),
            comments=(),
            images=(),
        )
        with archive.transaction() as conn:
            article_id = upsert_article(conn, article).article_id
            return article_id, link_article(conn, article_id, fingerprint(title, body))

    return add


def story_row(archive, story_id):
    return archive.conn.execute(
        "SELECT representative_id, first_published, article_count FROM stories WHERE id = ?",
        [story_id],
    ).fetchone()


def test_copies_join_one_story(archive, add, wire):
    first, a = add(wire["wire"])
    second, b = add(wire["copy"], source="courier", hours=2, title="UPDATE 1-Troops enter town")
    assert a.is_new_story and not b.is_new_story
    assert (b.story_id, b.linked_by, b.matched_article_id) == (a.story_id, "minhash", first)
    assert story_row(archive, a.story_id) == (first, "2024-05-03T10:00:00Z", 2)
    assert archive.conn.execute(
        "SELECT story_id FROM articles WHERE id IN (?, ?)", [first, second]
    ).fetchall() == [(a.story_id,), (a.story_id,)]


def test_same_text_links_by_content(add, wire):
    _, a = add(wire["wire"])
    _, b = add(wire["wire"], source="courier", hours=1)
    assert (b.story_id, b.linked_by, b.similarity) == (a.story_id, "content", 1.0)


def test_unrelated_stories_stay_apart(add, wire):
    _, a = add(wire["wire"])
    _, b = add(wire["other"], source="courier")
    assert b.is_new_story and b.story_id != a.story_id


def test_copies_far_apart_in_time_are_different_stories(add, wire):
    _, a = add(wire["wire"])
    _, b = add(wire["wire"], source="courier", hours=24 * 30)
    assert b.is_new_story


def test_earlier_copy_arriving_late_becomes_the_representative(archive, add, wire):
    later, a = add(wire["wire"], hours=5)
    earlier, b = add(wire["copy"], source="courier", hours=1)
    assert b.story_id == a.story_id
    assert story_row(archive, a.story_id) == (earlier, "2024-05-03T11:00:00Z", 2)
    copies = story_copies(archive.conn, a.story_id)
    assert [(c["id"], c["source_id"], c["is_representative"]) for c in copies] == [
        (earlier, "courier", 1),
        (later, "levant", 0),
    ]


def test_linking_again_is_idempotent(archive, add, wire):
    article_id, a = add(wire["wire"])
    with archive.transaction() as conn:
        again = link_article(conn, article_id, fingerprint("Headline", wire["wire"]))
    assert again == a
    assert story_counts(archive.conn) == (1, 0)


def test_changed_article_leaves_its_story(archive, add, wire):
    first, a = add(wire["wire"])
    second, _ = add(wire["copy"], source="courier", hours=1)
    with archive.transaction() as conn:
        moved = link_article(conn, first, fingerprint("Other", wire["other"]))
    assert moved.is_new_story and moved.story_id != a.story_id
    assert story_row(archive, a.story_id) == (second, "2024-05-03T11:00:00Z", 1)


def test_unlinking_the_last_copy_removes_the_story(archive, add, wire):
    article_id, a = add(wire["wire"])
    with archive.transaction() as conn:
        unlink_article(conn, article_id)
    assert story_row(archive, a.story_id) is None
    assert archive.conn.execute("SELECT count(*) FROM story_bands").fetchone() == (0,)


def test_short_bodies_are_never_linked(add):
    _, a = add("Watch the video.")
    _, b = add("Watch the video.", source="courier")
    assert a.is_new_story and b.is_new_story


def test_candidates_come_from_the_band_index(archive):
    from archive.stories import CANDIDATES_SQL

    plan = archive.conn.execute(
        "EXPLAIN QUERY PLAN " + CANDIDATES_SQL.format(marks="?, ?"), [1, 2, 3, 200]
    ).fetchall()
    details = " ".join(row[-1] for row in plan)
    assert "story_bands USING PRIMARY KEY (band_key=?)" in details
    assert "SCAN story_bands" not in details and "SCAN f" not in details
