"""Generated report pages (hypothesis): every combination of the inspectorate's wording -
lead-ins x item styles, numbering, due dates, addressees, causes of concern with their
statements and recommendations, trailing notes, areas for improvement; grades as tables,
lists, lines and prose among decoys - read back exactly, from HTML and from text blocks."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from extractors.findings.blocks import findings_from_blocks
from extractors.grades.html import grades_from_html
from extractors.pages.report_html import extract_report_html
from tests.extractors.report_strategies import (GradePage, Page, Want, finding_pages,
                                                grade_pages)

FAST = settings(derandomize=True, max_examples=120, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _got(findings) -> list[Want]:
    return [Want(f.kind, f.ref, f.text, f.due_by, f.addressee) for f in findings]


@FAST
@given(finding_pages())
def test_generated_html_pages_give_their_findings_exactly(page: Page) -> None:
    result = extract_report_html(page.html(), "generated.html")
    assert _got(result.recommendations) == page.want
    assert [p.reason for p in result.problems] == []


@FAST
@given(finding_pages())
def test_generated_text_blocks_give_their_findings_exactly(page: Page) -> None:
    found, problems = findings_from_blocks(page.text_blocks())
    assert _got(found) == page.want
    assert problems == []


@settings(derandomize=True, max_examples=80, database=None, deadline=None)
@given(grade_pages())
def test_generated_grade_pages_give_their_grades_exactly(page: GradePage) -> None:
    grades, problems = grades_from_html(page.html, force="essex", cycle=page.cycle)
    assert [(g.area, g.grade) for g in grades] == page.want
    assert problems == []
