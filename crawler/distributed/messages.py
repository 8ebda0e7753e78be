"""What travels through Redis, and how it is encoded.

Sources, settings, jobs and fetch states are JSON (an operator can read them with
``redis-cli``). Events for the writer carry a whole processed article (with its raw HTML), so
they are pickled and zlib-compressed: Redis is trusted infrastructure here, as it is for
scrapy-redis, which pickles its requests too.
"""

from __future__ import annotations

import json
import pickle
import uuid
import zlib
from dataclasses import asdict, dataclass, fields
from typing import Any

from archive import FetchState, Settings, Source
from archive.crawlstate import KnownArticle
from archive.timestamps import to_utc_text, utcnow

#: zlib level of events: HTML shrinks about 5x at level 1, at a fraction of level 6's cost.
EVENT_LEVEL = 1


def source_to_json(source: Source) -> str:
    return json.dumps(source.as_row(), ensure_ascii=False, sort_keys=True)


def source_from_json(text: bytes | str) -> Source:
    data = json.loads(text)
    names = {f.name for f in fields(Source)}
    values: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names
    }
    return Source(**values)


def settings_to_json(settings: Settings) -> str:
    return json.dumps(asdict(settings), sort_keys=True)


def settings_from_json(text: bytes | str) -> Settings:
    data = json.loads(text)
    names = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Job:
    """Crawl one source once: poll its robots.txt, feeds, sitemaps and sections, and fetch
    the articles that are new or changed."""

    id: str
    source_id: str
    enqueued_at: str

    @classmethod
    def new(cls, source_id: str) -> Job:
        return cls(uuid.uuid4().hex[:16], source_id, to_utc_text(utcnow()))

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: bytes | str) -> Job:
        return cls(**json.loads(text))


def fetch_state_to_json(state: FetchState) -> str:
    return json.dumps(asdict(state), sort_keys=True)


def fetch_state_from_json(text: bytes | str) -> FetchState:
    return FetchState(**json.loads(text))


def archived_value(modified: str | None, fetched_at: str) -> str:
    return f"{modified or ''}|{fetched_at}"


def known_from_archived(value: bytes | str) -> KnownArticle:
    """What the spider needs to know of an archived article: when it changed and was fetched
    (the id and content hash stay with the writer)."""
    text = value.decode() if isinstance(value, bytes) else value
    modified, _, fetched_at = text.partition("|")
    return KnownArticle(0, modified or None, fetched_at, None, "")


def encode_event(event: tuple[Any, ...]) -> bytes:
    return zlib.compress(pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL), EVENT_LEVEL)


def decode_event(data: bytes) -> tuple[Any, ...]:
    event: tuple[Any, ...] = pickle.loads(zlib.decompress(data))
    return event
