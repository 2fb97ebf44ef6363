"""PDF reports made untidy on purpose; HTML and PDF reconciled; the recommendations table."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extractors.findings.reconcile import reconcile_dates, reconcile_findings
from extractors.pages.report_html import extract_report_html
from extractors.pages.report_pdf import extract_report_pdf
from schemas.common import validate_rows
from schemas.recommendations import RecommendationsSchema
from tests.extractors.report_recipes import (LINE, MARGIN, SEED_RECOMMENDATIONS, SEED_TITLE,
                                             UNTIDY_TITLE, W, corrupt, label, report,
                                             seed_report, truncated, untidy_report)
from tests.extractors.test_report_html import SEED_MARKUPS, page
from tests.pdf_writer import bullet, heading, interleaved, page_break, para, room, table


@pytest.fixture(scope="module")
def seed() -> tuple[bytes, dict]:
    return seed_report()


@pytest.fixture(scope="module")
def seed_pdf(seed) -> bytes:
    return seed[0]


@pytest.fixture(scope="module")
def untidy():
    return untidy_report()


def test_reference_report_pdf_yields_its_three_recommendations(seed) -> None:
    data, marks = seed
    assert (marks[("summary",)], [marks[("rec", n)] for n in (1, 2, 3)]) == (3, [4, 4, 4])
    result = extract_report_pdf(data, "https://assets/uploads/report.pdf")
    assert result.kind == "report_pdf"
    assert [(f.kind, f.ref, f.text) for f in result.recommendations] == [
        ("recommendation", str(i), text) for i, text in enumerate(SEED_RECOMMENDATIONS, 1)]
    assert [f.page for f in result.recommendations] == [4, 4, 4]   # not the summary's page 3
    assert not any(f.kind == "area_for_improvement" for f in result.recommendations)
    assert result.problems == []
    assert result.publication.title == SEED_TITLE
    assert result.publication.published_on == date(2025, 8, 28)


def test_month_only_cover_date_is_left_empty() -> None:
    result = extract_report_pdf(seed_report(cover_date="August 2025")[0], "r.pdf")
    assert result.publication.published_on is None
    assert len(result.recommendations) == 3


def test_untidy_report_gives_every_finding_once_word_for_word(untidy) -> None:
    data, expected = untidy
    # where the writer printed them: one item runs from page 5 onto 6, page 7 has two
    # columns, page 8 a ruled table
    assert [e[3] for e in expected] == [4, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 8, 8, 8]
    result = extract_report_pdf(data, "r.pdf")
    got = [(f.kind, f.ref, f.text, f.page, f.force,
            f.due_by.isoformat() if f.due_by else None, f.addressee)
           for f in result.recommendations]
    assert got == expected
    assert result.problems == []
    assert result.publication.title == UNTIDY_TITLE
    assert result.publication.published_on == date(2024, 3, 12)


def test_no_page_furniture_inside_findings(untidy) -> None:
    result = extract_report_pdf(untidy[0], "r.pdf")
    for finding in result.recommendations:
        assert "eastern region" not in finding.text
        assert not any(c in finding.text for c in "\u2022\ufb01\ufb02\n")
        assert "  " not in finding.text


@pytest.mark.parametrize("mangle", [truncated, corrupt, lambda d: b"", lambda d: d[:1000]],
                         ids=["truncated", "corrupt", "empty", "first-kilobyte"])
def test_bad_pdf_is_a_problem_not_an_exception(seed_pdf: bytes, mangle) -> None:
    result = extract_report_pdf(mangle(seed_pdf), "https://assets/uploads/bad.pdf")
    assert result.recommendations == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.stage == "extract" and problem.reason.startswith("corrupt PDF: ")
    assert problem.location == "https://assets/uploads/bad.pdf"
    assert result.to_json()["problems"][0]["reason"] == problem.reason


def test_encrypted_pdf_is_a_problem() -> None:
    data, _ = report("Locked", [label("Recommendations"), para(SEED_RECOMMENDATIONS[1])],
                     encrypt="secret")
    result = extract_report_pdf(data, "x.pdf")
    assert result.recommendations == [] and len(result.problems) == 1
    assert "encrypted" in result.problems[0].reason


# ---------------------------------------------------------------- HTML and PDF together

def test_html_and_pdf_agree_and_merge(seed_pdf: bytes) -> None:
    html = extract_report_html(page(SEED_MARKUPS["h3-labels"]), "r.html").recommendations
    pdf = extract_report_pdf(seed_pdf, "r.pdf").recommendations
    merged, problems = reconcile_findings(html, pdf)
    assert problems == []
    assert [(f.ref, f.text, f.page, f.anchor) for f in merged] == [
        ("1", SEED_RECOMMENDATIONS[0], 4, "rec-1"), ("2", SEED_RECOMMENDATIONS[1], 4, "rec-2"),
        ("3", SEED_RECOMMENDATIONS[2], 4, "rec-3")]


def test_differences_are_recorded_and_nothing_is_stored_twice(seed_pdf: bytes) -> None:
    html = extract_report_html(page(SEED_MARKUPS["ol-under-h2"]), "r.html").recommendations
    pdf = extract_report_pdf(seed_pdf, "r.pdf").recommendations
    pdf[1] = replace(pdf[1], text=pdf[1].text.replace("quickly", "promptly"))
    extra = replace(pdf[0], ref="4", text="Forces should publish their crime-recording audits.")
    merged, problems = reconcile_findings(html, pdf + [extra])
    assert len(merged) == 4
    assert len({f.text for f in merged}) == 4
    reasons = sorted(p.reason for p in problems)
    assert reasons == ["finding only in the PDF",
                       "text differs between the HTML version and the PDF"]
    assert all(p.stage == "reconcile" for p in problems)
    assert merged[1].text == SEED_RECOMMENDATIONS[1]          # the HTML wording is kept


def test_one_side_without_findings_is_one_problem(seed_pdf: bytes) -> None:
    pdf = extract_report_pdf(seed_pdf, "r.pdf").recommendations
    merged, problems = reconcile_findings([], pdf)
    assert merged == pdf and len(problems) == 1
    assert reconcile_findings([], []) == ([], [])


def test_printed_date_disagreement_is_recorded() -> None:
    assert reconcile_dates(date(2025, 8, 28), date(2025, 8, 28)) is None
    assert reconcile_dates(date(2025, 8, 28), None) is None
    problem = reconcile_dates(date(2025, 8, 28), date(2025, 9, 4), "r.html")
    assert problem is not None and problem.stage == "note" and problem.location == "r.html"
    assert problem.reason == ("document date 2025-09-04 differs from the landing page date "
                              "2025-08-28 (landing page wins)")


# ---------------------------------------------------------------- the recommendations table

COLUMNS = list(RecommendationsSchema.to_schema().columns)


def rows_of(findings, url: str = "https://assets/r.pdf") -> list[dict]:
    return [{"publication_id": "police-response-eastern-region", "kind": f.kind,
             "ref": f.ref, "text": f.text, "force_id": f.force, "due_by": f.due_by,
             "source_url": url, "page": f.page, "addressee": f.addressee} for f in findings]


def test_extracted_findings_pass_the_schema(untidy) -> None:
    rows = rows_of(extract_report_pdf(untidy[0], "r.pdf").recommendations)
    valid, rejected = validate_rows(RecommendationsSchema, rows, COLUMNS)
    assert rejected == []
    assert valid == rows and len(rows) == 16
    assert rows[1]["due_by"] == date(2025, 3, 31)


def test_bad_rows_are_quarantined_with_reason_and_page(untidy) -> None:
    rows = rows_of(extract_report_pdf(untidy[0], "r.pdf").recommendations)
    for row, (column, value) in zip(rows, [
            ("kind", "observation"), ("force_id", "gotham"), ("page", 0),
            ("text", "The force should do X.\n12\nand more"),
            ("text", "The force should act. Page 3 of 40"), ("due_by", "not a date")]):
        row[column] = value
    valid, rejected = validate_rows(RecommendationsSchema, rows, COLUMNS)
    assert valid == rows[6:]
    assert [rows.index(row) for row, _ in rejected] == [0, 1, 2, 3, 4, 5]
    reasons = [why for _, why in rejected]
    assert reasons[0].startswith("kind: isin(") and "failed ('observation')" in reasons[0]
    assert reasons[1].startswith("force_id: isin(") and "failed ('gotham')" in reasons[1]
    assert reasons[2] == "page: greater_than_or_equal_to(1) failed (0)"
    assert reasons[3].startswith("text: no page furniture or line breaks failed")
    assert reasons[4].startswith("text: no page furniture or line breaks failed")
    assert reasons[5].startswith("due_by: coerce_dtype('date') failed ('not a date')")
    assert rejected[2][0]["page"] == 0
    assert rejected[0][0]["publication_id"] == "police-response-eastern-region"


def test_missing_column_rejects_every_row(untidy) -> None:
    rows = rows_of(extract_report_pdf(untidy[0], "r.pdf").recommendations)
    columns = [c for c in COLUMNS if c != "addressee"]
    valid, rejected = validate_rows(RecommendationsSchema, rows, columns)
    assert valid == [] and len(rejected) == len(rows)
    assert all(why == "column_in_dataframe failed" for _, why in rejected)


CUSTODY = ["The force should make sure that custody records are complete and accurate, and "
           "that every detainee is told of their rights in a language they understand.",
           "The force should improve the oversight of its use of force in custody.",
           "The force should review how it records strip searches of children."]


def _table_report(points_left: float, rules: str = "lines") -> tuple[bytes, dict]:
    """A one-column table of areas for improvement from ``points_left`` above the foot of
    page 2 (rows 34, 20 and 20 points high under a 20-point header; no header repeated)."""
    marks = [("row", str(n)) for n in range(len(CUSTODY))]
    return report("Custody inspection", [
        heading("Custody", 1), para("We inspected custody suites in the force."), page_break(),
        heading("Areas for improvement", 2), room(points_left),
        table([("Area for improvement",)] + [(t,) for t in CUSTODY], marks,
              widths=(440 / (W - 2 * MARGIN),), header=("header",)),
        para("We will check progress at our next inspection.")], rules=rules)


@pytest.mark.parametrize(("points_left", "header_page", "row_pages"), [
    (10, 3, [3, 3, 3]), (2 * LINE, 2, [3, 3, 3]), (4 * LINE, 2, [2, 3, 3]),
    (6 * LINE, 2, [2, 2, 3])],
    ids=["whole-table-carried", "header-stranded", "two-rows-carried", "last-row-carried"])
def test_a_table_cut_by_a_page_break_is_stitched(points_left: float, header_page: int,
                                                 row_pages: list[int]) -> None:
    data, marks = _table_report(points_left)
    pages = [marks[("row", str(n))] for n in range(len(CUSTODY))]
    assert (marks[("header",)], pages) == (header_page, row_pages)   # where the writer put them
    result = extract_report_pdf(data, "t.pdf")
    assert [(f.kind, f.text, f.page) for f in result.recommendations] == [
        ("area_for_improvement", t, p) for t, p in zip(CUSTODY, pages)]
    assert result.problems == []


def test_rows_boxed_one_box_a_row_after_a_stranded_header_stay_rows() -> None:
    """Fewer than four paths on each page (one box for the header left at the foot of
    page 2, one box a row on page 3): both pages are still read as ruled."""
    data, marks = _table_report(2 * LINE, rules="cells")
    assert marks[("header",)] == 2 and marks[("row", "0")] == 3
    result = extract_report_pdf(data, "t.pdf")
    assert [(f.kind, f.text, f.page) for f in result.recommendations] == [
        ("area_for_improvement", t, 3) for t in CUSTODY]


def test_a_lone_box_or_a_one_cell_box_mid_page_does_not_make_a_page_ruled() -> None:
    """One or two paths that make no table (a shaded panel, a one-line box with body text
    below it, a rule under a heading) leave the page in plain line order."""
    from extractors.pdf.pagepass import pdf_line_pages
    from tests.pdf_writer import box
    data, marks = report("Custody inspection", [
        heading("Custody", 1), para("We inspected custody suites in the force."), page_break(),
        heading("Areas for improvement", 2),
        box("Case study", "Staff in one suite kept a log of every check on a detainee. " * 3),
        bullet(CUSTODY[1], ("afi", "1")),
        table([("The force accepted these areas for improvement.",)], [None],
              widths=(440 / (W - 2 * MARGIN),)),
        bullet(CUSTODY[2], ("afi", "2")),
        para("We will check progress at our next inspection.")], rules="cells")
    assert (marks[("afi", "1")], marks[("afi", "2")]) == (2, 2)
    pages = pdf_line_pages(data)
    assert [p.ruled for p in pages] == [False, False]
    result = extract_report_pdf(data, "t.pdf")
    assert [(f.kind, f.text, f.page) for f in result.recommendations] == [
        ("area_for_improvement", t, 2) for t in CUSTODY[1:]]


def test_a_finding_running_from_one_column_into_the_next() -> None:
    first = ("The force should improve the recording of the reasons for using force on "
             "detainees in custody.")
    data, marks = report("Custody inspection", [
        heading("Custody", 1), para("We inspected custody suites in the force."), page_break(),
        interleaved(
            [heading("Areas for improvement", 3),
             para("We found several things the force should look at again. " * 3),
             bullet("The force should improve the recording of the reasons", ("afi", "1"))],
            [para("for using force on detainees in custody."),
             bullet("The force should make sure that cells are clean.", ("afi", "2")),
             heading("Good practice", 3), para("Staff treated detainees with respect.")])])
    assert (marks[("afi", "1")], marks[("afi", "2")]) == (2, 2)
    result = extract_report_pdf(data, "c.pdf")
    assert [(f.kind, f.text, f.page) for f in result.recommendations] == [
        ("area_for_improvement", first, 2),
        ("area_for_improvement", "The force should make sure that cells are clean.", 2)]
    assert result.problems == []


def test_labels_on_lines_of_their_own_in_body_type_end_the_finding_before() -> None:
    """A report of one-line paragraphs in one font: the paragraph gap (the commonest step
    between lines there) is not the line pitch, so "Area for improvement" and
    "Recommendation 3" stand apart and "Next steps" is not glued onto a finding."""
    from tests.replica.minipdf import tiny_pdf
    data = tiny_pdf("Durham Constabulary: an inspection of the response to stalking", [
        "We inspected the response to stalking.", "Recommendations",
        "Recommendation 1: By 31 December 2025, Durham Constabulary should make sure that "
        "every stalking report is risk assessed within 24 hours.",
        "Recommendation 2: By 31 December 2025, Durham Constabulary should train staff.",
        "Area for improvement", "The force should improve how it tells victims of stalking "
        "about protection orders.", "Recommendation 3",
        "The force should review its stalking protection order applications.",
        "Next steps", "We will revisit the force in 2026."])
    result = extract_report_pdf(data, "https://assets/uploads/durham.pdf")
    assert [(f.kind, f.ref, f.text) for f in result.recommendations] == [
        ("recommendation", "1", "By 31 December 2025, Durham Constabulary should make sure "
         "that every stalking report is risk assessed within 24 hours."),
        ("recommendation", "2", "By 31 December 2025, Durham Constabulary should train staff."),
        ("area_for_improvement", "1", "The force should improve how it tells victims of "
         "stalking about protection orders."),
        ("recommendation", "3", "The force should review its stalking protection order "
         "applications.")]
    assert not result.problems
