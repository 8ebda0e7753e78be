"""The rules of the W3C Feed Validation Service (validator.w3.org/feed) that apply to what
newsdesk emits, checked offline. The service's own code (feedvalidator) is not packaged for
PyPI or Debian; these are its checks for RSS 2.0 items and channels (item.py, channel.py),
Atom 1.0 feeds and entries (feed.py, entry.py, link.py, content.py) and embedded HTML
(validators.py safeHtml), with its message names. ``check(data)`` returns (errors, warnings).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"

RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MIME = re.compile(r"^[a-z][a-z0-9!#$&.+^_-]*/[a-z0-9!#$&.+^_-]+$")
#: IANA link relations the validator accepts, and the ones RFC 5005 and WebSub registered.
RELS = {
    "alternate", "related", "self", "enclosure", "via", "first", "last", "previous", "next",
    "current", "prev-archive", "next-archive", "hub", "license", "replies", "edit",
}  # fmt: skip
#: Elements the validator's safeHtml reports as SecurityRisk.
UNSAFE_ELEMENTS = {
    "script", "applet", "embed", "object", "iframe", "frame", "frameset", "style", "link",
    "meta", "form", "input", "button", "base", "svg", "math",
}  # fmt: skip
URL_ATTRS = {"href", "src", "cite", "action", "background", "poster", "data", "longdesc"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE_ELEMENTS:
            self.problems.append(f"SecurityRisk: <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"SecurityRiskAttr: {name}")
            if name == "style":
                self.problems.append("DangerousStyleAttr: style")
            if name in URL_ATTRS and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in ("http", "https", "mailto"):
                    kind = "ContainsRelRef" if not scheme else "SecurityRisk"
                    self.problems.append(f"{kind}: {name}={value!r}")


def html_problems(fragment: str) -> list[str]:
    parser = _Html()
    parser.feed(fragment)
    parser.close()
    return parser.problems


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return bool(parts.scheme) and (parts.scheme in ("urn", "tag", "mailto") or bool(parts.netloc))


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, text: str) -> None:
        self.errors.append(text)

    def warn(self, text: str) -> None:
        self.warnings.append(text)


def _atom_link(link: ET.Element, where: str, r: Report) -> None:
    rel = link.get("rel", "alternate")
    if rel not in RELS and not _absolute(rel):
        r.error(f"{where}: InvalidAtomLinkRel {rel}")
    if not _absolute(link.get("href")):
        r.error(f"{where}: link href must be an absolute URL: {link.get('href')}")
    if link.get("type") is not None and not MIME.match(link.get("type", "")):
        r.error(f"{where}: InvalidMIMEType {link.get('type')}")
    if link.text and link.text.strip():
        r.error(f"{where}: AtomLinkNotEmpty")


def _media(item: ET.Element, where: str, r: Report) -> None:
    for media in item.findall(f"{MEDIA}content"):
        if not _absolute(media.get("url")):
            r.error(f"{where}: media:content url must be absolute")
        if media.get("medium") not in (None, "image", "audio", "video", "document", "executable"):
            r.error(f"{where}: InvalidMediaMedium {media.get('medium')}")
        if media.get("type") is not None and not MIME.match(media.get("type", "")):
            r.error(f"{where}: InvalidMIMEAttribute media:content type")
        for desc in media.findall(f"{MEDIA}description"):
            if desc.get("type", "plain") not in ("plain", "html"):
                r.error(f"{where}: media:description type")


def check_rss(root: ET.Element, r: Report) -> None:
    if root.get("version") != "2.0":
        r.error("InvalidRSSVersion")
    channel = root.find("channel")
    if channel is None:
        r.error("MissingElement: channel")
        return
    for name in ("title", "link", "description"):
        if channel.find(name) is None:
            r.error(f"MissingElement: channel/{name}")
    if not _absolute(channel.findtext("link")):
        r.error("InvalidURLAttribute: channel/link")
    for name in ("lastBuildDate", "pubDate"):
        value = channel.findtext(name)
        if value is not None and not RFC822.match(value):
            r.error(f"InvalidRFC2822Date: channel/{name} {value}")
    links = channel.findall(f"{ATOM}link")
    if not any(link.get("rel") == "self" for link in links):
        r.warn("MissingAtomSelfLink")
    for link in links:
        _atom_link(link, "channel", r)
    guids: set[str] = set()
    for n, item in enumerate(channel.findall("item")):
        where = f"item {n}"
        for name in ("title", "link"):
            if item.find(name) is None:
                r.warn(f"{where}: MissingItem{name.capitalize()}")
        if not _absolute(item.findtext("link")):
            r.error(f"{where}: InvalidFullLink")
        guid = item.find("guid")
        if guid is None:
            r.warn(f"{where}: MissingGuid")
        else:
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                r.error(f"{where}: InvalidBooleanAttribute isPermaLink")
            value = guid.text or ""
            if permalink == "true" and not urlsplit(value).netloc:
                r.error(f"{where}: InvalidHttpGUID")
            if value in guids:
                r.error(f"{where}: DuplicateValue guid {value}")
            guids.add(value)
        for a, b in (("author", f"{DC}creator"), ("pubDate", f"{DC}date"),
                     ("category", f"{DC}subject")):  # fmt: skip
            if item.find(a) is not None and item.find(b) is not None:
                r.warn(f"{where}: DuplicateItemSemantics {a}")
        for author in item.findall("author"):
            if not re.match(r"^\S+@\S+\.\S+( \(.+\))?$", author.text or ""):
                r.error(f"{where}: InvalidContact author must be an e-mail address")
        date = item.findtext("pubDate")
        if date is not None and not RFC822.match(date):
            r.error(f"{where}: InvalidRFC2822Date {date}")
        updated = item.findtext(f"{ATOM}updated")
        if updated is not None and not RFC3339.match(updated):
            r.error(f"{where}: InvalidRFC3339Date atom:updated")
        for name in ("description", f"{CONTENT}encoded"):
            r.warnings += [f"{where}: {p}" for p in html_problems(item.findtext(name) or "")]
        source = item.find("source")
        if source is not None and not _absolute(source.get("url")):
            r.error(f"{where}: MissingAttribute source url")
        for enclosure in item.findall("enclosure"):
            if (
                not (enclosure.get("length") or "").isdigit()
                or int(enclosure.get("length", "0")) <= 0
            ):
                r.error(f"{where}: InvalidIntegerAttribute enclosure length")
            if not MIME.match(enclosure.get("type") or ""):
                r.error(f"{where}: InvalidMIMEAttribute enclosure type")
        for link in item.findall(f"{ATOM}link"):
            _atom_link(link, where, r)
        _media(item, where, r)


def _text_construct(element: ET.Element | None, where: str, r: Report) -> None:
    if element is None:
        return
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        r.error(f"{where}: InvalidTextType {kind}")
    if kind == "html":
        r.warnings += [f"{where}: {p}" for p in html_problems(element.text or "")]


def check_atom(root: ET.Element, r: Report) -> None:
    for name in ("id", "title", "updated"):
        if root.find(f"{ATOM}{name}") is None:
            r.error(f"MissingElement: feed/{name}")
    if not _absolute(root.findtext(f"{ATOM}id")):
        r.error("InvalidFullLink: feed/id")
    if not RFC3339.match(root.findtext(f"{ATOM}updated") or ""):
        r.error("InvalidRFC3339Date: feed/updated")
    links = root.findall(f"{ATOM}link")
    if not any(link.get("rel") == "self" for link in links):
        r.warn("MissingSelf")
    for link in links:
        _atom_link(link, "feed", r)
    feed_author = root.find(f"{ATOM}author") is not None
    ids: set[str] = set()
    for n, entry in enumerate(root.findall(f"{ATOM}entry")):
        where = f"entry {n}"
        for name in ("id", "title", "updated"):
            if entry.find(f"{ATOM}{name}") is None:
                r.error(f"{where}: MissingElement {name}")
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if not _absolute(entry_id):
            r.error(f"{where}: InvalidFullLink id")
        if entry_id in ids:
            r.error(f"{where}: DuplicateEntries {entry_id}")
        ids.add(entry_id)
        source = entry.find(f"{ATOM}source")
        has_author = entry.find(f"{ATOM}author") is not None or (
            source is not None and source.find(f"{ATOM}author") is not None
        )
        if not (has_author or feed_author):
            r.error(f"{where}: MissingElement author")
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            if value is not None and not RFC3339.match(value):
                r.error(f"{where}: InvalidRFC3339Date {name}")
        content = entry.find(f"{ATOM}content")
        alternates: set[tuple[str | None, str | None]] = set()
        for link in entry.findall(f"{ATOM}link"):
            _atom_link(link, where, r)
            if link.get("rel", "alternate") == "alternate":
                key = (link.get("type"), link.get("hreflang"))
                if key in alternates:
                    r.error(f"{where}: DuplicateAtomLink")
                alternates.add(key)
        if content is None:
            if entry.find(f"{ATOM}summary") is None:
                r.error(f"{where}: MissingTextualContent")
            if not alternates:
                r.error(f"{where}: MissingContentOrAlternate")
        for name in ("title", "summary", "content"):
            _text_construct(entry.find(f"{ATOM}{name}"), f"{where} {name}", r)
        for category in entry.findall(f"{ATOM}category"):
            if not category.get("term"):
                r.error(f"{where}: MissingAttribute category term")
        if source is not None:
            for name in ("id", "title", "updated"):
                if source.find(f"{ATOM}{name}") is None:
                    r.warn(f"{where}: source MissingElement {name}")
            for link in source.findall(f"{ATOM}link"):
                _atom_link(link, f"{where} source", r)
        _media(entry, where, r)


def check(data: bytes) -> tuple[list[str], list[str]]:
    """(errors, warnings) of an RSS 2.0 or Atom 1.0 document."""
    r = Report()
    if not data.startswith(b'<?xml version="1.0" encoding="utf-8"?>'):
        r.warn("No XML declaration with the encoding")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"SAXError: {exc}"], []
    if root.tag == "rss":
        check_rss(root, r)
    elif root.tag == f"{ATOM}feed":
        check_atom(root, r)
    else:
        r.error(f"UndefinedElement: root {root.tag}")
    return r.errors, r.warnings
