"""Generated report PDFs (embedded TrueType fonts, every numbering style and layout in
tests/generated_pdfs.py): the extractor finds exactly the findings printed, with their
kinds, refs, texts and pages. Derandomized: the same examples on every run."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from extractors.pages.report_pdf import extract_report_pdf
from extractors.pdf.lines import pdf_line_pages
from tests.generated_pdfs import NUMBER_STYLES, Part, ReportSpec, build_report, report_specs

SETTINGS = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _findings(data: bytes) -> list[tuple]:
    result = extract_report_pdf(data, "generated.pdf")
    assert not [p.reason for p in result.problems]
    return [(f.kind, f.ref, f.text, f.page) for f in result.recommendations]


@SETTINGS
@given(report_specs())
def test_generated_reports_give_exactly_their_findings(spec: ReportSpec) -> None:
    data, expected = build_report(spec)
    assert _findings(data) == [(e.kind, e.ref, e.text, e.page) for e in expected]


def test_every_numbering_style_in_every_layout() -> None:
    for style in NUMBER_STYLES:
        for columns in (False, True):
            spec = ReportSpec([Part("filler", 2), Part("recommendations", 3, style=style,
                                                       columns=columns),
                               Part("filler", 1), Part("concern", 2)], seed=3,
                              justify=True, side_tab=True, ligatures=True, contents=True)
            data, expected = build_report(spec)
            assert _findings(data) == [(e.kind, e.ref, e.text, e.page) for e in expected], (
                style, columns)


def test_justified_single_column_text_is_not_read_as_columns() -> None:
    """Justified lines place words one at a time, far apart across a line; only a gutter
    shared by several lines makes a page two columns."""
    parts = [Part("filler", 10), Part("recommendations", 3, style="label"), Part("filler", 10),
             Part("concern", 2)]
    single = ReportSpec(parts, seed=5, justify=True, side_tab=True, hyphenate=True)
    data, expected = build_report(single)
    pages = pdf_line_pages(data)
    assert len(pages) >= 2 and not any(p.multi_column for p in pages)
    assert _findings(data) == [(e.kind, e.ref, e.text, e.page) for e in expected]
    columns = ReportSpec([Part("filler", 2), Part("recommendations", 7, style="label",
                                                  columns=True)], seed=5, justify=True)
    data, expected = build_report(columns)
    assert any(p.multi_column for p in pdf_line_pages(data))
    assert _findings(data) == [(e.kind, e.ref, e.text, e.page) for e in expected]
