"""Headline, standfirst and the publication's own name.

The headline is the page's ``<h1>`` when it agrees with what the page declares (``og:title``,
schema.org ``headline``, ``<title>``), since ``<title>`` carries suffixes such as
" | Syria | The Levant Post"; on pages without a fitting ``<h1>``, the element whose text is
the declared title; else the declared title itself. The standfirst is the element the page
marks as one (classes such as ``standfirst``, ``subtitle``, ``dek``, ``chapo``,
``itemprop="description"``), else the meta description when it is printed under the
headline, else the sentence printed right under the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .document import Document
from .dom import (
    Element,
    all_text,
    is_comment_area,
    is_hidden,
    is_noise,
    memoized_search,
    runs,
    says_standfirst,
    signature,
    text_of,
)
from .metadata import Structured
from .text import clean, comparable

_SEPARATOR = re.compile(r"\s+(?:[|–—·:»/\\~•]|-|::)\s+")
_LOGO = memoized_search(re.compile(r"\blogo\b|\bbrand\b|site-?name|site-?title|\bmasthead\b"))
_HEADING_HINT = memoized_search(
    re.compile(r"headline|\btitle\b|heading|article-?title|entry-?title|post-?title")
)
_SENTENCE_END = re.compile(r"[.!?…。؟]\s*[\"”»']?\s*$")
_BYLINE_START = re.compile(
    r"^\s*(?:by|par|von|por|di|door|av|af|przez|от|بقلم|كتب|كتبت|إعداد)\s+\S", re.I
)
_FOLLOWING = etree.XPath("following::*[position() <= 80]")


@dataclass
class Headline:
    title: str | None
    element: Element | None


def title_tag(doc: Document) -> str | None:
    return doc.title


def _segments(text: str | None) -> list[str]:
    return [s for s in _SEPARATOR.split(text or "") if s.strip()]


def _matches(text: str, refs: list[str], tag_text: str | None) -> bool:
    key = comparable(text)
    if not key or len(key) < 3:
        return False
    if any(key == comparable(ref) for ref in refs):
        return True
    if tag_text and len(key.split()) >= 3:
        tag_key = comparable(tag_text)
        if tag_key.startswith(key) or tag_key.endswith(key):
            return len(key) >= 0.4 * len(tag_key)
    return False


def _usable(el: Element) -> bool:
    if is_hidden(el):
        return False
    for anc in el.iterancestors():
        if anc.tag in ("nav", "footer", "aside") or is_comment_area(anc) or is_hidden(anc):
            return False
    return True


def find_title(doc: Document, structured: Structured) -> Headline:
    tag_text = title_tag(doc)
    refs = [
        r
        for r in (
            clean(doc.meta("og:title") or ""),
            clean(doc.meta("twitter:title") or ""),
            structured.headline or "",
        )
        if r
    ]
    h1s = [h for h in doc.root.iter("h1") if _usable(h) and text_of(h)]
    for h1 in h1s:
        if _matches(text_of(h1), refs, tag_text):
            return Headline(text_of(h1), h1)
    for el in doc.root.iter("h2", "h3", "div", "span", "p", "b", "strong", "font", "td", "a"):
        if len(el) > 6 or not _usable(el):
            continue
        if (
            el.tag not in ("h2", "h3")
            and not _HEADING_HINT(signature(el))
            and el.tag
            in (
                "div",
                "p",
                "td",
                "a",
            )
        ):
            continue
        text = text_of(el)
        if text and len(text) <= 300 and _matches(text, refs, tag_text):
            return Headline(text, el)
    if h1s:
        names = site_names(doc, structured, None)
        for h1 in h1s:
            text = text_of(h1)
            if comparable(text) not in names and len(text.split()) >= 2:
                return Headline(text, h1)
    if refs:
        return Headline(refs[0], None)
    names = site_names(doc, structured, None)
    parts = [s for s in _segments(tag_text) if comparable(s) not in names]
    if parts:
        return Headline(max(parts, key=len), None)
    return Headline(tag_text or None, None)


def site_names(doc: Document, structured: Structured, title: str | None) -> set[str]:
    """The publication's names (``comparable`` form), to tell it apart from authors."""
    names = {structured.site_name, structured.publisher, doc.meta("application-name")}
    if title:
        # "Headline | Section | Site" or "Site - Headline": the segment at the far end from
        # the headline (middle segments are sections or columnists' names).
        parts = [p for p in _segments(title_tag(doc)) if comparable(p) not in comparable(title)]
        segments = _segments(title_tag(doc))
        if parts and segments:
            head_first = comparable(title).startswith(comparable(segments[0]))
            names.add(segments[-1] if head_first else segments[0])
    for el in doc.root.iter("a", "div", "span", "img", "p", "header"):
        sig = signature(el)
        if sig and _LOGO(sig):
            text = el.get("alt") if el.tag == "img" else text_of(el)
            if text and len(text) <= 60:
                names.add(text)
            if el.tag != "img":
                for img in el.iter("img"):
                    if img.get("alt") and len(img.get("alt")) <= 60:
                        names.add(img.get("alt"))
            break
    return {comparable(n) for n in names if n and comparable(n)}


def _sentence_like(text: str) -> bool:
    return (
        20 <= len(text) <= 500
        and len(text.split()) >= 5
        and bool(_SENTENCE_END.search(text))
        and not _BYLINE_START.match(text)
    )


def find_subtitle(
    doc: Document,
    structured: Structured,
    title_el: Element | None,
    body: list[Element],
    title: str | None,
) -> str | None:
    inside_body: set[Element] = set()
    for container in body:
        inside_body.update(container.iter())
    following = _FOLLOWING(title_el) if title_el is not None else list(doc.root.iter())
    description = comparable(structured.description or "").rstrip(".…")
    title_key = comparable(title or "")
    for el in following:
        if not isinstance(el.tag, str) or el.tag in ("meta", "img", "br") or el in inside_body:
            continue
        if len(el) > 8 or is_noise(el) or is_hidden(el):
            continue
        sig = signature(el)
        hinted = bool(sig and says_standfirst(sig)) or el.get("itemprop") == "description"
        if not hinted and not (description and len(all_text(el)) >= 20):
            continue
        text = text_of(el)
        if not 15 <= len(text) <= 600 or comparable(text) == title_key:
            continue
        if hinted:
            return text
        key = comparable(text).rstrip(".…")
        if len(key) >= 20 and (key == description or key.startswith(description)):
            return text
    if title_el is None:
        return None
    # The sentence printed right under the headline, before the body.
    scope = title_el.getparent()
    for _ in range(3):
        if scope is None or any(scope is c for c in body) or scope.tag in ("body", "html"):
            break
        seen_title = False
        for run in runs(
            scope, lambda el: el in inside_body or is_noise(el, strict=True), lines=True
        ):
            if (
                run.owner is title_el
                or title_el in run.owner.iterancestors()
                or comparable(run.text) == title_key
            ):
                seen_title = True
                continue
            if seen_title:
                if (
                    _sentence_like(run.text)
                    and run.link_chars == 0
                    and run.owner not in inside_body
                ):
                    return run.text
                return None
        scope = scope.getparent()
    return None
