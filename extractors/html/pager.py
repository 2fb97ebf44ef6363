"""Paged lists: which link leads to the next page (rel=next, a 'Next' link, or the number
after the current page's)."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml.html import HtmlElement

from extractors.html.text import squash

_NEXT_TEXT = re.compile(r"^(next(\s+page)?|older( posts| entries)?)\b|^[›»→>]+$", re.I)


def next_page(root: HtmlElement, base_url: str, urls: Any,
              is_listing: Callable[[str], bool] | None = None) -> str | None:
    """rel=next, then a 'Next'/'›'/'»' link, then the link numbered current page + 1;
    ``is_listing`` says which pages belong to the list (default: the publications
    listing's pages)."""
    current = _current_page(root, base_url)
    listing = is_listing or (lambda url: _is_listing(url, urls))

    def usable(href: str | None) -> str | None:
        url = urls.resolve(href or "", base_url)
        if not url or url.rstrip("/") == base_url.rstrip("/") or not listing(url):
            return None
        number = _page_in_url(url)
        return url if number is None or number > current else None

    for el in root.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split():
            found = usable(el.get("href"))
            if found:
                return found
    anchors = list(root.iter("a"))
    for anchor in anchors:
        label = squash(anchor.text_content()) or squash(anchor.get("aria-label") or "")
        aria = (anchor.get("aria-label") or anchor.get("title") or "").lower()
        if _NEXT_TEXT.match(label) or aria.startswith("next"):
            found = usable(anchor.get("href"))
            if found:
                return found
    wanted = str(current + 1)
    for anchor in anchors:
        if squash(anchor.text_content()) == wanted:
            found = usable(anchor.get("href"))
            if found:
                return found
    return None


def _is_listing(url: str, urls: Any) -> bool:
    in_listing = getattr(urls, "in_listing", None)
    if in_listing is not None:
        return bool(in_listing(url))
    return urls.publication_id(url) is None and "/publications" in urlsplit(url).path


def _current_page(root: HtmlElement, base_url: str) -> int:
    """The page number: aria-current in the pager, else /page/N/ or ?page=N, else 1."""
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get("aria-current") or "").lower() == "page":
            text = squash(el.text_content())
            if text.isdigit():
                return int(text)
    return _page_in_url(base_url) or 1


def _page_in_url(url: str) -> int | None:
    """N from '/page/N/' or '?page=N' (1 for a bare listing URL, None if unknown)."""
    parts = urlsplit(url)
    match = re.search(r"/page/(\d+)/?$", parts.path)
    if match:
        return int(match.group(1))
    query = parse_qs(parts.query)
    for key in ("page", "paged", "pg", "p"):
        values = query.get(key)
        if values and values[0].isdigit():
            return int(values[0])
    return None if parts.query else 1


