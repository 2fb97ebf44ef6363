"""Generated report PDFs (embedded TrueType fonts, every numbering style and layout in
tests/generated_pdfs.py, two-column passages and numbers on a line of their own included):
the extractor finds exactly the findings printed, with their kinds, refs, texts and pages;
a text layer out of reading order is reported, never read as garbled findings.
Derandomized: the same examples on every run."""
from __future__ import annotations

import pypdfium2
from hypothesis import HealthCheck, given, settings

from extractors.pages.base import PageContext
from extractors.pages.registry import extract
from extractors.pages.report_pdf import extract_report_pdf
from extractors.pdf.pagepass import pdf_line_pages
from extractors.records import ProblemCode
from tests.generated_pdfs import (NUMBER_STYLES, Part, ReportSpec, build_report, long_report,
                                  report_specs)

SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes):
    result = extract_report_pdf(data, "generated.pdf")
    return [(f.kind, f.ref, f.text, f.page) for f in result.recommendations], result.problems


def _findings(data: bytes) -> list[tuple]:
    found, problems = _read(data)
    assert not [p.reason for p in problems]
    return found


def _printed(expected) -> list[tuple]:
    return [(e.kind, e.ref, e.text, e.page) for e in expected]


@SETTINGS
@given(report_specs())
def test_generated_reports_give_exactly_their_findings(spec: ReportSpec) -> None:
    data, expected = build_report(spec)
    assert _findings(data) == _printed(expected)


def test_the_strategy_draws_every_style_columns_and_widows() -> None:
    """The examples above cover what used to be left out (KNOWN_GAPS): a number on a line
    of its own (also at a page foot), two-column passages, glyphs drawn one by one."""
    seen: set = set()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(report_specs())
    def collect(spec: ReportSpec) -> None:
        seen.update(p.style for p in spec.parts if p.what == "recommendations")
        seen.update({"columns"} if any(p.columns for p in spec.parts) else set())
        seen.update({"widows"} if spec.widows else set())
        seen.update({spec.text_order})

    collect()
    assert seen >= set(NUMBER_STYLES) | {"columns", "widows", "glyphs"}


def test_every_numbering_style_in_every_layout() -> None:
    for style in NUMBER_STYLES:
        for columns in (False, True):
            spec = ReportSpec([Part("filler", 2), Part("recommendations", 3, style=style,
                                                       columns=columns),
                               Part("filler", 1), Part("concern", 2)], seed=3,
                              justify=True, side_tab=True, ligatures=True, contents=True)
            data, expected = build_report(spec)
            assert _findings(data) == _printed(expected), (style, columns)


def test_a_number_on_its_own_line_at_a_page_foot_starts_its_finding_there() -> None:
    """Numbers left alone at the foot of a page or column (no keep-with-next), found by
    laying the report out with more or less filler before: neither a page number nor
    lost, and the finding keeps the page its number is printed on."""
    feet = 0
    for filler in range(12):
        spec = ReportSpec([Part("filler", filler), Part("recommendations", 3, style="own_line"),
                           Part("filler", 3), Part("recommendations", 3, style="own_line",
                                                   columns=True)],
                          seed=11, widows=True, justify=True, side_tab=True)
        data, expected = build_report(spec)
        pdf = pypdfium2.PdfDocument(data)
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        pdf.close()
        numbers = {str(n) for n in range(1, 7)}
        feet += any(t.rstrip().rsplit("\n", 1)[-1].strip() in numbers for t in texts[1:-1])
        assert _findings(data) == _printed(expected), filler
    assert feet >= 1          # the layouts did put a number at a page's foot


def test_glyphs_drawn_one_by_one_last_to_first_read_as_words() -> None:
    spec = ReportSpec([Part("filler", 3), Part("recommendations", 3, style="margin"),
                       Part("concern", 2, columns=True)], seed=4, text_order="glyphs")
    data, expected = build_report(spec)
    assert _findings(data) == _printed(expected)


def test_a_text_layer_out_of_reading_order_is_reported_not_read() -> None:
    """Lines drawn from the foot of the page up, or in a scrambled order: pdfium gives the
    text in drawing order. Those pages are reported (one Problem, its pages, a reason
    that says what) and their findings are not read; the other pages are."""
    parts = [Part("filler", 6), Part("recommendations", 3, style="margin"), Part("filler", 5),
             Part("concern", 2), Part("filler", 6), Part("afis", 2)]
    plain, expected = build_report(ReportSpec(parts, seed=3))
    assert _findings(plain) == _printed(expected)
    pages = {e.page for e in expected}
    assert len(pages) >= 3
    garbled = sorted(pages)[1]
    for order, word in (("reversed", "backwards"), ("shuffled", "scrambled")):
        data, _ = build_report(ReportSpec(parts, seed=3, text_order=order,
                                          order_pages=(garbled,)))
        found, problems = _read(data)
        assert found == [f for f in _printed(expected) if f[3] != garbled], order
        assert [(p.code, p.record, p.location) for p in problems] == [
            (ProblemCode.TEXT_ORDER, {"pages": [garbled]}, f"page {garbled}")]
        assert word in problems[0].reason and "not read" in problems[0].reason
        data, _ = build_report(ReportSpec(parts, seed=3, text_order=order))
        found, problems = _read(data)             # every page: nothing read, all reported
        assert found == [] and len(problems) == 1
        assert set(problems[0].record["pages"]) >= pages


def test_a_margin_number_inside_a_sentence_does_not_split_the_finding() -> None:
    """'... included in their 1. force management statements': a wrapped line that starts
    with a number is the sentence going on, in every numbering style (the wording is
    padded until "1." starts a printed line)."""
    for style in NUMBER_STYLES:
        starts_line = 0
        for pad in range(80):
            words = "every " * (pad // 4) + "a " * (pad % 4)
            text = ("By 31 March 2026, chief constables should make sure that the results "
                    f"of each review are included in {words}their 1. force management "
                    "statements and published.")
            spec = ReportSpec([Part("filler", 1), Part("recommendations", 1, style=style,
                                                       text=text), Part("afis", 1)], seed=2)
            data, expected = build_report(spec)
            assert _findings(data) == _printed(expected), (style, pad)
            raw = [pdf_page.text for pdf_page in pdf_line_pages(data)]
            starts_line += any("\n1. force" in t for t in raw)
            if starts_line:
                break
        assert starts_line >= 1, style


def test_justified_single_column_text_is_not_read_as_columns() -> None:
    """Justified lines place words one at a time, far apart across a line; only a gutter
    shared by several lines makes a page two columns."""
    parts = [Part("filler", 10), Part("recommendations", 3, style="label"), Part("filler", 10),
             Part("concern", 2)]
    single = ReportSpec(parts, seed=5, justify=True, side_tab=True, hyphenate=True)
    data, expected = build_report(single)
    pages = pdf_line_pages(data)
    assert len(pages) >= 2 and not any(p.multi_column for p in pages)
    assert _findings(data) == _printed(expected)
    columns = ReportSpec([Part("filler", 2), Part("recommendations", 7, style="label",
                                                  columns=True)], seed=5, justify=True)
    data, expected = build_report(columns)
    assert any(p.multi_column for p in pdf_line_pages(data))
    assert _findings(data) == _printed(expected)


def test_a_100_page_report_gives_exactly_its_printed_findings() -> None:
    """The benchmark's long report (every style, columns, boxes, side tabs, justified and
    hyphenated text, ligatures, a contents page), through the pipeline's per-document
    path: every finding printed, nothing else, no problem."""
    data, expected = long_report(100)
    assert _page_count(data) == 100 and len(expected) > 150
    result = extract(data, "long.pdf", PageContext(position="pdf"))
    assert [(f.kind, f.ref, f.text, f.page) for f in result.recommendations] == \
        _printed(expected)
    assert [p.reason for p in result.problems] == []


def _page_count(data: bytes) -> int:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def test_items_that_open_alike_at_the_head_of_pages_are_not_a_running_header() -> None:
    """Areas for improvement set in columns all open "The force should improve how it";
    at the head of three pages, in the same place, that line repeats like a running
    header but sits in the body's flow, a line pitch above the text under it."""
    parts = [p for k in range(8)
             for p in (Part("filler", 1 + (2 + k) % 4), Part("afis", 3, columns=True))]
    data, expected = build_report(ReportSpec(parts, seed=2))
    pages = pdf_line_pages(data)
    heads = [p.number for p in pages if any(
        ln.top < 0.12 * p.height and ln.text == "\u2022 The force should improve how it"
        for ln in p.lines)]
    assert len(heads) >= 3
    assert _findings(data) == _printed(expected)
