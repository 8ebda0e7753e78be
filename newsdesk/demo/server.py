"""Serving the demo site on loopback: a small ASGI app (uvicorn) with ETag, Last-Modified
and 304s, the way a real news site's CDN answers newsdesk's conditional requests.

Paths: ``/robots.txt``, ``/{publisher}/`` (home), ``/{publisher}/{section}/[page/N/]``,
``/{publisher}/feed.xml`` or ``atom.xml``, ``/{publisher}/sitemap-news.xml``, the articles,
and The Levant Post's seed article and Syria feed at their 2013 paths, with the fixture's
``www.levantpost.example.com`` origin rewritten to this server.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from feeds.http import Cached, Response, plain

from . import render
from .content import LANGUAGES, PUBLISHERS, SEED_SIDE_STORIES, TOPICS, Publisher
from .site import DemoArticle, DemoSite

SEED_ORIGIN = "http://www.levantpost.example.com"
SEED_ARTICLE = "/levantpost/en/news/syria/549512-syrian-army-storms-al-qusayr"
SEED_FEED = "/levantpost/en/rss/syria.xml"
SEED_SERVED_AT = datetime(2013, 5, 21, 9, 0, tzinfo=UTC)
#: A 1x1 transparent PNG for every image URL.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478"
    "9c6360000200000500017a5eab3f0000000049454e44ae426082"
)
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
CACHE_CONTROL = "public, max-age=10"
#: Documents kept (one version per path): the site is small, the articles many.
MAX_CACHED = 256

Clock = Callable[[], datetime]


def _seed_text(name: str, base: str) -> bytes:
    text = resources.files("newsdesk.demo").joinpath("seed", name).read_text(encoding="utf-8")
    text = text.replace(SEED_ORIGIN, f"{base}/levantpost")
    return re.sub(r'\b(href|src)="/(?!/)', rf'\1="{base}/levantpost/', text).encode("utf-8")


def _side_story(index: int) -> DemoArticle:
    path, title, standfirst, published, paragraphs = SEED_SIDE_STORIES[index]
    return DemoArticle(
        k=-1 - index,
        publisher=PUBLISHERS[0],
        topic="politics" if index == 0 else "economy",
        title=title,
        standfirst=standfirst,
        paragraphs=paragraphs,
        author=None,
        agency="AFP",
        published=datetime.fromisoformat(published),
        path=f"/levantpost{path}",
    )


class DemoApp:
    """ASGI app of the demo site; ``clock`` gives the current time (tests pass their own)."""

    def __init__(self, site: DemoSite, base: str, clock: Clock) -> None:
        self.site = site
        self.base = base.rstrip("/")
        self.clock = clock
        self._cache: OrderedDict[str, tuple[int, Cached]] = OrderedDict()
        self._static: dict[str, Callable[[], Cached]] = {
            "/": lambda: self._doc(render.root_page(self.base), HTML, site.timeline.epoch),
            "/robots.txt": lambda: self._doc(
                render.robots_txt(self.base), "text/plain; charset=utf-8", site.timeline.epoch
            ),
            SEED_FEED: lambda: self._doc(_seed_text("feed.xml", self.base), XML, SEED_SERVED_AT),
            SEED_ARTICLE: lambda: self._doc(
                _seed_text("article.html", self.base), HTML, SEED_SERVED_AT
            ),
        }
        for i in range(len(SEED_SIDE_STORIES)):
            story = _side_story(i)
            self._static[story.path] = lambda s=story: self._doc(  # type: ignore[misc]
                render.article_page(s, self.base), HTML, s.published
            )

    @staticmethod
    def _doc(body: bytes, content_type: str, modified: datetime) -> Cached:
        return Cached.build(body, content_type, last_modified=modified, cache_control=CACHE_CONTROL)

    # -- routing ------------------------------------------------------------------------

    def document(self, path: str) -> Cached | None:
        """The current document at ``path`` (None: 404), cached per site state."""
        now = self.clock()
        visible = self.site.timeline.visible(now)
        hit = self._cache.get(path)
        if hit is not None and hit[0] == visible:
            self._cache.move_to_end(path)
            return hit[1]
        cached = self._build(path, now)
        if cached is None:
            return None
        self._cache[path] = (visible, cached)
        self._cache.move_to_end(path)
        if len(self._cache) > MAX_CACHED:
            self._cache.popitem(last=False)
        return cached

    def _build(self, path: str, now: datetime) -> Cached | None:
        if path in self._static:
            return self._static[path]()
        parts = path.strip("/").split("/")
        publisher = next((p for p in PUBLISHERS if p.id == parts[0]), None)
        if publisher is None:
            return None
        if path == f"/{publisher.id}/":
            latest = self.site.latest(now, publisher, limit=15)
            return self._listing(publisher, publisher.name, latest, None)
        if path == render.feed_path(publisher):
            latest = self.site.latest(now, publisher, limit=20)
            make = render.atom_feed if publisher.feed_format == "atom" else render.rss_feed
            return self._dated(make(publisher, self.base, latest), XML, latest)
        if path == render.sitemap_path(publisher):
            latest = self.site.latest(now, publisher, limit=50)
            return self._dated(render.news_sitemap(publisher, self.base, latest), XML, latest)
        if path.endswith(".html"):
            article = self.site.find(now, path)
            if article is None:
                return None
            return self._doc(render.article_page(article, self.base), HTML, article.published)
        return self._section(publisher, path, now)

    def _section(self, publisher: Publisher, path: str, now: datetime) -> Cached | None:
        for topic in TOPICS:
            for page in range(1, render.MAX_PAGES + 1):
                if path != render.section_path(publisher, topic, page):
                    continue
                found = self.site.latest(
                    now, publisher, topic=topic, limit=page * render.PAGE_SIZE + 1
                )
                shown = found[(page - 1) * render.PAGE_SIZE : page * render.PAGE_SIZE]
                more = len(found) > page * render.PAGE_SIZE and page < render.MAX_PAGES
                next_path = render.section_path(publisher, topic, page + 1) if more else None
                title = LANGUAGES[publisher.language].sections[topic][1]
                return self._listing(publisher, title, shown, next_path)
        return None

    def _listing(
        self, publisher: Publisher, title: str, articles: list[DemoArticle], next_path: str | None
    ) -> Cached:
        body = render.listing_page(publisher, self.base, title, articles, next_path=next_path)
        return self._dated(body, HTML, articles)

    def _dated(self, body: bytes, content_type: str, articles: list[DemoArticle]) -> Cached:
        modified = articles[0].published if articles else self.site.timeline.epoch
        return self._doc(body, content_type, modified)

    # -- ASGI -----------------------------------------------------------------------------

    async def __call__(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[dict[str, Any]]],
        send: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            return
        response = self.respond(scope["method"], scope["path"], _headers(scope))
        await send(
            {"type": "http.response.start", "status": response.status, "headers": response.headers}
        )
        await send({"type": "http.response.body", "body": response.body})

    def respond(self, method: str, path: str, headers: dict[str, str]) -> Response:
        if method not in ("GET", "HEAD"):
            return plain(405, "only GET and HEAD")
        if "/media/" in path or path.endswith((".png", ".jpg", ".ico")):
            return Response(200, PIXEL, [(b"content-type", b"image/png")])
        cached = self.document(path)
        if cached is None:
            return plain(404, f"not found: {path}")
        return cached.respond(headers, head=method == "HEAD")


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
