"""Hypothesis strategies and output checks for fuzzing extraction and feed building.

Shared by ``tests/robustness/test_fuzz.py`` (a bounded run in CI) and ``scripts/fuzz.py``
(longer runs). Inputs are grown from a small grammar of what news pages and archive rows are
made of (tags, attributes, JSON-LD, dates, charsets, markup in text), mixed with arbitrary
bytes and text, so that most examples get past the first checks of the code under test.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import html5lib
from hypothesis import strategies as st

from archive.feed_queries import EntryRecord, ImageRecord, OutletRecord
from feeds.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# -- extraction inputs ---------------------------------------------------------------------------

TAGS = ("html", "head", "body", "title", "meta", "h1", "h2", "p", "div", "span", "article",
        "main", "header", "footer", "nav", "aside", "section", "time", "a", "img", "figure",
        "figcaption", "br", "table", "tr", "td", "ul", "li", "blockquote", "b", "i", "address",
        "noscript", "iframe", "svg", "template", "form", "button", "font", "center")  # fmt: skip
ATTRIBUTES = ("class", "id", "href", "src", "data-src", "datetime", "content", "property",
              "name", "itemprop", "itemtype", "itemscope", "charset", "http-equiv", "lang",
              "dir", "rel", "alt", "title", "srcset", "type", "style", "onclick")  # fmt: skip
CLASSES = ("headline", "article-body", "byline", "author", "date", "timestamp", "caption",
           "credit", "comment", "comments", "related", "ad-container", "story", "content",
           "entry-content", "post", "teaser", "standfirst", "lead", "menu")  # fmt: skip
WORDS = ("Syrian", "army", "storms", "Al-Qusayr", "Beirut", "the", "said", "on", "Sunday",
         "AFP", "Reuters", "By", "and", "ministry", "Le", "gouvernement", "die", "Regierung",
         "الجيش", "السوري", "دمشق", "«", "»", "—", "&amp;", "&lt;", "&#x27;", "&nbsp;", "\u200f",
         "\u00a0", "\x00", "\x0b", "\ud800", "\ufeff", "<", ">", "'", '"', "2024", "10:15")  # fmt: skip
DATES = ("2024-05-03T10:15:00+03:00", "2024-05-03", "03.05.2024, 10:15 Uhr", "May 3, 2024",
         "Publié le 3 mai 2024 à 10h15", "٣ أيار ٢٠٢٤", "2099-01-01T00:00:00Z", "0000-00-00",
         "9999-12-31T23:59:59-23:59", "-1", "1714727700", "yesterday", "2024-13-45T99:99",
         "Fri, 03 May 2024 10:15:00 GMT", "2024-05-03T10:15:00+99:00", "",
         "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "Fri, 31 Dec 9999 23:59:59 -1200",
         "1714727700000", "99999999999", "2024-05-03T10:15:00.123456789Z")  # fmt: skip
CHARSETS = ("utf-8", "UTF8", "windows-1256", "iso-8859-1", "latin1", "utf-16", "x-nonsense",
            "", "utf-8;;", "gb2312", "koi8-r", "\x00")  # fmt: skip
CONTENT_TYPES = (None, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1256",
                 "text/html; charset=nonsense", "application/xhtml+xml", "text/plain",
                 "application/octet-stream", "application/rss+xml", "image/png", "",
                 "text/html; charset=")  # fmt: skip
URLS = ("http://news.example.com/politics/2024/05/03/syrian-army-storms-qusayr-100123.html",
        "https://news.example.com/", "http://news.example.com/a?utm_source=x#frag",
        "http://xn--mgbh0fb.example/%D8%A7%D9%84%D8%AC%D9%8A%D8%B4/100123",
        "http://127.0.0.1:8000/dailycourier.test/world/story-1")  # fmt: skip

words = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=25).map(
    " ".join
)
JSON_KEYS = ("@type", "@id", "@graph", "headline", "name", "author", "datePublished",
             "dateModified", "image", "url", "articleBody", "description", "keywords",
             "publisher", "inLanguage", "articleSection")  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(JSON_KEYS), inner, max_size=5)
    ),
    max_leaves=12,
)


def _attribute(name: str, value: str) -> str:
    return f' {name}="{value}"' if value != "" else f" {name}"


attributes = st.lists(
    st.tuples(
        st.sampled_from(ATTRIBUTES),
        st.sampled_from(DATES + CHARSETS + CLASSES + URLS) | words,
    ),
    max_size=3,
).map(lambda pairs: "".join(_attribute(k, v) for k, v in pairs))


def _element(tag: str, attrs: str, children: list[str]) -> str:
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


def _script(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


META_PROPERTIES = ("og:title", "article:published_time", "author", "description")
MARKUP = ("<br>", "<hr>", "<!-- c -->", "<!--", "</p>", "</div></div>", "<p>", "&",
          "<![CDATA[x]]>", "<?php ?>", "<!DOCTYPE html>")  # fmt: skip
leaves = (
    words
    | st.sampled_from(DATES)
    | json_values.map(_script)
    | st.sampled_from(CHARSETS).map(lambda c: f'<meta charset="{c}">')
    | st.tuples(st.sampled_from(META_PROPERTIES), st.sampled_from(DATES) | words).map(
        lambda kv: f'<meta property="{kv[0]}" content="{kv[1]}">'
    )
    | st.sampled_from(MARKUP)
)
fragments = st.recursive(
    leaves,
    lambda inner: st.builds(
        _element, st.sampled_from(TAGS), attributes, st.lists(inner, max_size=5)
    ),
    max_leaves=40,
)


def _page(head: list[str], title: str, body: list[str], tail: str) -> str:
    return (
        f"<html><head>{''.join(head)}</head><body><h1>{title}</h1>{''.join(body)}</body>"
        f"</html>{tail}"
    )


pages_text = st.builds(
    _page,
    st.lists(fragments, max_size=4),
    words,
    st.lists(fragments | words.map(lambda w: f"<p>{w} {w} {w}</p>"), max_size=12),
    st.sampled_from(("", "<p>unclosed", "</html></html>", "\x00")),
) | fragments.map(lambda f: f"<html><body>{f}</body></html>")


def encode(text: str, charset: str) -> bytes:
    return text.encode(charset, "surrogatepass" if charset.startswith("utf") else "replace")


page_bytes = (
    st.builds(encode, pages_text, st.sampled_from(("utf-8", "windows-1256", "latin-1", "utf-16")))
    | st.binary(max_size=2000)
    | st.builds(
        lambda a, b: a + b, st.binary(max_size=200), pages_text.map(lambda t: encode(t, "utf-8"))
    )
)
page_args = st.fixed_dictionaries(
    {
        "body": page_bytes,
        "url": st.sampled_from(URLS),
        "content_type": st.sampled_from(CONTENT_TYPES),
        "language_hint": st.sampled_from((None, "en", "fr", "de", "ar", "xx")),
        "timezone_hint": st.sampled_from((None, "Asia/Beirut", "+03:00", "Mars/Olympus", "-99:00")),
    }
)

#: What ``NotAnArticle.reason`` may be (crawler/extract/errors.py).
NOT_ARTICLE_REASONS = frozenset({"empty", "not-html", "no-title", "no-body", "listing"})


def extraction_problems(extraction: Any) -> list[str]:
    """What is wrong with an extraction's fields (an empty list: nothing)."""
    problems = []
    if not isinstance(extraction.title, str) or not extraction.title.strip():
        problems.append(f"title {extraction.title!r}")
    if not isinstance(extraction.body, str) or not extraction.body.strip():
        problems.append("empty body")
    if urlsplit(extraction.url).scheme not in ("http", "https"):
        problems.append(f"url {extraction.url!r}")
    for name in ("published", "modified"):
        value = getattr(extraction, name)
        if value is not None and value.tzinfo is None:
            problems.append(f"{name} is naive")
    texts = [extraction.title, extraction.body, extraction.subtitle or "", *extraction.authors]
    if any("\x00" in t for t in texts):
        problems.append("NUL character in a text field")
    return problems


# -- discovery inputs (feeds, sitemaps, listing pages) -------------------------------------------

xml_text = st.sampled_from(DATES + URLS + ("&amp;", "&lol;", "<![CDATA[<b>x</b>]]>", "]]>", "&#0;",
                                            "/relative/path", "javascript:alert(1)", "mailto:x@y",
                                            "//other.example/a", "")) | words  # fmt: skip


def _rss(items: list[tuple[str, str, str]], head: str) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate><guid>{link}</guid>"
        f"</item>"
        for t, link, d in items
    )
    return f'{head}<rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


def _atom(items: list[tuple[str, str, str]], head: str) -> str:
    body = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><updated>{d}</updated>'
        f"<published>{d}</published></entry>"
        for t, link, d in items
    )
    return f'{head}<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{body}</feed>'


def _sitemap(items: list[tuple[str, str, str]], head: str) -> str:
    body = "".join(
        f"<url><loc>{link}</loc><lastmod>{d}</lastmod><news:news><news:title>{t}</news:title>"
        f"<news:publication_date>{d}</news:publication_date></news:news></url>"
        for t, link, d in items
    )
    return (
        f'{head}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
    )


def _index(items: list[tuple[str, str, str]], head: str) -> str:
    body = "".join(
        f"<sitemap><loc>{link}</loc><lastmod>{d}</lastmod></sitemap>" for _, link, d in items
    )
    return f'{head}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'


#: What ``DiscoveryError.kind`` may be (crawler/discovery.py).
DISCOVERY_KINDS = frozenset(
    {"bad-gzip", "bad-xml", "empty", "not-a-feed", "not-a-sitemap", "too-large", "unsafe-xml"}
)
XML_HEADS = ('<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1256"?>', "",
             "\ufeff", '<!DOCTYPE rss [<!ENTITY e "x">]>', '<!DOCTYPE rss SYSTEM "file:///etc/hostname">',
             "<!-- padding -->")  # fmt: skip


def _padded(head: str) -> str:
    """A comment longer than any look at the start of a document (kept short in reports)."""
    return head.replace("padding", "x" * 70_000)


discovery_bytes = (
    st.builds(
        lambda make, items, head, cut: encode(make(items, _padded(head)), "utf-8")[: cut or None],
        st.sampled_from((_rss, _atom, _sitemap, _index)),
        st.lists(st.tuples(xml_text, xml_text, xml_text), max_size=4),
        st.sampled_from(XML_HEADS),
        st.integers(0, 400),
    )
    | page_bytes
)


# -- feed inputs ---------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">j</a>',
    '<a href="jav&#x09;ascript:alert(1)">t</a>', '<a href="&#106;avascript:alert(1)">e</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">', '<div style="width: expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>", '<p style="behavior:url(x.htc)">b</p>',
    '<svg><script>alert(1)</script></svg>', "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<iframe srcdoc="<script>alert(1)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="javascript:/">',
    '<form action="javascript:alert(1)"><button>go</button></form>', '<object data="x.swf"></object>',
    '<a href="vbscript:msgbox(1)">v</a>', '<img srcset="javascript:alert(1) 1x">', "]]>", "<![CDATA[",
    "&#0;", "\x00\x01\x02\x0b\x0c\x1f", "\ufffe\uffff", "<!--", "--><script>", "&bogus;",
)  # fmt: skip
#: Text as the archive holds it: any Unicode but lone surrogates (SQLite stores UTF-8).
feed_text = st.lists(
    st.sampled_from(HOSTILE)
    | st.sampled_from(WORDS).filter(lambda w: w != "\ud800")
    | st.text(max_size=40),
    max_size=8,
).map("".join)
#: URLs as the archive holds them: http(s) only (extraction and sources.toml see to it), but
#: with anything a URL may carry.
feed_url = st.sampled_from(URLS) | st.sampled_from(
    ("http://a/<script>", 'http://a/"onmouseover="x', "https://a/?q=1&x=<b>", "http://a/\u00e9 x")
)
utc_text = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ"))
local_text = st.builds(
    lambda d, minutes: d.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(-12 * 60, 14 * 60),
)
records = st.builds(
    EntryRecord,
    id=st.integers(1, 10**6),
    guid=st.uuids().map(lambda u: f"urn:uuid:{u}"),
    url=feed_url,
    canonical_url=feed_url,
    title=feed_text,
    subtitle=st.none() | feed_text,
    body=feed_text,
    language=st.sampled_from((None, "en", "ar", "x<y")),
    published=st.none() | utc_text,
    published_local=st.none() | local_text,
    modified=st.none() | utc_text,
    first_seen=utc_text,
    revised_at=st.none() | utc_text,
    story_id=st.none() | st.integers(1, 100),
    source_id=st.sampled_from(("levantpost", "wire-news")),
    source_name=feed_text,
    source_url=feed_url,
    source_language=st.sampled_from((None, "en", "fr")),
    full_text=st.booleans(),
    authors=st.lists(feed_text, max_size=2).map(tuple),
    agencies=st.lists(st.sampled_from(("AFP", "Reuters", "<b>AP</b>")), max_size=2).map(tuple),
    topics=st.lists(st.sampled_from(("politics", "sport", "conflict-war-peace")), max_size=2).map(
        tuple
    ),
    regions=st.lists(st.sampled_from(("SY", "LB", "FR")), max_size=2).map(tuple),
    world_regions=st.lists(st.sampled_from(("middle-east", "europe")), max_size=1).map(tuple),
    images=st.lists(
        st.builds(ImageRecord, feed_url, st.none() | feed_text, st.none() | feed_text), max_size=2
    ).map(tuple),
    also=st.lists(
        st.builds(OutletRecord, st.just("other"), feed_text, feed_url, feed_text), max_size=2
    ).map(tuple),
)
search_params = st.dictionaries(
    st.sampled_from(("q", "topic", "region", "source")), feed_text, max_size=3
)


def xml_problems(data: bytes) -> list[str]:
    try:
        ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    return []


def json_feed_html(data: bytes) -> list[str]:
    """The HTML fields of a JSON Feed (raises if the document is not JSON)."""
    doc = json.loads(data)
    return [item[k] for item in doc["items"] for k in ("content_html",) if k in item]


ATOM = "{http://www.w3.org/2005/Atom}"


def xml_feed_html(data: bytes) -> list[str]:
    """The HTML fields of the entries of an RSS or Atom document."""
    root = ET.fromstring(data)
    fields = []
    for item in root.iter("item"):
        fields += [el.text or "" for el in item if el.tag in ("description", CONTENT_ENCODED)]
    for entry in root.iter(f"{ATOM}entry"):
        fields += [
            el.text or ""
            for el in entry
            if el.tag in (f"{ATOM}summary", f"{ATOM}content") and el.get("type") == "html"
        ]
    return fields


CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

#: Attributes whose value a browser loads or follows as a URL.
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "srcset", "data",
                            "poster", "background", "xlink:href"})  # fmt: skip


def unsafe_html(fragment: str) -> list[str]:
    """Parse ``fragment`` as a browser would (html5lib) and list anything a feed reader must
    not be sent: an element or attribute outside the allow-list, a URL with another scheme."""
    found = []
    tree = html5lib.parseFragment(fragment, namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = element.tag.rsplit("}", 1)[-1]
        if tag != "DOCUMENT_FRAGMENT" and tag not in ALLOWED_TAGS:
            found.append(f"<{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in element.attrib.items():
            if name not in allowed:
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    found.append(f"<{tag} {name}={value!r}>")
    return found


def unsafe_page(page: bytes) -> list[str]:
    """An HTML page we render, parsed as a browser would: anything in it that would run
    script (an element that runs or embeds content, an event handler, a script URL)."""
    found = []
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "iframe", "object", "embed", "base", "frame", "frameset"):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    found.append(f"<{tag} {name}={value!r}>")
    return found
