"""Graded judgments from an HTML page, whatever its markup: the page is walked into blocks
of lines, tables and definition lists, scoped to its "Our judgments" section when it has
one, and read by the text and table readers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from extractors.grades.tables import grade_in_cell, grades_from_rows
from extractors.html.chrome import NAVIGATION_TAGS, NON_TEXT_TAGS
from extractors.grades.text import grades_from_atoms, read_line
from extractors.grades.words import (DEFAULT_AREAS, Atom, Candidate, area_label, clean_text,
                                     cycle_from, finish_grades, lone_grade, normalise_grade,
                                     plausible_area, scheme_from)
from extractors.records import Grade, Problem

_JUDGMENTS_HEADING = re.compile(
    r"^(?:summary\s+of\s+|overview\s+of\s+)?(?:our\s+|the\s+|hmicfrs\s+)?"
    r"(?:graded\s+|peel\s+|inspection\s+|overall\s+)?"
    r"(?:judge?ments?|grades|graded\s+areas|gradings?)"
    r"(?:\s+(?:for|on|about|of|in)\s+.{0,60})?$", re.I)


# ---------------------------------------------------------------- HTML

# page chrome (extractors/html/chrome.py) less the elements a grade may sit in (a button
# that opens an area's panel, an embedded object), and form fields
_SKIP = (NON_TEXT_TAGS - {"button", "object", "canvas"}) | (NAVIGATION_TAGS - {"menu"}) \
    | {"footer", "input", "textarea"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "main", "aside", "header", "figure", "figcaption",
           "blockquote", "caption", "details", "summary", "tr", "td", "th", "tbody", "thead",
           "body", "html", "address", "center", "fieldset", "hr", "pre"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class _Block:
    lines: list[list[str]] = field(default_factory=list)
    heading: int | None = None
    table: Tag | None = None
    dl: Tag | None = None

    @property
    def text(self) -> str:
        return clean_text(" ".join(" ".join(line) for line in self.lines))


def to_soup(data: bytes | str | BeautifulSoup | Tag) -> BeautifulSoup | Tag:
    """A parsed tree from bytes (honouring a declared charset), text or an existing tree."""
    if isinstance(data, Tag):
        return data
    if isinstance(data, bytes):
        from extractors.html.text import decode_html
        data = decode_html(data)
    return BeautifulSoup(data, "lxml")


def _inline_segments(node: Tag | NavigableString) -> list[tuple[str, bool]]:
    """(text, starts a new line) pieces of an inline node: <br> breaks, <img alt> counts."""
    if isinstance(node, NavigableString):
        return [(str(node), False)]
    if node.name == "br":
        return [("", True)]
    if node.name == "img":
        return [(node.get("alt") or "", False)]
    label = node.get("aria-label") if node.get("role") == "img" else None
    if label:
        return [(str(label), False)]
    out: list[tuple[str, bool]] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, (NavigableString, Tag)) and getattr(child, "name", None) not in _SKIP:
            out += _inline_segments(child)
    return out


def _flush(pending: list[Tag | NavigableString], heading: int | None, out: list[_Block]) -> None:
    lines: list[list[tuple[str, bool]]] = [[]]
    for node in pending:
        is_string = isinstance(node, NavigableString)
        pieces = _inline_segments(node)
        if not any(brk for _, brk in pieces):
            pieces = [("".join(t for t, _ in pieces), False)]
        for text, brk in pieces:
            if brk:
                lines.append([])
            elif text.strip():
                lines[-1].append((text, is_string))
    merged = [_merge(line) for line in lines if line]
    if merged:
        out.append(_Block(lines=merged, heading=heading))
    pending.clear()


def _merge(line: list[tuple[str, bool]]) -> list[str]:
    """Inline pieces -> segments: loose text joins its neighbour; two elements side by side
    (spans of a chart), grade words and text after a separator stay apart."""
    out: list[tuple[str, bool]] = []
    for text, is_string in line:
        if out and _same_grade(text, out[-1][0]):
            continue  # an icon's alt text beside the same grade word
        if out and (is_string or out[-1][1]) and not lone_grade(text) \
                and not lone_grade(out[-1][0]) and not re.match(r"^\s*[:|\u2013\u2014]", text):
            out[-1] = (out[-1][0] + text, True)
        else:
            out.append((text, is_string))
    return [clean_text(t) for t, _ in out if clean_text(t)]


def _same_grade(a: str, b: str) -> bool:
    grade_a, grade_b = lone_grade(a), lone_grade(b)
    return bool(grade_a and grade_b) and (
        normalise_grade(grade_a or "") == normalise_grade(grade_b or ""))


def _walk(node: Tag, out: list[_Block]) -> None:
    heading = _HEADINGS.get(node.name)
    pending: list[Tag | NavigableString] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                pending.append(child)
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name in ("table", "dl"):
            _flush(pending, heading, out)
            out.append(_Block(table=child) if child.name == "table" else _Block(dl=child))
        elif child.name in _BLOCKS or child.find(list(_BLOCKS | {"table", "dl"})):
            _flush(pending, heading, out)
            _walk(child, out)
        else:
            pending.append(child)
    _flush(pending, heading, out)


def _judgments_scopes(blocks: list[_Block]) -> list[list[_Block]]:
    """The blocks under each "Our judgments"-like heading: real headings (h1-h6) first,
    then short bold-line pseudo-headings. A scope ends at the next heading of its level."""
    real: list[list[_Block]] = []
    pseudo: list[list[_Block]] = []
    level_before: int | None = None
    for i, block in enumerate(blocks):
        if block.heading is not None:
            level_before = block.heading
        single = (block.table is None and block.dl is None and len(block.text) < 80
                  and len(block.lines) == 1 and len(block.lines[0]) == 1)
        if not ((block.heading is not None or single)
                and _JUDGMENTS_HEADING.match(block.text.strip(" :"))):
            continue
        level = block.heading if block.heading is not None else (level_before or 0)
        scope = []
        for nxt in blocks[i + 1:]:
            if nxt.heading is not None and nxt.heading <= level and not lone_grade(nxt.text):
                break
            scope.append(nxt)
        (real if block.heading is not None else pseudo).append(scope)
    return real + pseudo


def _table_rows(table: Tag) -> list[list[str]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            blocks: list[_Block] = []
            _walk(cell, blocks)
            cells.append("\n".join(" ".join(line) for b in blocks for line in b.lines))
        rows.append(cells)
    return rows


def _dl_candidates(dl: Tag) -> list[Candidate]:
    out: list[Candidate] = []
    term: str | None = None
    for child in dl.find_all(["dt", "dd"]):
        if child.find_parent("dl") is not dl:
            continue
        blocks: list[_Block] = []
        _walk(child, blocks)
        lines = [clean_text(" ".join(line)) for b in blocks for line in b.lines]
        if child.name == "dt":
            term = clean_text(" ".join(lines))
            continue
        if not term:
            continue
        if lone_grade(term):
            out += [Candidate(area_label(a), term, how="dl") for a in lines if plausible_area(a)]
        elif lines and plausible_area(term):
            grade = lone_grade(lines[0]) or grade_in_cell(lines[0])
            if grade:
                out.append(Candidate(area_label(term), grade, how="dl"))
    return out


def _read_blocks(blocks: list[_Block], *, cycle: str | None, kind: str,
                 location: str) -> tuple[list[Candidate], list[Problem]]:
    default_area = DEFAULT_AREAS.get(kind)
    cands: list[Candidate] = []
    problems: list[Problem] = []
    atoms: list[Atom] = []
    for n, block in enumerate(blocks):
        if block.table is not None:
            atoms.append(Atom("break", ""))
            found, probs, _ = grades_from_rows(_table_rows(block.table),
                                               location=f"{location} table {n + 1}")
            for c in found:
                c.order = len(cands) + len(atoms)
            cands += found
            problems += probs
            continue
        if block.dl is not None:
            atoms.append(Atom("break", ""))
            found = _dl_candidates(block.dl)
            for c in found:
                c.order = len(cands) + len(atoms)
            cands += found
            continue
        for line in block.lines:
            read = read_line(line, cycle=cycle, kind=kind, heading=block.heading is not None,
                             default_area=default_area)
            if read.candidates:
                atoms.append(Atom("break", ""))
            order = len(cands) + len(atoms)
            for c in read.candidates:
                c.order = order
            for a in read.atoms:
                a.order = order
            cands += read.candidates
            atoms += read.atoms
    cands += grades_from_atoms(atoms)
    return sorted(cands, key=lambda c: c.order), problems


def grades_from_html(soup_or_bytes: bytes | str | BeautifulSoup | Tag, *, force: str | None,
                     cycle: str | None, kind: str | None = None,
                     location: str = "html") -> tuple[list[Grade], list[Problem]]:
    """Every graded judgment of a page's "Our judgments" section (or, without one, the
    whole page), whatever its markup: tables, lists, definition lists, charts of divs,
    sentences. ``kind`` is 'peel', 'cdi' or 'fire' (guessed from the title if None)."""
    soup = to_soup(soup_or_bytes)
    title = clean_text(" ".join(t.get_text(" ") for t in soup.find_all(["title", "h1"])[:2]))
    kind = kind or scheme_from(title)
    cycle = cycle or cycle_from(title)
    blocks: list[_Block] = []
    root = soup.find("body") or soup
    if isinstance(root, Tag):
        _walk(root, blocks)
    cands: list[Candidate] = []
    problems: list[Problem] = []
    for scope in [*_judgments_scopes(blocks), blocks]:
        cands, problems = _read_blocks(scope, cycle=cycle, kind=kind, location=location)
        if cands or problems:
            break
    grades, more = finish_grades(cands, force=force, cycle=cycle, kind=kind, location=location)
    return grades, problems + more
