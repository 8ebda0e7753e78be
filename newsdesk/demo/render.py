"""The demo site's documents: article and listing pages, RSS 2.0 or Atom, news sitemaps,
robots.txt. Simple templates: the markup a small news site would serve (canonical link,
Open Graph and JSON-LD dates, a byline, a section page with rel="next")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape

from .content import LANGUAGES, PUBLISHERS, TOPICS, Publisher
from .site import DemoArticle

#: Articles per section page, section pages followed at most.
PAGE_SIZE = 10
MAX_PAGES = 5

_STYLE = (
    "body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:1rem auto;padding:0 1rem}"
    "nav a{margin-right:.8rem}.standfirst{font-size:1.15rem;color:#333}.byline{color:#666}"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def feed_path(publisher: Publisher) -> str:
    name = "atom.xml" if publisher.feed_format == "atom" else "feed.xml"
    return f"/{publisher.id}/{name}"


def sitemap_path(publisher: Publisher) -> str:
    return f"/{publisher.id}/sitemap-news.xml"


def section_path(publisher: Publisher, topic: str, page: int = 1) -> str:
    slug = LANGUAGES[publisher.language].sections[topic][0]
    return f"/{publisher.id}/{slug}/" + (f"page/{page}/" if page > 1 else "")


def _page(publisher: Publisher, base: str, title: str, head: list[str], main: list[str]) -> bytes:
    lang = LANGUAGES[publisher.language]
    nav = "".join(
        f'<a href="{base}{section_path(publisher, t)}">{_e(lang.sections[t][1])}</a>'
        for t in TOPICS
    )
    feed_type = "application/atom+xml" if publisher.feed_format == "atom" else "application/rss+xml"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{publisher.language}" dir="{"rtl" if lang.rtl else "ltr"}">',
        '<head><meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        f'<link rel="alternate" type="{feed_type}" title="{_e(publisher.name)}" '
        f'href="{base}{feed_path(publisher)}">',
        *head,
        f"<style>{_STYLE}</style></head>",
        f'<body><header><p><a href="{base}/{publisher.id}/">{_e(publisher.name)}</a></p>'
        f"<nav>{nav}</nav></header>",
        "<main>",
        *main,
        "</main>",
        f"<footer><p>© {_e(publisher.name)}</p></footer></body></html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def article_page(article: DemoArticle, base: str) -> bytes:
    pub, lang = article.publisher, article.language
    url = base + article.path
    iso = article.published.isoformat()
    credit = article.agency or article.author or ""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": iso,
        "inLanguage": pub.language,
        "author": [{"@type": "Organization" if article.agency else "Person", "name": credit}],
        "publisher": {"@type": "Organization", "name": pub.name},
        "mainEntityOfPage": url,
    }
    head = [
        f'<link rel="canonical" href="{_e(url)}">',
        f'<meta property="og:title" content="{_e(article.title)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{_e(url)}">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<meta property="article:section" content="{_e(article.section[1])}">',
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>',
    ]
    byline = lang.by.format(author=credit)
    main = [
        "<article>",
        f"<h1>{_e(article.title)}</h1>",
        f'<p class="standfirst">{_e(article.standfirst)}</p>',
        f'<p class="byline">{_e(byline)} · <time datetime="{iso}">'
        f"{article.published:%Y-%m-%d %H:%M}</time></p>",
        '<div class="article-body">',
        *(f"<p>{_e(p)}</p>" for p in article.paragraphs),
        "</div>",
        "</article>",
    ]
    return _page(pub, base, f"{article.title} | {pub.name}", head, main)


def listing_page(
    publisher: Publisher,
    base: str,
    title: str,
    articles: Sequence[DemoArticle],
    *,
    next_path: str | None = None,
) -> bytes:
    lang = LANGUAGES[publisher.language]
    teasers = [
        f'<li><a href="{base}{_e(a.path)}">{_e(a.title)}</a> '
        f'<time datetime="{a.published.isoformat()}">{a.published:%Y-%m-%d %H:%M}</time>'
        f"<br>{_e(a.standfirst)}</li>"
        for a in articles
    ]
    head, main = [], [f"<h1>{_e(title)}</h1>", "<ul>", *teasers, "</ul>"]
    if next_path:
        head.append(f'<link rel="next" href="{base}{next_path}">')
        main.append(f'<p><a rel="next" href="{base}{next_path}">{_e(lang.read_more)}</a></p>')
    return _page(publisher, base, f"{title} | {publisher.name}", head, main)


def _rfc822(value: datetime) -> str:
    return format_datetime(value)


def rss_feed(publisher: Publisher, base: str, articles: Sequence[DemoArticle]) -> bytes:
    items = [
        "<item>"
        f"<title>{_e(a.title)}</title><link>{_e(base + a.path)}</link>"
        f"<description>{_e(a.standfirst)}</description>"
        f"<category>{_e(a.section[1])}</category>"
        f"<pubDate>{_rfc822(a.published)}</pubDate>"
        f'<guid isPermaLink="true">{_e(base + a.path)}</guid>'
        "</item>"
        for a in articles
    ]
    updated = _rfc822(articles[0].published) if articles else ""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
        f"<title>{_e(publisher.name)}</title><link>{base}/{publisher.id}/</link>",
        f"<description>{_e(publisher.name)}</description>",
        f"<language>{publisher.language}</language><lastBuildDate>{updated}</lastBuildDate>",
        f'<atom:link href="{base}{feed_path(publisher)}" rel="self" type="application/rss+xml"/>',
        *items,
        "</channel></rss>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def atom_feed(publisher: Publisher, base: str, articles: Sequence[DemoArticle]) -> bytes:
    entries = [
        "<entry>"
        f"<title>{_e(a.title)}</title>"
        f'<link rel="alternate" href="{_e(base + a.path)}"/>'
        f"<id>{_e(base + a.path)}</id>"
        f"<published>{a.published.isoformat()}</published>"
        f"<updated>{a.published.isoformat()}</updated>"
        f"<summary>{_e(a.standfirst)}</summary>"
        f"<author><name>{_e(a.agency or a.author)}</name></author>"
        "</entry>"
        for a in articles
    ]
    updated = articles[0].published.isoformat() if articles else "1970-01-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{publisher.language}">',
        f"<title>{_e(publisher.name)}</title><id>{base}/{publisher.id}/</id>",
        f'<link rel="alternate" href="{base}/{publisher.id}/"/>',
        f'<link rel="self" href="{base}{feed_path(publisher)}"/>',
        f"<updated>{updated}</updated>",
        *entries,
        "</feed>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def news_sitemap(publisher: Publisher, base: str, articles: Sequence[DemoArticle]) -> bytes:
    """A Google News sitemap: the publication, language, date and title of each article."""
    urls = [
        f"<url><loc>{_e(base + a.path)}</loc><news:news><news:publication>"
        f"<news:name>{_e(publisher.name)}</news:name>"
        f"<news:language>{publisher.language}</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{_e(a.title)}</news:title></news:news></url>"
        for a in articles
    ]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
        *urls,
        "</urlset>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def robots_txt(base: str) -> bytes:
    lines = ["User-agent: *", "Disallow: /private/", ""]
    lines += [f"Sitemap: {base}{sitemap_path(p)}" for p in PUBLISHERS]
    return ("\n".join(lines) + "\n").encode()


def root_page(base: str) -> bytes:
    items = "".join(
        f'<li><a href="{base}/{p.id}/">{_e(p.name)}</a> ({p.language}): '
        f'<a href="{base}{feed_path(p)}">{p.feed_format.upper()}</a>, '
        f'<a href="{base}{sitemap_path(p)}">news sitemap</a></li>'
        for p in PUBLISHERS
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>newsdesk demo news site</title></head><body>"
        "<h1>newsdesk demo news site</h1><p>Made-up publishers that newsdesk's demo crawls; "
        f"a new article appears every few seconds.</p><ul>{items}</ul></body></html>\n"
    ).encode()
