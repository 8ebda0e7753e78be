"""When the article was published and last modified, and which evidence said so.

Evidence, strongest first (``published_source``): schema.org JSON-LD (and framework page data),
``jsonld``; schema.org microdata, ``microdata``; ``<meta>`` tags (OpenGraph ``article:*``,
Dublin Core, CMS names), ``meta``; a ``<time datetime>`` or hAtom ``.published[title]`` in the
article's part of the page, ``time``; a date printed there, ``text``; the URL, ``url``.

Dates never come from comments, related or most-read lists, the site header or footer, or the
crawl time: the visible ones are only read inside the article's part of the page, outside
those blocks. A date later than now (beyond the largest possible zone error) is rejected as
evidence: the next evidence decides, and a page whose every date is in the future has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .dates import ParsedDate, find_dates, parse_iso, url_date
from .dom import (
    Element,
    is_comment_area,
    is_hidden,
    is_noise,
    memoized_search,
    runs,
    signature,
    text_of,
)

#: UTC+14 to UTC-12: a correct date with a wrong zone can look this far ahead.
FUTURE_TOLERANCE = timedelta(hours=14)

_UPDATE_LABEL = re.compile(
    r"(?:updated?|modified|last\s+changed|mis\s+à\s+jour|actualisé|modifié|aktualisiert"
    r"|geändert|stand|actualizado|aggiornato|atualizado|bijgewerkt|güncelleme|обновлено"
    r"|آخر\s+تحديث|تحديث|محدث|عدل)\W*$",
    re.I,
)
_DATE_HINT = memoized_search(
    re.compile(
        r"date|time|timestamp|publish|posted|dateline|\bmeta\b|byline|\binfo\b|datum|fecha|\bdata\b"
        r"|zeit|heure|تاريخ|\bdetails?\b|\bupdated?\b"
    )
)
_UPDATE_HINT = re.compile(r"updat|modif|aktualis|\bmaj\b|mise-?a-?jour")


@dataclass(frozen=True)
class Dates:
    published: datetime | None = None
    published_source: str | None = None
    published_precision: str | None = None
    modified: datetime | None = None
    stated_zone: tzinfo | None = None  # the offset the page printed with its date, if any


@dataclass(frozen=True)
class Clues:
    """How to read local dates on this page."""

    zone: tzinfo
    month_first: bool
    url_day: date | None
    now: datetime


def _excluded(el: Element, body: list[Element]) -> bool:
    return any(el is b for b in body) or is_comment_area(el) or is_hidden(el) or is_noise(el)


def _time_elements(scope: Element, body: list[Element]) -> list[tuple[str, bool]]:
    """``(machine value, is_update)`` of dated elements in the article's part of the page."""
    found: list[tuple[str, bool]] = []
    stack = [scope]
    while stack:
        el = stack.pop()
        for child in reversed(el):
            if not isinstance(child.tag, str) or (child is not scope and _excluded(child, body)):
                continue
            stack.append(child)
        value = None
        if el.tag == "time":
            value = el.get("datetime")
        elif el.get("title") and re.search(
            r"\b(?:published|updated|dtstart)\b", el.get("class") or ""
        ):
            value = el.get("title")  # hAtom / hNews
        if value:
            sig = (
                signature(el)
                + " "
                + (el.getparent().get("class") or "" if el.getparent() is not None else "")
            )
            label = text_of(el.getparent()) if el.getparent() is not None else ""
            is_update = bool(_UPDATE_HINT.search(sig.lower())) or bool(
                re.search(
                    r"^\W*(?:updated?|modified|mis à jour|aktualisiert|آخر تحديث)", label, re.I
                )
                and not text_of(el).startswith(label[:5])
            )
            found.append((value.strip(), is_update))
    return found


def _printed(scope: Element, body: list[Element], clues: Clues) -> list[tuple[ParsedDate, bool]]:
    """Dates printed in the article's part of the page: hinted elements first, then any line."""
    texts: list[str] = []
    hinted: list[str] = []

    def skip(el: Element) -> bool:
        return _excluded(el, body)

    for run in runs(scope, skip, lines=True):
        if len(run.text) > 200 or run.link_density > 0.5:
            continue  # a date inside a link belongs to a teaser of another page
        owner_sig = " ".join(
            signature(a) for a in (run.owner, run.owner.getparent()) if a is not None
        )
        (hinted if _DATE_HINT(owner_sig) else texts).append(run.text)
    out: list[tuple[ParsedDate, bool]] = []
    for group in (hinted, texts):
        for text in group:
            for found in find_dates(
                text, clues.zone, month_first=clues.month_first, url_day=clues.url_day
            ):
                before = text[max(0, found.start - 40) : found.start]
                out.append((found, bool(_UPDATE_LABEL.search(before))))
        if out:
            break
    return out


def _usable(parsed: ParsedDate | None, clues: Clues) -> ParsedDate | None:
    if parsed is None or parsed.value > clues.now + FUTURE_TOLERANCE:
        return None
    return parsed


def find_dates_in_page(
    *,
    marked_published: list[tuple[str, str]],
    marked_modified: list[tuple[str, str]],
    scope: Element | None,
    body: list[Element],
    url: str,
    clues: Clues,
) -> Dates:
    published: ParsedDate | None = None
    source = None
    modified: ParsedDate | None = None

    for raw, origin in marked_published:
        parsed = _usable(parse_iso(raw, clues.zone), clues)
        if parsed:
            published, source = parsed, origin
            break
    for raw, _origin in marked_modified:
        parsed = _usable(parse_iso(raw, clues.zone), clues)
        if parsed:
            modified = parsed
            break

    if scope is not None and (published is None or modified is None):
        for raw, is_update in _time_elements(scope, body):
            parsed = _usable(parse_iso(raw, clues.zone), clues)
            if parsed is None:
                found = find_dates(raw, clues.zone, month_first=clues.month_first)
                parsed = _usable(found[0] if found else None, clues)
            if is_update:
                modified = modified or parsed
            elif published is None and parsed:
                published, source = parsed, "time"
    if scope is not None and (published is None or modified is None):
        for parsed_text, is_update in _printed(scope, body, clues):
            parsed = _usable(parsed_text, clues)
            if is_update:
                modified = modified or parsed
            elif published is None and parsed:
                published, source = parsed, "text"
    if published is None:
        day = url_date(url)
        if day is not None:
            value = datetime(day.year, day.month, day.day, tzinfo=clues.zone)
            parsed = _usable(ParsedDate(value, "day", False), clues)
            if parsed:
                published, source = parsed, "url"
    if published is not None and modified is not None and modified.value < published.value:
        modified = None
    return Dates(
        published=published.value if published else None,
        published_source=source,
        published_precision=published.precision if published else None,
        modified=modified.value if modified else None,
        stated_zone=published.value.tzinfo if published and published.has_offset else None,
    )
