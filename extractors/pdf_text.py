"""PDF text: a fast pypdfium2 pass, cleaning of page furniture, and layout where needed.

* ``pdf_pages(data)`` - the fast path: pypdfium2 ``get_text_range()`` per page, then
  ``clean_pages`` (text only, no geometry).
* ``pdf_line_pages(data)`` - the same pass, but every printed line keeps its position,
  size and boldness (a few pdfium calls per line, no per-character loop), so headings,
  paragraphs and page furniture can be told apart. Pages that may carry findings and
  set text side by side are read column by column, and their ruled tables come out as
  rows of cells, still through pdfium (text rectangles and the page's path objects).
* ``pdf_layout_pages(data, numbers)`` - pdfplumber, for pages whose rules look like a
  table that pdfium could not read: its parse costs ~0.15 s a page, so it is the
  exception, never the rule.

Every page (pdfium and pdfplumber) is closed as soon as it is read, so memory holds the
document's text, never its pages.
"""
from __future__ import annotations

import ctypes
import io
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u27a2"
_HYPHEN_MARKS = "\ufffe\x02"          # pdfium's marks for a hyphen that ends a line
_TRANSLATE = str.maketrans({**LIGATURES, "\xa0": " ", "\u200b": "", "\ufeff": "",
                            "\u2010": "-", "\u2011": "-", "\t": " "})
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$",
    re.IGNORECASE)
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:\.\s?){2,}…")
TOC_ENTRY = re.compile(r"[A-Za-z)](?:\s*(?:\.\s?){3,}|\s*…+|\s)\s*\d{1,3}$")   # use .search
FINDING_WORDS = ("recommend", "improvement", "concern", "argymh", "i'w gwella", "i\u2019w gwella",
                 "pryder")
_LABEL_LIKE = re.compile(
    r"^(?:our\s+)?(?:recommendations?|areas?\s+for\s+improvement|causes?\s+of\s+concern)\b",
    re.IGNORECASE)

COMMON_WORDS = frozenset("""
a about after all also an and any are as at based be been being best both but by can
case cases chief control crime crimes data decision decisions down end every for force
forces from full good has have high how in into is it its joined led level line long
low make making making member more most much national new non not of off on one or
other out over part people police policing post pre process public record recorded
recording report risk safe self set so some such term than that the their them then
there these they this those three time to two under up use well what when where which
who will with within work year years
""".split())
SUFFIX_FRAGMENTS = frozenset("""
tion tions sion sions ment ments ing ings ed er ers est ly ness ity ities ance ances ence
ences able ably ible ibly al ally ive ives ous ise ised ises ising ize ized izes izing
ate ated ates ating ation ations ure ures ful fully less ship ships ism ist ists ant ants
ent ents ial ially ic ics ical ically ary ory ery age ages ward wards ee ees
""".split())


def names_findings(text: str) -> bool:
    """True when the text uses a word that findings are headed by (any case)."""
    low = text.lower()
    return any(word in low for word in FINDING_WORDS)


def has_leaders(text: str) -> bool:
    """True for a contents line's dot leaders ("Recommendations ....... 12")."""
    return ("..." in text or ". ." in text or "\u2026" in text) and bool(DOT_LEADERS.search(text))


class PdfError(ValueError):
    """The bytes are not a readable PDF (corrupt, truncated, encrypted or empty)."""


@dataclass
class PdfPage:
    """One page's text, cleaned of furniture: one paragraph per line, single spaces."""

    number: int
    text: str


@dataclass(slots=True)
class PdfLine:
    """One printed line with its place on the page (top-down points) and its style."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    cells: tuple[str, ...] | None = None   # set for a table row


@dataclass
class PdfLayoutPage:
    """A page as lines in reading order; ``multi_column`` when lines sit side by side."""

    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    multi_column: bool = False
    ruled: bool = False          # drawn lines that may rule a table
    table_unread: bool = False   # rules look like a table that pdfium could not read


# ---------------------------------------------------------------- opening documents

def _open_pdfium(data: bytes):
    import pypdfium2 as pdfium

    if not data or not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError("not a PDF: no %PDF header")
    if b"%%EOF" not in data[-2048:]:
        raise PdfError("truncated: no %%EOF marker at the end")
    try:
        pdf = pdfium.PdfDocument(bytes(data))
    except pdfium.PdfiumError as exc:
        raise PdfError(_pdfium_reason(str(exc))) from exc
    if len(pdf) == 0:
        pdf.close()
        raise PdfError("no pages")
    return pdf


def _pdfium_reason(message: str) -> str:
    low = message.lower()
    if "password" in low or "security" in low:
        return "encrypted: needs a password"
    return f"unreadable: {message.strip()}"


def _page_texts(data: bytes) -> Iterable[tuple[int, object, object, str]]:
    """Yield (number, page, textpage, raw text) and close each page after use."""
    import pypdfium2 as pdfium

    pdf = _open_pdfium(data)
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise PdfError(f"unreadable page {index + 1}: {exc}") from exc
            try:
                yield index + 1, page, textpage, textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()


def pdf_pages(data: bytes) -> list[PdfPage]:
    """The fast path: every page's text through pypdfium2, cleaned by ``clean_pages``."""
    raw = [text for _, _, _, text in _page_texts(data)]
    return clean_pages(raw)


def pdf_metadata_title(data: bytes) -> str | None:
    """The document information dictionary's Title, if any."""
    pdf = _open_pdfium(data)
    try:
        title = (pdf.get_metadata_value("Title") or "").strip()
    finally:
        pdf.close()
    return title or None


# ---------------------------------------------------------------- character fixes

def fix_chars(text: str) -> str:
    """Ligatures to letters, odd spaces to spaces, pdfium hyphen marks to '-'."""
    text = text.translate(_TRANSLATE)
    for mark in _HYPHEN_MARKS:
        text = text.replace(mark, "-")
    return text.replace("\u00ad", "-")


def _raw_lines(page_text: str) -> list[str]:
    """Split pdfium text into printed lines (a hyphen mark also ends a line)."""
    text = page_text.replace("\r\n", "\n").replace("\r", "\n")
    for mark in _HYPHEN_MARKS + "\u00ad":
        text = text.replace(mark, "-\n")
    return [" ".join(fix_chars(line).split()) for line in text.split("\n")]


# ---------------------------------------------------------------- hyphenation

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_SPLIT_LEFT = re.compile(r"([A-Za-z]+)-$")
_SPLIT_RIGHT = re.compile(r"^([A-Za-z]+)")


class Vocabulary:
    """Words and hyphenated compounds the document prints away from line ends.

    Built on first use from the lines it was given, so a document with no word split
    at a line end never pays for it."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self._lines: Iterable[str] | None = lines
        self._words: set[str] = set()
        self._compounds: set[str] = set()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Vocabulary":
        return cls(lines)

    @property
    def words(self) -> set[str]:
        self._build()
        return self._words

    @property
    def compounds(self) -> set[str]:
        self._build()
        return self._compounds

    def _build(self) -> None:
        """Read in chunks of lines, so that memory holds the vocabulary, not every word."""
        if self._lines is None:
            return
        lines, self._lines = self._lines, None
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 400 and not line.endswith("-"):
                self._read("\n".join(chunk))
                chunk = []
        self._read("\n".join(chunk))

    def _read(self, text: str) -> None:
        text = re.sub(r"[a-z]+-\n\W*[a-z]+", " ", text.lower())   # both halves of split words
        self._words.update(_WORD.findall(text))
        self._compounds.update(_COMPOUND.findall(text))

    def is_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.words or w in COMMON_WORDS


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """Join two lines where ``left`` ends with a hyphen: split word or real hyphen?

    Heuristic, in order: the next line starting with a capital keeps the hyphen
    ("non-Home Office"); a compound the document prints elsewhere on one line keeps it
    ("crime-recording"); a joined word the document prints elsewhere is joined
    ("recommendation"); a second half that is a common suffix ("-tion", "-ment",
    "-ing") is joined; two halves that are both words keep the hyphen
    ("decision-making"); anything else (fragments such as "recom" + "mendation") joins.
    """
    m_left, m_right = _SPLIT_LEFT.search(left), _SPLIT_RIGHT.match(right)
    if not (m_left and m_right):
        return f"{left}{right}" if left.endswith("-") and not left.endswith(" -") \
            and right[:1].isdigit() else f"{left} {right}"
    a, b = m_left.group(1), m_right.group(1)
    keep = f"{left}{right}"
    join = f"{left[:-1]}{right}"
    if b[0].isupper():
        return keep
    if f"{a}-{b}".lower() in vocab.compounds:
        return keep
    if f"{a}{b}".lower() in vocab.words:
        return join
    if b.lower() in SUFFIX_FRAGMENTS:
        return join
    if len(a) > 1 and len(b) > 1 and vocab.is_word(a) and vocab.is_word(b):
        return keep
    return join


def join_lines(lines: list[str], vocab: Vocabulary) -> str:
    """Unwrap printed lines into one paragraph string with single spaces."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_hyphenated(text, line, vocab)
        else:
            text = f"{text} {line}"
    return " ".join(text.split())


# ---------------------------------------------------------------- furniture

def furniture_key(text: str) -> str:
    """A line's text with digits masked, for spotting running headers and footers."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _repeats(keys_by_page: dict[str, set[int]], n_pages: int) -> set[str]:
    need = 2 if n_pages <= 5 else max(3, round(0.2 * n_pages)) if n_pages < 15 else 3
    return {k for k, pages in keys_by_page.items() if len(pages) >= need and k.strip("# ")}


def clean_pages(raw: list[str]) -> list[PdfPage]:
    """Raw page texts -> cleaned pages (text only; see ``pdf_line_pages`` for geometry).

    Furniture: the first two and last two lines of each page are candidates; a
    candidate is dropped when it is a page number ("7", "Page 7", "7 of 40", "vii") or
    when its digit-masked text repeats at the edge of several pages (at least 2 pages
    of a short document, else 3 pages and 20% of short ones). The cover (page 1) keeps
    repeated lines, since a title there often equals the running header. Lines that
    read as finding headings ("Recommendations") are never dropped for repeating.
    Paragraphs: a line ending a sentence (.!?:) followed by a capital, bullet or
    number, or a line well short of the page's usual width, ends a paragraph.
    """
    pages = [[ln for ln in _raw_lines(text) if ln] for text in raw]
    edge_keys: dict[str, set[int]] = defaultdict(set)
    for number, lines in enumerate(pages, start=1):
        for line in lines[:2] + lines[-2:]:
            edge_keys[furniture_key(line)].add(number)
    repeated = _repeats(edge_keys, len(pages))
    vocab = Vocabulary.from_lines(ln for lines in pages for ln in lines)
    out = []
    for number, lines in enumerate(pages, start=1):
        edges = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        kept = [ln for i, ln in enumerate(lines) if not (i in edges and _is_furniture_text(
            ln, repeated, number))]
        out.append(PdfPage(number, "\n".join(_paragraphs(kept, vocab))))
    return out


def _is_furniture_text(line: str, repeated: set[str], number: int) -> bool:
    if PAGE_NUMBER.match(line.strip()):
        return True
    if number == 1 or _LABEL_LIKE.match(line):
        return False
    return furniture_key(line) in repeated


_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"\u2019\u201d)]?$")
_STARTS_BLOCK = re.compile(rf"^(?:[{BULLETS}*\u2013-]\s|\(?\d{{1,2}}(?:\.\d{{1,2}})*[.)]?\s|[A-Z\"'\u201c\u2018])")


def _paragraphs(lines: list[str], vocab: Vocabulary) -> list[str]:
    if not lines:
        return []
    widths = sorted(len(ln) for ln in lines)
    usual = widths[int(0.8 * (len(widths) - 1))]
    paragraphs: list[list[str]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        ends = _ENDS_SENTENCE.search(prev) and _STARTS_BLOCK.match(line)
        short = len(prev) < 0.6 * usual and not prev.endswith("-")
        bullet = re.match(rf"^[{BULLETS}]", line)
        if ends or short or bullet or has_leaders(prev):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [join_lines(p, vocab) for p in paragraphs]


# ---------------------------------------------------------------- pdfium lines with geometry

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FORCE_BOLD = 1 << 18


def pdf_line_pages(data: bytes, layout: bool = True) -> list[PdfLayoutPage]:
    """Every page as printed lines with position, size (loose box height) and boldness.

    One ``get_text_range`` per page; per line, pdfium is asked only for the first and
    last characters' boxes and the first letter's font. With ``layout``, a page that may
    carry findings (it, or the page before, names them) and sets text side by side is
    read in column order, and ruled tables on it come out as rows of cells; all of it
    through pdfium, so no page pays pdfplumber's parse.
    """
    pages = []
    before = False
    carried: list[float] | None = None      # column edges of a table running off the page
    for number, page, textpage, text in _page_texts(data):
        reader = _PageReader(page, textpage, text)
        named = names_findings(text)
        relevant = named or before
        before = named
        lines = reader.lines()
        multi = relevant and reader.side_by_side()
        ruled = relevant and reader.count_paths(4) >= 4
        unread = False
        if layout and relevant and (multi or ruled):
            lines, unread, carried = reader.layout_lines(lines, multi, ruled, carried)
        else:
            carried = None
        pages.append(PdfLayoutPage(number, reader.width, reader.height, lines, multi, ruled,
                                   unread))
    return pages


class _PageReader:
    """pdfium calls for one open page: lines, text rectangles, rules, tables."""

    def __init__(self, page, textpage, text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.page, self.textpage, self.text = page, textpage, text
        self.raw = textpage.raw
        self.width, self.height = page.get_size()
        self._font = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._box = pdfium_c.FS_RECTF()
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._rects: list[tuple[float, float, float, float]] | None = None
        self._bold: dict[tuple[bytes, int], bool] = {}
        last = len(text) - 1
        self._identity = last < 0 or (
            pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.raw, last) == last
            and textpage.count_chars() == len(text))

    def char_index(self, text_index: int) -> int:
        if self._identity:
            return text_index
        idx = self.c.FPDFText_GetCharIndexFromTextIndex(self.raw, text_index)
        return idx if idx >= 0 else text_index

    def text_index(self, char_index: int) -> int:
        idx = self.c.FPDFText_GetTextIndexFromCharIndex(self.raw, char_index)
        return idx if idx >= 0 else char_index

    def style(self, ci: int) -> tuple[float, float, float, bool]:
        """(left, top, bottom, bold) of a character's loose box, pdfium coordinates."""
        c = self.c
        c.FPDFText_GetLooseCharBox(self.raw, ci, self._box)
        c.FPDFText_GetFontInfo(self.raw, ci, self._font, 128, self._flags)
        key = (self._font.value, self._flags.value)
        bold = self._bold.get(key)
        if bold is None:
            weight = c.FPDFText_GetFontWeight(self.raw, ci)
            bold = bool(_BOLD_NAME.search(key[0].decode("latin-1", "replace"))
                        or weight >= 600 or key[1] & _FORCE_BOLD)
            self._bold[key] = bold
        return self._box.left, self._box.top, self._box.bottom, bold

    def right(self, ci: int) -> float:
        left, right, bottom, top = self._edges
        self.c.FPDFText_GetCharBox(self.raw, ci, left, right, bottom, top)
        return right.value

    def line(self, text: str, start: int) -> PdfLine | None:
        """A PdfLine for ``text`` that begins at text index ``start``."""
        first = _first_index(text, str.isalnum)
        visible = _first_index(text, lambda ch: not ch.isspace())
        if visible is None:
            return None
        first = visible if first is None else first
        x0, top, bottom, bold = self.style(self.char_index(start + first))
        if visible < first:
            x0 = self.style(self.char_index(start + visible))[0]
        last_alnum = _last_index(text, str.isalnum)
        if bold and last_alnum is not None and last_alnum != first:
            bold = self.style(self.char_index(start + last_alnum))[3]
        x1 = self.right(self.char_index(start + len(text.rstrip()) - 1))
        clean = " ".join(fix_chars(text).split())
        return PdfLine(clean, x0, x1, self.height - top, self.height - bottom,
                       round(top - bottom, 1), bold)

    def lines(self) -> list[PdfLine]:
        out = []
        for start, segment in _segments(self.text):
            line = self.line(segment, start)
            if line is not None:
                out.append(line)
        return out

    def rects(self) -> list[tuple[float, float, float, float]]:
        if self._rects is None:
            tp = self.textpage
            self._rects = [tp.get_rect(i) for i in range(tp.count_rects())]
        return self._rects

    def side_by_side(self) -> bool:
        """True when at least three text rectangles have a partner beside them: one that
        shares most of its height and sits more than 18 pt away (a column or a cell)."""
        rects = sorted(self.rects(), key=lambda r: r[1])
        paired = 0
        for i, (left, bottom, right, top) in enumerate(rects):
            for other in rects[i + 1:]:
                if other[1] >= top:
                    break
                overlap = min(top, other[3]) - max(bottom, other[1])
                if overlap < 0.5 * min(top - bottom, other[3] - other[1]):
                    continue
                if other[0] - right > 18 or left - other[2] > 18:
                    paired += 1
                    break
            if paired >= 3:
                return True
        return False

    def count_paths(self, limit: int = 6) -> int:
        """How many path objects (rules, boxes) the page draws, counting up to ``limit``."""
        c, found = self.c, 0
        for i in range(c.FPDFPage_CountObjects(self.page.raw)):
            if c.FPDFPageObj_GetType(c.FPDFPage_GetObject(self.page.raw, i)) == c.FPDF_PAGEOBJ_PATH:
                found += 1
                if found >= limit:
                    break
        return found

    def segment_lines(self) -> list[PdfLine]:
        """One line per text rectangle (a line of one column), found by its first char."""
        starts = []
        for left, bottom, right, top in self.rects():
            ci = self.textpage.get_index(left + 0.5, (bottom + top) / 2, 1.0, (top - bottom) / 2)
            if ci is None:
                return []
            starts.append(self.text_index(ci))
        if starts != sorted(starts):
            return []
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            for offset, piece in _segments(self.text[start:end]):
                line = self.line(piece, start + offset)
                if line is not None:
                    out.append(line)
        return _merge_segments(out)

    def rules(self) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
        """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules, top-down coordinates."""
        c = self.c
        hs, vs = [], []
        l, b, r, t = (ctypes.c_float() for _ in range(4))
        for i in range(c.FPDFPage_CountObjects(self.page.raw)):
            obj = c.FPDFPage_GetObject(self.page.raw, i)
            if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH:
                continue
            if not c.FPDFPageObj_GetBounds(obj, l, b, r, t):
                continue
            x0, x1 = l.value, r.value
            top, bottom = self.height - t.value, self.height - b.value
            if bottom - top <= 3 and x1 - x0 > 10:
                hs.append(((top + bottom) / 2, x0, x1))
            elif x1 - x0 <= 3 and bottom - top > 10:
                vs.append(((x0 + x1) / 2, top, bottom))
            elif x1 - x0 > 10 and bottom - top > 10:
                hs += [(top, x0, x1), (bottom, x0, x1)]
                vs += [(x0, top, bottom), (x1, top, bottom)]
        return hs, vs

    def tables(self, carried: list[float] | None = None
               ) -> tuple[list[tuple[tuple[float, float, float, float], list[PdfLine]]], bool]:
        """Ruled tables as (bbox, rows with cells); and whether rules looked like a table
        that could not be read. A one-cell box counts as a table only when it is a table's
        piece that a page break cut off: a one-line row left at the foot of a page, or a
        box at the head of a page under the same column edges (``carried``) as a table
        that ran off the page before."""
        hs, vs = self.rules()
        found, unread = [], False
        for group in _overlapping(vs):
            xs = _distinct(v[0] for v in group)
            top, bottom = min(v[1] for v in group), max(v[2] for v in group)
            ys = _distinct(h[0] for h in hs if top - 2 <= h[0] <= bottom + 2
                           and h[1] < xs[-1] and h[2] > xs[0])
            if len(xs) < 2 or len(ys) < 2:
                continue
            if len(ys) < 3 and len(xs) < 3 and not (
                    self.stranded_row(xs, ys) or self.carried_row(xs, ys, carried)):
                continue                     # a box round text, not a table
            rows = []
            for y0, y1 in zip(ys, ys[1:]):
                cells = tuple(self.cell_text(x0, y0, x1, y1) for x0, x1 in zip(xs, xs[1:]))
                if any(cells):
                    rows.append(PdfLine(" ".join(c for c in cells if c), xs[0], xs[-1], y0, y1,
                                        0.0, False, cells))
            if rows:
                found.append(((xs[0], ys[0], xs[-1], ys[-1]), rows))
            else:
                unread = True
        return found, unread

    def stranded_row(self, xs: list[float], ys: list[float]) -> bool:
        """A one-cell, one-line box with no body text below it: a table's first row that
        a page break separated from the rest."""
        raw = self.textpage.get_text_bounded(xs[0], self.height - ys[1], xs[1],
                                             self.height - ys[0]).strip()
        if not raw or "\n" in raw or "\r" in raw:
            return False
        below = [ln for ln in self.lines() if ln.top > ys[1] and ln.top < 0.88 * self.height]
        return not below

    def carried_row(self, xs: list[float], ys: list[float], carried: list[float] | None) -> bool:
        if not carried or len(carried) != len(xs) or any(
                abs(a - b) > 2 for a, b in zip(carried, xs)):
            return False
        return not [ln for ln in self.lines()
                    if ln.bottom < ys[0] and ln.top > 0.12 * self.height]

    def cell_text(self, x0: float, top: float, x1: float, bottom: float) -> str:
        raw = self.textpage.get_text_bounded(x0, self.height - bottom, x1, self.height - top)
        return join_lines(_raw_lines(raw), Vocabulary())

    def layout_lines(self, lines: list[PdfLine], multi: bool, ruled: bool,
                     carried: list[float] | None = None
                     ) -> tuple[list[PdfLine], bool, list[float] | None]:
        """Lines in reading order with table rows in place; whether a table went unread;
        the column edges of a table that runs off the foot of this page."""
        tables, unread = self.tables(carried) if ruled else ([], False)
        if multi:
            lines = _reading_order(self.segment_lines() or lines, self.width, self.height)
        if not tables:
            return lines, unread, None
        (x0, _, _, bottom), _ = max(tables, key=lambda t: t[0][3])
        running_off = not [ln for ln in lines
                           if ln.top > bottom and ln.top < 0.88 * self.height]
        edges = self._column_edges(x0, bottom) if running_off else None
        boxes = [bbox for bbox, _ in tables]
        body = [ln for ln in lines if not any(_within(ln, b) for b in boxes)]
        if not multi:
            body.sort(key=lambda ln: ln.top)
        sizes = [ln.size for ln in body] or [12.0]
        rows = [replace(row, size=statistics.median(sizes)) for _, rs in tables for row in rs]
        return _merge_tables(body, rows), unread, edges

    def _column_edges(self, x0: float, bottom: float) -> list[float]:
        """The x of the vertical rules of the table that ends at ``bottom``."""
        _, vs = self.rules()
        return _distinct(v[0] for v in vs if abs(v[2] - bottom) <= 2 and v[0] >= x0 - 2)


def _within(line: PdfLine, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    middle = (line.top + line.bottom) / 2
    return top <= middle <= bottom and line.x0 < x1 and line.x1 > x0


def _distinct(values: Iterable[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _overlapping(vs: list[tuple[float, float, float]]) -> list[list[tuple[float, float, float]]]:
    """Vertical rules grouped by overlapping extent: one group per table."""
    groups: list[list[tuple[float, float, float]]] = []
    for rule in sorted(vs, key=lambda v: v[1]):
        if groups and rule[1] <= max(v[2] for v in groups[-1]) + 2:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups


def _merge_segments(lines: list[PdfLine]) -> list[PdfLine]:
    """Join rectangles of one printed line that sit close together (a font change)."""
    out: list[PdfLine] = []
    for line in lines:
        last = out[-1] if out else None
        if last and abs(last.top - line.top) < 2 and 0 <= line.x0 - last.x1 < max(12.0, line.size):
            out[-1] = replace(last, text=f"{last.text} {line.text}", x1=line.x1,
                              bold=last.bold and line.bold)
        else:
            out.append(line)
    return out


def _segments(text: str) -> Iterable[tuple[int, str]]:
    """(text index, printed line) pairs; a pdfium hyphen mark ends its line with '-'."""
    pos = 0
    for line in re.split(r"(\r\n|\r|\n)", text):
        if line in ("\r\n", "\r", "\n"):
            pos += len(line)
            continue
        start = 0
        if "\ufffe" in line or "\x02" in line:
            for i, ch in enumerate(line):
                if ch in _HYPHEN_MARKS:
                    yield pos + start, line[start:i] + "-"
                    start = i + 1
        if line[start:].strip():
            yield pos + start, line[start:]
        pos += len(line)


def _first_index(text: str, test) -> int | None:
    return next((i for i, c in enumerate(text) if test(c)), None)


def _last_index(text: str, test) -> int | None:
    return next((i for i in range(len(text) - 1, -1, -1) if test(text[i])), None)


# ---------------------------------------------------------------- geometry-aware furniture

def remove_furniture(pages: list[PdfLayoutPage]) -> list[PdfLayoutPage]:
    """Drop running headers, footers and page numbers from positioned lines.

    A line in the top or bottom 12% of its page is furniture when it is a page number,
    or when its digit-masked text recurs at the same height (within 2 pt) on several
    pages (2 of a short document, else 3), unless it is larger than body text or reads
    as a finding heading.
    """
    body = body_size(pages)
    spots: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if _in_edge_zone(line, page):
                spots[(furniture_key(line.text), round(line.top / 2))].add(page.number)
    merged: dict[str, set[int]] = defaultdict(set)
    for (key, y), numbers in spots.items():
        for dy in (-1, 0, 1):
            merged[f"{key}@{y}"] |= spots.get((key, y + dy), set())
    repeated = _repeats(merged, len(pages))
    out = []
    for page in pages:
        kept = []
        for line in page.lines:
            if _in_edge_zone(line, page):
                text = line.text.strip()
                if PAGE_NUMBER.match(text) or not text:
                    continue
                key = f"{furniture_key(text)}@{round(line.top / 2)}"
                if (key in repeated and line.size <= body * 1.1
                        and not _LABEL_LIKE.match(text)):
                    continue
            kept.append(line)
        out.append(replace(page, lines=kept))
    return out


def _in_edge_zone(line: PdfLine, page: PdfLayoutPage) -> bool:
    zone = 0.12 * page.height
    return line.bottom <= zone or line.top >= page.height - zone


def body_size(pages: list[PdfLayoutPage]) -> float:
    """The most common line size, weighted by characters (the body text size)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def line_pitch(pages: list[PdfLayoutPage], size: float) -> float:
    """The usual distance between consecutive body lines."""
    gaps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            if abs(a.size - size) < 1 and abs(b.size - size) < 1 and 0 < b.top - a.top < 3 * size:
                gaps.append(b.top - a.top)
    return statistics.median(gaps) if gaps else size * 1.2


# ---------------------------------------------------------------- pdfplumber layout pass

def pdf_layout_pages(data: bytes, numbers: list[int]) -> dict[int, PdfLayoutPage]:
    """Pages (1-based numbers) read by pdfplumber: columns in order, tables as rows.

    Text inside a table comes out as one ``PdfLine`` per row with ``cells`` set; the rest
    is grouped into lines by position and, on a two-column page, read left column then
    right column between any full-width lines. Each page is closed after use.
    """
    import pdfplumber

    wanted = sorted(set(numbers))
    out: dict[int, PdfLayoutPage] = {}
    if not wanted:
        return out
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on bad input
        raise PdfError(f"unreadable: {exc}") from exc
    with pdf:
        for number in wanted:
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            try:
                out[number] = _plumber_page(page, number)
            finally:
                page.close()
    return out


def _plumber_page(page, number: int) -> PdfLayoutPage:
    width, height = float(page.width), float(page.height)
    table_lines: list[PdfLine] = []
    boxes = []
    for table in page.find_tables():
        boxes.append(table.bbox)
        for row, cells in zip(table.rows, table.extract()):
            texts = tuple(" ".join(fix_chars(c or "").split()) for c in cells)
            if not any(texts):
                continue
            x0, top, x1, bottom = row.bbox
            table_lines.append(PdfLine(" ".join(t for t in texts if t), x0, x1, top, bottom,
                                       0.0, False, texts))
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"])
             if not any(_inside(w, b) for b in boxes)]
    lines = _reading_order([_run_line(r) for r in _group_words(words)], width, height)
    sizes = [ln.size for ln in lines]
    for ln in table_lines:
        ln.size = statistics.median(sizes) if sizes else 12.0
    if table_lines:
        lines = _merge_tables(lines, table_lines)
    return PdfLayoutPage(number, width, height, lines, multi_column=True)


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _group_words(words: list[dict]) -> list[list[dict]]:
    """Words -> runs on one baseline without a wide gap (a column's line)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    runs: list[list[dict]] = []
    for w in words:
        last = runs[-1] if runs else None
        if (last and abs(last[-1]["top"] - w["top"]) < 2
                and w["x0"] - last[-1]["x1"] < max(12.0, 1.5 * w["size"])):
            last.append(w)
        else:
            runs.append([w])
    return runs


def _run_line(run: list[dict]) -> PdfLine:
    text = " ".join(fix_chars(w["text"]) for w in run)
    first = next((w for w in run if re.search(r"\w", w["text"])), run[0])
    letters = [w for w in run if re.search(r"\w", w["text"])] or run
    bold = all(_BOLD_NAME.search(w["fontname"] or "") for w in letters)
    return PdfLine(" ".join(text.split()), run[0]["x0"], run[-1]["x1"],
                   min(w["top"] for w in run), max(w["bottom"] for w in run),
                   round(float(first["size"]), 1), bold)


def _reading_order(lines: list[PdfLine], width: float, height: float) -> list[PdfLine]:
    """Left column before right column, between full-width lines."""
    gutter = _gutter(lines, width, height)
    if gutter is None:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[PdfLine] = []
    left: list[PdfLine] = []
    right: list[PdfLine] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.x1 <= gutter:
            left.append(ln)
        elif ln.x0 >= gutter:
            right.append(ln)
        else:
            out += left + right + [ln]
            left, right = [], []
    return out + left + right


def _gutter(lines: list[PdfLine], width: float, height: float) -> float | None:
    """The middle of the widest strip between 30% and 70% of the width that no column
    line crosses (lines wider than 60% of the page, and running headers and footers in
    the top and bottom tenth, are ignored), with worded lines on both sides."""
    body = [ln for ln in lines if 0.1 * height < ln.top < 0.9 * height]
    spans = sorted((ln.x0, ln.x1) for ln in body if ln.x1 - ln.x0 < 0.6 * width)
    low, high = 0.3 * width, 0.7 * width
    gaps: list[tuple[float, float]] = []
    reach = 0.0
    for x0, x1 in spans:
        if x0 > reach:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    gaps.append((reach, width))
    best = None
    for a, b in gaps:
        a, b = max(a, low), min(b, high)
        if b <= a:
            continue
        x = (a + b) / 2
        lefts = sum(1 for ln in body if ln.x1 <= x)
        rights = sum(1 for ln in body if ln.x0 >= x and re.search(r"[A-Za-z]{3}", ln.text))
        if lefts >= 2 and rights >= 2 and (best is None or b - a > best[0]):
            best = (b - a, x)
    return best[1] if best else None


def _merge_tables(lines: list[PdfLine], table_lines: list[PdfLine]) -> list[PdfLine]:
    """Put table rows back among the text lines by their vertical position."""
    out = [ln for ln in lines if ln.cells is None]
    for row in table_lines:
        at = next((i for i, ln in enumerate(out) if ln.top > row.top and ln.cells is None
                   and ln.x0 < row.x1 and ln.x1 > row.x0), len(out))
        out.insert(at, row)
    return out
