"""An HTML report's main content as text blocks (headings, paragraphs, list items, table
rows), each with the anchor it sits under: what ``findings_from_blocks`` reads."""
from __future__ import annotations

import re

from extractors.findings.labels import LABEL_LEVEL, TextBlock
from extractors.findings.tables import table_blocks
from extractors.html.chrome import REPORT_CHROME_ROLES, REPORT_CHROME_TAGS
from extractors.html.inline import (BLOCK_TAGS, HEADINGS, all_bold, element_text, has_block_child,
                                    heading_id, inside_nested, nearest_li, ol_marker, split_br,
                                    tag_of)

_MARKER = re.compile(r"^\(?(\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+(?=\S)")


def strip_chrome(doc) -> None:
    """Drop scripts, navigation, footers, forms and footnote markers: never report text."""
    for sup in list(doc.iter("sup")):
        if re.fullmatch(r"\[?\(?[\d*†‡,\s-]{1,8}\)?\]?", sup.text_content() or "") and \
                sup.getparent() is not None:
            sup.drop_tree()  # keeps the text that follows it
    for el in list(doc.iter(*REPORT_CHROME_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in doc.xpath("//*[@role or @aria-hidden='true']"):
        if el.getparent() is not None and (el.get("aria-hidden") == "true" or
                                           el.get("role") in REPORT_CHROME_ROLES):
            el.drop_tree()


def main_element(doc):
    mains = doc.xpath("//main | //*[@role='main']")
    if mains:
        return mains[0]
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    return None


def html_blocks(doc) -> list[TextBlock]:
    """The main content as headings, paragraphs and list items, each with an anchor."""
    strip_chrome(doc)
    root = main_element(doc)
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
        tag = tag_of(el)
        if tag is None:
            return
        level = HEADINGS.get(tag)
        if level is None and el.get("role") == "heading":
            level = int(el.get("aria-level") or 2) if (el.get("aria-level") or "2").isdigit() else 2
        if level is not None:
            self.anchor = heading_id(el) or self.anchor
            self.add("heading", element_text(el), level)
            return
        if tag == "summary":  # an accordion's title heads what the <details> holds
            self.add("heading", element_text(el), LABEL_LEVEL, el=el)
            return
        if tag in ("ul", "ol"):
            self.list_items(el, 0)
        elif tag == "dl":
            self.definitions(el)
        elif tag == "table":
            self.table(el)
        elif tag == "p" or not has_block_child(el):
            if tag not in ("hr", "br", "img"):
                self.paragraph(el)
        else:
            self.mixed(el)

    def mixed(self, el) -> None:
        """A container holding blocks and loose inline text between them."""
        loose: list[str] = [el.text or ""]
        for child in el:
            if tag_of(child) in BLOCK_TAGS or tag_of(child) in REPORT_CHROME_TAGS:
                self.add("paragraph", " ".join(loose))
                loose = []
                self.walk(child)
            elif tag_of(child) is not None:
                loose.append(element_text(child, keep_tail=False))
            loose.append(child.tail or "")
        self.add("paragraph", " ".join(loose))

    def paragraph(self, el) -> None:
        """A paragraph; all-bold text is a label heading, and a bold first line before <br>
        is split off as one."""
        parts = split_br(el)
        if len(parts) > 1 and all_bold(parts[0]):
            self.add("heading", "".join(t for t, _ in parts[0]), LABEL_LEVEL, el=el)
            self.add("paragraph", " ".join("".join(t for t, _ in part) for part in parts[1:]),
                     el=el)
            return
        runs = [r for part in parts for r in part]
        text = " ".join("".join(t for t, _ in part) for part in parts)
        if all_bold(runs) and len(text) < 200:
            self.add("heading", text, LABEL_LEVEL, el=el)
        else:
            self.add("paragraph", text, el=el)

    def list_items(self, el, depth: int) -> None:
        ordered = tag_of(el) == "ol"
        number = int(el.get("start", "1")) if (el.get("start") or "1").lstrip("-").isdigit() else 1
        style = el.get("type") or "1"
        for li in el:
            if tag_of(li) != "li":
                if tag_of(li) in ("ul", "ol"):
                    self.list_items(li, depth + 1)
                continue
            if (li.get("value") or "").isdigit():
                number = int(li.get("value"))
            text = element_text(li, skip=("ul", "ol", "table"))
            marker = ol_marker(number, style) if ordered else None
            m = _MARKER.match(text)
            if m:
                marker, text = m.group(1), text[m.end():]
            if text:
                self.blocks.append(TextBlock("item", " ".join(text.split()), depth, marker,
                                             None, li.get("id") or self.anchor))
            for child in li.iter("ul", "ol", "table"):
                if child is li or nearest_li(child) is not li or inside_nested(child, li):
                    continue
                if tag_of(child) == "table":
                    self.table(child)
                else:
                    self.list_items(child, depth + 1)
            number += 1

    def definitions(self, el) -> None:
        for child in el:
            tag = tag_of(child)
            if tag == "dt":
                self.add("heading", element_text(child), LABEL_LEVEL, el=child)
            elif tag == "dd":
                if has_block_child(child):
                    self.mixed(child)
                else:
                    self.add("paragraph", element_text(child), el=child)
            elif tag == "div":
                self.definitions(child)

    def table(self, el) -> None:
        rows = []
        carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
        for tr in el.iter("tr"):
            cells = [c for c in tr if tag_of(c) in ("td", "th")]
            if not cells:
                continue
            header = all(tag_of(c) == "th" for c in cells) or tag_of(tr.getparent()) == "thead"
            rows.append((_spread(cells, carried), header))
        caption = el.find("caption")
        if caption is not None and element_text(caption):
            self.add("heading", element_text(caption), LABEL_LEVEL)
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
        text = element_text(cell)
        span = int(cell.get("rowspan", "1")) if (cell.get("rowspan") or "1").isdigit() else 1
        width = int(cell.get("colspan", "1")) if (cell.get("colspan") or "1").isdigit() else 1
        for i in range(max(1, width)):
            out.append(text if i == 0 else "")
            if span > 1:
                carried[col] = (text, span - 1)
            col += 1
    return out


