"""Generated report PDFs with embedded TrueType fonts, and the findings each one prints.

``build_report(spec)`` lays a ``ReportSpec`` out with reportlab's canvas in Bitstream Vera
(the TTFs reportlab ships in reportlab/fonts, embedded as subsets) and returns the PDF
bytes with the findings as the inspectorate printed them (kind, ref, text, page).
``report_specs()`` is the hypothesis strategy over the layouts real reports use:

* numbering: a "Recommendations" heading over items numbered in a margin column
  ("1", "1.", "(1)", "R1"), a number on a line of its own, "Recommendation 1" above
  the text, "Recommendation 1:" inline; areas for improvement as bullets; a cause of
  concern followed by its recommendations;
* furniture: a running header ("<short title>   HMICFRS"), a page number or
  "Page n of N" footer, a rotated side tab on the outer edge;
* layout: two-column passages read column by column, boxed panels, paragraphs and
  findings across page and column breaks, justified lines (words placed one by one),
  hyphenated line ends, fi/fl ligature glyphs, a contents page repeating the headings.

``long_report(pages, seed)`` builds the long reports the benchmark times.
"""
from __future__ import annotations

import io
import os
import random
from dataclasses import dataclass, field

import reportlab
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

BODY, BOLD = "GenVera", "GenVera-Bold"
NUMBER_STYLES = ("label", "label_colon", "margin", "margin_dot", "margin_paren", "margin_r",
                 "own_line")
WORDS = ("force officers victims crime records calls response public safeguarding audit "
         "process local national police staff teams systems quality review incidents reports "
         "community neighbourhood policing demand supervisors investigation outcomes training "
         "resources leaders partners evidence custody vulnerable people risk domestic abuse "
         "stalking assessment planning workforce wellbeing vetting standards integrity "
         "effective official confidence flexible").split()
_FONTS_READY = False


def _fonts() -> None:
    global _FONTS_READY
    if not _FONTS_READY:
        base = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
        pdfmetrics.registerFont(TTFont(BODY, os.path.join(base, "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, os.path.join(base, "VeraBd.ttf")))
        _FONTS_READY = True


@dataclass(frozen=True)
class Expected:
    kind: str
    ref: str
    text: str
    page: int


@dataclass
class Part:
    """One stretch of a report: 'filler', 'recommendations', 'afis' or 'concern'."""

    what: str
    count: int = 1
    style: str = "margin"          # recommendations: one of NUMBER_STYLES
    columns: bool = False          # set in two columns
    boxed: bool = False            # drawn inside a ruled panel
    break_before: bool = False
    text: str | None = None        # recommendations: this wording for each, not random words


@dataclass
class ReportSpec:
    parts: list[Part]
    seed: int = 0
    title: str = "Out on the road"
    footer: str = "{n}"            # or "Page {n} of {total}"
    side_tab: bool = False
    justify: bool = False
    hyphenate: bool = False
    ligatures: bool = False
    contents: bool = False
    # the order the text layer holds the text in, on ``order_pages`` (all if ()): "glyphs"
    # (each glyph its own object, drawn last to first: still read forwards), "reversed"
    # (lines drawn from the foot of the page up), "shuffled" (lines in a random order) or
    # "words" (each line one text object whose words are drawn in a random order)
    text_order: str = "normal"
    order_pages: tuple[int, ...] = ()
    widows: bool = False           # a number on a line of its own may end a page or column


# ---------------------------------------------------------------- text

class _Texts:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def filler(self) -> str:
        return " ".join(f"{self.words(self.rng.randint(8, 16)).capitalize()}."
                        for _ in range(self.rng.randint(2, 4)))

    def recommendation(self) -> str:
        return (f"By 31 March 2026, chief constables should make sure that {self.words(3)} "
                f"and {self.words(self.rng.randint(2, 14))} are reviewed.")

    def afi(self) -> str:
        return f"The force should improve how it manages {self.words(self.rng.randint(3, 12))}."

    def concern(self) -> str:
        return (f"The force is not managing {self.words(self.rng.randint(3, 10))} well "
                f"enough, and victims are at risk.")


# ---------------------------------------------------------------- layout

class _Layout:
    """Flows lines down a column, columns across a page, pages through the document."""

    W, H, LEFT, RIGHT, TOP, BOTTOM = A4[0], A4[1], 72.0, 72.0, 770.0, 80.0
    SIZE, LEADING, GUTTER = 10.5, 14.0, 20.0

    def __init__(self, spec: ReportSpec) -> None:
        self.spec = spec
        self.pages: list[list[tuple]] = []
        self.printed: set[str] = set()
        self.columns = 1
        self.col = 0
        self.region_top = self.TOP
        self.new_page()

    # pages and columns
    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.region_top = self.TOP
        self.col = 0

    @property
    def page(self) -> int:
        return len(self.pages)

    @property
    def width(self) -> float:
        full = self.W - self.LEFT - self.RIGHT
        return full if self.columns == 1 else (full - self.GUTTER) / 2

    @property
    def x(self) -> float:
        return self.LEFT + self.col * (self.width + self.GUTTER)

    def set_columns(self, n: int) -> None:
        if n == self.columns:
            return
        if self.columns == 2:
            self.y = min(self.y, self._col_low) if self.col == 1 else self.y
        self.columns, self.col = n, 0
        self.y -= self.LEADING
        self.region_top = self.y
        self._col_low = self.y

    def need(self, height: float) -> None:
        if self.y - height >= self.BOTTOM:
            return
        if self.columns == 2 and self.col == 0:
            self._col_low = self.y
            self.col, self.y = 1, self.region_top
            return
        self.new_page()

    def space(self, lines: float = 0.6) -> None:
        if self.y < self.region_top:         # no space at the head of a column or page
            self.y -= lines * self.LEADING

    def draw(self, x: float, text: str, font: str, size: float, gaps: float = 0.0) -> None:
        self.printed.update(w.strip(".,:;()").lower() for w in text.split())
        if self.spec.ligatures:
            text = text.replace("fi", "\ufb01").replace("fl", "\ufb02")
        self.pages[-1].append(("text", font, size, x, self.y, text, gaps))

    # text
    def wrap(self, text: str, width: float, font: str = BODY) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if not current or pdfmetrics.stringWidth(trial, font, self.SIZE) <= width:
                current = trial
                continue
            head = self._hyphen_head(current, word, width, font)
            if head:
                lines.append(f"{current} {head}-")
                current = word[len(head):]
            else:
                lines.append(current)
                current = word
        return lines + [current] if current else lines

    def _hyphen_head(self, current: str, word: str, width: float, font: str) -> str | None:
        if not (self.spec.hyphenate and word.isalpha() and len(word) >= 9
                and word.lower() in self.printed):
            return None
        for cut in range(len(word) - 4, 3, -1):
            if pdfmetrics.stringWidth(f"{current} {word[:cut]}-", font, self.SIZE) <= width:
                return word[:cut]
        return None

    def lines(self, lines: list[str], dx: float = 0.0, font: str = BODY,
              width: float = 0.0) -> int:
        """Draw wrapped lines ``dx`` right of the column's edge; the page of the first."""
        page = None
        for i, line in enumerate(lines):
            self.need(self.LEADING)
            page = page or self.page
            lx = self.x + dx
            gaps = 0.0
            if self.spec.justify and i < len(lines) - 1 and width and " " in line:
                spare = width - pdfmetrics.stringWidth(line, font, self.SIZE)
                gaps = max(0.0, spare / line.count(" "))
                gaps = gaps if gaps <= 5.0 else 0.0      # a typesetter would not stretch more
            self.y -= self.LEADING
            self.draw(lx, line, font, self.SIZE, gaps)
        return page or self.page

    def para(self, text: str, font: str = BODY) -> int:
        self.space(0.4)
        return self.lines(self.wrap(text, self.width, font), 0.0, font, self.width)

    def heading(self, text: str, size: float = 15.0) -> int:
        self.need(3 * self.LEADING + size)
        self.space(0.8)
        page = self.page
        for line in self.wrap_as(text, BOLD, size):
            self.y -= size + 2
            self.draw(self.x, line, BOLD, size)
        return page

    def wrap_as(self, text: str, font: str, size: float) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            if lines and pdfmetrics.stringWidth(f"{lines[-1]} {word}", font, size) <= self.width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def label(self, text: str, keep: int = 3) -> int:
        """A bold line kept with the ``keep`` - 1 lines after it."""
        self.need(keep * self.LEADING)
        self.space(0.5)
        self.y -= self.LEADING
        self.draw(self.x, text, BOLD, self.SIZE)
        return self.page

    def hanging(self, marker: str, text: str, indent: float = 26.0) -> int:
        """A numbered or bulleted item: the marker in a margin column, the text beside it."""
        lines = self.wrap(text, self.width - indent)
        self.need(min(2, len(lines)) * self.LEADING)
        self.space(0.4)
        self.y -= self.LEADING
        page = self.page
        self.draw(self.x, marker, BODY, self.SIZE)
        self.y += self.LEADING
        self.lines(lines, indent, width=self.width - indent)
        return page

    def box(self, top: float, page: int) -> None:
        if page == self.page and self.columns == 1:
            self.pages[-1].append(("rect", self.x - 8, self.y - 8, self.width + 16,
                                   top - self.y + 4))
            self.space(0.6)


# ---------------------------------------------------------------- building a report

class _Builder:
    def __init__(self, spec: ReportSpec) -> None:
        self.spec, self.texts, self.out = spec, _Texts(spec.seed), _Layout(spec)
        self.found: list[Expected] = []
        self.refs = {"recommendation": 0, "area_for_improvement": 0, "cause_of_concern": 0}
        self.headings: list[tuple[str, int]] = []

    def add(self, kind: str, text: str, page: int, ref: str = "") -> None:
        self.refs[kind] += 1
        self.found.append(Expected(kind, ref or str(self.refs[kind]), text, page))

    def heading(self, text: str) -> None:
        self.headings.append((text, self.out.heading(text, 13)))

    def part(self, part: Part) -> None:
        out, texts = self.out, self.texts
        if part.break_before and out.pages[-1]:
            out.new_page()
        out.set_columns(2 if part.columns else 1)
        start_y, start_page = out.y, out.page
        if part.what == "filler":
            for _ in range(part.count):
                out.para(texts.filler())
        elif part.what == "recommendations":
            if part.style not in ("label", "label_colon"):
                self.heading("Recommendations")
            else:       # a topic heading ends any finding section before the labels
                self.heading(f"What we found about {self.texts.words(2)}")
            for _ in range(part.count):
                self.recommendation(part.style, part.text)
        elif part.what == "afis":
            self.heading("Areas for improvement")
            for _ in range(part.count):
                text = texts.afi()
                self.add("area_for_improvement", text, out.hanging("\u2022", text, 14))
        elif part.what == "concern":
            self.heading("Cause of concern")
            text = texts.concern()
            self.add("cause_of_concern", text, out.para(text))
            for _ in range(part.count):
                self.recommendation("label")
        if part.boxed:
            out.box(start_y, start_page)
        out.set_columns(1)

    def recommendation(self, style: str, text: str | None = None) -> None:
        out, text = self.out, text or self.texts.recommendation()
        number = self.refs["recommendation"] + 1
        if style == "label":
            page = out.label(f"Recommendation {number}")
            out.lines(out.wrap(text, out.width), width=out.width)
        elif style == "label_colon":
            page = out.para(f"Recommendation {number}: {text}")
        elif style == "own_line":
            page = out.label(str(number), 1 if self.spec.widows else 3)
            out.lines(out.wrap(text, out.width), width=out.width)
        else:
            marker = {"margin": "{}", "margin_dot": "{}.", "margin_paren": "({})",
                      "margin_r": "R{}"}[style].format(number)
            page = out.hanging(marker, text, 30)
        self.add("recommendation", text, page, f"R{number}" if style == "margin_r" else "")


def build_report(spec: ReportSpec) -> tuple[bytes, list[Expected]]:
    """The PDF bytes of ``spec`` and the findings it prints, in reading order."""
    b, contents_page = _lay_out(spec)
    return _render(spec, b.out, contents_page, b.headings), b.found


def _lay_out(spec: ReportSpec, pages_after: list[int] | None = None
             ) -> tuple["_Builder", int | None]:
    """The laid-out report and its contents page; ``pages_after`` gets the page count
    after each part (the same as a report cut after that part would have)."""
    _fonts()
    b = _Builder(spec)
    out = b.out
    out.y -= 200
    out.draw(out.LEFT, spec.title, BOLD, 24)
    out.y -= 30
    out.draw(out.LEFT, "Published: 3 February 2025", BODY, 11)
    contents_page = None
    if spec.contents:
        out.new_page()
        contents_page = out.page
    out.new_page()
    for part in spec.parts:
        b.part(part)
        if pages_after is not None:
            pages_after.append(len(out.pages))
    return b, contents_page


def _render(spec: ReportSpec, out: _Layout, contents_page: int | None,
            headings: list[tuple[str, int]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(spec.title)
    total = len(out.pages)
    if contents_page:
        y = out.TOP - 20
        out.pages[contents_page - 1].append(("text", BOLD, 15, out.LEFT, y, "Contents", 0.0))
        for text, page in headings[:30]:
            y -= 18
            dots = "." * int((300 - pdfmetrics.stringWidth(text, BODY, 10.5)) / 3)
            out.pages[contents_page - 1].append(
                ("text", BODY, 10.5, out.LEFT, y, f"{text} {dots} {page}", 0.0))
    for n, ops in enumerate(out.pages, start=1):
        if n > 1:
            c.setFont(BODY, 8)
            c.drawString(out.LEFT, out.H - 40, spec.title)
            c.drawRightString(out.W - out.RIGHT, out.H - 40, "HMICFRS")
            c.drawCentredString(out.W / 2, 40, spec.footer.format(n=n, total=total))
            if spec.side_tab:
                c.saveState()
                c.translate(out.W - 24, out.H / 2)
                c.rotate(90)
                c.drawString(0, 0, "Findings and recommendations")
                c.restoreState()
        disorder = spec.text_order if n in spec.order_pages or not spec.order_pages else ""
        if disorder == "reversed":               # lines drawn from the foot up
            ops = ops[::-1]
        elif disorder == "shuffled":             # lines drawn in a random order
            ops = list(ops)
            random.Random(spec.seed * 1000 + n).shuffle(ops)
        for op in ops:
            if op[0] == "rect":
                c.setLineWidth(0.8)
                c.rect(*op[1:], stroke=1, fill=0)
                continue
            _, font, size, x, y, text, gaps = op
            c.setFont(font, size)
            if disorder == "words":
                _draw_words_shuffled(c, x, y, text, font, size, gaps,
                                     random.Random(f"{spec.seed} {n} {y}"))
                continue
            words = [text] if not gaps else text.split(" ")
            for word in words:
                if disorder == "glyphs":
                    _draw_backwards(c, x, y, word, font, size)
                else:
                    c.drawString(x, y, word)
                x += pdfmetrics.stringWidth(word, font, size) + pdfmetrics.stringWidth(
                    " ", font, size) + gaps
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_backwards(c: canvas.Canvas, x: float, y: float, text: str, font: str,
                    size: float) -> None:
    """Each glyph in its place, each its own text object, drawn from the last to the
    first (pdfium still reads the line forwards)."""
    for i in range(len(text) - 1, -1, -1):
        c.drawString(x + pdfmetrics.stringWidth(text[:i], font, size), y, text[i])


def _draw_words_shuffled(c: canvas.Canvas, x: float, y: float, text: str, font: str,
                         size: float, gaps: float, rng: random.Random) -> None:
    """The line's words each in its place, drawn in a random order by one TJ array that
    moves the pen back and forth (pdfium keeps a text object's order)."""
    words, xs = text.split(" "), []
    for word in words:
        xs.append(x)
        x += pdfmetrics.stringWidth(f"{word} ", font, size) + gaps
    order = list(range(len(words)))
    rng.shuffle(order)
    ttf = pdfmetrics.getFont(font)
    parts, pen = [], xs[order[0]]
    for i in order:
        pieces = ttf.splitString(words[i], c._doc)
        assert {subset for subset, _ in pieces} <= {0}, "one font subset per line"
        glyph_codes = c._escape(b"".join(p for _, p in pieces))
        parts.append(f"{(pen - xs[i]) * 1000 / size:.2f} ({glyph_codes})")
        pen = xs[i] + pdfmetrics.stringWidth(words[i], font, size)
    name = ttf.getSubsetInternalName(0, c._doc)
    c._code.append(f"BT {name} {size} Tf 1 0 0 1 {xs[order[0]]:.2f} {y:.2f} Tm "
                   f"[{' '.join(parts)}] TJ ET")


# ---------------------------------------------------------------- long reports (benchmark)

def long_report(pages: int, seed: int = 7, **options) -> tuple[bytes, list[Expected]]:
    """A report of about ``pages`` pages: chapters of filler with findings in every form."""
    rng = random.Random(seed)
    parts: list[Part] = []
    kinds = ["recommendations", "afis", "concern"]
    for chapter in range(max(1, pages)):
        parts.append(Part("filler", rng.randint(6, 12), break_before=chapter % 3 == 0))
        what = kinds[chapter % 3]
        parts.append(Part(what, rng.randint(1, 3), style=NUMBER_STYLES[chapter % 7],
                          columns=chapter % 5 == 4, boxed=chapter % 4 == 1))
    spec = ReportSpec(parts, seed=seed, **{"footer": "Page {n} of {total}", "side_tab": True,
                                           "justify": True, "hyphenate": True,
                                           "ligatures": True, "contents": True, **options})
    pages_after: list[int] = []                # chapters kept: the most that fit ``pages``
    _lay_out(spec, pages_after)
    fit = [k for k in range(1, len(parts) // 2 + 1) if pages_after[2 * k - 1] <= pages]
    spec.parts = parts[:2 * max(fit, default=1)]
    return build_report(spec)


# ---------------------------------------------------------------- hypothesis strategy

def _parts() -> st.SearchStrategy[Part]:
    return st.builds(
        Part, what=st.sampled_from(["recommendations", "afis", "concern"]),
        count=st.integers(1, 3), style=st.sampled_from(NUMBER_STYLES),
        columns=st.booleans(), boxed=st.booleans(), break_before=st.booleans())


_FILLER = st.builds(Part, what=st.just("filler"), count=st.integers(0, 4))


def report_specs() -> st.SearchStrategy[ReportSpec]:
    """Small reports (2-6 pages) mixing every numbering style and layout above; some
    with their glyphs drawn one by one, last to first (pdfium reads them forwards)."""
    parts = st.lists(st.tuples(_FILLER, _parts()), min_size=1, max_size=4).map(
        lambda pairs: [p for pair in pairs for p in pair])
    return st.builds(
        ReportSpec, parts=parts, seed=st.integers(0, 10_000),
        title=st.sampled_from(["Out on the road", "South Yorkshire Police: child sexual "
                               "exploitation", "PEEL 2025 Police effectiveness"]),
        footer=st.sampled_from(["{n}", "Page {n} of {total}", "- {n} -"]),
        side_tab=st.booleans(), justify=st.booleans(), hyphenate=st.booleans(),
        ligatures=st.booleans(), contents=st.booleans(), widows=st.booleans(),
        text_order=st.sampled_from(["normal"] * 4 + ["glyphs"]),
        order_pages=st.sampled_from([(), (2,), (3,)]))
