import pytest

from archive import ConfigError, load_config, parse_config
from archive.sources import parse_duration

GOOD = """
[settings]
contact = "mailto:ops@example.org"

[[source]]
id = "levant"
name = "The Levant Post"
url = "http://www.levantpost.example.com/en/"
feeds = ["http://www.levantpost.example.com/en/rss/syria.xml"]
language = "en"
country = "lb"
topics = ["politics", "conflict-war-peace"]
interval = "1h30m"
full_text = true

[[source]]
id = "courier"
name = "Daily Courier"
url = "https://courier.example.com/"
sitemaps = ["https://courier.example.com/sitemap.xml"]
enabled = false

[[query]]
id = "syria-war"
title = "Syria at war"
topic = "conflict-war-peace"
region = "sy"
"""


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    config = load_config(path)
    levant, courier = config.sources
    assert (levant.id, levant.country, levant.interval_s, levant.full_text) == (
        "levant",
        "LB",
        5400,
        True,
    )
    assert levant.topics == ("politics", "conflict-war-peace")
    assert (courier.interval_s, courier.enabled, courier.feeds) == (900, False, ())
    assert [s.id for s in config.enabled_sources()] == ["levant"]
    assert config.queries[0].region == "sy"
    assert config.settings.contact == "mailto:ops@example.org"
    assert config.settings.raw_retention_days == 90


MINIMAL = 'id = "levant"\nname = "L"\nurl = "http://l.example.com/"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]\nid = 1", r"sources.toml: not valid TOML: .*line 1"),
        ("[[source]]\nname = 'x'\nurl = 'http://x/'", r"source entry 1: missing required key 'id'"),
        (
            f"[[source]]\n{MINIMAL}interval = '15x'",
            r"source 'levant' \(entry 1\): key 'interval': '15x' is not a duration",
        ),
        (
            f"[[source]]\n{MINIMAL}intervall = '15m'",
            r"source 'levant' \(entry 1\): unknown key 'intervall'",
        ),
        (
            f"[[source]]\n{MINIMAL}feeds = ['ftp://x/feed']",
            r"key 'feeds': 'ftp://x/feed' is not an http\(s\) URL",
        ),
        (
            f"[[source]]\n{MINIMAL}country = 'Lebanon'",
            r"key 'country': 'LEBANON' is not an ISO 3166-1",
        ),
        (f"[[source]]\n{MINIMAL}topics = ['war']", r"key 'topics': 'war' is not a topic"),
        (f"[[source]]\n{MINIMAL}full_text = 'yes'", r"key 'full_text': 'yes' is not true or false"),
        (
            f"[[source]]\n{MINIMAL}article_patterns = ['(']",
            r"key 'article_patterns': '\(' is not a valid regular",
        ),
        (
            f"[[source]]\n{MINIMAL}[[source]]\n{MINIMAL}",
            r"source 'levant' \(entry 2\): key 'id': 'levant' is used",
        ),
        (
            "[[source]]\nid = 'Bad Id'\nname = 'x'\nurl = 'http://x/'",
            r"key 'id': 'Bad Id' must be lowercase",
        ),
        ("[source]\nid = 'x'", r"'source' must be an array of tables"),
        ("[settings]\ntimeout = -1", r"\[settings\]: key 'timeout': -1 is not a number >= 0"),
        ("[settings]\ncolour = 'red'", r"\[settings\]: unknown key 'colour'"),
        (
            "[[query]]\nid = 'q'\ntitle = 'Q'",
            r"query 'q' \(entry 1\): give at least one of q, topic",
        ),
        (
            "[[query]]\nid = 'q'\ntitle = 'Q'\ntopic = 'nope'",
            r"key 'topic': 'nope' is not a topic slug",
        ),
        ("sources = []", r"unknown top-level key 'sources'"),
    ],
)
def test_bad_files_name_file_entry_and_key(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_errors_name_the_path(tmp_path):
    path = tmp_path / "my-sources.toml"
    path.write_text("[[source]]\nid = 'x'\n")
    with pytest.raises(
        ConfigError, match=r"my-sources.toml: source 'x' \(entry 1\): missing required key 'name'"
    ):
        load_config(path)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("name = 'caf\xe9'".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(bad)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400)]
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "m", "15x", "0m", "1h-5m"])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)
