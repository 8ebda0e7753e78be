"""IPTC Media Topics (top level) for an article, with scores and how each was decided.

Evidence, each scaled to at most 1 and added up per topic:

- ``text``: vocabulary hits (:mod:`crawler.topic_vocabulary`) in the title (x3), the
  standfirst (x2) and the body (first paragraph x1.5), as a share of the strongest topic's
  hits, damped when there are few hits in all;
- ``section``: the publisher's section ("sport", "politik", "economie") (0.6);
- ``url``: a section word in the URL path (0.4);
- ``keywords``: the article's own keywords or tags, matched with the same vocabulary (0.4);
- ``hint``: a topic that ``sources.toml`` gives for the whole source (0.2).

The strongest topic comes first; another is kept when it has at least half the first one's
total and some evidence of its own in the text, the section or the keywords, up to three.
A label's ``method`` lists the evidence that made it, strongest first ("section+text").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import compress
from urllib.parse import unquote, urlsplit

from archive.taxonomy import TOPIC_BY_SLUG

from .demonyms import LANGUAGES
from .tokens import ZONE_LEAD, ZONE_SUBTITLE, ZONE_TITLE, Words, article_words, fold, words
from .topic_vocabulary import SECTIONS, VOCABULARY

WEIGHT_SECTION = 0.6
WEIGHT_URL = 0.4
WEIGHT_KEYWORDS = 0.4
WEIGHT_HINT = 0.2
TEXT_DAMPING = 4.0  # text evidence is hits / (hits + this) of the strongest topic
SECONDARY_SHARE = 0.5
MIN_TEXT_HITS = 3.0
MAX_TOPICS = 3
MIN_STEM = {"latin": 4, "arabic": 3}

_ARABIC_CLITICS = ("و", "ف")
_ARABIC_PREPOSITIONS = ("ب", "ل", "ك")


@dataclass(frozen=True)
class TopicScore:
    slug: str  # archive.taxonomy slug
    score: float  # 0..1
    method: str  # evidence, strongest first: text, section, url, keywords, hint


#: A phrase of the vocabulary: (its words, whether the last is a prefix, topic, weight).
Phrase = tuple[tuple[str, ...], bool, str, float]


@dataclass
class Matcher:
    """The vocabulary of one language, ready for lookups."""

    exact: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    prefix: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    suffix: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    phrases: dict[str, list[Phrase]] = field(  # by first word
        default_factory=lambda: defaultdict(list)
    )
    min_stem: int = 4
    is_arabic: bool = False


def _parse_term(term: str) -> tuple[str, float]:
    text, _, weight = term.partition(":")
    return text, float(weight) if weight else 1.0


@cache
def matcher(language: str) -> Matcher:
    """Build (once) the matcher of one language; a malformed term raises ValueError."""
    if language not in LANGUAGES:
        language = "en"
    m = Matcher(min_stem=MIN_STEM["arabic" if language == "ar" else "latin"])
    m.is_arabic = language == "ar"
    for topic, by_language in VOCABULARY.items():
        if topic not in TOPIC_BY_SLUG:
            raise ValueError(f"unknown topic {topic!r} in the vocabulary")
        for term in by_language[language].split():
            text, weight = _parse_term(term)
            _add_term(m, topic, text, weight, language)
    return m


def _add_term(m: Matcher, topic: str, text: str, weight: float, language: str) -> None:
    raw_parts = re.split(r"[_\-']", text)
    if len(raw_parts) > 1:
        parts = [fold(p.strip("*")) for p in raw_parts if p]
        is_prefix = raw_parts[-1].endswith("*")
        m.phrases[parts[0]].append((tuple(parts), is_prefix, topic, weight))
        return
    if text.startswith("*"):
        stem = fold(text.strip("*"))
        _check_stem(stem, m, text, language)
        m.suffix[stem].append((topic, weight))
    elif text.endswith("*"):
        stem = fold(text.rstrip("*"))
        _check_stem(stem, m, text, language)
        m.prefix[stem].append((topic, weight))
    else:
        m.exact[fold(text)].append((topic, weight))


def _check_stem(stem: str, m: Matcher, term: str, language: str) -> None:
    if len(stem) < m.min_stem:
        raise ValueError(f"{language} term {term!r}: a stem needs {m.min_stem} letters or more")


def _variants(word: str, m: Matcher) -> list[str]:
    """The word, and for Arabic the word without its clitics and article."""
    if not m.is_arabic:
        return [word]
    forms = [word]
    stem = word
    if len(stem) > 3 and stem[0] in _ARABIC_CLITICS:
        stem = stem[1:]
        forms.append(stem)
    if stem.startswith("لل") and len(stem) > 4:
        stem = stem[2:]
        forms.append(stem)
    elif len(stem) > 3 and stem[0] in _ARABIC_PREPOSITIONS:
        stem = stem[1:]
        forms.append(stem)
    if stem.startswith("ال") and len(stem) > 4:
        forms.append(stem[2:])
    return forms


@lru_cache(maxsize=100_000)
def _word_topics(language: str, word: str) -> tuple[tuple[str, float], ...]:
    """The topics one word signals: only its most specific matches (an exact word beats a
    stem, a longer stem a shorter one), so "feuerpause" counts for war, not for fire."""
    m = matcher(language)
    best: tuple[int, int] = (0, 0)
    found: list[tuple[str, float]] = []
    for form in _variants(word, m):
        candidates: list[tuple[tuple[int, int], list[tuple[str, float]]]] = []
        if form in m.exact:
            candidates.append(((2, len(form)), m.exact[form]))
        for length in range(m.min_stem, len(form) + 1):
            hits = m.prefix.get(form[:length])
            if hits:
                candidates.append(((1, length), hits))
        if m.suffix:
            for length in range(m.min_stem, len(form)):
                hits = m.suffix.get(form[-length:])
                if hits:
                    candidates.append(((1, length), hits))
        for spec, hits in candidates:
            if spec > best:
                best, found = spec, list(hits)
            elif spec == best:
                found += hits
    by_topic: dict[str, float] = {}
    for topic, weight in found:
        by_topic[topic] = max(weight, by_topic.get(topic, 0.0))
    return tuple(by_topic.items())


Lookup = tuple[tuple[tuple[str, float], ...], tuple[list[Phrase], ...]]


@cache
def _lookup(language: str) -> Callable[[str], Lookup | None]:
    """:func:`_word_lookup` for one language, memoized (one argument is the quickest)."""
    return lru_cache(maxsize=100_000)(partial(_word_lookup, language))


def _word_lookup(language: str, word: str) -> Lookup | None:
    """What one word can count for: its topics, and for each of its forms that starts
    phrases, those phrases; None when it counts for nothing (most words)."""
    m = matcher(language)
    phrases = tuple(options for form in _variants(word, m) if (options := m.phrases.get(form)))
    topics = _word_topics(language, word)
    return (topics, phrases) if topics or phrases else None


def _phrase_at(
    phrases: tuple[list[Phrase], ...], keys: Sequence[str], i: int
) -> tuple[int, list[tuple[str, float]]] | None:
    """The longest of the phrases that starts at word i, if any."""
    for options in phrases:
        best: tuple[int, list[tuple[str, float]]] | None = None
        for parts, is_prefix, topic, weight in options:
            n = len(parts)
            if i + n > len(keys):
                continue
            tail = keys[i + 1 : i + n]
            if list(tail[:-1]) != list(parts[1:-1]):
                continue
            last_ok = tail[-1].startswith(parts[-1]) if is_prefix else tail[-1] == parts[-1]
            if not last_ok:
                continue
            if best is None or n > best[0]:
                best = (n, [(topic, weight)])
            elif n == best[0]:
                best[1].append((topic, weight))
        if best:
            return best
    return None


def text_hits(text: str, language: str, weight: float = 1.0) -> dict[str, float]:
    """Weighted vocabulary hits per topic in one piece of text."""
    return _hits(words(text), language if language in LANGUAGES else "en", weight)


def _hits(keys: list[str], language: str, weight: float) -> dict[str, float]:
    """Weighted vocabulary hits per topic in a text's folded words."""
    hits: dict[str, float] = defaultdict(float)
    lookups = list(map(_lookup(language), keys))
    n = len(keys)
    i = 0  # the first word after the last phrase
    # Only the words that count for something are visited (picked out by compress).
    for j in compress(range(n), lookups):
        if j < i:
            continue
        topics, phrases = lookups[j]  # type: ignore[misc]
        phrase = _phrase_at(phrases, keys, j) if phrases and n - j > 1 else None
        if phrase:
            length, found = phrase
            for topic, w in found:
                hits[topic] += w * weight
            i = j + length
            continue
        for topic, w in topics:
            hits[topic] += w * weight
        i = j + 1
    return hits


def _section_topics(text: str | None) -> set[str]:
    if not text:
        return set()
    index = _section_index()
    found = set()
    for word in words(text.replace("_", " ")):
        found.update(index.get(word, ()))
    return found


def _url_topics(url: str | None) -> set[str]:
    """Section words in the URL path, not in the article's slug (the last segment)."""
    if not url:
        return set()
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    found = set()
    for segment in segments[:-1][:4]:
        found |= _section_topics(segment.replace("-", " "))
    return found


@cache
def _section_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for topic, names in SECTIONS.items():
        for name in names.split():
            for word in words(name):
                if topic not in index[word]:
                    index[word].append(topic)
    return {k: tuple(v) for k, v in index.items()}


def classify_topics(
    title: str,
    subtitle: str | None,
    body: str,
    *,
    language: str | None,
    section: str | None = None,
    url: str | None = None,
    keywords: Iterable[str] = (),
    source_topics: Iterable[str] = (),
    parts: list[Words] | None = None,
) -> tuple[TopicScore, ...]:
    """Topics of one article, strongest first (empty when nothing points anywhere).

    ``parts`` is the article's :func:`~crawler.tokens.article_words`, when the caller has
    them already."""
    lang = language if language in LANGUAGES else "en"
    if parts is None:
        parts = article_words(title, subtitle, body)
    raw: dict[str, float] = defaultdict(float)
    zones = [(ZONE_TITLE, parts[0]), (ZONE_SUBTITLE, parts[1])]
    zones += [(ZONE_LEAD if i == 0 else 1.0, part) for i, part in enumerate(parts[2:])]
    for weight, part in zones:
        for topic, hits in _hits(part.keys, lang, weight).items():
            raw[topic] += hits

    evidence: dict[str, dict[str, float]] = defaultdict(dict)
    top_raw = max(raw.values(), default=0.0)
    if top_raw > 0:
        damping = top_raw / (top_raw + TEXT_DAMPING)
        for topic, hits in raw.items():
            evidence[topic]["text"] = hits / top_raw * damping
    for topic in _section_topics(section):
        evidence[topic]["section"] = WEIGHT_SECTION
    for topic in _url_topics(url):
        evidence[topic]["url"] = WEIGHT_URL
    keyword_hits: dict[str, float] = defaultdict(float)
    for keyword in keywords:
        for topic, hits in text_hits(keyword, lang).items():
            keyword_hits[topic] += hits
        for topic in _section_topics(keyword):
            keyword_hits[topic] += 2.0
    top_keyword = max(keyword_hits.values(), default=0.0)
    for topic, hits in keyword_hits.items():
        evidence[topic]["keywords"] = WEIGHT_KEYWORDS * hits / top_keyword
    for topic in source_topics:
        if topic in TOPIC_BY_SLUG:
            evidence[topic]["hint"] = WEIGHT_HINT

    totals = {topic: sum(parts.values()) for topic, parts in evidence.items()}
    ranked = sorted(totals, key=lambda t: (-totals[t], t))
    if not ranked:
        return ()
    top = totals[ranked[0]]
    # A second topic is judged against the first on the whole evidence, or on the text alone:
    # extra evidence for the first (keywords, section) must not push out what the text says.
    top_text = max((parts.get("text", 0.0) for parts in evidence.values()), default=0.0)
    chosen = [ranked[0]]
    for topic in ranked[1:]:
        if len(chosen) == MAX_TOPICS:
            break
        own = evidence[topic]
        strong = totals[topic] >= SECONDARY_SHARE * top or (
            own.get("text", 0.0) >= SECONDARY_SHARE * top_text > 0
        )
        if strong and (
            raw.get(topic, 0.0) >= MIN_TEXT_HITS or "section" in own or "keywords" in own
        ):
            chosen.append(topic)
    return tuple(
        TopicScore(
            topic,
            round(min(1.0, totals[topic]), 3),
            "+".join(k for k, _ in sorted(evidence[topic].items(), key=lambda kv: -kv[1])),
        )
        for topic in chosen
    )
