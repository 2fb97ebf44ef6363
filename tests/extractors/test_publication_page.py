"""Landing pages in several markups: the facts come from labels and text, not classes."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.pages.landing import extract_publication_page

CHROME = """<header class="site-header"><nav><a href="/publications/">Publications</a>
<p>Published on: 1 January 2001</p></nav></header>
<div class="cookie-banner">We use cookies. Published on: 2 February 2002</div>"""
FOOTER = """<aside class="sidebar"><h2>Related publications</h2><ul>
<li><a href="/publications/other/">Other report</a> Published on: 3 March 2003</li>
<li><a href="/uploads/other-report.pdf">Other report (PDF document)</a></li></ul></aside>
<footer>Police forces: Kent Police. Published on: 4 April 2004</footer>"""


def page(body: str) -> bytes:
    return f"<html><head><title>T</title></head><body>{CHROME}<main>{body}</main>{FOOTER}</body></html>".encode()


MARKUPS = {
    "strong-in-p": """<h1>Police custody in Norfolk</h1>
        <p><strong>Published on:</strong> 16 January 2025</p>
        <p><strong>Publication types:</strong> <a href="/t/a">Custody suites</a> and <a href="/t/b">Joint inspections</a></p>
        <p><strong>Police forces:</strong> Norfolk Constabulary</p>""",
    "definition-list": """<article><h1>Police custody in Norfolk</h1><dl>
        <dt>Published on</dt><dd>16 January 2025</dd>
        <dt>Publication types</dt><dd>Custody suites and Joint inspections</dd>
        <dt>Police forces</dt><dd><a href="/f/norfolk">Norfolk</a></dd></dl></article>""",
    "table": """<h1>Police custody in Norfolk</h1><table>
        <tr><th>Published on:</th><td>Thursday 16th January 2025</td></tr>
        <tr><th>Publication types:</th><td>Custody suites, Joint inspections</td></tr>
        <tr><th>Police forces:</th><td>Norfolk Police</td></tr></table>""",
    "spans-and-br": """<div><h1>Police custody in Norfolk</h1><div class="x">
        <span class="a">Published on:</span> <span class="b">16/01/2025</span><br>
        <span>Publication types:</span> <span>Custody suites and Joint inspections</span><br>
        <span>Police forces:</span> <span>Norfolk Constabulary</span></div></div>""",
    "headings": """<h1>Police custody in Norfolk</h1>
        <h3>Published on</h3><p>16 January 2025</p>
        <h3>Publication types</h3><ul><li><a>Custody suites</a></li><li><a>Joint inspections</a></li></ul>
        <h3>Police forces</h3><p>Norfolk Constabulary</p>""",
}


@pytest.mark.parametrize("name", sorted(MARKUPS))
def test_same_facts_from_every_markup(name: str) -> None:
    ext = extract_publication_page(page(MARKUPS[name]), "https://example.test/publications/x/")
    pub = ext.publication
    assert pub.title == "Police custody in Norfolk"
    assert pub.published_on == date(2025, 1, 16)
    assert pub.publication_types == ["Custody suites", "Joint inspections"]
    assert pub.forces == ["norfolk"] and pub.all_forces is False
    assert ext.problems == []


def test_reference_report_landing_page() -> None:
    body = """<h1>How effectively do the police record crime?</h1>
      <p>Published on: 28 August 2025</p>
      <p>Publication types: Crime recording, Data, Data quality and Spotlight</p>
      <p>Police forces: All local forces in England and Wales</p>
      <section><h2>Get the report</h2><p>Read the report online</p>
      <p><a href="https://hmicfrs.justiceinspectorates.gov.uk/publication-html/police-crime-recording/">How effectively do the police record crime? (HTML)</a></p>
      <p>Download the report</p>
      <p><a href="https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/how-effectively-do-the-police-record-crime.pdf">How effectively do the police record crime? (PDF document)</a></p>
      <p><a href="/uploads/cy-sut-mae-r-heddlu.pdf">Os hoffech chi ddarllen hwn trwy'r Gymraeg (PDF document)</a></p></section>"""
    ext = extract_publication_page(page(body), "http://127.0.0.1:9/publications/crime-recording/")
    pub = ext.publication
    assert pub.published_on == date(2025, 8, 28)
    assert pub.publication_types == ["Crime recording", "Data", "Data quality", "Spotlight"]
    assert pub.all_forces and len(pub.forces) == 43
    kinds = [(d.kind, d.language) for d in pub.documents]
    assert kinds == [("html", "en"), ("pdf", "en"), ("pdf", "cy")]
    assert pub.documents[2].url == "http://127.0.0.1:9/uploads/cy-sut-mae-r-heddlu.pdf"
    assert "other-report.pdf" not in " ".join(d.url for d in pub.documents)


def test_aliases_and_multi_force() -> None:
    body = """<h1>Joint report</h1><p>Published on: 3 June 2019</p>
      <p>Police forces: Devon &amp; Cornwall, Dorset Police and Avon and Somerset Constabulary</p>"""
    pub = extract_publication_page(page(body), "u").publication
    assert pub.forces == ["devon-and-cornwall", "dorset", "avon-and-somerset"]


def test_missing_date_and_unknown_force_are_problems() -> None:
    body = """<h1>Something</h1><p>Publication types: Custody suites</p>
      <p>Police forces: Gotham City Police and Kent Police</p>"""
    ext = extract_publication_page(page(body), "u")
    reasons = " | ".join(p.reason for p in ext.problems)
    assert "no publication date" in reasons
    assert "unknown police force" in reasons and "gotham" in reasons.lower()
    assert ext.publication.forces == ["kent"]


def test_unreadable_date_is_a_problem_not_a_guess() -> None:
    body = "<h1>Something</h1><p>Published on: sometime soon</p>"
    ext = extract_publication_page(page(body), "u")
    assert ext.publication.published_on is None
    assert any("unreadable publication date" in p.reason for p in ext.problems)


def test_fire_page_has_no_police_forces() -> None:
    body = """<h1>Essex County Fire and Rescue Service inspection</h1>
      <p>Published on: 5 July 2023</p><p>Publication types: Fire &amp; rescue services</p>
      <p>Fire &amp; rescue services: Essex County Fire and Rescue Service</p>"""
    pub = extract_publication_page(page(body), "u").publication
    assert pub.publication_types == ["Fire & rescue services"]
    assert pub.forces == [] and pub.fire_services == ["essex-fire"]


def test_report_block_links_by_meaning_and_welsh_told_apart() -> None:
    body = """<h1>How well do Welsh forces respond to stalking?</h1>
      <p>Published on: 1 May 2024</p><p>Police forces: Gwent Police and South Wales Police</p>
      <div><h2>Get the report</h2><h3>Read the report online</h3>
      <p><a href="/reports/welsh-forces-stalking/">How well do Welsh forces respond to stalking?</a></p>
      <p><a href="/publication-type/stalking/">Stalking</a></p>
      <h3>Download the report</h3>
      <p><a href="/uploads/welsh-forces-stalking.pdf">How well do Welsh forces respond to stalking? (PDF document)</a></p>
      <p><a href="/uploads/welsh-forces-stalking-cy.pdf">Adroddiad (Cymraeg) (PDF document)</a></p></div>"""
    pub = extract_publication_page(page(body), "https://example.test/publications/x/").publication
    assert [(d.url.rsplit("/", 2)[-2:], d.kind, d.language) for d in pub.documents] == [
        (["welsh-forces-stalking", ""], "html", "en"),
        (["uploads", "welsh-forces-stalking.pdf"], "pdf", "en"),
        (["uploads", "welsh-forces-stalking-cy.pdf"], "pdf", "cy")]


def test_without_a_police_forces_line_the_title_names_the_force() -> None:
    body = """<h1>PEEL 2023–25: An inspection of Essex Police</h1>
      <p>Published on: 14 November 2024</p><p>Publication types: PEEL</p>"""
    pub = extract_publication_page(page(body), "u").publication
    assert pub.forces == ["essex"] and pub.forces_text is None
    body = "<h1>Custody suites in Norfolk</h1><p>Published on: 14 November 2024</p>"
    assert extract_publication_page(page(body), "u").publication.forces == []
