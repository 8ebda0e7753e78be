"""The demo news site, in process with a frozen clock: progressive publishing, conditional
GET, feeds a reader can parse, the seed article at home under the demo's origin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import pytest

from newsdesk.demo import demo_app, demo_sources

BASE = "http://127.0.0.1:8999"
EPOCH = datetime(2024, 5, 3, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = EPOCH

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(clock):
    return demo_app(BASE, EPOCH, 20.0, clock)


def get(app, path, **headers):
    return app.respond("GET", path, headers)


def header(response, name):
    return dict(response.headers)[name.encode()].decode()


def test_an_article_appears_every_20_seconds(app, clock):
    assert app.site.timeline.visible(clock()) == 30
    clock.now = EPOCH + timedelta(seconds=59)
    assert app.site.timeline.visible(clock()) == 32


def test_the_same_article_always_reads_the_same(app):
    article = app.site.article(12)
    assert article == demo_app(BASE, EPOCH, 20.0, Clock()).site.article(12)
    assert (article.title, article.path, article.published.isoformat()) == (
        "À Lyon, l'opposition réclame des élections anticipées",
        "/courrier/politique/2024/04/29/12-a-lyon-l-opposition-reclame-des-elections-anticipees.html",
        "2024-04-29T21:36:00+02:00",
    )


@pytest.mark.parametrize(
    ("k", "publisher", "language"),
    [(0, "levantpost", "en"), (1, "gulfcourier", "en"), (2, "courrier", "fr"),
     (3, "rundschau", "de"), (4, "sada", "ar")],
)  # fmt: skip
def test_five_publishers_in_four_languages(app, k, publisher, language):
    article = app.site.article(k)
    assert (article.publisher.id, article.publisher.language) == (publisher, language)


def test_a_wire_story_is_republished_by_the_next_publisher(app):
    first, copy = app.site.article(0), app.site.article(1)
    assert (first.agency, copy.agency) == ("AFP", "AFP")
    assert copy.title == "UPDATE 1-" + first.title
    assert copy.paragraphs == first.paragraphs


def test_a_new_entry_reaches_the_feed_once_published(app, clock):
    before = feedparser.parse(get(app, "/levantpost/feed.xml").body)
    clock.now = EPOCH + timedelta(seconds=100)  # articles 30..34: one for each publisher
    after = feedparser.parse(get(app, "/levantpost/feed.xml").body)
    new = {e.link for e in after.entries} - {e.link for e in before.entries}
    assert len(before.entries) == 6
    assert [link.removeprefix(BASE) for link in new] == [app.site.article(30).path]


def test_an_unpublished_article_is_a_404(app, clock):
    future = app.site.article(40)
    assert get(app, future.path).status == 404
    clock.now = EPOCH + timedelta(hours=1)
    assert get(app, future.path).status == 200


def test_conditional_get_answers_304(app):
    first = get(app, "/gulfcourier/atom.xml")
    again = get(app, "/gulfcourier/atom.xml", **{"if-none-match": header(first, "etag")})
    since = get(
        app, "/gulfcourier/atom.xml", **{"if-modified-since": header(first, "last-modified")}
    )
    assert (first.status, again.status, since.status) == (200, 304, 304)


@pytest.mark.parametrize(
    "path",
    ["/courrier/feed.xml", "/gulfcourier/atom.xml", "/rundschau/atom.xml", "/sada/feed.xml",
     "/levantpost/en/rss/syria.xml"],
)  # fmt: skip
def test_every_feed_parses(app, path):
    parsed = feedparser.parse(get(app, path).body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) >= 3


def test_the_seed_article_and_its_feed_point_at_the_demo(app):
    feed = feedparser.parse(get(app, "/levantpost/en/rss/syria.xml").body)
    links = [e.link for e in feed.entries]
    assert links == [
        f"{BASE}/levantpost/en/news/syria/549512-syrian-army-storms-al-qusayr",
        f"{BASE}/levantpost/en/news/lebanon/549488-lebanese-mps-fail-again-to-agree-on-electoral-law",
        f"{BASE}/levantpost/en/business/gulf/549470-gulf-bourses-edge-higher-on-bank-earnings",
    ]
    assert [get(app, link.removeprefix(BASE)).status for link in links] == [200, 200, 200]
    page = get(app, links[0].removeprefix(BASE)).body.decode()
    assert "http://www.levantpost.example.com" not in page
    assert f'<link rel="canonical" href="{links[0]}" />' in page


def test_section_pages_link_to_the_next_page(app, clock):
    clock.now = EPOCH + timedelta(hours=2)  # 360 more articles
    first = get(app, "/levantpost/politics/").body.decode()
    assert f'<a rel="next" href="{BASE}/levantpost/politics/page/2/">' in first
    assert first.count("<li>") == 10


def test_robots_txt_lists_every_sitemap(app):
    assert get(app, "/robots.txt").body.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /private/",
        "",
        f"Sitemap: {BASE}/levantpost/sitemap-news.xml",
        f"Sitemap: {BASE}/gulfcourier/sitemap-news.xml",
        f"Sitemap: {BASE}/courrier/sitemap-news.xml",
        f"Sitemap: {BASE}/rundschau/sitemap-news.xml",
        f"Sitemap: {BASE}/sada/sitemap-news.xml",
    ]


def test_demo_sources_cover_feeds_sitemaps_and_sections():
    levant = demo_sources(BASE, 60)[0]
    assert (levant.id, levant.interval_s, levant.language, levant.country) == (
        "levantpost", 60, "en", "LB",
    )  # fmt: skip
    assert levant.feeds == (f"{BASE}/levantpost/feed.xml", f"{BASE}/levantpost/en/rss/syria.xml")
    assert levant.sitemaps == (f"{BASE}/levantpost/sitemap-news.xml",)
    assert len(levant.sections) == 5
