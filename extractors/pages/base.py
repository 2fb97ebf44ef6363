"""What a page type is, and what the pipeline tells it about the document it reads.

A page type is one kind of document the site serves (listing page, landing page, PEEL
report page, HTML report, report PDF...). Each lives in its own module of
extractors/pages/ as one small class with a ``name``, ``recognise``, ``extract`` and
``children``; extractors/pages/registry.py lists them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Protocol

from extractors.records import DocumentLink, Extraction, Publication

# where the pipeline meets a document: a page of the publications listing, a page the
# listing links to (a publication's page), a landing page's HTML or PDF link, or a link
# of its responses section
Position = Literal["listing", "listed", "html", "pdf", "response"]


@dataclass(frozen=True)
class PageContext:
    """What the pipeline knows about a document when it reads it; ``hmicfrs extract`` on a
    lone document passes what it knows (``urls``), the rest stays empty."""

    publication: Publication | None = None  # the landing page's reading of the publication
    parent: str | None = None               # URL of the page that linked the document
    parent_forces: tuple[str, ...] = ()     # the forces that page names (a PEEL page: one)
    position: Position | None = None        # where the pipeline met it (None: a lone file)
    urls: Any = None                        # the site's URL rules (crawler.urls.SiteUrls)
    charset: str | None = None              # the charset the server declared
    workers: int = 1                        # processes a long PDF's page pass may use


class PageType(Protocol):
    """One kind of document: how to tell it, read it, and what it points to."""

    name: str
    positions: tuple[Position, ...]  # where the pipeline may meet it

    def recognise(self, data: bytes, url: str) -> float:
        """0 (not this kind) to 1 (certainly), by content first; the URL only as a hint."""

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        """Everything the document says; problems for what it could not read."""

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """The documents it points to that the pipeline fetches and reads in turn."""


def is_pdf(data: bytes) -> bool:
    """A PDF by its header (within the first kilobyte, as readers allow)."""
    return data[:1024].lstrip().startswith(b"%PDF")


def is_html(data: bytes) -> bool:
    """Markup that reads as an HTML page (a tag near the start), not a PDF or binary."""
    if is_pdf(data) or b"\x00" in data[:1024]:
        return False
    return bool(re.search(rb"<(?:!doctype\s+html|html|head|body|main|article|div|p|h1)\b",
                          data[:4096].lower()))


@lru_cache(maxsize=16)
def main_text(data: bytes) -> str:
    """The page's main content as plain text (first 20,000 characters), for recognising."""
    from extractors.html.text import main_content, parse_html, text_of
    return text_of(main_content(parse_html(data)))[:20000]


def url_path(url: str) -> str:
    """The path of a URL or file name, lower-cased."""
    from urllib.parse import urlsplit
    return urlsplit(url).path.lower()


_CORRECTION = re.compile(
    r"(?:this|the)\s+(?:report|page|document|publication|letter|inspection)\s+(?:was|has been)\s+"
    r"(?:updated|amended|corrected|revised|re-?published)\s+on\s+[^.]{4,40}?"
    r"(?:\s+to\s+[^.]{3,300})?\.", re.I)


def correction_notices(text: str) -> list[str]:
    """The page's correction notices ("This report was updated on 3 March 2025 to correct
    ..."), word for word, once each."""
    return list(dict.fromkeys(" ".join(m.group(0).split()) for m in _CORRECTION.finditer(text)))


def describe_page(data: bytes) -> str:
    """What a document looked like, for a quarantine reason: kind, title, size."""
    if is_pdf(data):
        return f"a PDF of {len(data)} bytes"
    if not is_html(data):
        return f"{len(data)} bytes, not HTML or PDF, starting {data[:24]!r}"
    found = re.search(rb"<title[^>]*>(.*?)</title>", data[:20000], re.I | re.S)
    from html import unescape
    title = unescape(" ".join(found.group(1).decode("utf-8", "replace").split()))[:80] \
        if found else ""
    words = len(main_text(data).split())
    return (f"an HTML page titled {title!r}" if title else "an HTML page with no title") + \
        f", {words} words of main text"
