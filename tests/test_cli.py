"""The command line, called as ``main(argv)`` the way a person types it."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from archive import Label
from archive.schema import code_migration_names
from archive.writes import set_labels, upsert_article
from newsdesk.cli import main


@pytest.fixture
def filled(archive, make_article, archive_path):
    with archive.transaction() as conn:
        a = upsert_article(conn, make_article())
        set_labels(
            conn,
            a.article_id,
            [
                Label("topic", "conflict-war-peace", 0.9, "text"),
                Label("region", "SY", 0.8, "gazetteer"),
            ],
        )
        b = upsert_article(
            conn,
            make_article(
                url="http://courier.example.com/sport/1",
                canonical_url="http://courier.example.com/sport/1",
                url_key="courier.example.com/sport/1",
                source_id="courier",
                title="Cup final ends in a draw",
                subtitle=None,
                body="The war of words before the final gave way to a dull draw.",
                agencies=(),
                authors=("Jane Smith",),
                published=datetime(2013, 5, 21, 18, 0, tzinfo=UTC),
            ),
        )
        set_labels(conn, b.article_id, [Label("topic", "sport", 1.0, "section")])
    return str(archive_path)


def run(capsys, *argv):
    code = main(list(argv), env={})
    out, err = capsys.readouterr()
    return code, out, err


def test_sql_table_csv_json_jsonl(filled, capsys):
    sql = "select source, title from articles_view order by id"
    code, out, _ = run(capsys, "sql", sql, "--archive", filled)
    assert code == 0
    assert out.splitlines() == [
        "source   title",
        "-------  ----------------------------",
        "levant   Syrian army storms Al-Qusayr",
        "courier  Cup final ends in a draw",
    ]
    _, out, _ = run(capsys, "sql", sql, "--archive", filled, "-f", "csv")
    assert list(csv.reader(io.StringIO(out))) == [
        ["source", "title"],
        ["levant", "Syrian army storms Al-Qusayr"],
        ["courier", "Cup final ends in a draw"],
    ]
    _, out, _ = run(capsys, "sql", sql, "--archive", filled, "-f", "json")
    assert json.loads(out)[1] == {"source": "courier", "title": "Cup final ends in a draw"}
    _, out, _ = run(capsys, "sql", sql, "--archive", filled, "-f", "jsonl")
    assert [json.loads(line)["source"] for line in out.splitlines()] == ["levant", "courier"]


def test_sql_count_on_a_new_archive(tmp_path, capsys):
    """A new user's first command works on a fresh checkout: the archive is created."""
    code, out, _ = run(
        capsys, "sql", "select count(*) from articles_view", "--archive", str(tmp_path / "new.db")
    )
    assert (code, out.splitlines()[-1]) == (0, "0")


def test_archive_from_the_environment(filled, capsys):
    code = main(
        ["sql", "select count(*) as n from articles", "-f", "csv"], env={"NEWSDESK_ARCHIVE": filled}
    )
    assert (code, capsys.readouterr().out) == (0, "n\n2\n")


def test_sql_write_is_a_clear_error(filled, capsys):
    code, out, err = run(capsys, "sql", "delete from articles", "--archive", filled)
    assert (code, out) == (1, "")
    assert err == (
        "error: refused: delete articles: this SQL is read-only (SELECT, WITH, EXPLAIN and "
        "read-only PRAGMAs)\n"
    )


def test_sql_params_and_time_limit(filled, capsys):
    code, out, _ = run(
        capsys,
        "sql",
        "select title from articles where source_id = :s",
        "-p",
        "s",
        "courier",
        "-f",
        "csv",
        "--archive",
        filled,
    )
    assert out == "title\nCup final ends in a draw\n"
    slow = "with recursive n(i) as (select 1 union all select i+1 from n) select count(*) from n"
    code, _, err = run(capsys, "sql", slow, "--time-limit", "0.1", "--archive", filled)
    assert (code, err) == (1, "error: query stopped after its time limit of 0.1 s\n")


def test_search_ranks_title_matches_first(filled, capsys):
    code, out, err = run(capsys, "search", "war", "--archive", filled, "-f", "json")
    results = json.loads(out)
    assert code == 0
    assert [r["title"] for r in results] == ["Cup final ends in a draw"]
    assert "[war]" in results[0]["snippet"]
    code, out, _ = run(capsys, "search", "army", "--archive", filled, "-f", "json")
    assert [r["source"] for r in json.loads(out)] == ["levant"]


@pytest.mark.parametrize(
    ("options", "titles"),
    [
        (["--topic", "sport"], ["Cup final ends in a draw"]),
        (["--topic", "politics"], []),
        (["--region", "sy"], ["Syrian army storms Al-Qusayr"]),
        (["--source", "levant"], ["Syrian army storms Al-Qusayr"]),
        (["--since", "2013-05-20"], ["Cup final ends in a draw"]),
        (["--until", "2013-05-19"], ["Syrian army storms Al-Qusayr"]),
        (["--limit", "1"], ["Cup final ends in a draw"]),  # "draw" is in its headline
    ],
)
def test_search_filters(filled, capsys, options, titles):
    # "troops OR draw" matches both articles; the filters decide.
    _, out, _ = run(
        capsys, "search", "troops", "OR", "draw", *options, "--archive", filled, "-f", "json"
    )
    assert [r["title"] for r in json.loads(out)] == titles


def test_search_survives_fts_syntax(filled, capsys):
    code, out, err = run(capsys, "search", 'AND "unbalanced', "C++", "don't", "--archive", filled)
    assert (code, err) == (0, "0 result(s)\n")


def test_search_bad_date(filled, capsys):
    code, _, err = run(capsys, "search", "war", "--since", "2013-05-20T10:00", "--archive", filled)
    assert code == 2 and "has no time zone" in err


def test_stats(filled, capsys):
    code, out, _ = run(capsys, "stats", "--archive", filled, "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert [(s["source"], s["articles"]) for s in data["sources"]] == [
        ("courier", 1),
        ("levant", 1),
    ]
    assert data["topics"] == [
        {"topic": "conflict-war-peace", "articles": 1},
        {"topic": "sport", "articles": 1},
    ]
    assert data["regions"] == [{"region": "SY", "articles": 1}]
    assert data["days"] == [
        {"day": "2013-05-21", "articles": 1},
        {"day": "2013-05-19", "articles": 1},
    ]


def test_migrate(tmp_path, capsys):
    path = str(tmp_path / "a.db")
    code, out, _ = run(capsys, "migrate", "--archive", path)
    names = code_migration_names()
    assert (code, out) == (0, f"{path}: applied {len(names)} migration(s): {', '.join(names)}\n")
    code, out, _ = run(capsys, "migrate", "--archive", path)
    assert out.startswith(f"{path}: schema up to date")


def test_sources_import_list_export(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    opml = tmp_path / "mine.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="Tech"><outline type="rss" text="Ars" '
        'xmlUrl="https://feeds.arstechnica.com/arstechnica/index" htmlUrl="https://arstechnica.com"/>'
        "</outline></body></opml>"
    )
    code, out, err = run(capsys, "sources", "import-opml", str(opml))
    assert (code, out) == (0, "added ars: Ars (1 feed)\n")
    assert "1 new source(s)" in err
    code, out, _ = run(capsys, "sources", "list", "-f", "csv")
    assert out.splitlines() == [
        "id,name,enabled,interval,feeds,sitemaps,sections,articles",
        "ars,Ars,yes,15m,1,0,0,0",
    ]
    code, out, _ = run(capsys, "sources", "export-opml")
    assert 'xmlUrl="https://feeds.arstechnica.com/arstechnica/index"' in out
    assert 'category="/science-technology"' in out


def test_bad_sources_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "s.toml"
    bad.write_text("[[source]]\nid = 'x'\nname = 'X'\nurl = 'http://x/'\ninterval = 'often'\n")
    code, out, err = run(capsys, "sources", "list", "--sources", str(bad))
    assert code == 1
    assert err == (
        f"error: {bad}: source 'x' (entry 1): key 'interval': 'often' is not a duration "
        '(write e.g. "90s", "15m", "2h", "1d")\n'
    )


def test_every_verb_has_help(capsys):
    from newsdesk.cli import build_parser
    from newsdesk.docs import _subparsers

    for name, _ in _subparsers(build_parser()):
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"], env={})
        assert exit_info.value.code == 0
        assert "--archive" in capsys.readouterr().out
