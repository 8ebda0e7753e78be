"""Hand-written news articles in the four languages (tests/fixtures/tagging/articles.json):
regions in order, countries mentioned, the primary topic, and names that are not places."""

import json
from pathlib import Path

import pytest

from crawler.tagging import tag_article

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tagging" / "articles.json"
ARTICLES = json.loads(FIXTURE.read_text(encoding="utf-8"))


def tag(article):
    return tag_article(
        article["title"], article["subtitle"], article["body"], language=article["language"]
    )


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_regions(article):
    assert [r.code for r in tag(article).regions] == article["regions"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_mentioned_countries(article):
    assert set(tag(article).mentioned_countries) == set(article["mentioned"])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_primary_topic(article):
    assert tag(article).topics[0].slug == article["topic"]


@pytest.mark.parametrize(
    "article", [a for a in ARTICLES if "no_places" in a], ids=lambda a: a["id"]
)
def test_people_are_not_places(article):
    names = {p.name for p in tag(article).places}
    assert not names & set(article["no_places"])
