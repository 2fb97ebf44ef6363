"""HTML report versions in many markups: findings are read by meaning, not by classes."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.pages.report_html import extract_report_html
from tests.extractors.report_recipes import SEED_RECOMMENDATIONS, SEED_TITLE

R1, R2, R3 = SEED_RECOMMENDATIONS
CHROME = """<header class="site"><a href="/">HMICFRS</a><nav><ul><li><a href="/publications/">
Publications</a></li><li><a href="#recommendations">Recommendations</a></li></ul></nav></header>
<div class="cookies">Published on: 1 January 2001</div>"""
FOOTER = """<footer><p>Recommendations are monitored. Published on: 2 February 2002</p></footer>"""


def page(main: str, date_line: str = "<p>Published on: 4 September 2025</p>",
         summary: bool = True) -> bytes:
    repeated = (f"<p><strong>Our recommendations</strong></p><ul><li>{R1}</li><li>{R2}</li>"
                f"<li>{R3}</li></ul>") if summary else ""
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{SEED_TITLE} - His "
            f"Majesty's Inspectorate</title></head><body>{CHROME}<main><h1>{SEED_TITLE}</h1>"
            f"{date_line}<nav class='toc'><h2>Contents</h2><ol><li><a href='#summary'>Summary"
            f"</a></li><li><a href='#recommendations'>Recommendations</a></li></ol></nav>"
            f"<h2 id='summary'>Summary</h2><p>Overall, forces\u2019 crime recording has "
            f"improved.</p>{repeated}{main}"
            f"<h2>About the data</h2><p>Forces should read the data notes.</p></main>"
            f"{FOOTER}</body></html>").encode()


SEED_MARKUPS = {
    "ol-under-h2": f"""<h2 id="recommendations">Recommendations</h2>
        <p>We make three recommendations, all directed at chief constables:</p>
        <ol><li>{R1}</li><li>{R2}</li><li>{R3}</li></ol>
        <h2>Areas for improvement</h2><p>There were no areas for improvement.</p>""",
    "h3-labels": f"""<section id="recommendations"><h2>Recommendations</h2>
        <p>Three recommendations are made, all of which are directed at Chief Constables
        nationally:</p>
        <h3 id="rec-1">Recommendation 1:</h3><p>{R1}</p>
        <h3 id="rec-2">Recommendation 2:</h3><p>{R2}</p>
        <h3 id="rec-3">Recommendation 3:</h3><p>{R3}</p></section>
        <h3>Areas For Improvement</h3><p>There were no areas for improvement.</p>""",
    "table": f"""<h2 id="recommendations">Our recommendations</h2>
        <table><thead><tr><th>Number</th><th>Recommendation</th></tr></thead>
        <tbody><tr><td>1</td><td>{R1}</td></tr><tr><td>2</td><td>{R2}</td></tr>
        <tr><td>3</td><td>{R3}</td></tr></tbody></table>""",
    "definition-list": f"""<div class="x"><h2 id="recommendations">Recommendations</h2><dl>
        <dt>Recommendation 1</dt><dd>{R1}</dd><dt>Recommendation 2</dt><dd><p>{R2}</p></dd>
        <dt>Recommendation 3</dt><dd>{R3}</dd></dl></div>""",
    "bold-paragraphs": f"""<div><p><b>Recommendations</b></p>
        <p><strong>Recommendation 1</strong></p><p>{R1}</p>
        <p><strong>Recommendation 2:</strong> {R2}</p>
        <p><strong>Recommendation 3</strong><br>{R3}</p>
        <p><strong>Areas for improvement</strong></p><p>None.</p></div>""",
    "nested-divs": f"""<article><div class="a"><div class="b"><h2>
        <span>Recommendations</span></h2></div>
        <div class="c"><div role="heading" aria-level="3">Recommendation 1</div>
        <div>{R1}</div><div role="heading" aria-level="3">Recommendation 2</div>
        <div><span>{R2}</span></div><div role="heading" aria-level="3">Recommendation 3</div>
        <div>{R3.replace("crime-recording", "<em>crime-recording</em>")}</div></div></div>
        </article>""",
}


@pytest.mark.parametrize("markup", sorted(SEED_MARKUPS))
def test_reference_report_yields_its_three_recommendations(markup: str) -> None:
    result = extract_report_html(page(SEED_MARKUPS[markup]), "https://x/publication-html/r/")
    assert result.kind == "report_html"
    assert [(f.kind, f.ref, f.text) for f in result.recommendations] == [
        ("recommendation", "1", R1), ("recommendation", "2", R2), ("recommendation", "3", R3)]
    assert not any(f.kind == "area_for_improvement" for f in result.recommendations)
    assert result.problems == []
    assert all(f.addressee == "forces" and f.due_by is None and f.force is None
               for f in result.recommendations)


def test_title_printed_date_and_key_findings() -> None:
    result = extract_report_html(page(SEED_MARKUPS["h3-labels"]), "r.html")
    pub = result.publication
    assert pub.title == SEED_TITLE
    assert pub.published_on == date(2025, 9, 4)          # this page's own (re-publication) date
    assert pub.key_findings is not None
    assert pub.key_findings.startswith("Overall, forces\u2019 crime recording has improved.")
    assert f"- {R1}" in pub.key_findings


def test_anchor_is_the_nearest_heading_id() -> None:
    result = extract_report_html(page(SEED_MARKUPS["h3-labels"]), "r.html")
    assert [f.anchor for f in result.recommendations] == ["rec-1", "rec-2", "rec-3"]
    assert all(f.page is None for f in result.recommendations)


def test_date_in_a_time_element_and_no_date() -> None:
    dated = extract_report_html(page("", "<p><time datetime='2025-08-28'>28 Aug</time></p>"), "r")
    assert dated.publication.published_on == date(2025, 8, 28)
    undated = extract_report_html(page("", ""), "r")
    assert undated.publication.published_on is None


AFI_PAGE = """<h2 id="afis">Areas for improvement</h2>
<ul><li>The force should improve how it records crime.</li>
<li>The force should make sure it updates victims.</li></ul>
<h2 id="afis-2">Areas for improvement (custody)</h2>
<ol start="3"><li>The force should improve its custody records.</li>
<li>The force should review detention times<ul><li>for children; and</li>
<li>for vulnerable adults.</li></ul></li></ol>
<h3>Investigating crime</h3>
<p><strong>Area for improvement:</strong> The force needs to improve supervision.</p>"""


def test_afi_lists_unnumbered_and_numbered() -> None:
    result = extract_report_html(page(AFI_PAGE, summary=False), "r")
    assert [(f.kind, f.ref, f.text) for f in result.recommendations] == [
        ("area_for_improvement", "1", "The force should improve how it records crime."),
        ("area_for_improvement", "2", "The force should make sure it updates victims."),
        ("area_for_improvement", "3", "The force should improve its custody records."),
        ("area_for_improvement", "4",
         "The force should review detention times for children; and for vulnerable adults."),
        ("area_for_improvement", "5", "The force needs to improve supervision.")]
    assert result.recommendations[0].anchor == "afis"


MULTI_FORCE = """<h2>Recommendations</h2>
<p>By 31 March 2026, chief constables should make sure all call handlers are trained.</p>
<h2>Recommendations for individual forces</h2>
<h3 id="essex">Essex Police</h3><ol><li>The force should review its call handling.</li></ol>
<h3 id="kent">Kent Police</h3><ol><li>The force should review its call handling.</li>
<li>The force should publish its response times.</li></ol>
<h3>Cleveland</h3><p>Cleveland Police should improve its crime recording.</p>
<h2>Cause of concern</h2><p>Forces in the region do not record crime well enough.</p>
<h3>Recommendation</h3><p>The Home Office and the College of Policing should agree a standard
by the end of December 2025.</p>"""


def test_multi_force_recommendations_are_addressed() -> None:
    result = extract_report_html(page(MULTI_FORCE, summary=False), "r")
    got = [(f.kind, f.ref, f.force, f.due_by, f.addressee) for f in result.recommendations]
    assert got == [
        ("recommendation", "1", None, date(2026, 3, 31), "chief constables"),
        ("recommendation", "1", "essex", None, "the force"),
        ("recommendation", "1", "kent", None, "the force"),
        ("recommendation", "2", "kent", None, "the force"),
        ("recommendation", "5", "cleveland", None, "Cleveland Police"),  # unnumbered: its
        # place among the report's recommendations in document order
        ("cause_of_concern", "1", None, None, None),
        ("recommendation", "6", None, date(2025, 12, 31), "Home Office; College of Policing")]
    assert result.problems == []


def test_empty_recommendations_section_is_a_problem() -> None:
    result = extract_report_html(page("<h2 id='recs'>Recommendations</h2><p>See annex B.</p>", summary=False),
                                 "https://x/r/")
    assert result.recommendations == []
    assert len(result.problems) == 1
    assert result.problems[0].location == "https://x/r/#recs"


@pytest.mark.parametrize("data", [b"", b"\x00\x01garbage", b"<html><body></body></html>"])
def test_unreadable_or_empty_html_does_not_raise(data: bytes) -> None:
    result = extract_report_html(data, "r")
    assert result.recommendations == []
    assert result.kind == "report_html"


def test_inline_markup_keeps_the_printed_spacing_and_table_timescales_give_due_dates() -> None:
    main = """<h2>Recommendations</h2><ol>
    <li><strong>By 30 September 2025</strong>, the chief constable of Dorset Police should
    share intelligence with the regional unit every day.</li></ol>
    <h2>Recommendations for the force</h2>
    <table><tr><th>No.</th><th>Recommendation</th><th>Timescale</th></tr>
    <tr><td>1</td><td>Staffordshire Police should record the grounds for every search.</td>
    <td>By 31 December 2019</td></tr>
    <tr><td>2</td><td>The force should publish its stop and search data.</td>
    <td>Within six months</td></tr></table>"""
    result = extract_report_html(page(main, summary=False), "r")
    got = [(f.ref, f.text, f.force, f.due_by) for f in result.recommendations]
    assert got == [
        ("1", "By 30 September 2025, the chief constable of Dorset Police should share "
              "intelligence with the regional unit every day.", "dorset", date(2025, 9, 30)),
        ("1", "Staffordshire Police should record the grounds for every search.",
         "staffordshire", date(2019, 12, 31)),
        ("2", "The force should publish its stop and search data.", None, None)]


@pytest.mark.parametrize("style, refs", [("i", ["i", "ii", "iii"]), ("I", ["I", "II", "III"]),
                                         ("a", ["a", "b", "c"])])
def test_ordered_lists_numbered_in_roman_or_letters_give_their_printed_refs(
        style: str, refs: list[str]) -> None:
    items = "".join(f"<li>The force should improve {what}.</li>"
                    for what in ("its crime records", "how it updates victims", "supervision"))
    result = extract_report_html(page(f"<h2>Areas for improvement</h2><ol type='{style}'>"
                                      f"{items}</ol>", summary=False), "r")
    assert not result.problems
    assert [(f.kind, f.ref) for f in result.recommendations] == [
        ("area_for_improvement", ref) for ref in refs]
