from pathlib import Path

import pytest

from archive import ConfigError, Source, load_config
from archive.opml import append_sources, feeds_to_sources, parse_opml, sources_to_opml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "opml"


@pytest.fixture
def reader_export() -> bytes:
    return (FIXTURES / "reader-export.opml").read_bytes()


def test_nested_real_world_export(reader_export):
    feeds = parse_opml(reader_export)
    assert len(feeds) == 11  # the empty and javascript: outlines are skipped
    assert feeds[0].folders == ("News", "World")
    assert feeds[4].title == "L'Orient-Le Jour" and feeds[4].folders == ("News", "Middle East")
    assert feeds[6].folders == ("News", "Middle East")  # filed twice: deduplicated on import
    assert feeds[7].xml_url.startswith("https://www.reutersagency.com/")  # lower-case xmlurl


def test_feeds_become_one_source_per_publisher(reader_export):
    sources = feeds_to_sources(parse_opml(reader_export))
    assert [(s.id, s.name, len(s.feeds)) for s in sources] == [
        ("bbc-news", "BBC News", 2),
        ("al-jazeera-english", "Al Jazeera English", 1),
        (
            "le-monde-fr-actualites-et-infos-en-france-et",
            "Le Monde.fr - Actualités et Infos en France et dans le monde",
            1,
        ),
        ("l-orient-le-jour", "L'Orient-Le Jour", 1),
        ("aljazeera-net", "الجزيرة نت", 1),
        ("reuters-business", "Reuters Business", 1),
        ("ft-alphaville", "FT Alphaville", 1),
        ("ars-technica", "Ars Technica", 1),
        ("sport-der-spiegel", "Sport - Der Spiegel", 1),
    ]
    by_id = {s.id: s for s in sources}
    assert by_id["bbc-news"].url == "https://www.bbc.co.uk/news/world"
    assert by_id["ft-alphaville"].url == "https://www.ft.com/"  # no htmlUrl: the feed's origin
    assert by_id["reuters-business"].topics == ("economy-business-finance",)
    assert by_id["ars-technica"].topics == ("science-technology",)
    assert by_id["sport-der-spiegel"].topics == ("sport",)


def test_import_then_export_round_trips(tmp_path, reader_export):
    path = tmp_path / "sources.toml"
    path.write_text("# my sources\n")
    append_sources(path, feeds_to_sources(parse_opml(reader_export)))
    first = load_config(path).sources
    assert path.read_text().startswith("# my sources\n")

    exported = sources_to_opml(first)
    again = feeds_to_sources(parse_opml(exported))
    assert [(s.name, s.url, s.feeds, s.topics) for s in again] == [
        (s.name, s.url, s.feeds, s.topics) for s in first
    ]
    # Importing the same file twice adds nothing.
    assert feeds_to_sources(parse_opml(reader_export), first) == []


def test_ids_do_not_collide_with_existing_sources():
    existing = [Source(id="ars-technica", name="Ars", url="https://arstechnica.com/")]
    xml = (
        b'<opml version="2.0"><body><outline type="rss" text="Ars Technica" '
        b'xmlUrl="https://feeds.arstechnica.com/arstechnica/science"/></body></opml>'
    )
    (new,) = feeds_to_sources(parse_opml(xml), existing)
    assert new.id == "ars-technica-2"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not a well-formed OPML file"),
        (b"<rss version='2.0'><channel/></rss>", "root element is <rss>, not <opml>"),
        (b"<opml version='2.0'><head/></opml>", "no <body> element"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><opml><body>'
            b'<outline text="&lol2;" xmlUrl="http://x/"/></body></opml>',
            "not a well-formed OPML file",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
            b'<opml><body><outline text="&xxe;" xmlUrl="http://x/"/></body></opml>',
            "not a well-formed OPML file",
        ),
    ],
)
def test_bad_opml_is_one_clear_error(data, message):
    with pytest.raises(ConfigError, match=message):
        parse_opml(data)
