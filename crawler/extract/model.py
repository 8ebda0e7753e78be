"""The result of extraction: a frozen record, and its JSON form for ``newsdesk extract``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archive.models import Comment, Image
from archive.timestamps import require_aware, to_local_text

#: Stored with every article (``articles.extractor``): which code produced the fields.
EXTRACTOR_NAME = "newsdesk-extract"
#: Bumped whenever the same page can give different fields, so ``reextract`` knows what is old.
EXTRACTOR_VERSION = "1"


@dataclass(frozen=True)
class Extraction:
    """One article page, extracted and normalized. Datetimes are timezone-aware."""

    url: str  # canonical URL (rel=canonical, og:url, else the fetched URL), cleaned
    title: str
    body: str  # paragraphs separated by one blank line, NFC
    encoding: str  # what the bytes were decoded as
    subtitle: str | None = None
    authors: tuple[str, ...] = ()  # people only
    agencies: tuple[str, ...] = ()  # canonical names: AFP, Reuters, AP, dpa...
    published: datetime | None = None
    published_source: str | None = None  # jsonld, microdata, meta, time, text or url
    published_precision: str | None = None  # second, minute or day
    published_zone_guessed: bool = False  # the page printed a local time with no offset
    modified: datetime | None = None
    language: str | None = None  # ISO 639-1
    section: str | None = None
    images: tuple[Image, ...] = ()
    pull_quotes: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("published", "modified"):
            value = getattr(self, name)
            if value is not None:
                require_aware(value, name)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``newsdesk extract`` prints; callers may add keys (tags, regions)."""
        return {
            "url": self.url,
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": list(self.authors),
            "agencies": list(self.agencies),
            "published": to_local_text(self.published) if self.published else None,
            "published_source": self.published_source,
            "published_precision": self.published_precision,
            "modified": to_local_text(self.modified) if self.modified else None,
            "language": self.language,
            "section": self.section,
            "keywords": list(self.keywords),
            "body": self.body,
            "images": [
                {"url": image.url, "caption": image.caption, "credit": image.credit}
                for image in self.images
            ],
            "pull_quotes": list(self.pull_quotes),
            "comments": [_comment_dict(comment) for comment in self.comments],
            "encoding": self.encoding,
        }


def _comment_dict(comment: Comment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "author": comment.author,
        "published": comment.published,
        "text": comment.text,
    }
    if comment.reply_to is not None:
        out["reply_to"] = comment.reply_to
    return out
