"""``newsdesk extract``: a file or a URL (served on 127.0.0.1 here) in, JSON out."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.cli import main

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
SEED_URL = "http://www.levantpost.example.com/en/news/syria/549512-syrian-army-storms-al-qusayr"


def test_extract_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(SEED / "article-cp1252.html"), "--url", SEED_URL])
    out = json.loads(capsys.readouterr().out)
    assert (code, out["title"], out["agencies"], out["published"]) == (
        0,
        "Syrian army storms Al-Qusayr",
        ["AFP"],
        "2013-05-19T20:31:00+03:00",
    )


def test_output_keeps_non_ascii_and_is_indented(capsys: pytest.CaptureFixture[str]) -> None:
    main(["extract", str(SEED / "article.html"), "--url", SEED_URL])
    out = capsys.readouterr().out
    assert ("fronts—south" in out, out.startswith('{\n  "url": ')) == (True, True)


def test_not_an_article_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code = main(["extract", str(empty)])
    err = capsys.readouterr().err
    assert (code, err.count("\n"), err.startswith("error: ")) == (1, 1, True)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = (SEED / "article-cp1252.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/en/news/syria/549512?utm_source=feed"
    server.shutdown()
    server.server_close()
    thread.join()


def test_extract_a_url(local_site: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", local_site])
    out = json.loads(capsys.readouterr().out)
    assert (code, out["url"], out["encoding"]) == (0, SEED_URL, "cp1252")


def test_unreachable_url_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", "http://127.0.0.1:9/nothing-listens-here"])
    assert (code, capsys.readouterr().err.startswith("error: could not fetch")) == (1, True)


@pytest.mark.parametrize("page", ["article.html", "article-cp1252.html"])
def test_extract_prints_the_seed_tags(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    main(["extract", str(SEED / page), "--url", SEED_URL])
    out = json.loads(capsys.readouterr().out)
    assert (out["regions"], out["world_region"]) == (["SY", "LB"], "Middle East")
    assert out["topics"] == ["conflict-war-peace", "politics"]
    assert set(out["mentioned_countries"]) == set(expected["mentioned_countries"])
    assert {(p["name"], p["country"]) for p in out["places"]} == {
        (p["name"], p["country"]) for p in expected["places"]
    }
    for key in (
        "url",
        "title",
        "subtitle",
        "authors",
        "agencies",
        "published",
        "language",
        "body",
        "images",
        "pull_quotes",
        "comments",
    ):
        assert out[key] == expected[key], key


def test_no_tags(capsys: pytest.CaptureFixture[str]) -> None:
    main(["extract", str(SEED / "article.html"), "--url", SEED_URL, "--no-tags"])
    assert "regions" not in json.loads(capsys.readouterr().out)
