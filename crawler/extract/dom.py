"""Reading the tree: what an element is for, judged from generic signals only.

Every rule here is about conventions shared by many sites and CMSs (WordPress, Drupal, Arc,
Brightspot, Next.js front ends, hand-made templates), never about one site: tag names,
ARIA roles and attributes, schema.org ``itemprop`` names, and words that class names and ids
use in many languages ("comment", "related", "share", "caption", "lire-aussi"...).

:func:`runs` turns a subtree into paragraph-sized pieces of text ("runs") the way a reader
sees them: a run ends at a block element or at a double ``<br>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from .text import clean, words

#: A node of the parsed page (plain lxml elements: no per-node Python class lookup).
Element = etree._Element
_STRING = etree.XPath("string()")


def all_text(el: Element) -> str:
    """The raw text of an element and its descendants, as lxml gives it (fast, unclean)."""
    return str(_STRING(el))


#: Elements that continue the text around them instead of starting a new block.
INLINE = words(
    """
    a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q
    s samp small span strike strong sub sup time tt u var wbr img
    """
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Never part of an article body, whatever their classes say.
NON_BODY_TAGS = frozenset(
    {
        "nav",
        "aside",
        "footer",
        "header",
        "figure",
        "figcaption",
        "noscript",
        "head",
        "title",
        "menu",
        "dialog",
        "address",
    }
)

# Class, id, role and itemprop words. Class names are lower-cased and "_" read as "-".
_CONTENT_NOISE = re.compile(
    r"comment(?!ary|ator)|disqus|\brepl(?:y|ies)\b|\breactions?\b|\brespond\b|leserbrief"
    r"|\bdiscussion\b"
    r"|related|recommend|\bmore-(?:stories|news|articles|from)|most-?(?:read|popular|viewed|shared"
    r"|commented)|popular|trending|\btop-?stories|meistgelesen|plus-lus"
    r"|\bshare|sharing|sharebar|social|newsletter|subscri(?:be|ption)|sign-?up|\blogin\b"
    r"|\bads?\b|\badv\b|advert|ad-?slot|ad-?unit|\bdfp\b|\bgpt\b|sponsor|\bpromos?\b|promo-?box|outbrain|taboola"
    r"|\bbanner\b|cookie|consent|gdpr|\bmodal\b|popup|overlay"
    r"|breadcrumb|pagination|\bpager\b"
    r"|caption|cutline|credit|legende|légende|bildunterschrift|didascalia|pie-?de-?foto|leyenda"
    r"|bildtext|\blegenda\b"
    r"|pull-?quote|pullout|quote-?box|\bpq\b"
    r"|read-?also|also-?read|lire-?aussi|see-?also|read-?more|more-?on\b|further-?reading"
    r"|mehr-?zum-?thema|\bzum-?thema\b|a-?lire|\binline-?related"
    r"|\btags?\b|tag-?list|\bkeywords\b|\btopics-?list"
    r"|author-?bio|about-?the-?author|\bbio\b|\bcorrection-?policy"
    r"|sr-only|visually-?hidden|screen-?reader|\bskip\b"
)
_LAYOUT_NOISE = re.compile(
    r"\bsidebar|\bwidget|\bnav(?:bar|igation)?\b|\bmenu\b|mega-?menu|\bfooter\b|site-?header"
    r"|masthead|\btoolbar\b|\brail\b"
)
#: Inside a chosen body, these hold metadata rather than text.
_META_NOISE = re.compile(
    r"\bmeta\b|byline|\bauthors?\b|\bdate(?:line)?\b|time-?stamp|\bpublished\b|\bkicker\b"
    r"|\bheader\b|\bhead\b|\binfo\b|\bhidden\b|\bprint\b|\bteaser\b|\bpromos?\b"
    r"|\bvideo\b|\bplayer\b|jwplayer|\bgallery\b|slideshow|carousel|\bslider\b"
)
_POSITIVE = re.compile(
    r"article|\bbody\b|-body\b|\bbody-|content|entry|\bmain\b|\bpost\b|story|\btext|artikel"
    r"|inhalt|contenu|texte|\bnews|\bblog|\bprose\b|rich-?text|storytext|articlebody"
)
#: Standfirst, dek, chapô: the summary printed under a headline.
STANDFIRST = re.compile(
    r"standfirst|sub-?title|sub-?head|\bdek\b|\bdeck\b|\bsummary\b|\bteaser\b|\bintro\b|\blead\b"
    r"|\blede\b|chapo|chapeau|\bdesc\b|description|excerpt|strapline|\bsapo\b|\babstract\b"
    r"|article-?desc|entry-?summary|\bvorspann\b|\bbajada\b|\bentradilla\b|\bsommario\b"
)
_COMMENTS = re.compile(
    r"comment(?!ary|ator)|disqus|\breactions?\b|\brespond\b|leserbrief|\bdiscussion\b"
    r"|\bkommentare\b|\bforum\b"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_QUOTE_HINT = re.compile(r"pull-?quote|pullout|quote-?box|\bpq\b|highlight-?quote")


_SIGNATURE_ATTRS = ("class", "id", "role", "itemprop", "data-testid", "data-component")
#: Attribute name -> its place in a signature.
_SIGNATURE_ORDER = {name: i for i, name in enumerate(_SIGNATURE_ATTRS)}


def signature(el: Element) -> str:
    """Class, id, role, itemprop and test/component names, lower case, "_" read as "-"."""
    items = el.items()
    if not items:
        return ""
    found = [
        (_SIGNATURE_ORDER[name], value)
        for name, value in items
        if value and name in _SIGNATURE_ORDER
    ]
    if not found:
        return ""
    if len(found) == 1:  # most elements: one class, or one id
        return found[0][1].lower().replace("_", "-")
    found.sort()
    return " ".join(value for _, value in found).lower().replace("_", "-")


def memoized_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Does ``pattern`` occur in a string? Memoized by string, for the patterns over class
    names and ids: those are slow to search and the same names come back on many elements of
    a page and on every page of a site."""

    @lru_cache(maxsize=4096)
    def occurs(text: str) -> bool:
        return pattern.search(text) is not None

    return occurs


says_standfirst = memoized_search(STANDFIRST)
_says_comments = memoized_search(_COMMENTS)
_says_quote = memoized_search(_QUOTE_HINT)


# The verdicts that take several patterns, memoized in the same way.


@lru_cache(maxsize=4096)
def _says_noise(sig: str, strict: bool) -> bool:
    if _CONTENT_NOISE.search(sig):
        return True
    if _LAYOUT_NOISE.search(sig) and not _POSITIVE.search(sig):
        return True
    return bool(strict and _META_NOISE.search(sig) and not _POSITIVE.search(sig))


@lru_cache(maxsize=4096)
def _signature_weight(sig: str) -> int:
    weight = 0
    if _POSITIVE.search(sig):
        weight += 25
    if _CONTENT_NOISE.search(sig) or _LAYOUT_NOISE.search(sig) or _META_NOISE.search(sig):
        weight -= 25
    if "articlebody" in sig.replace("-", ""):
        weight += 25
    return weight


def is_hidden(el: Element) -> bool:
    attrib = el.attrib
    if not attrib:
        return False
    if attrib.get("hidden") is not None or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


#: Page-level wrappers: their classes describe the page ("single-post comments-open").
PAGE_TAGS = frozenset({"html", "body", "main"})


def is_comment_area(el: Element) -> bool:
    if el.tag in PAGE_TAGS:
        return False
    sig = signature(el)
    if sig and _says_comments(sig):
        return True
    return (el.get("itemtype") or "").lower().endswith(("/comment", "/usercomments"))


def is_noise(el: Element, *, strict: bool = False) -> bool:
    """Is this block boilerplate (comments, related, share, ads, captions, navigation...)?

    ``strict`` also counts metadata blocks (byline, date, kicker): right inside an article
    body, those are not text. Inline elements are never noise: a link styled as a tag is
    still a word of its sentence.
    """
    tag = el.tag
    if tag in INLINE or tag in PAGE_TAGS:
        return False
    if tag in NON_BODY_TAGS:
        return True
    sig = signature(el)
    if sig:
        if tag == "article":
            return _says_comments(sig)
        if _says_noise(sig, strict):
            return True
    itemtype = el.get("itemtype")
    return bool(itemtype and itemtype.lower().endswith("/comment"))


def class_weight(el: Element) -> int:
    """Readability's class weight: article-ish names up, boilerplate names down."""
    sig = signature(el)
    return _signature_weight(sig) if sig else 0


def is_quote_box(el: Element) -> bool:
    sig = signature(el)
    return bool(sig) and _says_quote(sig)


@dataclass
class Run:
    """A paragraph-sized piece of text and the block element it sits in."""

    text: str
    owner: Element
    link_chars: int = 0
    after_marker: bool = True  # see runs(marker=...)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _never(el: Element) -> bool:
    return False


def runs(
    root: Element,
    skip: Callable[[Element], bool] = _never,
    on_skip: Callable[[Element], None] | None = None,
    *,
    lines: bool = False,
    marker: Element | None = None,
) -> list[Run]:
    """The runs of ``root`` in reading order; subtrees where ``skip`` is true are left out.

    With ``lines``, a single ``<br>`` ends a run too: old layouts print headline, standfirst,
    byline and date as lines of one block. With ``marker``, runs that end before the reader
    reaches that element are flagged ``after_marker=False``.
    """
    out: list[Run] = []
    parts: list[str] = []
    blank = True  # nothing but whitespace in parts yet
    owner = root
    links = brs = 0
    passed = marker is None
    blocks: list[Element] = [root]
    skipped: set[Element] = set()
    link_depth = 0

    def add(text: str | None) -> None:
        nonlocal blank, owner, links, brs
        if not text:
            return
        if blank:
            owner = blocks[-1]
        parts.append(text)
        stripped = text.strip()
        if link_depth:
            links += len(stripped)
        if stripped:
            brs = 0
            blank = False

    def flush() -> None:
        # Only called when parts holds something: while it is empty, links and brs stay 0
        # and blank stays true, so there is nothing to reset.
        nonlocal blank, links, brs
        text = clean("".join(parts))
        if text:
            out.append(Run(text, owner, min(links, len(text)), passed))
        parts.clear()
        blank = True
        links = brs = 0

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if el is marker:
                if parts:
                    flush()
                passed = True
            if el is not root and (is_hidden(el) or skip(el)):
                walker.skip_subtree()
                skipped.add(el)
                if tag not in INLINE and parts:
                    flush()
                if on_skip is not None:
                    on_skip(el)
                continue
            if tag == "br":
                brs += 1
                if brs >= 2 or lines:
                    if parts:
                        flush()
                    brs = 0
                else:
                    parts.append(" ")
                continue
            if tag not in INLINE:
                if parts:
                    flush()
                blocks.append(el)
            elif tag == "a":
                link_depth += 1
            add(el.text)
        else:
            if el in skipped:
                skipped.discard(el)
            elif tag == "br":
                pass
            elif tag not in INLINE:
                if parts:
                    flush()
                blocks.pop()
            elif tag == "a":
                link_depth -= 1
            if el is not root:
                add(el.tail)
    if parts:
        flush()
    return out


def text_of(el: Element, skip: Callable[[Element], bool] = _never) -> str:
    """All the text of an element as one line (blocks separated by spaces)."""
    if len(el) == 0 and el.tag != "br" and isinstance(el.tag, str):
        # What the walk below gives for a lone element: runs() cleans its text, then the join.
        return clean(clean(el.text))
    return clean(" ".join(run.text for run in runs(el, skip)))


def ancestors_and_self(el: Element) -> Iterator[Element]:
    yield el
    yield from el.iterancestors()


def common_ancestor(a: Element, b: Element) -> Element:
    mine = set(ancestors_and_self(a))
    for el in ancestors_and_self(b):
        if el in mine:
            return el
    return a.getroottree().getroot()
