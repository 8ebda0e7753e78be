"""What the status shows, from a small archive: the per-source rows, the chart, the metrics,
``newsdesk status``; and the lock that keeps one scheduler per archive."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from archive import Label, RunCounts
from archive import writes as w
from archive.service_state import ScheduleState, load_schedule, save_schedule
from newsdesk.cli import main
from newsdesk.service import ServiceError
from newsdesk.service.chart import stacked_bars
from newsdesk.service.lock import ArchiveLock, is_locked
from newsdesk.service.metrics import ServiceCounters, metrics_text
from newsdesk.service.pages import status_page
from newsdesk.service.status import collect

NOW = datetime(2013, 5, 21, 12, 0, tzinfo=UTC)
FAILING = ScheduleState(
    "courier",
    next_run_at="2013-05-21T12:30:00Z",
    last_started_at="2013-05-21T11:58:00Z",
    last_finished_at="2013-05-21T11:58:05Z",
    last_result="failed",
    last_run_id=1,
    last_duration_s=5.0,
    consecutive_failures=2,
    retry_at="2013-05-21T12:30:00Z",
    last_error="connection: Connection refused",
)


@pytest.fixture
def filled(archive, make_article):
    with archive.transaction() as conn:
        article_id = w.upsert_article(conn, make_article()).article_id
        w.set_labels(conn, article_id, [Label("topic", "conflict-war-peace", 0.9, "text"),
                                        Label("region", "SY", 0.9, "gazetteer")])  # fmt: skip
        run_id = w.start_run(conn, trigger="scheduler", sources=["levant", "courier"], pid=1)
        total, levant, courier = RunCounts(), RunCounts(), RunCounts()
        levant.add("new")
        levant.add("fetched")
        courier.error("connection")
        w.finish_run(conn, run_id, status="ok", total=total,
                     per_source={"levant": levant, "courier": courier})  # fmt: skip
        save_schedule(conn, [FAILING])
    return archive


def test_schedule_rows_round_trip(filled):
    assert load_schedule(filled.conn) == {"courier": FAILING}


def test_collect_shows_each_source_with_its_last_run_and_backoff(filled):
    status = collect(filled.conn, NOW)
    rows = {s.source: s for s in status.sources}
    courier, levant = rows["courier"], rows["levant"]
    assert (courier.last_result, courier.consecutive_failures, courier.retry_at) == (
        "failed", 2, "2013-05-21T12:30:00Z",
    )  # fmt: skip
    assert (courier.errors, courier.last_error) == (1, "connection: Connection refused")
    assert (levant.last_result, levant.new, levant.articles, levant.retry_at) == ("ok", 1, 1, None)
    assert status.by_topic == [("2013-05-19", "conflict-war-peace", 1)]
    assert status.by_region == [("2013-05-19", "SY", 1)]
    assert (status.days[0], status.days[-1]) == ("2013-05-08", "2013-05-21")


def test_the_chart_has_one_bar_per_label_and_day_and_a_legend():
    svg = stacked_bars(
        "Articles per day by topic",
        ["2013-05-19", "2013-05-20"],
        [("2013-05-19", "politics", 2), ("2013-05-19", "sport", 1), ("2013-05-20", "sport", 3)],
    )
    assert svg.startswith('<svg class="chart" role="img" aria-label="Articles per day by topic"')
    assert svg.count('<rect class="bar"') == 3
    assert "<title>2013-05-20 sport: 3</title>" in svg
    assert svg.count('width="10" height="10"') == 2  # legend: politics, sport


def test_an_empty_chart_says_so():
    assert "no articles in these days yet" in stacked_bars("t", ["2013-05-19"], [])


def test_the_status_page_lists_sources_and_charts(filled):
    page = status_page(collect(filled.conn, NOW), "http://127.0.0.1:8080/").decode()
    assert '<tr id="source-courier">' in page and '<tr id="source-levant">' in page
    assert page.count('<svg class="chart"') == 2
    assert '<td class="failed">failed</td>' in page
    assert "2 failed, retry 2013-05-21T12:30:00Z" in page


def test_metrics_are_prometheus_text(filled):
    counters = ServiceCounters(started_at=1369137600.0, crawls={"ok": 3}, crawl_seconds=12.5)
    text = metrics_text(collect(filled.conn, NOW), counters)
    lines = text.splitlines()
    assert "# TYPE newsdesk_source_up gauge" in lines
    assert 'newsdesk_source_up{source="courier"} 0' in lines
    assert 'newsdesk_source_up{source="levant"} 1' in lines
    assert 'newsdesk_source_consecutive_failures{source="courier"} 2' in lines
    assert 'newsdesk_source_backoff_until_timestamp_seconds{source="courier"} 1369139400' in lines
    assert 'newsdesk_source_new_articles_total{source="levant"} 1' in lines
    assert 'newsdesk_service_crawls_total{result="ok"} 3' in lines
    assert "newsdesk_service_crawl_seconds_total 12.5" in lines
    assert all(line.startswith(("#", "newsdesk_", "process_")) for line in lines)


def test_newsdesk_status_prints_a_table(filled, capsys):
    assert main(["status", "--archive", str(filled.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"service: not running; 1 articles in {filled.path}"
    assert lines[1].split() == [
        "source", "result", "last_run", "started", "next_run", "new", "fetched", "errors",
        "articles", "failures", "retry_at", "last_error",
    ]  # fmt: skip
    assert lines[3].split()[:3] == ["courier", "failed", "1"]
    assert lines[4].split()[:3] == ["levant", "ok", "1"]


def test_newsdesk_status_as_json(filled, capsys):
    assert main(["status", "--archive", str(filled.path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["service"] == {"running": False, "pid": None}
    assert [s["source"] for s in data["sources"]] == ["courier", "levant"]
    assert data["sources"][0]["retry_at"] == "2013-05-21T12:30:00Z"


def test_a_second_scheduler_on_the_same_archive_is_refused(archive_path, capsys):
    with ArchiveLock(archive_path):
        assert is_locked(archive_path)
        with pytest.raises(ServiceError, match="already scheduled by another newsdesk run"):
            ArchiveLock(archive_path).acquire()
        assert main(["run", "--archive", str(archive_path), "--port", "0"]) == 1
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.startswith(f"error: {archive_path} is already scheduled by another newsdesk run")
    assert message.endswith("stop that one first, or give this one its own --archive")
    assert not is_locked(archive_path)
