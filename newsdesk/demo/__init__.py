"""The embedded demo: a small made-up news site (five publishers in English, French, German
and Arabic, with RSS or Atom feeds, news sitemaps and section pages, The Levant Post's 2013
seed article among them) that ``newsdesk run`` serves on loopback and crawls when no
``sources.toml`` is given, with new articles appearing every few seconds.
"""

from __future__ import annotations

from datetime import datetime

from archive import Source

from .content import PUBLISHERS, TOPICS
from .render import feed_path, section_path, sitemap_path
from .server import SEED_FEED, Clock, DemoApp
from .site import DemoSite, Timeline

__all__ = ["DEMO_SETTINGS", "DemoApp", "demo_app", "demo_sources"]

#: ``[settings]`` for crawling the demo: it is our own server on loopback, so no delay.
DEMO_SETTINGS = {"download_delay": 0.0, "concurrency_per_host": 4, "timeout": 10.0}
#: Which links on section pages are articles: dated paths (and the seed's 2013 paths).
ARTICLE_PATTERNS = (r"/\d{4}/\d{2}/\d{2}/\d+(-[a-z0-9-]+)?\.html$",)
SEED_PATTERNS = (r"/en/(news|business)/[a-z]+/\d+-",)


def demo_sources(base: str, interval_s: int) -> list[Source]:
    """One source per demo publisher, served at ``base`` (``http://127.0.0.1:PORT``)."""
    base = base.rstrip("/")
    sources = []
    for pub in PUBLISHERS:
        is_levant = pub.id == "levantpost"
        sources.append(
            Source(
                id=pub.id,
                name=pub.name,
                url=f"{base}/{pub.id}/",
                feeds=(base + feed_path(pub),) + ((base + SEED_FEED,) if is_levant else ()),
                sitemaps=(base + sitemap_path(pub),),
                sections=tuple(base + section_path(pub, t) for t in TOPICS),
                language=pub.language,
                country=pub.country,
                interval_s=interval_s,
                article_patterns=ARTICLE_PATTERNS + (SEED_PATTERNS if is_levant else ()),
            )
        )
    return sources


def demo_app(base: str, epoch: datetime, publish_every_s: float, clock: Clock) -> DemoApp:
    return DemoApp(DemoSite(Timeline(epoch, publish_every_s)), base, clock)
