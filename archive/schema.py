"""The archive schema: named, ordered migrations, and the documentation of every table.

Migrations run in order when a writer opens the archive (``sqlite_utils.Migrations``); each is
applied once and recorded in ``_sqlite_migrations``. Never edit a migration that has shipped:
add a new one. :data:`DOCS` describes every table, view and column; a test checks that it
matches the database the migrations build, and the README's schema section is generated from it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "newsdesk"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            language TEXT,
            country TEXT,
            topics TEXT NOT NULL DEFAULT '[]',
            interval_s INTEGER NOT NULL DEFAULT 900,
            full_text INTEGER NOT NULL DEFAULT 0,
            enabled INTEGER NOT NULL DEFAULT 1,
            config TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        );

        CREATE TABLE source_urls (
            url TEXT PRIMARY KEY,
            source_id TEXT NOT NULL REFERENCES sources(id),
            kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'section', 'home', 'robots')),
            etag TEXT,
            last_modified TEXT,
            last_status INTEGER,
            last_fetched_at TEXT,
            last_success_at TEXT,
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_due_at TEXT
        );
        CREATE INDEX source_urls_source ON source_urls(source_id);

        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            representative_id INTEGER,
            first_published TEXT,
            article_count INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            guid TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            canonical_url TEXT NOT NULL,
            url_key TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            title TEXT NOT NULL,
            subtitle TEXT,
            body TEXT NOT NULL,
            language TEXT,
            section TEXT,
            keywords TEXT NOT NULL DEFAULT '[]',
            pull_quotes TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            published_local TEXT,
            published_source TEXT,
            published_precision TEXT,
            modified TEXT,
            first_seen TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            word_count INTEGER NOT NULL DEFAULT 0,
            extractor TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            story_id INTEGER REFERENCES stories(id)
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source_published ON articles(source_id, published);
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_content_hash ON articles(content_hash);

        CREATE TABLE authors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE article_authors (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            author_id INTEGER NOT NULL REFERENCES authors(id),
            PRIMARY KEY (article_id, position)
        );
        CREATE INDEX article_authors_author ON article_authors(author_id);

        CREATE TABLE agencies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE article_agencies (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            PRIMARY KEY (article_id, position)
        );
        CREATE INDEX article_agencies_agency ON article_agencies(agency_id);

        CREATE TABLE images (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            caption TEXT,
            credit TEXT,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE comments (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            author TEXT,
            published TEXT,
            text TEXT NOT NULL,
            reply_to INTEGER,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE labels (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('topic', 'region', 'world_region')),
            value TEXT NOT NULL,
            rank INTEGER NOT NULL DEFAULT 0,
            score REAL NOT NULL,
            method TEXT NOT NULL,
            PRIMARY KEY (article_id, kind, value)
        );
        CREATE INDEX labels_kind_value ON labels(kind, value, article_id);

        CREATE TABLE places (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            country TEXT NOT NULL,
            type TEXT,
            is_metonym INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            replaced_at TEXT NOT NULL,
            title TEXT NOT NULL,
            subtitle TEXT,
            body TEXT NOT NULL,
            published TEXT,
            modified TEXT,
            fetched_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            extractor TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            UNIQUE (article_id, revision)
        );

        CREATE TABLE raw_pages (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            content_type TEXT,
            encoding TEXT,
            compression TEXT NOT NULL,
            size INTEGER NOT NULL,
            html BLOB NOT NULL
        );
        CREATE INDEX raw_pages_fetched_at ON raw_pages(fetched_at);

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
            trigger TEXT NOT NULL,
            pid INTEGER,
            sources TEXT NOT NULL DEFAULT '[]',
            discovered INTEGER NOT NULL DEFAULT 0,
            fetched INTEGER NOT NULL DEFAULT 0,
            not_modified INTEGER NOT NULL DEFAULT 0,
            deferred INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            duplicate INTEGER NOT NULL DEFAULT 0,
            dropped INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            dropped_by_reason TEXT NOT NULL DEFAULT '{}',
            errors_by_kind TEXT NOT NULL DEFAULT '{}',
            message TEXT
        );

        CREATE TABLE run_sources (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            discovered INTEGER NOT NULL DEFAULT 0,
            fetched INTEGER NOT NULL DEFAULT 0,
            not_modified INTEGER NOT NULL DEFAULT 0,
            deferred INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            duplicate INTEGER NOT NULL DEFAULT 0,
            dropped INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            dropped_by_reason TEXT NOT NULL DEFAULT '{}',
            errors_by_kind TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (run_id, source_id)
        );

        CREATE TABLE fetch_errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            source_id TEXT,
            url TEXT NOT NULL,
            kind TEXT NOT NULL,
            http_status INTEGER,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX fetch_errors_at ON fetch_errors(at);
        CREATE INDEX fetch_errors_source ON fetch_errors(source_id, at);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


@migrations(name="0002_full_text_search")
def _full_text_search(db: Database) -> None:
    # External-content FTS5 kept in step by triggers. Writes use INSERT ... ON CONFLICT DO
    # UPDATE, which fires the UPDATE trigger; REPLACE would delete the row without firing the
    # DELETE trigger unless PRAGMA recursive_triggers is on (sqlite-utils issue 149), and the
    # connection turns it on anyway. content="articles" is what Datasette looks for to offer
    # its search box on the articles table.
    db.executescript(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, subtitle, body,
            content="articles", content_rowid="id",
            tokenize="unicode61 remove_diacritics 2"
        );
        CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, subtitle, body)
            VALUES (new.id, new.title, new.subtitle, new.body);
        END;
        CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body)
            VALUES ('delete', old.id, old.title, old.subtitle, old.body);
        END;
        CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, subtitle, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body)
            VALUES ('delete', old.id, old.title, old.subtitle, old.body);
            INSERT INTO articles_fts(rowid, title, subtitle, body)
            VALUES (new.id, new.title, new.subtitle, new.body);
        END;
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        """
    )


@migrations(name="0003_views")
def _views(db: Database) -> None:
    db.executescript(
        """
        CREATE VIEW articles_view AS
        SELECT
            a.id,
            a.guid,
            a.url,
            a.source_id AS source,
            a.title,
            a.subtitle,
            (SELECT json_group_array(name) FROM (
                SELECT au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id
                WHERE aa.article_id = a.id ORDER BY aa.position)) AS authors,
            (SELECT json_group_array(name) FROM (
                SELECT ag.name FROM article_agencies ag2 JOIN agencies ag ON ag.id = ag2.agency_id
                WHERE ag2.article_id = a.id ORDER BY ag2.position)) AS agencies,
            a.published,
            a.published_source,
            a.language,
            (SELECT json_group_array(value) FROM (
                SELECT value FROM labels
                WHERE article_id = a.id AND kind = 'topic' ORDER BY rank, score DESC)) AS topics,
            (SELECT json_group_array(value) FROM (
                SELECT value FROM labels
                WHERE article_id = a.id AND kind = 'region' ORDER BY rank, score DESC)) AS regions,
            (SELECT value FROM labels
                WHERE article_id = a.id AND kind = 'world_region'
                ORDER BY rank LIMIT 1) AS world_region,
            a.story_id,
            a.canonical_url,
            a.modified,
            a.first_seen,
            a.word_count,
            a.body
        FROM articles a;

        CREATE VIEW articles_per_day_by_topic AS
        SELECT substr(a.published, 1, 10) AS day, l.value AS topic, count(*) AS articles
        FROM articles a JOIN labels l ON l.article_id = a.id AND l.kind = 'topic'
        WHERE a.published IS NOT NULL
        GROUP BY day, topic;

        CREATE VIEW articles_per_day_by_region AS
        SELECT substr(a.published, 1, 10) AS day, l.value AS region, count(*) AS articles
        FROM articles a JOIN labels l ON l.article_id = a.id AND l.kind = 'region' AND l.rank = 0
        WHERE a.published IS NOT NULL
        GROUP BY day, region;

        CREATE VIEW articles_per_day_by_source AS
        SELECT substr(a.published, 1, 10) AS day, a.source_id AS source, count(*) AS articles
        FROM articles a
        WHERE a.published IS NOT NULL
        GROUP BY day, source;

        CREATE VIEW source_health AS
        SELECT
            s.id AS source,
            s.name,
            s.enabled,
            (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
            (SELECT max(u.last_success_at) FROM source_urls u WHERE u.source_id = s.id)
                AS last_success_at,
            (SELECT max(u.consecutive_errors) FROM source_urls u WHERE u.source_id = s.id)
                AS consecutive_errors,
            (SELECT u.last_error FROM source_urls u
                WHERE u.source_id = s.id AND u.last_error IS NOT NULL
                ORDER BY u.last_fetched_at DESC LIMIT 1) AS last_error
        FROM sources s;
        """
    )


@migrations(name="0004_story_index")
def _story_index(db: Database) -> None:
    # Story linking must stay cheap as the archive grows: a new article looks up its exact
    # content key and its LSH band keys in indexed tables, never scanning the archive.
    # story_bands has no foreign key on purpose: a cascade would scan it for every deleted
    # article; rows of a deleted article are ignored (candidates are joined to
    # story_fingerprints) and go at the next reclassify.
    db.executescript(
        """
        CREATE TABLE story_fingerprints (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content_key TEXT NOT NULL,
            shingles INTEGER NOT NULL,
            signature BLOB NOT NULL,
            band_keys BLOB NOT NULL,
            published_at TEXT NOT NULL,
            linked_by TEXT NOT NULL CHECK (linked_by IN ('new', 'content', 'minhash')),
            matched_article_id INTEGER,
            similarity REAL
        );
        CREATE INDEX story_fingerprints_content_key ON story_fingerprints(content_key);

        CREATE TABLE story_bands (
            band_key INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID;
        """
    )


#: SQL that gives one article a new feed stamp: the next number of a counter shared by all.
_STAMP = (
    "INSERT OR REPLACE INTO feed_stamps (article_id, seq) VALUES ({id}, "
    "(SELECT ifnull(max(seq), 0) + 1 FROM feed_stamps));"
)
#: ... and the representative of a story it belongs to (its entry lists the other outlets).
_STAMP_REPRESENTATIVE = (
    "INSERT OR REPLACE INTO feed_stamps (article_id, seq) "
    "SELECT representative_id, (SELECT ifnull(max(seq), 0) + 1 FROM feed_stamps) "
    "FROM stories WHERE id = {story} AND representative_id IS NOT NULL;"
)


@migrations(name="0005_feeds")
def _feeds(db: Database) -> None:
    # Feeds are cached (served) and written as files (published); both need to know cheaply
    # what changed since they last looked. Triggers give every article whose feed entry may
    # have changed a new stamp from one increasing counter: new or edited articles, labels,
    # images, bylines, story membership, and the publisher's name or full_text flag.
    changed = " OR ".join(
        f"old.{c} IS NOT new.{c}"
        for c in (
            "content_hash",
            "title",
            "url",
            "canonical_url",
            "published",
            "published_local",
            "modified",
            "language",
            "source_id",
            "story_id",
            "revision",
        )
    )
    children = "\n".join(
        f"""
        CREATE TRIGGER feed_stamps_{table}_ai AFTER INSERT ON {table} BEGIN
            {_STAMP.format(id="new.article_id")}
        END;
        CREATE TRIGGER feed_stamps_{table}_ad AFTER DELETE ON {table} BEGIN
            {_STAMP.format(id="old.article_id")}
        END;"""
        for table in ("labels", "images", "article_authors")
    )
    db.executescript(
        f"""
        CREATE TABLE feed_stamps (
            article_id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL
        );
        CREATE INDEX feed_stamps_seq ON feed_stamps(seq);
        INSERT INTO feed_stamps (article_id, seq) SELECT id, id FROM articles;

        CREATE TRIGGER feed_stamps_articles_ai AFTER INSERT ON articles BEGIN
            {_STAMP.format(id="new.id")}
        END;
        CREATE TRIGGER feed_stamps_articles_au AFTER UPDATE ON articles WHEN {changed} BEGIN
            {_STAMP.format(id="new.id")}
            {_STAMP_REPRESENTATIVE.format(story="old.story_id")}
            {_STAMP_REPRESENTATIVE.format(story="new.story_id")}
        END;
        CREATE TRIGGER feed_stamps_articles_ad AFTER DELETE ON articles BEGIN
            {_STAMP.format(id="old.id")}
            {_STAMP_REPRESENTATIVE.format(story="old.story_id")}
        END;
        {children}
        CREATE TRIGGER feed_stamps_stories_ai AFTER INSERT ON stories
        WHEN new.representative_id IS NOT NULL BEGIN
            {_STAMP.format(id="new.representative_id")}
        END;
        CREATE TRIGGER feed_stamps_stories_au AFTER UPDATE ON stories
        WHEN old.representative_id IS NOT new.representative_id
            OR old.article_count IS NOT new.article_count BEGIN
            {_STAMP_REPRESENTATIVE.format(story="new.id")}
            INSERT OR REPLACE INTO feed_stamps (article_id, seq)
            SELECT old.representative_id, (SELECT ifnull(max(seq), 0) + 1 FROM feed_stamps)
            WHERE old.representative_id IS NOT NULL;
        END;
        CREATE TRIGGER feed_stamps_sources_au AFTER UPDATE ON sources
        WHEN old.name IS NOT new.name OR old.url IS NOT new.url
            OR old.full_text IS NOT new.full_text OR old.language IS NOT new.language BEGIN
            INSERT OR REPLACE INTO feed_stamps (article_id, seq)
            SELECT id, (SELECT ifnull(max(seq), 0) + 1 FROM feed_stamps)
            FROM articles WHERE source_id = new.id;
        END;

        -- Source feeds walk one source's articles in id order.
        CREATE INDEX articles_source_id ON articles(source_id, id);
        """
    )


@migrations(name="0006_article_urls")
def _article_urls(db: Database) -> None:
    # Every URL key an article was reached under (the listing's link, the fetched URL after
    # redirects, the page's canonical URL): the crawler asks "do we have this one?" before it
    # fetches, and a link that differs from the canonical URL must not cost a fetch each run.
    db.executescript(
        """
        CREATE TABLE article_urls (
            url_key TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX article_urls_article ON article_urls(article_id);
        INSERT OR IGNORE INTO article_urls (url_key, article_id) SELECT url_key, id FROM articles;

        CREATE TABLE skipped_urls (
            url_key TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );

        CREATE TABLE robots_txt (
            url TEXT PRIMARY KEY,
            status INTEGER NOT NULL,
            body BLOB NOT NULL,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0007_service_schedule")
def _service_schedule(db: Database) -> None:
    # The service's schedule, one row per source, so a restarted service knows what is due,
    # which crawl it was running when it died and how far each failing source has backed off.
    # No foreign key to sources: a source is scheduled before its first crawl syncs it.
    db.executescript(
        """
        CREATE TABLE service_schedule (
            source_id TEXT PRIMARY KEY,
            next_run_at TEXT,
            last_started_at TEXT,
            last_finished_at TEXT,
            last_result TEXT
                CHECK (last_result IN ('running', 'ok', 'failed', 'timeout', 'interrupted')),
            last_run_id INTEGER,
            last_duration_s REAL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            retry_at TEXT,
            last_error TEXT,
            updated_at TEXT NOT NULL
        );
        """
    )


def code_migration_names() -> list[str]:
    """The names of the migrations this version knows, in order."""
    return [m.name for m in migrations._migrations]


# --------------------------------------------------------------------------------------------
# Documentation. A test checks these descriptions against the real schema, both ways.

DOCS: dict[str, tuple[str, dict[str, str]]] = {
    "sources": (
        "The news sources declared in sources.toml (synced on every crawl).",
        {
            "id": "Short stable identifier (slug) from sources.toml.",
            "name": "Publisher name.",
            "url": "Home page.",
            "language": "Main language hint (ISO 639-1).",
            "country": "Where the publisher is based (ISO 3166-1 alpha-2): a hint, not a region.",
            "topics": "JSON array of topic slugs given as hints.",
            "interval_s": "How often to crawl, in seconds.",
            "full_text": "1 if our feeds may carry the article's full text.",
            "enabled": "0 to skip the source without deleting it.",
            "config": "The whole declared entry as JSON.",
            "updated_at": "When this row was last synced from the config (UTC).",
        },
    ),
    "source_urls": (
        "Fetch state of every feed, sitemap, section page, home page and robots.txt we poll.",
        {
            "url": "The URL polled.",
            "source_id": "Source it belongs to.",
            "kind": "feed, sitemap, section, home or robots.",
            "etag": "ETag of the last 200 answer, sent back as If-None-Match.",
            "last_modified": "Last-Modified of the last 200 answer, sent as If-Modified-Since.",
            "last_status": "HTTP status of the last attempt (0 = no response).",
            "last_fetched_at": "When it was last requested (UTC).",
            "last_success_at": "When it last answered 200 or 304 (UTC).",
            "consecutive_errors": "Failures since the last success.",
            "last_error": "Reason of the last failure.",
            "next_due_at": "Earliest time to poll it again (UTC); backoff after errors.",
        },
    ),
    "stories": (
        "One story told by several articles: wire copies and updates at new URLs.",
        {
            "id": "Story id (articles.story_id).",
            "representative_id": "The first-published copy, shown in feeds.",
            "first_published": "Publication time of the first copy (UTC).",
            "article_count": "How many archived articles carry this story.",
            "created_at": "When the story was first seen (UTC).",
            "updated_at": "When a copy was last linked to it (UTC).",
        },
    ),
    "articles": (
        "One row per article (per canonical URL), latest version.",
        {
            "id": "Row id (also the FTS rowid).",
            "guid": "Permanent id used in feeds; written once, never reused.",
            "url": "The URL the article was fetched from.",
            "canonical_url": "The article's canonical URL (rel=canonical, og:url, cleaned).",
            "url_key": "Canonical URL normalized for dedup (scheme, host case, tracking params).",
            "source_id": "Source that published it.",
            "title": "Headline.",
            "subtitle": "Standfirst, if any.",
            "body": "Article text, paragraphs separated by one blank line; nothing else.",
            "language": "Language of the text (ISO 639-1).",
            "section": "Publisher's section, if stated.",
            "keywords": "JSON array of the publisher's keywords/tags.",
            "pull_quotes": "JSON array of pull quotes (not part of the body).",
            "published": "Publication time, UTC ISO 8601 (YYYY-MM-DDTHH:MM:SSZ).",
            "published_local": "Publication time as stated, with the publisher's UTC offset.",
            "published_source": "Evidence for the date: jsonld, microdata, meta, time, text, "
            "url, feed or sitemap.",
            "published_precision": "second, minute or day (a page that shows only the day).",
            "modified": "Last modification time stated by the publisher (UTC).",
            "first_seen": "When newsdesk first archived it (UTC).",
            "fetched_at": "When this version was fetched (UTC).",
            "content_hash": "SHA-256 of title, subtitle and body: a change makes a revision.",
            "word_count": "Words in the body.",
            "extractor": "Extractor that produced the fields.",
            "extractor_version": "Its version.",
            "revision": "1 for the first version, +1 at every content change.",
            "story_id": "Story this article belongs to.",
        },
    ),
    "authors": ("People who wrote articles.", {"id": "Author id.", "name": "Name."}),
    "article_authors": (
        "Bylines: which people wrote which article, in byline order.",
        {
            "article_id": "Article.",
            "position": "Order in the byline (0 first).",
            "author_id": "Author.",
        },
    ),
    "agencies": (
        "News agencies (AFP, Reuters, AP, dpa, ...), canonical names.",
        {"id": "Agency id.", "name": "Canonical name."},
    ),
    "article_agencies": (
        "Which agencies an article is credited to.",
        {"article_id": "Article.", "position": "Order of credit.", "agency_id": "Agency."},
    ),
    "images": (
        "Article images, in page order.",
        {
            "article_id": "Article.",
            "position": "Order on the page (0 first).",
            "url": "Absolute image URL.",
            "caption": "Caption without the credit.",
            "credit": "Photo credit, e.g. AFP/Joseph Eid.",
        },
    ),
    "comments": (
        "Reader comments, kept apart from the article body.",
        {
            "article_id": "Article.",
            "position": "Order on the page.",
            "author": "Commenter's name as shown.",
            "published": "Comment date, ISO 8601 as precise as the page shows.",
            "text": "Comment text.",
            "reply_to": "Position of the comment it answers, if any.",
        },
    ),
    "labels": (
        "Topic and region labels, each with its score and how it was decided.",
        {
            "article_id": "Article.",
            "kind": "topic, region (ISO 3166-1 alpha-2) or world_region.",
            "value": "Topic slug, country code or world-region slug.",
            "rank": "0 for the primary label of its kind, then 1, 2, ...",
            "score": "Confidence between 0 and 1.",
            "method": "How it was decided (e.g. text, section, keywords, hint, gazetteer).",
        },
    ),
    "places": (
        "Places named in the article, resolved to a country.",
        {
            "article_id": "Article.",
            "position": "Order of first mention.",
            "name": "Place name as written.",
            "country": "ISO 3166-1 alpha-2.",
            "type": "city, town, province, country, ...",
            "is_metonym": "1 where a capital stands for its government.",
        },
    ),
    "revisions": (
        "Earlier versions of articles whose content changed.",
        {
            "id": "Revision id.",
            "article_id": "Article.",
            "revision": "Revision number of this (old) version.",
            "replaced_at": "When a newer version replaced it (UTC).",
            "title": "Headline then.",
            "subtitle": "Standfirst then.",
            "body": "Body then.",
            "published": "Publication time then (UTC).",
            "modified": "Modification time then (UTC).",
            "fetched_at": "When that version was fetched (UTC).",
            "content_hash": "Its content hash.",
            "extractor": "Extractor that produced it.",
            "extractor_version": "Its version.",
        },
    ),
    "raw_pages": (
        "The downloaded HTML of each article, compressed, for re-extraction.",
        {
            "article_id": "Article.",
            "url": "URL it was downloaded from.",
            "fetched_at": "When (UTC).",
            "http_status": "HTTP status.",
            "content_type": "Content-Type header.",
            "encoding": "Character encoding used to decode it.",
            "compression": "Codec of the html column (zlib).",
            "size": "Uncompressed size in bytes.",
            "html": "The page bytes, compressed.",
        },
    ),
    "runs": (
        "Crawl runs with their counts.",
        {
            "id": "Run id.",
            "started_at": "Start (UTC).",
            "finished_at": "End (UTC); empty while running or if the process died.",
            "status": "running, ok, failed or interrupted.",
            "trigger": "Who started it: cli, scheduler, ...",
            "pid": "Process id of the crawl.",
            "sources": "JSON array of the source ids crawled.",
            "discovered": "Article URLs discovered in feeds, sitemaps and sections.",
            "fetched": "Article pages downloaded.",
            "not_modified": "Feeds, sitemaps and pages answered 304.",
            "deferred": "Feeds and sitemaps not polled: their server asked us to wait "
            "(Retry-After).",
            "new": "Articles archived for the first time.",
            "updated": "Articles whose content changed (old version kept in revisions).",
            "unchanged": "Articles fetched again with the same content.",
            "duplicate": "Pages that were copies of an article already archived.",
            "dropped": "Pages not archived, see dropped_by_reason.",
            "errors": "Fetch and parse errors, see errors_by_kind and fetch_errors.",
            "dropped_by_reason": "JSON object: reason -> count.",
            "errors_by_kind": "JSON object: kind -> count.",
            "message": "Why a run failed or was interrupted.",
        },
    ),
    "run_sources": (
        "The same counts per source and run.",
        {
            "run_id": "Run.",
            "source_id": "Source.",
            "discovered": "See runs.",
            "fetched": "See runs.",
            "not_modified": "See runs.",
            "deferred": "See runs.",
            "new": "See runs.",
            "updated": "See runs.",
            "unchanged": "See runs.",
            "duplicate": "See runs.",
            "dropped": "See runs.",
            "errors": "See runs.",
            "dropped_by_reason": "See runs.",
            "errors_by_kind": "See runs.",
        },
    ),
    "fetch_errors": (
        "Every fetch or parse error, with its reason.",
        {
            "id": "Error id.",
            "run_id": "Run it happened in.",
            "source_id": "Source.",
            "url": "URL concerned.",
            "kind": "timeout, connection, http, robots, too-large, parse, extract, ...",
            "http_status": "HTTP status, if there was a response.",
            "reason": "What went wrong, one line.",
            "at": "When (UTC).",
        },
    ),
    "skipped_urls": (
        "Pages fetched once and found not to be articles (section pages, empty pages in a "
        "sitemap, ...): not fetched again unless their listing says they changed.",
        {
            "url_key": "URL key of the page.",
            "reason": "Why it is not an article (listing, no-body, no-title, not-html).",
            "at": "When it was found (UTC).",
        },
    ),
    "robots_txt": (
        "The last robots.txt of each host, so the next run can ask for it conditionally.",
        {
            "url": "robots.txt URL.",
            "status": "HTTP status of the last full answer.",
            "body": "Its content.",
            "etag": "ETag, sent back as If-None-Match.",
            "last_modified": "Last-Modified, sent back as If-Modified-Since.",
            "fetched_at": "When it was last fetched (UTC).",
        },
    ),
    "article_urls": (
        "Every URL key an article was reached under, so a known article is not fetched again.",
        {"url_key": "A URL key (see articles.url_key).", "article_id": "Article."},
    ),
    "service_schedule": (
        "The service's schedule per source (newsdesk run): what is due, the last outcome, backoff.",
        {
            "source_id": "Source.",
            "next_run_at": "When the service means to crawl it next (UTC).",
            "last_started_at": "Start of its last scheduled crawl (UTC).",
            "last_finished_at": "End of its last scheduled crawl (UTC).",
            "last_result": "running (the service stopped during it), ok, failed, timeout or "
            "interrupted.",
            "last_run_id": "The runs row of its last crawl, if the crawl got that far.",
            "last_duration_s": "Seconds its last crawl took.",
            "consecutive_failures": "Failed crawls since the last success.",
            "retry_at": "While failing: no crawl before this time (UTC), exponential backoff.",
            "last_error": "Why its last crawl failed.",
            "updated_at": "When this row was written (UTC).",
        },
    ),
    "settings": (
        "Archive-wide settings (e.g. raw_retention_days).",
        {"key": "Setting name.", "value": "Its value (text)."},
    ),
    "articles_view": (
        "One row per article with its bylines and labels as JSON arrays: start here.",
        {
            "id": "articles.id",
            "guid": "Permanent feed id.",
            "url": "Fetched URL.",
            "source": "Source id.",
            "title": "Headline.",
            "subtitle": "Standfirst.",
            "authors": "JSON array of people, byline order.",
            "agencies": "JSON array of agencies.",
            "published": "UTC ISO 8601.",
            "published_source": "Evidence for the date.",
            "language": "ISO 639-1.",
            "topics": "JSON array of topic slugs, strongest first.",
            "regions": "JSON array of ISO 3166-1 alpha-2 codes, primary first.",
            "world_region": "World-region slug of the primary country.",
            "story_id": "Story id (copies of one story share it).",
            "canonical_url": "Canonical URL.",
            "modified": "UTC ISO 8601.",
            "first_seen": "When first archived (UTC).",
            "word_count": "Words in the body.",
            "body": "Article text.",
        },
    ),
    "articles_per_day_by_topic": (
        "Articles per publication day (UTC) and topic.",
        {"day": "YYYY-MM-DD.", "topic": "Topic slug.", "articles": "Count."},
    ),
    "articles_per_day_by_region": (
        "Articles per publication day (UTC) and primary country.",
        {"day": "YYYY-MM-DD.", "region": "ISO 3166-1 alpha-2.", "articles": "Count."},
    ),
    "articles_per_day_by_source": (
        "Articles per publication day (UTC) and source.",
        {"day": "YYYY-MM-DD.", "source": "Source id.", "articles": "Count."},
    ),
    "source_health": (
        "Per source: article count, last success, consecutive errors and the last error.",
        {
            "source": "Source id.",
            "name": "Name.",
            "enabled": "0 if disabled.",
            "articles": "Articles archived.",
            "last_success_at": "Last successful poll of any of its URLs (UTC).",
            "consecutive_errors": "Worst streak of failures among its URLs.",
            "last_error": "Most recent error message.",
        },
    ),
    "feed_stamps": (
        "Change stamps for the feeds: an article gets the next number whenever its feed entry "
        "may have changed (set by triggers).",
        {
            "article_id": "Article (kept after the article is deleted, so the change is seen).",
            "seq": "Number from one increasing counter: larger means changed later.",
        },
    ),
    "story_fingerprints": (
        "Each article's content fingerprint, and how it was linked to its story.",
        {
            "article_id": "Article.",
            "content_key": "SHA-1 of the body's words, folded: the same text elsewhere has the "
            "same key.",
            "shingles": "Distinct 5-word shingles in the body.",
            "signature": "MinHash signature of the shingles (128 little-endian uint32; empty "
            "when the body is too short to compare).",
            "band_keys": "Its 32 LSH band keys (little-endian int64), as in story_bands.",
            "published_at": "Publication time (UTC), or first_seen when the page gave none: "
            "orders the copies and bounds the candidates (7 days).",
            "linked_by": "new (first copy of its story), content (same text as "
            "matched_article_id) or minhash (near copy of it).",
            "matched_article_id": "The copy it was found to match, if any.",
            "similarity": "Estimated share of the smaller body found in the other (minhash) or "
            "1 (content).",
        },
    ),
    "story_bands": (
        "LSH index of the fingerprints: articles sharing a band key are candidate copies.",
        {
            "band_key": "Hash of one band of a MinHash signature.",
            "article_id": "Article (no foreign key: rows of deleted articles are ignored).",
        },
    ),
    "articles_fts": (
        "FTS5 index over articles.title, subtitle and body (rank with bm25).",
        {"title": "Indexed.", "subtitle": "Indexed.", "body": "Indexed."},
    ),
}
