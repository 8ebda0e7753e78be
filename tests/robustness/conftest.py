"""Fixtures of the robustness tests: the robust site (robustsite.py) served on loopback, and
one crawl of it shared by the fault, hostile-feed and messy-page tests. Every process
started here is stopped here."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # robustkit, robustsite and fuzzkit, beside this file

from robustkit import BENCH, SiteServer, add_publisher, crawl  # noqa: E402
from robustsite import (  # noqa: E402
    ANSWERING_ROUTES,
    FAULT_ROUTES,
    SETTINGS,
    SITE,
    RobustCrawl,
    RobustSite,
    as_page,
    hostile_files,
    robust_sources,
    rss,
)
from testkit import make_bench_site  # noqa: E402

from newsdesk.benchsites import write_sources_toml  # noqa: E402


@pytest.fixture(scope="session")
def robust_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RobustSite]:
    if not BENCH.is_dir():
        pytest.skip("needs ../shared/bench")
    root = tmp_path_factory.mktemp("robust")
    secret_file = root / "secret" / "token.txt"
    secret_file.parent.mkdir()
    secret = f"newsdesk-secret-{uuid.uuid4().hex}"
    secret_file.write_text(secret + "\n")
    site = make_bench_site(root / "site", *SITE)
    routes = [*FAULT_ROUTES, *ANSWERING_ROUTES]
    pages = [f"http://site.invalid/_fault/{as_page(r)}".replace("&", "&amp;") for r in routes]
    add_publisher(site, "faultfeed.test", {"articles.rss": rss(pages)})
    add_publisher(site, "hostile.test", hostile_files(secret_file))
    server = SiteServer(site)
    try:
        yield RobustSite(server, secret, site)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def robust_crawl(robust_site: RobustSite, tmp_path_factory: pytest.TempPathFactory) -> RobustCrawl:
    """One crawl of every source of the robust site, extraction in the crawl process (so
    that its peak memory is the whole run's)."""
    work = tmp_path_factory.mktemp("robust-crawl")
    write_sources_toml(work / "sources.toml", robust_sources(robust_site), SETTINGS)
    done = crawl(work, "--workers", "0")
    return RobustCrawl(robust_site, work, done, robust_site.server.access_log())
