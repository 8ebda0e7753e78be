"""OPML in and out: bring the feeds you already follow, take newsdesk's sources elsewhere.

Import reads any feed reader's export (Feedly, Miniflux, NetNewsWire, newsboat, Inoreader,
...), nested folders included, through defusedxml (no entity expansion, no external
entities). Feeds whose web pages share a host become one source with several feeds: one
publisher, one politeness budget. Folder names that match a topic become topic hints.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError, SubElement, indent, tostring

import tomli_w
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import ConfigError
from .sources import ID_PATTERN, Source, format_duration
from .taxonomy import TOPIC_BY_SLUG
from .timestamps import utcnow

MAX_OPML_BYTES = 20 * 1024 * 1024

#: Folder names readers use, mapped to topic slugs (lower case, exact words).
_FOLDER_TOPICS = {
    "politics": "politics",
    "world": None,
    "news": None,
    "business": "economy-business-finance",
    "economy": "economy-business-finance",
    "finance": "economy-business-finance",
    "markets": "economy-business-finance",
    "tech": "science-technology",
    "technology": "science-technology",
    "science": "science-technology",
    "sport": "sport",
    "sports": "sport",
    "football": "sport",
    "culture": "arts-culture-entertainment",
    "arts": "arts-culture-entertainment",
    "entertainment": "arts-culture-entertainment",
    "health": "health",
    "environment": "environment",
    "climate": "environment",
    "education": "education",
    "religion": "religion",
    "weather": "weather",
    "crime": "crime-law-justice",
    "justice": "crime-law-justice",
    "war": "conflict-war-peace",
    "conflict": "conflict-war-peace",
    "lifestyle": "lifestyle-leisure",
    "travel": "lifestyle-leisure",
    "food": "lifestyle-leisure",
}


@dataclass(frozen=True)
class OpmlFeed:
    title: str
    xml_url: str
    html_url: str | None
    folders: tuple[str, ...]  # enclosing outline titles, outermost first
    categories: tuple[str, ...] = ()  # OPML 2.0 category attribute values


def _attr(node: Element, name: str) -> str | None:
    """OPML attribute names vary in case between exporters (xmlUrl, xmlurl, XMLURL)."""
    wanted = name.lower()
    for key, value in node.attrib.items():
        if key.lower() == wanted and value and value.strip():
            return value.strip()
    return None


def parse_opml(data: bytes, name: str = "OPML file") -> list[OpmlFeed]:
    if len(data) > MAX_OPML_BYTES:
        raise ConfigError(f"{name}: larger than {MAX_OPML_BYTES // 2**20} MB, not an OPML export")
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise ConfigError(f"{name}: not a well-formed OPML file: {exc}") from None
    if root.tag.lower() != "opml":
        raise ConfigError(f"{name}: the root element is <{root.tag}>, not <opml>")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    if body is None:
        raise ConfigError(f"{name}: no <body> element")
    feeds: list[OpmlFeed] = []

    def walk(node: Element, folders: tuple[str, ...]) -> None:
        for child in node:
            if child.tag.lower() != "outline":
                continue
            title = _attr(child, "title") or _attr(child, "text") or ""
            xml_url = _attr(child, "xmlUrl")
            if xml_url:
                parts = urlsplit(xml_url)
                if parts.scheme in ("http", "https") and parts.netloc:
                    cats = tuple(
                        c.strip().strip("/").lower()
                        for c in (_attr(child, "category") or "").split(",")
                        if c.strip()
                    )
                    feeds.append(
                        OpmlFeed(
                            title or parts.netloc, xml_url, _attr(child, "htmlUrl"), folders, cats
                        )
                    )
            walk(child, (*folders, title) if title and not xml_url else folders)

    walk(body, ())
    return feeds


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > 48:  # cut at a word boundary
        slug = slug[:49].rsplit("-", 1)[0]
    return slug


def _common_title(titles: Sequence[str]) -> str:
    """ "BBC News - World" + "BBC News - Business" -> "BBC News"."""
    prefix = os.path.commonprefix(list(titles))  # noqa: RUF071 (characters wanted)
    if any(len(t) > len(prefix) and t[len(prefix)].isalnum() for t in titles):
        prefix = prefix[: len(prefix) - len(re.split(r"\W", prefix)[-1])]  # no half words
    prefix = prefix.strip(" -–—:|·»/")
    return prefix if len(prefix) >= 3 else titles[0]


def _topic_hints(feeds: Iterable[OpmlFeed]) -> tuple[str, ...]:
    hints: list[str] = []
    for feed in feeds:
        words = [w for f in feed.folders for w in re.findall(r"[a-z]+", f.lower())]
        words += list(feed.categories)
        for word in words:
            slug = word if word in TOPIC_BY_SLUG else _FOLDER_TOPICS.get(word)
            if slug and slug not in hints:
                hints.append(slug)
    return tuple(hints)


def feeds_to_sources(feeds: Sequence[OpmlFeed], existing: Sequence[Source] = ()) -> list[Source]:
    """Group new feeds into sources; feeds already declared in ``existing`` are skipped."""
    known_feeds = {url for src in existing for url in src.feeds}
    used_ids = {src.id for src in existing}
    groups: dict[str, list[OpmlFeed]] = {}
    for feed in feeds:
        if feed.xml_url in known_feeds:
            continue
        known_feeds.add(feed.xml_url)
        # One publisher per web host; a feed with no web page stays on its own (feedburner
        # and similar hosts serve many unrelated publishers).
        key = urlsplit(feed.html_url).netloc.lower() if feed.html_url else feed.xml_url
        groups.setdefault(key.removeprefix("www."), []).append(feed)

    sources = []
    for group in groups.values():
        name = _common_title([f.title for f in group])
        base = (
            _slugify(name)
            or _slugify(urlsplit(group[0].html_url or group[0].xml_url).netloc.removeprefix("www."))
            or "source"
        )
        if not ID_PATTERN.match(base):
            base = f"s-{base}"[:48]
        source_id, n = base, 2
        while source_id in used_ids:
            source_id, n = f"{base}-{n}", n + 1
        used_ids.add(source_id)
        first = group[0]
        home = first.html_url or "{0.scheme}://{0.netloc}/".format(urlsplit(first.xml_url))
        sources.append(
            Source(
                id=source_id,
                name=name,
                url=home,
                feeds=tuple(f.xml_url for f in group),
                topics=_topic_hints(group),
            )
        )
    return sources


def sources_to_toml(sources: Sequence[Source]) -> str:
    """``[[source]]`` blocks for appending to sources.toml (defaults left out)."""
    defaults = Source(id="x", name="x", url="http://x/")
    entries = []
    for src in sources:
        entry: dict[str, object] = {}
        for key, value in src.__dict__.items():
            if key in ("id", "name", "url") or value != getattr(defaults, key):
                if key == "interval_s":
                    entry["interval"] = format_duration(int(value))
                else:
                    entry[key] = list(value) if isinstance(value, tuple) else value
        entries.append(entry)
    return tomli_w.dumps({"source": entries})


def append_sources(path: str | Path, sources: Sequence[Source]) -> None:
    """Append to sources.toml without touching what is there (comments included)."""
    path = Path(path)
    if not sources:
        return
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    stamp = f"# Imported from OPML on {utcnow():%Y-%m-%d}\n"
    path.write_text(old + separator + stamp + sources_to_toml(sources), encoding="utf-8")


def sources_to_opml(sources: Sequence[Source], title: str = "newsdesk sources") -> bytes:
    """OPML 2.0 with one outline per feed, in a folder per source with several feeds."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(utcnow().replace(microsecond=0))
    SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = SubElement(root, "body")
    for src in sources:
        for feed_url in src.feeds:
            attrs = {
                "type": "rss",
                "text": src.name,
                "title": src.name,
                "xmlUrl": feed_url,
                "htmlUrl": src.url,
            }
            if src.topics:
                attrs["category"] = ",".join(f"/{t}" for t in src.topics)
            if src.language:
                attrs["language"] = src.language
            SubElement(body, "outline", attrs)
    indent(root)
    xml = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml + b"\n"
