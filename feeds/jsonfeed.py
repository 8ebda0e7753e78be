"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

Extensions follow the spec's rule (keys that start with an underscore): ``_newsdesk`` holds
what JSON Feed has no field for: the source, image caption and credit, the other outlets,
categories with their schemes, and the feed's RFC 5005 position.
"""

from __future__ import annotations

import json
from typing import Any

from .dates import rfc3339
from .model import Document, Entry

CONTENT_TYPE = "application/feed+json; charset=utf-8"
MEDIA_TYPE = "application/feed+json"
VERSION = "https://jsonfeed.org/version/1.1"


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def entry_fragment(entry: Entry) -> str:
    item: dict[str, Any] = {
        "id": entry.guid,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html
        if entry.content_html is not None
        else entry.summary_html,
        "summary": entry.summary_text,
    }
    if entry.image is not None:
        item["image"] = entry.image.url
    if entry.published is not None:
        item["date_published"] = rfc3339(entry.published)
    item["date_modified"] = rfc3339(entry.updated)
    if entry.authors:
        item["authors"] = [{"name": name} for name in entry.authors]
    else:
        item["authors"] = [{"name": entry.source.name, "url": entry.source.url}]
    if entry.categories:
        item["tags"] = [c.label for c in entry.categories]
    if entry.language:
        item["language"] = entry.language
    if entry.image is not None and entry.image.media_type:
        attachment = {"url": entry.image.url, "mime_type": entry.image.media_type}
        if entry.image.caption:
            attachment["title"] = entry.image.caption
        item["attachments"] = [attachment]
    extension: dict[str, Any] = {
        "source": {
            "name": entry.source.name,
            "url": entry.source.url,
            "feed_url": f"{entry.source.feed_url}.json",
        }
    }
    if entry.image is not None:
        extension["image"] = {"caption": entry.image.caption, "credit": entry.image.credit}
    if entry.categories:
        extension["categories"] = [
            {"term": c.term, "label": c.label, "scheme": c.scheme} for c in entry.categories
        ]
    if entry.also:
        extension["also_reported_by"] = [
            {"name": o.name, "url": o.url, "title": o.title} for o in entry.also
        ]
    item["_newsdesk"] = extension
    return "    " + _dumps(item)


def document(doc: Document, fragments: list[str]) -> bytes:
    spec = doc.spec
    head: dict[str, Any] = {
        "version": VERSION,
        "title": spec.title,
        "home_page_url": doc.alternate_url,
        "feed_url": doc.url("json"),
        "description": spec.description,
    }
    if spec.language:
        head["language"] = spec.language
    if doc.hub:
        head["hubs"] = [{"type": "WebSub", "url": doc.hub}]
    if doc.prev_archive:
        # JSON Feed pagination: next_url leads to the next (older) entries.
        head["next_url"] = doc.archive_url("json", doc.prev_archive)
    head["_newsdesk"] = {
        "updated": rfc3339(doc.updated),
        "current_url": doc.current_url("json"),
        "archive_page": doc.page.number,
    }
    text = _dumps(head, indent=2)
    items = ",\n".join(fragments)
    body = (
        f'{text[:-2]},\n  "items": [\n{items}\n  ]\n}}\n'
        if fragments
        else f'{text[:-2]},\n  "items": []\n}}\n'
    )
    return body.encode("utf-8")
