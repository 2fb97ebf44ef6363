"""HTML helpers shared by the page extractors: main content, labelled fields, headings."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from extractors.html.chrome import CHROME_TOKEN, PAGE_CHROME_TAGS

_BLOCKS = {"p", "div", "li", "dd", "dt", "td", "th", "tr", "section", "article", "main",
           "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "header", "span"}


_WINDOWS_1252_ALIASES = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii",
                                   "iso8859-1", "l1", "cp819"})
_META_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: the charset the server declared, then a byte-order mark, then the
    page's own meta charset, then UTF-8, then windows-1252 (Latin-1 and ASCII labels read
    as windows-1252, as browsers do: WHATWG Encoding)."""
    meta = _META_CHARSET.search(data[:4096].decode("ascii", "ignore").lower())
    bom = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else None
    for enc in (declared, bom, meta.group(1) if meta else None, "utf-8", "windows-1252"):
        if not enc:
            continue
        if enc.lower().replace("_", "-") in _WINDOWS_1252_ALIASES:
            enc = "windows-1252"
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def parse_html(data: bytes | str) -> BeautifulSoup:
    """A BeautifulSoup tree (lxml parser) from bytes or text."""
    text = data if isinstance(data, str) else decode_html(data)
    return BeautifulSoup(text, "lxml")


def text_of(node: Tag | NavigableString | None) -> str:
    """Visible text of a node with whitespace collapsed."""
    if node is None:
        return ""
    return squash(node.get_text(" ", strip=True) if isinstance(node, Tag) else str(node))


def squash(text: str) -> str:
    """Runs of whitespace (no-break spaces too) as one space, trimmed."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def main_content(soup: BeautifulSoup) -> Tag:
    """The page's own content: <main>/role=main/<article> holding the h1, chrome removed."""
    h1 = soup.find("h1")
    candidates = [soup.find("main"), soup.find(attrs={"role": "main"}),
                  h1.find_parent("article") if h1 is not None else None]
    root = next((c for c in candidates if isinstance(c, Tag) and text_of(c)), None)
    root = BeautifulSoup(str(root or soup.body or soup), "lxml")
    for tag in root.find_all(PAGE_CHROME_TAGS):
        tag.decompose()
    for tag in root.find_all(True):
        if getattr(tag, "decomposed", False) or tag.find("h1") is not None:
            continue
        if tag.name == "header" and tag.find_parent("article") is None:
            tag.decompose()
            continue
        tokens = [*(tag.get("class") or []), str(tag.get("id") or ""),
                  str(tag.get("role") or "")]
        if any(CHROME_TOKEN.match(t) for t in tokens if t):
            tag.decompose()
    return root.body or root


_ITEM_TAGS = ["li", "dd", "div", "p", "span", "a", "td"]


@dataclass
class Field:
    """A labelled value on a page: its text and the elements that carry it."""

    label: str
    text: str
    nodes: list[Tag | NavigableString]

    def item_texts(self) -> list[str]:
        """Texts of the value's separate items (list items, one element per value...),
        or [] when the value is a single run of text."""
        out: list[str] = []
        for node in self.nodes:
            if not isinstance(node, Tag):
                if text_of(node).strip(" ,;"):
                    out.append(text_of(node).strip(" ,;"))
                continue
            leaves = [t for t in node.find_all(_ITEM_TAGS)
                      if not t.find(_ITEM_TAGS) and text_of(t)]
            lines = _br_lines(node) if len(leaves) <= 1 else []
            out += [text_of(t) for t in leaves] if len(leaves) > 1 else \
                lines if len(lines) > 1 else [text_of(node)]
        out = [t for t in out if t and t.lower() not in ("and", ",")]
        return out if len(out) > 1 else []

    def link_texts(self) -> list[str]:
        """Texts of the links inside the value, in order."""
        out: list[str] = []
        for node in self.nodes:
            if isinstance(node, Tag):
                links = [node] if node.name == "a" else node.find_all("a")
                out += [text_of(a) for a in links if text_of(a)]
        return out


def find_field(root: Tag, labels: tuple[str, ...], stop_labels: tuple[str, ...] = ()) -> Field | None:
    """The value after the first text that reads as one of ``labels`` ('Published on:').

    Works whether the value shares the label's text node, follows it inside the same
    block (<p><strong>Label:</strong> value</p>), or sits in the next element (dt/dd,
    th/td, heading then paragraph, span then span).
    """
    label_re = re.compile(r"^\s*(" + "|".join(re.escape(x) for x in labels) +
                          r")\s*(?::|\s-\s|$|(?=\d))", re.I)
    stop = labels + stop_labels
    stop_re = re.compile(r"^\s*(" + "|".join(re.escape(x) for x in stop) + r")\s*:", re.I)
    for string in root.find_all(string=True):
        if not isinstance(string, NavigableString) or string.parent is None:
            continue
        clean = re.sub(r"\s+", " ", str(string).replace("\xa0", " ")).strip()
        if " | " in clean:  # 'Published on 15 May 2025 | Publication types: A | ...'
            for segment in clean.split(" | "):
                m = label_re.match(segment.strip())
                if m and segment.strip()[m.end():].strip():
                    rest = segment.strip()[m.end():].strip()
                    return Field(m.group(1), rest, [NavigableString(rest)])
            continue
        m = label_re.match(clean)
        if not m:
            continue
        rest = clean[m.end():].strip()
        if rest:
            label_node: Tag | NavigableString = string
            nodes: list[Tag | NavigableString] = [NavigableString(rest)]
            nodes += _following(label_node, stop_re)
            return Field(m.group(1), _join(nodes), nodes)
        nodes = _following(string, stop_re)
        if _join(nodes):
            return Field(m.group(1), _join(nodes), nodes)
        element: Tag = string.parent
        while element is not None and text_of(element).strip().rstrip(":").strip().lower() \
                == m.group(1).lower() and element.parent is not None:
            nodes = _following(element, stop_re)
            if _join(nodes):
                return Field(m.group(1), _join(nodes), nodes)
            if element.name in ("dt", "th", "h2", "h3", "h4", "h5", "h6", "td"):
                break
            element = element.parent
        if element is not None:
            nodes = _following(element, stop_re, limit=1)
            if _join(nodes):
                return Field(m.group(1), _join(nodes), nodes)
    return None


def _following(node: Tag | NavigableString, stop_re: re.Pattern[str],
               limit: int | None = None) -> list[Tag | NavigableString]:
    out: list[Tag | NavigableString] = []
    siblings = list(node.next_siblings)
    for i, sib in enumerate(siblings):
        if isinstance(sib, Tag) and sib.name == "br":
            if out and _join(out):
                if not _value_follows(siblings[i + 1:], stop_re):
                    break
                out.append(NavigableString(", "))  # values one a line (links or text)
            continue
        text = text_of(sib)
        if not text:
            continue
        if stop_re.match(text) or (isinstance(sib, Tag) and sib.name in ("dt", "th")):
            break
        if isinstance(sib, Tag) and sib.name in ("h1", "h2", "h3", "h4", "h5", "h6") and out:
            break
        out.append(sib)
        if limit and len(out) >= limit:
            break
        if isinstance(sib, Tag) and sib.name in ("dd", "td", "p", "div", "li", "ul", "ol"):
            break
    return out


def _value_follows(siblings: list[Tag | NavigableString], stop_re: re.Pattern[str]) -> bool:
    """After a <br> in a value: another value follows (a link, or a short run of text that
    is not the next label), not the rest of the block."""
    nxt = next((n for n in siblings if text_of(n) or (isinstance(n, Tag) and n.name == "br")),
               None)
    if isinstance(nxt, Tag) and (nxt.name == "a" or (nxt.find("a") is not None and
                                                      text_of(nxt) == text_of(nxt.find("a")))):
        return True
    if nxt is None or (isinstance(nxt, Tag) and nxt.name in _BLOCKS - {"span"}):
        return False
    text = text_of(nxt)
    return 0 < len(text) <= 80 and not stop_re.match(text) and not text.endswith(".")


def _br_lines(node: Tag) -> list[str]:
    """A value's lines when it prints one value a line (``A<br>B<br>C``), else []."""
    if node.find("br") is None:
        return []
    lines, current = [], []
    for piece in node.descendants:
        if isinstance(piece, Tag) and piece.name == "br":
            lines.append(squash(" ".join(current)))
            current = []
        elif isinstance(piece, NavigableString):
            current.append(str(piece))
    lines.append(squash(" ".join(current)))
    return [line.strip(" ,;") for line in lines if line.strip(" ,;")]


def _join(nodes: list[Tag | NavigableString]) -> str:
    return re.sub(r"\s+", " ", " ".join(text_of(n) for n in nodes)).strip(" :")


def split_list(text: str) -> list[str]:
    """'A, B and C' -> ['A', 'B', 'C'] (commas and the final 'and')."""
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", text) if p.strip()]
    if parts:
        last = parts.pop()  # 'X and Y' is two values only when Y starts a new name
        pieces = re.split(r"\s+and\s+(?=[A-Z0-9])", last)
        if len(pieces) > 1:
            parts += [" and ".join(pieces[:-1]), pieces[-1]]
        else:
            parts.append(last)
    return [re.sub(r"^and\s+", "", p).strip() for p in parts if p.strip()]
