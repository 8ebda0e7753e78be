"""What travels through Redis, encoded and decoded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import scrapy

from archive import Settings, Source
from crawler.discovery import Listing
from crawler.distributed.messages import (
    Job,
    decode_event,
    encode_event,
    known_from_archived,
    settings_from_json,
    settings_to_json,
    source_from_json,
    source_to_json,
)
from crawler.distributed.queue import fingerprint, seen_keys

SOURCE = Source(id="levant", name="The Levant Post", url="http://levant.example.com/",
                feeds=("http://levant.example.com/rss.xml",), topics=("politics",),
                interval_s=600)  # fmt: skip


def test_a_source_round_trips():
    assert source_from_json(source_to_json(SOURCE)) == SOURCE


def test_settings_round_trip():
    settings = Settings(download_delay=0.25, concurrency_per_host=3, contact="mailto:ops@x.org")
    assert settings_from_json(settings_to_json(settings)) == settings


def test_a_job_round_trips():
    job = Job("0123456789abcdef", "levant", "2024-05-03T10:15:00Z")
    assert Job.from_json(job.to_json()) == job


def test_an_event_round_trips():
    event = ("error", "levant", "http://levant.example.com/x", "http", "503", 503)
    assert decode_event(encode_event(event)) == event


def test_what_workers_know_of_an_archived_article():
    known = known_from_archived(b"2024-05-03T10:15:00Z|2024-05-04T00:00:00Z")
    assert (known.modified, known.fetched_at) == ("2024-05-03T10:15:00Z", "2024-05-04T00:00:00Z")
    assert known_from_archived("|2024-05-04T00:00:00Z").modified is None


def test_the_seen_set_is_kept_per_day():
    assert seen_keys("newsdesk:dupefilter", date(2024, 3, 1)) == [
        "newsdesk:dupefilter:2024-03-01",
        "newsdesk:dupefilter:2024-02-29",
    ]


def test_an_article_announced_as_changed_is_a_new_request():
    url = "http://levant.example.com/news/1"
    before = scrapy.Request(url, meta={"listing": Listing(url)})
    changed = Listing(url, modified=datetime(2024, 5, 3, tzinfo=UTC))
    after = scrapy.Request(url, meta={"listing": changed})
    assert fingerprint(before) == fingerprint(scrapy.Request(url))
    assert fingerprint(before) != fingerprint(after)
