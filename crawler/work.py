"""The CPU-bound part of archiving a page: extract, normalize, tag, fingerprint.

Runs in worker processes (see :class:`crawler.pipelines.ProcessPipeline`) so that Scrapy's
reactor thread keeps downloading while both cores extract. Plain functions, picklable data.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from archive import Article
from archive.writes import compress_raw

from .dedup import fingerprint
from .discovery import Listing
from .extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, NotAnArticle, extract_article
from .items import PageItem, Processed
from .tagging import tag_article
from .tagging import warm_up as tagging_warm_up
from .tokens import article_words, body_keys
from .urls import url_key


@dataclass(frozen=True)
class Failed:
    """A page whose processing raised: the error, as text that always pickles."""

    page: PageItem
    error: str
    traceback: str


class ProcessingError(RuntimeError):
    """Processing a page raised in an extraction process (the text has its traceback)."""


@dataclass(frozen=True)
class Dropped:
    """A page we will not archive, with a short reason for the run summary."""

    page: PageItem
    reason: str
    detail: str = ""


def reconcile_zone(printed: datetime, announced: datetime | None) -> datetime:
    """A local time the page printed without its zone, read in a guessed zone, against the
    exact instant the feed or sitemap announced for the same article.

    When the two differ by a whole number of quarter hours (up to the 26 h between UTC-12
    and UTC+14, give or take the seconds the page leaves out), the guess was the wrong zone:
    the printed clock reading is kept and the announced instant's zone is used.
    """
    if announced is None:
        return printed
    difference = (printed - announced).total_seconds()
    quarters = round(difference / 900)
    if quarters == 0 or abs(quarters) > 26 * 4 or abs(difference - quarters * 900) > 60:
        return printed
    offset = printed.utcoffset() or timedelta(0)
    zone = timezone(offset + timedelta(seconds=quarters * 900))
    return printed.replace(tzinfo=zone)


def listing_offset(listing: Listing | None) -> str | None:
    """The UTC offset a feed or sitemap gave for this article, as a hint for times the page
    prints without a zone. An offset of zero says nothing: many feeds speak GMT whatever
    the newsroom's clock."""
    if listing is None or listing.published is None:
        return None
    offset = listing.published.utcoffset()
    if not offset:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


#: How much an extraction process yields the CPU to the crawl process (``nice``).
WORKER_NICENESS = 10


def warm_up() -> None:
    """Build the tagging tables now, not inside the first article's time."""
    tagging_warm_up()


def start_extraction_process() -> None:
    """How an extraction process starts: at a lower priority, then warmed up.

    The crawl process's one thread feeds every extraction process (it downloads, and stores
    what they send back); when it has to wait for a core behind them, they soon wait for
    pages. At a lower priority they take what it leaves: on the 2-core benchmark machine a
    crawl took 3% less time for the same CPU.
    """
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    warm_up()


def extraction_pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` processes for :func:`process_page`, each warmed up as it starts. Spawned,
    not forked: Scrapy's process has threads, which a fork would copy mid-flight."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=start_extraction_process)


def process_page(page: PageItem) -> Processed | Dropped:
    try:
        extraction = extract_article(
            page.body,
            page.url,
            content_type=page.content_type,
            language_hint=page.hints.language,
            timezone_hint=page.hints.timezone or listing_offset(page.listing),
        )
    except NotAnArticle as exc:
        return Dropped(page, exc.reason, str(exc))
    published = extraction.published
    published_source = extraction.published_source
    precision = extraction.published_precision
    listing = page.listing
    if extraction.published_zone_guessed and published is not None and listing is not None:
        published = reconcile_zone(published, listing.published)
    if published is None and listing is not None and listing.published is not None:
        # The page states no date: the feed's or sitemap's is the next best evidence.
        published, published_source, precision = listing.published, listing.via, "second"
    article = Article(
        url=page.url,
        canonical_url=extraction.url,
        url_key=url_key(extraction.url),
        source_id=page.source_id,
        title=extraction.title,
        subtitle=extraction.subtitle,
        body=extraction.body,
        fetched_at=page.fetched_at,
        language=extraction.language,
        section=extraction.section,
        authors=tuple(extraction.authors),
        agencies=tuple(extraction.agencies),
        published=published,
        published_source=published_source,
        published_precision=precision,
        modified=extraction.modified,
        images=tuple(extraction.images),
        comments=tuple(extraction.comments),
        pull_quotes=tuple(extraction.pull_quotes),
        keywords=tuple(extraction.keywords),
        extractor=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
    )
    parts = article_words(article.title, article.subtitle, article.body)
    tags = tag_article(
        article.title,
        article.subtitle,
        article.body,
        language=article.language,
        section=article.section,
        url=article.canonical_url,
        keywords=article.keywords,
        source_country=page.hints.country,
        source_topics=page.hints.topics,
        parts=parts,
    )
    return Processed(
        page=replace(page, body=b""),  # the page goes back compressed, not twice
        raw_zlib=compress_raw(page.body),
        raw_size=len(page.body),
        article=article,
        labels=tuple(tags.labels()),
        places=tuple(tags.places),
        fingerprint=fingerprint(article.title, article.body, body_keys=body_keys(parts)),
        encoding=extraction.encoding,
    )


def process_pages(pages: list[PageItem]) -> list[Processed | Dropped | Failed]:
    """:func:`process_page` for a batch (one trip to an extraction process and back); a page
    that raises does not take the others with it."""
    results: list[Processed | Dropped | Failed] = []
    for page in pages:
        try:
            results.append(process_page(page))
        except Exception as exc:  # handed back to the page's item
            results.append(
                Failed(
                    replace(page, body=b""), f"{type(exc).__name__}: {exc}", traceback.format_exc()
                )
            )
    return results
