"""Text inside one HTML element: its words (blocks spaced apart), bold runs, <br> breaks,
list numbering as printed."""
from __future__ import annotations

HEADINGS = {f"h{i}": i for i in range(1, 7)}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "aside", "blockquote", "figure",
          "figcaption", "header", "ul", "ol", "li", "dl", "dt", "dd", "table", "pre",
          "details", "summary", "address", "hr", "center", *HEADINGS}
BOLD_TAGS = {"strong", "b"}

def tag_of(el) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None


def has_block_child(el) -> bool:
    return any(tag_of(c) in BLOCK_TAGS for c in el.iter() if c is not el)


def nearest_li(el):
    parent = el.getparent()
    while parent is not None and tag_of(parent) != "li":
        parent = parent.getparent()
    return parent


def inside_nested(el, li) -> bool:
    """True when ``el`` sits inside another list or table within ``li``."""
    parent = el.getparent()
    while parent is not None and parent is not li:
        if tag_of(parent) in ("ul", "ol", "table"):
            return True
        parent = parent.getparent()
    return False


def heading_id(el) -> str | None:
    if el.get("id"):
        return el.get("id")
    inner = el.xpath(".//a[@id or @name]")
    if inner:
        return inner[0].get("id") or inner[0].get("name")
    parent = el.getparent()
    if parent is not None and parent.get("id") and len(parent) and parent[0] is el:
        return parent.get("id")
    return None


def element_text(el, skip: tuple[str, ...] = (), keep_tail: bool = False) -> str:
    out: list[str] = []

    def visit(node) -> None:
        tag = tag_of(node)
        if tag in skip and node is not el:
            return
        if tag == "br":
            out.append(" ")
        elif tag is not None:
            block = tag in BLOCK_TAGS and node is not el
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


def runs(el, bold: bool = False) -> list[tuple[str, bool] | None]:
    """(text, is bold) runs of a paragraph; None marks a <br>."""
    out: list[tuple[str, bool] | None] = []
    tag = tag_of(el)
    bold = bold or tag in BOLD_TAGS or "bold" in (el.get("style") or "").replace(" ", "")
    if el.text:
        out.append((el.text, bold))
    for child in el:
        if tag_of(child) == "br":
            out.append(None)
        elif tag_of(child) is not None:
            out += runs(child, bold)
        if child.tail:
            out.append((child.tail, bold))
    return out


def split_br(el) -> list[list[tuple[str, bool]]]:
    parts: list[list[tuple[str, bool]]] = [[]]
    for run in runs(el):
        if run is None:
            parts.append([])
        elif run[0]:
            parts[-1].append(run)
    return [p for p in parts if any(t.strip() for t, _ in p)]


def all_bold(runs: list[tuple[str, bool]]) -> bool:
    return bool(runs) and all(bold for text, bold in runs if text.strip())


def ol_marker(number: int, style: str) -> str:
    if style in ("a", "A"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I"):
        numeral = roman(number)
        return numeral.upper() if style == "I" else numeral
    return str(number)


def roman(number: int) -> str:
    values = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out
