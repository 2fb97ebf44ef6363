"""The links of a listing page that may be items: links to pages that may be
publications (``urls.page_id``) and links to report files listed straight
(``urls.file_id``), in the page's main content."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from extractors.html.chrome import off_main

if TYPE_CHECKING:
    from crawler.urls import SiteUrls

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Link:
    anchor: HtmlElement
    url: str
    publication_id: str


def publication_links(main: HtmlElement, base_url: str, urls: SiteUrls) -> list[Link]:
    """Links to landing pages in the main content (widget filters dropped if they drop all)."""
    links = []
    for anchor in main.iter("a"):
        url = urls.resolve(anchor.get("href") or "", base_url)
        pub_id = urls.page_id(url) if url else None
        if url and pub_id and not off_main(anchor, main, strict=False):
            links.append(Link(anchor, url, pub_id))
    strict = [link for link in links if not off_main(link.anchor, main, strict=True)]
    return strict or links


def title_links(links: list[Link]) -> list[Link]:
    """The items' main links: those in headings when the items have headed titles (an
    item's secondary links, 'Read online', a PDF, are then not items of their own)."""
    headed = [link for link in links if in_heading(link.anchor)]
    headed_ids = {link.publication_id for link in headed}
    if len(headed_ids) < 2:
        return links
    return [link for link in links if link.publication_id in headed_ids]


def in_heading(anchor: HtmlElement) -> bool:
    node: HtmlElement | None = anchor
    for _ in range(4):
        if node is None:
            return False
        if node.tag in HEADING_TAGS:
            return True
        node = node.getparent()
    return bool(anchor.find(".//h2") is not None or anchor.find(".//h3") is not None)


def file_items(main: HtmlElement, links: list[Link], base_url: str,
                urls: SiteUrls) -> list[Link]:
    """Links to report files (PDFs) that stand for an item of their own: in the main
    content, their item (list item, article, table row, else the heading's block) holds
    no page link (an item's own 'PDF' link is not an item)."""
    out = []
    for anchor in main.iter("a"):
        url = urls.resolve(anchor.get("href") or "", base_url)
        file_id = urls.file_id(url) if url else None
        if not file_id or off_main(anchor, main, strict=True):
            continue
        block = next((n for n in anchor.iterancestors() if n.tag in ("li", "article", "tr")),
                     None)
        if block is None and in_heading(anchor):
            block = next((n for n in anchor.iterancestors() if n.tag in HEADING_TAGS),
                         anchor).getparent()
        if block is not None and block is not main and \
                not any(contains(block, link.anchor) for link in links):
            out.append(Link(anchor, url, file_id))
    return out


def contains(outer: HtmlElement | None, inner: HtmlElement) -> bool:
    if outer is None:
        return False
    node: HtmlElement | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False
