"""Finding the country names, demonyms and place names of an article, with their context.

The first pass of :mod:`crawler.regions`: every name of the gazetteer found in the title, the
standfirst and the body, longest name first, with what the words around it say: a locative
preposition before it ("in Homs", "à Alep", "im Libanon", "في حمص"), a province word
("the province of Homs"), a capital used as its government ("Washington has backed"), a
dateline ("BEIRUT, May 3 (AFP) -"), a neighbouring capitalised word (then "Nancy Williams" is
a person, not a French city). Candidates the context rules out are dropped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from operator import and_

from .gazetteer import (
    ACRONYM,
    CAPITALIZED,
    CITY_POPULATION,
    COUNTRY,
    DEMONYM,
    PLACE,
    Entry,
    Index,
    language_index,
)
from .place_words import (
    ALL_VERBS,
    ARABIC_CONJUNCTIONS,
    ARABIC_PREPOSITIONS,
    BLOCK_AFTER,
    BLOCK_BEFORE,
    CLUB_WORDS,
    CONJUNCTIONS,
    DESIGNATORS,
    DETERMINERS,
    LOCATIVES,
    METONYM_VERBS,
    PLACE_MODIFIERS,
    RELATIVES,
    TYPE_LINKS,
    TYPE_WORDS,
)
from .tokens import Words, article_words, zones


@dataclass(slots=True)
class Mention:
    """One name found in the text, with what the words around it say."""

    surface: str
    entries: tuple[Entry, ...]
    zone: float  # weight of where it is
    order: int  # position in the article, for first-mention order
    locative: bool = False
    determiner: bool = False
    person_adjacent: bool = False
    based: bool = False
    dateline: bool = False
    metonym_context: bool = False
    context_type: str | None = None
    chosen: Entry | None = None
    is_metonym: bool = False
    after_capitalized: bool = False
    key: str = ""  # the folded word of a one-word mention (to compare with surnames)


def _arabic_variants(key: str) -> list[tuple[str, int, bool]]:
    """(form, letters stripped, stripped a locative ب) for an Arabic word with clitics.

    The last form, without the article ال, is for demonyms only ("السوري" -> سوري): place
    names keep their article in the gazetteer, and foreign names never take one.
    """
    variants = [(key, 0, False)]
    stem, stripped = key, 0
    if len(stem) > 3 and stem[0] in ARABIC_CONJUNCTIONS:
        stem, stripped = stem[1:], 1
        variants.append((stem, stripped, False))
    locative = False
    if stem.startswith("لل") and len(stem) > 4:
        stem, stripped = "ال" + stem[2:], stripped + 1
        variants.append((stem, stripped, False))
    elif len(stem) > 3 and stem[0] in ARABIC_PREPOSITIONS:
        locative = stem[0] == "ب"
        stem, stripped = stem[1:], stripped + 1
        variants.append((stem, stripped, locative))
    if stem.startswith("ال") and len(stem) > 4:
        variants.append((stem[2:], -1 - stripped, locative))  # negative: demonyms only
    return variants


class _Scanner:
    """The index of one language, ready for scans."""

    def __init__(self, index: Index) -> None:
        self.names = index.names
        self.first_words = index.first_words
        self.lower_case_words = index.lower_case_words
        # What an Arabic word can start, memoized: it depends on the word alone, and every
        # word of an Arabic text has to be looked at.
        self.arabic_starts = lru_cache(maxsize=100_000)(self._arabic_starts)

    def _arabic_starts(self, key: str) -> tuple[tuple[str, int, bool, int], ...]:
        """(form, letters stripped, stripped a locative ب, longest name) for each form of an
        Arabic word that starts a name (see :func:`_arabic_variants`)."""
        first_words = self.first_words
        return tuple(
            (form, stripped, locative, first_words[form])
            for form, stripped, locative in _arabic_variants(key)
            if form in first_words
        )


@cache
def _scanner(language: str) -> _Scanner:
    return _Scanner(language_index(language))


def _case_ok(entry: Entry, words: Words, start: int, length: int) -> bool:
    if entry.case == CAPITALIZED:
        return words.capitalized[start]
    if entry.case == ACRONYM:
        return all(t.isupper() for t in words.texts[start : start + length])
    return True


def scan(
    words: Words,
    zone: float,
    is_lead: bool,
    order_base: int,
    language: str,
    scanner: _Scanner,
    surnames: set[str],
) -> list[Mention]:
    keys = words.keys
    n = len(keys)
    mentions: list[Mention] = []
    if language in ("en", "fr"):
        surnames.update(surnames_in(words))
    first_words, lower_case_words = scanner.first_words, scanner.lower_case_words
    names, capitalized = scanner.names, words.capitalized
    # Only the words that can start a name are looked at, and they are picked out by map
    # and compress: most words of a text start none.
    arabic_starts = None
    if language == "ar":
        arabic_starts = list(map(scanner.arabic_starts, keys))
        candidates = compress(range(n), arabic_starts)
    else:
        candidates = compress(range(n), map(first_words.__contains__, keys))
    i = 0  # the first word after the last mention
    for start in candidates:
        if start < i:
            continue
        if arabic_starts is not None:
            variants = arabic_starts[start]
        elif capitalized[start] or keys[start] in lower_case_words:
            variants = ((keys[start], 0, False, first_words[keys[start]]),)
        else:
            continue
        found = None
        for form, stripped, bi_locative, longest in variants:
            for length in range(min(longest, n - start), 0, -1):
                key = " ".join([form, *keys[start + 1 : start + length]]) if length > 1 else form
                entries = names.get(key)
                if not entries:
                    continue
                entries = tuple(e for e in entries if _case_ok(e, words, start, length))
                if stripped < 0:
                    entries = tuple(e for e in entries if e.kind == DEMONYM)
                if entries:
                    found = (length, entries, stripped, bi_locative)
                    break
            if found:
                break
        if not found:
            continue
        length, entries, stripped, bi_locative = found
        stripped = stripped if stripped >= 0 else -1 - stripped
        stop = start + length
        mention = Mention(
            surface=words.span(start, stop)[stripped:],
            entries=entries,
            zone=zone,
            order=order_base + start,
            key=keys[start] if length == 1 else "",
        )
        _context(mention, words, start, stop, language, bi_locative, is_lead)
        i = stop
        if mention.entries:
            mentions.append(mention)
    return mentions


def is_town(e: Entry) -> bool:
    return e.population < CITY_POPULATION and not e.is_capital and e.type in ("town", "city")


def is_strong(e: Entry) -> bool:
    """Capitals and cities of a million: their names are rarely anything else."""
    return e.is_capital or e.population >= 1_000_000


def _subject_pair(keys: list[str], second: int) -> bool:
    """Whether "X and <second>" is followed by a verb, as in "Washington and Paris said"."""
    after = keys[second + 1] if second + 1 < len(keys) else ""
    return after in ALL_VERBS or after in RELATIVES


def surnames_in(words: Words) -> set[str]:
    """Second words of capitalised pairs ("Patricia Taylor"): "Taylor said" is a person."""
    found = set()
    keys, texts, gaps, capitalized = words.keys, words.texts, words.gaps, words.capitalized
    # Words i with words i - 1 and i both capitalised, the only ones that can qualify.
    for i in compress(range(1, len(keys)), map(and_, capitalized, capitalized[1:])):
        if (
            not texts[i].isupper()
            and gaps[i] == " "
            and keys[i - 1] not in PLACE_MODIFIERS
            and keys[i - 1] not in CLUB_WORDS
            and not words.starts_sentence(i)
            and not words.starts_sentence(i - 1)
        ):
            found.add(keys[i])
    return found


def _context(
    m: Mention,
    words: Words,
    start: int,
    stop: int,
    language: str,
    bi_locative: bool,
    is_lead: bool,
) -> None:
    """Look at the words around a mention (words start to stop) and drop the candidates they
    rule out."""
    keys, gaps = words.keys, words.gaps
    has_prev, has_prev2, has_next = start > 0, start > 1, stop < len(keys)
    prev_key = keys[start - 1] if has_prev else ""
    next_key = keys[stop] if has_next else ""
    if language == "ar" and prev_key[:1] in ARABIC_CONJUNCTIONS and len(prev_key) > 2:
        prev_key_ar = prev_key[1:]
    else:
        prev_key_ar = prev_key
    locatives = LOCATIVES[language]
    determiners = DETERMINERS[language]

    m.locative = bi_locative or prev_key_ar in locatives
    if (
        start > 2
        and prev_key in CONJUNCTIONS
        and words.capitalized[start - 2]
        and keys[start - 3] in locatives
    ):
        m.locative = True  # "in London and Singapore"
    m.determiner = has_prev and prev_key in determiners
    if m.determiner and has_prev2 and keys[start - 2] in locatives:
        # "in the United States", "in der Ukraine": countries take an article, towns do not
        # ("from the Roman era").
        m.locative = True
    adjective = (
        language == "ar"
        and prev_key_ar.startswith("ال")
        and m.surface.startswith("ال")
        and prev_key_ar not in locatives
        and prev_key_ar not in TYPE_WORDS["ar"]
    )
    if has_next and gaps[stop].strip() == "-" and next_key == "based":
        m.based = True
    # A capitalised word right after a place makes a name of it ("Sofia Fernández", "Paris
    # Hilton"), unless it is "Airport", "University"...; one right before makes a surname of
    # it ("Patricia Taylor") unless the place is big enough ("Stade Beyrouth").
    if (
        language != "ar"
        and has_next
        and gaps[stop].strip() == ""
        and words.capitalized[stop]
        and next_key not in DESIGNATORS
    ):
        m.person_adjacent = True
    if (
        has_prev
        and language not in ("ar", "de")
        and gaps[start].strip() == ""
        and words.capitalized[start - 1]
        and prev_key not in PLACE_MODIFIERS
        and prev_key not in CLUB_WORDS
        and not words.starts_sentence(start)
        and not words.starts_sentence(start - 1)
    ):
        m.after_capitalized = True
    if is_lead and start <= 1:
        after = words.after(stop - 1, 3)
        if after[:1] in (",", "(") or after.lstrip()[:1] in ("(", "-", "–", "—"):
            m.dateline = m.surface.isupper() or after.lstrip()[:1] == "("
    if language == "ar":
        m.metonym_context = prev_key_ar in METONYM_VERBS["ar"]
    elif has_next and gaps[stop].strip() == "":
        m.metonym_context = next_key in METONYM_VERBS[language] and not m.locative
        # "Washington and Paris, which broker the truce, ..." (but not "in Rome and Paris")
        if next_key in CONJUNCTIONS and stop + 1 < len(keys) and words.capitalized[stop + 1]:
            m.metonym_context = m.metonym_context or (
                not m.locative and _subject_pair(keys, stop + 1)
            )
    if (
        language != "ar"
        and has_prev2
        and prev_key in CONJUNCTIONS
        and words.capitalized[start - 2]
        and not (start > 2 and keys[start - 3] in locatives)
    ):
        m.metonym_context = m.metonym_context or _subject_pair(keys, start)
    types = TYPE_WORDS[language]
    if has_next and next_key in types:
        m.context_type = types[next_key]
    elif prev_key_ar in types:
        m.context_type = types[prev_key_ar]
    elif has_prev2 and prev_key in TYPE_LINKS and keys[start - 2] in types:
        m.context_type = types[keys[start - 2]]

    blocked = prev_key in BLOCK_BEFORE[language] or (has_next and next_key in BLOCK_AFTER[language])
    # Next to a capitalised word, an ambiguous name is given up whole: "AS Tripoli" must not
    # become Libya's capital just because Lebanon's Tripoli is the smaller city.
    drop_places = m.after_capitalized and not all(
        is_strong(e) for e in m.entries if e.kind == PLACE
    )
    kept = []
    for e in m.entries:
        if e.kind in (COUNTRY, DEMONYM):
            if blocked:
                continue
            if e.is_person_like and (m.person_adjacent or m.after_capitalized):
                continue
        elif e.kind == PLACE:
            # "the Roman era", "die Lage"; in Arabic a definite word after a definite noun is
            # its adjective ("الحكومة الجديدة"), not the town of El Jadida.
            if m.determiner or adjective or m.person_adjacent:
                continue
            if drop_places:
                continue
        kept.append(e)
    m.entries = tuple(kept)


def find_mentions(
    title: str,
    subtitle: str | None,
    body: str,
    language: str,
    *,
    parts: list[Words] | None = None,
) -> list[Mention]:
    """Every name in the article with a candidate left, in the order of the text.

    ``parts`` is the article's :func:`~crawler.tokens.article_words`, when the caller has
    them already."""
    scanner = _scanner(language)
    mentions: list[Mention] = []
    surnames: set[str] = set()
    if parts is None:
        parts = article_words(title, subtitle, body)
    for n, (zone, part, is_lead) in enumerate(zones(parts)):
        if part.text:
            mentions += scan(part, zone, is_lead, n << 16, language, scanner, surnames)
    for m in mentions:
        if m.key in surnames and not all(is_strong(e) for e in m.entries if e.kind == PLACE):
            m.entries = tuple(e for e in m.entries if e.kind != PLACE)
    return [m for m in mentions if m.entries]
