"""Tagging: one call that gives an article its topics, regions, places and world region.

:func:`tag_article` is a pure function of the article's text and what ``sources.toml`` says
about its source; :meth:`Tags.labels` and :attr:`Tags.places` are what
:func:`archive.writes.set_labels` and :func:`archive.writes.set_places` store, and
:meth:`Tags.to_dict` is what ``newsdesk extract`` prints.

Labels and their ``method`` (so that "why is this in the sport feed?" has an answer in SQL):

========================  ===================================================================
kind                      method
========================  ===================================================================
``topic``                 evidence that made it, strongest first, joined by ``+``: ``text``
                          (vocabulary), ``section``, ``url``, ``keywords``, ``hint``
                          (``sources.toml`` topics); see :mod:`crawler.topics`
``region``                ``gazetteer`` (places in the country), ``name`` (the country
                          named), ``demonym`` ("Syrian"), ``hint`` (the publisher's country),
                          joined the same way; see :mod:`crawler.regions`
``world_region``          ``country``: the world region of the primary country
                          (:mod:`archive.geo`)
========================  ===================================================================

Ranks are 0 for the primary label of each kind, then 1, 2, ... in order of strength.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from archive.geo import WorldRegion, world_region
from archive.models import Label, Place
from archive.stories import StoryLink, link_article
from archive.writes import set_labels, set_places

from .dedup import fingerprint
from .demonyms import LANGUAGES
from .gazetteer import language_index, release_sources
from .regions import CountryScore, detect_regions
from .tokens import Words, article_words
from .topics import TopicScore, classify_topics, matcher

__all__ = ["Tags", "tag_and_store", "tag_article", "warm_up"]


@dataclass(frozen=True)
class Tags:
    regions: tuple[CountryScore, ...] = ()  # primary first
    world_region: WorldRegion | None = None
    places: tuple[Place, ...] = ()
    mentioned_countries: tuple[str, ...] = ()
    topics: tuple[TopicScore, ...] = ()  # strongest first

    def labels(self) -> tuple[Label, ...]:
        labels = [
            Label("topic", t.slug, t.score, t.method, rank) for rank, t in enumerate(self.topics)
        ]
        labels += [
            Label("region", r.code, r.score, r.method, rank) for rank, r in enumerate(self.regions)
        ]
        if self.world_region is not None and self.regions:
            labels.append(
                Label("world_region", self.world_region.slug, self.regions[0].score, "country")
            )
        return tuple(labels)

    def to_dict(self) -> dict[str, Any]:
        """The tags as ``newsdesk extract`` prints them (JSON-ready)."""
        return {
            "regions": [r.code for r in self.regions],
            "world_region": self.world_region.name if self.world_region else None,
            "places": [
                {"name": p.name, "country": p.country, "type": p.type, "metonym": p.is_metonym}
                for p in self.places
            ],
            "mentioned_countries": list(self.mentioned_countries),
            "topics": [t.slug for t in self.topics],
        }


def tag_article(
    title: str,
    subtitle: str | None,
    body: str,
    *,
    language: str | None,
    section: str | None = None,
    url: str | None = None,
    keywords: Iterable[str] = (),
    source_country: str | None = None,
    source_topics: Iterable[str] = (),
    parts: list[Words] | None = None,
) -> Tags:
    """Topics, regions, places and world region of one article (``parts``: its
    :func:`~crawler.tokens.article_words`, when the caller has them already)."""
    if parts is None:
        parts = article_words(title, subtitle, body)  # tokenized once for both passes
    found = detect_regions(
        title, subtitle, body, language=language, source_country=source_country, parts=parts
    )
    topics = classify_topics(
        title,
        subtitle,
        body,
        language=language,
        section=section,
        url=url,
        keywords=keywords,
        source_topics=source_topics,
        parts=parts,
    )
    return Tags(
        regions=found.countries,
        world_region=world_region(found.primary),
        places=found.places,
        mentioned_countries=found.mentioned,
        topics=topics,
    )


def tag_and_store(
    conn: Any,  # the writer's sqlite3.Connection (only archive imports sqlite3)
    article_id: int,
    title: str,
    subtitle: str | None,
    body: str,
    *,
    language: str | None,
    section: str | None = None,
    url: str | None = None,
    keywords: Iterable[str] = (),
    source_country: str | None = None,
    source_topics: Iterable[str] = (),
    link: bool = True,
) -> tuple[Tags, StoryLink | None]:
    """Tag an archived article, store its labels and places, and link it into its story.

    The caller holds the writer's transaction (``with archive.transaction():``).
    """
    tags = tag_article(
        title,
        subtitle,
        body,
        language=language,
        section=section,
        url=url,
        keywords=keywords,
        source_country=source_country,
        source_topics=source_topics,
    )
    set_labels(conn, article_id, tags.labels())
    set_places(conn, article_id, tags.places)
    story = link_article(conn, article_id, fingerprint(title, body)) if link else None
    return tags, story


def warm_up(languages: Iterable[str] = LANGUAGES) -> None:
    """Load the lookup tables now rather than on the first article: call it where a worker
    process starts. (They are read from :mod:`crawler.table_cache`, or built, about a second
    per script, when the cache has none for this version.)"""
    for language in languages:
        language_index(language)
        matcher(language)
    fingerprint("", "warm up " * 20)
    release_sources()
