"""Words drawn out of order within a line (one text object whose pen jumps back and forth,
tests/generated_pdfs.py ``text_order="words"``): read left to right on a one-column page
and named in a run note; on a page set in columns (margin numbers) left out and reported
under ``text_order``, never read as garbled findings."""
from __future__ import annotations

import pypdfium2

from extractors.pages.report_pdf import extract_report_pdf
from extractors.records import ProblemCode, Stage
from tests.generated_pdfs import Part, ReportSpec, build_report

PARTS = [Part("filler", 6), Part("recommendations", 3, style="margin"), Part("filler", 5),
         Part("concern", 2), Part("filler", 6), Part("afis", 2)]
OPTIONS = dict(seed=3, justify=True, hyphenate=True, ligatures=True)


def _read(data: bytes):
    result = extract_report_pdf(data, "generated.pdf")
    return ([(f.kind, f.ref, f.text, f.page) for f in result.recommendations],
            [(p.stage, p.code, p.record, p.location) for p in result.problems],
            [p.reason for p in result.problems])


def _raw_text(data: bytes, number: int) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return pdf[number - 1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_words_shuffled_within_lines_of_a_one_column_page_are_read_left_to_right() -> None:
    plain, expected = build_report(ReportSpec(PARTS, **OPTIONS))
    printed = [(e.kind, e.ref, e.text, e.page) for e in expected]
    assert _read(plain)[:2] == (printed, [])
    page = 3                                   # a cause of concern and its recommendations
    assert {e.page for e in expected if e.kind == "cause_of_concern"} == {page}
    data, _ = build_report(ReportSpec(PARTS, text_order="words", order_pages=(page,), **OPTIONS))
    concern = next(e.text for e in expected if e.kind == "cause_of_concern")
    assert concern[:30] not in " ".join(_raw_text(data, page).split())   # pdfium: garbled
    found, problems, reasons = _read(data)
    assert found == printed
    assert problems == [(Stage.NOTE, ProblemCode.TEXT_ORDER, {"pages": [page]}, f"page {page}")]
    assert "out of order within lines" in reasons[0]


def test_words_shuffled_on_a_page_set_in_columns_are_reported_not_read() -> None:
    """Margin numbers set the recommendations page in columns, and the column pass reads
    pdfium's order again: that page is left out and reported, the others are read."""
    plain, expected = build_report(ReportSpec(PARTS, **OPTIONS))
    printed = [(e.kind, e.ref, e.text, e.page) for e in expected]
    page = next(e.page for e in expected if e.kind == "recommendation")
    data, _ = build_report(ReportSpec(PARTS, text_order="words", order_pages=(page,), **OPTIONS))
    found, problems, reasons = _read(data)
    assert found == [f for f in printed if f[3] != page]
    assert problems == [(Stage.EXTRACT, ProblemCode.TEXT_ORDER, {"pages": [page]},
                         f"page {page}")]
    assert "words scrambled within lines" in reasons[0] and "not read" in reasons[0]


def test_words_shuffled_on_every_page_each_page_read_or_reported() -> None:
    plain, expected = build_report(ReportSpec(PARTS, **OPTIONS))
    printed = [(e.kind, e.ref, e.text, e.page) for e in expected]
    columns = next(e.page for e in expected if e.kind == "recommendation")
    data, _ = build_report(ReportSpec(PARTS, text_order="words", **OPTIONS))
    found, problems, _ = _read(data)
    assert found == [f for f in printed if f[3] != columns]
    assert [(stage, record) for stage, _, record, _ in problems] == [
        (Stage.EXTRACT, {"pages": [columns]}),
        (Stage.NOTE, {"pages": [n for n in range(2, len(_pages(data)) + 1) if n != columns]})]
    # page 1 is the cover, which the writer draws as front matter (in order), not as body


def _pages(data: bytes) -> list[int]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return list(range(len(pdf)))
    finally:
        pdf.close()


def test_a_short_letter_in_order_is_read_not_quarantined() -> None:
    """A page too short to judge its order is read: a one-page letter of a few lines is
    not a document without readable text (that needs pages left out, or no text)."""
    from tests.replica.minipdf import tiny_pdf
    data = tiny_pdf("Cleveland Police: causes of concern revisit letter", [
        "Dear Chief Constable,", "Recommendation 1: The force should review its custody "
        "records.", "Yours sincerely,"])
    result = extract_report_pdf(data, "letter.pdf")
    assert [(f.kind, f.text) for f in result.recommendations] == [
        ("recommendation", "The force should review its custody records.")]
    assert result.problems == []


def test_every_page_scrambled_but_a_short_cover_is_one_no_text_problem() -> None:
    data, _ = build_report(ReportSpec(PARTS, text_order="shuffled", **OPTIONS))
    found, problems, reasons = _read(data)
    assert found == []
    assert [(stage, code, location) for stage, code, _, location in problems] == [
        (Stage.EXTRACT, ProblemCode.NO_TEXT, None)]
    record = problems[0][2]
    assert record["pages"] == list(range(2, len(_pages(data)) + 1))
    assert record["pages_without_text"] == []
    assert "could be read" in reasons[0] and "1 with too few lines" in reasons[0]
