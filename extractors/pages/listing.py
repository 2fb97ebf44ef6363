"""The publications listing: which publications a listing page shows, and the next page.

Publication links are found by their href shape (``/publications/<slug>/``), only in
the page's main content: never inside navigation, header, footer or complementary
regions (by element and ARIA role), nor in widgets headed "Related", "Latest",
"Popular"... Each link's item is the largest ancestor that holds no other
publication; the listing is the biggest group of items with the same structural
path (tag names and stable classes), so a stray block of teasers in the main column
does not count as listing items.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
from bs4.dammit import UnicodeDammit
from lxml.html import HtmlElement

from extractors.dates import parse_date

if TYPE_CHECKING:  # the crawler's URL rules; a plain object with the same methods works too
    from crawler.urls import SiteUrls

_OFF_MAIN_TAGS = frozenset({"nav", "aside", "script", "style", "template", "noscript", "menu"})
_LANDMARK_TAGS = frozenset({"header", "footer"})  # banner/contentinfo unless sectioned
_SECTIONING = frozenset({"article", "section", "aside", "nav", "main"})
_OFF_MAIN_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary",
                             "search", "menu", "menubar"})
_WIDGET_WORDS = re.compile(
    r"\b(sidebar|side-bar|widgets?|related|latest|popular|recent|trending|most-read|"
    r"see-also|breadcrumbs?|menu|navbar|site-header|site-footer|cookie)\b", re.I)
_WIDGET_HEADINGS = re.compile(
    r"^\s*(related|latest|popular|recent|most read|most viewed|trending|see also|"
    r"you may also|you might also|also of interest|other publications|more publications)\b",
    re.I)
_NEXT_TEXT = re.compile(r"^(next(\s+page)?|older( posts| entries)?)\b|^[›»→>]+$", re.I)
_WINDOWS_1252_ALIASES = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii",
                                   "iso8859-1", "l1", "cp819"})
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_DIGITS = re.compile(r"\d")


@dataclass
class ListingItem:
    """One publication shown on a listing page."""

    url: str
    publication_id: str
    title: str | None
    published_on: date | None


def parse_listing(html: bytes, base_url: str, urls: SiteUrls, *,
                  encoding: str | None = None) -> tuple[list[ListingItem], str | None]:
    """Items in page order and the next listing page's URL (None on the last page)."""
    root = _parse(html, encoding)
    if root is None:
        return [], None
    base_url = _base_href(root, base_url)
    main = _main_region(root)
    items = _listing_items(main, _publication_links(main, base_url, urls))
    body = root.find("body")
    if not items and body is not None and main is not body:  # a <main> that misses the list
        items = _listing_items(body, _publication_links(body, base_url, urls))
    return items, _next_page(root, base_url, urls)


def decode_html(html: bytes, encoding: str | None = None) -> str:
    """Text of an HTML page: the declared charset first, then the page's own meta."""
    if encoding and encoding.lower().replace("_", "-") in _WINDOWS_1252_ALIASES:
        encoding = "windows-1252"  # as browsers do (WHATWG Encoding)
    known = [encoding] if encoding else []
    dammit = UnicodeDammit(html, known_definite_encodings=known, is_html=True,
                           smart_quotes_to=None)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return html.decode("utf-8", errors="replace")


def _parse(html: bytes, encoding: str | None) -> HtmlElement | None:
    text = decode_html(html, encoding)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an XML declaration
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None


def _base_href(root: HtmlElement, base_url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(base_url, href)
    return base_url


# -- where the listing lives -------------------------------------------------------------
def _main_region(root: HtmlElement) -> HtmlElement:
    """<main> or role=main (the one with most links if several), else <body>."""
    candidates = [el for el in root.iter()
                  if isinstance(el.tag, str)
                  and (el.tag == "main" or (el.get("role") or "").lower() == "main")]
    if candidates:
        return max(candidates, key=lambda el: sum(1 for _ in el.iter("a")))
    body = root.find("body")
    return body if body is not None else root


def _off_main(el: HtmlElement, stop: HtmlElement, strict: bool) -> bool:
    """True when ``el`` sits in navigation, a page header/footer or a complementary block.

    ``strict`` also treats blocks marked or headed as widgets ('related', 'latest',
    'sidebar'...) as off the main content.
    """
    node: HtmlElement | None = el
    while node is not None and node is not stop:
        if isinstance(node.tag, str):
            if node.tag in _OFF_MAIN_TAGS or (node.get("role") or "").lower() in _OFF_MAIN_ROLES:
                return True
            if node.tag in _LANDMARK_TAGS and not _inside_sectioning(node):
                return True
            if strict and (_widget_marks(node) or _widget_heading(node)):
                return True
        node = node.getparent()
    return False


def _inside_sectioning(node: HtmlElement) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag in _SECTIONING or (parent.get("role") or "").lower() == "main":
            return True
        parent = parent.getparent()
    return False


def _widget_marks(node: HtmlElement) -> bool:
    marks = f"{node.get('id') or ''} {node.get('class') or ''}".replace("_", "-")
    return bool(_WIDGET_WORDS.search(marks))


def _widget_heading(block: HtmlElement) -> bool:
    """True when a block is labelled, or opens with a heading, like 'Related publications'."""
    if block.tag not in ("section", "div", "ul", "ol"):
        return False
    if _WIDGET_HEADINGS.match(block.get("aria-label") or ""):
        return True
    first = next((child for child in block if isinstance(child.tag, str)), None)
    while first is not None and first.tag in ("div", "header", "span"):
        first = next((child for child in first if isinstance(child.tag, str)), None)
    if first is None or not (first.tag in _HEADING_TAGS or first.get("role") == "heading"):
        return False
    return bool(_WIDGET_HEADINGS.match(first.text_content()))


# -- the links and their items -----------------------------------------------------------
@dataclass
class _Link:
    anchor: HtmlElement
    url: str
    publication_id: str


def _publication_links(main: HtmlElement, base_url: str, urls: SiteUrls) -> list[_Link]:
    """Links to landing pages in the main content (widget filters dropped if they drop all)."""
    links = []
    for anchor in main.iter("a"):
        url = urls.resolve(anchor.get("href") or "", base_url)
        pub_id = urls.publication_id(url) if url else None
        if url and pub_id and not _off_main(anchor, main, strict=False):
            links.append(_Link(anchor, url, pub_id))
    strict = [link for link in links if not _off_main(link.anchor, main, strict=True)]
    return strict or links


def _listing_items(main: HtmlElement, links: list[_Link]) -> list[ListingItem]:
    """The items of the biggest group of same-shaped item containers, in page order."""
    ids_under: dict[HtmlElement, set[str]] = defaultdict(set)
    for link in links:
        node = link.anchor
        while node is not None:
            ids_under[node].add(link.publication_id)
            if node is main:
                break
            node = node.getparent()
    # every link's container: a publication shown twice (a featured block and the list)
    # has two containers, and the one in the listing's shape wins
    placed = [(link, _item_container(link.anchor, main, ids_under)) for link in links]
    groups: dict[tuple[str, ...], dict[str, HtmlElement]] = defaultdict(dict)
    for link, container in placed:
        groups[_signature(container, main)].setdefault(link.publication_id, container)
    if not groups:
        return []
    signature, chosen = max(groups.items(), key=lambda kv: (len(kv[1]), _dated(kv[1])))
    for link, container in placed:
        if link.publication_id not in chosen:  # a lone item whose container grew too far
            inner = _matching_descendant(container, signature, main)
            if inner is not None:
                chosen[link.publication_id] = inner
    order: dict[str, int] = {}
    for n, (link, container) in enumerate(placed):
        if chosen.get(link.publication_id) is container or _contains(
                chosen.get(link.publication_id), link.anchor):
            order.setdefault(link.publication_id, n)
    by_id: dict[str, list[_Link]] = defaultdict(list)
    for link in links:
        if _contains(chosen.get(link.publication_id), link.anchor):
            by_id[link.publication_id].append(link)
    ranked = sorted(order, key=order.__getitem__)
    return [_item(by_id[pub_id], chosen[pub_id]) for pub_id in ranked]


def _matching_descendant(container: HtmlElement, signature: tuple[str, ...],
                         main: HtmlElement) -> HtmlElement | None:
    for node in container.iter():
        if isinstance(node.tag, str) and _signature(node, main) == signature:
            return node
    return None


def _item_container(anchor: HtmlElement, main: HtmlElement,
                    ids_under: dict[HtmlElement, set[str]]) -> HtmlElement:
    """The largest ancestor of ``anchor`` below ``main`` that holds only this publication."""
    node = anchor
    while True:
        parent = node.getparent()
        if parent is None or parent is main or len(ids_under.get(parent, ())) > 1:
            return node
        node = parent


def _signature(node: HtmlElement, main: HtmlElement) -> tuple[str, ...]:
    """Tag names with their stable classes (no digits), from ``main`` down to ``node``."""
    path = []
    current: HtmlElement | None = node
    while current is not None and current is not main:
        classes = sorted(c for c in (current.get("class") or "").split()
                         if not _DIGITS.search(c)) if current is not node else []
        path.append(current.tag + "".join(f".{c}" for c in classes))
        current = current.getparent()
    return tuple(reversed(path))


def _dated(containers: dict[str, HtmlElement]) -> int:
    return sum(1 for node in containers.values() if _item_date(node, None) is not None)


def _item(links: list[_Link], container: HtmlElement) -> ListingItem:
    title = _item_title(links, container)
    return ListingItem(url=links[0].url, publication_id=links[0].publication_id,
                       title=title, published_on=_item_date(container, title))


def _item_title(links: list[_Link], container: HtmlElement) -> str | None:
    for heading in container.iter(*_HEADING_TAGS):
        if any(_contains(heading, link.anchor) or _contains(link.anchor, heading)
               for link in links):
            return _clean(heading.text_content()) or None
    texts = [_clean(link.anchor.text_content()) or _clean(link.anchor.get("title") or "")
             for link in links]
    texts = [t for t in texts if t and not re.fullmatch(r"(read more|more|view|details)\W*", t,
                                                        re.I)]
    return max(texts, key=len) if texts else None


def _contains(outer: HtmlElement | None, inner: HtmlElement) -> bool:
    if outer is None:
        return False
    node: HtmlElement | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False


def _item_date(container: HtmlElement, title: str | None) -> date | None:
    for time_el in container.iter("time"):
        found = parse_date(time_el.get("datetime")) or parse_date(time_el.text_content())
        if found:
            return found
    text = _clean(" ".join(container.itertext()))
    if title:
        text = text.replace(title, " ")
    return parse_date(text)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# -- paging ------------------------------------------------------------------------------
def _next_page(root: HtmlElement, base_url: str, urls: SiteUrls) -> str | None:
    """rel=next, then a 'Next'/'›'/'»' link, then the link numbered current page + 1."""
    current = _current_page(root, base_url)

    def usable(href: str | None) -> str | None:
        url = urls.resolve(href or "", base_url)
        if not url or url.rstrip("/") == base_url.rstrip("/") or not _is_listing(url, urls):
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
        label = _clean(anchor.text_content()) or _clean(anchor.get("aria-label") or "")
        aria = (anchor.get("aria-label") or anchor.get("title") or "").lower()
        if _NEXT_TEXT.match(label) or aria.startswith("next"):
            found = usable(anchor.get("href"))
            if found:
                return found
    wanted = str(current + 1)
    for anchor in anchors:
        if _clean(anchor.text_content()) == wanted:
            found = usable(anchor.get("href"))
            if found:
                return found
    return None


def _is_listing(url: str, urls: SiteUrls) -> bool:
    in_listing = getattr(urls, "in_listing", None)
    if in_listing is not None:
        return bool(in_listing(url))
    return urls.publication_id(url) is None and "/publications" in urlsplit(url).path


def _current_page(root: HtmlElement, base_url: str) -> int:
    """The page number: aria-current in the pager, else /page/N/ or ?page=N, else 1."""
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get("aria-current") or "").lower() == "page":
            text = _clean(el.text_content())
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
