"""What a page says about itself in markup: schema.org JSON-LD and microdata, OpenGraph and
``article:*`` tags, Dublin Core and the usual CMS ``<meta>`` names, framework data blobs.

Everything here reads; nothing guesses from the visible layout (that is :mod:`.body`,
:mod:`.bylines` and :mod:`.published`). The result is a :class:`Structured` record whose
fields keep the raw strings, with where they came from.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from . import microdata
from .document import Document
from .text import clean, comparable

log = logging.getLogger(__name__)

#: schema.org types whose object describes the article on the page.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "satiricalarticle",
        "report",
        "techarticle",
        "scholarlyarticle",
        "medicalscholarlyarticle",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "ngo"})

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "itemprop:datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms:issued",
    "dc:created",
    "dcterms:created",
    "dc:date",
    "schema:datepublished",
    "schema:datecreated",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "cxenseparse:recs:publishtime",
    "article.published",
    "date",
    "citation_publication_date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:updated_time",
    "modified_time",
    "datemodified",
    "itemprop:datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "dc:modified",
    "dcterms:modified",
    "schema:datemodified",
    "lastmod",
    "last-modified",
)
AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
)

_NEXT_DATE_KEYS = (
    "datePublished",
    "publishedAt",
    "published_at",
    "publishDate",
    "publishedDate",
    "firstPublished",
    "firstPublishedAt",
    "first_published_at",
    "displayDate",
)
_NEXT_MODIFIED_KEYS = ("dateModified", "updatedAt", "updated_at", "modifiedAt", "lastModified")
_NEXT_AUTHOR_KEYS = ("author", "authors", "byline", "bylines", "creator", "contributors")


@dataclass
class Person:
    """A name found in markup, with its schema.org type when there was one."""

    name: str
    kind: str = ""  # "person", "organization" or "" (unknown)


@dataclass
class Structured:
    """Markup-level facts about the article; strings as found, with their origin."""

    headline: str | None = None
    description: str | None = None
    published: list[tuple[str, str]] = field(default_factory=list)  # (raw, source)
    modified: list[tuple[str, str]] = field(default_factory=list)
    authors: list[Person] = field(default_factory=list)
    meta_authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    site_name: str | None = None
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    canonical: str | None = None
    article_body: str | None = None
    is_article_type: bool = False


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type") or obj.get("type") or ()
    if isinstance(raw, str):
        raw = [raw]
    elif not isinstance(raw, list):
        return set()  # a number or an object where a type name belongs
    out = set()
    for one in raw:
        if isinstance(one, str):
            out.add(re.split(r"[/:#]", one)[-1].lower())
    return out


def _text(value: Any) -> str | None:
    """A JSON-LD or microdata value as one clean string (HTML entities decoded)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if value is None or isinstance(value, (dict, list)):
        return None
    text = clean(html.unescape(str(value)))
    return text or None


def _people(value: Any, index: dict[str, dict[str, Any]]) -> list[Person]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    people = []
    for item in items:
        if isinstance(item, dict) and "@id" in item and len(item) <= 2 and item["@id"] in index:
            item = index[item["@id"]]
        if isinstance(item, str):
            name = clean(html.unescape(item))
            kind = ""
        elif isinstance(item, dict):
            props = item.get("properties") if isinstance(item.get("properties"), dict) else item
            name = _text(props.get("name")) or ""
            if not name and (props.get("givenName") or props.get("familyName")):
                name = clean(
                    f"{_text(props.get('givenName')) or ''} {_text(props.get('familyName')) or ''}"
                )
            types = _types(item)
            kind = "person" if "person" in types else ("organization" if types & _ORG_TYPES else "")
        else:
            continue
        if name and not name.startswith(("http://", "https://")):
            people.append(Person(name, kind))
    return people


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list):
        parts = [v for v in value if isinstance(v, str)]
    else:
        return []
    return [k for k in (clean(html.unescape(p)) for p in parts) if k]


def _pick_article(objects: list[dict[str, Any]], urls: set[str], title: str | None) -> dict | None:
    """The object about this page: an article type, matching the URL or headline if several."""
    candidates: list[dict[str, Any]] = []
    pending = list(objects)
    while pending:
        obj = pending.pop(0)
        if _types(obj) & ARTICLE_TYPES:
            candidates.append(obj)
        for key in ("mainEntity", "mainEntityOfPage"):
            inner = obj.get(key)
            if isinstance(inner, dict) and _types(inner) & ARTICLE_TYPES:
                pending.append(inner)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]

    def rank(obj: dict[str, Any]) -> tuple[int, int, int]:
        page = obj.get("mainEntityOfPage")
        page_id = page.get("@id") if isinstance(page, dict) else page
        same_url = bool({str(obj.get("url") or ""), str(page_id or "")} & urls)
        same_title = bool(title) and comparable(_text(obj.get("headline")) or "") == comparable(
            title or ""
        )
        return (same_url, same_title, len(obj))

    return max(candidates, key=rank)


def read_jsonld(doc: Document, out: Structured, title_hint: str | None) -> None:
    index = {o["@id"]: o for o in doc.jsonld if isinstance(o.get("@id"), str)}
    urls = {doc.url, out.canonical or ""}
    article = _pick_article(doc.jsonld, urls, title_hint)
    if article is None:
        for obj in doc.jsonld:  # a WebPage (Yoast) still dates the page
            if _types(obj) & _PAGE_TYPES and obj.get("datePublished"):
                out.published.append((str(obj["datePublished"]), "jsonld"))
                if obj.get("dateModified"):
                    out.modified.append((str(obj["dateModified"]), "jsonld"))
                break
        return
    out.is_article_type = True
    out.headline = out.headline or _text(article.get("headline")) or _text(article.get("name"))
    out.description = out.description or _text(article.get("description"))
    for key in ("datePublished", "dateCreated"):
        if article.get(key):
            out.published.append((str(_text(article[key]) or ""), "jsonld"))
    if article.get("dateModified"):
        out.modified.append((str(_text(article["dateModified"]) or ""), "jsonld"))
    for key in ("author", "creator"):
        out.authors.extend(_people(article.get(key), index))
    for key in ("sourceOrganization", "provider"):
        out.authors.extend(p for p in _people(article.get(key), index) if p.kind != "person")
    publisher = _people(article.get("publisher"), index)
    if publisher:
        out.publisher = out.publisher or publisher[0].name
    section = article.get("articleSection")
    out.section = out.section or _text(section)
    out.keywords.extend(_keywords(article.get("keywords")))
    out.language = out.language or _text(article.get("inLanguage"))
    body = article.get("articleBody")
    if isinstance(body, str) and body.strip():
        out.article_body = body


def read_microdata(doc: Document, out: Structured) -> None:
    elements = microdata.scopes(doc.root)
    if all(el is doc.root for el in elements):
        return  # an item on <html> alone does not make the page one
    for item in map(microdata.read_item, elements):
        if not (_types(item) & ARTICLE_TYPES):
            continue
        props = item.get("properties", {})
        out.is_article_type = True
        out.headline = out.headline or _text(props.get("headline")) or _text(props.get("name"))
        out.description = out.description or _text(props.get("description"))
        for key in ("datePublished", "dateCreated"):
            if props.get(key):
                out.published.append((_text(props[key]) or "", "microdata"))
        if props.get("dateModified"):
            out.modified.append((_text(props["dateModified"]) or "", "microdata"))
        out.authors.extend(_people(props.get("author"), {}))
        out.section = out.section or _text(props.get("articleSection"))
        out.keywords.extend(_keywords(props.get("keywords")))
        out.language = out.language or _text(props.get("inLanguage"))
        body = props.get("articleBody")
        if isinstance(body, str) and body.strip() and not out.article_body:
            out.article_body = body
        break


def read_meta(doc: Document, out: Structured) -> None:
    for key in PUBLISHED_META:
        for value in doc.metas.get(key, ()):
            if value:
                out.published.append((value, "meta"))
    for key in MODIFIED_META:
        for value in doc.metas.get(key, ()):
            if value:
                out.modified.append((value, "meta"))
    for key in AUTHOR_META:
        for value in doc.metas.get(key, ()):
            value = clean(html.unescape(value))
            if value and not value.startswith(("http://", "https://", "@")):
                out.meta_authors.append(value)
    out.site_name = _text(doc.meta("og:site_name", "application-name", "al:android:app_name"))
    out.section = out.section or _text(doc.meta("article:section", "section", "parsely-section"))
    for key in ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags"):
        for value in doc.metas.get(key, ()):
            out.keywords.extend(_keywords(value))
    out.headline = out.headline or None
    out.description = out.description or _text(
        doc.meta("og:description", "description", "twitter:description")
    )


def _walk_json(data: Any, depth: int = 0) -> Any:
    if depth > 14:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _walk_json(value, depth + 1)
    elif isinstance(data, list):
        for value in data[:200]:
            if isinstance(value, (dict, list)):
                yield from _walk_json(value, depth + 1)


def read_data_blobs(doc: Document, out: Structured, title: str | None) -> None:
    """Dates and authors from a framework's page data (``__NEXT_DATA__`` and the like).

    Only an object whose headline or title is this page's title counts, so a list of teasers
    in the same blob cannot date the article.
    """
    if not title or not doc.data_blobs:
        return
    key = comparable(title)
    for blob in doc.data_blobs:
        try:
            data = json.loads(blob)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to decode
            continue
        for obj in _walk_json(data):
            heading = obj.get("headline") or obj.get("title")
            if isinstance(heading, dict):
                heading = heading.get("basic") or heading.get("text") or heading.get("main")
            if not isinstance(heading, str) or comparable(heading) != key:
                continue
            for name in _NEXT_DATE_KEYS:
                if isinstance(obj.get(name), (str, int)):
                    out.published.append((str(obj[name]), "jsonld"))
                    break
            for name in _NEXT_MODIFIED_KEYS:
                if isinstance(obj.get(name), (str, int)):
                    out.modified.append((str(obj[name]), "jsonld"))
                    break
            if not out.authors:
                for name in _NEXT_AUTHOR_KEYS:
                    if obj.get(name):
                        out.authors.extend(_people(obj[name], {}))
                        break
            return


def canonical_link(doc: Document) -> str | None:
    for href in doc.links.get("canonical", []):
        if href:
            return doc.absolute(href)
    og = doc.meta("og:url")
    return doc.absolute(og) if og else None


def read_structured(doc: Document) -> Structured:
    out = Structured()
    out.canonical = canonical_link(doc)
    title_hint = _text(doc.meta("og:title", "twitter:title"))
    read_jsonld(doc, out, title_hint)
    read_microdata(doc, out)
    read_meta(doc, out)
    return out
