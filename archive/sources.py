"""``sources.toml``: the news sources to crawl, the saved queries, and a few settings.

Every key is declared once below with its type, default and one line of help; the README's
format section is generated from these declarations. A bad file raises one
:class:`~archive.errors.ConfigError` naming the file, the entry and the key, and nothing is
returned from a half-read file.

    [settings]
    contact = "https://example.org/about-our-crawler"

    [[source]]
    id = "levantpost"
    name = "The Levant Post"
    url = "https://www.levantpost.example.com/"
    feeds = ["https://www.levantpost.example.com/en/rss/syria.xml"]
    interval = "15m"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .taxonomy import TOPIC_BY_SLUG

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_DURATION = re.compile(r"(\d+)\s*([smhd])")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> int:
    """``"15m"`` -> 900. Accepts s, m, h, d and combinations such as ``"1h30m"``."""
    compact = text.replace(" ", "").lower()
    if not compact or _DURATION.sub("", compact):
        raise ValueError(f'{text!r} is not a duration (write e.g. "90s", "15m", "2h", "1d")')
    seconds = sum(int(n) * _UNIT_S[unit] for n, unit in _DURATION.findall(compact))
    if seconds <= 0:
        raise ValueError(f"{text!r} must be longer than zero")
    return seconds


def format_duration(seconds: int) -> str:
    for unit in ("d", "h", "m"):
        if seconds % _UNIT_S[unit] == 0:
            return f"{seconds // _UNIT_S[unit]}{unit}"
    return f"{seconds}s"


# -- value checkers: each returns the clean value or raises ValueError with the reason ----------


def _str(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a non-empty string")
    return value.strip()


def _url(value: object) -> str:
    text = _str(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{text!r} is not an http(s) URL")
    return text


def _url_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{value!r} is not a list of URLs")
    return tuple(_url(v) for v in value)


def _regex_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{value!r} is not a list of regular expressions")
    for pattern in value:
        try:
            re.compile(_str(pattern))
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a valid regular expression: {exc}") from None
    return tuple(value)


def _slug(value: object) -> str:
    text = _str(value)
    if not ID_PATTERN.match(text):
        raise ValueError(f"{text!r} must be lowercase letters, digits, - or _ (at most 64)")
    return text


def _language(value: object) -> str:
    text = _str(value).lower()
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})?", text):
        raise ValueError(f"{text!r} is not a language code such as 'en' or 'fr'")
    return text.split("-")[0]


def _country(value: object) -> str:
    text = _str(value).upper()
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise ValueError(f"{text!r} is not an ISO 3166-1 alpha-2 country code such as 'LB'")
    return text


def _timezone(value: object) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = _str(value)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{text!r} is not an IANA time zone such as 'Asia/Beirut'") from None
    return text


def _topics(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{value!r} is not a list of topic slugs")
    for slug in value:
        if slug not in TOPIC_BY_SLUG:
            raise ValueError(f"{slug!r} is not a topic; known: {', '.join(sorted(TOPIC_BY_SLUG))}")
    return tuple(value)


def _interval(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise ValueError(f"{value!r} must be a positive number of seconds")
        return value
    return parse_duration(_str(value))


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _nonneg_int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a whole number >= 0")
    return value


def _pos_int(value: object) -> int:
    if _nonneg_int(value) == 0:
        raise ValueError("0 is not allowed here")
    return int(value)  # type: ignore[call-overload]


def _contact(value: object) -> str:
    text = _str(value)
    return text if text.startswith("mailto:") else _url(text)


def _float(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a number >= 0")
    return float(value)


@dataclass(frozen=True)
class Key:
    """One declared configuration key."""

    name: str
    check: Callable[[object], Any]
    default: Any
    help: str
    required: bool = False
    attr: str | None = None  # dataclass field name when it differs from the key

    @property
    def field_name(self) -> str:
        return self.attr or self.name


SOURCE_KEYS: tuple[Key, ...] = (
    Key("id", _slug, None, "Short stable identifier: lowercase letters, digits, - and _.", True),
    Key("name", _str, None, "Publisher name, shown in feeds.", True),
    Key(
        "url", _url, None, "Home page; also where feeds are autodiscovered if none is given.", True
    ),
    Key("feeds", _url_list, (), "RSS or Atom feed URLs."),
    Key("sitemaps", _url_list, (), "News sitemaps or sitemap indexes (robots.txt is read too)."),
    Key("sections", _url_list, (), "Section (listing) pages to follow, with their pagination."),
    Key("language", _language, None, "Main language (ISO 639-1), a hint for extraction."),
    Key("country", _country, None, "Where the publisher is based (ISO 3166-1): a weak hint."),
    Key("timezone", _timezone, None, "IANA zone of times the pages print without one."),
    Key("topics", _topics, (), "Topic slugs the source mostly covers: hints for tagging."),
    Key(
        "interval", _interval, 900, 'How often to crawl: "90s", "15m", "2h", ...', attr="interval_s"
    ),
    Key("full_text", _bool, False, "May our feeds carry the full text (else summary and link)."),
    Key("enabled", _bool, True, "Set to false to stop crawling without deleting anything."),
    Key(
        "article_patterns",
        _regex_list,
        (),
        "Regular expressions an article URL must match (section pages and sitemaps).",
    ),
    Key("exclude_patterns", _regex_list, (), "Regular expressions of URLs never to fetch."),
)

QUERY_KEYS: tuple[Key, ...] = (
    Key("id", _slug, None, "Stable identifier: the feed is /feeds/query/{id}.", True),
    Key("title", _str, None, "Feed title.", True),
    Key("q", _str, None, "Full-text search terms (FTS5, as for newsdesk search)."),
    Key("topic", _slug, None, "Only this topic slug."),
    Key("region", _str, None, "Only this country code or world-region slug."),
    Key("source", _slug, None, "Only this source id."),
)

SETTINGS_KEYS: tuple[Key, ...] = (
    Key("contact", _contact, None, "URL (or mailto:) named in the crawler's User-Agent."),
    Key("raw_retention_days", _nonneg_int, 90, "Keep downloaded HTML this many days (0: forever)."),
    Key(
        "download_delay", _float, 1.0, "Seconds between requests to one host (AutoThrottle start)."
    ),
    Key("concurrency_per_host", _pos_int, 2, "Parallel requests to one host at most."),
    Key("timeout", _float, 30.0, "Seconds before a request is abandoned."),
    Key("max_page_mb", _pos_int, 10, "Pages larger than this (MB) are not downloaded."),
    Key("revisit_days", _nonneg_int, 0, "Refetch archived articles this old (0: only on change)."),
    Key("feed_items", _pos_int, 50, "Entries per feed document."),
    Key("base_url", _url, None, "Public URL of newsdesk serve / publish, for self links."),
    Key("websub_hub", _url, None, "WebSub hub to advertise in feeds and ping on change."),
)


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    language: str | None = None
    country: str | None = None
    timezone: str | None = None
    topics: tuple[str, ...] = ()
    interval_s: int = 900
    full_text: bool = False
    enabled: bool = True
    article_patterns: tuple[str, ...] = ()
    exclude_patterns: tuple[str, ...] = ()

    def as_row(self) -> dict[str, Any]:
        """What :func:`archive.writes.sync_sources` stores."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class SavedQuery:
    id: str
    title: str
    q: str | None = None
    topic: str | None = None
    region: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Settings:
    contact: str | None = None
    raw_retention_days: int = 90
    download_delay: float = 1.0
    concurrency_per_host: int = 2
    timeout: float = 30.0
    max_page_mb: int = 10
    revisit_days: int = 0
    feed_items: int = 50
    base_url: str | None = None
    websub_hub: str | None = None


@dataclass(frozen=True)
class Config:
    path: Path | None
    sources: tuple[Source, ...] = ()
    queries: tuple[SavedQuery, ...] = ()
    settings: Settings = field(default_factory=Settings)

    def enabled_sources(self) -> list[Source]:
        return [s for s in self.sources if s.enabled]

    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        known = ", ".join(s.id for s in self.sources) or "none"
        raise ConfigError(f"{self.path}: no source with id {source_id!r} (known: {known})")


def _read_table(table: object, keys: tuple[Key, ...], where: str) -> dict[str, Any]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: expected a table of key = value lines")
    declared = {k.name: k for k in keys}
    unknown = [name for name in table if name not in declared]
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(declared)})"
        )
    values: dict[str, Any] = {}
    for key in keys:
        if key.name not in table:
            if key.required:
                raise ConfigError(f"{where}: missing required key {key.name!r} ({key.help})")
            values[key.field_name] = key.default
            continue
        try:
            values[key.field_name] = key.check(table[key.name])
        except ValueError as exc:
            raise ConfigError(f"{where}: key {key.name!r}: {exc}") from None
    return values


def parse_config(text: str, path: Path | None = None) -> Config:
    name = str(path) if path else "sources.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML: {exc}") from None
    unknown = [k for k in data if k not in ("source", "query", "settings")]
    if unknown:
        raise ConfigError(
            f"{name}: unknown top-level key {unknown[0]!r} "
            "(expected [settings], [[source]] and [[query]])"
        )
    settings = Settings(
        **_read_table(data.get("settings", {}), SETTINGS_KEYS, f"{name}: [settings]")
    )

    sources: list[Source] = []
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise ConfigError(f"{name}: 'source' must be an array of tables: write [[source]]")
    for i, entry in enumerate(raw_sources, 1):
        label = entry.get("id") if isinstance(entry, Mapping) else None
        where = f"{name}: source {label!r} (entry {i})" if label else f"{name}: source entry {i}"
        values = _read_table(entry, SOURCE_KEYS, where)
        if any(s.id == values["id"] for s in sources):
            raise ConfigError(f"{where}: key 'id': {values['id']!r} is used by an earlier source")
        sources.append(Source(**values))

    queries: list[SavedQuery] = []
    raw_queries = data.get("query", [])
    if not isinstance(raw_queries, list):
        raise ConfigError(f"{name}: 'query' must be an array of tables: write [[query]]")
    for i, entry in enumerate(raw_queries, 1):
        label = entry.get("id") if isinstance(entry, Mapping) else None
        where = f"{name}: query {label!r} (entry {i})" if label else f"{name}: query entry {i}"
        values = _read_table(entry, QUERY_KEYS, where)
        if any(q.id == values["id"] for q in queries):
            raise ConfigError(f"{where}: key 'id': {values['id']!r} is used by an earlier query")
        if not any(values[k] for k in ("q", "topic", "region", "source")):
            raise ConfigError(f"{where}: give at least one of q, topic, region or source")
        if values["topic"] and values["topic"] not in TOPIC_BY_SLUG:
            raise ConfigError(f"{where}: key 'topic': {values['topic']!r} is not a topic slug")
        queries.append(SavedQuery(**values))
    return Config(path=path, sources=tuple(sources), queries=tuple(queries), settings=settings)


def load_config(path: str | Path) -> Config:
    """Read and validate a sources file; raise ConfigError (never a traceback) on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file (create it, or import feeds with newsdesk sources import-opml)"
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_config(text, path)
