"""What we serve: the SQL endpoint and `newsdesk sql` are read-only with time and row limits;
`newsdesk serve` refuses path traversal and oversized requests; every HTML page we render
escapes what it shows; feed content is sanitized.

An archive full of hostile text (source names, titles, bodies, authors, captions, errors)
is served by a real `newsdesk serve` on loopback. The library-level read-only checks are
tests/archive/test_readonly.py; the sanitizer's own cases tests/feeds/test_feeds_sanitize.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import fuzzkit
import pytest
from robustkit import newsdesk_argv
from testkit import free_port

from archive import Article, Comment, Image, Label, open_archive, open_reader, parse_config
from archive.feed_queries import EntryRecord
from archive.service_state import ScheduleState, save_schedule
from archive.writes import record_error, set_labels, start_run, sync_sources, upsert_article
from feeds.catalog import search_spec
from feeds.documents import EPOCH, FeedSettings, make_document
from feeds.entries import build_entry
from feeds.model import Page
from feeds.render import render
from feeds.service import FeedService
from newsdesk.cli import main
from newsdesk.service.pages import status_page
from newsdesk.service.status import collect

SCRIPT = '<script>alert("x")</script>'
BREAKOUT = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
MARKUP = f"{SCRIPT}{BREAKOUT}{SVG}"
SOURCES_TOML = f"""
[[source]]
id = "levant"
name = {json.dumps("Levant " + MARKUP)}
url = "http://levant.example.com/"
full_text = true

[[query]]
id = "hostile"
title = {json.dumps("Query " + MARKUP)}
q = "army"
"""


def hostile_article(n: int) -> Article:
    return Article(
        url=f"http://levant.example.com/news/{n}-army",
        canonical_url=f"http://levant.example.com/news/{n}-army",
        url_key=f"levant.example.com/news/{n}-army",
        source_id="levant",
        title=f"Army {n} {MARKUP}",
        subtitle=f"Standfirst {MARKUP}",
        body=fuzzkit.HOSTILE[n % len(fuzzkit.HOSTILE)] + "\n\n" + MARKUP + "\n\nThe army said.",
        fetched_at=datetime(2024, 5, 3, 12, 0, tzinfo=UTC),
        language="en",
        authors=(f"Reporter {MARKUP}",),
        published=datetime(2024, 5, 3, 10, n % 60, tzinfo=UTC),
        published_source="meta",
        published_precision="minute",
        images=(Image(f"http://levant.example.com/{n}.jpg", f"Caption {MARKUP}", MARKUP),),
        comments=(Comment(MARKUP, author=MARKUP),),
        extractor="test",
        extractor_version="1",
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A directory with sources.toml and archive.db, both full of markup."""
    work = tmp_path_factory.mktemp("served")
    (work / "sources.toml").write_text(SOURCES_TOML)
    config = parse_config(SOURCES_TOML)
    with open_archive(work / "archive.db") as archive:
        with archive.transaction() as conn:
            sync_sources(conn, [s.as_row() for s in config.sources])
            for n in range(len(fuzzkit.HOSTILE)):
                result = upsert_article(conn, hostile_article(n))
                set_labels(conn, result.article_id, [Label("topic", "politics", 0, 1.0, "test")])
            run_id = start_run(conn, trigger="cli", sources=["levant"])
            record_error(conn, url=f"http://levant.example.com/{MARKUP}", kind="http",
                         reason=MARKUP, run_id=run_id, source_id="levant")  # fmt: skip
            save_schedule(conn, [ScheduleState("levant", last_result="failed", last_error=MARKUP)])
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return work


class Served:
    def __init__(self, work: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            newsdesk_argv("serve", "--archive", "archive.db", "--port", str(self.port)),
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while self.get("/healthz")[0] != 200:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError("newsdesk serve did not start")
            time.sleep(0.1)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except OSError:
            return 0, b""

    def raw(self, request: bytes, read: int = 65536) -> bytes:
        """Send bytes as they are (no client normalizes the path) and read the answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            with contextlib.suppress(OSError):  # refused before all was sent: see the answer
                sock.sendall(request)
            answer = b""
            while len(answer) < read:
                try:
                    chunk = sock.recv(read)
                except OSError:
                    break
                if not chunk:
                    break
                answer += chunk
            return answer

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def served(hostile) -> Iterator[Served]:
    server = Served(hostile)
    try:
        yield server
    finally:
        server.stop()


def digest(work: Path) -> str:
    """The archive's bytes (its -shm file is where readers take their locks: not content)."""
    files = [p for p in (work / "archive.db", work / "archive.db-wal") if p.exists()]
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()


def sql_url(sql: str, **params: str) -> str:
    return "/sql?" + urllib.parse.urlencode({"q": sql, **params})


# -- read-only SQL -------------------------------------------------------------------------------

WRITES = [
    "INSERT INTO sources (id, name, url, updated_at) VALUES ('x', 'x', 'http://x/', 'now')",
    "UPDATE articles SET title = 'defaced'",
    "DELETE FROM articles",
    "DROP TABLE articles",
    "CREATE TABLE evil (x)",
    "CREATE TEMP TABLE evil (x)",
    "ATTACH DATABASE ':memory:' AS other",
    "ATTACH DATABASE '{tmp}/attached.db' AS other",
    "DETACH DATABASE main",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA writable_schema = ON",
    "PRAGMA query_only = OFF",
    "PRAGMA user_version = 7",
    "SELECT load_extension('{tmp}/evil.so')",
    "VACUUM INTO '{tmp}/copy.db'",
    "REINDEX",
    "BEGIN IMMEDIATE",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "WITH x AS (SELECT 1) DELETE FROM articles",
]


@pytest.mark.parametrize("sql", WRITES)
def test_the_sql_endpoint_refuses_to_write(served, hostile, tmp_path, sql):
    before = digest(hostile)
    status, body = served.get(sql_url(sql.format(tmp=tmp_path)))
    assert status == 400
    assert json.loads(body)["error"].startswith("refused: ")
    assert digest(hostile) == before
    assert list(tmp_path.iterdir()) == []  # nothing attached, copied or loaded


@pytest.mark.parametrize("sql", WRITES)
def test_newsdesk_sql_refuses_to_write(hostile, tmp_path, capsys, sql):
    before = digest(hostile)
    code = main(["sql", "--archive", str(hostile / "archive.db"), sql.format(tmp=tmp_path)])
    (line,) = capsys.readouterr().err.splitlines()
    assert code == 1 and line.startswith("error: refused: ")
    assert digest(hostile) == before
    assert list(tmp_path.iterdir()) == []


SLOW_SQL = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
MANY_ROWS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 20000) SELECT i FROM n"
)


@pytest.mark.parametrize(
    ("time_limit", "error"),
    [
        ("0.3", "query stopped after its time limit of 0.3 s"),
        ("nan", "the time limit must be a positive number of seconds, not nan"),
        ("-1", "the time limit must be a positive number of seconds, not -1.0"),
        ("soon", None),
    ],
)
def test_the_sql_endpoint_has_a_time_limit(served, time_limit, error):
    status, body = served.get(sql_url(SLOW_SQL, time_limit=time_limit))
    assert status == 400
    if error is None:
        assert body == b"time_limit must be a number of seconds\n"
    else:
        assert json.loads(body) == {"error": error}


def test_the_sql_endpoint_caps_the_time_limit_it_is_asked_for(hostile, monkeypatch):
    monkeypatch.setattr("feeds.service.SQL_MAX_TIME_LIMIT_S", 0.3)
    config = parse_config(SOURCES_TOML)
    service = FeedService(hostile / "archive.db", config, FeedSettings("http://x/", 10))
    try:
        response = service.sql({"q": SLOW_SQL, "time_limit": "1e9"})
    finally:
        service.close()
    assert (response.status, json.loads(response.body)) == (
        400,
        {"error": "query stopped after its time limit of 0.3 s"},
    )


def test_the_sql_endpoint_has_a_row_limit(served):
    status, body = served.get(sql_url(MANY_ROWS))
    result = json.loads(body)
    assert (status, len(result["rows"]), result["truncated"]) == (200, 10_000, True)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--time-limit", "0.3", SLOW_SQL], "error: query stopped after its time limit of 0.3 s"),
        (["--time-limit", "nan", "SELECT 1"], "error: the time limit must be a positive number "
         "of seconds, not nan"),
        (["--max-rows", "-1", "SELECT 1"], "error: the row limit must be 0 or more, not -1"),
    ],
)  # fmt: skip
def test_newsdesk_sql_limits(hostile, capsys, args, error):
    code = main(["sql", "--archive", str(hostile / "archive.db"), *args])
    assert (code, capsys.readouterr().err) == (1, error + "\n")


def test_newsdesk_sql_stops_at_its_row_limit(hostile, capsys):
    code = main(["sql", "--archive", str(hostile / "archive.db"), "-f", "csv", "--max-rows",
                 "5", MANY_ROWS])  # fmt: skip
    out, err = capsys.readouterr()
    assert (code, out.split(), err) == (
        0,
        ["i", "1", "2", "3", "4", "5"],
        "note: stopped at 5 rows (--max-rows)\n",
    )


# -- path traversal and oversized requests -------------------------------------------------------

TRAVERSALS = [
    "/../../../../etc/passwd",
    "/feeds/../../../../etc/passwd",
    "/feeds/source/..%2f..%2f..%2f..%2fetc%2fpasswd.rss",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd",
    "/archive.db",
    "/feeds/../archive.db",
    "/feeds/source/../../sources.toml",
    "/feeds/source/%2e%2e%2farchive.db",
    "/feeds/all.atom/../../archive.db",
    "/feeds/source/%00.rss",
    "/..\\..\\..\\etc\\passwd",
    "/feeds/topic/" + "a" * 5000 + ".rss",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_refused(served, path):
    answer = served.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404)
    assert b"root:" not in answer and b"SQLite format" not in answer and b"[[source]]" not in answer


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /?" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"400 Bad Request"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n", b"431 "),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000_000 + b"\r\n\r\n", b"431 "),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 100_000 + b"\r\n", b"431 "),
        (b"POST /sql HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n" + b"a" * 2**20,
         b"405 "),
    ],
    ids=["url-100kb", "header-1mb", "header-100mb", "100000-headers", "post-100mb"],
)  # fmt: skip
def test_oversized_requests_are_refused_in_bounded_memory(served, request_bytes, status):
    """httptools refuses a long request line itself; a long head it would keep in memory
    whole is cut at 64 KiB (feeds/serve.py); a body is never read."""
    before_kb = served.rss_kb()
    answer = served.raw(request_bytes, read=200)
    assert answer.startswith(b"HTTP/1.1 " + status)
    assert served.rss_kb() - before_kb < 30_000
    assert served.get("/healthz")[0] == 200


# -- HTML pages escape what they show -------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?" + urllib.parse.urlencode({"q": "army", "topic": MARKUP, "source": MARKUP}),
        "/search?" + urllib.parse.urlencode({"q": MARKUP}),
        "/search?topic=politics",
    ],
)
def test_feed_pages_escape_what_they_show(served, path):
    status, body = served.get(path)
    assert status == 200
    assert fuzzkit.unsafe_page(body) == []
    assert b"&lt;script&gt;alert(" in body  # shown, as text


def test_the_status_page_escapes_what_it_shows(hostile):
    service = {"pid": 1, "started_at": MARKUP, "archive": MARKUP, "running": [MARKUP]}
    conn = open_reader(hostile / "archive.db")
    try:
        page = status_page(collect(conn, datetime.now(UTC), service=service), MARKUP)
    finally:
        conn.close()
    assert fuzzkit.unsafe_page(page) == []
    assert page.count(b"&lt;script&gt;alert(") >= 4  # the source, its error, the service


# -- feed content is sanitized --------------------------------------------------------------------


def record(body: str) -> EntryRecord:
    return EntryRecord(
        id=1, guid="urn:uuid:00000000-0000-0000-0000-000000000001",
        url="http://levant.example.com/news/1", canonical_url="http://levant.example.com/news/1",
        title=f"Title {MARKUP}", subtitle=None, body=body, language="en",
        published="2024-05-03T10:15:00Z", published_local="2024-05-03T13:15:00+03:00",
        modified=None, first_seen="2024-05-03T12:00:00Z", revised_at=None, story_id=None,
        source_id="levant", source_name=f"Levant {MARKUP}", source_url="http://levant.example.com/",
        source_language="en", full_text=True,
    )  # fmt: skip


@pytest.mark.parametrize("vector", fuzzkit.HOSTILE)
@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_feed_content_is_sanitized(vector, fmt):
    """Script, event handlers, javascript: and vbscript: URLs, CSS (expression(), behavior,
    url()), data: URLs, embedded frames and objects, comments that close early: none
    survives in any format, and every document stays well-formed."""
    entry = build_entry(record(f"<p>Before</p>{vector}<p>After</p>"), "http://127.0.0.1:8080/")
    doc = make_document(
        search_spec({}), [entry], Page(None, 0), FeedSettings("http://x/", 10), EPOCH
    )
    data = render(doc, fmt)
    if fmt == "json":
        fragments = fuzzkit.json_feed_html(data)
    else:
        assert fuzzkit.xml_problems(data) == []
        fragments = fuzzkit.xml_feed_html(data)
    assert fragments and all(fuzzkit.unsafe_html(f) == [] for f in fragments)
    assert all("expression(" not in f and "data:" not in f for f in fragments)


@pytest.mark.parametrize("path", ["/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json",
                                  "/feeds/source/levant.atom", "/feeds/query/hostile.rss"])  # fmt: skip
def test_served_feeds_are_sanitized(served, path):
    status, data = served.get(path)
    assert status == 200
    if path.endswith(".json"):
        fragments = fuzzkit.json_feed_html(data)
    else:
        assert fuzzkit.xml_problems(data) == []
        fragments = fuzzkit.xml_feed_html(data)
    assert len(fragments) >= len(fuzzkit.HOSTILE) // 2
    assert [u for f in fragments for u in fuzzkit.unsafe_html(f)] == []
