"""Grades from report PDFs (printed here through tests/pdf_writer.py in Helvetica, as a
word processor's defaults would) and HTML/PDF reconciliation."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.grades.pdf import grades_from_pdf, may_hold_grades, reconcile_grades
from extractors.pages.report_pdf import read_pdf
from extractors.records import Grade
from tests import pdf_writer as pdf
from tests.pdf_layout import render
from tests.pdf_writer import A4, Block, Heading, Marks, heading, page_break, para, room

MARGIN = 78.0
TEXT_WIDTH = A4[0] - 2 * MARGIN
# Helvetica 10 on 12, an 18 pt title, 14 and 12 pt headings, ruled tables of 10 pt cells
# (the header row not bold)
STYLE = pdf.Style(fonts=("Helvetica", "Helvetica-Bold"), margin=MARGIN, top=78, bottom=78,
                  size=10, leading=1.2, after=0.3, orphans=1,
                  headings=(Heading(18, 0, 40, after=6, leading=1.22), Heading(14, 10, 30),
                            Heading(12, 10, 28)),
                  table=pdf.TableStyle(size=10, line=12, pad=6, inset=6, drop=1, after=6,
                                       widths=(300 / TEXT_WIDTH, 150 / TEXT_WIDTH),
                                       bold_header=False, rules="lines"))
UNRULED = replace(STYLE, table=replace(STYLE.table, rules="none"))

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


def _build(blocks: list[Block], style: pdf.Style = STYLE) -> tuple[bytes, Marks]:
    return render(style, blocks, title="PEEL report")


def _grade_table(rows: list[tuple[str, str]], header: tuple[str, str] = ("Area of policing",
                                                                          "Grade")) -> Block:
    """A ruled grade table; each row marked with its area."""
    return pdf.table([header, *rows], [("grade", area) for area, _ in rows])


def _pairs(grades: list[Grade]) -> list[tuple[str, str, int | None]]:
    return [(g.area, g.grade, g.page) for g in grades]


def _read(data: bytes, body: str) -> list[Grade]:
    """The grades of a PDF read with no force or cycle from the caller: no problems, and
    every grade for ``body`` (named by the title)."""
    grades, problems = grades_from_pdf(data, force=None, cycle=None)
    assert problems == []
    assert {g.force for g in grades} == {body}
    return grades


@pytest.fixture(scope="module")
def spanning() -> tuple[bytes, Marks]:
    """A grade table that starts at the foot of page 2 and ends on page 3 (no header
    repeated), after a title page."""
    return _build([
        heading("PEEL 2023–25: An inspection of Essex Police", 1),
        para("Police effectiveness, efficiency and legitimacy."),
        page_break(),
        room(120),
        heading("Our judgments", 2),
        _grade_table(ESSEX_2023_25 + [("Victim service assessment", "Not graded")]),
        para("About the inspection. We inspected the force in 2024."),
    ])


@pytest.fixture(scope="module")
def spanning_table_pdf(spanning: tuple[bytes, Marks]) -> bytes:
    return spanning[0]


def test_grade_table_spanning_two_pages(spanning: tuple[bytes, Marks]) -> None:
    data, marks = spanning
    printed = {area: marks[("grade", area)] for area, _ in ESSEX_2023_25}
    assert list(printed.values()) == [2, 2, 2, 3, 3, 3, 3, 3, 3]   # where the writer put them
    grades = _read(data, "essex")
    got = _pairs(grades)
    assert [(a, g) for a, g, _ in got] == [(a, g.lower()) for a, g in ESSEX_2023_25]
    pages = {a: p for a, _, p in got}
    assert pages == printed
    assert {g.cycle for g in grades} == {"2023-25"}
    assert grades[2].area_key == "preventing_crime"
    assert grades[7].area_key == "building_the_workforce"


def test_caller_force_and_cycle_win(spanning_table_pdf: bytes) -> None:
    grades, _ = grades_from_pdf(spanning_table_pdf, force="kent", cycle="2023-25")
    assert {g.force for g in grades} == {"kent"}
    assert len(grades) == 9


def test_judgment_lines_and_sentences() -> None:
    data, _ = _build([
        heading("PEEL 2021/22: An inspection of Norfolk Constabulary", 1),
        page_break(),
        heading("Summary", 2),
        para("We graded Norfolk Constabulary as good at investigating crime and adequate at "
             "responding to the public. In our 2018/19 inspection the force was graded as "
             "requires improvement at investigating crime."),
        page_break(),
        heading("Protecting vulnerable people", 2),
        heading("Requires improvement", 3),
        para("The force needs to improve how it protects vulnerable people. It does not "
             "always identify repeat victims and it should do more."),
        para("Good use of resources: Outstanding"),
        para("Providing a service to victims of crime: not graded"),
    ])
    grades = _read(data, "norfolk")
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
    data, _ = _build([
        heading("PEEL 2021/22: An inspection of Norfolk Constabulary", 1),
        page_break(),
        para("We graded Norfolk Constabulary as good at investigating crime and adequate at "
             "responding to the public."),
    ])
    read = read_pdf(data)
    assert isinstance(read, list) and len(read) == 2
    shared, problems = grades_from_pdf(b"", force=None, cycle=None,
                                       texts=[page.text for page in read])
    assert problems == []
    assert sorted(_pairs(shared)) == [("Investigating crime", "good", 2),
                                      ("Responding to the public", "adequate", 2)]
    assert _pairs(shared) == _pairs(grades_from_pdf(data, force=None, cycle=None)[0])


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
    data, _ = _build([
        heading("PEEL: Police effectiveness 2016 - An inspection of Kent Police", 1),
        _grade_table([("Effectiveness", "Good"),
                      ("Investigating crime and reducing re-offending", "Adequate"),
                      ("Tackling serious and organised crime", "Requires improvement")],
                     header=("Question", "Grade")),
    ])
    grades, problems = grades_from_pdf(data, force=None, cycle=None)
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
    """Grade words across the top of a chart, the areas set under them, no rules."""
    chart = replace(UNRULED, margin=60, size=9,
                    headings=(Heading(16, 0, 40, after=24),),
                    table=replace(UNRULED.table, size=9, line=12, pad=6, inset=0, after=100,
                                  widths=tuple(w / (A4[0] - 120)
                                               for w in (100, 100, 100, 120, 100))))
    data, _ = _build([
        heading("PEEL 2023-25: An inspection of Surrey Police", 1),
        pdf.table([("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"),
                   ("", "Investigating crime\nProtecting vulnerable\npeople",
                    "Responding to the\npublic", "Leadership and force\nmanagement", "")], [None]),
        para("The victim service assessment is not graded. This chart shows the graded areas "
             "of the inspection."),
    ], chart)
    grades = _read(data, "surrey")
    assert sorted(_pairs(grades)) == [
        ("Investigating crime", "good", 1),
        ("Leadership and force management", "requires improvement", 1),
        ("Protecting vulnerable people", "good", 1),
        ("Responding to the public", "adequate", 1),
    ]


def test_borderless_area_grade_table_read_from_word_positions() -> None:
    rows = [("Recording data about crime", "Good"),
            ("Preventing and deterring crime and antisocial behaviour, and reducing "
             "vulnerability", "Requires improvement"),
            ("Tackling fraud", "Adequate"), ("Victim service assessment", "Not graded")]
    data, _ = _build([heading("PEEL 2023-25: An inspection of Essex Police", 1),
                      heading("Our judgments", 2),
                      _grade_table(rows),
                      para("The rest of this report sets out our detailed findings about the "
                           "force and what it should do next.")], UNRULED)
    grades = _read(data, "essex")
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
    data, _ = _build([
        heading("Fire and rescue service inspection 2023–25: Essex County Fire and Rescue "
                "Service", 1),
        _grade_table(questions, header=("Question", "Grade")),
    ])
    grades = _read(data, "essex-fire")
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
