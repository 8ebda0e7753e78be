"""The label vocabularies shared by the crawler (which assigns them) and the feeds (which
publish them): IPTC Media Topics top level.

Slugs are lowercase ASCII made from the IPTC names, shortened as newsrooms say them
("conflict, war and peace" -> ``conflict-war-peace``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    slug: str
    medtop: str  # IPTC Media Topic id, e.g. "medtop:16000000"
    label: str  # IPTC's English name


#: IPTC Media Topics, top level (https://cv.iptc.org/newscodes/mediatopic/), in IPTC order.
TOPICS: tuple[Topic, ...] = (
    Topic(
        "arts-culture-entertainment", "medtop:01000000", "arts, culture, entertainment and media"
    ),
    Topic("crime-law-justice", "medtop:02000000", "crime, law and justice"),
    Topic(
        "disaster-accident-emergency",
        "medtop:03000000",
        "disaster, accident and emergency incident",
    ),
    Topic("economy-business-finance", "medtop:04000000", "economy, business and finance"),
    Topic("education", "medtop:05000000", "education"),
    Topic("environment", "medtop:06000000", "environment"),
    Topic("health", "medtop:07000000", "health"),
    Topic("human-interest", "medtop:08000000", "human interest"),
    Topic("labour", "medtop:09000000", "labour"),
    Topic("lifestyle-leisure", "medtop:10000000", "lifestyle and leisure"),
    Topic("politics", "medtop:11000000", "politics"),
    Topic("religion", "medtop:12000000", "religion"),
    Topic("science-technology", "medtop:13000000", "science and technology"),
    Topic("society", "medtop:14000000", "society"),
    Topic("sport", "medtop:15000000", "sport"),
    Topic("conflict-war-peace", "medtop:16000000", "conflict, war and peace"),
    Topic("weather", "medtop:17000000", "weather"),
)

TOPIC_BY_SLUG: dict[str, Topic] = {t.slug: t for t in TOPICS}
TOPIC_BY_LABEL: dict[str, Topic] = {t.label: t for t in TOPICS}


def topic_title(slug: str) -> str:
    """``conflict-war-peace`` -> ``Conflict, war and peace``."""
    topic = TOPIC_BY_SLUG.get(slug)
    label = topic.label if topic else slug.replace("-", " ")
    return label[:1].upper() + label[1:]
