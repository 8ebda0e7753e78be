"""Article extraction: one HTML page in, one normalized article out.

Pure functions over plain data, shared by the crawler's pipeline, ``newsdesk extract`` and
``newsdesk reextract``::

    from crawler.extract import NotAnArticle, extract_article

    try:
        extraction = extract_article(response.body, response.url,
                                     content_type=response.headers.get("Content-Type"))
    except NotAnArticle as exc:
        counts.drop(exc.reason)

One module per concern: :mod:`.charset` (bytes to text), :mod:`.document` (parse once),
:mod:`.metadata` (JSON-LD, microdata, OpenGraph), :mod:`.headline`, :mod:`.body`,
:mod:`.bylines` and :mod:`.agencies`, :mod:`.published`, :mod:`.dates` and :mod:`.timezones`,
:mod:`.images`, :mod:`.comments`, :mod:`.language`, :mod:`.model`.
"""

from __future__ import annotations

from .agencies import canonical_agency
from .article import extract_article
from .errors import NotAnArticle
from .model import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extraction

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "Extraction",
    "NotAnArticle",
    "canonical_agency",
    "extract_article",
]
