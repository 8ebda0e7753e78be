"""Hostile article bodies come out inert and well-formed in every format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
import w3c_rules

from feeds.sanitize import ALLOWED_TAGS, sanitize_html

HOSTILE_GUID = "urn:uuid:32b714a9-ea54-5aaf-a372-69a267ae3620"
#: The fixture's hostile body as every format carries it (HTML, before XML or JSON escaping).
HOSTILE_HTML = (
    "<p>Intro <b>bold <i>unclosed</i></b></p><b><i>"
    '<img src="https://wire.example.com/tech/x.jpg"><a>click</a> '
    '<a href="https://wire.example.com/en/related">related</a> <div>styled</div><img>'
    "<table><tbody><tr><td>cell</td></tr></tbody></table> trailing &amp; text</i></b>"
)
VOID = {"img", "br", "hr"}
FORBIDDEN = ("<script", "onclick", "onerror", "javascript:", "expression(", "data:", "<iframe",
             "style=", "<!--", "document.write")  # fmt: skip


class Balance(HTMLParser):
    """Every element closed in order: the markup is a tree, not tag soup."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def is_balanced(html: str) -> bool:
    parser = Balance()
    parser.feed(html)
    return parser.ok and not parser.stack


def hostile_html(documents, fmt: str) -> list[str]:
    data = documents[f"feeds/source/wirenews.{fmt}"]
    if fmt == "json":
        item = next(i for i in json.loads(data)["items"] if i["id"] == HOSTILE_GUID)
        return [item["content_html"]]
    root = ET.fromstring(data)
    ns = {
        "atom": "http://www.w3.org/2005/Atom",
        "content": "http://purl.org/rss/1.0/modules/content/",
    }
    if fmt == "rss":
        item = next(i for i in root.iter("item") if i.findtext("guid") == HOSTILE_GUID)
        return [item.findtext("description"), item.findtext("content:encoded", namespaces=ns)]
    entry = next(
        e
        for e in root.findall("atom:entry", ns)
        if e.findtext("atom:id", namespaces=ns) == HOSTILE_GUID
    )
    return [
        entry.findtext("atom:summary", namespaces=ns),
        entry.findtext("atom:content", namespaces=ns),
    ]


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_hostile_body_is_inert(documents, fmt):
    for html in hostile_html(documents, fmt):
        assert not [bad for bad in FORBIDDEN if bad in html.lower()]
        assert w3c_rules.html_problems(html) == []
        assert is_balanced(html)


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_hostile_body_keeps_its_text_and_safe_links(documents, fmt):
    assert hostile_html(documents, fmt)[-1] == HOSTILE_HTML


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "<img>"),
        ('<svg onload="alert(1)"><circle/></svg>ok', "ok"),
        ('<p style="background:url(javascript:x)">t</p>', "<p>t</p>"),
        ("<math><mi xlink:href='javascript:1'>m</mi></math>", ""),
        ("<object data='x.swf'></object><embed src='x'>e", "e"),
        ('<form action="https://evil.example.com/"><input name=a></form>f', "f"),
        ("<style>p{color:red}</style><p>s", "<p>s</p>"),
        ("<p>a<p>b", "<p>a</p><p>b</p>"),
        ('<a href="../up">u</a>', '<a href="https://news.example.com/up">u</a>'),
        ('<a href="mailto:desk@example.com">m</a>', '<a href="mailto:desk@example.com">m</a>'),
        ('<a href="#top">t</a>', '<a href="https://news.example.com/a/b#top">t</a>'),
        ("<blink>x</blink><marquee>y</marquee>", "xy"),
    ],
)
def test_sanitize_html(dirty, clean):
    assert sanitize_html(dirty, "https://news.example.com/a/b") == clean


def test_allowed_tags_survive_feedparser_sanitizer():
    """Readers built on feedparser keep every element we send."""
    from feedparser.sanitizer import _HTMLSanitizer

    assert set(ALLOWED_TAGS) <= _HTMLSanitizer.acceptable_elements


def test_xml_forbidden_characters_are_dropped():
    from feeds.xmltext import esc

    assert esc("a\x00b\x0bc\ufffe<d>") == "abc&lt;d&gt;"
    assert re.fullmatch(r"[^\x00-\x08]*", esc("\x01\x02"))
