"""Pages that redirect with <meta http-equiv="refresh"> are still followed, in any encoding,
while pages without one are passed on without being decoded."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from archive import Settings
from crawler import settings as crawl_settings
from crawler.middlewares import MetaRefreshMiddleware

PAGE = """<!doctype html><html><head><title>Moved</title>
<META HTTP-EQUIV="Refresh" CONTENT="0; URL=/politics/2024/05/01/moved.html"></head>
<body><p>This article has moved.</p></body></html>"""


@pytest.fixture
def middleware():
    crawler = get_crawler(settings_dict=crawl_settings.build(Settings(), version="0"))
    return MetaRefreshMiddleware.from_crawler(crawler)


def respond(body: bytes, encoding: str = "utf-8") -> tuple[Request, HtmlResponse]:
    request = Request("https://news.example/old.html")
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    return request, HtmlResponse(request.url, body=body, headers=headers, request=request)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_a_refresh_is_followed(middleware, encoding):
    request, response = respond(PAGE.encode(encoding), encoding)
    result = middleware.process_response(request, response)
    assert isinstance(result, Request)
    assert result.url == "https://news.example/politics/2024/05/01/moved.html"


def test_a_refresh_after_arabic_text_is_found(middleware):
    """4,000 characters of Arabic are about 8 KB: the refresh is still in what Scrapy reads."""
    title = "خبر" * 1300
    text = PAGE.replace("<title>Moved</title>", f"<title>{title}</title>")
    request, response = respond(text.encode("utf-8"))
    assert isinstance(middleware.process_response(request, response), Request)


def test_a_page_without_refresh_is_not_decoded(middleware):
    body = b"<html><head><title>News</title></head><body>" + b"<p>Words.</p>" * 2000 + b"</body>"
    request, response = respond(body)
    assert middleware.process_response(request, response) is response
    assert response._cached_ubody is None  # response.text was never computed


def test_the_crawl_uses_it():
    middlewares = crawl_settings.build(Settings(), version="0")["DOWNLOADER_MIDDLEWARES"]
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert middlewares["crawler.middlewares.MetaRefreshMiddleware"] == 580
