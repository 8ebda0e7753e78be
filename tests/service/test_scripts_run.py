"""The README's first command, as written (plus a free port and a temporary archive, passed
through to ``newsdesk run``): within a minute a feed reader can subscribe to the demo's
feeds; SIGTERM stops it with exit code 0."""

from __future__ import annotations

import time

import feedparser
import pytest
from servicekit import ROOT
from testkit import free_port, wait_for

pytestmark = pytest.mark.slow


def subscribe(url: str):
    parsed = feedparser.parse(url)
    return parsed if parsed.get("status") == 200 and parsed.entries else None


def test_scripts_run_brings_up_subscribable_feeds(tmp_path, processes):
    if (ROOT / "sources.toml").exists():
        pytest.skip("this checkout has a sources.toml: ./scripts/run would crawl it, not the demo")
    port = free_port()
    started = time.monotonic()
    run = processes(
        [str(ROOT / "scripts" / "run"), "--port", str(port), "--archive",
         str(tmp_path / "archive.db")],
        tmp_path, "scripts-run",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    feed = wait_for("a subscribable feed", lambda: subscribe(base + "feeds/all.atom"), 60, 0.5)
    assert time.monotonic() - started < 60
    opml = feedparser.parse(base + "feeds.opml")
    assert feed.feed.title == "newsdesk: all articles"
    assert len(feed.entries) >= 1
    levant = wait_for("a source feed", lambda: subscribe(base + "feeds/source/levantpost.rss"), 30)
    assert levant.feed.title == "newsdesk: The Levant Post"
    assert opml.get("status") == 200
    assert f"Feeds: {base}" in run.stdout()
    assert f"  {base}feeds/all.atom   (every article; also .rss and .json)" in run.stdout()
    assert run.terminate() == 0
