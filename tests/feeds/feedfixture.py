"""A small archive with literal data that exercises every part of an entry.

Four sources (English, Arabic, French; two allow full text), topics and regions, a story
carried by two outlets, an article updated after publication, images with captions and
credits, an undated article, and one body full of hostile markup.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from archive import Article, Image, Label, Source, open_archive, parse_config
from archive.writes import set_labels, sync_sources, upsert_article

UTC = UTC
BEIRUT = timezone(timedelta(hours=3))
DUBAI = timezone(timedelta(hours=4))
NIAMEY = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-4))

#: When the fixture articles were archived (first_seen); the second crawl is a day later.
ARCHIVED_AT = datetime(2024, 5, 3, 12, 0, tzinfo=UTC)
RECRAWLED_AT = datetime(2024, 5, 4, 8, 30, tzinfo=UTC)
BASE_URL = "http://127.0.0.1:8080/"

SOURCES_TOML = """
[settings]
feed_items = 4

[[source]]
id = "levantpost"
name = "The Levant Post"
url = "https://www.levantpost.example.com/"
language = "en"
country = "LB"

[[source]]
id = "gulfdaily"
name = "الخليج اليوم"
url = "https://www.gulfdaily.example.com/"
language = "ar"
full_text = true

[[source]]
id = "wirenews"
name = "Wire News & Co"
url = "https://wire.example.com/"
language = "en"
full_text = true

[[source]]
id = "sahelinfo"
name = "Sahel Info"
url = "https://sahel.example.com/"
language = "fr"

[[query]]
id = "syria-conflict"
title = "Syria: conflict"
topic = "conflict-war-peace"
region = "sy"

[[query]]
id = "ceasefire"
title = "Ceasefire news"
q = "ceasefire"
"""

HOSTILE_BODY = (
    '<p onclick="steal()">Intro <b>bold <i>unclosed</p>'
    "<script>document.write('owned')</script>"
    '<img src="x.jpg" onerror="alert(1)">'
    '<a href="javascript:alert(2)">click</a> '
    '<a href="/en/related">related</a> '
    '<div style="width: expression(alert(3))">styled</div>'
    '<iframe src="https://evil.example.com/"></iframe>'
    '<img src="data:text/html;base64,PHNjcmlwdD4=">'
    "<!-- a comment --><table><tr><td>cell</table> trailing & text"
)


def _article(**fields: object) -> Article:
    defaults: dict[str, object] = {
        "fetched_at": ARCHIVED_AT,
        "extractor": "fixture",
        "extractor_version": "1",
        "published_source": "jsonld",
        "published_precision": "minute",
    }
    defaults.update(fields)
    url = str(defaults["url"])
    defaults.setdefault("canonical_url", url)
    defaults.setdefault("url_key", url.split("://", 1)[1])
    return Article(**defaults)  # type: ignore[arg-type]


def _topic(value: str, rank: int = 0) -> Label:
    return Label("topic", value, 0.9, "text", rank)


def _region(value: str, rank: int = 0) -> Label:
    return Label("region", value, 0.9, "gazetteer", rank)


def _world(value: str) -> Label:
    return Label("world_region", value, 0.9, "gazetteer")


ARTICLES: list[tuple[Article, list[Label]]] = [
    (
        _article(
            url="https://www.levantpost.example.com/en/news/syria/101-ceasefire-talks",
            source_id="levantpost",
            title="Ceasefire talks resume in Geneva",
            subtitle="Delegations from both sides arrived on Friday.",
            body="Delegations arrived in Geneva on Friday for a new round of talks.\n\n"
            "The talks are expected to last a week.",
            language="en",
            authors=("Rana Haddad",),
            agencies=("AFP",),
            published=datetime(2024, 5, 3, 9, 15, tzinfo=BEIRUT),
            images=(
                Image(
                    "https://www.levantpost.example.com/img/geneva.jpg",
                    "Delegates arrive at the UN office in Geneva",
                    "AFP/Fabrice Coffrini",
                ),
            ),
        ),
        [
            _topic("conflict-war-peace"),
            _topic("politics", 1),
            _region("SY"),
            _region("CH", 1),
            _world("middle-east"),
        ],
    ),
    (
        _article(
            url="https://wire.example.com/world/syria-ceasefire-talks-resume",
            source_id="wirenews",
            title="Syria ceasefire talks resume",
            body="Talks on a ceasefire in Syria resumed in Geneva on Friday.",
            language="en",
            agencies=("AFP",),
            published=datetime(2024, 5, 3, 6, 40, tzinfo=UTC),
        ),
        [_topic("conflict-war-peace"), _region("SY"), _world("middle-east")],
    ),
    (
        _article(
            url="https://www.gulfdaily.example.com/ar/news/2024/05/03/talks",
            source_id="gulfdaily",
            title="استئناف محادثات وقف إطلاق النار في جنيف",
            body="وصلت الوفود إلى جنيف يوم الجمعة لجولة جديدة من المحادثات.\n\n"
            "ومن المتوقع أن تستمر المحادثات أسبوعاً.",
            language="ar",
            authors=("سارة المنصوري",),
            published=datetime(2024, 5, 3, 11, 5, tzinfo=DUBAI),
            images=(
                Image(
                    "https://www.gulfdaily.example.com/media/talks.png",
                    "الوفود في جنيف",
                    "وكالة الأنباء",
                ),
            ),
        ),
        [_topic("politics"), _region("SY"), _world("middle-east")],
    ),
    (
        _article(
            url="https://wire.example.com/markets/rally-after-rate-decision",
            source_id="wirenews",
            title="Markets rally after rate decision",
            subtitle="Stocks rose 2% <b>after</b> the central bank held rates.",
            body="Stocks rose on Thursday.\n\nAnalysts expect a cut in June.",
            language="en",
            authors=("Jane Doe", "John Roe"),
            published=datetime(2024, 5, 2, 16, 30, tzinfo=NEW_YORK),
            modified=datetime(2024, 5, 2, 21, 0, tzinfo=UTC),
            images=(Image("https://wire.example.com/i/markets", "Traders at work", None),),
        ),
        [_topic("economy-business-finance"), _region("US"), _world("northern-america")],
    ),
    (
        _article(
            url="https://sahel.example.com/fr/inondations-niamey",
            source_id="sahelinfo",
            title="Inondations à Niamey : des milliers de sinistrés",
            body="Des pluies torrentielles ont frappé Niamey jeudi soir.",
            language="fr",
            published=datetime(2024, 5, 2, 22, 0, tzinfo=NIAMEY),
        ),
        [_topic("disaster-accident-emergency"), _region("NE"), _world("western-africa")],
    ),
    (
        _article(
            url="https://wire.example.com/tech/hostile-markup",
            source_id="wirenews",
            title="Hostile markup is made harmless",
            body=HOSTILE_BODY,
            language="en",
            authors=("Mallory",),
            published=datetime(2024, 5, 3, 10, 0, tzinfo=UTC),
        ),
        [_topic("science-technology")],
    ),
    (
        _article(
            url="https://www.levantpost.example.com/en/notice",
            source_id="levantpost",
            title="Notice to readers",
            body="Our offices are closed on Monday.",
            language="en",
            published=None,
            published_source=None,
            published_precision=None,
        ),
        [],
    ),
]

#: The revised version of the markets article, archived by the second crawl.
MARKETS_UPDATE = {
    "body": "Stocks rose on Thursday.\n\nAnalysts now expect a cut in July.",
    "modified": datetime(2024, 5, 3, 7, 45, tzinfo=UTC),
    "fetched_at": RECRAWLED_AT,
}


def build_archive(path: Path) -> Path:
    """Write the fixture archive at ``path`` and return it."""
    config = parse_config(SOURCES_TOML)
    archive = open_archive(path)
    try:
        with archive.transaction() as conn:
            sync_sources(conn, [s.as_row() for s in config.sources])
            ids = []
            for article, labels in ARTICLES:
                result = upsert_article(conn, article, now=ARCHIVED_AT)
                set_labels(conn, result.article_id, labels)
                ids.append(result.article_id)
            markets, _ = ARTICLES[3]
            updated = Article(**{**markets.__dict__, **MARKETS_UPDATE})
            upsert_article(conn, updated, now=RECRAWLED_AT)
            # One story carried by two outlets: the Levant Post's article represents it.
            conn.execute(
                "INSERT INTO stories (id, representative_id, first_published, article_count, "
                "created_at, updated_at) VALUES (1, ?, '2024-05-03T06:15:00Z', 2, ?, ?)",
                [ids[0], "2024-05-03T12:00:00Z", "2024-05-03T12:00:00Z"],
            )
            conn.execute("UPDATE articles SET story_id = 1 WHERE id IN (?, ?)", ids[:2])
    finally:
        archive.close()
    return path


def config() -> object:
    return parse_config(SOURCES_TOML)


def source_ids() -> list[str]:
    return [s.id for s in parse_config(SOURCES_TOML).sources if isinstance(s, Source)]


#: Published documents kept as golden files in tests/fixtures/feeds/golden/ (reviewed by hand;
#: scripts/regen_feed_golden.py writes them).
GOLDEN = [
    f"{path}.{fmt}"
    for path in (
        "feeds/all",
        "feeds/all/archive/1",
        "feeds/region/sy",
        "feeds/source/gulfdaily",
        "feeds/source/wirenews",
        "feeds/query/ceasefire",
    )
    for fmt in ("rss", "atom", "json")
] + ["feeds.opml", "index.html"]
GOLDEN_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "golden"
