"""A real reader: newsboat (Debian) subscribed to newsdesk serve stores every item with the
right title, link and date, and polls again with a conditional GET answered 304."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess

import pytest

NEWSBOAT = shutil.which("newsboat")
pytestmark = pytest.mark.skipif(
    NEWSBOAT is None, reason="newsboat is not installed (apt-get install newsboat)"
)
#: Two feeds with no entry in common (newsboat keeps one copy of an item per guid).
FEEDS = ["feeds/all.rss", "feeds/region/sy.atom"]
#: feed -> [(guid, title, link, date as Unix time)], oldest first
EXPECTED = {
    "feeds/all.rss": [
        ("urn:uuid:be8da92a-baad-5416-8bcb-7b12d4f225b8", "Markets rally after rate decision",
         "https://wire.example.com/markets/rally-after-rate-decision", 1714681800),
        ("urn:uuid:b7b0815b-95d4-52b2-b9e3-b3176060ed6d", "Inondations à Niamey : des milliers de sinistrés",
         "https://sahel.example.com/fr/inondations-niamey", 1714683600),
        ("urn:uuid:32b714a9-ea54-5aaf-a372-69a267ae3620", "Hostile markup is made harmless",
         "https://wire.example.com/tech/hostile-markup", 1714730400),
        ("urn:uuid:5e6748bb-f5e5-5a8b-b2f6-bd84c4bea933", "Notice to readers",
         "https://www.levantpost.example.com/en/notice", 1714737600),
    ],
    "feeds/region/sy.atom": [
        ("urn:uuid:0dc962a0-3401-5636-8cf2-3f100362e779", "Ceasefire talks resume in Geneva",
         "https://www.levantpost.example.com/en/news/syria/101-ceasefire-talks", 1714716900),
        ("urn:uuid:afd3523c-6115-50a6-a004-cf9c599a42dd", "استئناف محادثات وقف إطلاق النار في جنيف",
         "https://www.gulfdaily.example.com/ar/news/2024/05/03/talks", 1714719900),
    ],
}  # fmt: skip


def reload(home, urls):
    subprocess.run(
        [NEWSBOAT, "-x", "reload", "-u", str(urls), "-c", str(home / "cache.db"), "-C", str(home / "config")],
        env={**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)},
        check=True, timeout=60, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def newsboat_home(tmp_path, server):
    home = tmp_path / "newsboat"
    home.mkdir()
    (home / "config").write_text("", encoding="utf-8")
    (home / "urls").write_text("".join(server.url + f + "\n" for f in FEEDS), encoding="utf-8")
    return home


def items(home, url):
    with sqlite3.connect(home / "cache.db") as db:
        rows = db.execute(
            "SELECT guid, title, url, pubDate FROM rss_item WHERE feedurl = ? ORDER BY pubDate",
            [url],
        ).fetchall()
    return rows


def test_newsboat_stores_every_item(server, newsboat_home):
    reload(newsboat_home, newsboat_home / "urls")
    for feed in FEEDS:
        assert items(newsboat_home, server.url + feed) == EXPECTED[feed]


def test_newsboat_polls_again_with_conditional_get(server, newsboat_home):
    # newsboat keeps a feed's ETag and Last-Modified from its second fetch on.
    reload(newsboat_home, newsboat_home / "urls")
    reload(newsboat_home, newsboat_home / "urls")
    with sqlite3.connect(newsboat_home / "cache.db") as db:
        etags = dict(db.execute("SELECT rssurl, etag FROM rss_feed").fetchall())
    assert all(etags[server.url + f].startswith('"') for f in FEEDS)
    mark = len(server.log())
    reload(newsboat_home, newsboat_home / "urls")
    polled = re.findall(r'"GET /(\S+) HTTP/1.1" (\d+)', server.log()[mark:])
    assert sorted(polled) == sorted((feed, "304") for feed in FEEDS)
    for feed in FEEDS:
        assert items(newsboat_home, server.url + feed) == EXPECTED[feed]
