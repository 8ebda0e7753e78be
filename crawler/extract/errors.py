"""The one exception extraction raises on purpose."""

from __future__ import annotations


class NotAnArticle(Exception):
    """The page is not an article we can archive; ``reason`` is a short slug for run counts.

    Reasons: ``empty`` (no bytes or no markup), ``not-html`` (a PDF, an image, a feed...),
    ``no-title``, ``no-body``, ``listing`` (a section or home page: teasers of other pages).
    """

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
