"""Grades from report PDFs (generated here with reportlab) and HTML/PDF reconciliation."""
from __future__ import annotations

import io

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from extractors.grades.pdf import grades_from_pdf, may_hold_grades, reconcile_grades
from extractors.pages.report_pdf import read_pdf
from extractors.records import Grade

STYLES = getSampleStyleSheet()

ESSEX_2023_25 = [
    ("Recording data about crime", "Good"),
    ("Police powers and public treatment", "Adequate"),
    ("Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
     "Requires improvement"),
    ("Responding to the public", "Inadequate"),
    ("Investigating crime", "Adequate"),
    ("Protecting vulnerable people", "Good"),
    ("Managing offenders and suspects", "Outstanding"),
    ("Building, supporting and protecting the workforce", "Adequate"),
    ("Leadership and force management", "Good"),
]


def _build(story: list) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def _grade_table(rows: list[tuple[str, str]], header: tuple[str, str] = ("Area of policing",
                                                                          "Grade")) -> Table:
    data = [list(header)] + [[Paragraph(a), g] for a, g in rows]
    table = Table(data, colWidths=[300, 150])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table


def _pairs(grades: list[Grade]) -> list[tuple[str, str, int | None]]:
    return [(g.area, g.grade, g.page) for g in grades]


@pytest.fixture(scope="module")
def spanning_table_pdf() -> bytes:
    """A grade table that starts at the foot of page 2 and ends on page 3 (no header
    repeated), after a title page."""
    return _build([
        Paragraph("PEEL 2023–25: An inspection of Essex Police", STYLES["Title"]),
        Paragraph("Police effectiveness, efficiency and legitimacy.", STYLES["Normal"]),
        PageBreak(),
        Spacer(1, 560),
        Paragraph("Our judgments", STYLES["Heading2"]),
        _grade_table(ESSEX_2023_25 + [("Victim service assessment", "Not graded")]),
        Paragraph("About the inspection. We inspected the force in 2024.", STYLES["Normal"]),
    ])


def test_grade_table_spanning_two_pages(spanning_table_pdf: bytes) -> None:
    grades, problems = grades_from_pdf(spanning_table_pdf, force=None, cycle=None)
    assert problems == []
    got = _pairs(grades)
    assert [(a, g) for a, g, _ in got] == [(a, g.lower()) for a, g in ESSEX_2023_25]
    pages = {a: p for a, _, p in got}
    assert pages["Recording data about crime"] == 2
    assert pages["Leadership and force management"] == 3
    assert {g.force for g in grades} == {"essex"}
    assert {g.cycle for g in grades} == {"2023-25"}
    assert grades[2].area_key == "preventing_crime"
    assert grades[7].area_key == "building_the_workforce"


def test_caller_force_and_cycle_win(spanning_table_pdf: bytes) -> None:
    grades, _ = grades_from_pdf(spanning_table_pdf, force="kent", cycle="2023-25")
    assert {g.force for g in grades} == {"kent"}
    assert len(grades) == 9


def test_judgment_lines_and_sentences() -> None:
    pdf = _build([
        Paragraph("PEEL 2021/22: An inspection of Norfolk Constabulary", STYLES["Title"]),
        PageBreak(),
        Paragraph("Summary", STYLES["Heading2"]),
        Paragraph("We graded Norfolk Constabulary as good at investigating crime and "
                  "adequate at responding to the public. In our 2018/19 inspection the "
                  "force was graded as requires improvement at investigating crime.",
                  STYLES["Normal"]),
        PageBreak(),
        Paragraph("Protecting vulnerable people", STYLES["Heading2"]),
        Paragraph("Requires improvement", STYLES["Heading3"]),
        Paragraph("The force needs to improve how it protects vulnerable people. It does not "
                  "always identify repeat victims and it should do more.", STYLES["Normal"]),
        Paragraph("Good use of resources: Outstanding", STYLES["Normal"]),
        Paragraph("Providing a service to victims of crime: not graded", STYLES["Normal"]),
    ])
    grades, problems = grades_from_pdf(pdf, force=None, cycle=None)
    assert problems == []
    assert {g.force for g in grades} == {"norfolk"}
    assert sorted(_pairs(grades)) == [
        ("Good use of resources", "outstanding", 3),
        ("Investigating crime", "good", 2),
        ("Protecting vulnerable people", "requires improvement", 3),
        ("Responding to the public", "adequate", 2),
    ]
    assert {g.cycle for g in grades} == {"2021-22"}


def test_grades_read_from_the_shared_pass_alone() -> None:
    """Given the pages' text from ``read_pdf`` (the pass findings use), the grade reader
    needs no second opening of the document when no page holds a grade table."""
    pdf = _build([
        Paragraph("PEEL 2021/22: An inspection of Norfolk Constabulary", STYLES["Title"]),
        PageBreak(),
        Paragraph("We graded Norfolk Constabulary as good at investigating crime and "
                  "adequate at responding to the public.", STYLES["Normal"]),
    ])
    read = read_pdf(pdf)
    assert isinstance(read, list) and len(read) == 2
    shared, problems = grades_from_pdf(b"", force=None, cycle=None,
                                       texts=[page.text for page in read])
    assert problems == []
    assert sorted(_pairs(shared)) == [("Investigating crime", "good", 2),
                                      ("Responding to the public", "adequate", 2)]
    assert _pairs(shared) == _pairs(grades_from_pdf(pdf, force=None, cycle=None)[0])


@pytest.mark.parametrize(("text", "holds"), [
    ("We graded the force as good at investigating crime.", True),
    ("Effectiveness\nGood\nEfficiency\nRequires improvement", True),
    ("The force has a good relationship with partners and its staff are proud.", False),
    ("Investigating crime " + "and more words " * 40 + "was good.", False),
    ("", False),
])
def test_grades_are_looked_for_only_near_graded_area_words(text: str, holds: bool) -> None:
    assert may_hold_grades(text) is holds


def test_four_point_pdf_rejects_adequate() -> None:
    pdf = _build([
        Paragraph("PEEL: Police effectiveness 2016 - An inspection of Kent Police",
                  STYLES["Title"]),
        _grade_table([("Effectiveness", "Good"),
                      ("Investigating crime and reducing re-offending", "Adequate"),
                      ("Tackling serious and organised crime", "Requires improvement")],
                     header=("Question", "Grade")),
    ])
    grades, problems = grades_from_pdf(pdf, force=None, cycle=None)
    assert {g.force for g in grades} == {"kent"}
    assert _pairs(grades) == [("Effectiveness", "good", 1),
                              ("Tackling serious and organised crime",
                               "requires improvement", 1)]
    assert [g.area_key for g in grades] == ["effectiveness", "tackling_serious_organised_crime"]
    assert len(problems) == 1
    assert "outside the 4-point" in problems[0].reason
    assert problems[0].record["area"] == "Investigating crime and reducing re-offending"
    assert problems[0].location == "page 1"


def test_grade_chart_without_ruling_lines() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 800, "PEEL 2023-25: An inspection of Surrey Police")
    c.setFont("Helvetica", 9)
    columns = {60: "Outstanding", 160: "Good", 260: "Adequate", 360: "Requires improvement",
               480: "Inadequate"}
    for x, word in columns.items():
        c.drawString(x, 740, word)
    cells = {160: ["Investigating crime", "Protecting vulnerable", "people"],
             260: ["Responding to the", "public"],
             360: ["Leadership and force", "management"]}
    for x, lines in cells.items():
        for i, line in enumerate(lines):
            c.drawString(x, 722 - 12 * i, line)
    c.drawString(60, 600, "The victim service assessment is not graded. This chart shows the "
                          "graded areas of the inspection.")
    c.showPage()
    c.save()
    grades, problems = grades_from_pdf(buf.getvalue(), force=None, cycle=None)
    assert problems == []
    assert {g.force for g in grades} == {"surrey"}
    assert sorted(_pairs(grades)) == [
        ("Investigating crime", "good", 1),
        ("Leadership and force management", "requires improvement", 1),
        ("Protecting vulnerable people", "good", 1),
        ("Responding to the public", "adequate", 1),
    ]


def test_borderless_area_grade_table_read_from_word_positions() -> None:
    rows = [["Area of policing", "Grade"], ["Recording data about crime", "Good"],
            [Paragraph("Preventing and deterring crime and antisocial behaviour, and reducing "
                       "vulnerability"), "Requires improvement"],
            ["Tackling fraud", "Adequate"], ["Victim service assessment", "Not graded"]]
    pdf = _build([Paragraph("PEEL 2023-25: An inspection of Essex Police", STYLES["Title"]),
                  Paragraph("Our judgments", STYLES["Heading2"]),
                  Table(rows, colWidths=[300, 150]),
                  Paragraph("The rest of this report sets out our detailed findings about "
                            "the force and what it should do next.", STYLES["Normal"])])
    grades, problems = grades_from_pdf(pdf, force=None, cycle=None)
    assert problems == []
    assert [(g.area, g.grade, g.area_key) for g in grades] == [
        ("Recording data about crime", "good", "recording_data_about_crime"),
        ("Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
         "requires improvement", "preventing_crime"),
        ("Tackling fraud", "adequate", None)]


def test_fire_pdf_round_three_questions() -> None:
    questions = [
        ("Understanding the risk of fire and other emergencies", "Good"),
        ("Preventing fires and other risks", "Adequate"),
        ("Protecting the public through fire regulation", "Requires improvement"),
        ("Responding to fires and other emergencies", "Good"),
        ("Responding to major and multi-agency incidents", "Outstanding"),
        ("Making best use of resources", "Adequate"),
        ("Making the fire and rescue service affordable now and in the future", "Good"),
        ("Promoting the right values and culture", "Inadequate"),
        ("Getting the right people with the right skills", "Adequate"),
        ("Ensuring fairness and promoting diversity", "Requires improvement"),
        ("Managing performance and developing leaders", "Adequate"),
    ]
    pdf = _build([
        Paragraph("Fire and rescue service inspection 2023–25: Essex County Fire and Rescue "
                  "Service", STYLES["Title"]),
        _grade_table(questions, header=("Question", "Grade")),
    ])
    grades, problems = grades_from_pdf(pdf, force=None, cycle=None)
    assert problems == []
    assert {g.force for g in grades} == {"essex-fire"}
    assert [(g.area, g.grade) for g in grades] == [(a, g.lower()) for a, g in questions]
    assert all(g.area_key for g in grades)


def test_unreadable_pdf_is_a_problem() -> None:
    grades, problems = grades_from_pdf(b"%PDF-1.4 not really", force="essex", cycle="2023-25")
    assert grades == []
    assert len(problems) == 1 and problems[0].reason.startswith("unreadable PDF")


def _g(area: str, grade: str, page: int | None = None) -> Grade:
    return Grade("essex", area, grade, "2023-25", page, None)


def test_reconcile_agreement_keeps_one_set() -> None:
    html = [_g("Investigating crime", "adequate"), _g("Responding to the public", "good")]
    pdf = [_g("Investigating  crime", "adequate", 4), _g("Responding to the public", "good", 5)]
    grades, problems = reconcile_grades(html, pdf)
    assert problems == []
    assert [(g.area, g.grade, g.page) for g in grades] == [
        ("Investigating crime", "adequate", None), ("Responding to the public", "good", None)]


def test_reconcile_disagreement_is_a_problem_and_not_stored() -> None:
    html = [_g("Investigating crime", "adequate"), _g("Responding to the public", "good")]
    pdf = [_g("Investigating crime", "good", 4), _g("Responding to the public", "good", 5),
           _g("Protecting vulnerable people", "inadequate", 6)]
    grades, problems = reconcile_grades(html, pdf)
    assert [(g.area, g.grade) for g in grades] == [("Responding to the public", "good"),
                                                   ("Protecting vulnerable people", "inadequate")]
    assert len(problems) == 1
    assert problems[0].stage == "reconcile"
    assert problems[0].reason.startswith("grade disagreement: 'Investigating crime'")
    assert problems[0].record["html"]["grade"] == "adequate"
    assert problems[0].record["pdf"]["grade"] == "good"


def test_reconcile_html_against_pdf_end_to_end(spanning_table_pdf: bytes) -> None:
    from extractors.grades.html import grades_from_html

    rows = "".join(f"<tr><td>{a}</td><td>{g}</td></tr>" for a, g in ESSEX_2023_25)
    rows = rows.replace("<td>Investigating crime</td><td>Adequate</td>",
                        "<td>Investigating crime</td><td>Good</td>")
    html = (f"<h1>PEEL 2023–25: An inspection of Essex Police</h1><h2>Our judgments</h2>"
            f"<table><tr><th>Area</th><th>Grade</th></tr>{rows}</table>").encode()
    from_html, p1 = grades_from_html(html, force="essex", cycle="2023-25")
    from_pdf, p2 = grades_from_pdf(spanning_table_pdf, force="essex", cycle="2023-25")
    assert p1 == p2 == [] and len(from_html) == len(from_pdf) == 9
    grades, problems = reconcile_grades(from_html, from_pdf)
    assert len(grades) == 8
    assert "Investigating crime" not in {g.area for g in grades}
    assert [p.reason for p in problems] == [
        "grade disagreement: 'Investigating crime' is 'good' in the HTML page but "
        "'adequate' in the PDF (page 3)"]
