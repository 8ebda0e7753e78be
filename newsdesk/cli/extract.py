"""``newsdesk extract``: run the article extractor on one page and print the result as JSON."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .. import __version__

FETCH_TIMEOUT_S = 30.0
FETCH_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"newsdesk/{__version__} (article extractor)"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "extract",
        parents=[common],
        help="extract the article of one HTML page and print it as JSON",
        description="Extract the article of one page (a file, or an http(s) URL fetched with "
        "one plain GET) and print it as one JSON object: url, title, subtitle, authors, "
        "agencies, published, modified, language, body, images, pull_quotes, comments, "
        "keywords, and the tags: regions (primary first), world_region, places, "
        "mentioned_countries, topics (strongest first). Nothing is written to the archive.",
    )
    p.add_argument("page", metavar="PATH_OR_URL", help="an HTML file, or an http(s) URL")
    p.add_argument(
        "--url",
        help="the URL the page was fetched from (resolves relative links; default: the URL "
        "given, or the file's file:// URI)",
    )
    p.add_argument("--content-type", help="the HTTP Content-Type the page was served with")
    p.add_argument("--language", help="language to assume if the page does not say (ISO 639-1)")
    p.add_argument(
        "--timezone", help="time zone of undated local times if the page does not say (IANA)"
    )
    p.add_argument(
        "--no-tags", action="store_true", help="leave out regions, places and topics (faster)"
    )
    p.set_defaults(handler=cmd_extract)


def _fetch(url: str) -> tuple[bytes, str, str | None]:
    """``(body, final URL, Content-Type)`` of one GET; refuses pages over the size limit."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
        body = response.read(FETCH_MAX_BYTES + 1)
        if len(body) > FETCH_MAX_BYTES:
            raise ValueError(f"page larger than {FETCH_MAX_BYTES // (1024 * 1024)} MB")
        return body, response.geturl(), response.headers.get("Content-Type")


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.extract import NotAnArticle, extract_article
    from crawler.tagging import tag_article

    content_type = args.content_type
    if args.page.startswith(("http://", "https://")):
        try:
            body, final_url, served_type = _fetch(args.page)
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
            print(f"error: could not fetch {args.page}: {exc}", file=sys.stderr)
            return 1
        url = args.url or final_url
        content_type = content_type or served_type
    else:
        path = Path(args.page)
        body = path.read_bytes()
        url = args.url or path.resolve().as_uri()
    try:
        extraction = extract_article(
            body,
            url,
            content_type=content_type,
            language_hint=args.language,
            timezone_hint=args.timezone,
        )
    except NotAnArticle as exc:
        print(
            f"error: {args.page} is not an article we can extract ({exc}); "
            "check that it is an article page, not a listing, feed or error page",
            file=sys.stderr,
        )
        return 1
    result = extraction.to_dict()
    if not args.no_tags:
        tags = tag_article(
            extraction.title,
            extraction.subtitle,
            extraction.body,
            language=extraction.language,
            section=extraction.section,
            url=extraction.url,
            keywords=extraction.keywords,
        )
        result.update(tags.to_dict())
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
