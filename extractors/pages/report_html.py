"""HTML report versions (/publication-html/...): title, printed date, key findings, findings."""
from __future__ import annotations

import re
from datetime import date

import lxml.html
from lxml import etree

from extractors.dates import parse_date
from extractors.findings.labels import LABEL_LEVEL, TextBlock, is_summary_heading
from extractors.findings.blocks import findings_from_blocks
from extractors.findings.tables import table_blocks
from extractors.records import Extraction, Problem, Publication

_SKIP = {"script", "style", "noscript", "nav", "footer", "form", "svg", "button", "template",
         "iframe", "select", "object", "canvas", "head"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "blockquote", "figure",
          "figcaption", "header", "ul", "ol", "li", "dl", "dt", "dd", "table", "pre",
          "details", "summary", "address", "hr", "center", *_HEADINGS}
_BOLD = {"strong", "b"}
_MARKER = re.compile(r"^\(?(\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+(?=\S)")
_PUBLISHED = re.compile(
    r"(?:published(?:\s+on)?|date\s+published|first\s+published|publication\s+date|"
    r"cyhoeddwyd(?:\s+ar)?)\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4})",
    re.IGNORECASE)
_KEY_FINDINGS = [r"key\s+findings", r"summary\s+of\s+(?:our\s+)?findings", r"main\s+findings",
                 r"executive\s+summary", r"summary", r"overview", r"at\s+a\s+glance"]


def extract_report_html(data: bytes, source: str) -> Extraction:
    """Read an HTML report version: its own printed date, key findings and every finding."""
    result = Extraction(source=source, kind="report_html")
    try:
        doc = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        result.problems.append(Problem("extract", f"unreadable HTML: {exc}", {}, source))
        return result
    _strip_chrome(doc)
    result.publication = Publication(title=_title(doc), published_on=_published(doc))
    blocks = html_blocks(doc)
    result.publication.key_findings = key_findings(blocks)
    findings, problems = findings_from_blocks(blocks)
    result.recommendations = findings
    for problem in problems:
        problem.location = f"{source}{problem.location or ''}" if (
            problem.location or "").startswith("#") else problem.location or source
    result.problems += problems
    return result


def _title(doc) -> str | None:
    main = _main(doc)
    for h1 in [*(main.iter("h1") if main is not None else []), *doc.iter("h1")]:
        text = _text(h1)
        if text:
            return text
    meta = doc.xpath("//meta[@property='og:title']/@content")
    if meta and meta[0].strip():
        return meta[0].strip()
    title = doc.findtext(".//title") or ""
    title = re.split(r"\s+[-|\u2013]\s+", title.strip())[0]
    return title or None


def _published(doc) -> date | None:
    """The date the page prints: a "Published on" label, else a <time>, in the main content
    (the whole body only when there is no main element), else the page's metadata."""
    main = _main(doc)
    regions = [main] if main is not None else [r for r in (doc.find("body"),) if r is not None]
    for region in regions:
        m = _PUBLISHED.search(" ".join(region.text_content().split()))
        found = parse_date(m.group(1)) if m else None
        if found:
            return found
        for value in region.xpath(".//time/@datetime"):
            found = parse_date(value)
            if found:
                return found
    for value in doc.xpath("//meta[@property='article:published_time']/@content"):
        found = parse_date(value)
        if found:
            return found
    return None


def _strip_chrome(doc) -> None:
    """Drop scripts, navigation, footers, forms and footnote markers: never report text."""
    for sup in list(doc.iter("sup")):
        if re.fullmatch(r"\[?\(?[\d*†‡,\s-]{1,8}\)?\]?", sup.text_content() or "") and \
                sup.getparent() is not None:
            sup.drop_tree()  # keeps the text that follows it
    for el in list(doc.iter(*_SKIP)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in doc.xpath("//*[@role='navigation' or @role='contentinfo' or @aria-hidden='true']"):
        if el.getparent() is not None:
            el.drop_tree()


def _main(doc):
    mains = doc.xpath("//main | //*[@role='main']")
    if mains:
        return mains[0]
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    return None


def html_blocks(doc) -> list[TextBlock]:
    """The main content as headings, paragraphs and list items, each with an anchor."""
    _strip_chrome(doc)
    root = _main(doc)
    if root is None:
        root = doc.find("body") if doc.find("body") is not None else doc
    walker = _Walker()
    walker.walk(root)
    return walker.blocks


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.anchor: str | None = None

    def add(self, kind: str, text: str, level: int = 0, marker: str | None = None,
            el=None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        anchor = (el.get("id") if el is not None else None) or self.anchor
        self.blocks.append(TextBlock(kind, text, level, marker, None, anchor))  # type: ignore[arg-type]

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag is None:
            return
        level = _HEADINGS.get(tag)
        if level is None and el.get("role") == "heading":
            level = int(el.get("aria-level") or 2) if (el.get("aria-level") or "2").isdigit() else 2
        if level is not None:
            self.anchor = _heading_id(el) or self.anchor
            self.add("heading", _text(el), level)
            return
        if tag == "summary":  # an accordion's title heads what the <details> holds
            self.add("heading", _text(el), LABEL_LEVEL, el=el)
            return
        if tag in ("ul", "ol"):
            self.list_items(el, 0)
        elif tag == "dl":
            self.definitions(el)
        elif tag == "table":
            self.table(el)
        elif tag == "p" or not _has_block_child(el):
            if tag not in ("hr", "br", "img"):
                self.paragraph(el)
        else:
            self.mixed(el)

    def mixed(self, el) -> None:
        """A container holding blocks and loose inline text between them."""
        loose: list[str] = [el.text or ""]
        for child in el:
            if _tag(child) in _BLOCK or _tag(child) in _SKIP:
                self.add("paragraph", " ".join(loose))
                loose = []
                self.walk(child)
            elif _tag(child) is not None:
                loose.append(_text(child, keep_tail=False))
            loose.append(child.tail or "")
        self.add("paragraph", " ".join(loose))

    def paragraph(self, el) -> None:
        """A paragraph; all-bold text is a label heading, and a bold first line before <br>
        is split off as one."""
        parts = _split_br(el)
        if len(parts) > 1 and _all_bold(parts[0]):
            self.add("heading", "".join(t for t, _ in parts[0]), LABEL_LEVEL, el=el)
            self.add("paragraph", " ".join("".join(t for t, _ in part) for part in parts[1:]),
                     el=el)
            return
        runs = [r for part in parts for r in part]
        text = " ".join("".join(t for t, _ in part) for part in parts)
        if _all_bold(runs) and len(text) < 200:
            self.add("heading", text, LABEL_LEVEL, el=el)
        else:
            self.add("paragraph", text, el=el)

    def list_items(self, el, depth: int) -> None:
        ordered = _tag(el) == "ol"
        number = int(el.get("start", "1")) if (el.get("start") or "1").lstrip("-").isdigit() else 1
        style = el.get("type") or "1"
        for li in el:
            if _tag(li) != "li":
                if _tag(li) in ("ul", "ol"):
                    self.list_items(li, depth + 1)
                continue
            if (li.get("value") or "").isdigit():
                number = int(li.get("value"))
            text = _text(li, skip=("ul", "ol", "table"))
            marker = _ol_marker(number, style) if ordered else None
            m = _MARKER.match(text)
            if m:
                marker, text = m.group(1), text[m.end():]
            if text:
                self.blocks.append(TextBlock("item", " ".join(text.split()), depth, marker,
                                             None, li.get("id") or self.anchor))
            for child in li.iter("ul", "ol", "table"):
                if child is li or _nearest_li(child) is not li or _inside_nested(child, li):
                    continue
                if _tag(child) == "table":
                    self.table(child)
                else:
                    self.list_items(child, depth + 1)
            number += 1

    def definitions(self, el) -> None:
        for child in el:
            tag = _tag(child)
            if tag == "dt":
                self.add("heading", _text(child), LABEL_LEVEL, el=child)
            elif tag == "dd":
                if _has_block_child(child):
                    self.mixed(child)
                else:
                    self.add("paragraph", _text(child), el=child)
            elif tag == "div":
                self.definitions(child)

    def table(self, el) -> None:
        rows = []
        carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
        for tr in el.iter("tr"):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            if not cells:
                continue
            header = all(_tag(c) == "th" for c in cells) or _tag(tr.getparent()) == "thead"
            rows.append((_spread(cells, carried), header))
        caption = el.find("caption")
        if caption is not None and _text(caption):
            self.add("heading", _text(caption), LABEL_LEVEL)
        self.blocks += table_blocks(rows, None, el.get("id") or self.anchor)


def _spread(cells: list, carried: dict[int, tuple[str, int]]) -> list[str]:
    """One row's texts with cells spanned from rows above (rowspan) and across columns
    (colspan) put back in their columns."""
    out: list[str] = []
    queue = list(cells)
    col = 0
    while queue or any(c >= col for c in carried):
        if col in carried:
            text, left = carried[col]
            out.append(text)
            if left <= 1:
                del carried[col]
            else:
                carried[col] = (text, left - 1)
            col += 1
            continue
        if not queue:
            break
        cell = queue.pop(0)
        text = _text(cell)
        span = int(cell.get("rowspan", "1")) if (cell.get("rowspan") or "1").isdigit() else 1
        width = int(cell.get("colspan", "1")) if (cell.get("colspan") or "1").isdigit() else 1
        for i in range(max(1, width)):
            out.append(text if i == 0 else "")
            if span > 1:
                carried[col] = (text, span - 1)
            col += 1
    return out


def _tag(el) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None


def _has_block_child(el) -> bool:
    return any(_tag(c) in _BLOCK for c in el.iter() if c is not el)


def _nearest_li(el):
    parent = el.getparent()
    while parent is not None and _tag(parent) != "li":
        parent = parent.getparent()
    return parent


def _inside_nested(el, li) -> bool:
    """True when ``el`` sits inside another list or table within ``li``."""
    parent = el.getparent()
    while parent is not None and parent is not li:
        if _tag(parent) in ("ul", "ol", "table"):
            return True
        parent = parent.getparent()
    return False


def _heading_id(el) -> str | None:
    if el.get("id"):
        return el.get("id")
    inner = el.xpath(".//a[@id or @name]")
    if inner:
        return inner[0].get("id") or inner[0].get("name")
    parent = el.getparent()
    if parent is not None and parent.get("id") and len(parent) and parent[0] is el:
        return parent.get("id")
    return None


def _text(el, skip: tuple[str, ...] = (), keep_tail: bool = False) -> str:
    out: list[str] = []

    def visit(node) -> None:
        tag = _tag(node)
        if tag in skip and node is not el:
            return
        if tag == "br":
            out.append(" ")
        elif tag is not None:
            block = tag in _BLOCK and node is not el
            out.append((" " if block else "") + (node.text or ""))
            for child in node:
                visit(child)
                out.append(child.tail or "")
            if block:
                out.append(" ")

    visit(el)
    if keep_tail:
        out.append(el.tail or "")
    return " ".join("".join(out).split())


def _runs(el, bold: bool = False) -> list[tuple[str, bool] | None]:
    """(text, is bold) runs of a paragraph; None marks a <br>."""
    out: list[tuple[str, bool] | None] = []
    tag = _tag(el)
    bold = bold or tag in _BOLD or "bold" in (el.get("style") or "").replace(" ", "")
    if el.text:
        out.append((el.text, bold))
    for child in el:
        if _tag(child) == "br":
            out.append(None)
        elif _tag(child) is not None:
            out += _runs(child, bold)
        if child.tail:
            out.append((child.tail, bold))
    return out


def _split_br(el) -> list[list[tuple[str, bool]]]:
    parts: list[list[tuple[str, bool]]] = [[]]
    for run in _runs(el):
        if run is None:
            parts.append([])
        elif run[0]:
            parts[-1].append(run)
    return [p for p in parts if any(t.strip() for t, _ in p)]


def _all_bold(runs: list[tuple[str, bool]]) -> bool:
    return bool(runs) and all(bold for text, bold in runs if text.strip())


def _ol_marker(number: int, style: str) -> str:
    if style in ("a", "A"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I"):
        roman = _roman(number)
        return roman.upper() if style == "I" else roman
    return str(number)


def _roman(number: int) -> str:
    values = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def key_findings(blocks: list[TextBlock]) -> str | None:
    """The text of the report's key findings (or summary) section, one block a line."""
    headings = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading"]
    for pattern in _KEY_FINDINGS:
        for i, heading in headings:
            if not re.match(rf"^(?:\d+(?:\.\d+)*\.?\s+)?{pattern}\b", heading.text, re.IGNORECASE):
                continue
            lines = []
            for block in blocks[i + 1:]:
                if block.kind == "heading" and block.level <= heading.level:
                    break
                lines.append(f"- {block.text}" if block.kind == "item" else block.text)
            if lines:
                return "\n".join(lines)
    return None


__all__ = ["extract_report_html", "html_blocks", "key_findings", "is_summary_heading"]
