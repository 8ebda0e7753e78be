"""The acceptance case: the seed article (a real AFP story as a Beirut site republished it)."""

import json
from pathlib import Path

import pytest

from archive.models import Label
from crawler.tagging import tag_article

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "expected.json"
EXPECTED = json.loads(SEED.read_text(encoding="utf-8"))
IPTC = {"conflict, war and peace": "conflict-war-peace", "politics": "politics"}


@pytest.fixture(scope="module")
def tags():
    return tag_article(
        EXPECTED["title"],
        EXPECTED["subtitle"],
        EXPECTED["body"],
        language="en",
        url=EXPECTED["url"],
        source_country="LB",  # the publisher is in Beirut: a hint, not the answer
    )


def test_regions_are_syria_then_lebanon(tags):
    assert tags.to_dict()["regions"] == ["SY", "LB"] == EXPECTED["regions"]


def test_world_region_is_the_middle_east(tags):
    assert tags.to_dict()["world_region"] == "Middle East" == EXPECTED["world_region"]


def test_topics_are_conflict_and_politics(tags):
    assert tags.to_dict()["topics"] == ["conflict-war-peace", "politics"]
    assert set(tags.to_dict()["topics"]) == {IPTC[t] for t in EXPECTED["topics"]}


def test_mentioned_countries_leave_the_comment_out(tags):
    assert set(tags.mentioned_countries) == set(EXPECTED["mentioned_countries"])
    assert not {"IR", "TR", "IQ"} & set(tags.mentioned_countries)  # only the comment names them


def test_places_as_the_fixture_lists_them(tags):
    as_dicts = [json.dumps(p, sort_keys=True) for p in tags.to_dict()["places"]]
    expected = [json.dumps(p, sort_keys=True) for p in EXPECTED["places"]]
    assert sorted(as_dicts) == sorted(expected)


def test_labels_say_how_they_were_decided(tags):
    labels = tags.labels()
    assert [(lb.kind, lb.value, lb.rank) for lb in labels] == [
        ("topic", "conflict-war-peace", 0),
        ("topic", "politics", 1),
        ("region", "SY", 0),
        ("region", "LB", 1),
        ("world_region", "middle-east", 0),
    ]
    assert all(isinstance(lb, Label) and 0 < lb.score <= 1 for lb in labels)
    assert labels[0].method == "text"
    assert labels[2].method.startswith("gazetteer")
    assert labels[4].method == "country"


def test_publisher_hint_only_tips_the_balance():
    body = EXPECTED["body"]
    without = tag_article(EXPECTED["title"], EXPECTED["subtitle"], body, language="en")
    with_hint = tag_article(
        EXPECTED["title"], EXPECTED["subtitle"], body, language="en", source_country="LB"
    )
    assert [r.code for r in without.regions] == [r.code for r in with_hint.regions]
    assert "hint" in with_hint.regions[1].method
    assert "hint" not in without.regions[1].method
