"""Who wrote the article: people in ``authors``, news agencies in ``agencies``.

Evidence, strongest first: schema.org ``author`` (JSON-LD, microdata) when it names people;
the visible byline ("By A and B, AFP", "Par A avec AFP", "Von A, dpa", "بقلم أ و ب"), read from
an element the page marks as a byline or author (class, ``rel="author"``, hCard, ``itemprop``)
or from a short line that starts like one; ``<meta name="author">``. Agencies are collected from
all of them and from a wire dateline ("BEIRUT, May 3 (AFP) -"). A body sentence such as "told
AFP" is never a byline. Staff credits ("Staff writer", "La Rédaction", "فريق التحرير") and the
publication's own name are nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .agencies import agencies_in, canonical_agency, dateline_agencies
from .dom import (
    INLINE,
    Element,
    all_text,
    is_comment_area,
    is_hidden,
    memoized_search,
    runs,
    signature,
    text_of,
)
from .metadata import Person
from .text import clean, comparable, words

_PREFIX = re.compile(
    r"^\s*(?:(?:written|reporting|reported|text|story|words|photos?)\s+by|by|par|von|por|di|door"
    r"|av|af|przez|от|автор|bylined?|text|texte|autor(?:in)?|auteur|author|auteurs|authors"
    r"|بقلم|كتب|كتبت|إعداد|اعداد|تحرير|تقرير)\s*[:：]?\s+",
    re.I,
)
_CUT = re.compile(
    r"\s+[|·•]\s+|\s+[-–—]\s+|\n|(?=\d{1,4}[-./:]\d{1,2}[-./:]\d)|\s*\b(?:published|updated|posted|publié|mis\s+à\s+jour|actualisé"
    r"|veröffentlicht|aktualisiert|stand|publicado|actualizado|pubblicato|aggiornato|نشر|آخر\s+تحديث"
    r"|تاريخ)\b",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:,|،|;|&|\+|/|\band\b|\bet\b|\bund\b|\by\b|\be\b|\ben\b|\boch\b|\bi\b|\bو\b"
    r"|\bwith\b|\bavec\b|\bmit\b|\bcon\b|\bcom\b|\bmet\b|\bمع\b)\s*",
    re.I,
)
#: Words of staff credits and job titles; a byline part made only of these (and function
#: words) is nobody, and so is one that starts with one ("Correspondent in Beirut").
_ROLE_WORDS = words(
    """
    staff writer writers reporter reporters correspondent correspondents editor editors
    editorial desk team bureau newsroom newsdesk contributor contributors columnist analyst
    agency agencies wire wires service services press media news online digital web admin
    administrator senior chief special deputy associate managing foreign political
    international staffer redaktion redakteur redakteurin korrespondent korrespondentin
    onlineredaktion nachrichtenredaktion rédaction redaction correspondant correspondante
    envoyé envoyée spécial spéciale journaliste redacción redactor corresponsal redazione
    redattore redactie verslaggever photographer photo photos video graphics مراسل مراسلة
    محرر المحرر فريق التحرير هيئة قسم الأخبار وكالات خاص
    """
)
_FUNCTION_WORDS = words(
    """
    the our your a an of for in at from with and la le les l' notre du des de der die das
    unsere unser von für el los las al del di della il lo
    """
)
_NAME_PARTICLES = words(
    """
    de del della der den di da das do dos du la le van von zu y e al el bin ibn ben abu bint
    st st. mc mac o' d' ter ten
    """
)
_BYLINE_HINT = memoized_search(
    re.compile(
        r"byline|\bby\b|\bauthors?\b|author-?name|\bwriter|auteur|\bautor|signature|contributor"
        r"|reporter|\bvcard\b|\bfn\b|article-?author|post-?author|verfasser"
    )
)
_BYLINE_START = re.compile(
    r"^\s*(?:by|par|von|por|di|door|av|af|przez|от|بقلم|كتب|كتبت|إعداد)\s+\S", re.I
)
#: "Author: Ben Knight", "Autor Ben Knight" in a key-value list of the article's details.
_LABELLED = re.compile(
    r"^\s*(?:authors?|autor(?:in|en)?|auteurs?|autore|autori|text|texte|redacción|redactor"
    r"|المؤلف|الكاتب|автор)\s*[:：]?\s+\S",
    re.I,
)
_CAPTION = memoized_search(
    re.compile(r"caption|legende|cutline|\bphoto|\bimage|\bmedia\b|\bcredit")
)
_AUTHOR_NAME = memoized_search(re.compile(r"\bfn\b|\bauthor\b|author-?name|author-?link"))
_HAS_DIGIT = re.compile(r"\d")
_NOT_IN_NAMES = re.compile(r"[@:,،;|/()\[\]<>=+#*©®]|https?")


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)

    def add(self, other: Byline) -> None:
        for name in other.authors:
            if comparable(name) not in {comparable(a) for a in self.authors}:
                self.authors.append(name)
        for agency in other.agencies:
            if agency not in self.agencies:
                self.agencies.append(agency)


def looks_like_person(name: str, nobody: set[str]) -> bool:
    """A person's name: a few words, no digits or roles, capitalised where the script has case."""
    if not 3 <= len(name) <= 60 or _HAS_DIGIT.search(name) or _NOT_IN_NAMES.search(name):
        return False
    key = comparable(name)
    if key in nobody:
        return False
    words = name.split()
    if not 1 <= len(words) <= 6:
        return False
    lowered = [w.lower().strip(".'’") for w in words]
    if lowered[0] in _ROLE_WORDS or all(w in _ROLE_WORDS or w in _FUNCTION_WORDS for w in lowered):
        return False
    cased = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
    if not cased:
        return len(words) >= 2  # scripts without case (Arabic, CJK...)
    if len(words) < 2:
        return False
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES or not w[0].isalpha() for w in cased)


def _only_roles(part: str) -> bool:
    """Every word is an agency name, a job title or a function word."""
    return all(
        canonical_agency(w) or w.lower() in _ROLE_WORDS or w.lower() in _FUNCTION_WORDS
        for w in part.split()
    )


def _strip_roles(part: str) -> str:
    """ "SAM JONES Staff Writer" -> "SAM JONES": job titles printed after the name."""
    words = part.split()
    while len(words) > 2 and words[-1].lower().strip(".") in _ROLE_WORDS:
        words.pop()
    return " ".join(words)


def parse_byline(text: str, nobody: set[str]) -> Byline:
    """People and agencies in one printed byline."""
    out = Byline()
    text = clean(text)
    if not text:
        return out
    text = _CUT.split(text, maxsplit=1)[0]
    text = _PREFIX.sub("", text)
    text = _PREFIX.sub("", text)
    whole = canonical_agency(text)
    if whole:
        out.agencies.append(whole)
        return out
    for part in _SPLIT.split(text):
        part = _strip_roles(part.strip(" .:()[]\u00a0"))
        if not part:
            continue
        agency = canonical_agency(part)
        named = agencies_in(part)
        if agency:
            if agency not in out.agencies:
                out.agencies.append(agency)
        elif named and _only_roles(part):  # "AFP staff", "Reuters correspondent"
            out.agencies.extend(a for a in named if a not in out.agencies)
        elif looks_like_person(part, nobody):
            out.authors.append(part)
        else:
            for found in agencies_in(part):
                if found not in out.agencies:
                    out.agencies.append(found)
    return out


def from_people(people: Iterable[Person], nobody: set[str]) -> Byline:
    out = Byline()
    for person in people:
        agency = canonical_agency(person.name)
        if agency:
            out.add(Byline([], [agency]))
        elif person.kind == "organization":
            out.add(Byline([], agencies_in(person.name)))
        else:
            out.add(parse_byline(person.name, nobody))
    return out


def _outside(el: Element, excluded: list[Element]) -> bool:
    for anc in el.iterancestors():
        if any(anc is ex for ex in excluded) or is_comment_area(anc):
            return False
        if anc.tag in ("nav", "footer", "aside", "figure", "figcaption") or is_hidden(anc):
            return False
        if _CAPTION(signature(anc)):
            return False
    return True


def _named_people(el: Element, nobody: set[str]) -> list[str]:
    """Names an element marks one by one: author links, hCard names, ``itemprop`` names."""
    names = []
    for node in el.iter():
        if node is el:
            continue
        rel = (node.get("rel") or "").lower().split()
        sig = signature(node)
        if "author" in rel or node.get("itemprop") in ("author", "name") or _AUTHOR_NAME(sig):
            for name in parse_byline(text_of(node), nobody).authors:
                if name not in names:
                    names.append(name)
    return names


def visible_byline(scope: Element, excluded: list[Element], nobody: set[str]) -> Byline:
    """The byline printed in the article's part of the page (not in its body or comments)."""
    candidates: list[Element] = []
    for el in scope.iter():
        if not isinstance(el.tag, str) or el.tag in ("body", "html", "article", "main"):
            continue
        sig = signature(el)
        if (
            not (sig and _BYLINE_HINT(sig))
            and "author" not in (el.get("rel") or "").lower().split()
        ):
            continue
        if any(c is el or c in el.iterancestors() for c in candidates):
            continue
        if _outside(el, excluded) and not any(el is ex for ex in excluded):
            candidates.append(el)
    for el in candidates:
        text = text_of(el)
        parent = el.getparent()
        if (
            el.tag in INLINE
            and not _PREFIX.match(text)
            and parent is not None
            and len(all_text(parent)) <= 250
        ):
            # An author link or name inside its line: the line may add "with AFP".
            for segment in _CUT.split(text_of(parent)):
                if text in segment:
                    text = segment
                    break
        if not text or len(text) > 250:
            continue
        parsed = parse_byline(text, nobody)
        found = Byline(_named_people(el, nobody) or parsed.authors, parsed.agencies)
        found.add(Byline([], agencies_in(_CUT.split(text, maxsplit=1)[0])))
        if found.authors or found.agencies:
            return found
    for run in runs(
        scope, lambda el: any(el is ex for ex in excluded) or is_comment_area(el), lines=True
    ):
        if len(run.text) <= 150 and (_BYLINE_START.match(run.text) or _LABELLED.match(run.text)):
            found = parse_byline(run.text, nobody)
            if found.authors or found.agencies:
                return found
    return Byline()


def credits(
    *,
    structured_people: list[Person],
    meta_authors: list[str],
    visible: Byline,
    inner_bylines: list[str],
    first_paragraph: str | None,
    nobody: set[str],
) -> Byline:
    """Authors and agencies of the article from every kind of evidence (module docstring)."""
    marked = from_people(structured_people, nobody)
    inner = Byline()
    for line in inner_bylines:
        inner.add(parse_byline(line, nobody))
    meta = Byline()
    for value in meta_authors:
        meta.add(parse_byline(value, nobody))
    out = Byline()
    for source in (marked, visible, inner, meta):
        if source.authors:
            out.authors = list(source.authors)
            break
    for source in (visible, inner, marked, meta):
        out.add(Byline([], source.agencies))
    if first_paragraph:
        out.add(Byline([], dateline_agencies(first_paragraph)))
    return out
