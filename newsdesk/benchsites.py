"""``sources.toml`` for a tree of synthetic news sites (the bench generator's
``publishers.json``), served under one origin with the path-prefix scheme
(``http://127.0.0.1:PORT/<publisher-host>/...``).

Used by the tests, the benchmarks and the embedded demo: each publisher becomes one source
with its sitemap index, its site-wide RSS feed and its section pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from archive.opml import sources_to_toml
from archive.sources import Source


def _source_id(host: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", host.removesuffix(".test").lower()).strip("-")


def bench_sources(
    site_dir: str | Path,
    origin: str,
    *,
    interval: int = 900,
    include: tuple[str, ...] = (),
    with_sections: bool = True,
    with_feeds: bool = True,
    with_sitemaps: bool = True,
) -> list[Source]:
    data: dict[str, Any] = json.loads((Path(site_dir) / "publishers.json").read_text())
    origin = origin.rstrip("/")
    sources = []
    for pub in data["publishers"]:
        if include and pub["host"] not in include:
            continue
        feeds = [origin + pub["rss"]] if with_feeds and pub.get("rss") else []
        sitemaps = (
            [origin + pub["sitemap_index"]] if with_sitemaps and pub.get("sitemap_index") else []
        )
        if pub.get("bad_inputs"):
            # Every broken feed of the bad-inputs publisher is polled as a feed of its own.
            faults = json.loads((Path(site_dir) / "faults.json").read_text())
            feeds += [
                origin + f["url_path"]
                for f in faults
                if "/feeds/" in f["url_path"] and origin + f["url_path"] not in feeds
            ]
        sections = (
            [origin + s["url_path"] for s in pub.get("sections", []) if s.get("url_path")]
            if with_sections
            else []
        )
        sources.append(
            Source(
                id=_source_id(pub["host"]),
                name=pub.get("name") or pub["host"],
                url=origin + pub["home"],
                feeds=tuple(feeds),
                sitemaps=tuple(sitemaps),
                sections=tuple(sections),
                language=pub["language"] if len(pub.get("language") or "") == 2 else None,
                interval_s=interval,
            )
        )
    return sources


def write_sources_toml(
    path: str | Path, sources: list[Source], settings: dict[str, Any] | None = None
) -> Path:
    """Write a sources.toml with optional ``[settings]`` (values as TOML literals)."""
    import tomli_w

    text = ""
    if settings:
        text += tomli_w.dumps({"settings": settings}) + "\n"
    text += sources_to_toml(sources)
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
