"""newsdesk publish: static files, and after a change only the documents that changed."""

from __future__ import annotations

import shutil

import feedfixture
import pytest

from archive import Article, Label, open_archive, parse_config
from archive.writes import set_labels, upsert_article
from feeds.documents import FeedSettings
from feeds.publish import MANIFEST, publish
from newsdesk.cli import main

SETTINGS = FeedSettings(feedfixture.BASE_URL, 4)
CONFIG = parse_config(feedfixture.SOURCES_TOML)


@pytest.fixture
def archive_copy(fixture_archive, tmp_path):
    path = tmp_path / "archive.db"
    shutil.copy(fixture_archive, path)
    return path


def _write(path, fn):
    archive = open_archive(path)
    try:
        with archive.transaction() as conn:
            fn(conn)
    finally:
        archive.close()


def _new_sahel_article(conn):
    article = Article(
        url="https://sahel.example.com/fr/crue",
        canonical_url="https://sahel.example.com/fr/crue",
        url_key="sahel.example.com/fr/crue",
        source_id="sahelinfo",
        title="Le fleuve Niger en crue",
        body="Le niveau du fleuve monte.",
        fetched_at=feedfixture.RECRAWLED_AT,
        language="fr",
        published=feedfixture.RECRAWLED_AT,
        extractor="fixture",
        extractor_version="1",
    )
    result = upsert_article(conn, article, now=feedfixture.RECRAWLED_AT)
    set_labels(conn, result.article_id, [Label("topic", "disaster-accident-emergency", 0.9, "text"),
                                         Label("region", "NE", 0.9, "text")])  # fmt: skip


def test_a_second_publish_writes_nothing(archive_copy, tmp_path):
    first = publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    second = publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    assert (first.full, first.documents, first.rebuilt, len(first.written)) == (True, 19, 19, 59)
    assert (second.full, second.rebuilt, second.written, second.removed) == (False, 0, [], [])


def test_a_new_article_rebuilds_only_its_feeds(archive_copy, tmp_path):
    publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    _write(archive_copy, _new_sahel_article)
    report = publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    assert sorted({w.rsplit(".", 1)[0] for w in report.written}) == [
        "feeds/all",
        "feeds/region/ne",
        "feeds/source/sahelinfo",
        "feeds/topic/disaster-accident-emergency",
    ]
    assert report.rebuilt == 4


def test_archive_pages_are_rebuilt_only_when_they_change(archive_copy, tmp_path):
    publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out", archives=True)
    _write(archive_copy, _new_sahel_article)
    report = publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out", archives=True)
    assert "feeds/all/archive/1.atom" not in report.written
    assert "feeds/all.atom" in report.written


def test_an_edited_label_moves_the_article(archive_copy, tmp_path):
    publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    _write(archive_copy, lambda conn: set_labels(conn, 5, [Label("topic", "weather", 0.9, "text")]))
    report = publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    assert sorted(p for p in report.written if p.endswith(".rss")) == [
        "feeds/all.rss",
        "feeds/source/sahelinfo.rss",
        "feeds/topic/weather.rss",
    ]
    assert sorted(report.removed) == [
        f"feeds/{feed}.{fmt}"
        for feed in ("region/ne", "region/western-africa", "topic/disaster-accident-emergency")
        for fmt in ("atom", "json", "rss")
    ]
    assert not (tmp_path / "out/feeds/region/ne.rss").exists()


def test_without_archives_feeds_do_not_link_to_them(archive_copy, tmp_path):
    publish(archive_copy, CONFIG, SETTINGS, tmp_path / "out")
    assert b"prev-archive" not in (tmp_path / "out/feeds/all.atom").read_bytes()
    assert not (tmp_path / "out/feeds/all/archive").exists()
    assert (tmp_path / "out" / MANIFEST).exists()


def test_cli_publish(archive_copy, tmp_path, capsys):
    sources = tmp_path / "sources.toml"
    sources.write_text(feedfixture.SOURCES_TOML, encoding="utf-8")
    argv = [
        "publish",
        "--archive",
        str(archive_copy),
        "--sources",
        str(sources),
        "--out",
        str(tmp_path / "o"),
    ]
    assert main(argv) == 1
    assert "give --base-url" in capsys.readouterr().err
    assert main([*argv, "--base-url", "https://feeds.example.com", "--archives"]) == 0
    assert capsys.readouterr().out.startswith("full publish: 19 feeds, 20 documents, 20 rebuilt")
    assert (
        b"https://feeds.example.com/feeds/all/archive/1.rss"
        in (tmp_path / "o/feeds/all.rss").read_bytes()
    )
