"""A bad configuration, through the commands an operator runs: one clear ``error:`` line that
names the file (and the source and key), a non-zero exit, no traceback, and nothing written:
no archive created, no sources file changed, no feed published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "[[source]]\nid = 'levant'\nname = 'Levant'\nurl = 'http://127.0.0.1:9/'\n"

#: (what is wrong, the file's text, what the error line must say)
BAD_SOURCES = {
    "not TOML": ("[[source]\nid = 1\n", r"sources.toml: not valid TOML"),
    "unknown key": (GOOD + "intervall = '15m'\n", "source 'levant' (entry 1): unknown key 'intervall'"),
    "unknown setting": ("[settings]\ncolour = 'red'\n" + GOOD, "[settings]: unknown key 'colour'"),
    "unknown table": ("sources = []\n" + GOOD, "unknown top-level key 'sources'"),
    "bad value": (GOOD + "interval = 'often'\n", "key 'interval': 'often' is not a duration"),
    "missing key": ("[[source]]\nname = 'x'\nurl = 'http://x/'\n", "entry 1: missing required key 'id'"),
    "not UTF-8": (b"[[source]]\nid = '\xff'\n", "sources.toml"),
}  # fmt: skip

#: Every command that reads sources.toml, with the arguments it needs besides --sources.
COMMANDS = {
    "crawl": ["crawl", "--no-progress"],
    "run": ["run", "--port", "0"],
    "publish": ["publish", "--out", "published"],
    "sources list": ["sources", "list"],
}

BAD_OPML = {
    "not XML": b"<opml><body><outline",
    "not OPML": b"<rss version='2.0'><channel/></rss>",
    "no body": b"<opml version='2.0'><head/></opml>",
    "entity bomb": b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
    b'"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><opml><body><outline text="&b;" xmlUrl="http://x/"/>'
    b"</body></opml>",
    "external entity": b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM '
    b'"file://SECRET">]><opml><body><outline text="&x;" xmlUrl="http://x/"/></body></opml>',
}


def newsdesk(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


def assert_one_clear_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in done.stderr
    for text in expected:
        assert text in lines[0]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("problem", sorted(BAD_SOURCES))
def test_a_bad_sources_file_is_one_clear_error_and_nothing_runs(tmp_path, problem, command):
    text, message = BAD_SOURCES[problem]
    path = tmp_path / "sources.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    done = newsdesk(tmp_path, *COMMANDS[command], "--sources", str(path))
    assert_one_clear_error(done, str(path), message)
    assert not (tmp_path / "archive.db").exists()
    assert not (tmp_path / "published").exists()


@pytest.mark.parametrize("problem", sorted(BAD_OPML))
def test_a_bad_opml_file_is_one_clear_error_and_changes_nothing(tmp_path, problem):
    sources = tmp_path / "sources.toml"
    sources.write_text(GOOD)
    opml = tmp_path / "export.opml"
    secret = tmp_path / "secret.txt"
    secret.write_text("token-9f3a7c1e")
    opml.write_bytes(BAD_OPML[problem].replace(b"SECRET", str(secret).encode()))
    done = newsdesk(tmp_path, "sources", "import-opml", str(opml), "--sources", str(sources))
    assert_one_clear_error(done, str(opml))
    assert sources.read_text() == GOOD
    assert "token-9f3a7c1e" not in done.stderr + done.stdout + sources.read_text()


def test_a_missing_sources_file_named_on_the_command_line_is_one_clear_error(tmp_path):
    done = newsdesk(tmp_path, "crawl", "--sources", str(tmp_path / "nowhere.toml"))
    assert_one_clear_error(done, "nowhere.toml")
    assert not (tmp_path / "archive.db").exists()
