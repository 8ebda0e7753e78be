"""The seed fixture (AFP story on a Beirut site): expected.json exactly, from both encodings.

See tests/fixtures/seed/README.md for the traps: the date only in meta and hNews markup,
a comment with a bare date, captions, a pull quote and ads among the paragraphs, AFP as
author, root-relative images, a ``<title>`` with suffixes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract import extract_article

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
EXPECTED = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
KEYS = (
    "url",
    "title",
    "subtitle",
    "authors",
    "agencies",
    "published",
    "language",
    "body",
    "images",
    "pull_quotes",
    "comments",
)
PAGES = ("article.html", "article-cp1252.html")


@pytest.fixture(scope="module", params=PAGES)
def extracted(request: pytest.FixtureRequest) -> dict:
    page = (SEED / request.param).read_bytes()
    return extract_article(page, EXPECTED["url"]).to_dict()


@pytest.mark.parametrize("key", KEYS)
def test_seed_matches_expected(extracted: dict, key: str) -> None:
    assert extracted[key] == EXPECTED[key]


@pytest.mark.parametrize(
    ("page", "encoding"), [("article.html", "utf-8"), ("article-cp1252.html", "cp1252")]
)
def test_seed_encoding_is_reported(page: str, encoding: str) -> None:
    assert extract_article((SEED / page).read_bytes(), EXPECTED["url"]).encoding == encoding


def test_seed_date_comes_from_markup_not_the_page_header() -> None:
    got = extract_article((SEED / "article.html").read_bytes(), EXPECTED["url"])
    assert (got.published_source, got.published_precision) == ("meta", "second")
