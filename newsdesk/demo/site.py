"""The demo news site: which articles are "published" at a given time, and what each says.

Article ``k`` (k = 0, 1, 2, ...) belongs to publisher ``k % 5``. The first :data:`BACKLOG`
articles are dated over the days before the demo first started (``epoch``, kept in the
archive so a restart shows the same site); after that one more appears every
``publish_every_s`` seconds, so every crawl finds new entries. Each article is drawn from
:mod:`newsdesk.demo.content` by a generator seeded with ``k``: the same ``k`` always gives
the same article. Every third article of The Levant Post is an AFP story that The Gulf
Courier republishes as the next article.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from .content import LANGUAGES, PUBLISHERS, TOPICS, WEEKDAYS, Language, Publisher

#: Articles already published when the demo first starts, spread over BACKLOG_DAYS.
BACKLOG = 30
BACKLOG_DAYS = 6.0
#: Every how many articles of The Levant Post one is a wire story (shared with the next).
WIRE_EVERY = 3


@dataclass(frozen=True)
class DemoArticle:
    k: int
    publisher: Publisher
    topic: str
    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    author: str | None
    agency: str | None
    published: datetime  # in the publisher's time zone
    path: str  # /{publisher}/{section}/{yyyy}/{mm}/{dd}/{k}-{slug}.html

    @property
    def language(self) -> Language:
        return LANGUAGES[self.publisher.language]

    @property
    def section(self) -> tuple[str, str]:
        return self.language.sections[self.topic]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:8])


def publisher_of(k: int) -> Publisher:
    return PUBLISHERS[k % len(PUBLISHERS)]


def is_wire(k: int) -> bool:
    return k % len(PUBLISHERS) == 0 and (k // len(PUBLISHERS)) % WIRE_EVERY == 0


def _number_text(value: float, language: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if language in ("fr", "de") else text


def _draw(k: int, publisher: Publisher, published: datetime) -> dict[str, object]:
    """Topic, headline, standfirst and paragraphs of article ``k`` as ``publisher`` tells it."""
    rng = random.Random(f"newsdesk-demo-{k}")
    lang = LANGUAGES[publisher.language]
    topic = TOPICS[rng.randrange(len(TOPICS))]
    place, country = publisher.places[rng.randrange(len(publisher.places))]
    slots = {
        "place": place,
        "country": lang.countries.get(country, country),
        "person": rng.choice(lang.people),
        "n": rng.randint(2, 9),
        "big": rng.randint(12, 95) * 10,
        "crowd": rng.randint(8, 60) * 1000,
        "pct": _number_text(rng.randint(11, 95) / 10, publisher.language),
        "turnout": rng.randint(28, 71),
        "weekday": WEEKDAYS[publisher.language][published.weekday()],
    }
    picked = rng.sample(lang.sentences[topic], 3)
    paragraphs = (
        lang.leads[topic],
        picked[0],
        f"{picked[1]} {picked[2]}",
        rng.choice(lang.closers),
    )
    return {
        "topic": topic,
        "title": rng.choice(lang.titles[topic]).format(**slots),
        "standfirst": lang.standfirsts[topic],
        "paragraphs": tuple(p.format(**slots) for p in paragraphs),
        "author": rng.choice(publisher.authors),
    }


class Timeline:
    def __init__(self, epoch: datetime, publish_every_s: float) -> None:
        self.epoch = epoch.astimezone(UTC)
        self.publish_every_s = publish_every_s

    def published_at(self, k: int) -> datetime:
        if k < BACKLOG:
            return self.epoch - timedelta(days=BACKLOG_DAYS) * (BACKLOG - k) / BACKLOG
        return self.epoch + timedelta(seconds=self.publish_every_s * (k - BACKLOG + 1))

    def visible(self, now: datetime) -> int:
        """How many articles are published at ``now``."""
        elapsed = (now - self.epoch).total_seconds()
        if elapsed < 0:
            return BACKLOG
        return BACKLOG + int(elapsed // self.publish_every_s)


class DemoSite:
    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.article = lru_cache(maxsize=1024)(self._article)

    def _article(self, k: int) -> DemoArticle:
        publisher = publisher_of(k)
        published = self.timeline.published_at(k).astimezone(ZoneInfo(publisher.timezone))
        agency = None
        if is_wire(k):
            drawn, agency = _draw(k, publisher, published), "AFP"
        elif k > 0 and is_wire(k - 1):
            source = publisher_of(k - 1)
            drawn, agency = _draw(k - 1, source, published), "AFP"
            drawn["title"] = f"UPDATE 1-{drawn['title']}"
        else:
            drawn = _draw(k, publisher, published)
        lang = LANGUAGES[publisher.language]
        section = lang.sections[str(drawn["topic"])][0]
        slug = slugify(str(drawn["title"]))
        name = f"{k}-{slug}.html" if slug else f"{k}.html"
        return DemoArticle(
            k=k,
            publisher=publisher,
            topic=str(drawn["topic"]),
            title=str(drawn["title"]),
            standfirst=str(drawn["standfirst"]),
            paragraphs=drawn["paragraphs"],  # type: ignore[arg-type]
            author=None if agency else str(drawn["author"]),
            agency=agency,
            published=published,
            path=f"/{publisher.id}/{section}/{published:%Y/%m/%d}/{name}",
        )

    def latest(
        self, now: datetime, publisher: Publisher, *, topic: str | None = None, limit: int = 20
    ) -> list[DemoArticle]:
        """The publisher's newest articles at ``now`` (of one topic), newest first."""
        index = PUBLISHERS.index(publisher)
        k = self.timeline.visible(now) - 1
        k -= (k - index) % len(PUBLISHERS)
        found: list[DemoArticle] = []
        while k >= 0 and len(found) < limit:
            article = self.article(k)
            if topic is None or article.topic == topic:
                found.append(article)
            k -= len(PUBLISHERS)
        return found

    def find(self, now: datetime, path: str) -> DemoArticle | None:
        """The published article at ``path``, if any."""
        match = re.search(r"/(\d+)(?:-[a-z0-9-]*)?\.html$", path)
        if not match:
            return None
        k = int(match[1])
        if k >= self.timeline.visible(now):
            return None
        article = self.article(k)
        return article if article.path == path else None
