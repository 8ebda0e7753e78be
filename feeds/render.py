"""One entry point for the three formats: render a document from per-entry fragments.

A fragment depends only on its entry, so a :class:`FragmentCache` renders each entry once per
format however many feeds and pages hold it; documents are the head, the fragments and the
tail joined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType

from . import atom, jsonfeed, rss
from .model import FORMATS, Document, Entry

RENDERERS: dict[str, ModuleType] = {"rss": rss, "atom": atom, "json": jsonfeed}
CONTENT_TYPES: dict[str, str] = {fmt: RENDERERS[fmt].CONTENT_TYPE for fmt in FORMATS}
MEDIA_TYPES: dict[str, str] = {fmt: RENDERERS[fmt].MEDIA_TYPE for fmt in FORMATS}


class FragmentCache:
    """Rendered entries by (article id, format); the owner clears it when entries change."""

    def __init__(self) -> None:
        self._fragments: dict[tuple[int, str], str] = {}

    def get(self, entry: Entry, fmt: str) -> str:
        key = (entry.article_id, fmt)
        fragment = self._fragments.get(key)
        if fragment is None:
            make: Callable[[Entry], str] = RENDERERS[fmt].entry_fragment
            fragment = self._fragments[key] = make(entry)
        return fragment

    def discard(self, article_ids: Iterable[int]) -> None:
        for article_id in article_ids:
            for fmt in FORMATS:
                self._fragments.pop((article_id, fmt), None)

    def clear(self) -> None:
        self._fragments.clear()

    def __len__(self) -> int:
        return len(self._fragments)


def render(doc: Document, fmt: str, cache: FragmentCache | None = None) -> bytes:
    """The document's bytes in one format (``rss``, ``atom`` or ``json``)."""
    renderer = RENDERERS[fmt]
    if cache is None:
        fragments = [renderer.entry_fragment(e) for e in doc.entries]
    else:
        fragments = [cache.get(e, fmt) for e in doc.entries]
    data: bytes = renderer.document(doc, fragments)
    return data
