"""The feed queries use indexes (checked with EXPLAIN QUERY PLAN) and the stamps see changes."""

from __future__ import annotations

import shutil

import pytest

from archive import Label, open_archive, open_reader
from archive.feed_queries import Selection, changed_since, explain, feed_state, selection_ids
from archive.writes import set_labels


@pytest.mark.parametrize(
    ("selection", "plan"),
    [
        (Selection(), "SCAN a"),
        (
            Selection(topic="politics"),
            "SEARCH l0 USING COVERING INDEX labels_kind_value (kind=? AND value=?)",
        ),
        (
            Selection(region="sy"),
            "SEARCH l0 USING COVERING INDEX labels_kind_value (kind=? AND value=?)",
        ),
        (
            Selection(source="wirenews"),
            "SEARCH a USING INDEX articles_source_id (source_id=?)",
        ),
    ],
)
def test_feed_queries_drive_from_an_index_without_sorting(fixture_archive, selection, plan):
    conn = open_reader(fixture_archive)
    try:
        steps = explain(conn, selection)
    finally:
        conn.close()
    assert steps[0] == plan
    assert not [s for s in steps if "TEMP B-TREE" in s]


@pytest.mark.parametrize(
    ("selection", "ids"),
    [
        (Selection(), [7, 6, 5, 4, 3, 1]),
        (Selection(region="SY"), [3, 1]),
        (Selection(region="middle-east", topic="politics"), [3, 1]),
        (Selection(q="ceasefire"), [1]),
        (Selection(q="talks", source="gulfdaily"), []),
    ],
)
def test_selection_ids_one_per_story(fixture_archive, selection, ids):
    conn = open_reader(fixture_archive)
    try:
        assert selection_ids(conn, selection) == ids
    finally:
        conn.close()


def test_stamps_follow_label_and_source_changes(fixture_archive, tmp_path):
    path = tmp_path / "archive.db"
    shutil.copy(fixture_archive, path)
    conn = open_reader(path)
    before = feed_state(conn)
    archive = open_archive(path)
    try:
        with archive.transaction() as writer:
            set_labels(writer, 3, [Label("topic", "religion", 0.5, "text")])
        assert changed_since(conn, before) == {3}
        middle = feed_state(conn)
        with archive.transaction() as writer:
            writer.execute("UPDATE sources SET name = 'Sahel Info+' WHERE id = 'sahelinfo'")
        assert changed_since(conn, middle) == {5}
        with archive.transaction() as writer:
            writer.execute("UPDATE stories SET representative_id = 2 WHERE id = 1")
        assert changed_since(conn, feed_state(conn) - 1) <= {1, 2} and {1, 2} <= changed_since(
            conn, middle
        )
    finally:
        archive.close()
        conn.close()
