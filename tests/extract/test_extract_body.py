"""The body holds the article's paragraphs and nothing else."""

from __future__ import annotations

import json

import pytest

from crawler.extract import extract_article

URL = "http://news.example.com/world/2024/05/03/story"
LONG = (
    "Officials said on Friday that the talks would resume next week in the capital, after "
    "two rounds ended without agreement on the main points of the draft."
)


def _page(body: str, after: str = "") -> bytes:
    html = (
        "<html><head><title>Talks to resume next week | Example News</title></head><body>"
        "<header class='site-header'><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>Talks to resume next week</h1><div class='article-body'>{body}</div>"
        f"</article>{after}</body></html>"
    )
    return html.encode()


def _paragraphs(body: str, after: str = "") -> list[str]:
    return extract_article(_page(body, after), URL).paragraphs


def test_pull_quote_repeating_the_text_is_not_a_paragraph() -> None:
    page = _page(
        f"<p>{LONG}</p><blockquote>talks would resume next week</blockquote><p>{LONG} Again.</p>"
    )
    got = extract_article(page, URL)
    assert (got.paragraphs, got.pull_quotes) == (
        [LONG, f"{LONG} Again."],
        ("talks would resume next week",),
    )


def test_quote_box_is_a_pull_quote_even_when_not_repeated() -> None:
    page = _page(
        f"<p>{LONG}</p><aside class='pullquote'><p>“Never again.”</p></aside><p>{LONG}</p>"
    )
    assert extract_article(page, URL).pull_quotes == ("“Never again.”",)


@pytest.mark.parametrize(
    "noise",
    [
        "<p class='read-also'><a href='/x'>Other story</a></p>",
        "<p><strong>Read also:</strong> <a href='/x'>Other story about the talks</a></p>",
        "<p><strong>Lire aussi :</strong> <a href='/x'>Autre article</a></p>",
        "<div class='ad-container'><span>Advertisement</span></div>",
        "<p>Advertisement</p>",
        "<p>Anzeige</p>",
        "<div class='share-buttons'><a href='#'>Share on Facebook</a></div>",
        "<div class='newsletter-box'><p>Sign up for our daily newsletter and never miss a story.</p></div>",
        "<figure><img src='/a.jpg' width='600' height='400'><figcaption>A caption.</figcaption></figure>",
        "<p class='caption'>A caption that sits among the paragraphs (AFP/Joseph Eid)</p>",
        "<div aria-hidden='true'><p>Hidden menu text that must not be read as the article.</p></div>",
        "<p>&nbsp;</p>",
        "<p>【関連記事】<a href='/x'>開業前日、駅周辺で準備進む</a></p>",
        "<ul><li><a href='/a'>Related story one</a></li><li><a href='/b'>Related story two</a></li></ul>",
    ],
)
def test_boilerplate_between_paragraphs_is_dropped(noise: str) -> None:
    assert _paragraphs(f"<p>{LONG}</p>{noise}<p>{LONG} Second.</p>") == [LONG, f"{LONG} Second."]


def test_double_br_separates_paragraphs_single_br_does_not() -> None:
    body = f"<div class='storytext'>{LONG}<br><br>Second paragraph of the story,<br>on two lines.</div>"
    assert _paragraphs(body) == [LONG, "Second paragraph of the story, on two lines."]


def test_subheadings_stay_a_closing_heading_does_not() -> None:
    body = f"<p>{LONG}</p><h2>What comes next</h2><p>{LONG} Next.</p><h3>Related</h3>"
    assert _paragraphs(body) == [LONG, "What comes next", f"{LONG} Next."]


def test_comments_never_enter_the_body() -> None:
    comment = "I disagree with every word of this, " * 30
    after = f"<section id='comments'><div class='comment'><p>{comment}</p></div></section>"
    got = extract_article(_page(f"<p>{LONG}</p>", after), URL)
    assert (got.paragraphs, len(got.comments)) == ([LONG], 1)


def test_byline_and_credit_lines_inside_the_body_become_credits() -> None:
    got = extract_article(_page(f"<p>By Jane Doe</p><p>{LONG}</p><p>ala/dpa</p>"), URL)
    assert (got.paragraphs, got.authors, got.agencies) == ([LONG], ("Jane Doe",), ("dpa",))


@pytest.mark.parametrize(
    "closing",
    ["Follow us on Twitter for the latest updates.", "Abonnez-vous à notre newsletter !"],
)
def test_calls_to_action_closing_the_text_are_dropped(closing: str) -> None:
    assert _paragraphs(f"<p>{LONG}</p><p>{closing}</p>") == [LONG]


def test_links_inside_paragraphs_keep_their_text() -> None:
    body = (
        "<p>Talks with <a href='/t/eu'>the EU</a> resumed on Friday, the minister told "
        "<em>Clarin</em> in an interview published the same morning.</p>"
    )
    assert _paragraphs(body) == [
        "Talks with the EU resumed on Friday, the minister told Clarin in an interview "
        "published the same morning."
    ]


def test_text_is_nfc() -> None:
    body = "<p>Le cafe\u0301 de la gare a rouvert vendredi, a annonce\u0301 la mairie du village de Sainte-Anne.</p>"
    assert _paragraphs(body) == [
        "Le café de la gare a rouvert vendredi, a annoncé la mairie du village de Sainte-Anne."
    ]


def test_page_rendered_by_script_falls_back_to_article_body() -> None:
    jsonld = json.dumps(
        {"@type": "NewsArticle", "headline": "Talks to resume", "articleBody": f"{LONG}\n{LONG}"}
    )
    page = (
        "<html><head><title>Talks to resume</title><script type='application/ld+json'>"
        f"{jsonld}</script></head><body><div id='root'></div></body></html>"
    ).encode()
    assert extract_article(page, URL).paragraphs == [LONG, LONG]


def test_list_article_falls_back_to_trafilatura() -> None:
    items = "".join(f"<li>{LONG} Point {n}.</li>" for n in range(6))
    page = (
        "<html><head><title>Six things to know</title></head><body><h1>Six things to know</h1>"
        f"<ol>{items}</ol></body></html>"
    ).encode()
    assert len(extract_article(page, URL).paragraphs) == 6


def test_a_body_split_in_parts_is_read_whole() -> None:
    parts = f"<section class='part'><p>{LONG} A.</p></section><div class='ad'>Advertisement</div>"
    parts += f"<section class='part'><p>{LONG} B.</p><p>{LONG} C.</p></section>"
    parts += f"<section class='part'><p>{LONG} D.</p></section>"
    page = f"<html><head><title>T</title></head><body><article><h1>T</h1>{parts}</article></body></html>"
    assert [p[-2:] for p in extract_article(page.encode(), URL).paragraphs] == [
        "A.",
        "B.",
        "C.",
        "D.",
    ]


def test_date_line_under_the_headline_is_not_a_paragraph() -> None:
    page = (
        "<html><head><title>Port strike ends</title></head><body><div id='content'>"
        "<h1>Port strike ends</h1><p>By <a href='/a/tom'>Tom Harris</a></p><p>March 3, 2024</p>"
        f"<p>{LONG}</p></div></body></html>"
    )
    got = extract_article(page.encode(), URL)
    assert (got.paragraphs, got.authors, got.to_dict()["published"]) == (
        [LONG],
        ("Tom Harris",),
        "2024-03-03T00:00:00+00:00",
    )
