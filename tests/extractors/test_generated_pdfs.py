"""Generated report PDFs (embedded TrueType fonts, every numbering style and layout in
tests/generated_pdfs.py): the extractor finds exactly the findings printed, with their
kinds, refs, texts and pages. Derandomized: the same examples on every run."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from extractors.pages.report_pdf import extract_report_pdf
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
