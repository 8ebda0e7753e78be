"""Text that sits among an article's paragraphs without being article text.

Recognised by what it says, in the languages we read: ad labels, "read also" lines, calls
to follow or subscribe, and the editors' initials with agencies that close German copy.
"""

from __future__ import annotations

import re

from .agencies import canonical_agency
from .text import comparable

#: Labels that stand alone between paragraphs.
AD_LABELS = frozenset(
    comparable(label)
    for label in (
        "Advertisement",
        "Advertising",
        "Ad",
        "Sponsored",
        "Sponsored content",
        "Anzeige",
        "Werbung",
        "Publicité",
        "Publicidad",
        "Pubblicità",
        "Publicidade",
        "Advertentie",
        "Reklame",
        "Reklam",
        "إعلان",
        "اعلان",
        "Continue reading below",
        "Story continues below",
        "Article continues below",
        "Scroll to continue",
        "Weiter nach der Anzeige",
        "La suite après la publicité",
        "Suite après la publicité",
    )
)
READ_ALSO = re.compile(
    r"^\s*(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related(?:\s+(?:story|article))?"
    r"|more\s+on\s+this|recommended|lire\s+(?:aussi|également|la\s+suite)|à\s+lire\s+(?:aussi|également)"
    r"|a\s+lire\s+aussi|voir\s+aussi|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant"
    r"|siehe\s+auch|zum\s+thema|lee\s+también|leer\s+también|te\s+puede\s+interesar|leggi\s+anche"
    r"|leia\s+também|veja\s+também|lees\s+ook|اقرأ\s+أيضا|اقرأ\s+أيضاً|إقرأ\s+أيضا|اقرا\s+ايضا"
    r"|طالع\s+أيضا|اقرأ\s+المزيد|شاهد\s+أيضا|читайте\s+также)\s*[:：\-–—»>]"
    r"|^\s*【(?:関連記事|関連|あわせて読みたい)】",
    re.I,
)
CALL_TO_ACTION = re.compile(
    r"^\W*(?:follow\s+(?:us|[\w ]{1,30}\s+on)|share\s+this|subscribe\s+(?:to|now|for)"
    r"|sign\s+up\s+(?:for|to)|click\s+here|download\s+(?:our|the)\s+app|like\s+us\s+on"
    r"|suivez[-\s]nous|abonnez[-\s]vous|inscrivez[-\s]vous|folgen\s+sie|abonnieren\s+sie"
    r"|síguenos|suscríbete|seguici|iscriviti|siga[-\s]nos|assine|تابعونا|تابعوا|اشترك|подписывайтесь)",
    re.I,
)


def is_initials_credit(text: str) -> bool:
    """Editors' initials and agencies closing a text: "ala/dpa", "jps/ch (dpa, afp)"."""
    if len(text) > 40:
        return False
    tokens = [t for t in re.split(r"[/,()\s]+|\b(?:und|and|et)\b", text) if t]
    agencies = [t for t in tokens if canonical_agency(t)]
    initials = [t for t in tokens if t.islower() and len(t) <= 4 and not canonical_agency(t)]
    return bool(agencies) and bool(initials) and len(agencies) + len(initials) == len(tokens)
