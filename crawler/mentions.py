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
from .tokens import Token, normalize, starts_sentence, tokenize, zones


@dataclass
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


def _case_ok(entry: Entry, first: Token, tokens: list[Token]) -> bool:
    if entry.case == CAPITALIZED:
        return first.text[:1].isupper()
    if entry.case == ACRONYM:
        return all(t.text.isupper() for t in tokens)
    return True


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def scan(
    text: str,
    zone: float,
    is_lead: bool,
    order_base: int,
    language: str,
    index: Index,
    surnames: set[str],
) -> list[Mention]:
    tokens = tokenize(text)
    mentions: list[Mention] = []
    n = len(tokens)
    i = 0
    is_ar = language == "ar"
    if language in ("en", "fr"):
        surnames.update(surnames_in(text, tokens))
    first_words = index.first_words
    lower_case_words = index.lower_case_words
    while i < n:
        first = tokens[i]
        if is_ar:
            variants = _arabic_variants(first.key)
        elif first.key in first_words and (
            first.text[:1].isupper() or first.key in lower_case_words
        ):
            variants = [(first.key, 0, False)]
        else:
            i += 1
            continue
        found = None
        for form, stripped, bi_locative in variants:
            longest = first_words.get(form, 0)
            for length in range(min(longest, n - i), 0, -1):
                span = tokens[i : i + length]
                key = " ".join([form] + [t.key for t in span[1:]]) if length > 1 else form
                entries = tuple(e for e in index.get(key) if _case_ok(e, first, span))
                if stripped < 0:
                    entries = tuple(e for e in entries if e.kind == DEMONYM)
                if entries:
                    found = (length, entries, stripped, bi_locative)
                    break
            if found:
                break
        if not found:
            i += 1
            continue
        length, entries, stripped, bi_locative = found
        stripped = stripped if stripped >= 0 else -1 - stripped
        last = tokens[i + length - 1]
        mention = Mention(
            surface=text[first.start + stripped : last.end],
            entries=entries,
            zone=zone,
            order=order_base + i,
            key=first.key if length == 1 else "",
        )
        _context(mention, text, tokens, i, i + length, language, bi_locative, is_lead)
        if not mention.entries:
            i += length
            continue
        mentions.append(mention)
        i += length
    return mentions


def is_town(e: Entry) -> bool:
    return e.population < CITY_POPULATION and not e.is_capital and e.type in ("town", "city")


def is_strong(e: Entry) -> bool:
    """Capitals and cities of a million: their names are rarely anything else."""
    return e.is_capital or e.population >= 1_000_000


def _subject_pair(tokens: list[Token], second: int) -> bool:
    """Whether "X and <second>" is followed by a verb, as in "Washington and Paris said"."""
    after = tokens[second + 1].key if second + 1 < len(tokens) else ""
    return after in ALL_VERBS or after in RELATIVES


def surnames_in(text: str, tokens: list[Token]) -> set[str]:
    """Second words of capitalised pairs ("Patricia Taylor"): "Taylor said" is a person."""
    found = set()
    for i in range(1, len(tokens)):
        a, b = tokens[i - 1], tokens[i]
        if (
            a.text[:1].isupper()
            and b.text[:1].isupper()
            and not b.text.isupper()
            and text[a.end : b.start] == " "
            and a.key not in PLACE_MODIFIERS
            and a.key not in CLUB_WORDS
            and not starts_sentence(text, tokens, i)
            and not starts_sentence(text, tokens, i - 1)
        ):
            found.add(b.key)
    return found


def _context(
    m: Mention,
    text: str,
    tokens: list[Token],
    start: int,
    stop: int,
    language: str,
    bi_locative: bool,
    is_lead: bool,
) -> None:
    """Look at the words around a mention and drop the candidates they rule out."""
    first, last = tokens[start], tokens[stop - 1]
    prev = tokens[start - 1] if start > 0 else None
    prev2 = tokens[start - 2] if start > 1 else None
    nxt = tokens[stop] if stop < len(tokens) else None
    prev_key = prev.key if prev else ""
    if language == "ar" and prev_key[:1] in ARABIC_CONJUNCTIONS and len(prev_key) > 2:
        prev_key_ar = prev_key[1:]
    else:
        prev_key_ar = prev_key
    locatives = LOCATIVES[language]
    determiners = DETERMINERS[language]

    m.locative = bi_locative or prev_key_ar in locatives
    if (
        prev is not None
        and prev2 is not None
        and start > 2
        and prev.key in CONJUNCTIONS
        and prev2.text[:1].isupper()
        and tokens[start - 3].key in locatives
    ):
        m.locative = True  # "in London and Singapore"
    m.determiner = bool(prev) and prev_key in determiners
    if m.determiner and prev2 and prev2.key in locatives:
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
    if nxt and _gap(text, last, nxt).strip() == "-" and nxt.key == "based":
        m.based = True
    # A capitalised word right after a place makes a name of it ("Sofia Fernández", "Paris
    # Hilton"), unless it is "Airport", "University"...; one right before makes a surname of
    # it ("Patricia Taylor") unless the place is big enough ("Stade Beyrouth").
    if (
        nxt is not None
        and _gap(text, last, nxt).strip() == ""
        and nxt.text[:1].isupper()
        and nxt.key not in DESIGNATORS
        and language != "ar"
    ):
        m.person_adjacent = True
    if (
        prev is not None
        and language not in ("ar", "de")
        and _gap(text, prev, first).strip() == ""
        and prev.text[:1].isupper()
        and prev.key not in PLACE_MODIFIERS
        and prev.key not in CLUB_WORDS
        and not starts_sentence(text, tokens, start)
        and not starts_sentence(text, tokens, start - 1)
    ):
        m.after_capitalized = True
    if is_lead and start <= 1:
        after = text[last.end : last.end + 3]
        if after[:1] in (",", "(") or after.lstrip()[:1] in ("(", "-", "–", "—"):
            m.dateline = m.surface.isupper() or after.lstrip()[:1] == "("
    if language == "ar":
        m.metonym_context = prev_key_ar in METONYM_VERBS["ar"]
    elif nxt is not None and _gap(text, last, nxt).strip() == "":
        m.metonym_context = nxt.key in METONYM_VERBS[language] and not m.locative
        # "Washington and Paris, which broker the truce, ..." (but not "in Rome and Paris")
        nxt2 = tokens[stop + 1] if stop + 1 < len(tokens) else None
        if nxt.key in CONJUNCTIONS and nxt2 is not None and nxt2.text[:1].isupper():
            m.metonym_context = m.metonym_context or (
                not m.locative and _subject_pair(tokens, stop + 1)
            )
    if (
        language != "ar"
        and prev is not None
        and prev2 is not None
        and prev.key in CONJUNCTIONS
        and prev2.text[:1].isupper()
        and not (start > 2 and tokens[start - 3].key in locatives)
    ):
        m.metonym_context = m.metonym_context or _subject_pair(tokens, start)
    types = TYPE_WORDS[language]
    if nxt is not None and nxt.key in types:
        m.context_type = types[nxt.key]
    elif prev_key_ar in types:
        m.context_type = types[prev_key_ar]
    elif prev and prev2 and prev_key in TYPE_LINKS and prev2.key in types:
        m.context_type = types[prev2.key]

    blocked = (prev_key in BLOCK_BEFORE[language]) or (
        nxt is not None and nxt.key in BLOCK_AFTER[language]
    )
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


def find_mentions(title: str, subtitle: str | None, body: str, language: str) -> list[Mention]:
    """Every name in the article with a candidate left, in the order of the text."""
    index = language_index(language)
    mentions: list[Mention] = []
    surnames: set[str] = set()
    for n, (zone, text, is_lead) in enumerate(zones(title, subtitle, body)):
        if text:
            mentions += scan(normalize(text), zone, is_lead, n << 16, language, index, surnames)
    for m in mentions:
        if m.key in surnames and not all(is_strong(e) for e in m.entries if e.kind == PLACE):
            m.entries = tuple(e for e in m.entries if e.kind != PLACE)
    return [m for m in mentions if m.entries]
