"""The public surface: extract_article, Extraction, NotAnArticle and its reasons."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest

import crawler.extract
from archive.models import Comment
from crawler.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extraction,
    NotAnArticle,
    extract_article,
)

URL = "http://news.example.com/world/story-1"
NOW = datetime(2024, 6, 1, tzinfo=UTC)
TEXT = (
    "Officials said on Friday that the talks would resume next week in the capital, after two "
    "rounds ended without agreement on the main points of the draft."
)


def page(head: str = "", meta: str = "", after_body: str = "", lang: str = "en") -> bytes:
    return (
        f"<html lang='{lang}'><head><title>Talks to resume</title>{head}</head><body>"
        "<header class='site-header'><span class='today'>Saturday, June 1, 2024</span></header>"
        f"<article><h1>Talks to resume</h1>{meta}<div class='article-body'><p>{TEXT}</p>"
        f"<p>{TEXT}</p></div></article>{after_body}</body></html>"
    ).encode()


def test_public_names() -> None:
    assert sorted(crawler.extract.__all__) == [
        "EXTRACTOR_NAME",
        "EXTRACTOR_VERSION",
        "Extraction",
        "NotAnArticle",
        "canonical_agency",
        "extract_article",
    ]


def test_extractor_identity() -> None:
    assert (EXTRACTOR_NAME, EXTRACTOR_VERSION) == ("newsdesk-extract", "1")


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", None, "empty"),
        (b"  \n\t ", "text/html", "empty"),
        (b"%PDF-1.7 ...", None, "not-html"),
        (b"<html><body>x</body></html>", "application/pdf", "not-html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "not-html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', None, "not-html"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", None, "no-title"),
        (b"<html><head><title>Only a title</title></head><body></body></html>", None, "no-body"),
    ],
)
def test_not_an_article(body: bytes, content_type: str | None, reason: str) -> None:
    with pytest.raises(NotAnArticle) as caught:
        extract_article(body, URL, content_type=content_type, now=NOW)
    assert caught.value.reason == reason


def test_section_page_is_a_listing() -> None:
    teasers = "".join(
        f"<article class='teaser'><a href='/world/story-{n}'><h2>Story number {n} of the day</h2>"
        f"</a><p>{TEXT}</p></article>"
        for n in range(5)
    )
    listing = f"<html><head><title>World</title></head><body><h1>World</h1><main>{teasers}</main></body></html>"
    with pytest.raises(NotAnArticle) as caught:
        extract_article(listing.encode(), URL, now=NOW)
    assert caught.value.reason == "listing"


def _published(head: str = "", meta: str = "", after: str = "", **kwargs: object) -> str | None:
    got = extract_article(page(head, meta, after), URL, now=NOW, **kwargs)  # type: ignore[arg-type]
    return got.to_dict()["published"]


def test_future_date_is_rejected_not_the_page() -> None:
    head = '<meta property="article:published_time" content="2099-01-01T09:00:00+02:00">'
    got = extract_article(page(head), URL, now=NOW)
    assert (got.title, got.published, got.published_source) == ("Talks to resume", None, None)


def test_future_date_gives_way_to_other_evidence() -> None:
    head = '<meta property="article:published_time" content="2099-01-01T09:00:00+02:00">'
    meta = "<time datetime='2024-05-31T08:00:00+02:00'>May 31</time>"
    assert _published(head, meta) == "2024-05-31T08:00:00+02:00"


def test_hours_ahead_are_a_zone_error_not_the_future() -> None:
    head = '<meta property="article:published_time" content="2024-06-01T09:00:00Z">'
    assert _published(head) == "2024-06-01T09:00:00+00:00"


def test_dates_never_come_from_comments_related_lists_or_the_header() -> None:
    after = (
        "<aside class='related'><a href='/a'>Old story</a> <span class='date'>May 2, 2024</span>"
        "</aside><section id='comments'><div class='comment'><span class='date'>May 31, 2024"
        "</span><p>First!</p></div></section>"
    )
    assert _published(after=after) is None


@pytest.mark.parametrize(
    ("hint", "published"),
    [
        ("Europe/Berlin", "2024-05-31T18:30:00+02:00"),
        ("+05:30", "2024-05-31T18:30:00+05:30"),
        (None, "2024-05-31T18:30:00+00:00"),
    ],
)
def test_text_date_in_the_hinted_zone(hint: str | None, published: str) -> None:
    meta = "<p class='date'>31.05.2024, 18:30</p>"
    assert _published(meta=meta, timezone_hint=hint) == published


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<link rel="canonical" href="/world/story-1?utm_source=x#top">', URL),
        ('<meta property="og:url" content="http://news.example.com/world/story-1?fbclid=1">', URL),
        ('<link rel="canonical" href="http://news.example.com/">', URL + "?page=2"),
        ('<link rel="canonical" href="javascript:void(0)">', URL + "?page=2"),
    ],
)
def test_canonical_url(head: str, url: str) -> None:
    got = extract_article(page(head), URL + "?page=2", now=NOW)
    assert got.url == url


def test_declared_language_checked_against_the_text() -> None:
    french = page(lang="en").replace(
        TEXT.encode(),
        "Les responsables ont déclaré vendredi que les discussions reprendraient la semaine "
        "prochaine dans la capitale, après deux cycles sans accord sur le projet.".encode(),
    )
    assert extract_article(french, URL, now=NOW).language == "fr"


def test_extraction_is_frozen_and_aware() -> None:
    got = extract_article(page(), URL, now=NOW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.title = "x"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Extraction(url=URL, title="t", body="b", encoding="utf-8", published=datetime(2024, 1, 1))


def test_to_dict_is_plain_json_with_the_issue_keys() -> None:
    got = extract_article(page(), URL, now=NOW).to_dict()
    assert list(got) == [
        "url",
        "title",
        "subtitle",
        "authors",
        "agencies",
        "published",
        "published_source",
        "published_precision",
        "modified",
        "language",
        "section",
        "keywords",
        "body",
        "images",
        "pull_quotes",
        "comments",
        "encoding",
    ]
    assert json.loads(json.dumps(got)) == got


def test_comment_reply_to_only_when_it_answers_one() -> None:
    extraction = Extraction(
        url=URL,
        title="t",
        body="b",
        encoding="utf-8",
        comments=(Comment("first"), Comment("second", author="Ana", reply_to=0)),
    )
    assert extraction.to_dict()["comments"] == [
        {"author": None, "published": None, "text": "first"},
        {"author": "Ana", "published": None, "text": "second", "reply_to": 0},
    ]
