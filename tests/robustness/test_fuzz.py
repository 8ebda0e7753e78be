"""Fuzzing, bounded for CI: extraction and feed building never raise anything but their
documented errors, and what they produce is well-formed and safe.

CI runs a fixed, derandomized set of examples per target (``NEWSDESK_FUZZ_EXAMPLES``,
default 150); ``scripts/fuzz.py`` runs the same properties with many more, random examples.
"""

from __future__ import annotations

import os
from datetime import timedelta
from urllib.parse import urlsplit

import fuzzkit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.timestamps import to_utc_text, utcnow
from crawler.discovery import (
    DiscoveryError,
    Listing,
    feed_links,
    parse_feed,
    parse_section,
    parse_sitemap,
)
from crawler.extract import NotAnArticle, extract_article
from crawler.items import PageItem, SourceHints
from crawler.work import Dropped, Processed, process_page
from feeds.catalog import search_spec
from feeds.documents import EPOCH, FeedSettings, make_document
from feeds.entries import build_entry
from feeds.model import Page
from feeds.pages import index_page, search_page
from feeds.render import render
from feeds.sanitize import body_to_html, sanitize_html, text_to_text

BASE_URL = "http://127.0.0.1:8080/"
FUZZ = settings(
    max_examples=int(os.environ.get("NEWSDESK_FUZZ_EXAMPLES", "150")),
    derandomize=os.environ.get("NEWSDESK_FUZZ_RANDOM") != "1",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@FUZZ
@given(fuzzkit.page_args)
def test_extraction_raises_only_not_an_article(args):
    try:
        extraction = extract_article(**args)
    except NotAnArticle as exc:
        assert exc.reason in fuzzkit.NOT_ARTICLE_REASONS
        return
    assert fuzzkit.extraction_problems(extraction) == []


@FUZZ
@given(fuzzkit.discovery_bytes, st.sampled_from(fuzzkit.URLS))
def test_discovery_raises_only_discovery_error(data, url):
    """Feeds, sitemaps and listing pages: a DiscoveryError or listings we can store."""
    section = parse_section(data, url, url)
    assert all(urlsplit(u).scheme in ("http", "https") for u in section.articles)
    listings: list[Listing] = []
    for parse in (parse_feed, parse_sitemap):
        try:
            result = parse(data, url)
        except DiscoveryError as exc:
            assert exc.kind in fuzzkit.DISCOVERY_KINDS
            continue
        listings += result.listings
    for listing in listings:
        assert urlsplit(listing.url).scheme in ("http", "https")
        for value in (listing.published, listing.modified):
            assert value is None or to_utc_text(value) <= to_utc_text(utcnow() + timedelta(days=1))
    assert all(urlsplit(u).scheme in ("http", "https") for u in feed_links(data, url))


@pytest.fixture(scope="module")
def hints() -> SourceHints:
    from crawler.work import warm_up

    warm_up()
    return SourceHints("levantpost", language="en", country="LB", topics=("politics",))


@FUZZ
@given(fuzzkit.page_args, st.data())
def test_the_crawl_processing_of_a_page_never_raises(hints, args, data):
    """Extraction, tagging and fingerprinting as a crawl runs them on a downloaded page."""
    from datetime import UTC, datetime

    page = PageItem(
        source_id="levantpost",
        requested_url=args["url"],
        url=args["url"],
        status=200,
        body=args["body"],
        content_type=args["content_type"],
        fetched_at=datetime(2024, 5, 3, 12, 0, tzinfo=UTC),
        hints=hints,
    )
    result = process_page(page)
    assert isinstance(result, Processed | Dropped)
    if isinstance(result, Dropped):
        assert result.reason in fuzzkit.NOT_ARTICLE_REASONS
    else:
        assert result.article.url_key and result.article.title


@FUZZ
@given(fuzzkit.feed_text, fuzzkit.feed_url)
def test_sanitized_html_is_safe(fragment, base_url):
    assert fuzzkit.unsafe_html(sanitize_html(fragment, base_url or BASE_URL)) == []
    assert fuzzkit.unsafe_html(body_to_html(fragment, base_url or BASE_URL)) == []
    assert "<script" not in text_to_text(fragment).lower() or "<script" in fragment.lower()


@FUZZ
@given(st.lists(fuzzkit.records, min_size=1, max_size=4, unique_by=lambda r: r.id),
       fuzzkit.search_params)  # fmt: skip
def test_feeds_are_well_formed_and_safe(records, params):
    entries = [build_entry(record, BASE_URL) for record in records]
    spec = search_spec(params)
    doc = make_document(spec, entries, Page(None, 0), FeedSettings(BASE_URL, 50), EPOCH)
    for fmt in ("rss", "atom"):
        data = render(doc, fmt)
        assert fuzzkit.xml_problems(data) == []
        for fragment in fuzzkit.xml_feed_html(data):
            assert fuzzkit.unsafe_html(fragment) == []
    for fragment in fuzzkit.json_feed_html(render(doc, "json")):
        assert fuzzkit.unsafe_html(fragment) == []


@FUZZ
@given(st.lists(fuzzkit.records, max_size=3, unique_by=lambda r: r.id), fuzzkit.search_params)
def test_html_pages_escape_what_they_show(records, params):
    entries = [build_entry(record, BASE_URL) for record in records]
    spec = search_spec(params)
    assert fuzzkit.unsafe_page(search_page(spec, entries, params, BASE_URL)) == []
    assert fuzzkit.unsafe_page(index_page([spec], BASE_URL)) == []
