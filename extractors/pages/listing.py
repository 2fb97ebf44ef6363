"""The publications listing: which publications a listing page shows, and the next page.

Publication links are links to any page of the site that may be a publication (a landing
page ``/publications/<slug>/``, a PEEL force report, an FRS assessment, a letter...:
``urls.page_id``), or a report file listed straight (``urls.file_id``: a PDF whose
item holds no page link), only in the page's main content: never inside navigation,
header, footer or complementary regions (by element and ARIA role), nor in widgets headed "Related", "Latest",
"Popular"... Each link's item is the largest ancestor that holds no other
publication; the listing is the biggest group of items with the same structural
path (tag names and stable classes), so a stray block of teasers in the main column
does not count as listing items.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.html import HtmlElement

from extractors.dates import parse_date
from extractors.html.chrome import main_region, off_main
from extractors.html.pager import next_page
from extractors.html.text import decode_html, squash
from extractors.pages.listing_links import (HEADING_TAGS, Link, contains, file_items,
                                            publication_links, title_links)
from extractors.records import DocumentLink, Extraction, ListingItem, Problem

if TYPE_CHECKING:  # the crawler's URL rules; a plain object with the same methods works too
    from crawler.urls import SiteUrls
    from extractors.pages.base import PageContext

_DIGITS = re.compile(r"\d")


def parse_listing(html: bytes, base_url: str, urls: SiteUrls, *,
                  encoding: str | None = None) -> tuple[list[ListingItem], str | None]:
    """Items in page order and the next listing page's URL (None on the last page)."""
    root = _parse(html, encoding)
    if root is None:
        return [], None
    base_url = _base_href(root, base_url)
    main = main_region(root)
    items = _items_with_links(main, publication_links(main, base_url, urls), base_url, urls)
    body = root.find("body")
    if not items and body is not None and main is not body:  # a <main> that misses the list
        items = _items_with_links(body, publication_links(body, base_url, urls), base_url,
                                  urls)
    return items, next_page(root, base_url, urls)


def _items_with_links(main: HtmlElement, links: list[Link], base_url: str,
                      urls: SiteUrls) -> list[ListingItem]:
    """The items, each with the other same-site pages its container links to; an item
    whose only link is a report file (a PDF listed straight) is an item too."""
    links = links + file_items(main, links, base_url, urls)
    items, containers = _listing_items(main, title_links(links))
    for item, container in zip(items, containers):
        item.other_links = list(dict.fromkeys(
            link.url for link in links
            if link.publication_id != item.publication_id and contains(container, link.anchor)))
    return items


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


def _listing_items(main: HtmlElement, links: list[Link]
                   ) -> tuple[list[ListingItem], list[HtmlElement]]:
    """The items of the biggest group of same-shaped item containers, in page order, and
    their containers."""
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
        return [], []
    signature, chosen = max(groups.items(), key=lambda kv: (len(kv[1]), _dated(kv[1])))
    for link, container in placed:
        if link.publication_id not in chosen:  # a lone item whose container grew too far
            inner = _matching_descendant(container, signature, main)
            if inner is not None:
                chosen[link.publication_id] = inner
    order: dict[str, int] = {}
    for n, (link, container) in enumerate(placed):
        if chosen.get(link.publication_id) is container or contains(
                chosen.get(link.publication_id), link.anchor):
            order.setdefault(link.publication_id, n)
    by_id: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if contains(chosen.get(link.publication_id), link.anchor):
            by_id[link.publication_id].append(link)
    ranked = sorted(order, key=order.__getitem__)
    return ([_item(by_id[pub_id], chosen[pub_id]) for pub_id in ranked],
            [chosen[pub_id] for pub_id in ranked])


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


def _item(links: list[Link], container: HtmlElement) -> ListingItem:
    title = _item_title(links, container)
    return ListingItem(url=links[0].url, publication_id=links[0].publication_id,
                       title=title, published_on=_item_date(container, title))


def _item_title(links: list[Link], container: HtmlElement) -> str | None:
    for heading in container.iter(*HEADING_TAGS):
        if any(contains(heading, link.anchor) or contains(link.anchor, heading)
               for link in links):
            return squash(heading.text_content()) or None
    texts = [squash(link.anchor.text_content()) or squash(link.anchor.get("title") or "")
             for link in links]
    texts = [t for t in texts if t and not re.fullmatch(r"(read more|more|view|details)\W*", t,
                                                        re.I)]
    return max(texts, key=len) if texts else None


def _item_date(container: HtmlElement, title: str | None) -> date | None:
    for time_el in container.iter("time"):
        found = parse_date(time_el.get("datetime")) or parse_date(time_el.text_content())
        if found:
            return found
    text = squash(" ".join(container.itertext()))
    if title:
        text = text.replace(title, " ")
    return parse_date(text)


# -- the page type -----------------------------------------------------------------------
_PUBLICATION_PATH = re.compile(r"^/publications/[^/?#]+/?$")
_PAGER = re.compile(r"/page/\d+/?\?|[?&](?:page|paged|pg|p)=\d+")


class ListingPage:
    """The publications listing: one page of publication links, and the next page."""

    name = "listing_page"
    positions = ("listing",)

    def recognise(self, data: bytes, url: str) -> float:
        """Landing-page links in the main content: three, or (when it is not a landing
        page) two, or one beside a pager."""
        from extractors.pages.base import is_html, main_text
        from extractors.pages.landing import has_landing_fields
        if not is_html(data):
            return 0.0
        root = _parse(data, None)
        if root is None:
            return 0.0
        main = main_region(root)
        def listed(anchors: list[HtmlElement]) -> set[str]:
            paths = (urlsplit(urljoin(url, a.get("href") or "")).path for a in anchors)
            return {path for path in paths if _PUBLICATION_PATH.match(path)}

        loose = [a for a in main.iter("a") if not off_main(a, main, strict=False)]
        found = listed([a for a in loose if not off_main(a, main, strict=True)]) or listed(loose)
        pager = any(_PAGER.search(urlsplit(urljoin(url, a.get("href") or "")).path + "?" +
                                  urlsplit(urljoin(url, a.get("href") or "")).query)
                    for a in root.iter("a"))
        if len(found) < 3 and (not (len(found) == 2 or (found and pager))
                               or has_landing_fields(main_text(data))):
            return 0.0
        return 0.7

    def extract(self, data: bytes, url: str, context: "PageContext") -> Extraction:
        """The listing's items in page order, and its next page's URL."""
        out = Extraction(source=url, kind=self.name)
        if context.urls is None:
            out.problems.append(Problem("extract", "a listing page needs the site's URL rules",
                                        {}, url))
            return out
        out.listing, out.next_page = parse_listing(data, url, context.urls,
                                                   encoding=context.charset)
        out.publication.documents = self.children(out)
        return out

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """Each listed publication's page."""
        return [DocumentLink(item.url, "html", label=item.title) for item in extraction.listing]
