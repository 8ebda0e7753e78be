"""RSS 2.0 (https://www.rssboard.org/rss-specification) with the Atom, Dublin Core, content,
Media RSS and feed-history (RFC 5005) namespaces.

Entries are rendered once to a fragment and reused in every document that holds them.
"""

from __future__ import annotations

from .dates import rfc822, rfc3339
from .model import Document, Entry
from .xmltext import attr, esc

CONTENT_TYPE = "application/rss+xml; charset=utf-8"
MEDIA_TYPE = "application/rss+xml"

_OPEN = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:media="http://search.yahoo.com/mrss/"'
    ' xmlns:fh="http://purl.org/syndication/history/1.0">\n'
    "  <channel>\n"
)


def entry_fragment(entry: Entry) -> str:
    lines = [
        "    <item>",
        f"      <title>{esc(entry.title)}</title>",
        f"      <link>{esc(entry.link)}</link>",
        f"      <description>{esc(entry.summary_html)}</description>",
    ]
    if entry.content_html is not None:
        lines.append(f"      <content:encoded>{esc(entry.content_html)}</content:encoded>")
    # RSS <author> must be an e-mail address; bylines are names, so they go in dc:creator.
    lines += [f"      <dc:creator>{esc(name)}</dc:creator>" for name in entry.authors]
    lines += [
        f'      <category domain="{attr(c.scheme)}">{esc(c.term)}</category>'
        for c in entry.categories
    ]
    # The guid is a URN, not a URL a browser could open: isPermaLink must say so.
    lines.append(f'      <guid isPermaLink="false">{esc(entry.guid)}</guid>')
    # RSS has no other date: an undated article shows when newsdesk archived it, rather than
    # whatever time each reader fetched it.
    lines.append(f"      <pubDate>{rfc822(entry.published or entry.updated)}</pubDate>")
    lines.append(f"      <atom:updated>{rfc3339(entry.updated)}</atom:updated>")
    source = entry.source
    lines.append(
        f'      <source url="{attr(source.feed_url or "")}.rss">{esc(source.name)}</source>'
    )
    if entry.image is not None:
        lines += _media(entry)
    lines.append("    </item>\n")
    return "\n".join(lines)


def _media(entry: Entry) -> list[str]:
    image = entry.image
    assert image is not None
    type_attr = f' type="{attr(image.media_type)}"' if image.media_type else ""
    lines = [f'      <media:content url="{attr(image.url)}" medium="image"{type_attr}>']
    if image.caption:
        lines.append(
            f'        <media:description type="plain">{esc(image.caption)}</media:description>'
        )
    if image.credit:
        lines.append(f"        <media:credit>{esc(image.credit)}</media:credit>")
    lines.append("      </media:content>")
    return lines


def _link(rel: str, href: str, media_type: str | None = MEDIA_TYPE) -> str:
    type_attr = f' type="{media_type}"' if media_type else ""
    return f'    <atom:link rel="{rel}"{type_attr} href="{attr(href)}"/>\n'


def document(doc: Document, fragments: list[str]) -> bytes:
    spec = doc.spec
    head = [
        _OPEN,
        f"    <title>{esc(spec.title)}</title>\n",
        f"    <link>{esc(doc.alternate_url)}</link>\n",
        f"    <description>{esc(spec.description)}</description>\n",
    ]
    if spec.language:
        head.append(f"    <language>{esc(spec.language)}</language>\n")
    head += [
        f"    <lastBuildDate>{rfc822(doc.updated)}</lastBuildDate>\n",
        "    <generator>newsdesk</generator>\n",
        "    <docs>https://www.rssboard.org/rss-specification</docs>\n",
        _link("self", doc.url("rss")),
    ]
    if doc.hub:
        head.append(_link("hub", doc.hub, None))
    head += [_link(rel, href) for rel, href in doc.history_links("rss")]
    if doc.page.number is not None:
        head.append("    <fh:archive/>\n")
    return ("".join(head) + "".join(fragments) + "  </channel>\n</rss>\n").encode("utf-8")
