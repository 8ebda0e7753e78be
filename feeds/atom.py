"""Atom 1.0 (RFC 4287) with Media RSS and feed history (RFC 5005).

Written directly rather than through feedgen: feedgen 1.0.0 drops ``rel``, ``type`` and
``length`` from entry links (its issues 135 and 143), so an enclosure becomes a second
alternate link, which RFC 4287 4.1.1 forbids; it also cannot reuse an entry rendered once.
"""

from __future__ import annotations

from .dates import rfc3339
from .model import Document, Entry
from .xmltext import attr, esc

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
MEDIA_TYPE = "application/atom+xml"

_OPEN = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom"'
    ' xmlns:media="http://search.yahoo.com/mrss/"'
    ' xmlns:fh="http://purl.org/syndication/history/1.0"{lang}>\n'
)


def _link(
    indent: str, rel: str, href: str, media_type: str | None, title: str | None = None
) -> str:
    type_attr = f' type="{attr(media_type)}"' if media_type else ""
    title_attr = f' title="{attr(title)}"' if title else ""
    return f'{indent}<link rel="{rel}"{type_attr} href="{attr(href)}"{title_attr}/>'


def entry_fragment(entry: Entry) -> str:
    lang = f' xml:lang="{attr(entry.language)}"' if entry.language else ""
    lines = [
        f"  <entry{lang}>",
        f"    <id>{esc(entry.guid)}</id>",
        f"    <title>{esc(entry.title)}</title>",
        _link("    ", "alternate", entry.link, "text/html"),
    ]
    if entry.image is not None:
        # RFC 4287 4.2.7.2: length is advisory; it is left out because it is not known.
        lines.append(_link("    ", "enclosure", entry.image.url, entry.image.media_type))
    lines += [_link("    ", "related", o.url, "text/html", o.name) for o in entry.also]
    if entry.published is not None:
        lines.append(f"    <published>{rfc3339(entry.published)}</published>")
    lines.append(f"    <updated>{rfc3339(entry.updated)}</updated>")
    lines += [f"    <author><name>{esc(name)}</name></author>" for name in entry.authors]
    lines += [
        f'    <category term="{attr(c.term)}" scheme="{attr(c.scheme)}" label="{attr(c.label)}"/>'
        for c in entry.categories
    ]
    lines.append(f'    <summary type="html">{esc(entry.summary_html)}</summary>')
    if entry.content_html is not None:
        lines.append(f'    <content type="html">{esc(entry.content_html)}</content>')
    lines += _source(entry)
    if entry.image is not None:
        lines += _media(entry)
    lines.append("  </entry>\n")
    return "\n".join(lines)


def _source(entry: Entry) -> list[str]:
    """RFC 4287 4.2.11: the feed the entry came from; its author stands in when the article
    has no byline (4.2.1), so every entry has an author."""
    source = entry.source
    feed_url = f"{source.feed_url}.atom"
    lines = [
        "    <source>",
        f"      <id>{esc(feed_url)}</id>",
        f"      <title>{esc(source.name)}</title>",
        f"      <updated>{rfc3339(entry.updated)}</updated>",
        _link("      ", "self", feed_url, MEDIA_TYPE),
        _link("      ", "alternate", source.url, "text/html"),
    ]
    if not entry.authors:
        lines.append(f"      <author><name>{esc(source.name)}</name></author>")
    lines.append("    </source>")
    return lines


def _media(entry: Entry) -> list[str]:
    image = entry.image
    assert image is not None
    type_attr = f' type="{attr(image.media_type)}"' if image.media_type else ""
    lines = [f'    <media:content url="{attr(image.url)}" medium="image"{type_attr}>']
    if image.caption:
        lines.append(
            f'      <media:description type="plain">{esc(image.caption)}</media:description>'
        )
    if image.credit:
        lines.append(f"      <media:credit>{esc(image.credit)}</media:credit>")
    lines.append("    </media:content>")
    return lines


def document(doc: Document, fragments: list[str]) -> bytes:
    spec = doc.spec
    lang = f' xml:lang="{attr(spec.language)}"' if spec.language else ""
    head = [
        _OPEN.format(lang=lang),
        # All documents of a feed, archive pages included, share its id (RFC 5005 section 4).
        f"  <id>{esc(doc.current_url('atom'))}</id>\n",
        f"  <title>{esc(spec.title)}</title>\n",
        f"  <subtitle>{esc(spec.description)}</subtitle>\n",
        f"  <updated>{rfc3339(doc.updated)}</updated>\n",
        _link("  ", "self", doc.url("atom"), MEDIA_TYPE) + "\n",
        _link("  ", "alternate", doc.alternate_url, "text/html") + "\n",
    ]
    if doc.hub:
        head.append(_link("  ", "hub", doc.hub, None) + "\n")
    head += [_link("  ", rel, href, MEDIA_TYPE) + "\n" for rel, href in doc.history_links("atom")]
    head.append("  <generator>newsdesk</generator>\n")
    if doc.page.number is not None:
        head.append("  <fh:archive/>\n")
    return ("".join(head) + "".join(fragments) + "</feed>\n").encode("utf-8")
