"""Messy pages: wrong or missing charsets, malformed HTML, empty pages, future dates, the same
article under tracking-parameter URLs. Each is archived correctly or recorded with a reason.

First pages made here, through extraction alone; then the bench's bad-inputs publisher in
the crawl of the robust site (conftest.py), against the generator's ground truth.
"""

from __future__ import annotations

import json

import pytest
from robustkit import rows

from crawler.extract import NotAnArticle, extract_article
from crawler.urls import url_key

URL = "http://levant.example.com/news/2024/05/03/army-storms-qusayr-100123.html"
TITLE = "Army storms the town of Qusayr after weeks of siege"
PARAGRAPH = (
    "<p>The ministry said on Sunday that talks with the opposition would resume in Beirut "
    "next week, after two days of clashes.</p>"
)


def page(head: str = "", before: str = "", after: str = "", title: str = TITLE,
         charset: str = '<meta charset="utf-8">') -> str:  # fmt: skip
    return (
        f"<html><head>{charset}<title>{title} | The Post</title>{head}</head><body>{before}"
        f"<article><h1>{title}</h1>{PARAGRAPH * 5}</article>{after}</body></html>"
    )


MESSY = {
    "no charset anywhere": page(charset="").encode(),
    "an unknown charset": page(charset='<meta charset="x-no-such-charset">').encode(),
    "UTF-16 with a byte-order mark": page(charset="").encode("utf-16"),
    "a stray NUL byte": page().replace("Sunday", "Sun\x00day").encode(),
    "no html, head or body": (f"<h1>{TITLE}</h1>" + PARAGRAPH * 5).encode(),
    "nothing closed": f"<html><head><title>{TITLE}<body><h1>{TITLE}<p>{PARAGRAPH * 5}<!--".encode(),
    "JSON-LD nested 100,000 deep": page(
        head='<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    ).encode(),
    "JSON-LD with a number for a type": page(
        head='<script type="application/ld+json">{"@type": 1, "headline": 2}</script>'
    ).encode(),
    "a UTC offset of 99 hours": page(
        head='<meta property="article:published_time" content="2024-05-03T10:15:00+99:00">'
    ).encode(),
    "a date in 2099": page(
        head='<meta property="article:published_time" content="2099-01-01T09:00:00+02:00">'
    ).encode(),
    "a canonical link with tracking parameters": page(
        head=f'<link rel="canonical" href="{URL}?utm_source=rss&amp;utm_medium=feed#comments">'
    ).encode(),
}


#: The date the URL gives: these pages state none, or none that is usable.
URL_DATE = "2024-05-03 00:00:00+00:00"
#: A time printed with an impossible offset is read as a time with none (UTC here: the
#: source declares no zone).
PUBLISHED = {"a UTC offset of 99 hours": "2024-05-03 10:15:00+00:00"}


@pytest.mark.parametrize("name", sorted(MESSY))
def test_messy_pages_are_read(name):
    """Archived as the article they are: its title, its five paragraphs, its date, its
    clean URL."""
    extraction = extract_article(MESSY[name], URL + "?utm_source=twitter")
    assert (extraction.title, len(extraction.paragraphs)) == (TITLE, 5)
    assert "\x00" not in extraction.body
    assert str(extraction.published) == PUBLISHED.get(name, URL_DATE)
    assert extraction.url == URL


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b" \n\t ", "empty"),
        (bytes(range(256)) * 8, "not-html"),
        (page(charset="").encode("utf-16-le"), "not-html"),  # no byte-order mark: binary
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "not-html"),
        (page(before="<div>" * 100_000, after="</div>" * 100_000).encode(), "no-body"),
    ],
    ids=["empty", "whitespace", "binary", "utf-16-without-bom", "a-feed", "nested-past-the-parser"],
)
def test_pages_that_are_not_articles_say_why(body, reason):
    with pytest.raises(NotAnArticle) as dropped:
        extract_article(body, URL)
    assert dropped.value.reason == reason


# -- the bad-inputs publisher, crawled -----------------------------------------------------------


def bad_pages(robust_crawl) -> dict[str, dict]:
    return {
        t["url_path"].rsplit("/badinputs.test", 1)[1]: t
        for t in robust_crawl.site.server.truth()
        if t["id"] is None
    }


def stored(robust_crawl, path: str) -> tuple | None:
    key = url_key(f"{robust_crawl.site.base}/badinputs.test{path}")
    found = rows(
        robust_crawl.archive,
        "SELECT a.title, a.body, a.published FROM article_urls u "
        "JOIN articles a ON a.id = u.article_id WHERE u.url_key = ?",
        (key,),
    )
    return found[0] if found else None


PAGES = [
    "/charset/latin1-declared-utf8.html",
    "/charset/utf8-declared-win1256.html",
    "/charset/win1256-declared-utf8.html",
    "/charset/win1256-undeclared.html",
    "/malformed/no-skeleton.html",
    "/malformed/unclosed.html",
    "/future/2099-article.html",
    "/news/dup-story.html",
]


@pytest.mark.bench_site
@pytest.mark.slow
@pytest.mark.parametrize("path", PAGES)
def test_bad_input_pages_are_archived_as_the_truth_says(robust_crawl, path):
    truth = bad_pages(robust_crawl)[path]
    title, body, _ = stored(robust_crawl, path)
    assert " ".join(title.split()) == " ".join(truth["title"].split())
    assert [" ".join(p.split()) for p in body.split("\n\n")] == [
        " ".join(p.split()) for p in truth["body"]
    ]


@pytest.mark.bench_site
@pytest.mark.slow
def test_a_date_in_the_future_is_not_kept(robust_crawl):
    """The page says 2099: the date its feed gives is kept instead."""
    assert stored(robust_crawl, "/future/2099-article.html")[2] == "2024-03-01T09:30:00Z"


@pytest.mark.bench_site
@pytest.mark.slow
def test_tracking_parameter_urls_lead_to_one_article(robust_crawl):
    aliases = bad_pages(robust_crawl)["/news/dup-story.html"]["alias_url_paths"]
    assert len(aliases) == 3
    found = {stored(robust_crawl, a.split("/badinputs.test", 1)[1])[0] for a in aliases}
    assert found == {stored(robust_crawl, "/news/dup-story.html")[0]}


@pytest.mark.bench_site
@pytest.mark.slow
def test_empty_and_huge_pages_are_recorded(robust_crawl):
    (dropped,) = rows(
        robust_crawl.archive,
        "SELECT dropped_by_reason FROM run_sources WHERE run_id = 1 AND source_id = 'badinputs'",
    )
    assert json.loads(dropped[0]) == {"empty": 1}
    assert stored(robust_crawl, "/empty.html") is None
    assert stored(robust_crawl, "/huge/20mb.html") is None  # too large: see test_fetch_faults


@pytest.mark.bench_site
@pytest.mark.slow
def test_bad_pages(robust_crawl):
    """Moved from tests/crawler/test_crawl_bench.py, assertions unchanged."""
    archive = robust_crawl.archive
    (dup,) = rows(
        archive,
        "SELECT count(*) FROM articles WHERE url_key LIKE '%/badinputs.test/news/dup-story.html'",
    )[0]
    future = rows(
        archive, "SELECT published FROM articles WHERE url_key LIKE '%/future/2099-article.html'"
    )[0]
    dropped = json.loads(
        rows(
            archive,
            "SELECT dropped_by_reason FROM run_sources WHERE run_id = 1 AND source_id = 'badinputs'",
        )[0][0]
    )
    charset = rows(
        archive,
        "SELECT a.title FROM article_urls u JOIN articles a ON a.id = u.article_id "
        "WHERE u.url_key LIKE '%/badinputs.test/charset/%' ORDER BY u.url_key",
    )
    assert dup == 1
    assert future is not None and (future[0] is None or future[0] < "2030")
    assert dropped.get("empty") == 1
    assert len(charset) == 4 and all("\ufffd" not in t and "Ø" not in t for (t,) in charset)
