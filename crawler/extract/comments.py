"""Reader comments: kept beside the article (author, date, text, which one it answers).

A comment area is a block whose class or id says so (``comments``, ``disqus``, ``reactions``,
``respond``...) or schema.org ``Comment`` items. Its items are the ``Comment`` items, else
the blocks classed as one comment, else the entries of its list or the rows of its table.
Replies are read from nesting, a ``data-parent``-like attribute, or WordPress's ``depth-N``.
A comment's date is kept as precisely as the page shows it ("2013-05-20" for a bare date).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, tzinfo
from itertools import chain

from archive.models import Comment

from .dates import find_dates, local_iso, parse_iso
from .dom import INLINE, Element, all_text, is_comment_area, memoized_search, signature, text_of
from .text import clean

_ITEM_CLASS = memoized_search(
    re.compile(
        r"(?:^|\s)(?:(?:c-|js-|single-)?(?:comment|commentaire|kommentar|comentario|commento|reaction"
        r"|reactie)(?:-item|-entry|-wrap|-wrapper|-container|-thread|-box|-block|-card|-row)?"
        r"|commentlist-item)(?:\s|$)"
    )
)
_AUTHOR = memoized_search(
    re.compile(
        r"\bfn\b|author|auteur|\bautor|user-?name|\buser\b|\bnick|\bname\b|commenter|\bposter\b"
    )
)
_DATE = memoized_search(re.compile(r"date|time|\bwhen\b|posted|published|metadata|\bago\b|datum"))
_TEXT = memoized_search(
    re.compile(
        r"comment-?(?:content|body|text|message)|\bc-body\b|ctext|\bmessage\b|\bcontent\b|\bbody\b"
        r"|\btext\b|\btexte\b|\btexto\b|\btesto\b|\binhalt\b"
    )
)
_SAYS = re.compile(
    r"\s*(?:says|said|wrote|a dit|a écrit|schreibt|schrieb|dice|escribió|قال|كتب)\s*:?\s*$", re.I
)
_DEPTH = re.compile(r"\bdepth-(\d+)\b")
_NOISE_TEXT = re.compile(
    r"^(?:reply|répondre|antworten|responder|rispondi|رد|report(?: abuse)?|signaler|melden"
    r"|like|share|\d+ (?:likes?|replies))$",
    re.I,
)


#: A cheap first look at class and id; is_comment_area decides.
_MAYBE_COMMENTS = re.compile(r"omment|OMMENT|isqus|eaction|espond|eserbrief|iscussion|orum")


def _regions(root: Element) -> list[Element]:
    regions: list[Element] = []
    for el in root.iter():
        attrib = el.attrib
        if not attrib or not (
            _MAYBE_COMMENTS.search(f"{attrib.get('class', '')} {attrib.get('id', '')}")
            or attrib.get("itemtype")
        ):
            continue
        if not isinstance(el.tag, str) or el.tag in INLINE or el.tag in ("form", "body", "html"):
            continue
        if not is_comment_area(el):
            continue
        if any(r in el.iterancestors() for r in regions):
            continue
        regions.append(el)
    return regions


def _items(region: Element) -> list[Element]:
    typed = [
        el
        for el in region.iter()
        if isinstance(el.tag, str) and (el.get("itemtype") or "").lower().endswith("/comment")
    ]
    if typed:
        return typed
    classed = [
        el
        for el in region.iter()
        if isinstance(el.tag, str)
        and el.tag not in INLINE
        and _ITEM_CLASS(" " + (el.get("class") or "").lower().replace("_", "-") + " ")
    ]
    if classed:
        return classed
    for lst in region.iter("ul", "ol"):
        entries = [li for li in lst if li.tag == "li" and text_of(li)]
        if entries:
            return entries
    rows = [tr for tr in region.iter("tr") if len(tr.findall("td")) >= 2]
    if rows:
        return rows
    return _repeated(region)


def _repeated(region: Element) -> list[Element]:
    """Comments as same-classed sibling blocks: ``<div class="post">`` x N."""
    for parent in [region, *(child for child in region if isinstance(child.tag, str))]:
        groups: dict[tuple[str, str], list[Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in INLINE and child.get("class"):
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        best = max(groups.values(), key=len, default=[])
        if len(best) >= 2 and all(text_of(el) for el in best):
            return best
    return []


def _first(
    nodes: list[Element], hint: Callable[[str], bool], itemprops: tuple[str, ...] = ()
) -> Element | None:
    for node in nodes:
        if node.get("itemprop") in itemprops:
            return node
    for node in nodes:
        sig = signature(node)
        if sig and hint(sig):
            return node
    return None


def _own_nodes(item: Element, nested: set[Element]) -> list[Element]:
    """The elements of a comment in page order, less the comments nested in it."""
    out = []
    stack = list(reversed(item))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node in nested:
            continue
        out.append(node)
        stack.extend(reversed(node))
    return out


def _author(nodes: list[Element]) -> Element | None:
    for node in nodes:
        if node.get("itemprop") == "author":
            inner = [n for n in node.iter() if n.get("itemprop") == "name"]
            return inner[0] if inner else node
    for node in nodes:
        if "fn" in (node.get("class") or "").split():
            return node
    found = _first(nodes, _AUTHOR)
    if found is not None:
        strong = found.find(".//b")
        if strong is None:
            strong = found.find(".//strong")
        return strong if strong is not None and text_of(strong) else found
    for node in nodes:
        if node.tag in ("cite", "strong", "b") and text_of(node):
            return node
    return None


def _date(
    nodes: list[Element], zone: tzinfo, month_first: bool, url_day: date | None
) -> tuple[str | None, Element | None]:
    for node in nodes:
        value = None
        if node.tag == "time" and node.get("datetime"):
            value = node.get("datetime")
        elif node.tag == "meta" and node.get("itemprop") in (
            "dateCreated",
            "datePublished",
            "commentTime",
        ):
            value = node.get("content")
        if value:
            parsed = parse_iso(value, zone)
            if parsed:
                return local_iso(parsed.value, parsed.precision), node
    # Candidates, best first, looked at until one holds a date.
    candidates = chain(
        (n for n in nodes if _DATE(signature(n) or "")),
        (n for n in nodes if n.tag in ("small", "time")),
        (
            n
            for n in nodes
            if n.tag in ("span", "em", "i", "p", "div", "font") and len(all_text(n)) <= 60
        ),
    )
    for node in candidates:
        found = find_dates(text_of(node), zone, month_first=month_first, url_day=url_day)
        if found:
            return local_iso(found[0].value, found[0].precision), node
    return None, None


_NOT_TEXT = memoized_search(re.compile(r"reply|report|\bmeta\b|actions|avatar|vote|rating"))


def _text(item: Element, nodes: list[Element], nested: set[Element], drop: list[Element]) -> str:
    body = None
    for node in nodes:
        if node.get("itemprop") in ("text", "commentText", "comment"):
            body = node
            break
    if body is None:
        body = _first(nodes, _TEXT)
        if body is not None and any(body is d for d in drop):
            body = None
    skip = set(drop) | nested

    def skipped(el: Element) -> bool:
        return el in skip or el.tag in ("header", "footer") or _NOT_TEXT(signature(el))

    if body is not None:
        return text_of(body, skipped)
    paragraphs = [text_of(p, skipped) for p in nodes if p.tag == "p"]
    if paragraphs:
        return clean(" ".join(p for p in paragraphs if p))
    cells = item.findall("td")
    if len(cells) >= 2:
        return text_of(cells[-1])
    return text_of(item, skipped)


def _reply_to(
    item: Element, index: dict[Element, int], ids: dict[str, int], depths: list[int], position: int
) -> int | None:
    for anc in item.iterancestors():
        if anc in index:
            return index[anc]
    for attr in ("data-parent", "data-parent-id", "data-reply-to", "data-replyto", "data-parentid"):
        value = (item.get(attr) or "").strip().lstrip("#")
        if value and value in ids:
            return ids[value]
    depth = depths[position]
    if depth > 1:
        for earlier in range(position - 1, -1, -1):
            if depths[earlier] == depth - 1:
                return earlier
    return None


def find_comments(
    root: Element, zone: tzinfo, *, month_first: bool = False, url_day: date | None = None
) -> list[Comment]:
    """The page's reader comments, in page order."""
    items: list[Element] = []
    for region in _regions(root):
        items.extend(_items(region))
    if not items:
        return []
    index = {item: i for i, item in enumerate(items)}
    ids = {}
    for i, item in enumerate(items):
        for key in (item.get("id"), item.get("data-id"), item.get("data-comment-id")):
            if key:
                ids[key] = i
    depths = []
    for item in items:
        match = _DEPTH.search(item.get("class") or "")
        depths.append(int(match.group(1)) if match else 0)
    # The comments nested in each one (replies shown inside their parent).
    nested_in: dict[Element, set[Element]] = {item: set() for item in items}
    for item in items:
        for anc in item.iterancestors():
            if anc in nested_in:
                nested_in[anc].add(item)
    kept: list[tuple[int, str, str | None, str | None, int | None]] = []
    for i, item in enumerate(items):
        nested = nested_in[item]
        nodes = _own_nodes(item, nested)
        author_el = _author(nodes)
        author = _SAYS.sub("", text_of(author_el)) if author_el is not None else None
        published, date_el = _date(nodes, zone, month_first, url_day)
        drop = [el for el in (author_el, date_el) if el is not None]
        holder = author_el.getparent() if author_el is not None else None
        if holder is not None and _AUTHOR(signature(holder)):
            drop.append(holder)
        text = _text(item, nodes, nested, drop)
        if author and text.startswith(author):
            text = clean(text[len(author) :])
        if not text or _NOISE_TEXT.match(text):
            continue
        kept.append((i, text, author or None, published, _reply_to(item, index, ids, depths, i)))
    position = {i: n for n, (i, *_rest) in enumerate(kept)}
    return [
        Comment(text=text, author=author, published=published, reply_to=position.get(parent))
        if parent is not None
        else Comment(text=text, author=author, published=published)
        for _i, text, author, published, parent in kept
    ]
