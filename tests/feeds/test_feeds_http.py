"""newsdesk serve: validators and 304s, gzip, errors, pages, read-only SQL, live updates."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import time
from urllib.parse import quote

import feedfixture
import pytest
from conftest import Server, feed_files, get

from archive import open_archive, parse_config
from archive.writes import set_labels, upsert_article
from feeds.app import Request, create_app
from feeds.documents import FeedSettings
from feeds.http import Response
from feeds.publish import publish

FEED = "feeds/all.atom"


def test_feed_has_validators_and_cache_control(server):
    status, headers, body = get(server.url + FEED)
    assert status == 200
    assert headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert headers["cache-control"] == "public, max-age=300"
    assert headers["last-modified"] == "Sat, 04 May 2024 08:30:00 GMT"
    assert headers["etag"].startswith('"') and headers["content-length"] == str(len(body))


def test_if_none_match_is_answered_304(server):
    _, headers, _ = get(server.url + FEED)
    status, again, body = get(server.url + FEED, {"If-None-Match": headers["etag"]})
    assert (status, body, again["etag"]) == (304, b"", headers["etag"])


@pytest.mark.parametrize(
    ("since", "status"),
    [("Sat, 04 May 2024 08:30:00 GMT", 304), ("Sun, 05 May 2024 00:00:00 GMT", 304),
     ("Sat, 04 May 2024 08:29:59 GMT", 200), ("not a date", 200)],
)  # fmt: skip
def test_if_modified_since(server, since, status):
    assert get(server.url + FEED, {"If-Modified-Since": since})[0] == status


def test_gzip_when_asked(server):
    _, plain_headers, plain = get(server.url + FEED)
    status, headers, body = get(server.url + FEED, {"Accept-Encoding": "gzip"})
    assert (status, headers["content-encoding"], headers["vary"]) == (
        200,
        "gzip",
        "Accept-Encoding",
    )
    assert gzip.decompress(body) == plain
    assert headers["etag"] != plain_headers["etag"]
    assert (
        get(server.url + FEED, {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})[0]
        == 304
    )


def test_head_has_headers_and_no_body(server):
    status, headers, body = get(server.url + FEED, method="HEAD")
    assert (status, body) == (200, b"") and int(headers["content-length"]) > 1000


@pytest.mark.parametrize(
    "path",
    ["feeds/topic/nope.rss", "feeds/region/zz.rss", "feeds/region/SY.rss", "feeds/source/nope.atom",
     "feeds/query/nope.json", "feeds/all/archive/2.rss", "feeds/all/archive/0.rss", "feeds/all.xml",
     "nope"],
)  # fmt: skip
def test_unknown_paths_are_404(server, path):
    assert get(server.url + path)[0] == 404


def test_post_is_refused(server):
    assert get(server.url + FEED, method="POST")[0] == 405


def test_served_feeds_are_the_published_bytes(server, fixture_archive, tmp_path):
    config = parse_config(feedfixture.SOURCES_TOML)
    publish(fixture_archive, config, FeedSettings(server.url, 4), tmp_path, archives=True)
    for relpath, data in feed_files(tmp_path).items():
        assert get(server.url + relpath)[2] == data, relpath


def test_index_lists_every_feed_with_autodiscovery(server):
    status, headers, body = get(server.url)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert body.count(b'<link rel="alternate" type="application/') == 19 * 3


def test_opml_lists_every_feed(server):
    status, headers, body = get(server.url + "feeds.opml")
    assert status == 200 and headers["content-type"] == "text/x-opml; charset=utf-8"
    assert body.count(b'<outline type="rss"') == 19


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("q=ceasefire", ["Ceasefire talks resume in Geneva"]),
        (
            "region=sy&topic=politics",
            ["استئناف محادثات وقف إطلاق النار في جنيف", "Ceasefire talks resume in Geneva"],
        ),
        ("source=sahelinfo", ["Inondations à Niamey : des milliers de sinistrés"]),
        ("q=nothingmatches", []),
    ],
)
def test_search_feed(server, query, titles):
    status, _, body = get(server.url + "feeds/search.json?" + query)
    assert status == 200
    assert [i["title"] for i in json.loads(body)["items"]] == titles


def test_search_page(server):
    status, _, body = get(server.url + "search?q=ceasefire")
    assert status == 200 and "Ceasefire talks resume in Geneva" in body.decode()
    assert b'href="' + server.url.encode() + b'feeds/search.atom?q=ceasefire"' in body


def test_sql_json_and_csv(server):
    status, _, body = get(
        server.url + "sql?q=select+source_id,+count(*)+as+n+from+articles+group+by+1+order+by+1"
    )
    assert status == 200
    assert json.loads(body)["rows"] == [
        ["gulfdaily", 1],
        ["levantpost", 2],
        ["sahelinfo", 1],
        ["wirenews", 3],
    ]
    status, headers, body = get(server.url + "sql?q=select+1+as+one&format=csv")
    assert (status, headers["content-type"], body) == (200, "text/csv; charset=utf-8", b"one\n1\n")


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("delete from articles", "refused: delete articles"),
        ("with recursive n(i) as (select 1 union all select i+1 from n) select count(*) from n",
         "time limit of 0.2 s"),
        ("select nope", "no such column: nope"),
    ],
)  # fmt: skip
def test_sql_errors(server, sql, message):
    status, _, body = get(server.url + "sql?time_limit=0.2&q=" + quote(sql))
    assert status == 400 and message in json.loads(body)["error"]


def test_healthz(server):
    status, _, body = get(server.url + "healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_feeds_follow_the_archive_while_the_crawler_writes(fixture_archive, tmp_path):
    """A write transaction held open never fails a reader (WAL); after the commit the feed
    has the new article and a new ETag."""
    archive_path = tmp_path / "archive.db"
    shutil.copy(fixture_archive, archive_path)
    running = Server(archive_path, tmp_path)
    try:
        _, headers, _ = get(running.url + FEED)
        writer = open_archive(archive_path)
        try:
            with writer.transaction() as conn:
                article, _ = feedfixture.ARTICLES[4]
                moved = feedfixture.Article(**{**article.__dict__, "url": "https://sahel.example.com/fr/new",
                                               "url_key": "sahel.example.com/fr/new", "title": "Nouvelles pluies"})  # fmt: skip
                result = upsert_article(conn, moved, now=feedfixture.RECRAWLED_AT)
                set_labels(conn, result.article_id, [])
                during = [
                    get(running.url + p)[0] for p in (FEED, "feeds/region/sy.rss", "sql?q=select+1")
                ]
        finally:
            writer.close()
        assert during == [200, 200, 200]
        time.sleep(0.3)
        status, after, body = get(running.url + FEED, {"If-None-Match": headers["etag"]})
        assert status == 200 and b"<title>Nouvelles pluies</title>" in body
        assert after["etag"] != headers["etag"]
    finally:
        running.stop()


def test_the_service_can_add_routes(fixture_archive):
    config = parse_config(feedfixture.SOURCES_TOML)
    app = create_app(fixture_archive, config, FeedSettings(feedfixture.BASE_URL, 4))

    async def status(request: Request) -> Response:
        return Response(200, b"running", [(b"content-type", b"text/plain")])

    app.route("/status", status)
    try:
        response = asyncio.run(app.handle(Request("GET", "/status", {}, {})))
        feed = asyncio.run(app.handle(Request("GET", "/feeds/all.rss", {}, {})))
    finally:
        app.close()
    assert (response.status, response.body) == (200, b"running")
    assert feed.status == 200 and feed.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
