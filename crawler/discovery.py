"""Discovery: which article URLs a source offers, from its feeds, sitemaps and section pages.

Pure functions over downloaded bytes. Every parser here is hostile-input safe: XML with a
DTD that declares entities is refused before any parser sees it (entity-expansion bombs,
external entities), lxml runs with entity resolution and network access off, gzip is
inflated with a size cap, and sitemap recursion is bounded by the caller.
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree, html

from .urls import canonical_url

MAX_INFLATED_BYTES = 50 * 1024 * 1024
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class DiscoveryError(Exception):
    """A feed, sitemap or listing page we cannot use. ``kind`` is a short slug for the run
    summary (``unsafe-xml``, ``not-a-feed``, ``bad-xml``, ``too-large``, ``bad-gzip``)."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Listing:
    """An article URL as a feed, sitemap or section page announced it."""

    url: str
    published: datetime | None = None
    modified: datetime | None = None
    title: str | None = None
    via: str = "feed"  # feed, sitemap or section


def merge_listings(first: Listing, other: Listing) -> Listing:
    """One article announced twice (feed and sitemap, say): keep what each one knows."""
    published, via = first.published, first.via
    if published is None and other.published is not None:
        published, via = other.published, other.via
    modified = max((m for m in (first.modified, other.modified) if m is not None), default=None)
    return Listing(first.url, published, modified, first.title or other.title, via)


@dataclass(frozen=True)
class FeedResult:
    listings: tuple[Listing, ...]
    title: str | None
    warning: str | None = None  # set when a malformed feed was recovered


@dataclass(frozen=True)
class SitemapResult:
    is_index: bool
    sitemaps: tuple[tuple[str, datetime | None], ...]  # child sitemaps of an index
    listings: tuple[Listing, ...]


def refuse_entities(data: bytes) -> None:
    """Refuse XML that declares entities: legitimate feeds and sitemaps never need them.

    The whole document is searched: a comment of any length may come before the DOCTYPE.
    """
    if _DOCTYPE.search(data) and _ENTITY_DECL.search(data):
        raise DiscoveryError("unsafe-xml", "XML declares entities (possible XML bomb or XXE)")


def inflate(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Gunzip ``.xml.gz`` sitemaps, refusing to inflate past ``limit`` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise DiscoveryError("bad-gzip", f"corrupt gzip data: {exc}") from None
    if len(out) > limit:
        raise DiscoveryError("too-large", f"inflates to more than {limit // 2**20} MB")
    return out


#: A listing date this far past now is no evidence (a correct date in the wrong zone can
#: look up to 14 hours ahead): the same rule as for the dates a page shows.
FUTURE_TOLERANCE = timedelta(hours=14)


def _usable(value: datetime | None) -> datetime | None:
    """A listing's date, or None if it is not a moment we can store: in the future, or
    too close to year 1 or 9999 to be written in UTC."""
    if value is None:
        return None
    try:
        instant = value.astimezone(UTC)
    except OverflowError:
        return None
    return None if instant > datetime.now(UTC) + FUTURE_TOLERANCE else value


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return _usable(value if value.tzinfo else value.replace(tzinfo=UTC))


def _parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return _utc(datetime.fromisoformat(text))
        return _utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _entry_date(entry: Any, key: str) -> datetime | None:
    """A feed entry's date with the offset the feed states (feedparser's parsed value is
    UTC); the offset tells the publisher's zone (see crawler.work)."""
    raw = dict.get(entry, key)
    if raw:
        try:
            value = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            value = None
        if value is None:
            value = _parse_iso(raw)
        if value is not None and value.tzinfo is not None:
            return _usable(value)
    return _struct_time(dict.get(entry, f"{key}_parsed"))


def _struct_time(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return _usable(datetime(*value[:6], tzinfo=UTC))  # type: ignore[index, misc]
    except (TypeError, ValueError):
        return None


def parse_feed(data: bytes, url: str) -> FeedResult:
    """RSS 0.9x/1.0/2.0 or Atom -> the article URLs it lists, with their dates."""
    if not data.strip():
        raise DiscoveryError("empty", "empty response")
    refuse_entities(data)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        looks_html = data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))
        what = "an HTML page" if looks_html else "not RSS or Atom"
        raise DiscoveryError("not-a-feed", f"{what} at a feed URL")
    listings = []
    for entry in entries:
        link = entry.get("link") or ""
        if not link:
            for candidate in entry.get("links") or ():
                if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                    link = candidate["href"]
                    break
        if not link and entry.get("guidislink"):
            link = entry.get("id") or ""
        if not link:
            continue
        absolute = urljoin(url, link.strip())
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        listings.append(
            Listing(
                url=absolute,
                # _entry_date reads the entry dict directly: feedparser's own get() maps a
                # missing "updated" to "published" (its issue 310) and warns; we want each as
                # the feed states it. RSS 1.0's dc:date arrives as "updated": it is the
                # publication date.
                published=_entry_date(entry, "published") or _entry_date(entry, "updated"),
                modified=_entry_date(entry, "updated"),
                title=entry.get("title"),
                via="feed",
            )
        )
    warning = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not listings:
            raise DiscoveryError("bad-xml", f"feed is not well-formed: {exc}")
        warning = f"feed is not well-formed, {len(listings)} entries recovered: {exc}"
    return FeedResult(tuple(listings), parsed.get("feed", {}).get("title"), warning)


_XML_PARSER_OPTIONS = dict(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False
)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, url: str) -> SitemapResult:
    """A sitemap index or urlset (gzipped or not, with ``news:`` and ``lastmod``), or a
    plain-text sitemap (one URL per line)."""
    data = inflate(data)
    if not data.strip():
        raise DiscoveryError("empty", "empty sitemap")
    if not data.lstrip().startswith(b"<"):
        lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
        urls = [u for u in lines if u.startswith(("http://", "https://"))]
        return SitemapResult(False, (), tuple(Listing(u, via="sitemap") for u in urls))
    refuse_entities(data)
    parser = etree.XMLParser(**_XML_PARSER_OPTIONS)  # type: ignore[arg-type]
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError("bad-xml", f"sitemap is not well-formed: {exc}") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = []
        for node in root:
            if _local(node.tag) != "sitemap":
                continue
            fields = {_local(c.tag): (c.text or "").strip() for c in node}
            if fields.get("loc"):
                children.append((urljoin(url, fields["loc"]), _parse_iso(fields.get("lastmod"))))
        return SitemapResult(True, tuple(children), ())
    if kind != "urlset":
        raise DiscoveryError("not-a-sitemap", f"root element is <{kind}>, not a sitemap")
    listings = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = lastmod = published = title = None
        for child in node:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = _parse_iso(child.text)
            elif name == "news":
                for item in child.iter():
                    item_name = _local(item.tag)
                    if item_name == "publication_date":
                        published = _parse_iso(item.text)
                    elif item_name == "title":
                        title = (item.text or "").strip() or None
        if loc:
            listings.append(Listing(urljoin(url, loc), published, lastmod, title, via="sitemap"))
    return SitemapResult(False, (), tuple(listings))


def robots_sitemaps(text: str, scope: str) -> list[str]:
    """``Sitemap:`` lines of robots.txt that belong to the source at ``scope`` (its home URL).

    A robots.txt can list the sitemaps of several publishers sharing a host; we keep those
    under the source's own URL prefix (or, for a source at the root of its host, the host).
    """
    found = []
    scope_parts = urlsplit(scope)
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() != "sitemap":
            continue
        sitemap = value.strip()
        parts = urlsplit(sitemap)
        if parts.scheme not in ("http", "https"):
            continue
        same_host = parts.hostname == scope_parts.hostname
        if scope_parts.path.strip("/") and not sitemap.startswith(scope.rstrip("/") + "/"):
            continue
        if same_host or not scope_parts.path.strip("/"):
            found.append(sitemap)
    return found


def _parse_html(data: bytes, url: str) -> html.HtmlElement | None:
    if not data.strip():
        return None
    try:
        return html.fromstring(data, base_url=url)
    except (etree.ParserError, ValueError):
        return None


def feed_links(data: bytes, url: str) -> list[str]:
    """Feed autodiscovery: ``<link rel="alternate" type="application/rss+xml" href>``."""
    doc = _parse_html(data, url)
    if doc is None:
        return []
    found = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if (
            "alternate" in rel
            and kind
            in (
                "application/rss+xml",
                "application/atom+xml",
                "application/feed+json",
                "application/rdf+xml",
            )
            and link.get("href")
        ):
            found.append(urljoin(url, link.get("href").strip()))
    return list(dict.fromkeys(found))


# -- section (listing) pages -----------------------------------------------------------------

_NOT_ARTICLE_SEGMENTS = {
    "tag",
    "tags",
    "author",
    "authors",
    "category",
    "categories",
    "topic",
    "topics",
    "search",
    "page",
    "about",
    "contact",
    "privacy",
    "terms",
    "subscribe",
    "login",
    "register",
    "newsletter",
    "newsletters",
    "account",
    "feed",
    "feeds",
    "rss",
    "cookies",
    "advertise",
    "jobs",
    "careers",
    "help",
    "static",
    "media",
    "assets",
    "wp-content",
    "wp-admin",
    "cdn-cgi",
    "private",
}
_NOT_ARTICLE_EXT = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|pdf|css|js|xml|rss|atom|json|zip|mp3|mp4|ico|txt)$", re.I
)
_DATE_PATH = re.compile(r"/(19|20)\d{2}/\d{1,2}(/\d{1,2})?/")
_LONG_NUMBER = re.compile(r"\d{4,}")
_NEXT_WORDS = re.compile(
    r"^\s*(next|older|more|suivant|suivante|plus|weiter|nächste|vor|التالي|التالية|»|›|>)\s*",
    re.I,
)
_PAGE_URL = re.compile(r"(/page/\d+/?$|[?&](page|p|seite)=\d+|/p?\d{1,3}\.html?$)", re.I)


def looks_like_article(url: str, section_url: str) -> bool:
    """A generic guess from the URL alone, used only for links on section pages."""
    parts = urlsplit(url)
    path = parts.path
    if _NOT_ARTICLE_EXT.search(path) or _PAGE_URL.search(url):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments or any(s.lower() in _NOT_ARTICLE_SEGMENTS for s in segments):
        return False
    if canonical_url(url) == canonical_url(section_url):
        return False
    last = segments[-1].rsplit(".", 1)[0]
    words = re.split(r"[-_]+", last)
    return bool(
        _DATE_PATH.search(path)
        or _LONG_NUMBER.search(path)
        or len(words) >= 4
        or (len(segments) >= 2 and path.endswith((".html", ".htm", ".shtml")))
    )


def _in_scope(url: str, scope: str) -> bool:
    parts, scope_parts = urlsplit(url), urlsplit(scope)
    if parts.hostname != scope_parts.hostname:
        return False
    prefix = scope_parts.path.rstrip("/")
    return not prefix or parts.path.startswith(prefix + "/")


@dataclass(frozen=True)
class SectionPage:
    articles: tuple[str, ...]
    next_pages: tuple[str, ...]


def parse_section(
    data: bytes,
    url: str,
    scope: str,
    *,
    patterns: tuple[re.Pattern[str], ...] = (),
    excludes: tuple[re.Pattern[str], ...] = (),
) -> SectionPage:
    """Article links and next-page links of a listing page.

    With ``patterns`` (sources.toml ``article_patterns``), a link is an article when one
    matches; without, :func:`looks_like_article` guesses. Links leave the source's scope
    (its home URL) never.
    """
    doc = _parse_html(data, url)
    if doc is None:
        return SectionPage((), ())
    articles: dict[str, None] = {}
    pages: dict[str, None] = {}
    for link in doc.xpath("//link[@rel='next'][@href]"):
        pages[urljoin(url, link.get("href").strip())] = None
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = canonical_url(urljoin(url, href))
        if not _in_scope(target, scope) or any(p.search(target) for p in excludes):
            continue
        rel = (anchor.get("rel") or "").lower().split()
        text = anchor.text_content()
        is_next = "next" in rel or "next" in (anchor.get("class") or "").lower().split()
        if is_next or (_NEXT_WORDS.match(text) and len(text.strip()) < 20):
            pages[target] = None
            continue
        if patterns:
            if any(p.search(target) for p in patterns):
                articles[target] = None
        elif looks_like_article(target, url):
            articles[target] = None
        elif _PAGE_URL.search(target) and target.startswith(url.split("?")[0].rstrip("/")):
            pages[target] = None
    pages.pop(canonical_url(url), None)
    return SectionPage(tuple(articles), tuple(p for p in pages if p not in articles))
