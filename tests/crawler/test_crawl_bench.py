"""End to end: `newsdesk crawl` over synthetic news sites served on 127.0.0.1, scored against
the generator's ground truth; then a second crawl of the unchanged site."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.benchsites import bench_sources, write_sources_toml
from newsdesk.evaluate import score_archive

pytestmark = [pytest.mark.bench_site, pytest.mark.slow]

SITE = ("--publishers", "10", "--articles", "400", "--seed", "7")
FAST = {"download_delay": 0.0, "concurrency_per_host": 16, "timeout": 20.0}


def newsdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, bench_sites):
    site = bench_sites(*SITE)
    work = tmp_path_factory.mktemp("crawl")
    write_sources_toml(work / "sources.toml", bench_sources(site.dir, site.base), FAST)
    site.rotate_log()
    first = newsdesk("crawl", "--archive", "archive.db", cwd=work)
    first_log = site.access_log()
    site.rotate_log()
    second = newsdesk("crawl", "--archive", "archive.db", cwd=work)
    second_log = site.access_log()
    return {
        "work": work,
        "archive": work / "archive.db",
        "site": site,
        "first": first,
        "second": second,
        "first_log": first_log,
        "second_log": second_log,
    }


def db(crawled) -> sqlite3.Connection:
    return sqlite3.connect(crawled["archive"])


def test_both_crawls_succeed_with_one_line_per_source_and_run(crawled):
    for name in ("first", "second"):
        done = crawled[name]
        assert done.returncode == 0, done.stderr[-3000:]
        lines = done.stdout.splitlines()
        assert len(lines) == 12  # 11 sources (10 publishers + badinputs) and the run
        assert all(
            re.match(r"source [a-z0-9-]+: discovered=\d+ fetched=\d+ ", ln) for ln in lines[:-1]
        )
        assert re.match(r"run \d+ ok: discovered=\d+ ", lines[-1])


def test_every_article_found_and_scored(crawled):
    truth = [t for t in crawled["site"].truth if t["id"] is not None]
    scores = score_archive(crawled["archive"], truth)
    report = "\n".join(
        [scores.line()] + [g.line(name) for name, g in sorted(scores.by_group.items())]
    )
    assert scores.missing == [], report
    assert scores.mean_body_f1 >= 0.97, report
    assert scores.published_accuracy >= 0.98, report
    assert scores.people_accuracy >= 0.95, report
    assert scores.leaks == [], report


def test_run_counts_are_stored(crawled):
    with db(crawled) as conn:
        runs = conn.execute(
            "SELECT id, status, new, fetched, errors FROM runs ORDER BY id"
        ).fetchall()
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        per_source = conn.execute("SELECT sum(new) FROM run_sources WHERE run_id = 1").fetchone()[0]
    (first_id, first_status, first_new, first_fetched, _), second = runs
    assert first_status == "ok" and first_new == articles == per_source
    assert first_fetched >= articles
    assert second[1:4] == ("ok", 0, 0)
    summary = crawled["first"].stdout.splitlines()[-1]
    assert f"new={first_new} " in summary


def test_second_crawl_is_only_conditional_304s(crawled):
    log = crawled["second_log"]
    assert len(log) > 100, "the second crawl made too few requests to poll every feed"
    not_304 = [(e["path"], e["status"]) for e in log if e["status"] != 304]
    unconditional = [e["path"] for e in log if not (e["if_none_match"] or e["if_modified_since"])]
    assert not_304 == [] and unconditional == []


def test_unchanged_broken_feeds_are_reported_again_without_a_download(crawled):
    with db(crawled) as conn:
        rows = conn.execute(
            "SELECT url, kind, reason FROM fetch_errors WHERE run_id = 2 ORDER BY url"
        ).fetchall()
    assert [(u.rsplit("/", 1)[1], k) for u, k, _ in rows] == [
        ("billion-laughs.xml", "unsafe-xml"),
        ("empty.xml", "empty"),
        ("html-instead.rss", "not-a-feed"),
        ("invalid.xml", "bad-xml"),
        ("xxe.xml", "unsafe-xml"),
    ]
    assert all(reason.startswith("feed: unchanged since: ") for _, _, reason in rows)


def test_robots_txt_is_obeyed(crawled):
    paths = [e["path"] for e in crawled["first_log"]]
    assert [p for p in paths if "/private/" in p or "/search/" in p] == []
    assert any(p == "/robots.txt" for p in paths)


def test_no_url_fetched_twice(crawled):
    paths = [e["path"] for e in crawled["first_log"] if e["status"] == 200]
    repeated = {p for p in paths if paths.count(p) > 1}
    assert repeated == set()


# The bad-inputs publisher's feeds and pages are tested in tests/robustness
# (test_hostile_feeds.py, test_messy_pages.py).


def test_reextract_catches_up_from_the_stored_pages(crawled):
    """Last in this module: it changes the archive. An article left by an older extractor
    (here: an edited body) is brought up to date from its stored HTML, old version kept."""
    with db(crawled) as conn:
        article_id, body = conn.execute(
            "SELECT id, body FROM articles ORDER BY id LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE articles SET body = 'An older extraction.', content_hash = 'old' WHERE id = ?",
            [article_id],
        )
    done = newsdesk("reextract", "--archive", "archive.db", cwd=crawled["work"])
    assert done.returncode == 0, done.stderr[-3000:]
    summary = done.stdout.splitlines()[-1]
    assert re.match(
        r"reextract run 3 ok: discovered=0 fetched=\d+ not_modified=0 deferred=0 new=0 updated=1 ",
        summary,
    )
    with db(crawled) as conn:
        assert (
            conn.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            == body
        )
        assert conn.execute("SELECT body FROM revisions").fetchall() == [("An older extraction.",)]
