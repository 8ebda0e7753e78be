"""The article's images: absolute URL, caption without the credit, and the credit.

Only images in the article's part of the page count: not the logo, avatars, icons, tracking
pixels, or the thumbnails of related and most-read lists. Lazy-loaded images give their real
address in ``data-src``-like attributes or ``srcset``. A caption is the ``figcaption`` of the
image's ``figure``, else a caption-like block next to it; its credit is the element the page
marks as a credit, else a trailing "(AFP/Name)", "Photo: Name", "© Name", "REUTERS/Name".
Credits are normalised as "Agency/Name" or "Name", with the publication's own name dropped.
"""

from __future__ import annotations

import re

from archive.models import Image

from .agencies import canonical_agency
from .document import Document
from .dom import Element, is_comment_area, is_hidden, memoized_search, signature, text_of
from .text import clean, comparable

_NOT_ARTICLE_IMAGE = memoized_search(
    re.compile(
        r"related|recommend|most-?(?:read|popular|viewed)|popular|trending|\bshare|social|newsletter"
        r"|\bpromos?\b|promo-?box|\bpromotion|sponsor|\bads?\b|advert|\blogo|avatar|author-?(?:bio|photo|image|avatar)|profile"
        r"|teaser|\bicon|emoji|sprite|badge|gravatar|\bnav|menu|footer|sidebar|widget"
        r"|masthead|site-?header|\bcomment"
    )
)
_PLACEHOLDER = re.compile(
    r"^data:|placeholder|blank\.|spacer|transparent|lazy|1x1|pixel\.gif", re.I
)
_TRACKER = re.compile(r"pixel|beacon|track|scorecard|doubleclick|analytics|1x1|spacer", re.I)
_LAZY_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
    "data-image",
    "data-srcset",
    "data-lazy-srcset",
)
_CAPTION = memoized_search(
    re.compile(
        r"caption|legend|legende|cutline|bildunterschrift|bildtext|didascalia|pie-?de-?foto|leyenda"
        r"|image-?text|photo-?text|media-?text|\bdesc"
    )
)
_CREDIT = memoized_search(
    re.compile(
        r"credit|copyright|photographer|\bsource\b|quelle|fotograf|crédit|courtesy|\bauthor\b"
        r"|\bbyline\b|\bphoto-?by\b|\bagency\b"
    )
)
_LABEL = re.compile(
    r"^\s*(?:photos?|foto(?:s|grafie)?|image|picture|pic|credit|crédit(?:\s+photo)?|bild|quelle"
    r"|source|copyright|©|\(c\)|تصوير|صورة|الصورة|المصدر|fotó|zdjęcie)\s*[:：]?\s*",
    re.I,
)
_PHOTO_BY = re.compile(
    r"^.{0,40}?\b(?:photo|photos|foto|picture|image|illustration)\s+(?:by|de|par|von|di)\s+", re.I
)
_FILE_LABEL = re.compile(
    r"^(?:file(?: photo)?|archive|archives|archivo|archiv|handout|pool)$", re.I
)
_TRAILING_CREDIT = (
    re.compile(r"^(?P<cap>.*?)\s*[(\[（](?P<credit>[^()\[\]（）]{2,80})[)\]）]\s*$", re.S),
    re.compile(
        r"^(?P<cap>.*?)\s+(?P<credit>(?:photos?|foto|credit|crédit(?:\s+photo)?|bild|image|picture"
        r"|quelle|source|تصوير|صورة)\s*[:：].+)$",
        re.I | re.S,
    ),
    re.compile(r"^(?P<cap>.*?)\s*(?P<credit>©.+)$", re.S),
    re.compile(
        r"^(?P<cap>.*?[.!?…])\s+(?P<credit>[A-Z][\w .'-]{1,30}(?:\s?/\s?[^/]{2,60}){1,2})$", re.S
    ),
)


def _image_url(img: Element, doc: Document) -> str | None:
    candidates: list[str] = []
    src = img.get("src")
    if src and not _PLACEHOLDER.search(src):
        candidates.append(src)
    for attr in _LAZY_ATTRS:
        value = img.get(attr)
        if value:
            candidates.append(_largest(value) if "srcset" in attr or "," in value else value)
    for attr in ("srcset",):
        value = img.get(attr)
        if value and not candidates:
            candidates.append(_largest(value))
    for value in candidates:
        url = doc.absolute(value)
        if url and url.startswith(("http://", "https://")):
            return url
    return None


def _largest(srcset: str) -> str:
    best, best_width = "", -1.0
    for item in srcset.split(","):
        bits = item.strip().split()
        if not bits:
            continue
        width = 0.0
        if len(bits) > 1:
            try:
                width = float(bits[1].rstrip("wx"))
            except ValueError:
                width = 0.0
        if width > best_width:
            best, best_width = bits[0], width
    return best


def _too_small(img: Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 60:
            return True
    return False


def _excluded(img: Element, scope: Element) -> bool:
    sig = signature(img)
    if sig and _NOT_ARTICLE_IMAGE(sig):
        return True
    for anc in img.iterancestors():
        if anc.tag in ("nav", "footer", "header") and anc.find(".//h1") is None:
            return True
        if anc.tag == "aside" or anc.tag == "noscript" or is_hidden(anc) or is_comment_area(anc):
            return True
        anc_sig = signature(anc)
        if anc_sig and _NOT_ARTICLE_IMAGE(anc_sig):
            return True
        if anc is scope:
            return False
    return False


def _caption_element(img: Element, limit: Element | None) -> Element | None:
    level = 0
    for anc in img.iterancestors():
        if anc.tag == "figure":
            caption = anc.find(".//figcaption")
            if caption is not None:
                return caption
        if anc is limit or level >= 4 or anc.tag in ("body", "article", "main"):
            break
        for node in anc.iter():
            if node is img or not isinstance(node.tag, str) or node.tag == "img":
                continue
            sig = signature(node)
            is_caption = node.get("itemprop") == "caption" or bool(sig and _CAPTION(sig))
            if is_caption and node.find(".//img") is None:
                return node
        level += 1
    return None


def normalize_credit(credit: str, site_names: set[str]) -> str | None:
    """ "(AFP/Joseph Eid)" -> "AFP/Joseph Eid"; "Photo: Ann Lee / The Post" -> "Ann Lee"."""
    text = clean(credit).strip("()[]（） ")
    text = _LABEL.sub("", text)
    text = _PHOTO_BY.sub("", text)
    text = re.sub(r"^(AP|AFP|Reuters|REUTERS)\s+(?:Photo|Images?)\b", r"\1", text, flags=re.I)
    text = text.strip("()[] ")
    if not text:
        return None
    whole = canonical_agency(text)
    if whole:
        return whole
    parts = [
        p.strip()
        for p in re.split(r"\s*/\s*", text)
        if p.strip() and not _FILE_LABEL.match(p.strip())
    ]
    agencies = [canonical_agency(p) for p in parts]
    names = [
        p for p, a in zip(parts, agencies, strict=True) if not a and comparable(p) not in site_names
    ]
    found = [a for a in agencies if a]
    out = "/".join(found[:1] + names)
    return out or text


def _split_caption(caption_el: Element, site_names: set[str]) -> tuple[str | None, str | None]:
    credit_el = None
    for node in caption_el.iter():
        if node is caption_el or not isinstance(node.tag, str):
            continue
        sig = signature(node)
        if sig and _CREDIT(sig):
            credit_el = node
            break
    if credit_el is None:
        for node in caption_el.iter("small", "em", "i", "cite", "span"):
            value = text_of(node)
            if value and (
                _LABEL.match(value)
                or re.match(r"^[(\[].{2,80}[)\]]$", value)
                or (len(value) <= 80 and canonical_agency(re.split(r"\s*/\s*", value)[0]))
            ):
                credit_el = node
                break
    if credit_el is None and caption_el.getparent() is not None:
        # A credit set beside the caption: <div class="caption">...</div><div class="credit">
        for node in caption_el.getparent():
            sig = signature(node) if node is not caption_el else ""
            if sig and _CREDIT(sig) and node.find(".//img") is None:
                return _tidy(text_of(caption_el)), normalize_credit(text_of(node), site_names)
    if credit_el is not None:
        credit_text = text_of(credit_el)
        caption = text_of(caption_el, lambda el: el is credit_el)
        return _tidy(caption), normalize_credit(credit_text, site_names) if credit_text else None
    text = text_of(caption_el)
    for pattern in _TRAILING_CREDIT:
        match = pattern.match(text)
        if match and match.group("cap").strip():
            raw = match.group("credit")
            inner = raw.strip("()[] ")
            if pattern is _TRAILING_CREDIT[0] and not (
                "/" in inner
                or _LABEL.match(inner)
                or _PHOTO_BY.match(inner)
                or canonical_agency(inner)
            ):
                continue
            return _tidy(match.group("cap")), normalize_credit(raw, site_names)
    return _tidy(text), None


def _tidy(caption: str) -> str | None:
    caption = clean(caption).rstrip(" -–—|/·•,")
    return caption or None


def find_images(
    doc: Document, scope: Element | None, limit: Element | None, site_names: set[str]
) -> list[Image]:
    """Images of the article in page order (see the module docstring)."""
    if scope is None:
        return []
    out: list[Image] = []
    seen: set[str] = set()
    for img in scope.iter("img", "amp-img"):
        if _too_small(img) or _excluded(img, scope):
            continue
        url = _image_url(img, doc)
        if not url or url in seen or _TRACKER.search(url) or url.lower().endswith(".svg"):
            continue
        link = img.getparent()
        if link is not None and link.tag == "a" and link.get("href"):
            target = doc.absolute(link.get("href")) or ""
            if target and not re.search(r"\.(?:jpe?g|png|gif|webp|avif)(?:\?|$)", target, re.I):
                continue  # a thumbnail that leads to another page
        seen.add(url)
        caption_el = _caption_element(img, limit)
        caption, credit = (
            _split_caption(caption_el, site_names) if caption_el is not None else (None, None)
        )
        out.append(Image(url=url, caption=caption, credit=credit))
    return out
