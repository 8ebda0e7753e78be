"""Fetch faults (the bench server's fault routes): slow answers, connection resets, bodies cut
short, 500 and 503 with Retry-After, redirect loops and chains, a gzip bomb, a corrupt gzip
body, an endless body, a 20 MB page. Each is polled as a feed and fetched as an article in
one crawl (see conftest.py); each ends in an error recorded with its reason, the run goes on
and archives every article of the healthy publisher, and the crawl's memory stays bounded.

Retries and Retry-After themselves are shown from the server's side in
tests/crawler/test_politeness.py.
"""

from __future__ import annotations

import re

import pytest
from robustkit import rows
from robustsite import ANSWERING_ROUTES, FAULT_ROUTES, as_page

pytestmark = [pytest.mark.bench_site, pytest.mark.slow]

#: The reason recorded with each kind of error: a sentence, never a repr.
REASONS = {
    "timeout": r"^Getting http://\S+ took longer than 3\.0 seconds\.$",
    "connection": r"^connection lost: Connection to the other side was lost in a non-clean fashion\.$",
    "truncated": r"^the response ended before its announced size$",
    "http": r"^HTTP (500|503)$",
    "redirect-loop": r"^redirect loop: (http://\S+/_fault/redirect-loop\S* -> ){2}http://\S+$",
    "redirects": r"^more than 10 redirects \(to http://\S+/_fault/redirect-chain/5\)$",
    "too-large": r"(exceeded DOWNLOAD_MAXSIZE \(10485760 B\) during decompression|over the size limit)",
    "bad-encoding": r"^error: Error -3 while decompressing data: ",
}


def recorded(robust_crawl, source: str, url: str) -> list[tuple[str, int | None, str]]:
    return rows(
        robust_crawl.archive,
        "SELECT kind, http_status, reason FROM fetch_errors WHERE source_id = ? AND url = ?",
        (source, url),
    )


def test_the_run_goes_on_to_the_end(robust_crawl):
    done = robust_crawl.crawl.done
    assert done.returncode == 0, done.stderr[-3000:]
    assert robust_crawl.crawl.summary.startswith("run 1 ok: ")
    assert "Traceback" not in done.stderr
    assert rows(robust_crawl.archive, "SELECT status FROM runs") == [("ok",)]


def test_scrapy_warnings_about_recorded_faults_stay_out_of_the_log(robust_crawl):
    assert robust_crawl.crawl.done.stderr == ""


@pytest.mark.parametrize(("route", "kind"), sorted(FAULT_ROUTES.items()))
def test_a_feed_that_fails_is_recorded_with_its_reason(robust_crawl, route, kind):
    url = f"{robust_crawl.site.base}/_fault/{route}"
    ((got, status, reason),) = recorded(robust_crawl, "faults", url)
    assert got == kind
    assert re.search(REASONS[kind], reason), reason
    assert status == (int(route[7:10]) if kind == "http" else None)


@pytest.mark.parametrize(("route", "kind"), sorted(FAULT_ROUTES.items()))
def test_an_article_that_fails_is_recorded_with_its_reason(robust_crawl, route, kind):
    url = f"{robust_crawl.site.base}/_fault/{as_page(route)}"
    ((got, _, reason),) = recorded(robust_crawl, "faultpages", url)
    assert got == kind
    assert re.search(REASONS[kind], reason), reason


@pytest.mark.parametrize("route", ANSWERING_ROUTES)
def test_a_slow_or_redirected_answer_is_read(robust_crawl, route):
    """It answers within the timeout, or at the end of a short redirect chain: as a feed it
    is not one, as an article it is not one; both say so."""
    url = f"{robust_crawl.site.base}/_fault/{route}"
    assert recorded(robust_crawl, "faults", url) == [
        ("not-a-feed", None, "feed: an HTML page at a feed URL")
    ]
    assert recorded(robust_crawl, "faultpages", f"{url}{'&' if '?' in route else '?'}as=page") == []


def test_answers_that_are_not_articles_are_counted_as_dropped(robust_crawl):
    dropped = rows(
        robust_crawl.archive,
        "SELECT dropped_by_reason FROM run_sources WHERE source_id = 'faultpages'",
    )
    assert dropped == [('{"no-body": 2}',)]


def test_the_20_mb_page_is_not_downloaded(robust_crawl):
    url = f"{robust_crawl.site.base}/badinputs.test/huge/20mb.html"
    ((kind, _, reason),) = recorded(robust_crawl, "badinputs", url)
    assert kind == "too-large" and re.search(REASONS["too-large"], reason)


def test_every_article_of_the_healthy_publisher_is_archived(robust_crawl):
    truth = {t["url_path"] for t in robust_crawl.site.server.truth() if t["id"] is not None}
    archived = {
        u.split("127.0.0.1", 1)[1].split("/", 1)[1]
        for (u,) in rows(robust_crawl.archive, "SELECT url FROM articles")
    }
    assert len(truth) == 12
    assert {p.lstrip("/") for p in truth} - archived == set()


def test_memory_stays_bounded(robust_crawl):
    """A 1 GiB gzip bomb, an endless body and a 20 MB page, twice each, in one crawl that
    extracts in its own process: far below what reading any of them whole would take."""
    assert 50 < robust_crawl.crawl.peak_rss_mb < 450


def test_no_fault_holds_the_run_up(robust_crawl):
    """hang and trickle would hold a request for 30 s, endless for 60 s, each tried three
    times: the 3 s timeout and the size limit end them."""
    assert robust_crawl.crawl.seconds < 90
