"""``extract_article``: one page's bytes in, one :class:`Extraction` out.

The page is decoded and parsed once; every step reads the same tree. Order matters: the
headline and the body block locate "the article's part of the page" (their closest common
ancestor), and bylines, visible dates and images are only read there, while comments are read
anywhere but kept apart.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit

from crawler.urls import canonical_url

from .body import find_body
from .bylines import Byline, credits, visible_byline
from .comments import find_comments
from .dates import arabic_month_style, url_date
from .document import Document, parse_document
from .dom import Element, all_text, common_ancestor
from .errors import NotAnArticle
from .headline import find_subtitle, find_title, site_names
from .images import find_images
from .language import decide
from .metadata import read_data_blobs, read_structured
from .model import Extraction
from .published import Clues, find_dates_in_page
from .text import comparable
from .timezones import country_of_page, guess_zone

log = logging.getLogger(__name__)

#: English-language press outside North America writes day before month.
_MONTH_FIRST_COUNTRIES = frozenset({"us", "ca", "ph"})
MAX_KEYWORDS = 30


def _scope(title_el: Element | None, containers: list[Element], root: Element) -> Element | None:
    """The article's part of the page: headline, meta line, images and body, no more."""
    if not containers:
        return title_el.getparent() if title_el is not None else None
    if title_el is not None:
        scope = common_ancestor(title_el, containers[0])
        if scope.tag not in ("body", "html"):
            return scope
    for anc in containers[0].iterancestors():
        if anc.tag in ("article", "main"):
            return anc
    parent = containers[0].getparent()
    return parent if parent is not None else root


def _canonical(candidate: str | None, fetched: str) -> str:
    """rel=canonical / og:url unless it is not a page URL (a home page, another scheme)."""
    fallback = canonical_url(fetched)
    if not candidate:
        return fallback
    try:
        url = canonical_url(candidate)
    except ValueError:
        return fallback
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return fallback
    if parts.path in ("", "/") and urlsplit(fallback).path not in ("", "/"):
        return fallback
    return url


def _dedupe(values: list[str], limit: int | None = None) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for value in values:
        key = comparable(value)
        if key and key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out[:limit] if limit else out)


def _clues(
    doc: Document,
    url: str,
    scope: Element | None,
    language: str | None,
    timezone_hint: str | None,
    now: datetime,
) -> Clues:
    """How to read the page's local dates: its zone, and day or month first."""
    locale_tags = [
        t for t in (doc.html_lang, doc.meta("og:locale"), doc.meta("content-language")) if t
    ]
    country_tags = doc.meta_all("geo.region", "geo.country", "country")
    country = country_of_page(url, locale_tags, country_tags)
    scope_text = all_text(scope)[:20_000] if scope is not None and language == "ar" else ""
    zone = guess_zone(
        url,
        hint=timezone_hint,
        locale_tags=locale_tags,
        country_tags=country_tags,
        language=language,
        arabic_month_style=arabic_month_style(scope_text) if scope_text else None,
    )
    month_first = language == "en" and (country is None or country in _MONTH_FIRST_COUNTRIES)
    return Clues(zone=zone, month_first=month_first, url_day=url_date(url), now=now)


def extract_article(
    body: bytes,
    url: str,
    *,
    content_type: str | None = None,
    language_hint: str | None = None,
    timezone_hint: str | None = None,
    now: datetime | None = None,
) -> Extraction:
    """Extract the article of one HTML page.

    ``url`` is where the page was fetched (relative links resolve against it);
    ``content_type`` the HTTP header, if any (its charset is checked against the bytes);
    ``language_hint`` the source's language and ``timezone_hint`` its zone (IANA name, or a
    fixed offset such as ``+01:00`` learnt from its feed), used only when the page does not
    say; ``now`` is the reference for rejecting future dates (default: the current time).
    Raises :class:`NotAnArticle` with a ``reason`` for pages to drop.
    """
    now = now or datetime.now(UTC)
    doc = parse_document(body, url, content_type, language_hint)
    structured = read_structured(doc)
    headline = find_title(doc, structured)
    if not headline.title:
        raise NotAnArticle("no-title")
    read_data_blobs(doc, structured, headline.title)
    found = find_body(
        doc.root,
        title_el=headline.element,
        title=headline.title,
        subtitle=None,
        declared_body=structured.article_body,
    )
    if found.is_listing and not structured.is_article_type:
        # A page that calls itself an article keeps its benefit of the doubt.
        raise NotAnArticle("listing", "the main block is a list of teasers")
    containers = found.containers
    subtitle = find_subtitle(doc, structured, headline.element, containers, headline.title)
    paragraphs = found.paragraphs
    if subtitle and paragraphs and comparable(paragraphs[0]) == comparable(subtitle):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NotAnArticle("no-body")
    text = "\n\n".join(paragraphs)
    scope = _scope(headline.element, containers, doc.root)

    language = decide(
        [
            structured.language,
            doc.html_lang,
            doc.meta("content-language"),
            doc.meta("og:locale"),
            language_hint,
        ],
        text,
    )
    clues = _clues(doc, url, scope, language, timezone_hint, now)
    zone, month_first = clues.zone, clues.month_first
    dates = find_dates_in_page(
        marked_published=structured.published,
        marked_modified=structured.modified,
        scope=scope,
        body=containers,
        url=url,
        clues=clues,
    )

    nobody = site_names(doc, structured, headline.title)
    visible = visible_byline(scope, containers, nobody) if scope is not None else Byline()
    who = credits(
        structured_people=structured.authors,
        meta_authors=structured.meta_authors,
        visible=visible,
        inner_bylines=found.removed,
        first_paragraph=paragraphs[0],
        nobody=nobody,
    )
    images = find_images(doc, scope, containers[0] if containers else None, nobody)
    # Comment times are local to the site: the offset its own date states beats a guess.
    local = zone if timezone_hint else (dates.stated_zone or zone)
    comments = find_comments(doc.root, local, month_first=month_first, url_day=clues.url_day)
    pull_quotes = found.pull_quotes
    if pull_quotes:
        paragraph_keys = {comparable(p) for p in paragraphs}
        pull_quotes = [q for q in pull_quotes if comparable(q) not in paragraph_keys]
    return Extraction(
        url=_canonical(structured.canonical, url),
        title=headline.title,
        subtitle=subtitle,
        authors=tuple(who.authors),
        agencies=tuple(who.agencies),
        published=dates.published,
        published_source=dates.published_source,
        published_precision=dates.published_precision,
        published_zone_guessed=(
            dates.published is not None
            and dates.stated_zone is None
            and not timezone_hint
            and dates.published_precision != "day"
        ),
        modified=dates.modified,
        language=language,
        section=structured.section,
        body=text,
        images=tuple(images),
        pull_quotes=_dedupe(pull_quotes),
        comments=tuple(comments),
        keywords=_dedupe(structured.keywords, MAX_KEYWORDS),
        encoding=doc.encoding,
    )
