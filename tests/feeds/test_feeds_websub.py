"""WebSub: feeds name the hub, and the hub hears about the feeds that changed."""

from __future__ import annotations

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import feedfixture
import pytest
from conftest import Server, get

from archive import Article, Label, open_archive, parse_config
from archive.writes import set_labels, upsert_article
from feeds.documents import FeedSettings
from feeds.publish import publish


class Hub:
    """A loopback WebSub hub that records the feed URLs it is told about."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                fields = parse_qs(body)
                if fields.get("hub.mode") == ["publish"]:
                    hub.urls += fields["hub.url"]
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def hub():
    running = Hub()
    try:
        yield running
    finally:
        running.stop()


def add_article(path):
    archive = open_archive(path)
    try:
        with archive.transaction() as conn:
            article = Article(
                url="https://sahel.example.com/fr/crue", canonical_url="https://sahel.example.com/fr/crue",
                url_key="sahel.example.com/fr/crue", source_id="sahelinfo", title="Le fleuve Niger en crue",
                body="Le niveau du fleuve monte.", fetched_at=feedfixture.RECRAWLED_AT, language="fr",
                published=feedfixture.RECRAWLED_AT, extractor="fixture", extractor_version="1",
            )  # fmt: skip
            result = upsert_article(conn, article, now=feedfixture.RECRAWLED_AT)
            set_labels(conn, result.article_id, [Label("region", "NE", 0.9, "text")])
    finally:
        archive.close()


CHANGED = sorted(
    f"{{base}}feeds/{feed}.{fmt}"
    for feed in ("all", "region/ne", "source/sahelinfo")
    for fmt in ("atom", "json", "rss")
)


def test_publish_pings_the_hub_with_changed_feeds(fixture_archive, tmp_path, hub):
    archive = tmp_path / "archive.db"
    shutil.copy(fixture_archive, archive)
    config = parse_config(feedfixture.SOURCES_TOML)
    settings = FeedSettings(feedfixture.BASE_URL, 4, hub=hub.url)
    first = publish(archive, config, settings, tmp_path / "out")
    assert len(first.pinged) == 19 * 3 and len(hub.urls) == 19 * 3
    assert (
        f'<atom:link rel="hub" href="{hub.url}"/>'.encode()
        in (tmp_path / "out/feeds/all.rss").read_bytes()
    )
    add_article(archive)
    hub.urls.clear()
    publish(archive, config, settings, tmp_path / "out")
    assert sorted(hub.urls) == [u.format(base=feedfixture.BASE_URL) for u in CHANGED]


def test_serve_pings_the_hub_when_the_archive_changes(fixture_archive, tmp_path, hub):
    archive = tmp_path / "archive.db"
    shutil.copy(fixture_archive, archive)
    toml = feedfixture.SOURCES_TOML.replace(
        "feed_items = 4", f'feed_items = 4\nwebsub_hub = "{hub.url}"'
    )
    running = Server(archive, tmp_path, toml)
    try:
        assert (
            f'<link rel="hub" href="{hub.url}"/>'.encode() in get(running.url + "feeds/all.atom")[2]
        )
        add_article(archive)
        get(running.url + "feeds/all.atom")
        deadline = time.monotonic() + 10
        while len(hub.urls) < len(CHANGED) and time.monotonic() < deadline:
            time.sleep(0.3)
            get(running.url + "feeds/all.atom")  # a request is what notices the new state
        assert sorted(hub.urls) == [u.format(base=running.url) for u in CHANGED]
    finally:
        running.stop()
