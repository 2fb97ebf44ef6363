"""Responses sections on landing pages, the bodies they name, and response dates."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.html.text import main_content, parse_html
from extractors.responses.bodies import body_of
from extractors.responses.printed import printed_date
from extractors.responses.section import response_links

BASE = "https://hmicfrs.justiceinspectorates.gov.uk/publications/some-report/"

H2_LIST = """<main><h1>Some report</h1><p>Published on: 16 January 2025</p>
<h2>Get the report</h2><p><a href="/uploads/report.pdf">Some report (PDF document)</a></p>
<h2>Get the police and crime commissioners' responses to the report</h2>
<ul><li><a href="https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/gwent-pcc.pdf">Gwent PCC’s response (PDF document)</a></li>
<li><a href="/uploads/merseyside-pcc.pdf">Merseyside PCC’s response (PDF document)</a></li>
<li><a href="https://www.devonandcornwall-pcc.gov.uk/hmicfrs/some-report">Devon and Cornwall PCC’s response</a></li>
<li><a href="/uploads/fed.pdf">Police Federation’s response (PDF document)</a></li></ul>
<p><a href="/about-us/why-we-publish/">Find out why we publish PCC responses.</a></p>
<h2>Related</h2><p><a href="/publications/other/">Cheshire PCC’s response to another report</a></p></main>"""

P_BR = """<div class="entry-content"><h1>Old report</h1>
<p><strong>Get the police and crime commissioners’ responses to the national report</strong><br>
<a href="/uploads/cheshire.pdf">Cheshire police and crime commissioner’s response to ‘Crime data integrity’ (PDF document)</a><br>
<a href="/uploads/avon.pdf">Avon and Somerset police and crime commissioner’s letter in response to “Crime data integrity in Essex” (PDF document)</a><br>
<a href="/uploads/city.pdf">Chair of the Police Committee for the City of London’s response (PDF document)</a></p>
<p>Find out why we publish PCC responses.</p></div>"""

DETAILS = """<main><details><summary>Responses to this report</summary>
<p><a href="/uploads/gm.pdf">Mayor of Greater Manchester’s response (PDF document)</a></p>
<p><a href="/uploads/mopac.pdf">MOPAC response (PDF document)</a></p></details>
<h2>Other</h2><a href="/uploads/x.pdf">Chief Constable of Kent’s response (PDF document)</a></main>"""


def _links(html: str):
    return response_links(main_content(parse_html(html.encode())), BASE)


def test_h2_and_list_markup_gives_one_record_per_link_with_force_and_kind():
    got = [(r.body, r.force_id, r.kind, r.reason is None) for r in _links(H2_LIST)]
    assert got == [
        ("Gwent PCC’s response", "gwent", "pdf", True),
        ("Merseyside PCC’s response", "merseyside", "pdf", True),
        ("Devon and Cornwall PCC’s response", "devon-and-cornwall", "html", True),
        ("Police Federation’s response", None, "pdf", False),
        ("Cheshire PCC’s response to another report", "cheshire", "html", True),
    ]
    urls = [r.url for r in _links(H2_LIST)]
    assert urls[1] == "https://hmicfrs.justiceinspectorates.gov.uk/uploads/merseyside-pcc.pdf"
    assert not any("why-we-publish" in u for u in urls)


def test_bold_line_and_br_markup_of_older_pages():
    got = [(r.force_id, r.kind) for r in _links(P_BR)]
    assert got == [("cheshire", "pdf"), ("avon-and-somerset", "pdf"), ("city-of-london", "pdf")]


def test_accordion_section_and_a_stray_chief_constable_link():
    got = [(r.body, r.force_id, r.reason) for r in _links(DETAILS)]
    assert got == [("Mayor of Greater Manchester’s response", "greater-manchester", None),
                   ("MOPAC response", "metropolitan", None)]


def test_a_page_without_responses_lists_none():
    assert _links("<main><h1>T</h1><p>Published on: 1 May 2024</p>"
                  "<h2>Get the report</h2><a href='/r.pdf'>T (PDF document)</a></main>") == []


@pytest.mark.parametrize("label,force", [
    ("Police, Fire and Crime Commissioner for Staffordshire’s response", "staffordshire"),
    ("Essex PFCC response (PDF document, 210 KB)", "essex"),
    ("Mayor of York and North Yorkshire’s response", "north-yorkshire"),
    ("West Yorkshire Mayor’s response", "west-yorkshire"),
    ("Deputy Mayor for Policing and Crime’s response", "metropolitan"),
    ("Dyfed-Powys PCC’s response", "dyfed-powys"),
])
def test_bodies_of_every_kind_map_to_their_force(label, force):
    assert body_of(label).force_id == force


@pytest.mark.parametrize("label", ["Chief Constable of Gwent’s response",
                                   "Police Federation response", "Kent Fire and Rescue Authority response",
                                   "Someone’s response", "Norfolk and Suffolk PCCs’ joint response"])
def test_bodies_that_are_not_one_obligated_body_carry_a_reason(label):
    match = body_of(label)
    assert match.force_id is None and match.reason


LETTER = """Office of the Police and Crime Commissioner for Gwent
Tŷ Cwmbran
14th October 2025
Dear HM Inspector,
Thank you for your report published on 28 August 2025 into crime recording.
"""


@pytest.mark.parametrize("text,expected", [
    (LETTER, date(2025, 10, 14)),
    ("Response of the Commissioner\nDate: 14/10/2025\nThe report of 28 August 2025 ...", date(2025, 10, 14)),
    ("Published on: 3 November 2025\nMy response to the report", date(2025, 11, 3)),
    ("PCC response\nOctober 14, 2025\nText", date(2025, 10, 14)),
    ("PCC response\n28 August 2025\n", date(2025, 8, 28)),
])
def test_printed_dates_in_every_form(text, expected):
    assert printed_date(text, date(2025, 8, 28)) == expected


def test_the_reports_own_date_quoted_in_a_sentence_is_not_the_responses_date():
    text = "Response to HMICFRS\nThe report published on 28 August 2025 found ...\n"
    assert printed_date(text, date(2025, 8, 28)) is None


def test_a_date_before_the_report_and_an_impossible_date_are_not_taken():
    assert printed_date("Date: 1 July 2025\n", date(2025, 8, 28)) is None
    assert printed_date("Date: 31/02/2025\n", date(2025, 1, 1)) is None
    assert printed_date("No date at all here", None) is None


@pytest.mark.parametrize("netloc,allowed", [
    ("www.surrey-pcc.gov.uk", True), ("www.essex.pfcc.police.uk", True),
    ("www.london.gov.uk", True), ("evil.example.com", False), ("pcc.gov.uk.evil.com", False),
])
def test_response_hosts_allowlist(netloc, allowed):
    from reference.response_hosts import response_host_allowed
    assert response_host_allowed(netloc) is allowed


def test_response_hosts_setting_adds_a_host(monkeypatch):
    from reference.response_hosts import response_host_allowed
    assert not response_host_allowed("127.0.0.1:8123")
    monkeypatch.setenv("HMICFRS_RESPONSE_HOSTS", "127.0.0.1:8123")
    assert response_host_allowed("127.0.0.1:8123")


def test_extract_json_lists_the_landing_pages_responses_and_a_response_documents_date():
    from extractors.pages.base import PageContext
    from extractors.pages.registry import extract
    from extractors.records import Publication
    page = ("<html><body><main><h1>Some report</h1><p>Published on: 16 January 2025</p>"
            "<p>Publication types: Police forces</p><p>Police forces: Gwent</p>"
            + H2_LIST.split("<h2>Get the police", 1)[1].join(["<h2>Get the police", ""])
            + "</main></body></html>").encode()
    out = extract(page, BASE).to_json()
    assert out["kind"] == "publication_page"
    assert [(r["force"], r["kind"]) for r in out["responses"]] == [
        ("gwent", "pdf"), ("merseyside", "pdf"), ("devon-and-cornwall", "html"),
        ("cheshire", "html")]
    assert not any("pcc.pdf" in d["url"] for d in out["publication"]["documents"])
    assert [p["stage"] for p in out["problems"]] == ["response"]  # the Federation's link
    letter = b"<html><body><main><h1>Response</h1><p>Date: 3 March 2025</p></main></body></html>"
    read = extract(letter, "https://www.gwent.pcc.police.uk/r", PageContext(
        position="response", publication=Publication(published_on=date(2025, 1, 16))))
    assert read.kind == "response_document" and read.responses[0].printed_on == date(2025, 3, 3)


def test_a_title_about_the_police_response_is_not_a_responses_section():
    page = ("<main><h1>The police response to victims of spiking: report on the "
            "super-complaint</h1><p>Published on: 1 May 2024</p><h2>Related</h2>"
            "<a href='/super-complaints/'>Super-complaints</a>"
            "<h2>Responses to this report</h2><a href='/uploads/nc.pdf'>Norfolk PCC’s "
            "response (PDF document)</a></main>")
    assert [(r.body, r.force_id) for r in _links(page)] == [("Norfolk PCC’s response", "norfolk")]
