"""The article text: find the block that holds it, then keep only its paragraphs.

Finding the block is Readability's idea (Arc90, later Mozilla): paragraphs vote for their
parent and grandparent, with weights for commas, length and class names, and the best
candidate, less its share of link text, wins; siblings that score well join it. A page that
names its body (``itemprop="articleBody"``) is taken at its word. When the markup holds no
text, the schema.org ``articleBody`` the page declares is used, else trafilatura's reading.

Inside the block, a paragraph is dropped when it is not article text: captions and credits,
pull quotes (a quote box, or a short quote repeated from the text), ad labels, "read also"
lines, link lists, bylines and datelines of the page itself, share and newsletter boxes.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field

from lxml import etree

from .boilerplate import (
    AD_LABELS,
    CALL_TO_ACTION,
    READ_ALSO,
    is_initials_credit,
)
from .dates import find_dates
from .dom import (
    HEADINGS,
    INLINE,
    Element,
    Run,
    all_text,
    ancestors_and_self,
    class_weight,
    is_noise,
    is_quote_box,
    runs,
    says_standfirst,
    signature,
    text_of,
)
from .text import clean, comparable

log = logging.getLogger(__name__)

MIN_PARAGRAPH_CHARS = 25
_FALLBACK_BELOW_CHARS = 80
_LISTING_HEADINGS = 4
_SCORED_OWNERS_EXCLUDED = HEADINGS | {"li", "dt", "dd", "th", "caption", "option", "label"}
_TAG_WEIGHT = {
    "div": 5,
    "article": 5,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "form": -3,
    "ol": -3,
    "ul": -3,
    "li": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
#: ``itemprop`` attributes (selecting them is quicker in libxml2 than testing every element).
_ITEMPROPS = etree.XPath("descendant-or-self::*/@itemprop")
_COMMAS = re.compile(r"[,،，、]")
_SENTENCE_END = re.compile(r"[.!?…。！？؟\"”»']\s*$")

_BYLINE_START = re.compile(
    r"^\s*(?:by|par|von|por|di|door|av|af|przez|от|بقلم|كتب|كتبت|إعداد)\s+\S", re.I
)


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    pull_quotes: list[str] = field(default_factory=list)
    containers: list[Element] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # bylines and datelines found inside
    used_fallback: bool = False
    is_listing: bool = False  # the best block is a list of teasers: a section page


def _protected(root: Element, keep: list[Element]) -> set[Element]:
    """Elements never skipped as boilerplate: ancestors of the headline and of the body."""
    out: set[Element] = set()
    for el in keep:
        out.update(ancestors_and_self(el))
    out.add(root)
    return out


def _score(all_runs: list[Run]) -> tuple[dict[Element, float], dict[Element, list[int]]]:
    """Readability's vote: candidate -> score, and candidate -> [text chars, link chars]."""
    per_owner: dict[Element, int] = {}
    for run in all_runs:
        per_owner[run.owner] = per_owner.get(run.owner, 0) + 1
    totals: dict[Element, list[int]] = {}
    for run in all_runs:
        for el in ancestors_and_self(run.owner):
            cell = totals.get(el)
            if cell is None:
                totals[el] = [len(run.text), run.link_chars]
            else:
                cell[0] += len(run.text)
                cell[1] += run.link_chars
    scores: dict[Element, float] = {}
    for run in all_runs:
        size = len(run.text)
        owner = run.owner
        if size < MIN_PARAGRAPH_CHARS or owner.tag in _SCORED_OWNERS_EXCLUDED:
            continue
        if run.link_density > 0.5:
            continue
        points = 1 + len(_COMMAS.findall(run.text)) + min(size // 100, 3)
        # A block that holds several runs itself (text split by <br><br>) is the container.
        first = owner if per_owner[owner] > 1 and owner.tag != "body" else owner.getparent()
        level = 0
        el = first
        while el is not None and level < 3:
            if el not in scores:
                scores[el] = class_weight(el) + _TAG_WEIGHT.get(el.tag, 0)
            scores[el] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            el = el.getparent()
            level += 1
    return scores, totals


def _best(
    scores: dict[Element, float], totals: dict[Element, list[int]]
) -> tuple[Element | None, float]:
    best, best_score = None, 0.0
    for el, score in scores.items():
        chars, links = totals.get(el, (0, 0))
        final = score * (1 - (links / chars if chars else 0))
        if final > best_score:
            best, best_score = el, final
    return best, best_score


def _with_siblings(
    best: Element,
    best_score: float,
    scores: dict[Element, float],
    totals: dict[Element, list[int]],
    title_el: Element | None,
) -> list[Element]:
    """The best block and the siblings that continue it (never the headline's block).

    Before the best block, only blocks of its own kind join (a body split in parts); loose
    paragraphs there are standfirsts, bylines and datelines.
    """
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, best_score * 0.2)
    chosen: list[Element] = []
    seen_best = False
    best_kind = (best.tag, best.get("class"))
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is best:
            chosen.append(sib)
            seen_best = True
            continue
        same_kind = best_kind[1] is not None and (sib.tag, sib.get("class")) == best_kind
        if not (seen_best or same_kind):
            continue
        if is_noise(sib, strict=True) or sib.find(".//h1") is not None:
            continue
        if says_standfirst(signature(sib)):
            continue
        if title_el is not None and title_el in sib.iter():
            continue
        chars, links = totals.get(sib, (0, 0))
        density = links / chars if chars else 1.0
        bonus = best_score * 0.2 if same_kind else 0
        score = scores.get(sib, -1e9) + bonus
        if score > threshold and density < 0.3 and chars >= MIN_PARAGRAPH_CHARS:
            chosen.append(sib)
        elif seen_best and sib.tag == "p" and chars:
            text = text_of(sib)
            if (chars > 80 and density < 0.25) or (density == 0 and _SENTENCE_END.search(text)):
                chosen.append(sib)
    return chosen


def _is_listing(block: Element) -> bool:
    """Teasers, not an article: several headings that are links to other pages, or a few of
    them that make up most of the block (a short section page: a headline and a standfirst
    per teaser, perhaps a date line), or a few HTML5 ``<article>`` teasers side by side."""
    linked = 0
    for heading in block.iter("h2", "h3", "h4"):
        if heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors()):
            linked += 1
            if linked >= _LISTING_HEADINGS:
                return True
    if linked < 2:
        return False
    paragraphs = sum(1 for _ in block.iter("p"))
    teasers = sum(1 for _ in block.iter("article"))
    return paragraphs <= 2 * linked or teasers >= 2


def _is_image_block(el: Element) -> bool:
    """A picture with its caption and credit, set among the paragraphs."""
    if el.tag in ("p", "li", "blockquote") or el.find(".//img") is None:
        return False
    return len(all_text(el)) <= 300


def _is_quote_like(run: Run, containers: list[Element]) -> bool:
    for el in ancestors_and_self(run.owner):
        if any(el is c for c in containers):
            return False
        if el.tag in ("blockquote", "q", "center", "aside", "figure") or el.get("role") == "note":
            return True
        if is_quote_box(el):
            return True
    return False


def _is_dateline(text: str) -> bool:
    """A line that only dates the page: "March 3, 2024", "Published 03.03.2024 10:15"."""
    if len(text) > 80:
        return False
    found = find_dates(text)
    if not found:
        return False
    rest = text
    for date in reversed(found):
        rest = rest[: date.start] + rest[date.end :]
    return len(rest.strip(" ,.:|-–—()")) <= 25


_QUOTE_EDGES = "\"'“”„«»‹›‘’ "


def _strip_quotes(text: str) -> str:
    return comparable(text).strip(_QUOTE_EDGES)


def _clean_runs(
    body_runs: list[Run],
    containers: list[Element],
    title: str | None,
    subtitle: str | None,
    out: Body,
) -> list[Run]:
    kept: list[Run] = []
    keys: list[str] = []  # _strip_quotes() of each kept run
    skip_texts = {comparable(t) for t in (title, subtitle) if t}
    for run in body_runs:
        text = run.text
        key = comparable(text)
        if not key or key in AD_LABELS or key in skip_texts:
            continue
        if len(text) < 300 and READ_ALSO.match(text):
            continue
        if run.link_density > 0.6 and len(text) < 500:
            continue
        kept.append(run)
        keys.append(key.strip(_QUOTE_EDGES))
    # A short quote repeated from the text is a pull quote, not a paragraph.
    final: list[Run] = []
    for i, run in enumerate(kept):
        if len(run.text) <= 400 and _is_quote_like(run, containers):
            needle = keys[i]
            if needle and any(needle in keys[j] for j in range(len(kept)) if j != i):
                out.pull_quotes.append(run.text)
                continue
        final.append(run)
    # Bylines and datelines printed inside the body block, at its edges.
    edges = set(range(min(3, len(final)))) | set(range(max(0, len(final) - 2), len(final)))
    result = []
    for i, run in enumerate(final):
        if i in edges and len(run.text) <= 120 and _BYLINE_START.match(run.text):
            out.removed.append(run.text)
            continue
        if i < 3 and _is_dateline(run.text):
            continue
        result.append(run)
    # Calls to action closing the text: follow us, share, subscribe.
    while result and len(result[-1].text) <= 160 and CALL_TO_ACTION.match(result[-1].text):
        result.pop()
    # German-style credit line closing the text: "ala/dpa", "dh/AFP, Reuters".
    if result and is_initials_credit(result[-1].text):
        out.removed.append(result.pop().text)
    # Headings that close the body introduce what follows it (related, comments).
    while result and result[-1].owner.tag in HEADINGS:
        result.pop()
    return result


def _fallback(root: Element) -> list[str]:
    import trafilatura

    result = trafilatura.bare_extraction(
        etree.tostring(root, encoding="unicode"),
        with_metadata=False,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        return []
    # Menus and link lists come out as short lines without a sentence end.
    return [
        line
        for line in (clean(line) for line in text.split("\n"))
        if len(line) >= MIN_PARAGRAPH_CHARS or (line and _SENTENCE_END.search(line))
    ]


def find_body(
    root: Element,
    *,
    title_el: Element | None,
    title: str | None,
    subtitle: str | None,
    declared_body: str | None = None,
) -> Body:
    """The article's paragraphs and pull quotes (see the module docstring).

    ``declared_body`` is the page's schema.org ``articleBody``, used when the markup holds no
    text (pages rendered by script).
    """
    out = Body()
    named = [
        el
        for el in (prop.getparent() for prop in _ITEMPROPS(root) if "articleBody" in prop.split())
        if len(text_of(el)) >= 200
    ][:1]
    protect = _protected(root, ([title_el] if title_el is not None else []) + named)
    body_el = root.find("body")
    start = body_el if body_el is not None else root

    def noise(el: Element) -> bool:
        return el not in protect and is_noise(el)

    if named:
        out.containers = named
    else:
        all_runs = runs(start, noise)
        scores, totals = _score(all_runs)
        best, best_score = _best(scores, totals)
        if best is not None:
            out.containers = _with_siblings(best, best_score, scores, totals, title_el)
            out.is_listing = _is_listing(best)

    def inner_noise(el: Element) -> bool:
        if el.tag == "h1" or el is title_el:
            return True
        if el in protect or el.tag in INLINE:
            return False
        if is_quote_box(el) or is_noise(el, strict=True):
            return True
        return _is_image_block(el)

    asides: list[str] = []

    def capture(el: Element) -> None:
        quote = text_of(el) if el.tag not in INLINE else ""
        if not quote or len(quote) > 600:
            return
        if is_quote_box(el) or (el.tag == "aside" and el.find(".//blockquote") is not None):
            out.pull_quotes.append(quote)
        elif el.tag in ("aside", "figure", "blockquote") and len(quote) <= 400:
            asides.append(quote)  # a pull quote if the text repeats it (checked below)

    body_runs: list[Run] = []
    for container in out.containers:
        # Inside a block that also holds the headline, what comes before it is header matter.
        holds_title = title_el is not None and any(a is container for a in title_el.iterancestors())
        found = runs(container, inner_noise, capture, marker=title_el if holds_title else None)
        body_runs.extend(run for run in found if run.after_marker)
    kept = _clean_runs(body_runs, out.containers, title, subtitle, out)
    out.paragraphs = [run.text for run in kept]
    keys = [_strip_quotes(p) for p in out.paragraphs] if asides else []
    for quote in asides:
        needle = _strip_quotes(quote)
        if len(needle) >= 15 and any(needle in key for key in keys):
            out.pull_quotes.append(quote)
    # trafilatura only when nothing here reads like an article: a brief of one paragraph is
    # still a brief, and a fallback that also reads the menu would not be better.
    skip = {comparable(t) for t in (title, subtitle) if t}
    if sum(len(p) for p in out.paragraphs) < _FALLBACK_BELOW_CHARS and declared_body:
        # Pages rendered by script often carry the text only in schema.org articleBody.
        declared = [clean(line) for line in re.split(r"\n+", html.unescape(declared_body))]
        declared = [p for p in declared if p and comparable(p) not in skip]
        if sum(len(p) for p in declared) >= 200:
            out.paragraphs = declared
            out.used_fallback = True
    if sum(len(p) for p in out.paragraphs) < _FALLBACK_BELOW_CHARS:
        fallback = _fallback(root)
        ours = sum(len(p) for p in out.paragraphs)
        if sum(len(p) for p in fallback) >= max(200, 2 * ours):
            out.paragraphs = [p for p in fallback if comparable(p) not in skip]
            out.used_fallback = True
    return out
