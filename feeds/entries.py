"""From archive rows to feed entries: summary, content, dates, categories, image, outlets.

Pure functions of an :class:`~archive.feed_queries.EntryRecord` and the public base URL, so
an entry renders the same in every feed that holds it (and is rendered once per format).
"""

from __future__ import annotations

import html
import mimetypes
from datetime import datetime
from urllib.parse import urlsplit

from archive.feed_queries import EntryRecord
from archive.taxonomy import topic_title
from archive.timestamps import parse_text

from .model import Category, Entry, Outlet, Picture
from .regions import region_name
from .sanitize import body_to_html, paragraphs, sanitize_html, shorten, text_to_text
from .xmltext import xml_chars

SUMMARY_CHARS = 400
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
                ".svg": "image/svg+xml"}  # fmt: skip


def source_feed_path(source_id: str) -> str:
    return f"/feeds/source/{source_id}"


def image_type(url: str) -> str | None:
    """The media type an image URL's extension says, if it says one."""
    path = urlsplit(url).path.lower()
    for ext, media_type in _IMAGE_TYPES.items():
        if path.endswith(ext):
            return media_type
    guess = mimetypes.guess_type(path)[0]
    return guess if guess and guess.startswith("image/") else None


def entry_dates(record: EntryRecord) -> tuple[datetime | None, datetime]:
    """(published, updated), both in the publisher's UTC offset when it is known.

    Atom requires ``updated`` (RFC 4287 4.2.15): the latest of publication, the publisher's
    stated modification and the time we archived a changed version; an undated article falls
    back to when newsdesk first saw it.
    """
    stated = record.published_local or record.published
    published = parse_text(stated) if stated else None
    changes = [parse_text(t) for t in (record.modified, record.revised_at) if t]
    if published is None:
        return None, max(changes) if changes else parse_text(record.first_seen)
    updated = max([published, *changes])
    return published, updated.astimezone(published.tzinfo)


def summary_text(record: EntryRecord) -> str:
    if record.subtitle and record.subtitle.strip():
        return shorten(xml_chars(text_to_text(record.subtitle)), SUMMARY_CHARS)
    first = paragraphs(text_to_text(record.body))
    return shorten(xml_chars(first[0]), SUMMARY_CHARS) if first else ""


def _also_html(also: tuple[Outlet, ...]) -> str:
    if not also:
        return ""
    links = ", ".join(
        f'<a href="{html.escape(o.url)}">{html.escape(o.name, quote=False)}</a>' for o in also
    )
    return f"<p>Also reported by {links}.</p>"


def _figure_html(image: Picture) -> str:
    caption = " ".join(
        x for x in (image.caption, f"({image.credit})" if image.credit else None) if x
    )
    alt = html.escape(image.caption or "")
    figcaption = f"<figcaption>{html.escape(caption, quote=False)}</figcaption>" if caption else ""
    return f'<figure><img src="{html.escape(image.url)}" alt="{alt}">{figcaption}</figure>'


def build_entry(record: EntryRecord, base_url: str) -> Entry:
    link = record.canonical_url or record.url
    published, updated = entry_dates(record)
    summary = summary_text(record)
    image = None
    usable = [im for im in record.images if urlsplit(im.url).scheme in ("http", "https")]
    if usable:
        first = usable[0]
        image = Picture(first.url, image_type(first.url), first.caption, first.credit)
    also = tuple(Outlet(o.source_name, o.url, title=o.title) for o in record.also)
    lead = f"<p>{html.escape(summary, quote=False)}</p>" if summary else ""
    summary_html = sanitize_html(lead + _also_html(also), link)
    content_html = None
    if record.full_text:
        figure = _figure_html(image) if image else ""
        body = body_to_html(xml_chars(record.body), link)
        content_html = sanitize_html(figure + body + _also_html(also), link)
    categories = tuple(
        [Category(t, topic_title(t), f"{base_url}feeds/topic/") for t in record.topics]
        + [Category(r.lower(), region_name(r), f"{base_url}feeds/region/") for r in record.regions]
        + [Category(w, region_name(w), f"{base_url}feeds/region/") for w in record.world_regions]
    )
    source = Outlet(
        record.source_name,
        record.source_url,
        feed_url=f"{base_url}{source_feed_path(record.source_id).lstrip('/')}",
    )
    return Entry(
        article_id=record.id,
        guid=record.guid,
        title=" ".join(xml_chars(record.title).split()),
        link=link,
        summary_text=summary,
        summary_html=summary_html,
        content_html=content_html,
        authors=record.authors + record.agencies,
        categories=categories,
        published=published,
        updated=updated,
        language=record.language or record.source_language,
        image=image,
        source=source,
        also=also,
    )
