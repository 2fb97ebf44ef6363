"""Full PEEL / fire report pages -> Extraction (title, date, force, PDFs, grades)."""
from __future__ import annotations

from datetime import date

from extractors.pages.peel_report import extract_peel_page

SITE = "https://hmicfrs.justiceinspectorates.gov.uk"

ESSEX_2023_25 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>PEEL 2023–25: An inspection of Essex Police - HMICFRS</title></head>
<body>
<header class="site-header"><nav><ul><li><a href="/about-us/">About us</a></li>
  <li><a href="/wp-content/uploads/annual-report.pdf">Annual report (PDF document)</a></li>
</ul></nav></header>
<main><article>
<div class="breadcrumbs"><a href="/">Home</a> / <a href="/peel-reports/">PEEL reports</a></div>
<h1>PEEL 2023–25: An inspection of Essex Police</h1>
<div class="meta"><span class="label">Published on:</span> <span>16 January 2025</span></div>
<ul class="contents"><li><a href="#overview">Overview</a></li>
  <li><a href="#judgments">Our judgments</a></li><li><a href="#ic">Investigating crime</a></li>
  <li><a href="#ic">Good</a></li></ul>
<h2>Overview</h2>
<p>Our inspection assessed how good Essex Police is in nine areas of policing.</p>
<h2>Our judgments</h2>
<table class="judgments">
<tr><th>Area of policing</th><th>Grade</th></tr>
<tr><td>Recording data about crime</td><td>Good</td></tr>
<tr><td>Police powers and public treatment</td><td>Adequate</td></tr>
<tr><td>Preventing and deterring crime and antisocial behaviour, and reducing vulnerability</td>
    <td>Adequate</td></tr>
<tr><td>Responding to the public</td><td>Requires improvement</td></tr>
<tr><td>Investigating crime</td><td>Adequate</td></tr>
<tr><td>Protecting vulnerable people</td><td>Good</td></tr>
<tr><td>Managing offenders and suspects</td><td>Good</td></tr>
<tr><td>Building, supporting and protecting the workforce</td><td>Adequate</td></tr>
<tr><td>Leadership and force management</td><td>Good</td></tr>
</table>
<p>We also inspected the service the force gives to victims of crime. This is the victim
service assessment and we don't grade it.</p>
<h2 id="ic">Investigating crime</h2><p><strong>Adequate</strong></p>
<p>The force is good at some parts of investigating crime and needs to improve others.</p>
<h2>Get the report</h2>
<p><a href="/peel-reports/essex-2023-25/html/">Read the report online (HTML)</a></p>
<p><a href="https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/peel-2023-25-essex.pdf">
PEEL 2023–25: Essex Police (PDF document)</a></p>
<p><a href="../../wp-content/uploads/peel-2023-25-essex-data.pdf">Data annex</a></p>
</article></main>
<footer><a href="/wp-content/uploads/privacy.pdf">Privacy notice (PDF document)</a></footer>
</body></html>"""


def test_essex_2023_25_page() -> None:
    source = f"{SITE}/peel-reports/essex-2023-25/"
    ext = extract_peel_page(ESSEX_2023_25.encode(), source)
    assert ext.kind == "peel_report"
    assert ext.problems == []
    pub = ext.publication
    assert pub.title == "PEEL 2023–25: An inspection of Essex Police"
    assert pub.published_on == date(2025, 1, 16)
    assert pub.forces == ["essex"] and pub.fire_services == []
    assert [(d.url, d.kind, d.language) for d in pub.documents] == [
        ("https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/peel-2023-25-essex.pdf",
         "pdf", "en"),
        (f"{SITE}/wp-content/uploads/peel-2023-25-essex-data.pdf", "pdf", "en")]
    assert [(g.force, g.area, g.grade, g.cycle, g.page) for g in ext.grades] == [
        ("essex", "Recording data about crime", "good", "2023-25", None),
        ("essex", "Police powers and public treatment", "adequate", "2023-25", None),
        ("essex", "Preventing and deterring crime and antisocial behaviour, and reducing "
                  "vulnerability", "adequate", "2023-25", None),
        ("essex", "Responding to the public", "requires improvement", "2023-25", None),
        ("essex", "Investigating crime", "adequate", "2023-25", None),
        ("essex", "Protecting vulnerable people", "good", "2023-25", None),
        ("essex", "Managing offenders and suspects", "good", "2023-25", None),
        ("essex", "Building, supporting and protecting the workforce", "adequate", "2023-25",
         None),
        ("essex", "Leadership and force management", "good", "2023-25", None)]
    assert all(g.area_key for g in ext.grades)


def test_contract_json_shape() -> None:
    ext = extract_peel_page(ESSEX_2023_25.encode(), f"{SITE}/peel-reports/essex-2023-25/")
    data = ext.to_json()
    assert data["kind"] == "peel_report"
    assert data["publication"]["published_on"] == "2025-01-16"
    assert data["publication"]["forces"] == ["essex"]
    assert data["recommendations"] == []
    assert data["grades"][4] == {"force": "essex", "area": "Investigating crime",
                                 "grade": "adequate", "cycle": "2023-25", "page": None}


NORFOLK_2021_22 = """<html><body>
<div id="content">
<h1 class="entry-title">PEEL 2021/22: An inspection of Norfolk Constabulary</h1>
<p class="date">Published: 3 March 2022</p>
<section>
<h2>Our judgments</h2>
<p>Our inspection assessed how good Norfolk Constabulary is in ten areas of policing. We make
graded judgments in nine of these ten as follows:</p>
<table>
<thead><tr><th>Outstanding</th><th>Good</th><th>Adequate</th><th>Requires improvement</th>
<th>Inadequate</th></tr></thead>
<tbody><tr>
<td>Good use of resources</td>
<td><p>Investigating crime</p><p>Protecting vulnerable people</p>
    <p>Developing a positive workplace</p></td>
<td><p>Treatment of the public</p><p>Preventing crime and anti-social behaviour</p>
    <p>Managing offenders and suspects</p></td>
<td><p>Responding to the public</p></td>
<td></td>
</tr></tbody></table>
<p>We also inspected how effective a service the force gives to victims of crime. We don't
make a graded judgment in this area.</p>
</section>
<section><h2>Download</h2>
<a href="/wp-content/uploads/peel-assessment-2021-22-norfolk.pdf">Download the report</a>
<a href="/wp-content/uploads/peel-assessment-2021-22-norfolk-welsh.pdf">Welsh version</a>
</section></div></body></html>"""


def test_norfolk_2021_22_grade_columns() -> None:
    ext = extract_peel_page(NORFOLK_2021_22.encode(), f"{SITE}/peel-reports/norfolk-2021-22/")
    assert ext.problems == []
    assert ext.publication.forces == ["norfolk"]
    assert ext.publication.published_on == date(2022, 3, 3)
    assert [(d.url.rsplit("/", 1)[-1], d.language) for d in ext.publication.documents] == [
        ("peel-assessment-2021-22-norfolk.pdf", "en"),
        ("peel-assessment-2021-22-norfolk-welsh.pdf", "cy")]
    assert {g.area: g.grade for g in ext.grades} == {
        "Good use of resources": "outstanding",
        "Investigating crime": "good",
        "Protecting vulnerable people": "good",
        "Developing a positive workplace": "good",
        "Treatment of the public": "adequate",
        "Preventing crime and anti-social behaviour": "adequate",
        "Managing offenders and suspects": "adequate",
        "Responding to the public": "requires improvement"}
    assert {g.cycle for g in ext.grades} == {"2021-22"}
    assert {g.force for g in ext.grades} == {"norfolk"}


KENT_2016 = """<html><body><h1>PEEL: Police effectiveness 2016 – Kent Police</h1>
<p>Published on: 2 March 2017</p>
<h2>Our judgements</h2>
<dl>
<dt>How effective is the force at keeping people safe and reducing crime?</dt><dd>Good</dd>
<dt>Preventing crime and tackling anti-social behaviour</dt><dd>Good</dd>
<dt>Investigating crime and reducing re-offending</dt><dd>Requires improvement</dd>
<dt>Protecting vulnerable people and supporting victims</dt><dd>Adequate</dd>
<dt>Tackling serious and organised crime</dt><dd>Inadequate</dd>
<dt>Specialist capabilities</dt><dd>Ungraded</dd>
</dl>
<p><a href="peel-police-effectiveness-2016-kent.pdf">Report (PDF document)</a></p>
</body></html>"""


def test_kent_2016_four_point_rejects_adequate() -> None:
    source = "/data/pages/peel-police-effectiveness-2016-kent.html"
    ext = extract_peel_page(KENT_2016.encode(), source)
    assert ext.publication.forces == ["kent"]
    assert ext.publication.published_on == date(2017, 3, 2)
    assert [d.url for d in ext.publication.documents] == [
        "peel-police-effectiveness-2016-kent.pdf"]
    assert [(g.area_key, g.grade, g.cycle) for g in ext.grades] == [
        ("effectiveness", "good", "2016"), ("preventing_crime", "good", "2016"),
        ("investigating_crime", "requires improvement", "2016"),
        ("tackling_serious_organised_crime", "inadequate", "2016")]
    assert [p.reason for p in ext.problems] == [
        "grade 'adequate' for area 'Protecting vulnerable people and supporting victims' is "
        "outside the 4-point peel scale of cycle 2016"]


FIRE_2023_25 = """<html><body>
<h1>Essex County Fire and Rescue Service: Fire and rescue service inspection 2023–25</h1>
<p><strong>Published on:</strong> 20 November 2024</p>
<h2>Our judgments</h2>
<ul>
<li><span>Understanding the risk of fire and other emergencies</span><span>Good</span></li>
<li><span>Preventing fires and other risks</span><span>Adequate</span></li>
<li><span>Protecting the public through fire regulation</span><span>Adequate</span></li>
<li><span>Responding to fires and other emergencies</span><span>Good</span></li>
<li><span>Responding to major and multi-agency incidents</span><span>Outstanding</span></li>
<li><span>Making best use of resources</span><span>Requires improvement</span></li>
<li><span>Making the fire and rescue service affordable now and in the future</span>
    <span>Adequate</span></li>
<li><span>Promoting the right values and culture</span><span>Inadequate</span></li>
<li><span>Getting the right people with the right skills</span><span>Adequate</span></li>
<li><span>Ensuring fairness and promoting diversity</span><span>Requires improvement</span></li>
<li><span>Managing performance and developing leaders</span><span>Good</span></li>
</ul></body></html>"""


def test_fire_round_three_page() -> None:
    ext = extract_peel_page(FIRE_2023_25.encode(), f"{SITE}/frs-assessment/frs-2023-25/essex/")
    assert ext.problems == []
    assert ext.publication.forces == []
    assert ext.publication.fire_services == ["essex-fire"]
    assert ext.publication.published_on == date(2024, 11, 20)
    assert [(g.area, g.grade) for g in ext.grades] == [
        ("Understanding the risk of fire and other emergencies", "good"),
        ("Preventing fires and other risks", "adequate"),
        ("Protecting the public through fire regulation", "adequate"),
        ("Responding to fires and other emergencies", "good"),
        ("Responding to major and multi-agency incidents", "outstanding"),
        ("Making best use of resources", "requires improvement"),
        ("Making the fire and rescue service affordable now and in the future", "adequate"),
        ("Promoting the right values and culture", "inadequate"),
        ("Getting the right people with the right skills", "adequate"),
        ("Ensuring fairness and promoting diversity", "requires improvement"),
        ("Managing performance and developing leaders", "good")]
    assert {(g.force, g.cycle) for g in ext.grades} == {("essex-fire", "2023-25")}
    assert len({g.area_key for g in ext.grades}) == 11 and None not in {g.area_key
                                                                        for g in ext.grades}


def test_force_from_slug_when_title_has_none_and_mismatch_flagged() -> None:
    page = (b"<h1>PEEL 2023-25 inspection</h1><h2>Our judgments</h2>"
            b"<p>Investigating crime: Good</p>")
    ext = extract_peel_page(page, f"{SITE}/peel-reports/west-mercia-2023-25/")
    assert ext.publication.forces == ["west-mercia"]
    assert [(g.force, g.grade) for g in ext.grades] == [("west-mercia", "good")]
    assert ext.problems == []
    page = (b"<h1>PEEL 2023-25: An inspection of Kent Police</h1><h2>Our judgments</h2>"
            b"<p>Investigating crime: Good</p>")
    ext = extract_peel_page(page, f"{SITE}/peel-reports/essex-2023-25/")
    assert ext.publication.forces == ["kent"]
    assert [p.reason for p in ext.problems] == [
        "title names 'kent' but the URL names 'essex'; using the title"]


def test_page_without_force_or_grades_reports_problems() -> None:
    page = b"<h1>An inspection report</h1><p>Nothing graded here at all, only words.</p>"
    ext = extract_peel_page(page, "/tmp/page.html")
    assert ext.grades == []
    assert [p.reason for p in ext.problems] == [
        "police force not identified", "inspection cycle not identified",
        "no graded judgments found on the report page"]
    assert ext.to_json()["publication"]["forces"] == []


def test_a_report_page_the_listing_links_straight_without_grades_is_a_note_not_a_problem(
        ) -> None:
    """A letter or report page the listing links to straight need not grade anyone: its
    "no graded judgments" is a note; on a PEEL page in a publication it stays a problem."""
    from extractors.pages.base import PageContext
    from extractors.pages.registry import extract
    from extractors.records import ProblemCode, Stage
    page = (b"<html><head><title>PEEL 2023-25: Kent Police</title></head><body><main>"
            b"<h1>PEEL 2023-25: An inspection of Kent Police</h1><p>Published 3 March 2025"
            b"</p><h2>Our judgments</h2><p>We will grade the force in our next inspection.</p>"
            b"</main></body></html>")
    url = f"{SITE}/peel-reports/kent-2023-25/"
    listed = extract(page, url, PageContext(position="listed"))
    assert listed.kind == "peel_report"
    no_grades = [p for p in listed.problems if p.code == ProblemCode.NO_GRADES]
    assert [p.stage for p in no_grades] == [Stage.NOTE]
    in_publication = extract(page, url, PageContext(position="html"))
    assert [p.stage for p in in_publication.problems if p.code == ProblemCode.NO_GRADES] == [
        Stage.EXTRACT]
