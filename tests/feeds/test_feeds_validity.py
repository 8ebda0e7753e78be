"""Every kind of feed in every format: valid by the W3C Feed Validation Service's rules, read
by feedparser without a bozo flag, JSON Feed valid against the 1.1 schema, and each entry's
id, title, link and dates right."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import jsonschema
import pytest
import w3c_rules

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "fixtures/feeds/jsonfeed-1.1.schema.json").read_text("utf-8")
)
FEEDS = [
    "feeds/all",
    "feeds/all/archive/1",
    "feeds/topic/disaster-accident-emergency",
    "feeds/topic/economy-business-finance",
    "feeds/topic/politics",
    "feeds/topic/science-technology",
    "feeds/topic/conflict-war-peace",
    "feeds/region/ch",
    "feeds/region/ne",
    "feeds/region/sy",
    "feeds/region/us",
    "feeds/region/middle-east",
    "feeds/region/northern-america",
    "feeds/region/western-africa",
    "feeds/source/gulfdaily",
    "feeds/source/levantpost",
    "feeds/source/sahelinfo",
    "feeds/source/wirenews",
    "feeds/query/syria-conflict",
    "feeds/query/ceasefire",
]
XML_DOCS = [f"{feed}.{fmt}" for feed in FEEDS for fmt in ("rss", "atom")]
ALL_DOCS = [f"{feed}.{fmt}" for feed in FEEDS for fmt in ("rss", "atom", "json")]

#: guid -> (title, link, published UTC or None, updated UTC)
ENTRIES = {
    "urn:uuid:0dc962a0-3401-5636-8cf2-3f100362e779": (
        "Ceasefire talks resume in Geneva",
        "https://www.levantpost.example.com/en/news/syria/101-ceasefire-talks",
        "2024-05-03T06:15:00Z",
        "2024-05-03T06:15:00Z",
    ),
    "urn:uuid:afd3523c-6115-50a6-a004-cf9c599a42dd": (
        "استئناف محادثات وقف إطلاق النار في جنيف",
        "https://www.gulfdaily.example.com/ar/news/2024/05/03/talks",
        "2024-05-03T07:05:00Z",
        "2024-05-03T07:05:00Z",
    ),
    "urn:uuid:be8da92a-baad-5416-8bcb-7b12d4f225b8": (
        "Markets rally after rate decision",
        "https://wire.example.com/markets/rally-after-rate-decision",
        "2024-05-02T20:30:00Z",
        "2024-05-04T08:30:00Z",
    ),
    "urn:uuid:b7b0815b-95d4-52b2-b9e3-b3176060ed6d": (
        "Inondations à Niamey : des milliers de sinistrés",
        "https://sahel.example.com/fr/inondations-niamey",
        "2024-05-02T21:00:00Z",
        "2024-05-02T21:00:00Z",
    ),
    "urn:uuid:32b714a9-ea54-5aaf-a372-69a267ae3620": (
        "Hostile markup is made harmless",
        "https://wire.example.com/tech/hostile-markup",
        "2024-05-03T10:00:00Z",
        "2024-05-03T10:00:00Z",
    ),
    "urn:uuid:5e6748bb-f5e5-5a8b-b2f6-bd84c4bea933": (
        "Notice to readers",
        "https://www.levantpost.example.com/en/notice",
        None,
        "2024-05-03T12:00:00Z",
    ),
}


def parse(data: bytes, path: str) -> feedparser.FeedParserDict:
    kind = {"rss": "application/rss+xml", "atom": "application/atom+xml"}[path.rsplit(".", 1)[1]]
    return feedparser.parse(data, response_headers={"content-type": kind})


def _utc(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def test_every_feed_is_published_in_three_formats(documents):
    assert sorted(documents) == sorted(ALL_DOCS)


@pytest.mark.parametrize("path", XML_DOCS)
def test_follows_the_w3c_validator_rules(documents, path):
    errors, warnings = w3c_rules.check(documents[path])
    assert (errors, warnings) == ([], [])


@pytest.mark.parametrize("path", XML_DOCS)
def test_feedparser_reads_it_without_bozo(documents, path):
    parsed = parse(documents[path], path)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert (
        parsed.version == {"rss": "rss20", "atom": "atom10", "json": "json11"}[path.split(".")[-1]]
    )


@pytest.mark.parametrize("path", XML_DOCS)
def test_each_entry_has_its_id_title_link_and_dates(documents, path):
    parsed = parse(documents[path], path)
    assert parsed.entries
    for entry in parsed.entries:
        title, link, published, updated = ENTRIES[entry.id]
        if path.endswith(".rss"):
            published = published or updated  # RSS dates an undated article when archived
        got = (
            entry.title,
            entry.link,
            _utc(entry.get("published_parsed")),
            _utc(entry.updated_parsed),
        )
        assert got == (title, link, published, updated)


JSON_DOCS = [p for p in ALL_DOCS if p.endswith(".json")]


@pytest.mark.parametrize("path", JSON_DOCS)
def test_each_json_item_has_its_id_title_link_and_dates(documents, path):
    """feedparser 6.0 reads no JSON Feed: the items are checked as JSON."""
    items = json.loads(documents[path])["items"]
    assert items
    for item in items:
        got = (item["title"], item["url"], item.get("date_published"), item["date_modified"])
        title, link, published, updated = ENTRIES[item["id"]]
        assert got[:2] == (title, link)
        assert [_json_utc(d) for d in got[2:]] == [published, updated]


def _json_utc(text: str | None) -> str | None:
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("path", JSON_DOCS)
def test_json_feed_matches_the_1_1_schema(documents, path):
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(lambda v: bool(w3c_rules.RFC3339.match(v)))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=checker).validate(
        json.loads(documents[path])
    )


@pytest.mark.parametrize(
    ("path", "guids"),
    [
        ("feeds/all.atom", ["5e6748bb", "32b714a9", "b7b0815b", "be8da92a"]),
        ("feeds/all/archive/1.atom", ["b7b0815b", "be8da92a", "afd3523c", "0dc962a0"]),
        ("feeds/region/sy.atom", ["afd3523c", "0dc962a0"]),
        ("feeds/source/wirenews.atom", ["32b714a9", "be8da92a"]),
        ("feeds/query/ceasefire.atom", ["0dc962a0"]),
        ("feeds/query/syria-conflict.atom", ["0dc962a0"]),
    ],
)
def test_entries_newest_archived_first_one_per_story(documents, path, guids):
    ids = [e.id.split(":")[2][:8] for e in feedparser.parse(documents[path]).entries]
    assert ids == guids


@pytest.mark.parametrize(
    ("path", "updated"),
    [
        ("feeds/all.atom", "2024-05-04T08:30:00Z"),
        ("feeds/region/sy.atom", "2024-05-03T07:05:00Z"),
        ("feeds/source/sahelinfo.atom", "2024-05-02T21:00:00Z"),
    ],
)
def test_feed_updated_is_its_newest_entry(documents, path, updated):
    assert re.search(rb"<updated>([^<]+)</updated>", documents[path]).group(1).decode() == updated


@pytest.mark.parametrize(
    ("path", "links"),
    [
        (
            "feeds/all.atom",
            [
                ("self", "http://127.0.0.1:8080/feeds/all.atom"),
                ("alternate", "http://127.0.0.1:8080/"),
                ("prev-archive", "http://127.0.0.1:8080/feeds/all/archive/1.atom"),
            ],
        ),
        (
            "feeds/all/archive/1.rss",
            [
                ("self", "http://127.0.0.1:8080/feeds/all/archive/1.rss"),
                ("current", "http://127.0.0.1:8080/feeds/all.rss"),
            ],
        ),
        (
            "feeds/region/sy.atom",
            [
                ("self", "http://127.0.0.1:8080/feeds/region/sy.atom"),
                ("alternate", "http://127.0.0.1:8080/#region-sy"),
            ],
        ),
    ],
)
def test_feed_links_self_alternate_and_archives(documents, path, links):
    head = documents[path].split(b"<entry", 1)[0].split(b"<item>", 1)[0].decode()
    found = re.findall(r'<(?:atom:)?link rel="([^"]+)"(?: type="[^"]+")? href="([^"]+)"', head)
    assert found == links


def test_archive_pages_are_marked_as_archives(documents):
    assert b"<fh:archive/>" in documents["feeds/all/archive/1.atom"]
    assert b"<fh:archive/>" not in documents["feeds/all.atom"]
    assert json.loads(documents["feeds/all.json"])["next_url"] == (
        "http://127.0.0.1:8080/feeds/all/archive/1.json"
    )


def test_the_story_copy_is_listed_by_its_representative(documents):
    atom = feedparser.parse(documents["feeds/region/sy.atom"])
    story = next(e for e in atom.entries if e.title == "Ceasefire talks resume in Geneva")
    related = [(link.title, link.href) for link in story.links if link.rel == "related"]
    assert related == [
        ("Wire News & Co", "https://wire.example.com/world/syria-ceasefire-talks-resume")
    ]
    assert all(b"syria-ceasefire-talks-resume</link>" not in doc for doc in documents.values())


@pytest.mark.parametrize(
    ("path", "has_content"),
    [
        ("feeds/source/gulfdaily.rss", True),
        ("feeds/source/wirenews.atom", True),
        ("feeds/source/levantpost.rss", False),
        ("feeds/source/sahelinfo.atom", False),
    ],
)
def test_full_text_only_where_the_source_allows_it(documents, path, has_content):
    assert (b"<content" in documents[path]) is has_content


def test_image_with_caption_and_credit(documents):
    rss = feedparser.parse(documents["feeds/source/levantpost.rss"])
    story = next(e for e in rss.entries if e.title == "Ceasefire talks resume in Geneva")
    assert story.media_content == [
        {
            "url": "https://www.levantpost.example.com/img/geneva.jpg",
            "medium": "image",
            "type": "image/jpeg",
        }
    ]
    assert story.media_credit == [{"content": "AFP/Fabrice Coffrini"}]
    item = json.loads(documents["feeds/source/levantpost.json"])["items"][1]
    assert item["_newsdesk"]["image"] == {
        "caption": "Delegates arrive at the UN office in Geneva",
        "credit": "AFP/Fabrice Coffrini",
    }


def test_entries_name_their_source(documents):
    rss = feedparser.parse(documents["feeds/topic/politics.rss"])
    assert [(e.source.title, e.source.href) for e in rss.entries] == [
        ("الخليج اليوم", "http://127.0.0.1:8080/feeds/source/gulfdaily.rss"),
        ("The Levant Post", "http://127.0.0.1:8080/feeds/source/levantpost.rss"),
    ]
    atom = feedparser.parse(documents["feeds/topic/politics.atom"])
    assert [e.source.title for e in atom.entries] == ["الخليج اليوم", "The Levant Post"]


def test_categories_are_topics_and_regions(documents):
    atom = feedparser.parse(documents["feeds/region/sy.atom"])
    assert [(t.term, t.label) for t in atom.entries[1].tags] == [
        ("conflict-war-peace", "Conflict, war and peace"),
        ("politics", "Politics"),
        ("sy", "Syria"),
        ("ch", "Switzerland"),
        ("middle-east", "Middle East"),
    ]


def test_arabic_entry_keeps_its_language_and_offset(documents):
    assert b'<entry xml:lang="ar">' in documents["feeds/source/gulfdaily.atom"]
    assert (
        b"<published>2024-05-03T11:05:00+04:00</published>"
        in documents["feeds/source/gulfdaily.atom"]
    )
    item = json.loads(documents["feeds/source/gulfdaily.json"])["items"][0]
    assert (item["language"], item["date_published"]) == ("ar", "2024-05-03T11:05:00+04:00")
    assert (
        b"<pubDate>Fri, 03 May 2024 11:05:00 +0400</pubDate>"
        in documents["feeds/source/gulfdaily.rss"]
    )


def test_guids_are_not_permalinks(documents):
    guids = re.findall(rb'<guid isPermaLink="([a-z]+)">', documents["feeds/all.rss"])
    assert guids == [b"false"] * 4
