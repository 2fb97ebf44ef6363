"""Publication landing pages (`/publications/<slug>/`): title, date, types, forces, files."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup, Tag

from extractors.dates import parse_date
from extractors.pages.base import PageContext
from extractors.html.text import Field, find_field, main_content, parse_html, split_list, text_of
from extractors.records import DocumentLink, Extraction, Problem, ResponseLink
from reference.forces import forces_named_in, match_forces

DATE_LABELS = ("Published on", "Publication date", "Date published", "Published", "Date of publication",
               "Date")
TYPE_LABELS = ("Publication types", "Publication type", "Types", "Type")
FORCE_LABELS = ("Police forces", "Police force", "Forces", "Force")
FIRE_LABELS = ("Fire & rescue services", "Fire and rescue services", "Fire & rescue service",
               "Fire and rescue service")
OTHER_LABELS = ("Last updated", "Updated on", "Updated", "Get the report", "Download the report",
                "Read the report online", "Related", "Share")
_WELSH_LABEL = re.compile(r"cymraeg|os hoffech|darllen|adroddiad|\(welsh\)|welsh[- ](?:language )?"
                          r"version|in welsh|\bcy\b|fersiwn", re.I)
_WELSH_PATH = re.compile(r"(?:^|[-_/.])(?:cy|cym|cymraeg|welsh(?=[-_]?(?:version|language)|\.pdf$))"
                         r"(?:[-_/.]|$)", re.I)
_OTHER_RENDERING = re.compile(r"\beasy[- ]read\b|\blarge print\b|\bbraille\b|\baudio\b|"
                             r"\bBSL\b|\bbritish sign language\b", re.I)
_NOT_A_REPORT = re.compile(r"^/(?:publications?|publication-types?|tags?|categor(?:y|ies)|"
                           r"police-forces|fire-and-rescue-services|news|about-us|search)(?:/|$)",
                           re.I)
_REPORT_BLOCK = re.compile(r"get the report|read the report|download the report|"
                           r"read the (full )?report|download", re.I)


def extract_publication_page(data: bytes, source: str) -> Extraction:
    """Everything a landing page says about its publication; problems for what is missing."""
    soup = parse_html(data)
    root = main_content(soup)
    out = Extraction(source=source, kind="publication_page")
    pub = out.publication
    pub.title = page_title(soup, root)
    stops = DATE_LABELS + TYPE_LABELS + FORCE_LABELS + FIRE_LABELS + OTHER_LABELS
    date_field = find_field(root, DATE_LABELS, stops)
    if date_field is not None:
        pub.published_on = parse_date(date_field.text)
    if pub.published_on is None:
        reason = ("no publication date on the landing page" if date_field is None else
                  f"unreadable publication date {date_field.text!r}")
        out.problems.append(Problem("extract", reason, {"title": pub.title}, source))
    types = find_field(root, TYPE_LABELS, stops)
    if types is not None:
        pub.publication_types = _values(types)
    else:  # no label: the tag chips that lead to the publication-types pages
        pub.publication_types = type_chips(root)
    forces = find_field(root, FORCE_LABELS, stops)
    if forces is not None:
        items = forces.item_texts() or forces.link_texts()
        pub.forces_text = ", ".join(items) if len(items) > 1 else forces.text
        match = match_forces(pub.forces_text)
        pub.forces, pub.all_forces, pub.other_bodies = match.force_ids, match.all_forces, \
            match.other_bodies
        if match.unmatched:
            out.problems.append(Problem(
                "extract", "unknown police force name(s): " + "; ".join(match.unmatched),
                {"title": pub.title, "police_forces": forces.text}, source))
    elif pub.title:  # no 'Police forces' line: the forces the title names, if any
        named = forces_named_in(pub.title)
        pub.forces, pub.other_bodies = named.force_ids, named.other_bodies
    fire = find_field(root, FIRE_LABELS, stops)
    if fire is not None:
        pub.fire_services = _fire_services(fire)
    _read_responses(out, root, source)
    listed = {r.url for r in out.responses}
    pub.documents = [d for d in document_links(root, source) if d.url not in listed]
    if not pub.title:
        out.problems.append(Problem("extract", "no title (h1) on the landing page", {}, source))
    return out


def _read_responses(out: Extraction, root: Tag, source: str) -> None:
    """The responses section: matched links as records, the others as problems."""
    from extractors.responses.section import response_links
    for link in response_links(root, source):
        if link.force_id is None:
            out.problems.append(Problem(
                "response", f"response link not matched to a local policing body "
                f"({link.reason}): {link.body!r}", {"body": link.body, "url": link.url}, source))
        else:
            out.responses.append(ResponseLink(link.body, link.url, link.kind, link.force_id))


def page_title(soup: BeautifulSoup, root: Tag) -> str | None:
    """The h1 of the content, else og:title, else <title> without the site name."""
    h1 = root.find("h1") or soup.find("h1")
    if h1 is not None and text_of(h1):
        return text_of(h1)
    meta = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(meta, Tag) and meta.get("content"):
        return str(meta["content"]).strip()
    if soup.title and text_of(soup.title):
        return re.split(r"\s+[-|\u2013]\s+His Majesty", text_of(soup.title))[0].strip()
    return None


def _fire_services(field: Field) -> list[str]:
    """Fire & rescue service ids where known, else the names as printed."""
    from reference.fire_services import match_fire_services
    ids = match_fire_services(field.text)
    if ids:
        return ids
    links = field.link_texts()
    return links or [p.strip() for p in re.split(r"\s*[,;]\s*|(?<=Service)\s+and\s+", field.text)
                     if p.strip()]


_TYPE_PAGE = re.compile(r"^/publication-types?/[^/]+/?$", re.I)


def type_chips(root: Tag) -> list[str]:
    """Unlabelled type chips: tag links (rel=tag, or a chip/tag class) to a publication
    type's page, in order."""
    out: list[str] = []
    for a in root.find_all("a", href=True):
        marks = " ".join([*(a.get("rel") or []), *(a.get("class") or [])]).lower()
        if re.search(r"\b(?:tag|chip)", marks) and _TYPE_PAGE.match(urlparse(str(a["href"])).path) \
                and text_of(a) and text_of(a) not in out:
            out.append(text_of(a))
    return out


def _values(field: Field) -> list[str]:
    items = field.item_texts()
    if items:
        return items
    links = field.link_texts()
    if links and len(" ".join(links)) >= 0.6 * len(field.text.replace(",", "").replace(" and ", " ")):
        return links
    return split_list(field.text)


def document_links(root: Tag, base: str) -> list[DocumentLink]:
    """Report files the page offers: PDFs and HTML report versions, Welsh told apart."""
    scope = _report_block(root) or root
    found: dict[str, DocumentLink] = {}
    for a in scope.find_all("a", href=True):
        href = str(a["href"]).strip()
        if href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(base, href)
        label = text_of(a)
        kind = _kind(url, label) or (_in_block_html(url, base) if scope is not root else None)
        if kind is None or _OTHER_RENDERING.search(label):
            continue
        language = "cy" if _WELSH_LABEL.search(label) or _WELSH_PATH.search(urlparse(url).path) \
            else "en"
        found.setdefault(url.split("#")[0], DocumentLink(url.split("#")[0], kind, language, label))
    return list(found.values())


def _kind(url: str, label: str) -> str | None:
    path = urlparse(url).path.lower()
    if path.endswith(".pdf") or re.search(r"\(pdf\b|pdf document", label, re.I):
        return "pdf"
    if "/publication-html/" in path or "/peel-reports/" in path or re.search(r"\(html\)", label, re.I):
        return "html"
    return None


def _in_block_html(url: str, base: str) -> str | None:
    """Inside the 'Get the report' block, a link to another page of the same site that is
    not a landing page or a listing is the report's online (HTML) version."""
    target, here = urlparse(url), urlparse(base)
    if target.netloc and target.netloc != here.netloc and \
            not target.netloc.endswith("justiceinspectorates.gov.uk"):
        return None
    path = target.path or "/"
    if path in ("", "/") or _NOT_A_REPORT.match(path) or path.rstrip("/") == here.path.rstrip("/"):
        return None
    if re.search(r"\.(?:docx?|xlsx?|csv|odt|ods|zip|png|jpe?g)$", path, re.I):
        return None
    return "html"


def _report_block(root: Tag) -> Tag | None:
    """The 'Get the report' block: the smallest container of that heading and its links."""
    for string in root.find_all(string=_REPORT_BLOCK):
        node = string.parent
        for _ in range(6):
            if node is None or node.parent is None:
                break
            if any(_kind(str(a["href"]), text_of(a)) for a in node.find_all("a", href=True)):
                return _widen(node)
            node = node.parent
    return None


def _widen(node: Tag) -> Tag:
    """Include sibling links of a heading-style block (heading, then lists of links)."""
    parent = node.parent
    if parent is not None and node.name in ("h2", "h3", "h4", "p", "strong"):
        return parent
    return node


# -- the page type -----------------------------------------------------------------------
_SIGNALS = (re.compile(r"\b(?:published(?: on)?|publication date|date published|date of "
                       r"publication)\b\s*:?\s*(?:\w+day\s+)?\d", re.I),
            re.compile(r"\bpublication types?\b", re.I),
            re.compile(r"\bpolice forces?\b\s*:?\s*[A-Z]|fire (?:&|and) rescue services?\s*:", re.I),
            re.compile(r"\b(?:get|download|read) the report\b", re.I))


def has_landing_fields(text: str) -> bool:
    """A landing page's text: two of its date, types, forces and report-files lines, each
    once (a listing repeats them for every item)."""
    counts = [len(signal.findall(text)) for signal in _SIGNALS]
    return sum(1 for n in counts if n) >= 2 and max(counts[:2]) <= 1


class PublicationPage:
    """A publication's landing page: title, date, types, forces and its report files."""

    name = "publication_page"
    positions = ("listed",)

    def recognise(self, data: bytes, url: str) -> float:
        """The labelled publication date and types/forces/report links; a
        ``/publications/<slug>/`` URL adds a little."""
        from extractors.pages.base import is_html, main_text, url_path
        if not is_html(data) or not has_landing_fields(main_text(data)):
            return 0.0
        return 0.8 if "/publications/" in url_path(url) else 0.6

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        """What the page says about its publication."""
        return extract_publication_page(data, url)

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """The report files (PDFs and HTML versions) the page offers."""
        return list(extraction.publication.documents)
