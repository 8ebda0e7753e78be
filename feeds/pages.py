"""HTML pages: the index of every feed (with autodiscovery links) and search results."""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlencode

from .catalog import SITE
from .dates import rfc3339
from .model import FORMATS, KIND_TITLES, KINDS, Entry, FeedSpec
from .render import MEDIA_TYPES

_FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}"
    "li{margin:.2rem 0}a.f{font-size:.8rem;margin-left:.4rem}.meta{color:#555;font-size:.85rem}"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def autodiscovery(specs: Sequence[FeedSpec], base_url: str) -> list[str]:
    """``<link rel="alternate">`` for every feed and format, so readers find them all."""
    return [
        f'<link rel="alternate" type="{MEDIA_TYPES[fmt]}" '
        f'title="{_e(spec.title)} ({_FORMAT_NAMES[fmt]})" href="{_e(spec.url(base_url, fmt))}">'
        for spec in specs
        for fmt in FORMATS
    ]


def _page(title: str, head: list[str], body: list[str]) -> bytes:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        *head,
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def _feed_links(spec: FeedSpec, base_url: str) -> str:
    links = " ".join(
        f'<a class="f" href="{_e(spec.url(base_url, fmt))}">{_FORMAT_NAMES[fmt]}</a>'
        for fmt in FORMATS
    )
    anchor = f' id="{spec.kind}-{_e(spec.key)}"' if spec.key else ""
    return f"<li{anchor}>{_e(spec.title)}{links}</li>"


def _search_form(values: dict[str, str], base_url: str) -> list[str]:
    fields = "".join(
        f'<label>{name} <input name="{name}" value="{_e(values.get(name, ""))}"></label> '
        for name in ("q", "topic", "region", "source")
    )
    return [
        f'<form action="{_e(base_url)}search" method="get">{fields}<button>Search</button></form>'
    ]


def index_page(specs: Sequence[FeedSpec], base_url: str) -> bytes:
    """Every named feed by kind, each in RSS, Atom and JSON Feed."""
    body = [
        f"<h1>{SITE} feeds</h1>",
        f"<p>Every feed in RSS 2.0, Atom and JSON Feed. All of them as OPML: "
        f'<a href="{_e(base_url)}feeds.opml">feeds.opml</a>.</p>',
        *_search_form({}, base_url),
    ]
    for kind in KINDS:
        of_kind = [s for s in specs if s.kind == kind]
        if not of_kind:
            continue
        body.append(f"<h2>{KIND_TITLES[kind]}</h2>")
        body.append("<ul>")
        body += [_feed_links(spec, base_url) for spec in of_kind]
        body.append("</ul>")
    return _page(f"{SITE} feeds", autodiscovery(specs, base_url), body)


def search_page(
    spec: FeedSpec, entries: Sequence[Entry], values: dict[str, str], base_url: str
) -> bytes:
    """Matching entries, newest first, with the feed of the same search."""
    body = [
        f"<h1>{_e(spec.title)}</h1>",
        *_search_form(values, base_url),
        "<ul>",
        _feed_links(spec, base_url),
        "</ul>",
    ]
    body.append("<ol>")
    for entry in entries:
        when = rfc3339(entry.published or entry.updated)
        body.append(
            f'<li><a href="{_e(entry.link)}">{_e(entry.title)}</a> '
            f'<span class="meta">{_e(entry.source.name)}, '
            f'<time datetime="{when}">{when}</time></span>'
            f"<br>{_e(entry.summary_text)}</li>"
        )
    body.append("</ol>")
    if not entries:
        body.append("<p>Nothing found.</p>")
    return _page(spec.title, autodiscovery([spec], base_url), body)


def search_values(query: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in query.items() if k in ("q", "topic", "region", "source") and v}


def search_query_string(values: dict[str, str]) -> str:
    return urlencode(sorted(values.items()))
