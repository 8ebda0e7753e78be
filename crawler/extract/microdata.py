"""schema.org microdata, read from the shared tree (WHATWG HTML "Microdata" rules).

Each item is ``{"type": itemtype, "properties": {name: value or [values]}}``; a property
that is itself an item (an ``author`` Person) is a nested item of the same shape. A value is
taken where the specification says: ``content`` of ``<meta>``, ``datetime`` of ``<time>``,
``href`` of links, ``src`` of media, else the element's text.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .dom import Element, text_of

_URL_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "audio": "src",
    "video": "src",
    "source": "src",
    "embed": "src",
    "iframe": "src",
    "track": "src",
    "object": "data",
}


def _value(el: Element) -> str:
    tag = el.tag
    if tag == "meta":
        return (el.get("content") or "").strip()
    if tag == "time" and el.get("datetime"):
        return el.get("datetime", "").strip()
    if tag in ("data", "meter") and el.get("value") is not None:
        return el.get("value", "").strip()
    if tag in _URL_ATTRS and el.get(_URL_ATTRS[tag]):
        return el.get(_URL_ATTRS[tag], "").strip()
    return text_of(el)


def read_item(item: Element) -> dict[str, Any]:
    """One item and its nested items."""
    properties: dict[str, Any] = {}
    stack = list(reversed(item))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        names = (node.get("itemprop") or "").split()
        nested = node.get("itemscope") is not None
        if names:
            value: Any = read_item(node) if nested else _value(node)
            for name in names:
                if name in properties:
                    if not isinstance(properties[name], list):
                        properties[name] = [properties[name]]
                    properties[name].append(value)
                else:
                    properties[name] = value
        if not nested:
            stack.extend(reversed(node))
    return {"type": item.get("itemtype", ""), "properties": properties}


#: ``itemscope`` attributes (selecting them is quicker in libxml2 than testing every element).
_ITEMSCOPES = etree.XPath("descendant-or-self::*/@itemscope")


def scopes(root: Element) -> list[Element]:
    """The elements that make items, in page order (``root`` too, if it is one)."""
    return [attribute.getparent() for attribute in _ITEMSCOPES(root)]


def items(root: Element) -> list[dict[str, Any]]:
    """Every item of the page, outermost first (nested ones too, so a NewsArticle that is a
    WebPage's ``mainEntity`` is found)."""
    return [read_item(el) for el in scopes(root)]
