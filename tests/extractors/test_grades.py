"""Grade recognition from HTML in many markups, grade words, cycles and scales."""
from __future__ import annotations

import pytest

from extractors.grades.words import (body_from_slug, body_from_text, cycle_from, normalise_grade,
                                     scheme_from)
from extractors.grades.html import grades_from_html
from extractors.grades.prose import sentence_grades
from extractors.records import Grade


def _read(html: str, *, force: str | None = "essex", cycle: str | None = "2023-25",
          kind: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    grades, problems = grades_from_html(html.encode(), force=force, cycle=cycle, kind=kind)
    for g in grades:
        assert isinstance(g, Grade) and g.force == force and g.page is None
    return [(g.area, g.grade) for g in grades], [p.reason for p in problems]


@pytest.mark.parametrize("word,expected", [
    ("Requires improvement", "requires improvement"),
    ("requiring improvement", "requires improvement"),
    ("Requires Improvement", "requires improvement"),
    ("REQUIRES  IMPROVEMENT.", "requires improvement"),
    ("Adequate", "adequate"),
    (" Inadequate ", "inadequate"),
    ("Outstanding", "outstanding"),
    ("good", "good"),
    ("Grade: Good", "good"),
    ("Very good", None),
    ("Not graded", None),
    ("improvement", None),
    ("", None),
])
def test_normalise_grade(word: str, expected: str | None) -> None:
    assert normalise_grade(word) == expected


@pytest.mark.parametrize("text,expected", [
    ("/peel-reports/essex-2023-25/", "2023-25"),
    ("https://hmicfrs.justiceinspectorates.gov.uk/peel-reports/essex-2021-22/", "2021-22"),
    ("PEEL 2021/22", "2021-22"),
    ("PEEL 2023\u201325: An inspection of Essex Police", "2023-25"),
    ("PEEL 2016", "2016"),
    ("PEEL: Police effectiveness 2016 \u2013 Kent Police", "2016"),
    ("PEEL 2018/19", "2018-19"),
    ("PEEL spring 2018", "2018"),
    ("Essex Police: Crime Data Integrity inspection 2019", "2019"),
    ("Fire and rescue service inspection 2023 to 2025", "2023-25"),
    ("Published on: 2023-05-12", None),
    ("Our judgments", None),
])
def test_cycle_from(text: str, expected: str | None) -> None:
    assert cycle_from(text) == expected


def test_scheme_and_bodies() -> None:
    assert scheme_from("PEEL 2023-25: An inspection of Essex Police") == "peel"
    assert scheme_from("Essex County Fire and Rescue Service inspection 2023-25") == "fire"
    assert scheme_from("Norfolk Constabulary: Crime Data Integrity inspection 2016") == "cdi"
    assert scheme_from("His Majesty's Inspectorate of Constabulary and Fire & Rescue Services "
                       "PEEL 2023-25 Essex Police") == "peel"
    assert body_from_text("PEEL 2023\u201325: An inspection of Essex Police") == "essex"
    assert body_from_text("An inspection of Hampshire and Isle of Wight Constabulary") == \
        "hampshire"
    assert body_from_text("Inspection of Essex County Fire and Rescue Service", "fire") == \
        "essex-fire"
    assert body_from_text("An inspection of something else") is None
    assert body_from_slug("/peel-reports/west-yorkshire-2021-22/") == "west-yorkshire"
    assert body_from_slug("/frs-assessment/frs-2023/essex/", "fire") == "essex-fire"
    assert body_from_slug("/peel-reports/nowhere-2021-22/") is None


TABLE_2023 = """
<html><head><title>PEEL 2023-25 Essex</title></head><body>
<h1>PEEL 2023\u201325: An inspection of Essex Police</h1>
<p>Some introduction about the inspection with a good deal of words in it.</p>
<h2>Our judgments</h2>
<p>Our inspection assessed how good Essex Police is in ten areas of policing. We make graded
judgments in nine of these ten as follows:</p>
<table>
 <thead><tr><th>Area of policing</th><th>Grade</th></tr></thead>
 <tbody>
  <tr><td>Recording data about crime</td><td>Good</td></tr>
  <tr><td>Police powers and public treatment</td><td>Adequate</td></tr>
  <tr><td>Preventing and deterring crime and antisocial behaviour, and reducing vulnerability</td>
      <td>Requires improvement</td></tr>
  <tr><td>Responding to the public</td><td><strong>Inadequate</strong></td></tr>
  <tr><td>Investigating crime</td><td>Adequate</td></tr>
  <tr><td>Protecting vulnerable people</td><td>Good</td></tr>
  <tr><td>Managing offenders and suspects</td><td>Outstanding</td></tr>
  <tr><td>Building, supporting and protecting the workforce</td><td>Adequate</td></tr>
  <tr><td>Leadership and force management</td><td>Good</td></tr>
  <tr><td>Victim service assessment</td><td>Not graded</td></tr>
 </tbody>
</table>
<h2>About this inspection</h2>
<p>Investigating crime: Good</p>
</body></html>"""

EXPECTED_2023 = [
    ("Recording data about crime", "good"),
    ("Police powers and public treatment", "adequate"),
    ("Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
     "requires improvement"),
    ("Responding to the public", "inadequate"),
    ("Investigating crime", "adequate"),
    ("Protecting vulnerable people", "good"),
    ("Managing offenders and suspects", "outstanding"),
    ("Building, supporting and protecting the workforce", "adequate"),
    ("Leadership and force management", "good"),
]


def test_table_with_grade_column_inside_judgments_section_only() -> None:
    got, problems = _read(TABLE_2023)
    assert got == EXPECTED_2023
    assert problems == []


def test_area_keys_and_cycle_from_title() -> None:
    grades, _ = grades_from_html(TABLE_2023.encode(), force="essex", cycle=None)
    assert {g.cycle for g in grades} == {"2023-25"}
    assert [g.area_key for g in grades] == [
        "recording_data_about_crime", "police_powers_and_public_treatment", "preventing_crime",
        "responding_to_the_public", "investigating_crime", "protecting_vulnerable_people",
        "managing_offenders", "building_the_workforce", "leadership_and_force_management"]


def test_list_with_strong_area_and_grade_word() -> None:
    html = """<h2>Our judgements</h2><ul>
      <li><strong>Investigating crime</strong> Adequate</li>
      <li><strong>Police powers and public treatment</strong> Good</li>
      <li><strong>Responding to the public</strong> Requires improvement</li>
      <li><strong>Victim service assessment</strong> Not graded</li>
      <li><strong>Victim service assessment</strong></li>
    </ul>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "adequate"),
                   ("Police powers and public treatment", "good"),
                   ("Responding to the public", "requires improvement")]
    assert problems == []


def test_definition_list() -> None:
    html = """<section><h3>Graded judgments</h3><dl>
      <dt>Investigating crime</dt><dd>Adequate</dd>
      <dt>Leadership and force management</dt><dd><span>Outstanding</span></dd>
      <dt>Protecting vulnerable people</dt><dd>Inadequate \u2013 see chapter 6</dd>
      <dt>Victim service assessment</dt><dd>Ungraded</dd>
    </dl></section>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "adequate"),
                   ("Leadership and force management", "outstanding"),
                   ("Protecting vulnerable people", "inadequate")]
    assert problems == []


def test_definition_list_grouped_by_grade() -> None:
    html = """<h2>Our judgments</h2><dl>
      <dt>Good</dt><dd>Investigating crime</dd><dd>Responding to the public</dd>
      <dt>Adequate</dt><dd><ul><li>Recording data about crime</li>
      <li>Managing offenders and suspects</li></ul></dd></dl>"""
    got, _ = _read(html)
    assert got == [("Investigating crime", "good"), ("Responding to the public", "good"),
                   ("Recording data about crime", "adequate"),
                   ("Managing offenders and suspects", "adequate")]


def test_chart_of_divs_grouped_by_grade() -> None:
    html = """<h2 class="x">Our judgments</h2>
    <div class="c"><div class="c1"><p>Outstanding</p></div>
      <div class="c2"><p>Good</p><p>Investigating crime</p></div>
      <div class="c3"><p>Adequate</p><p>Responding to the public</p>
        <p>Protecting vulnerable people</p></div>
      <div class="c4"><p>Requires improvement</p></div>
      <div class="c5"><p>Inadequate</p><p>Managing offenders and suspects</p></div></div>
    <p>We also inspected how effective a service the force gives to victims of crime. We
    don't make a graded judgment in this area.</p>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "good"), ("Responding to the public", "adequate"),
                   ("Protecting vulnerable people", "adequate"),
                   ("Managing offenders and suspects", "inadequate")]
    assert problems == []


def test_chart_of_spans_and_rows_of_divs() -> None:
    spans = """<h2>Our judgments</h2>
      <div><span>Good</span><span>Investigating crime</span>
           <span>Responding to the public</span></div>
      <div><span>Adequate</span><span>Good use of resources</span></div>"""
    got, _ = _read(spans, cycle="2021-22")
    assert got == [("Investigating crime", "good"), ("Responding to the public", "good"),
                   ("Good use of resources", "adequate")]
    rows = """<h2>Our judgments</h2>
      <div class="row"><div>Investigating crime</div><div>Adequate</div></div>
      <div class="row"><div>Good use of resources</div><div>Good</div></div>
      <div class="row"><div>Treatment of the public</div><div>Requires improvement</div></div>"""
    got, _ = _read(rows, cycle="2021-22")
    assert got == [("Investigating crime", "adequate"), ("Good use of resources", "good"),
                   ("Treatment of the public", "requires improvement")]


def test_columns_per_grade_table() -> None:
    html = """<h2>Our judgments</h2><table>
      <tr><th>Outstanding</th><th>Good</th><th>Adequate</th><th>Requires improvement</th>
          <th>Inadequate</th></tr>
      <tr><td></td><td>Investigating crime<br>Treatment of the public</td>
          <td><p>Recording data about crime</p><p>Good use of resources</p></td><td></td>
          <td><ul><li>Protecting vulnerable people</li></ul></td></tr></table>"""
    got, _ = _read(html, cycle="2021-22")
    assert got == [("Investigating crime", "good"), ("Treatment of the public", "good"),
                   ("Recording data about crime", "adequate"),
                   ("Good use of resources", "adequate"),
                   ("Protecting vulnerable people", "inadequate")]


def test_headings_followed_by_grade_without_section() -> None:
    html = """<h1>PEEL 2021/22: An inspection of Kent Police</h1>
      <h2>Investigating crime</h2><p><strong>Adequate</strong></p>
      <p>Kent Police needs to improve some aspects of how it investigates crime and it has
      started to do so.</p>
      <h2>Developing a positive workplace</h2><p><img src="g.png" alt="Good"></p>
      <p>The force looks after its people and they told us so in our survey.</p>"""
    got, problems = _read(html, force="kent", cycle="2021-22")
    assert got == [("Investigating crime", "adequate"),
                   ("Developing a positive workplace", "good")]
    assert problems == []


def test_grade_words_in_sentences() -> None:
    html = """<h2>Our judgments</h2>
      <p>Essex Police was graded as adequate at investigating crime. We graded the force as
      <strong>requiring improvement</strong> in responding to the public and good at
      protecting vulnerable people, and outstanding in recording data about crime.</p>
      <p>Leadership and force management was graded as inadequate.</p>
      <p>In 2021/22 the force was graded as inadequate at investigating crime.</p>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "adequate"),
                   ("Responding to the public", "requires improvement"),
                   ("Protecting vulnerable people", "good"),
                   ("Recording data about crime", "outstanding"),
                   ("Leadership and force management", "inadequate")]
    assert problems == []


def test_sentences_ignore_earlier_inspections() -> None:
    found = sentence_grades("In our previous inspection the force was graded as good at "
                            "investigating crime. Since 2019 it was judged to be good at "
                            "protecting vulnerable people.", cycle="2023-25")
    assert found == []
    found = sentence_grades("We graded the force as good at investigating crime, since it "
                            "has improved how it supervises investigations.", cycle="2023-25")
    assert [(c.area, c.grade) for c in found] == [("Investigating crime", "good")]
    found = sentence_grades("The force was graded as good at investigating crime, up from "
                            "requires improvement.", cycle="2023-25")
    assert found == []


def test_four_point_2016_report_and_adequate_rejected() -> None:
    html = """<h1>PEEL: Police effectiveness 2016 \u2013 Kent Police</h1>
      <h2>Our judgments</h2><ul>
      <li>How effective is the force at keeping people safe and reducing crime? Good</li>
      <li>How effective is the force at preventing crime, tackling anti-social behaviour and
          keeping people safe?: Good</li>
      <li>How effective is the force at investigating crime and reducing re-offending? \u2013
          Requires improvement</li>
      <li>Protecting vulnerable people and supporting victims: Adequate</li>
      <li>Tackling serious and organised crime: Outstanding</li>
      <li>Specialist capabilities: Ungraded</li></ul>"""
    grades, problems = grades_from_html(html.encode(), force="kent", cycle=None)
    assert [(g.area_key, g.grade, g.cycle) for g in grades] == [
        ("effectiveness", "good", "2016"), ("preventing_crime", "good", "2016"),
        ("investigating_crime", "requires improvement", "2016"),
        ("tackling_serious_organised_crime", "outstanding", "2016")]
    assert grades[0].area == ("How effective is the force at keeping people safe and "
                              "reducing crime?")
    assert len(problems) == 1
    assert problems[0].stage == "extract"
    assert problems[0].reason == ("grade 'adequate' for area 'Protecting vulnerable people and "
                                  "supporting victims' is outside the 4-point peel scale of "
                                  "cycle 2016")
    assert problems[0].record["grade"] == "Adequate"


def test_unknown_area_loads_without_key() -> None:
    got, _ = _read("<h2>Our judgments</h2><ul><li>Tackling fraud: Good</li></ul>")
    assert got == [("Tackling fraud", "good")]
    grades, _ = grades_from_html(b"<h2>Our judgments</h2><p>Tackling fraud: Good</p>",
                                 force="essex", cycle="2023-25")
    assert grades[0].area_key is None


def test_conflicting_grades_in_one_page_are_not_loaded() -> None:
    html = """<h2>Our judgments</h2><ul><li>Investigating crime: Good</li>
      <li>Investigating crime: Adequate</li><li>Responding to the public: Good</li></ul>"""
    got, problems = _read(html)
    assert got == [("Responding to the public", "good")]
    assert problems == ["conflicting grades for area 'Investigating crime': adequate vs good"]


def test_unrecognised_grade_in_grade_column_is_a_problem() -> None:
    html = """<h2>Our judgments</h2><table><tr><th>Area</th><th>Grade</th></tr>
      <tr><td>Investigating crime</td><td>Very good</td></tr>
      <tr><td>Responding to the public</td><td>Good</td></tr></table>"""
    got, problems = _read(html)
    assert got == [("Responding to the public", "good")]
    assert problems == ["unrecognised grade 'Very good' for area 'Investigating crime'"]


def test_crime_data_integrity_overall_grade() -> None:
    sentence = """<h1>Essex Police: Crime Data Integrity inspection 2016</h1>
      <h2>Summary</h2><p>We graded the force as good.</p>"""
    grades, problems = grades_from_html(sentence.encode(), force="essex", cycle=None)
    assert [(g.area, g.grade, g.cycle, g.area_key) for g in grades] == [
        ("Crime recording", "good", "2016", "crime_recording")]
    assert problems == []
    label = "<h1>Crime data integrity inspection 2017</h1><p>Crime recording: Adequate</p>"
    grades, problems = grades_from_html(label.encode(), force="essex", cycle=None)
    assert grades == [] and "outside the 4-point cdi scale" in problems[0].reason
    label = "<h1>Crime data integrity inspection 2017</h1><p>Crime recording: Inadequate</p>"
    grades, _ = grades_from_html(label.encode(), force="essex", cycle=None)
    assert [(g.area, g.grade) for g in grades] == [("Crime recording", "inadequate")]


FIRE_ROUND_2 = """
<h1>Essex County Fire and Rescue Service inspection 2021/22</h1>
<h2>Our judgments</h2>
<div><h3>Effectiveness</h3><span class="g">Good</span></div>
<ul><li>Understanding fire and other risks: Good</li>
<li>Preventing fire and other risks: Good</li>
<li>Protecting the public through fire regulation: Requires improvement</li>
<li>Responding to fires and other emergencies: Good</li>
<li>Responding to major and multi-agency incidents: Outstanding</li></ul>
<div><h3>Efficiency</h3><span class="g">Requires improvement</span></div>
<ul><li>Making best use of resources: Requires improvement</li>
<li>Making the fire and rescue service affordable now and in the future: Good</li></ul>
<div><h3>People</h3><span class="g">Inadequate</span></div>
<ul><li>Promoting the right values and culture: Inadequate</li>
<li>Getting the right people with the right skills: Good</li>
<li>Ensuring fairness and promoting diversity: Requires improvement</li>
<li>Managing performance and developing leaders: Requires improvement</li></ul>
"""


def test_fire_round_two_pillars_and_eleven_questions() -> None:
    grades, problems = grades_from_html(FIRE_ROUND_2.encode(), force="essex-fire", cycle=None)
    assert problems == []
    assert {g.cycle for g in grades} == {"2021-22"}
    assert {g.force for g in grades} == {"essex-fire"}
    got = {g.area: g.grade for g in grades}
    assert got == {
        "Effectiveness": "good", "Efficiency": "requires improvement", "People": "inadequate",
        "Understanding fire and other risks": "good",
        "Preventing fire and other risks": "good",
        "Protecting the public through fire regulation": "requires improvement",
        "Responding to fires and other emergencies": "good",
        "Responding to major and multi-agency incidents": "outstanding",
        "Making best use of resources": "requires improvement",
        "Making the fire and rescue service affordable now and in the future": "good",
        "Promoting the right values and culture": "inadequate",
        "Getting the right people with the right skills": "good",
        "Ensuring fairness and promoting diversity": "requires improvement",
        "Managing performance and developing leaders": "requires improvement"}
    assert all(g.area_key for g in grades)
    assert len({g.area_key for g in grades}) == 14


def test_fire_round_two_rejects_adequate_round_three_accepts_it() -> None:
    html = "<h2>Our judgments</h2><p>Preventing fire and other risks: Adequate</p>"
    grades, problems = grades_from_html(html.encode(), force="kent-fire", cycle="2021-22",
                                        kind="fire")
    assert grades == [] and "4-point fire scale" in problems[0].reason
    grades, problems = grades_from_html(html.encode(), force="kent-fire", cycle="2023-25",
                                        kind="fire")
    assert [(g.area, g.grade, g.area_key) for g in grades] == [
        ("Preventing fire and other risks", "adequate", "preventing_fires")]
    assert problems == []


def test_page_without_grades_returns_nothing() -> None:
    got, problems = _read("<h1>Annual report</h1><p>The inspectorate published a good deal "
                          "of material this year.</p><p>Good</p>")
    assert got == [] and problems == []


def test_area_by_grade_matrix_with_marks() -> None:
    html = """<h2>Our judgments</h2><table>
      <tr><th>Area</th><th>Outstanding</th><th>Good</th><th>Adequate</th>
          <th>Requires improvement</th><th>Inadequate</th></tr>
      <tr><td>Investigating crime</td><td></td><td></td><td>\u2713</td><td></td><td></td></tr>
      <tr><td>Responding to the public</td><td></td><td>X</td><td></td><td></td><td></td></tr>
      <tr><td>Protecting vulnerable people</td><td></td><td></td><td></td><td></td>
          <td><img alt="Inadequate" src="i.png"></td></tr>
      <tr><td>Managing offenders and suspects</td><td>X</td><td>X</td><td></td><td></td>
          <td></td></tr>
    </table>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "adequate"), ("Responding to the public", "good"),
                   ("Protecting vulnerable people", "inadequate")]
    assert problems == ["several grades marked for area 'Managing offenders and suspects': "
                        "Outstanding, Good"]


def test_grade_scale_key_is_not_read_as_grades() -> None:
    html = """<h2>Our judgments</h2>
      <ul><li>Investigating crime: <img alt="Adequate" src="a.png"> Adequate</li></ul>
      <h3>What our grades mean</h3>
      <ul><li>Outstanding: The force has substantially exceeded the characteristics of
          good performance</li>
      <li>Adequate \u2013 The force has demonstrated the characteristics of good performance
          but there are areas it needs to improve</li>
      <li>Inadequate: the force\u2019s performance is substantially lacking</li></ul>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "adequate")]
    assert problems == []


def test_other_sentence_forms() -> None:
    html = """<h2>Summary</h2><p>We graded investigating crime as good. The force's grade for
      responding to the public is adequate. The force\u2019s performance in managing offenders
      and suspects was judged to be outstanding.</p>"""
    got, problems = _read(html)
    assert got == [("Investigating crime", "good"), ("Responding to the public", "adequate"),
                   ("Managing offenders and suspects", "outstanding")]
    assert problems == []


def test_one_area_printed_under_two_names_gives_one_grade() -> None:
    html = """<h2>Our judgments</h2><ul>
      <li>Investigating crime and reducing re-offending: Good</li>
      <li>How effective is the force at investigating crime and reducing re-offending? Good</li>
      <li>Legitimacy: Requires improvement</li>
      <li>How legitimate is the force at keeping people safe and reducing crime?: Good</li></ul>"""
    got, problems = _read(html, cycle="2017")
    assert got == [("Investigating crime and reducing re-offending", "good")]
    assert problems == ["conflicting grades for area 'Legitimacy': good vs requires improvement"]


def test_table_with_two_grade_columns_is_not_guessed() -> None:
    html = """<h2>Our judgments</h2><table>
      <tr><th>Area</th><th>2021/22 grade</th><th>2023-25 grade</th></tr>
      <tr><td>Investigating crime</td><td>Good</td><td>Adequate</td></tr></table>"""
    got, problems = _read(html)
    assert got == []
    assert problems == ["grade table with several grade columns: not read"]


@pytest.mark.parametrize("body", [
    """<dl class="summary"><div class="row"><dt>Investigating crime</dt><dd>Adequate</dd></div>
       <div class="row"><dt>Responding to the public</dt><dd>Good</dd></div></dl>""",
    """<div class="grid"><div>Investigating crime</div><div>Adequate</div>
       <div>Responding to the public</div><div>Good</div></div>""",
    """<p>Investigating crime<br>Adequate</p><p>Responding to the public<br>Good</p>""",
    """<table><tr><th scope="row">Investigating crime</th><td><img alt="Adequate grade"></td></tr>
       <tr><th scope="row">Responding to the public</th><td><img alt="Graded as good"></td>
       </tr></table>""",
    """<ol><li>Investigating crime \u2014 Adequate</li>
       <li>Responding to the public (Good)</li></ol>""",
    """<p>Investigating crime <span>Adequate</span> Responding to the public
       <span>Good</span></p>""",
    """<h3>Adequate</h3><p>Investigating crime</p><h3>Good</h3><p>Responding to the public</p>""",
    """<table><tr><td>Adequate</td><td>Investigating crime</td></tr>
       <tr><td>Good</td><td>Responding to the public</td></tr></table>""",
])
def test_more_markups(body: str) -> None:
    got, problems = _read(f"<h1>PEEL 2023-25: Essex Police</h1><h2>Our judgments</h2>{body}")
    assert got == [("Investigating crime", "adequate"), ("Responding to the public", "good")]
    assert problems == []


def test_grouped_comma_list_of_known_areas() -> None:
    html = """<h2>Our judgments</h2><h3>Good</h3>
      <p>Investigating crime, responding to the public and protecting vulnerable people</p>
      <h3>Inadequate</h3><p>Leadership and force management</p>"""
    got, _ = _read(html)
    assert got == [("Investigating crime", "good"), ("Responding to the public", "good"),
                   ("Protecting vulnerable people", "good"),
                   ("Leadership and force management", "inadequate")]


def test_pillar_headings_over_question_headings_with_grades() -> None:
    html = """<h1>Kent Fire and Rescue Service inspection 2023-25</h1>
      <section><h2>Our judgements</h2>
      <h3>Effectiveness</h3>
      <div><h4>Understanding fire and risk</h4><p>Good</p></div>
      <div><h4>Preventing fire and risk</h4><p>Adequate</p></div>
      <h3>Efficiency</h3>
      <div><h4>Future affordability</h4><p>Requires improvement</p></div>
      <h3>People</h3>
      <div><h4>Ensuring fairness and diversity</h4><p>Inadequate</p></div></section>"""
    grades, problems = grades_from_html(html.encode(), force="kent-fire", cycle=None)
    assert problems == []
    assert [(g.area, g.grade, g.area_key, g.cycle) for g in grades] == [
        ("Understanding fire and risk", "good", "understanding_risk", "2023-25"),
        ("Preventing fire and risk", "adequate", "preventing_fires", "2023-25"),
        ("Future affordability", "requires improvement", "future_affordability", "2023-25"),
        ("Ensuring fairness and diversity", "inadequate", "fairness_and_diversity", "2023-25")]


def test_pillar_paragraphs_and_captioned_chart() -> None:
    pillars = """<h2>Our judgments</h2><p>Effectiveness</p><p>Investigating crime</p>
      <p>Adequate</p><p>Responding to the public</p><p>Good</p><p>Legitimacy</p>
      <p>Treatment of the public</p><p>Inadequate</p>"""
    got, _ = _read(pillars, cycle="2021-22")
    assert got == [("Investigating crime", "adequate"), ("Responding to the public", "good"),
                   ("Treatment of the public", "inadequate")]
    chart = """<h2>Our judgments</h2><div><p>Summary chart</p><div><p>Good</p>
      <p>Investigating crime</p><p>Responding to the public</p></div><div><p>Adequate</p>
      <p>Treatment of the public</p><p>Good use of resources</p></div></div>"""
    got, _ = _read(chart, cycle="2021-22")
    assert got == [("Investigating crime", "good"), ("Responding to the public", "good"),
                   ("Treatment of the public", "adequate"), ("Good use of resources", "adequate")]


def test_peel_2014_to_2019_prose_judgments_give_the_pillar_or_question() -> None:
    html = """<h2>Overall judgment</h2>
    <p>The extent to which the constabulary is effective at keeping people safe and reducing
    crime requires improvement.</p>
    <p>The extent to which the force is efficient at keeping people safe and reducing crime is
    judged to be good.</p>
    <p>The extent to which the force is effective at investigating crime and reducing
    re-offending is good.</p>"""
    got, problems = _read(html, cycle="2016")
    assert got == [("Effectiveness", "requires improvement"), ("Efficiency", "good"),
                   ("Investigating crime and reducing re-offending", "good")]
    assert problems == []


def test_a_finding_label_or_other_prose_is_never_a_grade() -> None:
    html = """<h2>Areas for improvement: good</h2><p>Areas for improvement: good</p>
    <p>The extent to which the force is effective at talking to people is good.</p>
    <h3>Good practice</h3><p>The force shares what works.</p>"""
    got, problems = _read(html, cycle="2016")
    assert got == [] and problems == []
