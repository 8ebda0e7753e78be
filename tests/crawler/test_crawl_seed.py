"""The crawler finds the seed article through its section feed (feed.xml) and archives it as
expected.json says. The site's URLs are under example.com: the crawl goes through a loopback
HTTP proxy that serves the fixture files, so nothing leaves the machine."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
EXPECTED = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
FILES = {
    "/en/rss/syria.xml": ("feed.xml", "application/rss+xml"),
    urlsplit(EXPECTED["url"]).path: ("article.html", "text/html"),
}


class _SiteProxy(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        path = urlsplit(self.path).path  # absolute-form request line: a proxy request
        self.requests.append(path)
        if path not in FILES:
            self.send_error(404)
            return
        name, content_type = FILES[path]
        body = (SEED / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def crawled(proxy: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("seed-crawl")
    (work / "sources.toml").write_text(
        "[settings]\ndownload_delay = 0.0\n\n"
        "[[source]]\n"
        'id = "levantpost"\n'
        'name = "The Levant Post"\n'
        'url = "http://www.levantpost.example.com/en/"\n'
        'feeds = ["http://www.levantpost.example.com/en/rss/syria.xml"]\n'
        'country = "LB"\n'
    )
    env = {**os.environ, "http_proxy": proxy, "no_proxy": ""}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "crawl", "--archive", "archive.db", "--workers", "1"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "archive.db"


def test_the_seed_article_is_archived_as_expected(crawled: Path) -> None:
    with sqlite3.connect(crawled) as conn:
        rows = conn.execute(
            "SELECT canonical_url, title, subtitle, authors, agencies, published, language, body "
            "FROM articles_view"
        ).fetchall()
        local = conn.execute("SELECT published_local, published_source FROM articles").fetchone()
        images = conn.execute(
            "SELECT url, caption, credit FROM images ORDER BY position"
        ).fetchall()
        comments = conn.execute("SELECT author, published, text FROM comments").fetchall()
    (row,) = rows
    assert row == (
        EXPECTED["url"],
        EXPECTED["title"],
        EXPECTED["subtitle"],
        "[]",
        '["AFP"]',
        "2013-05-19T17:31:00Z",
        "en",
        EXPECTED["body"],
    )
    assert local[0] == EXPECTED["published"]
    assert images == [(i["url"], i["caption"], i["credit"]) for i in EXPECTED["images"]]
    assert comments == [(c["author"], c["published"], c["text"]) for c in EXPECTED["comments"]]


def test_the_seed_article_is_tagged(crawled: Path) -> None:
    with sqlite3.connect(crawled) as conn:
        topics, regions, world = conn.execute(
            "SELECT topics, regions, world_region FROM articles_view"
        ).fetchone()
    assert (json.loads(regions)[:2], world) == (["SY", "LB"], "middle-east")
    assert set(json.loads(topics)) == {"conflict-war-peace", "politics"}


def test_the_other_feed_items_are_recorded_as_errors(crawled: Path) -> None:
    with sqlite3.connect(crawled) as conn:
        errors = conn.execute("SELECT kind, http_status FROM fetch_errors ORDER BY url").fetchall()
    assert errors == [("http", 404), ("http", 404)]
