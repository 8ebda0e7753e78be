"""Hostile feeds and sitemaps: not well-formed XML, entity-expansion bombs, external entities
(XXE: a file, a DTD over the network, parameter entities, XInclude), an HTML page served as a
feed, sitemap loops and sitemaps nested too deep. Each is rejected safely and recorded with
its kind; nothing is read from the local disk or fetched for a DTD; memory stays bounded.

First the parsers on their own (no bench needed), then the crawl of the robust site
(conftest.py): the bench's bad-inputs publisher and hostile.test (robustsite.py).
"""

from __future__ import annotations

import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from robustkit import archive_text, rows
from robustsite import hostile_files

from crawler.discovery import DiscoveryError, parse_feed, parse_sitemap

SECRET = "newsdesk-secret-for-the-parsers"


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, bytes]:
    secret = tmp_path_factory.mktemp("secret") / "token.txt"
    secret.write_text(SECRET)
    return {
        name: (content.encode() if isinstance(content, str) else content)
        for name, content in hostile_files(secret).items()
    }


#: How each hostile document ends when parsed on its own: refused (the error kind), or read
#: as a feed or sitemap whose entities and inclusions stay unresolved.
PARSED = {
    "feeds/xxe.xml": "unsafe-xml",
    "feeds/xxe-padded.xml": "unsafe-xml",
    "feeds/bomb-padded.xml": "unsafe-xml",
    "feeds/parameter-entity.xml": "unsafe-xml",
    "feeds/external-dtd.xml": "read",
    "feeds/xinclude.xml": "read",
    "sitemaps/xxe.xml": "unsafe-xml",
    "sitemaps/external-dtd.xml": "read",
    "sitemaps/xinclude.xml": "read",
    "sitemaps/bomb.xml.gz": "too-large",
}


@pytest.mark.parametrize(("name", "outcome"), sorted(PARSED.items()))
def test_hostile_documents_are_refused_or_read_without_their_payload(documents, name, outcome):
    parse = parse_feed if name.startswith("feeds/") else parse_sitemap
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = parse(documents[name], "http://hostile.example/")
        got = "read"
    except DiscoveryError as exc:
        result, got = None, exc.kind
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert got == outcome
    assert SECRET not in repr(result)
    assert peak < 120 * 2**20  # the 60 MB sitemap is refused at the 50 MB cap
    assert time.monotonic() - started < 5


def gzip_bomb(mib: int) -> bytes:
    """A gzip stream of ``mib`` MiB of zeros, about a thousandth of that on the wire (made
    without compressing it all: after a full flush each MiB compresses to the same bytes)."""
    zeros = bytes(2**20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = b"\x03\x00" + struct.pack("<II", crc, (mib << 20) & 0xFFFFFFFF)
    return header + segment * mib + trailer


def test_a_gzipped_sitemap_bomb_is_refused_in_bounded_memory():
    bomb = gzip_bomb(1024)  # 1 GiB inflated
    tracemalloc.start()
    with pytest.raises(DiscoveryError) as refused:
        parse_sitemap(bomb, "http://hostile.example/sitemap.xml.gz")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (refused.value.kind, refused.value.reason) == (
        "too-large",
        "inflates to more than 50 MB",
    )
    assert peak < 120 * 2**20


@pytest.mark.parametrize(
    "head",
    ["", "<!-- " + "x" * 100_000 + " -->", "<?xml version='1.0'?>\n<!-- a -->\n" * 3000],
    ids=["plain", "after-a-long-comment", "after-many-comments"],
)
def test_a_doctype_declaring_entities_is_refused_wherever_it_is(head):
    data = f'{head}<!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"/>'.encode()
    with pytest.raises(DiscoveryError) as refused:
        parse_feed(data, "http://hostile.example/")
    assert refused.value.kind == "unsafe-xml"


@pytest.mark.parametrize(
    ("date", "published"),
    [
        ("Fri, 03 May 2024 10:15:00 +0300", "2024-05-03 10:15:00+03:00"),
        ("Fri, 31 Dec 9999 23:59:59 -1200", "None"),  # past year 9999 in UTC: unstorable
        ("0001-01-01T00:00:00+14:00", "None"),  # before year 1 in UTC
        ("Thu, 01 Jan 2099 00:00:00 GMT", "None"),  # in the future
    ],
)
def test_feed_dates_that_cannot_be_stored_are_ignored(date, published):
    feed = (
        '<rss version="2.0"><channel><title>t</title><item><link>http://x.example/a</link>'
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    )
    (listing,) = parse_feed(feed.encode(), "http://x.example/").listings
    assert str(listing.published) == published


# -- in a crawl ----------------------------------------------------------------------------------

#: The bench's bad feeds (moved here from tests/crawler/test_crawl_bench.py).
BAD_FEEDS = {
    "/badinputs.test/feeds/invalid.xml": "bad-xml",
    "/badinputs.test/feeds/billion-laughs.xml": "unsafe-xml",
    "/badinputs.test/feeds/xxe.xml": "unsafe-xml",
    "/badinputs.test/feeds/html-instead.rss": "not-a-feed",
    "/badinputs.test/feeds/empty.xml": "empty",
}
#: hostile.test, as the crawl records it: the refused documents, and the loop and depth.
HOSTILE = {
    "feeds/xxe.xml": "unsafe-xml",
    "feeds/xxe-padded.xml": "unsafe-xml",
    "feeds/bomb-padded.xml": "unsafe-xml",
    "feeds/parameter-entity.xml": "unsafe-xml",
    "feeds/external-dtd.xml": "feed-malformed",  # its undefined entity; one entry kept
    "sitemaps/xxe.xml": "unsafe-xml",
    "sitemaps/bomb.xml.gz": "too-large",
    "sitemaps/self.xml": "sitemap-loop",
    "sitemaps/deep-5.xml": "sitemap-depth",  # deep-1 -> ... -> deep-5 is an index too many
}


@pytest.mark.bench_site
@pytest.mark.slow
@pytest.mark.parametrize(("path", "kind"), sorted(BAD_FEEDS.items()))
def test_bad_feeds_are_recorded_with_their_reason(robust_crawl, path, kind):
    found = rows(
        robust_crawl.archive,
        "SELECT kind FROM fetch_errors WHERE url LIKE ? AND run_id = 1",
        ("%" + path,),
    )
    assert found == [(kind,)]


@pytest.mark.bench_site
@pytest.mark.slow
@pytest.mark.parametrize(("path", "kind"), sorted(HOSTILE.items()))
def test_hostile_feeds_and_sitemaps_are_recorded(robust_crawl, path, kind):
    url = f"{robust_crawl.site.base}/hostile.test/{path}"
    found = rows(robust_crawl.archive, "SELECT kind FROM fetch_errors WHERE url = ?", (url,))
    assert found == [(kind,)]


@pytest.mark.bench_site
@pytest.mark.slow
def test_nothing_else_of_hostile_test_is_an_error_but_its_404s(robust_crawl):
    """What was read (external DTD, XInclude) announced articles that do not exist; each of
    them was asked for once."""
    found = rows(
        robust_crawl.archive,
        "SELECT kind, http_status, substr(url, instr(url, '/news/')) FROM fetch_errors "
        "WHERE source_id = 'hostile' AND kind = 'http' ORDER BY url",
    )
    assert found == [
        ("http", 404, "/news/"),
        ("http", 404, "/news/&x.html"),
        ("http", 404, "/news/x.html"),
    ]


@pytest.mark.bench_site
@pytest.mark.slow
def test_no_file_content_reaches_the_archive(robust_crawl):
    text = archive_text(robust_crawl.archive)
    assert robust_crawl.site.secret not in text
    assert robust_crawl.site.secret not in robust_crawl.crawl.done.stdout
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    titles = {t for (t,) in rows(robust_crawl.archive, "SELECT title FROM articles")}
    assert hostname not in titles  # the bench's xxe.xml names /etc/hostname


@pytest.mark.bench_site
@pytest.mark.slow
def test_no_dtd_is_fetched(robust_crawl):
    assert [e["path"] for e in robust_crawl.log if str(e["path"]).endswith(".dtd")] == []


@pytest.mark.bench_site
@pytest.mark.slow
def test_a_sitemap_loop_is_read_once_and_recorded(robust_crawl):
    fetched = [
        e["path"]
        for e in robust_crawl.log
        if "/badinputs.test/sitemap" in str(e["path"]) and e["status"] == 200
    ]
    assert sorted(fetched) == [
        "/badinputs.test/sitemap_index.xml",
        "/badinputs.test/sitemaps/loop-a.xml",
        "/badinputs.test/sitemaps/loop-b.xml",
        "/badinputs.test/sitemaps/pages.xml",
    ]
    ((url, reason),) = rows(
        robust_crawl.archive,
        "SELECT url, reason FROM fetch_errors WHERE kind = 'sitemap-loop' AND source_id = 'badinputs'",
    )
    assert url.endswith("/loop-b.xml")
    assert reason.startswith("sitemap: lists sitemaps that list it (a loop): ")
