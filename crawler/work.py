"""The CPU-bound part of archiving a page: extract, normalize, tag, fingerprint.

Runs in worker processes (see :class:`crawler.pipelines.ProcessPipeline`) so that Scrapy's
reactor thread keeps downloading while both cores extract. Plain functions, picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive import Article

from .dedup import fingerprint
from .extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, NotAnArticle, extract_article
from .items import PageItem, Processed
from .tagging import tag_article
from .tagging import warm_up as tagging_warm_up
from .urls import url_key


@dataclass(frozen=True)
class Dropped:
    """A page we will not archive, with a short reason for the run summary."""

    page: PageItem
    reason: str
    detail: str = ""


def warm_up() -> None:
    """Build the tagging tables when a worker starts, not inside the first article's time."""
    tagging_warm_up()


def process_page(page: PageItem) -> Processed | Dropped:
    try:
        extraction = extract_article(
            page.body,
            page.url,
            content_type=page.content_type,
            language_hint=page.hints.language,
            timezone_hint=page.hints.timezone,
        )
    except NotAnArticle as exc:
        return Dropped(page, exc.reason, str(exc))
    published = extraction.published
    published_source = extraction.published_source
    precision = extraction.published_precision
    listing = page.listing
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
    )
    return Processed(
        page=page,
        article=article,
        labels=tuple(tags.labels()),
        places=tuple(tags.places),
        fingerprint=fingerprint(article.title, article.body),
        encoding=extraction.encoding,
    )
