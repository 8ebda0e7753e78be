"""The article's language (ISO 639-1): what the page declares, checked against its text.

Templates often declare one language for a whole multilingual site, so the declaration is
checked: the script of the text (Arabic, Cyrillic, Greek, Hebrew, CJK...) and, for Latin
script, the most frequent function words decide when they clearly disagree with it.
"""

from __future__ import annotations

import re
from collections import Counter

_SCRIPTS: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    ("ar", re.compile(r"[\u0600-\u06ff]+"), frozenset({"ar", "fa", "ur", "ps", "ku", "sd"})),
    ("ru", re.compile(r"[\u0400-\u04ff]+"), frozenset({"ru", "uk", "bg", "sr", "mk", "be", "kk"})),
    ("el", re.compile(r"[\u0370-\u03ff]+"), frozenset({"el"})),
    ("he", re.compile(r"[\u0590-\u05ff]+"), frozenset({"he", "yi"})),
    ("ja", re.compile(r"[\u3040-\u30ff]+"), frozenset({"ja"})),
    ("ko", re.compile(r"[\uac00-\ud7af]+"), frozenset({"ko"})),
    ("zh", re.compile(r"[\u4e00-\u9fff]+"), frozenset({"zh", "ja"})),
    ("th", re.compile(r"[\u0e00-\u0e7f]+"), frozenset({"th"})),
    ("hi", re.compile(r"[\u0900-\u097f]+"), frozenset({"hi", "mr", "ne"})),
)
_LETTERS = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {
    "en": "the of and to in is that for on with was as by at from it he said has have are his",
    "fr": "le la les de des du et en un une est que qui dans pour sur au par pas a été aux",
    "de": "der die das und ist von den mit zu im dem nicht ein eine sich auf für des sie bei",
    "es": "el la los las de del y en que un una por con para es se su al lo como más",
    "it": "il la le di e che un una per con non del della è sono dei al nel gli da",
    "pt": "o a os as de do da e que em um uma para com não por se dos das ao foi",
    "nl": "de het een van en in is dat op te met zijn voor niet die aan er ook",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan en ki ne",
    "pl": "i w na z się nie do to że jest o jak po za od co",
    "sv": "och att det som en på är av för med till den har inte om",
}
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF.setdefault(_word, []).append(_lang)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_TOKEN = re.compile(r"[^\W\d_]+")


def primary(tag: str | None) -> str | None:
    """``en-GB`` / ``en_US`` / ``EN`` -> ``en``."""
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip())[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def detect(text: str) -> str | None:
    """The language of a text from its script and function words, or ``None`` if unsure."""
    sample = text[:3000]
    tokens = _TOKEN.findall(sample.lower())
    # The letters are those of the tokens: lower() maps each letter to one letter, save "İ".
    letters = sum(map(len, _LETTERS.findall(sample) if "\u0130" in sample else tokens))
    if letters < 20:
        return None
    # Non-Latin letters are outside ASCII, where a character takes two or more UTF-8 bytes:
    # when the text would be mostly Latin even if each extra byte were such a letter, the
    # Latin letters need no counting.
    non_ascii_at_most = len(sample.encode("utf-8", "surrogatepass")) - len(sample)
    if (
        letters - non_ascii_at_most < 0.6 * letters
        and sum(map(len, _LATIN.findall(sample))) < 0.6 * letters
    ):
        for code, pattern, _ in _SCRIPTS:
            if sum(map(len, pattern.findall(sample))) > 0.4 * letters:
                return code
    counts: Counter[str] = Counter()
    # Distinct tokens in order of first use: languages are counted in the order they appear.
    for token, n in Counter(tokens).items():
        for lang in _LANGUAGES_OF.get(token, ()):
            counts[lang] += n
    if not counts:
        return None
    ranked = [*counts.most_common(2), ("", 0)]
    (best, n), second = ranked[0], ranked[1][1]
    return best if n >= 5 and n >= 1.5 * second else None


def decide(declared: list[str | None], text: str) -> str | None:
    """The declared language unless the text clearly says otherwise."""
    claimed = next((code for code in map(primary, declared) if code), None)
    found = detect(text)
    if claimed is None:
        return found
    if found is None or found == claimed:
        return claimed
    for _, _, family in _SCRIPTS:
        if claimed in family and found in family:
            return claimed  # Persian declared, Arabic script seen: trust the declaration
    return found
