"""The responses a landing page lists: "Get the police and crime commissioners' responses
to the report", then one link per body, then "Find out why we publish PCC responses."

Read by meaning in any markup: the heading (h2-h6, a bold line, an accordion summary, an
ARIA label) that announces responses opens the section, which runs to the next heading;
links elsewhere whose words say they are a commissioner's or mayor's response count too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlparse

from bs4 import Tag

from extractors.html.text import text_of
from extractors.responses.bodies import BodyMatch, body_of

SECTION_HEADING = re.compile(
    r"\bresponses?\s+(?:to|on)\s+(?:the|this|our)\s+(?:national\s+|full\s+)?report\b|"
    r"\b(?:commissioners?|pccs?|pfccs?|mayors?|local policing bod(?:y|ies))['’]?s?['’]? responses?\b|"
    r"\bresponses? (?:from|by) (?:the )?(?:police|local policing|commissioners?|pccs?)",
    re.I)
_ABOUT = re.compile(r"\bfind out why\b|\bwhy we publish\b|\babout (?:these|pcc) responses\b", re.I)
_RESPONSE_LINK = re.compile(r"\bresponse\b|\bresponded\b|\breply\b", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"}


@dataclass(frozen=True)
class ListedResponse:
    """One link of a responses section, with the force whose body it names."""

    body: str
    url: str
    kind: Literal["pdf", "html"]
    force_id: str | None
    reason: str | None  # why no force could be given (quarantined by the caller)


def response_links(root: Tag, base: str) -> list[ListedResponse]:
    """Every response the page lists, once per URL, in page order."""
    links: dict[str, ListedResponse] = {}
    for heading in _section_headings(root):
        for a in _section_links(heading):
            _add(links, a, base)
    for a in root.find_all("a", href=True):  # response links outside any section
        if _RESPONSE_LINK.search(text_of(a)) and body_of(text_of(a)).force_id:
            _add(links, a, base)
    return list(links.values())


def _add(links: dict[str, ListedResponse], a: Tag, base: str) -> None:
    label, href = text_of(a), str(a["href"]).strip()
    if not label or href.startswith(("#", "mailto:", "javascript:", "tel:")) or _ABOUT.search(label):
        return
    url = urljoin(base, href).split("#")[0]
    if url in links:
        return
    match: BodyMatch = body_of(label)
    kind: Literal["pdf", "html"] = "pdf" if (
        urlparse(url).path.lower().endswith(".pdf") or re.search(r"\bpdf\b", label, re.I)) \
        else "html"
    links[url] = ListedResponse(match.body, url, kind, match.force_id, match.reason)


def _section_headings(root: Tag) -> list[Tag]:
    """The smallest elements whose own text announces a responses section."""
    found: list[Tag] = []
    for string in root.find_all(string=SECTION_HEADING):
        node = string.parent
        if not isinstance(node, Tag) or node.name == "a" or node.find_parent("h1") \
                or node.name == "h1":
            continue  # a link's words, or the page's own title ("The police response to ...")
        while node.name in ("strong", "b", "span", "em") and node.parent is not None and \
                text_of(node.parent) == text_of(node):
            node = node.parent
        if len(text_of(node)) <= 160:
            found.append(node)
    return found


def _section_links(heading: Tag) -> list[Tag]:
    """Links after the heading up to the next heading or the 'find out why' line."""
    if heading.name == "summary" and heading.parent is not None:  # <details> accordion
        return [a for a in heading.parent.find_all("a", href=True)]
    out: list[Tag] = []
    for el in heading.next_elements:
        if not isinstance(el, Tag) or el is heading or _inside(el, heading):
            continue
        if el.name in _HEADINGS or (el.get("role") == "heading"):
            break
        if el.name == "a" and el.get("href"):
            if _ABOUT.search(text_of(el)):
                break
            out.append(el)
        elif el.name in ("p", "div", "li") and _ABOUT.search(text_of(el)) and not el.find("a", string=_RESPONSE_LINK):
            break
    return out


def _inside(el: Tag, ancestor: Tag) -> bool:
    return any(p is ancestor for p in el.parents)
