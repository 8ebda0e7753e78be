import gzip
import re
from datetime import UTC, datetime

import pytest

from crawler.discovery import (
    DiscoveryError,
    feed_links,
    looks_like_article,
    parse_feed,
    parse_section,
    parse_sitemap,
    robots_sitemaps,
)

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Levant Post - Syria</title>
<link>http://www.levantpost.example.com/en/news/syria</link>
<item><title>Syrian army storms Al-Qusayr</title>
<link>http://www.levantpost.example.com/en/news/syria/549512-syrian-army-storms-al-qusayr</link>
<pubDate>Sun, 19 May 2013 20:31:00 +0300</pubDate>
<guid isPermaLink="true">http://www.levantpost.example.com/en/news/syria/549512-syrian-army-storms-al-qusayr</guid></item>
<item><title>Relative link</title><link>/en/news/lebanon/549488-mps</link></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://ex.com/"><title>RSS 1.0</title><link>http://ex.com/</link></channel>
<item rdf:about="http://ex.com/a-1"><title>One</title><link>http://ex.com/a-1</link>
<dc:date>2024-05-03T10:15:00+02:00</dc:date></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<link>http://ex.com/</link><description>d</description>
<item><title>Old style</title><link>http://ex.com/old-1</link></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:x</id>
<updated>2024-05-03T10:15:00Z</updated>
<entry><title>Entry</title><id>urn:e1</id>
<link rel="alternate" href="https://ex.com/news/entry-1"/>
<link rel="enclosure" href="https://ex.com/a.jpg"/>
<published>2024-05-03T08:00:00+02:00</published><updated>2024-05-04T09:00:00Z</updated></entry>
</feed>"""


def test_rss2():
    result = parse_feed(RSS2, "http://www.levantpost.example.com/en/rss/syria.xml")
    first, second = result.listings
    assert first.url.endswith("/549512-syrian-army-storms-al-qusayr")
    assert first.published == datetime(2013, 5, 19, 17, 31, tzinfo=UTC)
    assert second.url == "http://www.levantpost.example.com/en/news/lebanon/549488-mps"
    assert (result.title, result.warning) == ("Levant Post - Syria", None)


@pytest.mark.parametrize(
    ("data", "url", "published"),
    [
        (RSS1, "http://ex.com/a-1", datetime(2024, 5, 3, 8, 15, tzinfo=UTC)),
        (RSS091, "http://ex.com/old-1", None),
        (ATOM, "https://ex.com/news/entry-1", datetime(2024, 5, 3, 6, 0, tzinfo=UTC)),
    ],
)
def test_other_feed_formats(data, url, published):
    (listing,) = parse_feed(data, "http://ex.com/feed").listings
    assert (listing.url, listing.published) == (url, published)


def test_atom_updated_is_the_modification_time():
    (listing,) = parse_feed(ATOM, "https://ex.com/feed").listings
    assert listing.modified == datetime(2024, 5, 4, 9, 0, tzinfo=UTC)


BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>&xxe;</title><item><link>http://x/&xxe;</link></item></channel></rss>"""


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body><h1>Error</h1></body></html>", "not-a-feed"),
        (BOMB, "unsafe-xml"),
        (XXE, "unsafe-xml"),
        (b"<rss version='2.0'><channel><title>a & b</title><item><title>x", "bad-xml"),
    ],
)
def test_hostile_or_broken_feeds_are_refused(data, kind):
    with pytest.raises(DiscoveryError) as info:
        parse_feed(data, "http://ex.com/feed")
    assert info.value.kind == kind


def test_a_malformed_feed_with_entries_is_recovered_with_a_warning():
    data = RSS2.replace(b"<title>Relative link</title>", b"<title>R & D</title>")
    result = parse_feed(data, "http://www.levantpost.example.com/feed")
    assert len(result.listings) == 2
    assert result.warning and result.warning.startswith("feed is not well-formed, 2 entries")


INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://ex.com/sitemaps/2024-01.xml</loc><lastmod>2024-01-20T11:58:39-05:00</lastmod></sitemap>
<sitemap><loc>/sitemaps/2024-02.xml.gz</loc></sitemap>
</sitemapindex>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://ex.com/sport/2024/01/10/record-100000.html</loc><lastmod>2024-01-12T23:04:30-05:00</lastmod>
<news:news><news:publication><news:name>X</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-01-10T15:53:32-05:00</news:publication_date><news:title>Record</news:title></news:news></url>
<url><loc>http://ex.com/about</loc></url>
</urlset>"""


def test_sitemap_index():
    result = parse_sitemap(INDEX, "http://ex.com/sitemap_index.xml")
    assert result.is_index
    assert result.sitemaps == (
        ("http://ex.com/sitemaps/2024-01.xml", datetime(2024, 1, 20, 16, 58, 39, tzinfo=UTC)),
        ("http://ex.com/sitemaps/2024-02.xml.gz", None),
    )


@pytest.mark.parametrize("compress", [False, True])
def test_news_sitemap(compress):
    data = gzip.compress(URLSET) if compress else URLSET
    first, second = parse_sitemap(data, "http://ex.com/s.xml").listings
    assert first.url == "http://ex.com/sport/2024/01/10/record-100000.html"
    assert first.published == datetime(2024, 1, 10, 20, 53, 32, tzinfo=UTC)
    assert first.modified == datetime(2024, 1, 13, 4, 4, 30, tzinfo=UTC)
    assert (first.title, first.via) == ("Record", "sitemap")
    assert (second.url, second.published, second.modified) == ("http://ex.com/about", None, None)


def test_text_sitemap():
    data = b"http://ex.com/a-1\nhttps://ex.com/b-2\n\nnot a url\n"
    urls = [listing.url for listing in parse_sitemap(data, "http://ex.com/s.txt").listings]
    assert urls == ["http://ex.com/a-1", "https://ex.com/b-2"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (BOMB.replace(b"<rss", b"<urlset").replace(b"</rss>", b"</urlset>"), "unsafe-xml"),
        (b"\x1f\x8b\x08\x00garbage", "bad-gzip"),
        (b"<urlset><url><loc>http://x/</loc>", "bad-xml"),
        (b"<html><body>hi</body></html>", "not-a-sitemap"),
    ],
)
def test_bad_sitemaps(data, kind):
    with pytest.raises(DiscoveryError) as info:
        parse_sitemap(data, "http://ex.com/s.xml")
    assert info.value.kind == kind


def test_a_gzip_bomb_sitemap_is_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(DiscoveryError) as info:
        parse_sitemap(bomb, "http://ex.com/s.xml.gz")
    assert info.value.kind == "too-large"


ROBOTS = """User-agent: *
Disallow: /private/
Sitemap: http://127.0.0.1:8000/dailycourier.test/sitemap_index.xml
Sitemap: http://127.0.0.1:8000/alwaha.test/sitemap_index.xml
sitemap: https://cdn.example.net/sitemap.xml
"""


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (
            "http://127.0.0.1:8000/dailycourier.test/",
            ["http://127.0.0.1:8000/dailycourier.test/sitemap_index.xml"],
        ),
        (
            "http://127.0.0.1:8000/",
            [
                "http://127.0.0.1:8000/dailycourier.test/sitemap_index.xml",
                "http://127.0.0.1:8000/alwaha.test/sitemap_index.xml",
                "https://cdn.example.net/sitemap.xml",
            ],
        ),
    ],
)
def test_robots_sitemaps_are_scoped_to_the_source(scope, expected):
    assert robots_sitemaps(ROBOTS, scope) == expected


def test_feed_autodiscovery():
    page = b"""<html><head>
    <link rel="alternate" type="application/rss+xml" href="/en/rss/syria.xml">
    <link rel="alternate" type="application/atom+xml" href="https://ex.com/atom.xml">
    <link rel="alternate" hreflang="ar" href="/ar/">
    <link rel="stylesheet" href="/a.css"></head><body></body></html>"""
    assert feed_links(page, "https://ex.com/en/") == [
        "https://ex.com/en/rss/syria.xml",
        "https://ex.com/atom.xml",
    ]


SECTION = b"""<html><body><nav><a href="/">Home</a><a href="/politics/">Politics</a>
<a href="/tag/syria">Syria</a><a href="/author/jane-doe">Jane</a></nav>
<ul><li><a href="/politics/2024/05/03/talks-resume-in-geneva-100123.html?utm_source=home">Talks resume</a></li>
<li><a href="/politics/cabinet-approves-new-budget-plan">Budget</a></li>
<li><a href="https://other.example.org/politics/2024/05/03/elsewhere-1.html">Elsewhere</a></li>
<li><a href="/media/photo-100123.jpg">Photo</a></li></ul>
<a href="/politics/page/2/" class="next">Next</a><a href="/private/x">Private</a>
</body></html>"""


def test_section_page_links():
    page = parse_section(SECTION, "https://ex.com/politics/", "https://ex.com/")
    assert page.articles == (
        "https://ex.com/politics/2024/05/03/talks-resume-in-geneva-100123.html",
        "https://ex.com/politics/cabinet-approves-new-budget-plan",
    )
    assert page.next_pages == ("https://ex.com/politics/page/2/",)


def test_section_patterns_from_sources_toml():
    page = parse_section(
        SECTION,
        "https://ex.com/politics/",
        "https://ex.com/",
        patterns=(re.compile(r"/\d{4}/\d{2}/\d{2}/"),),
    )
    assert page.articles == (
        "https://ex.com/politics/2024/05/03/talks-resume-in-geneva-100123.html",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ex.com/world/2024/05/03/story/", True),
        ("https://ex.com/politik/bundestag-beschliesst-neues-gesetz-a-100123.html", True),
        ("https://ex.com/stories/20240503/100123.htm", True),
        ("https://ex.com/politics/", False),
        ("https://ex.com/politics/page/3/", False),
        ("https://ex.com/tag/syria", False),
        ("https://ex.com/about", False),
        ("https://ex.com/feeds/politics.rss", False),
    ],
)
def test_looks_like_article(url, expected):
    assert looks_like_article(url, "https://ex.com/politics/") is expected
