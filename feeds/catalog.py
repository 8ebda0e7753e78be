"""Which feeds exist, their titles and URLs, and finding the feed a URL names.

Named feeds: all articles, one per topic and region found in the archive, one per source and
one per saved query of ``sources.toml``. Search feeds are made from any query string.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from archive.feed_queries import Connection, Selection, SourceRecord, label_values, sources
from archive.sources import Config, SavedQuery
from archive.taxonomy import TOPIC_BY_SLUG, TOPICS, topic_title

from .model import FeedSpec
from .regions import is_country, is_region_key, is_world_region, region_name

SITE = "newsdesk"
SEARCH_PARAMS = ("q", "topic", "region", "source")


def _html_path(**params: str | None) -> str:
    query = urlencode([(k, v) for k, v in params.items() if v])
    return f"/search?{query}" if query else "/search"


def all_spec() -> FeedSpec:
    return FeedSpec(
        kind="all",
        key="",
        title=f"{SITE}: all articles",
        description="Every article newsdesk archived, one entry per story.",
        selection=Selection(),
        path="/feeds/all",
        html_path="/",
    )


def topic_spec(slug: str) -> FeedSpec | None:
    if slug not in TOPIC_BY_SLUG:
        return None
    title = topic_title(slug)
    return FeedSpec(
        kind="topic",
        key=slug,
        title=f"{SITE}: {title}",
        description=f"Articles about {TOPIC_BY_SLUG[slug].label}, one entry per story.",
        selection=Selection(topic=slug),
        path=f"/feeds/topic/{slug}",
        html_path=f"/#topic-{slug}",
    )


def region_spec(key: str) -> FeedSpec:
    name = region_name(key)
    return FeedSpec(
        kind="region",
        key=key,
        title=f"{SITE}: {name}",
        description=f"Articles about {name}, one entry per story.",
        selection=Selection(region=key),
        path=f"/feeds/region/{key}",
        html_path=f"/#region-{key}",
    )


def source_spec(source: SourceRecord) -> FeedSpec:
    return FeedSpec(
        kind="source",
        key=source.id,
        title=f"{SITE}: {source.name}",
        description=f"Articles from {source.name} ({source.url}).",
        selection=Selection(source=source.id),
        path=f"/feeds/source/{source.id}",
        language=source.language,
        html_path=f"/#source-{source.id}",
    )


def query_spec(query: SavedQuery) -> FeedSpec:
    parts = [f"{k}={v}" for k in SEARCH_PARAMS if (v := getattr(query, k))]
    return FeedSpec(
        kind="query",
        key=query.id,
        title=query.title,
        description=f"Saved query {query.id}: {', '.join(parts)}.",
        selection=Selection(q=query.q, topic=query.topic, region=query.region, source=query.source),
        path=f"/feeds/query/{query.id}",
        html_path=f"/#query-{query.id}",
    )


def search_spec(params: Mapping[str, str]) -> FeedSpec:
    """A feed of any search; the query string is rebuilt in one canonical order."""
    values = {k: (params.get(k) or "").strip() or None for k in SEARCH_PARAMS}
    shown = ", ".join(f"{k}={v}" for k, v in values.items() if v) or "everything"
    return FeedSpec(
        kind="search",
        key="",
        title=f"{SITE}: search {shown}",
        description=f"Articles matching {shown}, one entry per story.",
        selection=Selection(**values),
        path="/feeds/search",
        query_string=urlencode([(k, v) for k, v in values.items() if v]),
        html_path=_html_path(**values),
    )


def named_feeds(conn: Connection, config: Config) -> list[FeedSpec]:
    """Every named feed, in the order the index and the OPML list them."""
    specs = [all_spec()]
    present = set(label_values(conn, "topic"))
    specs += [s for t in TOPICS if t.slug in present and (s := topic_spec(t.slug))]
    countries = [c.lower() for c in label_values(conn, "region") if is_country(c)]
    regions = [r for r in label_values(conn, "world_region") if is_region_key(r)]
    specs += [region_spec(key) for key in sorted(countries) + sorted(regions)]
    specs += [source_spec(s) for s in sources(conn)]
    specs += [query_spec(q) for q in config.queries]
    return specs


def resolve(conn: Connection, config: Config, kind: str, key: str) -> FeedSpec | None:
    """The named feed a URL points at, or None (a 404)."""
    if kind == "all" and key == "":
        return all_spec()
    if kind == "topic":
        return topic_spec(key)
    if kind == "region" and is_region_key(key):
        if len(key) == 2 or is_world_region(key) or key in label_values(conn, "world_region"):
            return region_spec(key)
        return None
    if kind == "source":
        found = [s for s in sources(conn) if s.id == key]
        return source_spec(found[0]) if found else None
    if kind == "query":
        queries = [q for q in config.queries if q.id == key]
        return query_spec(queries[0]) if queries else None
    return None
