"""News agencies: recognise them in bylines, datelines and credits, under one canonical name.

Agencies print their names in many forms ("Agence France-Presse", "AFP", "أ ف ب", "فرانس برس",
"REUTERS", "رويترز", "Deutsche Presse-Agentur", "dpa", "د ب أ"). The archive stores the
canonical short name, so that a story's agencies compare across languages.
"""

from __future__ import annotations

import re

#: canonical name -> the forms it is printed in (matched case-insensitively, as whole words,
#: except the short all-capital forms, matched case-sensitively).
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": (
        "AFP",
        "法新社",
        "Agence France-Presse",
        "Agence France Presse",
        "A.F.P.",
        "أ ف ب",
        "أ.ف.ب",
        "ا ف ب",
        "فرانس برس",
        "فرانس برس",
        "وكالة الصحافة الفرنسية",
    ),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters", "رويترز", "رويتر", "路透社"),
    "AP": (
        "AP",
        "Associated Press",
        "The Associated Press",
        "A.P.",
        "أ ب",
        "ا ب",
        "أسوشيتد برس",
        "اسوشيتد برس",
    ),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "د ب أ", "د.ب.أ"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE", "Agencia EFE", "إفي"),
    "Xinhua": ("Xinhua", "XINHUA", "شينخوا", "新华社"),
    "AA": ("Anadolu Agency", "Anadolu Ajansı", "Anadolu", "الأناضول"),
    "KNA": ("KNA",),
    "epd": ("epd",),
    "APA": ("APA",),
    "Belga": ("Belga", "BELGA"),
    "ANP": ("ANP",),
    "SDA": ("SDA", "Keystone-SDA"),
    "TASS": ("TASS", "ТАСС"),
    "RIA Novosti": ("RIA Novosti", "РИА Новости"),
    "Interfax": ("Interfax", "Интерфакс"),
    "Kyodo": ("Kyodo", "Kyodo News", "共同", "共同通信"),
    "Yonhap": ("Yonhap", "연합뉴스"),
    "PA Media": ("PA Media", "Press Association", "PA Wire"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "Europa Press": ("Europa Press",),
    "Lusa": ("Lusa", "LUSA"),
    "AGI": ("AGI",),
    "Adnkronos": ("Adnkronos",),
    "The Canadian Press": ("The Canadian Press", "Canadian Press"),
    "AAP": ("AAP", "Australian Associated Press"),
    "NNA": ("NNA", "National News Agency", "الوكالة الوطنية للإعلام"),
    "SANA": ("SANA", "سانا"),
    "WAM": ("WAM", "وام"),
    "SPA": ("SPA", "Saudi Press Agency", "واس"),
    "QNA": ("QNA", "قنا"),
    "KUNA": ("KUNA", "كونا"),
    "MENA": ("MENA", "أ ش أ"),
    "Petra": ("Petra", "بترا"),
    "MAP": ("Maghreb Arabe Presse", "لاماب"),
    "APS": ("Algérie Presse Service", "واج"),
    "TAP": ("Tunis Afrique Presse", "وات"),
    "IRNA": ("IRNA", "إرنا"),
    "WAFA": ("WAFA", "Wafa", "وفا"),
    "Notimex": ("Notimex",),
}

_FORMS: dict[str, str] = {}
_CASED: dict[str, str] = {}
for _canonical, _forms in AGENCIES.items():
    for _form in _forms:
        if _form.isupper() and len(_form) <= 5 and _form.isascii():
            _CASED[_form] = _canonical
        else:
            _FORMS[_form.casefold()] = _canonical
# dpa writes itself in lower case; "epd" too.
_CASED.update({"dpa": "dpa", "epd": "epd"})

_BOUNDARY_L = r"(?<![\w\u0600-\u06ff])"
_BOUNDARY_R = r"(?![\w\u0600-\u06ff])"
_CASED_RE = re.compile(
    _BOUNDARY_L
    + "("
    + "|".join(sorted(map(re.escape, _CASED), key=len, reverse=True))
    + ")"
    + _BOUNDARY_R
)
_FORMS_RE = re.compile(
    _BOUNDARY_L
    + "("
    + "|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True))
    + ")"
    + _BOUNDARY_R,
    re.I,
)
_SPACES = re.compile(r"[\s\u00a0.]+")


def canonical_agency(name: str) -> str | None:
    """The agency's canonical name if ``name`` is exactly an agency, else ``None``."""
    name = name.strip(" ()[]-–—,;:/\u00a0")
    if name in _CASED:
        return _CASED[name]
    found = _FORMS.get(name.casefold())
    if found:
        return found
    squeezed = _SPACES.sub(" ", name).strip()
    return _CASED.get(squeezed) or _FORMS.get(squeezed.casefold())


def agencies_in(text: str) -> list[str]:
    """Every agency named anywhere in ``text``, canonical, in order of first mention."""
    hits: list[tuple[int, str]] = []
    for match in _CASED_RE.finditer(text):
        hits.append((match.start(), _CASED[match.group(1)]))
    for match in _FORMS_RE.finditer(text):
        hits.append((match.start(), _FORMS[match.group(1).casefold()]))
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return out


_DATELINE = re.compile(
    r"^.{0,80}?(?:[(\[]\s*([^()\[\]]{2,40}?)\s*[)\]]\s*[-–—:.]|/\s*([^/]{2,30}?)\s*/\s*[.\-–—])"
)


def dateline_agencies(first_paragraph: str) -> list[str]:
    """Agencies of a wire dateline such as "BEIRUT, May 3 (AFP) -" or "Berlin (dpa) –"."""
    match = _DATELINE.match(first_paragraph)
    if not match:
        return []
    names = re.split(r"\s*[,/&]\s*|\s+(?:and|et|und|y|e|و)\s+", match.group(1) or match.group(2))
    found = [canonical_agency(n) for n in names]
    return [name for name in found if name] if all(found) else []
