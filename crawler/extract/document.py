"""Parse a page once and keep what every extraction step reads.

The HTML is parsed a single time with lxml; the steps share the tree. Before scripts are
stripped, the JSON in ``<script type="application/ld+json">`` and in framework data blobs
(Next.js ``__NEXT_DATA__``, Nuxt, ...) is kept, because dates and authors often live there.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from .charset import decode_html
from .dom import Element, all_text
from .errors import NotAnArticle
from .text import clean

log = logging.getLogger(__name__)

#: Text beyond this many characters is not parsed: a page this long is an article followed by
#: an archive or a data dump, and parsing all of it costs memory for nothing.
MAX_PAGE_CHARS = 4_000_000

#: Elements that never hold article text (their tails are kept).
_STRIP = (
    "script",
    "style",
    "svg",
    "math",
    "template",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "link",
    "audio",
    "video",
    "map",
)
_NOT_HTML = re.compile(r"^\s*(?:%PDF|\x89PNG|GIF8|\xff\xd8\xff|PK\x03\x04|\{|\[)", re.S)
_FEED = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b"
)
#: ``property`` attributes, whose elements are RDFa when they have ``content`` (selecting the
#: attributes is quicker in libxml2 than testing every element).
_PROPERTIES = etree.XPath("descendant-or-self::*/@property")
#: What parse_document reads before the strip.
_READ_FIRST = ("meta", "link", "script", "base")
_TITLE_OPEN = re.compile(r"<title\b[^>]*>[^<]{0,2000}<", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain")
_JS_COMMENT_LINES = re.compile(r"^\s*(?://.*|<!--|-->)\s*$", re.M)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass
class Document:
    """A parsed page: the tree and the head-level data every step needs."""

    url: str
    base_url: str
    root: Element
    encoding: str
    metas: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    data_blobs: list[str] = field(default_factory=list)
    html_lang: str | None = None

    def meta(self, *keys: str) -> str | None:
        """The first non-empty value among the given ``<meta>`` names or properties."""
        for key in keys:
            for value in self.metas.get(key, ()):
                if value:
                    return value
        return None

    def meta_all(self, *keys: str) -> list[str]:
        return [value for key in keys for value in self.metas.get(key, ()) if value]

    @cached_property
    def title(self) -> str | None:
        """The page's ``<title>``, cleaned (computed once: several steps read it)."""
        node = self.root.find(".//title")
        return clean(all_text(node)) if node is not None else None

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if not href or href.startswith(("data:", "javascript:", "mailto:", "#")):
            return None
        return urljoin(self.base_url, href)


_parsers = threading.local()


def _parser() -> etree.HTMLParser:
    """This thread's HTML parser: a parser is reusable, though not by two threads at once."""
    parser = getattr(_parsers, "html", None)
    if parser is None:
        parser = _parsers.html = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
        )
    return parser


def _close_title(text: str) -> str:
    """Close a ``<title>`` left open: its raw-text content would swallow the whole page."""
    match = _TITLE_OPEN.search(text, 0, 100_000)
    if (
        match
        and not text.startswith("</title", match.end() - 1)
        and not text.startswith("</TITLE", match.end() - 1)
    ):
        cut = match.end() - 1
        return text[:cut] + "</title>" + text[cut:]
    return text


def _check_content_type(content_type: str | None) -> None:
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        if mime and not mime.startswith(_HTML_TYPES) and mime != "application/octet-stream":
            raise NotAnArticle("not-html", f"content type {mime}")


def _load_json(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    except RecursionError:  # nested deeper than the decoder goes: no page needs that
        log.debug("JSON-LD block nested too deep (%d chars)", len(text))
        return None
    # Hand-written JSON-LD: HTML or // comment lines, trailing commas.
    relaxed = _TRAILING_COMMA.sub(r"\1", _JS_COMMENT_LINES.sub("", text))
    try:
        return json.loads(relaxed, strict=False)
    except (ValueError, RecursionError):
        log.debug("unreadable JSON-LD block (%d chars)", len(text))
        return None


#: JSON-LD objects are looked for this deep at most (lists and @graph): real pages nest two
#: or three levels, and a hostile one must not exhaust the stack.
MAX_JSONLD_DEPTH = 12


def _flatten_jsonld(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _flatten_jsonld(item, out, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            _flatten_jsonld(graph, out, depth + 1)
        if "@type" in data or "headline" in data:
            out.append(data)


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, unless the page starts as markup and has only a stray one or two (which
    the parser drops); UTF-16 with a byte-order mark is text."""
    if b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return not head.lstrip().startswith(b"<") or head.count(b"\x00") > 8


def parse_document(
    body: bytes, url: str, content_type: str | None = None, language_hint: str | None = None
) -> Document:
    """Decode and parse ``body``; raise :class:`NotAnArticle` for empty or non-HTML input."""
    if not body or not body.strip():
        raise NotAnArticle("empty")
    _check_content_type(content_type)
    if _looks_binary(body[:2048]):
        raise NotAnArticle("not-html", "binary content")
    text, encoding = decode_html(body, content_type, language_hint)
    if _NOT_HTML.match(text[:16]) or _FEED.match(text[:2048]):
        raise NotAnArticle("not-html")
    text = _close_title(text)
    if len(text) > MAX_PAGE_CHARS:
        log.debug("page of %d characters cut to %d", len(text), MAX_PAGE_CHARS)
        text = text[:MAX_PAGE_CHARS]
    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise NotAnArticle("empty", str(exc)) from exc
    if root is None or len(root) == 0:
        raise NotAnArticle("empty")
    # One walk of the tree for the elements read before scripts and styles are stripped.
    found: dict[str, list[Element]] = {tag: [] for tag in _READ_FIRST}
    for el in root.iter(*_READ_FIRST):
        found[el.tag].append(el)
    base_url = url
    for base in found["base"]:
        if base.get("href"):
            base_url = urljoin(url, base.get("href").strip())
            break
    doc = Document(url=url, base_url=base_url, root=root, encoding=encoding)
    doc.html_lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    _read_head(doc, found["meta"], found["link"])
    _read_scripts(doc, found["script"])
    etree.strip_elements(root, *_STRIP, with_tail=False)
    return doc


def _read_head(doc: Document, metas: list[Element], links: list[Element]) -> None:
    for meta in metas:
        content = meta.get("content")
        if content is None:
            continue
        content = content.strip()
        itemprop = meta.get("itemprop")
        if itemprop and not (meta.get("name") or meta.get("property")):
            # Inside an item it is microdata, read with its item; a loose one is page-level.
            if not any(a.get("itemscope") is not None for a in meta.iterancestors()):
                for one in itemprop.lower().split():
                    doc.metas.setdefault(f"itemprop:{one}", []).append(content)
            continue
        for attr in ("property", "name", "http-equiv"):
            key = meta.get(attr)
            if key:
                for one in key.lower().split():
                    doc.metas.setdefault(one, []).append(content)
    for prop in _PROPERTIES(doc.root):  # RDFa on visible elements (Drupal: dc:date, dc:created)
        node = prop.getparent()
        if node.tag == "meta" or node.get("content") is None:
            continue
        for one in prop.lower().split():
            doc.metas.setdefault(one, []).append(node.get("content", "").strip())
    for link in links:
        rel = link.get("rel")
        href = link.get("href")
        if rel and href:
            for one in rel.lower().split():
                doc.links.setdefault(one, []).append(href.strip())


def _read_scripts(doc: Document, scripts: list[Element]) -> None:
    for script in scripts:
        kind = (script.get("type") or "").lower().strip()
        text = script.text or ""
        if not text.strip():
            continue
        if kind == "application/ld+json":
            _flatten_jsonld(_load_json(text), doc.jsonld)
        elif script.get("id") in ("__NEXT_DATA__", "__NUXT_DATA__") or (
            kind == "application/json" and len(text) < 3_000_000
        ):
            doc.data_blobs.append(text)
