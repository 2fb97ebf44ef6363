"""Generated report PDFs with embedded TrueType fonts, and the findings each one prints.

``build_report(spec)`` writes a ``ReportSpec`` as tests/pdf_writer.py blocks in one house
style (space before blocks, Bitstream Vera embedded as subsets) and returns the PDF bytes
with the findings as the inspectorate printed them (kind, ref, text, page: the marks of
the blocks they open).
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

import random
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from tests import pdf_writer as pdf
from tests.pdf_layout import Writer, lay_out, render
from tests.pdf_writer import A4, BOLD, REGULAR, Block, Draw, Heading

W, H = A4
NUMBER_STYLES = ("label", "label_colon", "margin", "margin_dot", "margin_paren", "margin_r",
                 "own_line")
WORDS = ("force officers victims crime records calls response public safeguarding audit "
         "process local national police staff teams systems quality review incidents reports "
         "community neighbourhood policing demand supervisors investigation outcomes training "
         "resources leaders partners evidence custody vulnerable people risk domestic abuse "
         "stalking assessment planning workforce wellbeing vetting standards integrity "
         "effective official confidence flexible").split()


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


# ---------------------------------------------------------------- how the reports print

LEADING = 14.0                  # body line pitch (10.5 pt text)


def _style(spec: ReportSpec) -> pdf.Style:
    """A4, 72 pt margins, space before blocks; 13 pt section headings, bold labels kept
    with the two lines after them (one with ``widows``), items hanging 30 pt and bullets
    14 pt; running header, footer and side tab on every page but the cover."""
    def furniture(w: Writer) -> None:
        c = w.c                  # drawn straight on the canvas: no ligatures, always first
        c.setFont(REGULAR, 8)
        c.drawString(72, H - 40, spec.title)
        c.drawRightString(W - 72, H - 40, "HMICFRS")
        c.drawCentredString(W / 2, 40, spec.footer.format(n=w.page, total=w.total))
        if spec.side_tab:
            c.saveState()
            c.translate(W - 24, H / 2)
            c.rotate(90)
            c.drawString(0, 0, "Findings and recommendations")
            c.restoreState()
    label = Heading(10.5, 0.5 * LEADING, keep=3 * LEADING, line=LEADING)
    return pdf.Style(
        margin=72, top=H - 770, bottom=80, gutter=20, size=10.5, leading=LEADING / 10.5,
        orphans=2, space_before=True, before_points=0.4 * LEADING,
        headings=(Heading(13, 0.8 * LEADING, keep=3 * LEADING + 13, line=15), label,
                  Heading(10.5, 0.5 * LEADING, keep=LEADING, line=LEADING)),
        bullet_indent=14, item_indent=30, header=furniture, ligatures=spec.ligatures,
        hyphenate="printed" if spec.hyphenate else False, justify=spec.justify,
        text_order=spec.text_order, order_pages=spec.order_pages, order_seed=spec.seed)


# ---------------------------------------------------------------- building a report

class _Builder:
    """The blocks of each part, and each finding with the mark of the block it opens."""

    def __init__(self, spec: ReportSpec) -> None:
        self.spec, self.texts = spec, _Texts(spec.seed)
        self.found: list[tuple[str, str, str, tuple[str, ...]]] = []
        self.refs = {"recommendation": 0, "area_for_improvement": 0, "cause_of_concern": 0}
        self.parts = [self.part(p) for p in spec.parts]

    def add(self, kind: str, text: str, ref: str = "") -> tuple[str, ...]:
        self.refs[kind] += 1
        mark = (kind, str(self.refs[kind]))
        self.found.append((kind, ref or str(self.refs[kind]), text, mark))
        return mark

    def part(self, part: Part) -> list[Block]:
        texts = self.texts
        out: list[Block] = []
        if part.what == "filler":
            out += [pdf.para(texts.filler()) for _ in range(part.count)]
        elif part.what == "recommendations":
            if part.style not in ("label", "label_colon"):
                out.append(pdf.heading("Recommendations", chapter=True))
            else:       # a topic heading ends any finding section before the labels
                out.append(pdf.heading(f"What we found about {texts.words(2)}", chapter=True))
            for _ in range(part.count):
                out += self.recommendation(part.style, part.text)
        elif part.what == "afis":
            out.append(pdf.heading("Areas for improvement", chapter=True))
            for _ in range(part.count):
                text = texts.afi()
                out.append(pdf.bullet(text, self.add("area_for_improvement", text)))
        elif part.what == "concern":
            out.append(pdf.heading("Cause of concern", chapter=True))
            text = texts.concern()
            out.append(pdf.para(text, self.add("cause_of_concern", text)))
            for _ in range(part.count):
                out += self.recommendation("label")
        if part.boxed:
            out = [pdf.framed(out, 0.6 * LEADING)]
        if part.columns:
            out = [pdf.columns(2, LEADING), *out, pdf.columns(1, LEADING)]
        return [pdf.page_break(), *out] if part.break_before else out

    def recommendation(self, style: str, text: str | None = None) -> list[Block]:
        text = text or self.texts.recommendation()
        number = self.refs["recommendation"] + 1
        mark = self.add("recommendation", text, f"R{number}" if style == "margin_r" else "")
        if style == "label":
            return [pdf.heading(f"Recommendation {number}", 2, mark), pdf.para(text, tight=True)]
        if style == "label_colon":
            return [pdf.para(f"Recommendation {number}: {text}", mark)]
        if style == "own_line":
            return [pdf.heading(str(number), 3 if self.spec.widows else 2, mark),
                    pdf.para(text, tight=True)]
        marker = {"margin": "{}", "margin_dot": "{}.", "margin_paren": "({})",
                  "margin_r": "R{}"}[style].format(number)
        return [pdf.item(marker, text, mark)]


def build_report(spec: ReportSpec) -> tuple[bytes, list[Expected]]:
    """The PDF bytes of ``spec`` and the findings it prints, in reading order."""
    b = _Builder(spec)
    passes = 2 if spec.contents or "{total}" in spec.footer else 1
    data, marks = render(_style(spec), _body(b.parts), title=spec.title, front=_front(spec),
                         passes=passes)
    return data, [Expected(kind, ref, text, marks[mark]) for kind, ref, text, mark in b.found]


def _front(spec: ReportSpec) -> Draw:
    """A cover, then a contents page (the first 30 headings) if asked."""
    def front(w: Writer) -> None:
        w.draw(72, 570, spec.title, BOLD, 24)
        w.draw(72, 540, "Published: 3 February 2025", REGULAR, 11)
        if spec.contents:
            w.start()
            w.draw(72, w.top - 20, "Contents", BOLD, 15)
            w.y = w.top - 20
            w.add(pdf.contents(w.known[:30], size=10.5))
    return front


def _body(parts: list[list[Block]], pages_after: list[int] | None = None,
          most: int = 0) -> Callable[[Writer], None]:
    """The parts; ``pages_after`` gets the page count after each, until past ``most``."""
    def body(w: Writer) -> None:
        for blocks in parts:
            for block in blocks:
                w.add(block)
            if pages_after is not None:
                pages_after.append(w.page)
                if w.page > most:
                    return
    return body



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
    lay_out(_style(spec), _body(_Builder(spec).parts, pages_after, most=pages),
            front=_front(spec))
    fit = [k for k in range(1, len(pages_after) // 2 + 1) if pages_after[2 * k - 1] <= pages]
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
