"""Which countries an article is about, and the places it names.

Three passes over the title, the standfirst and the body paragraphs:

1. **Find** every country name, demonym and place name (:mod:`crawler.gazetteer`) with
   what the words around it say (:mod:`crawler.mentions`): "in Homs", "the province of
   Homs", "Washington has backed", a dateline, "Nancy Williams" (a person, not a city).
2. **Resolve** each mention to one candidate. Country names, demonyms, capitals and cities of
   a million people stand on their own; another city needs its country to be named
   otherwise in the article or a locative preposition; a town needs both its country and,
   once at least, a locative ("in Al-Qusayr"). So "Tripoli" follows the rest of the article
   to Lebanon or to Libya, a newspaper called "Clarin" is not a town in the Philippines and
   "Taylor said" is not a town in Texas. Between places of one name, support decides, then
   size. The publisher's own country only tips a close call.
3. **Score** countries: each mention counts by what it is (a place or a locative country name
   the most, a demonym less, a capital standing for its government or a "Britain-based" very
   little) and where it is (title x3, standfirst x2, first paragraph x1.5, later paragraphs
   slowly less). The primary country has the highest score; other countries are regions of
   the article too when they are a *location* of it (a place in them or "in <country>") with
   at least a tenth of the primary's score. Every country named counts as mentioned.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from archive.models import Place

from .demonyms import LANGUAGES
from .gazetteer import CITY_POPULATION, COUNTRY, DEMONYM, PLACE, PRIOR_CITY, PRIOR_MILLION, Entry
from .mentions import Mention, find_mentions, is_town
from .tokens import Words, fold

# -- weights -----------------------------------------------------------------------------------

WEIGHT_PLACE = 1.0
WEIGHT_COUNTRY_LOCATIVE = 1.0
WEIGHT_COUNTRY = 0.8
WEIGHT_DEMONYM = 0.6
WEIGHT_METONYM = 0.4
WEIGHT_BASED = 0.2  # "the Britain-based Observatory"
WEIGHT_DATELINE = 2.0

BONUS_LOCATIVE = 0.3
BONUS_SUPPORT = 0.5  # per other name of the same country (accepted), at most 1.0 in all
BONUS_CANDIDATE_SUPPORT = 0.3  # per other city of the same country not yet accepted
BONUS_DATELINE = 0.5
BONUS_HINT = 0.15
ACCEPT = 0.7
PROMINENCE = 0.1  # per tenfold population above 100,000, when choosing between places

HINT_SCORE = 0.5  # added to the publisher's country when the text names it
HINT_ONLY_SCORE = 0.1  # confidence when only the publisher's country is known
SECONDARY_SHARE = 0.1  # a located country needs this share of the primary's score
UNLOCATED_SHARE = 0.5  # ... and a country only named, this much


@dataclass(frozen=True)
class CountryScore:
    code: str  # ISO 3166-1 alpha-2
    score: float  # share of the article's geographic evidence, 0..1
    method: str  # evidence, strongest first: gazetteer (places), name, demonym, hint


@dataclass(frozen=True)
class Regions:
    countries: tuple[CountryScore, ...] = ()  # the article's regions, primary first
    mentioned: tuple[str, ...] = ()  # every country named, in order of first mention
    places: tuple[Place, ...] = ()  # places named, in order of first mention

    @property
    def primary(self) -> str | None:
        return self.countries[0].code if self.countries else None


@dataclass
class _Evidence:
    score: float = 0.0
    located: bool = False
    first: int = 1 << 30
    by_method: dict[str, float] = field(default_factory=lambda: defaultdict(float))


_NONE: frozenset[str] = frozenset()


def _value(
    e: Entry,
    m: Mention,
    support: dict[str, set[str]],
    candidates: dict[str, set[str]],
    hint: str | None,
    language: str,
) -> float:
    value = e.prior
    # Arabic puts a preposition before every kind of noun: there it helps only country names
    # and cities, not the small towns whose names are often common words.
    if m.locative and (language != "ar" or e.kind == COUNTRY or e.prior >= PRIOR_CITY):
        value += BONUS_LOCATIVE
    if m.dateline:
        value += BONUS_DATELINE
    # The country's other names: accepted ones, then cities the article may name.
    firm = support.get(e.country, _NONE)
    others = len(firm) - (e.name in firm)
    maybe = len(candidates.get(e.country, _NONE) - firm - {e.name})
    value += min(1.0, BONUS_SUPPORT * others + BONUS_CANDIDATE_SUPPORT * maybe)
    if hint and e.country == hint:
        value += BONUS_HINT
    return value


_KIND_ORDER = {COUNTRY: 0, DEMONYM: 1, PLACE: 2}


def _prominence(e: Entry) -> float:
    """Between two places of one name, the bigger is the likelier (ranking only): German
    "Odessa" is Ukraine's port before it is the Texan town."""
    if e.kind != PLACE or e.population <= 0:
        return 0.0
    return PROMINENCE * max(0.0, math.log10(e.population / 100_000))


def _resolve(mentions: list[Mention], hint: str | None, language: str) -> None:
    # Firm evidence: unambiguous country names, demonyms and big places. Candidate evidence:
    # any city the article may name (two cities of one country vouch for each other).
    support: dict[str, set[str]] = defaultdict(set)
    candidates: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        countries = {e.country for e in m.entries}
        best = m.entries[0]
        if len(countries) == 1 and best.prior >= PRIOR_MILLION:
            support[best.country].add(best.name)
        for e in m.entries:
            if e.kind == PLACE and (e.population >= CITY_POPULATION or e.is_capital):
                candidates[e.country].add(e.name)
    for _ in range(2):
        for m in mentions:
            if len(m.entries) == 1:  # most mentions
                best = m.entries[0]
                best_value = _value(best, m, support, candidates, hint, language)
            else:
                values = [_value(e, m, support, candidates, hint, language) for e in m.entries]
                # The first of the best ranked, as sorting would give.
                best_value, best = min(
                    zip(values, m.entries, strict=True),
                    key=lambda pair: (
                        -pair[0] - _prominence(pair[1]),
                        _KIND_ORDER[pair[1].kind],
                        -pair[1].population,
                    ),
                )
            m.chosen = best if best_value >= ACCEPT else None
        # A town must be anchored at least once: "in Al-Qusayr", "Homs province", a dateline.
        # "Moore said" or "Taylor breaks the record" alone name a person.
        anchored = {
            m.chosen
            for m in mentions
            if m.chosen is not None and (m.locative or m.context_type or m.dateline)
        }
        for m in mentions:
            e = m.chosen
            if e is not None and e.kind == PLACE and is_town(e) and e not in anchored:
                m.chosen = None
        support = defaultdict(set)
        for m in mentions:
            if m.chosen is not None:
                support[m.chosen.country].add(m.chosen.name)
    for m in mentions:
        e = m.chosen
        m.is_metonym = bool(e and e.kind == PLACE and e.is_capital and m.metonym_context)


def _weight(m: Mention) -> tuple[float, bool, str]:
    """(weight, is a location of the article, method) of one resolved mention."""
    e = m.chosen
    assert e is not None
    if m.based:
        return WEIGHT_BASED * m.zone, False, _method(e)
    if m.dateline and e.kind == PLACE:
        return WEIGHT_DATELINE * m.zone, True, "gazetteer"
    if e.kind == PLACE:
        if m.is_metonym:
            return WEIGHT_METONYM * m.zone, False, "gazetteer"
        return WEIGHT_PLACE * m.zone, True, "gazetteer"
    if e.kind == COUNTRY:
        if m.locative:
            return WEIGHT_COUNTRY_LOCATIVE * m.zone, True, "name"
        return WEIGHT_COUNTRY * m.zone, False, "name"
    return WEIGHT_DEMONYM * m.zone, False, "demonym"


def _method(e: Entry) -> str:
    return {PLACE: "gazetteer", COUNTRY: "name", DEMONYM: "demonym"}[e.kind]


def _places(mentions: list[Mention]) -> tuple[Place, ...]:
    found: dict[tuple[str, str], dict[str, object]] = {}
    for m in mentions:
        e = m.chosen
        if e is None or e.kind != PLACE:
            continue
        key = (e.name, e.country)
        surface = m.surface
        if surface.isupper() and len(surface) > 3:  # a dateline: "BEIRUT, May 3 (AFP)"
            surface = e.name if fold(e.name) == fold(surface) else surface.title()
        record = found.setdefault(
            key, {"name": surface, "type": None, "default": e.type, "metonym": True}
        )
        if m.context_type and record["type"] is None:
            record["type"] = m.context_type
        if not m.is_metonym:
            record["metonym"] = False
    return tuple(
        Place(
            name=str(r["name"]),
            country=country,
            type=str(r["type"] or r["default"]) if (r["type"] or r["default"]) else None,
            is_metonym=bool(r["metonym"]),
        )
        for (_, country), r in found.items()
    )


def detect_regions(
    title: str,
    subtitle: str | None,
    body: str,
    *,
    language: str | None,
    source_country: str | None = None,
    parts: list[Words] | None = None,
) -> Regions:
    """The countries an article is about (primary first), the countries it names, its places.

    ``parts`` is the article's :func:`~crawler.tokens.article_words`, when the caller has
    them already."""
    lang = language if language in LANGUAGES else "en"
    hint = source_country.upper() if source_country else None
    mentions = find_mentions(title, subtitle, body, lang, parts=parts)
    _resolve(mentions, hint, lang)
    accepted = [m for m in mentions if m.chosen is not None]

    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    for m in accepted:
        assert m.chosen is not None
        weight, located, method = _weight(m)
        ev = evidence[m.chosen.country]
        ev.score += weight
        ev.located = ev.located or located
        ev.first = min(ev.first, m.order)
        ev.by_method[method] += weight
    mentioned = tuple(sorted(evidence, key=lambda c: evidence[c].first))
    if hint and hint in evidence:
        evidence[hint].score += HINT_SCORE
        evidence[hint].by_method["hint"] += HINT_SCORE
    if not evidence:
        if hint:
            return Regions(countries=(CountryScore(hint, HINT_ONLY_SCORE, "hint"),))
        return Regions()

    ranked = sorted(
        evidence, key=lambda c: (-evidence[c].score, not evidence[c].located, evidence[c].first)
    )
    top = evidence[ranked[0]].score
    total = sum(ev.score for ev in evidence.values())
    chosen = [ranked[0]]
    for code in ranked[1:]:
        ev = evidence[code]
        share = ev.score / top
        if (ev.located and share >= SECONDARY_SHARE) or share >= UNLOCATED_SHARE:
            chosen.append(code)
    countries = tuple(
        CountryScore(
            code,
            round(evidence[code].score / total, 3),
            "+".join(k for k, _ in sorted(evidence[code].by_method.items(), key=lambda kv: -kv[1])),
        )
        for code in chosen
    )
    return Regions(countries=countries, mentioned=mentioned, places=_places(accepted))
