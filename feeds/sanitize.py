"""HTML that is safe in any feed reader: article text to HTML, and any HTML cleaned by nh3.

What comes out has no script or style elements, no event-handler or style attributes, no
``javascript:`` or ``data:`` URLs (only http, https and mailto), no comments; relative URLs
are resolved against the article's URL; and the markup is balanced, since nh3 parses the
fragment like a browser (html5ever) and serializes the tree it built.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Elements removed with everything inside them, not just their tags.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

#: A tag or comment: a body that has one is HTML, anything else is plain text.
_MARKUP = re.compile(r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z][^<>]*|!--)>?")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def sanitize_html(fragment: str, base_url: str) -> str:
    """Clean an HTML fragment; relative links and image sources resolve against ``base_url``."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        url_relative=("rewrite_with_base", base_url),
    )


def looks_like_html(text: str) -> bool:
    return _MARKUP.search(text) is not None


def text_to_text(body: str) -> str:
    """The readable text of a body that may be HTML (tags dropped, entities decoded)."""
    if not looks_like_html(body):
        return body
    cleaned = nh3.clean(
        re.sub(r"</(p|div|h[1-6]|li|blockquote|figure)>", "\n\n", body, flags=re.IGNORECASE),
        tags=set(),
        clean_content_tags=set(DROP_WITH_CONTENT),
    )
    return html.unescape(cleaned)


def paragraphs(text: str) -> list[str]:
    """Plain text -> its paragraphs (separated by blank lines), whitespace collapsed."""
    return [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def body_to_html(body: str, base_url: str) -> str:
    """An article body (plain paragraphs, or HTML from some extractors) as clean HTML."""
    if looks_like_html(body):
        return sanitize_html(body, base_url)
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(body))


def shorten(text: str, max_chars: int) -> str:
    """Cut at a word boundary and mark the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars + 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"
