"""Links to publications on the pages of the other ways in (news feed, hubs, sitemaps).

Discovery's sources hand each page they fetch to ``read_links``: the publication pages it
links to (report families only, ``urls.report_id``) and the pages to read next (the
next page of a paged list, the news items of a news listing, a sitemap's child sitemaps).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from extractors.html.chrome import main_region, off_main
from extractors.html.pager import next_page
from extractors.pages.listing import _base_href, _parse

_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>", re.I)
_NEWS_ITEM = re.compile(r"^/news/news-feed/[^/]+/?$")


def read_links(data: bytes, url: str, urls: Any, charset: str | None = None
               ) -> tuple[list[str], list[str], str | None]:
    """(publication page URLs, item pages to read, the next page) of one source page: a
    news feed page's items and its next page (``/news/page/<n>/``, a 'Next' link), a
    sitemap index's child sitemaps."""
    if data.lstrip()[:200].lower().startswith((b"<?xml", b"<urlset", b"<sitemapindex")):
        return _sitemap(data, url, urls)
    root = _parse(data, charset)
    if root is None:
        return [], [], None
    base = _base_href(root, url)
    main = main_region(root)
    found: list[str] = []
    more: list[str] = []
    for anchor in main.iter("a"):
        target = urls.resolve(anchor.get("href") or "", base)
        if not target or off_main(anchor, main, strict=True):
            continue
        if urls.report_id(target) and target not in found:
            found.append(target)
        elif _NEWS_ITEM.match(urls.site_path(target) or "") and target not in more:
            more.append(target)
    section = (urls.site_path(url) or "/").strip("/").split("/")[0]

    def same_list(target: str) -> bool:  # a later page of this list, not an item of it
        path = urls.site_path(target) or ""
        return path.strip("/").split("/")[0] == section and not urls.report_id(target) \
            and not _NEWS_ITEM.match(path)
    return found, more, next_page(root, base, urls, is_listing=same_list)


def _sitemap(data: bytes, url: str, urls: Any) -> tuple[list[str], list[str], None]:
    found, more = [], []
    for raw in _LOC.findall(data):
        target = urls.resolve(raw.decode("utf-8", "replace").strip(), url)
        if not target:
            continue
        if urlsplit(target).path.lower().endswith(".xml"):
            more.append(target)
        elif urls.report_id(target):
            found.append(target)
    return found, more, None
